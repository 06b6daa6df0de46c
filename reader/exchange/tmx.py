"""TMX 1.4b: export of translated segments and import into a project (pre-fill)."""
from __future__ import annotations

import time
from dataclasses import dataclass
from pathlib import Path
from typing import Iterable

from lxml import etree

from reader.cleaning import xml_safe

import reader
from reader.arabic import normalize
from reader.document import Document
from reader.exchange.model import SOURCE_LANG, TARGET_LANG, BilingualDocument
from reader.project_store import HUMAN_STATUSES, ProjectStore
from reader.states import SegmentStatus
from reader.textfile import UnreadableFile, read_bytes

XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
DOCTYPE = '<!DOCTYPE tmx SYSTEM "tmx14.dtd">'


def _tmx_date(ts: float | None) -> str:
    return time.strftime("%Y%m%dT%H%M%SZ", time.gmtime(ts if ts is not None else time.time()))


def write_tmx(docs: list[BilingualDocument], statuses: Iterable[str] = HUMAN_STATUSES) -> bytes:
    """Segments whose status is in ``statuses`` (by default the human ones) as TMX 1.4b."""
    keep = frozenset(statuses)
    root = etree.Element("tmx", version="1.4")
    etree.SubElement(root, "header", {
        "creationtool": "Bayan", "creationtoolversion": reader.__version__, "segtype": "sentence",
        "o-tmf": "Bayan", "adminlang": "en", "srclang": SOURCE_LANG, "datatype": "plaintext",
        "creationdate": _tmx_date(None),
    })
    body = etree.SubElement(root, "body")
    for doc in docs:
        for unit in doc.units:
            if unit.status not in keep or not unit.target:
                continue
            tu = etree.SubElement(body, "tu", tuid=f"{doc.doc_id}:{unit.index}",
                                  changedate=_tmx_date(unit.updated))
            etree.SubElement(tu, "prop", type="x-document").text = xml_safe(doc.doc_id)
            etree.SubElement(tu, "prop", type="x-status").text = unit.status
            for lang, text in ((SOURCE_LANG, unit.source), (TARGET_LANG, unit.target)):
                tuv = etree.SubElement(tu, "tuv", {XML_LANG: lang})
                etree.SubElement(tuv, "seg").text = xml_safe(text)
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8", pretty_print=True,
                          doctype=DOCTYPE)


@dataclass(frozen=True)
class TmEntry:
    source: str
    target: str
    # The unit's x-status property where a tool wrote one (Bayan writes its segment statuses):
    # "machine" marks engine output, which is no translation memory's work.
    status: str | None = None

    @property
    def machine(self) -> bool:
        return self.status == str(SegmentStatus.MACHINE)


def read_tmx(source: str | Path | bytes) -> list[TmEntry]:
    """Arabic→English pairs of a TMX file; raises UnreadableFile with a reason if it is not one."""
    name = "The translation memory" if isinstance(source, bytes) else Path(source).name
    data = source if isinstance(source, bytes) else read_bytes(source)
    # No DTD loading, no entities, no network: a TMX is data, not a program.
    parser = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False, huge_tree=True)
    try:
        root = etree.fromstring(data, parser)
    except etree.XMLSyntaxError as exc:
        raise UnreadableFile(f"{name} is not valid XML: {exc}.") from exc
    if etree.QName(root).localname != "tmx":
        raise UnreadableFile(f"{name} is not a TMX file (its root element is <{etree.QName(root).localname}>).")
    entries = []
    for tu in root.iter("tu"):
        by_lang: dict[str, str] = {}
        for tuv in tu.findall("tuv"):
            lang = (tuv.get(XML_LANG) or tuv.get("lang") or "").lower()
            seg = tuv.find("seg")
            if seg is not None:
                by_lang.setdefault(lang.split("-")[0], "".join(seg.itertext()))
        src, tgt = by_lang.get(SOURCE_LANG), by_lang.get(TARGET_LANG)
        status = next((p.text for p in tu.findall("prop") if p.get("type") == "x-status"), None)
        if src and tgt and tgt.strip():
            entries.append(TmEntry(src, tgt, status))
    return entries


def match_key(text: str) -> str:
    """Exact-match key: search normalisation and collapsed white space."""
    return " ".join(normalize(text).split())


def tm_pairs(doc: Document, entries: Iterable[TmEntry]) -> list[tuple[int, str]]:
    """(segment index, English) for every segment whose Arabic matches a memory entry (machine
    output marked as such in the file is no memory's English and is left out)."""
    memory = {match_key(e.source): e.target for e in entries if not e.machine}
    return [(seg.index, memory[key]) for seg in doc.segments if (key := match_key(seg.text)) in memory]


def prefill_from_tm(doc: Document, store: ProjectStore, entries: Iterable[TmEntry]) -> int:
    """Fill segments whose Arabic matches a memory entry; human work is never replaced.
    Returns how many segments were filled."""
    return store.prefill(tm_pairs(doc, entries), origin="tmx")
