"""Run every check over a file's units; the units of an open document or of a TMX/XLIFF file."""
from __future__ import annotations

import csv
import io
from typing import TYPE_CHECKING, Callable, Sequence

from reader.qa import empty, glossary, house_style, inconsistency, length, numbers, punctuation, spacing
from reader.qa.model import NO_GLOSSARY, Check, Finding, QaContext, Unit

if TYPE_CHECKING:
    from reader.session import DocumentSession

# Check name → check, in the order findings are listed for a segment.
CHECKS: dict[str, Check] = {module.NAME: module.run for module in (
    empty, numbers, glossary, punctuation, spacing, length, inconsistency, house_style)}


def run_checks(units: Sequence[Unit], context: QaContext = NO_GLOSSARY,
               cancelled: Callable[[], bool] = lambda: False) -> list[Finding]:
    """Every finding, by segment, then in :data:`CHECKS` order; [] when ``cancelled()`` turns true."""
    order = {name: n for n, name in enumerate(CHECKS)}
    findings: list[Finding] = []
    for check in CHECKS.values():
        if cancelled():
            return []
        findings.extend(check(units, context))
    return sorted(findings, key=lambda f: (f.segment, order[f.check]))


def session_units(session: "DocumentSession") -> list[Unit]:
    """The open document's segments with the English the session holds now."""
    return [Unit(seg.index, seg.text, session.english(row) or "") for row, seg in enumerate(session.segments)]


def findings_csv(findings: Sequence[Finding], units: Sequence[Unit] = ()) -> bytes:
    """The findings as CSV (UTF-8 with a BOM, so spreadsheets show the Arabic), with each segment's text."""
    by_index = {u.index: u for u in units}
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(["segment", "check", "message", "arabic", "english"])
    for f in findings:
        unit = by_index.get(f.segment)
        writer.writerow([f.segment + 1, f.check, f.message, unit.arabic if unit else "", unit.english if unit else ""])
    return "\ufeff".encode() + out.getvalue().encode("utf-8")
