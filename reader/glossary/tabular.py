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


class BadRows(GlossaryError):
    """Some rows cannot be read; ``problems`` names each by its line in the file."""

    def __init__(self, name: str, problems: list[str], good: int):
        shown = "; ".join(problems[:5]) + (f"; and {len(problems) - 5} more" if len(problems) > 5 else "")
        super().__init__(f"{name}: {len(problems)} row{'s' if len(problems) > 1 else ''} cannot be read "
                         f"({shown}). Nothing was imported; {good} other term{'s' if good != 1 else ''} "
                         "could be imported without them.")
        self.problems = problems
        self.good = good


def read_table(text: str, delimiter: str, name: str = "glossary", skip_bad: bool = False) -> list[Term]:
    """Terms from OmegaT-style rows; rows sharing an id (or, without ids, a target and comment) merge.

    A bad row raises :class:`BadRows` naming every bad line, unless ``skip_bad``: then
    the other rows are imported (the user's choice)."""
    if text.startswith("\ufeff"):
        text = text[1:]
    grouped: dict[str, dict] = {}
    taken: set[str] = set()
    first_line: dict[str, int] = {}
    problems: list[str] = []
    for lineno, line in enumerate(text.splitlines(), 1):
        if not line.strip() or line.startswith("#"):
            continue
        try:
            key = _read_row(_split(line, delimiter), grouped, taken)
        except (GlossaryError, csv.Error) as exc:
            problems.append(f"line {lineno}: {exc}")
            continue
        if key is not None:
            first_line.setdefault(key, lineno)
    terms = []
    for key, fields in grouped.items():
        try:
            terms.append(validate_term(Term(**fields)))
        except GlossaryError as exc:
            problems.append(f"line {first_line[key]}: {exc}")
    if problems and not skip_bad:
        raise BadRows(name, problems, len(terms))
    return terms


def _split(line: str, delimiter: str) -> list[str]:
    if delimiter != ",":
        return line.split("\t")
    return next(csv.reader([line]), [])


def _read_row(row: list[str], grouped: dict[str, dict], taken: set[str]) -> str | None:
    """Add one row to ``grouped``; returns its group's key (None for a row without a term)."""
    row = [c.strip() for c in row] + [""] * (len(COLUMNS) - len(row))
    source, target, comment, term_id, category, variants, pos, styles = row[:len(COLUMNS)]
    if not source:
        return None
    if not target:
        raise GlossaryError(f"'{source[:40]}' has no English target")
    key = term_id or f"\0{target}\0{comment}"
    entry = grouped.get(key)
    if entry is None:
        style_map = {}
        for item in filter(None, styles.split(LIST_SEP.strip())):
            style, _, rendering = item.strip().partition("=")
            if style.strip() not in HOUSE_STYLES or not rendering.strip():
                raise GlossaryError(f"cannot read house style {item.strip()[:40]!r}")
            style_map[style.strip()] = rendering.strip()
        new_id = term_id or make_id(target, taken)
        taken.add(new_id)
        grouped[key] = entry = dict(id=new_id, arabic=[], english=target, note=comment,
                                    category=category or "concept",
                                    variants=[v.strip() for v in variants.split(LIST_SEP.strip()) if v.strip()],
                                    pos=pos or NOUN, styles=style_map)
    if source not in entry["arabic"]:
        entry["arabic"].append(source)
    return key


def delimiter_for(path: str | Path) -> str:
    return "," if Path(path).suffix.lower() == ".csv" else "\t"
