"""TBX (ISO 30042) glossary files: TBX-Basic in the TBX v3 DCA style, reading also TBX 2008 (<martif>)."""
from __future__ import annotations

from pathlib import Path

from lxml import etree

from reader.glossary.model import (DEFAULT_HOUSE_STYLE, HOUSE_STYLES, NOUN, GlossaryError, Term,
                                   make_id, validate_term)

TBX_NS = "urn:iso:std:iso:30042:ed-2"
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
SCHEMA_PI = ('href="https://raw.githubusercontent.com/LTAC-Global/TBX-Basic_dialect/master/DCA/'
             'TBXcoreStructV03_TBX-Basic_integrated.rng" type="application/xml" '
             'schematypens="http://relaxng.org/ns/structure/1.0"')
PREFERRED = "preferredTerm-admn-sts"
ADMITTED = "admittedTerm-admn-sts"
# House styles travel as TBX-Basic customerSubset values ("preferred for this client").
STYLE_PREFIX = "house style "


def _local(el) -> str:
    return etree.QName(el).localname if isinstance(el.tag, str) else ""


def _children(el, *names):
    return [c for c in el if _local(c) in names]


def _typed(el, kind: str, type_: str) -> list[str]:
    return [(c.text or "").strip() for c in el if _local(c) == kind and c.get("type") == type_]


def read_tbx(source: str | Path | bytes) -> list[Term]:
    """Terms of a TBX file (path or bytes).  Raises GlossaryError with a readable reason."""
    name = "TBX data" if isinstance(source, bytes) else str(source)
    parser = etree.XMLParser(resolve_entities=False, no_network=True, remove_comments=True, huge_tree=False)
    try:
        data = source if isinstance(source, bytes) else Path(source).read_bytes()
        root = etree.fromstring(data, parser)
    except OSError as exc:
        raise GlossaryError(f"Cannot read {name}: {exc.strerror or exc}.") from exc
    except etree.XMLSyntaxError as exc:
        raise GlossaryError(f"{name} is not a valid TBX file: {exc}.") from exc
    if _local(root) not in ("tbx", "martif"):
        raise GlossaryError(f"{name} is not a TBX file (its root element is <{_local(root)}>).")
    entries = [el for el in root.iter() if _local(el) in ("conceptEntry", "termEntry")]
    terms: list[Term] = []
    taken: set[str] = set()
    for n, entry in enumerate(entries, 1):
        term = _read_entry(entry, taken)
        if term is None:
            continue
        try:
            term = validate_term(term)
        except GlossaryError as exc:
            raise GlossaryError(f"{name}, entry {n}: {exc}") from exc
        taken.add(term.id)
        terms.append(term)
    return terms


def _notes(term_sec, note_type: str) -> list[str]:
    return [(e.text or "").strip() for e in term_sec.iter()
            if _local(e) == "termNote" and e.get("type") == note_type]


def _read_entry(entry, taken: set[str]) -> Term | None:
    category = next(iter(_typed(entry, "descrip", "subjectField")), "") or "concept"
    notes = [(c.text or "").strip() for c in _children(entry, "note")]
    note = notes[0] if notes else next(iter(_typed(entry, "descrip", "definition")), "")
    arabic: list[str] = []
    english, styles, variants, pos = None, {}, [], None
    for lang_sec in _children(entry, "langSec", "langSet"):
        lang = (lang_sec.get(XML_LANG) or lang_sec.get("lang") or "").lower()
        for term_sec in _children(lang_sec, "termSec", "tig", "ntig"):
            term_el = next((e for e in term_sec.iter() if _local(e) == "term"), None)
            text = "".join(term_el.itertext()).strip() if term_el is not None else ""
            if not text:
                continue
            pos = pos or next(iter(_notes(term_sec, "partOfSpeech")), None)
            if lang.startswith("ar"):
                arabic.append(text)
            elif lang.startswith("en"):
                subsets = [(e.text or "").strip() for e in term_sec.iter()
                           if _local(e) == "admin" and e.get("type") == "customerSubset"]
                style = next((s[len(STYLE_PREFIX):] for s in subsets if s.startswith(STYLE_PREFIX)), None)
                status = next(iter(_notes(term_sec, "administrativeStatus")), "")
                if style in HOUSE_STYLES:
                    styles[style] = text
                elif english is None and status in ("", PREFERRED):
                    english = text
                else:
                    variants.append(text)
    if not arabic and english is None and not styles:
        return None
    if english is None:
        english = styles.get(DEFAULT_HOUSE_STYLE) or next(iter(styles.values()), "") or (variants.pop(0) if variants else "")
    term_id = entry.get("id") or make_id(english or "term", taken)
    return Term(id=term_id, arabic=arabic, english=english, variants=variants, category=category,
                note=note, pos=pos or NOUN, styles=styles)


def write_tbx(terms: list[Term], title: str = "Bayan glossary") -> bytes:
    """Serialise terms as TBX-Basic (TBX v3, DCA style); stable output for stable input."""
    E = lambda tag, text=None, **attrs: _el(tag, text, attrs)  # noqa: E731
    root = E("tbx", type="TBX-Basic", style="dca")
    root.set(XML_LANG, "en")
    header = etree.SubElement(root, _q("tbxHeader"))
    file_desc = etree.SubElement(header, _q("fileDesc"))
    title_stmt = etree.SubElement(file_desc, _q("titleStmt"))
    etree.SubElement(title_stmt, _q("title")).text = title
    source_desc = etree.SubElement(file_desc, _q("sourceDesc"))
    etree.SubElement(source_desc, _q("p")).text = (
        "Arabic-English terminology. English terms marked with a customerSubset 'house style X' "
        "are the approved rendering under that house style.")
    body = etree.SubElement(etree.SubElement(root, _q("text")), _q("body"))
    for term in terms:
        entry = etree.SubElement(body, _q("conceptEntry"), id=term.id)
        entry.append(E("descrip", term.category, type="subjectField"))
        if term.note:
            entry.append(E("note", term.note))
        ar = etree.SubElement(entry, _q("langSec"))
        ar.set(XML_LANG, "ar")
        for i, form in enumerate(term.arabic):
            ar.append(_term_sec(form, PREFERRED if i == 0 else ADMITTED, term.pos))
        en = etree.SubElement(entry, _q("langSec"))
        en.set(XML_LANG, "en")
        if term.english != term.styles.get(DEFAULT_HOUSE_STYLE):
            en.append(_term_sec(term.english, PREFERRED, term.pos))
        for style, text in term.styles.items():
            sec = _term_sec(text, PREFERRED, term.pos)
            sec.append(E("admin", STYLE_PREFIX + style, type="customerSubset"))
            en.append(sec)
        for variant in term.variants:
            en.append(_term_sec(variant, ADMITTED, term.pos))
    tree = etree.ElementTree(root)
    root.addprevious(etree.ProcessingInstruction("xml-model", SCHEMA_PI))
    return etree.tostring(tree, xml_declaration=True, encoding="UTF-8", pretty_print=True)


def _q(tag: str) -> str:
    return f"{{{TBX_NS}}}{tag}"


def _el(tag: str, text: str | None, attrs: dict) -> etree._Element:
    el = etree.Element(_q(tag), nsmap={None: TBX_NS} if tag == "tbx" else None, **attrs)
    if text is not None:
        el.text = text
    return el


def _term_sec(text: str, status: str, pos: str) -> etree._Element:
    sec = etree.Element(_q("termSec"))
    etree.SubElement(sec, _q("term")).text = text
    etree.SubElement(sec, _q("termNote"), type="partOfSpeech").text = pos
    etree.SubElement(sec, _q("termNote"), type="administrativeStatus").text = status
    return sec
