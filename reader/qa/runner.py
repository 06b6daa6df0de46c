"""Run every check over a file's units; the units of an open document or of a TMX/XLIFF file."""
from __future__ import annotations

import csv
import io
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Callable, Sequence

from reader.qa import empty, glossary, house_style, inconsistency, length, numbers, punctuation, spacing
from reader.qa.model import NO_GLOSSARY, Check, Finding, QaContext, Unit

if TYPE_CHECKING:
    from reader.session import DocumentSession

# Check name → check, in the order findings are listed for a segment.
CHECKS: dict[str, Check] = {module.NAME: module.run for module in (
    empty, numbers, glossary, punctuation, spacing, length, inconsistency, house_style)}
# Checks whose findings for a unit depend on its Arabic and English alone (and the glossary):
# a re-check after an edit runs them over the changed units only.
PER_UNIT = (empty.NAME, numbers.NAME, glossary.NAME, punctuation.NAME, spacing.NAME, length.NAME)


@dataclass(frozen=True)
class Memo:
    """What a check of a file learnt, for the next check of the same file: per-unit findings by
    (Arabic, English), valid for the glossary (identity, version) they were made with."""

    glossary: tuple[int, int] | None = None
    findings: dict[tuple[str, str], tuple[tuple[str, str], ...]] = field(default_factory=dict)


def run_checks(units: Sequence[Unit], context: QaContext = NO_GLOSSARY,
               cancelled: Callable[[], bool] = lambda: False) -> list[Finding]:
    """Every finding, by segment, then in :data:`CHECKS` order; [] when ``cancelled()`` turns true."""
    return check_file(units, context, cancelled)[0]


def check_file(units: Sequence[Unit], context: QaContext = NO_GLOSSARY,
               cancelled: Callable[[], bool] = lambda: False, memo: Memo | None = None) -> tuple[list[Finding], Memo]:
    """:func:`run_checks`, reusing ``memo`` (the previous check of this file) for the units whose
    Arabic and English did not change; returns the findings and the memo for the next check.
    A translator's edit then costs a check of one unit plus the file-wide checks, not of 10,000."""
    index = context.glossary
    stamp = (id(index), index.version) if index is not None else None
    known = memo.findings if memo is not None and memo.glossary == stamp else {}
    # One unit per new (Arabic, English): a repeated segment is checked once.
    first = {(u.arabic, u.english): u for u in reversed(units) if (u.arabic, u.english) not in known}
    fresh = {u.index: u for u in first.values()}
    found: list[Finding] = []
    for name in PER_UNIT:
        if cancelled():
            return [], memo or Memo()
        found.extend(CHECKS[name](list(fresh.values()), context))
    learnt: dict[tuple[str, str], list[tuple[str, str]]] = {(u.arabic, u.english): [] for u in fresh.values()}
    for f in found:
        unit = fresh[f.segment]
        learnt[(unit.arabic, unit.english)].append((f.check, f.message))
    table = {key: tuple(value) for key, value in learnt.items()}
    table.update((key, known[key]) for u in units if (key := (u.arabic, u.english)) in known)
    findings = [Finding(u.index, check, message) for u in units for check, message in table[(u.arabic, u.english)]]
    for name, check in CHECKS.items():
        if name in PER_UNIT:
            continue
        if cancelled():
            return [], memo or Memo()
        findings.extend(check(units, context))
    order = {name: n for n, name in enumerate(CHECKS)}
    return sorted(findings, key=lambda f: (f.segment, order[f.check])), Memo(stamp, table)


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
