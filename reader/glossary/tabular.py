"""Glossaries as OmegaT reads them: UTF-8 tab- or comma-separated, columns source, target, comment.

OmegaT ignores columns after the third and lines starting with '#', so Bayan's
own fields (id, category, variants, part of speech, house styles) ride along in
extra columns and a plain OmegaT glossary still imports: one row per Arabic form.
"""
from __future__ import annotations

import csv
import io
from pathlib import Path

from reader.glossary.model import HOUSE_STYLES, NOUN, GlossaryError, Term, make_id, validate_term

COLUMNS = ("source", "target", "comment", "id", "category", "variants", "pos", "styles")
LIST_SEP = " | "


def write_table(terms: list[Term], delimiter: str) -> str:
    out = io.StringIO()
    out.write("# Bayan glossary -*- coding: utf-8 -*- columns: " + ", ".join(COLUMNS) + "\n")
    # OmegaT splits TSV lines on tabs without any quoting, so TSV is written by
    # hand (terms never hold tabs or line breaks: validate_term sees to that).
    writer = csv.writer(out, lineterminator="\n") if delimiter == "," else None
    for term in terms:
        styles = LIST_SEP.join(f"{k}={v}" for k, v in term.styles.items())
        for form in term.arabic:
            row = [form, term.english, term.note, term.id, term.category,
                   LIST_SEP.join(term.variants), term.pos, styles]
            if writer:
                writer.writerow(row)
            else:
                out.write("\t".join(row) + "\n")
    return out.getvalue()


def read_table(text: str, delimiter: str, name: str = "glossary") -> list[Term]:
    """Terms from OmegaT-style rows; rows sharing an id (or, without ids, a target and comment) merge."""
    if text.startswith("\ufeff"):
        text = text[1:]
    lines = [ln for ln in text.splitlines() if ln.strip() and not ln.startswith("#")]
    reader = csv.reader(lines) if delimiter == "," else (ln.split("\t") for ln in lines)
    grouped: dict[str, dict] = {}
    taken: set[str] = set()
    for lineno, row in enumerate(reader, 1):
        row = [c.strip() for c in row] + [""] * (len(COLUMNS) - len(row))
        source, target, comment, term_id, category, variants, pos, styles = row[:len(COLUMNS)]
        if not source:
            continue
        if not target:
            raise GlossaryError(f"{name}, row {lineno}: '{source}' has no English target.")
        key = term_id or f"\0{target}\0{comment}"
        entry = grouped.get(key)
        if entry is None:
            style_map = {}
            for item in filter(None, styles.split(LIST_SEP.strip())):
                style, _, rendering = item.strip().partition("=")
                if style.strip() not in HOUSE_STYLES or not rendering.strip():
                    raise GlossaryError(f"{name}, row {lineno}: cannot read house style {item.strip()!r}.")
                style_map[style.strip()] = rendering.strip()
            new_id = term_id or make_id(target, taken)
            taken.add(new_id)
            grouped[key] = entry = dict(id=new_id, arabic=[], english=target, note=comment,
                                        category=category or "concept",
                                        variants=[v.strip() for v in variants.split(LIST_SEP.strip()) if v.strip()],
                                        pos=pos or NOUN, styles=style_map)
        if source not in entry["arabic"]:
            entry["arabic"].append(source)
    return [validate_term(Term(**fields)) for fields in grouped.values()]


def delimiter_for(path: str | Path) -> str:
    return "," if Path(path).suffix.lower() == ".csv" else "\t"
