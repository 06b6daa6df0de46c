"""XLIFF 1.2 export: every segment, its English (if any) and its state."""
from __future__ import annotations

from lxml import etree

from reader.cleaning import xml_safe
from reader.exchange.model import SOURCE_LANG, TARGET_LANG, BilingualDocument
from reader.project_store import APPROVED, EDITED, FROM_TM, MACHINE

NS = "urn:oasis:names:tc:xliff:document:1.2"
XML_SPACE = "{http://www.w3.org/XML/1998/namespace}space"
# Bayan status -> XLIFF 1.2 target state and state-qualifier (the spec's predefined values): machine
# output and a memory's English both still need a person's review, and say where they came from.
STATES: dict[str, str] = {MACHINE: "needs-review-translation", FROM_TM: "needs-review-translation",
                          EDITED: "translated", APPROVED: "final"}
QUALIFIERS: dict[str, str] = {MACHINE: "mt-suggestion", FROM_TM: "leveraged-tm"}


def write_xliff(docs: list[BilingualDocument]) -> bytes:
    root = etree.Element(f"{{{NS}}}xliff", version="1.2", nsmap={None: NS})
    for doc in docs:
        file_el = etree.SubElement(root, f"{{{NS}}}file", {
            "original": doc.doc_id, "source-language": SOURCE_LANG, "target-language": TARGET_LANG,
            "datatype": "plaintext", "tool-id": "bayan"})
        header = etree.SubElement(file_el, f"{{{NS}}}header")
        etree.SubElement(header, f"{{{NS}}}tool", {"tool-id": "bayan", "tool-name": "Bayan"})
        if doc.title:
            note = etree.SubElement(header, f"{{{NS}}}note")
            note.text = xml_safe(doc.title)
        body = etree.SubElement(file_el, f"{{{NS}}}body")
        for unit in doc.units:
            attrs = {"id": str(unit.index), "resname": f"{doc.doc_id}:{unit.index}", XML_SPACE: "preserve"}
            if unit.status == APPROVED:
                attrs["approved"] = "yes"
            tu = etree.SubElement(body, f"{{{NS}}}trans-unit", attrs)
            etree.SubElement(tu, f"{{{NS}}}source").text = xml_safe(unit.source)
            if unit.target:
                target = etree.SubElement(tu, f"{{{NS}}}target", state=STATES[unit.status])
                if unit.status in QUALIFIERS:
                    target.set("state-qualifier", QUALIFIERS[unit.status])
                target.text = xml_safe(unit.target)
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8", pretty_print=True)
