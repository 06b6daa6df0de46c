"""Units of a TMX or XLIFF file in file order, keeping units that have no English yet (QA reports them)."""
from __future__ import annotations

from pathlib import Path

from lxml import etree

from reader.exchange.model import SOURCE_LANG, TARGET_LANG
from reader.qa.model import Unit
from reader.textfile import UnreadableFile, read_bytes

XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
SUFFIXES = (".tmx", ".xlf", ".xliff")


def read_units(path: str | Path) -> list[Unit]:
    """Raises UnreadableFile with one sentence when the file is not a TMX or XLIFF file."""
    name = Path(path).name
    # No DTD, no entities, no network: a memory file is data, not a program.
    parser = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False, huge_tree=True)
    try:
        root = etree.fromstring(read_bytes(path), parser)
    except etree.XMLSyntaxError as exc:
        raise UnreadableFile(f"{name} is not valid XML: {exc}.") from exc
    kind = etree.QName(root).localname
    if kind == "tmx":
        return _tmx(root)
    if kind == "xliff":
        return _xliff(root)
    raise UnreadableFile(f"{name} is neither a TMX nor an XLIFF file (its root element is <{kind}>).")


def _text(element: etree._Element | None) -> str:
    return "".join(element.itertext()) if element is not None else ""


def _tmx(root: etree._Element) -> list[Unit]:
    units = []
    for n, tu in enumerate(root.iter("tu")):
        by_lang: dict[str, str] = {}
        for tuv in tu.findall("tuv"):
            lang = (tuv.get(XML_LANG) or tuv.get("lang") or "").lower().split("-")[0]
            by_lang.setdefault(lang, _text(tuv.find("seg")))
        units.append(Unit(n, by_lang.get(SOURCE_LANG, ""), by_lang.get(TARGET_LANG, "")))
    return units


def _xliff(root: etree._Element) -> list[Unit]:
    units = []
    # XLIFF 1.2 <trans-unit> and 2.x <segment>, in any namespace.
    for n, tu in enumerate(e for e in root.iter() if isinstance(e.tag, str)
                           and etree.QName(e).localname in ("trans-unit", "segment")):
        parts = {etree.QName(c).localname: _text(c) for c in tu if isinstance(c.tag, str)}
        units.append(Unit(n, parts.get("source", ""), parts.get("target", "")))
    return units
