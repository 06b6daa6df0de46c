"""QA speed: every check over 10,000 segments (target <= 1 s), against a naive baseline in the same run.

The segments are FLORES dev+test pairs (human English) when ../shared is present, repeated
and shuffled up to N, with one number in a hundred changed so the checks have work; without
FLORES, the bundled corpus's Arabic with a fixed English sentence (speed only).  The person's
other documents are a translation memory of N more segments in 100 documents (one English in
fifty reworded), so the project-wide inconsistency check is timed too.  Every segment is distinct
(each round through FLORES has its own lead-in, "He added:"…), as in a real document.  The baseline is the
straightforward way: each segment checked on its own (the glossary matcher and the house-style
scan called once per segment), the inconsistency check normalising each segment with
reader.arabic.normalize and asking the memory one segment at a time.  Both must report the same
findings.  Wall-clock and CPU time are both reported against the target, with the machine's load.

Run: python -m bench.qa_speed [--segments N] [--repeat R]
"""
from __future__ import annotations

import argparse
import os
import random
import sqlite3
import tempfile
import time
from collections import Counter
from pathlib import Path
from typing import Callable

from bench._shared import FLORES, flores_lines
from reader.arabic import normalize
from reader.glossary.index import GlossaryIndex
from reader.qa import inconsistency
from reader.qa.model import Finding, QaContext, Unit
from reader.qa.runner import CHECKS, check_file, run_checks
from reader.tm.elsewhere import OtherDocuments
from reader.tm.memory import TranslationMemory

TARGET_S = 1.0


def segments(n: int, rng: random.Random) -> tuple[list[Unit], str]:
    if FLORES.is_dir():
        pairs = [p for split in ("dev", "test")
                 for p in zip(flores_lines(f"flores-{split}.ar"), flores_lines(f"flores-{split}.en"))]
        source = "FLORES dev+test (human English)"
    else:
        from reader.corpus import load_manifest

        pairs = [(s.text, "The minister said that the work of the Coalition continues.")
                 for e in load_manifest() for s in e.load().segments]
        source = "bundled corpus (fixed English: speed only)"
    units: list[Unit] = []
    rounds = 0
    while len(units) < n:
        rng.shuffle(pairs)
        # Each round through the pairs gets its own lead-in: every segment of the file is distinct,
        # as in a real document (a repeated segment is checked once, which would flatter the timing).
        lead = [LEADS[r % len(LEADS)] for r in _digits(rounds, len(LEADS))]
        for arabic, english in pairs[:n - len(units)]:
            if rng.random() < 0.01:
                english = f"{english} In 1999."
            units.append(Unit(len(units), " ".join([*(a for a, _ in lead), arabic]),
                              " ".join([*(e for _, e in lead), english])))
        rounds += 1
    return units, source


# Lead-ins with no number, term or bracket: they change no check's findings.
LEADS = [("وأضاف:", "He added:"), ("وتابع:", "He went on:"), ("وأوضح:", "He explained:"), ("وختم:", "He concluded:")]


def _digits(n: int, base: int) -> list[int]:
    """``n`` written in ``base`` (no digits for 0): a distinct list of lead-ins per round."""
    out = []
    while n:
        n, d = divmod(n - 1, base)
        out.append(d)
    return out


def other_documents(units: list[Unit], folder: Path, rng: random.Random) -> OtherDocuments:
    """A memory holding the units again as the person's work in 100 other documents, one English in
    fifty reworded (the cross-document findings)."""
    tm = TranslationMemory(folder / "tm.sqlite")
    per_doc = max(1, len(units) // 100)
    for first in range(0, len(units), per_doc):
        part = units[first:first + per_doc]
        tm.set_segments(f"other-{first}", [(u.index - first, u.arabic, u.english if rng.random() >= 0.02
                                            else f"Reworded: {u.english}") for u in part], f"Other {first}")
    tm.close()
    return OtherDocuments("bench-document", folder / "tm.sqlite")


def naive_across(units: list[Unit], elsewhere: OtherDocuments) -> list[Finding]:
    """The memory asked one segment at a time."""
    found = []
    db = sqlite3.connect(elsewhere.path)
    for u in units:
        if not u.english.strip():
            continue
        rows = db.execute("SELECT u.target, d.title, u.seg FROM units u JOIN docs d ON d.doc = u.doc "
                          "WHERE u.line=? AND u.doc != ? ORDER BY u.added DESC, u.id DESC",
                          (" ".join(normalize(u.arabic).split()), elsewhere.doc_id)).fetchall()
        mine = " ".join(u.english.split())
        if rows and all(" ".join(t.split()) != mine for t, _, _ in rows):
            found.append(Finding(u.index, inconsistency.NAME, f"Same Arabic as segment {rows[0][2] + 1} of "
                                                              f"“{rows[0][1]}”, which reads “{rows[0][0]}”."))
    db.close()
    return found


def naive(units: list[Unit], context: QaContext) -> list[Finding]:
    per_unit = {name: check for name, check in CHECKS.items() if name not in ("inconsistency", "house style")}
    found = [f for u in units for check in per_unit.values() for f in check([u], context)]
    groups: dict[str, list[Unit]] = {}
    for u in units:
        if u.english.strip():
            groups.setdefault(" ".join(normalize(u.arabic).split()), []).append(u)
    for group in groups.values():
        first = " ".join(group[0].english.split())
        found += [Finding(u.index, inconsistency.NAME, f"Same Arabic as segment {group[0].index + 1}, "
                                                       f"which reads “{first}”.")
                  for u in group[1:] if " ".join(u.english.split()) != first]
    index = context.glossary
    if index is not None and index.mixed_styles([u.english for u in units]):
        found += [f for u in units for f in CHECKS["house style"]([u], QaContext(index))]
    if isinstance(context.elsewhere, OtherDocuments):
        found += naive_across(units, context.elsewhere)
    return found


def best_of(repeat: int, fn: Callable[[], list[Finding]]) -> tuple[float, float, list[Finding]]:
    """Best wall-clock and best CPU seconds of ``repeat`` runs (CPU time is what a shared,
    loaded machine does not inflate), and the result."""
    walls, cpus, result = [], [], []
    for _ in range(repeat):
        wall, cpu = time.perf_counter(), time.process_time()
        result = fn()
        walls.append(time.perf_counter() - wall)
        cpus.append(time.process_time() - cpu)
    return min(walls), min(cpus), result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--segments", type=int, default=10_000)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    rng = random.Random(12)
    units, source = segments(args.segments, rng)
    with tempfile.TemporaryDirectory() as folder:
        elsewhere = other_documents(segments(args.segments, rng)[0], Path(folder), rng)
        glossary = GlossaryIndex()
        context = QaContext(glossary, elsewhere)

        def cold() -> QaContext:
            """A first check of the file: nothing read from the memory yet (the panel keeps what it read)."""
            return QaContext(glossary, OtherDocuments(elsewhere.doc_id, elsewhere.path))
        run_checks(units[:50], context)  # imports and first-use set-up out of the timing
        load = os.getloadavg()[0]
        fast, fast_cpu, found = best_of(args.repeat, lambda: run_checks(units, cold()))
        slow, slow_cpu, baseline = best_of(args.repeat, lambda: naive(units, context))
        same = Counter((f.segment, f.check) for f in found if f.check != "house style") == \
            Counter((f.segment, f.check) for f in baseline if f.check != "house style")
        print(f"segments: {len(units):,} from {source}; the person's other documents: "
              f"{args.segments:,} segments in a translation memory")
        print(f"findings: {len(found):,} {dict(Counter(f.check for f in found))}")
        print(f"load average at the start: {load:.1f} on {os.cpu_count()} CPUs")
        print(f"QA, all checks:    {fast:.3f} s wall, {fast_cpu:.3f} s CPU  (target <= {TARGET_S:g} s: "
              f"wall {'met' if fast <= TARGET_S else 'NOT met'}, CPU {'met' if fast_cpu <= TARGET_S else 'NOT met'})")
        alone, alone_cpu, _ = best_of(args.repeat, lambda: run_checks(units, QaContext(glossary)))
        print(f"  within the file only (no memory): {alone:.3f} s wall, {alone_cpu:.3f} s CPU")
        print(f"naive baseline:    {slow:.3f} s wall, {slow_cpu:.3f} s CPU  "
              f"({slow / fast:.1f}x the wall, {slow_cpu / fast_cpu:.1f}x the CPU; same findings: {same})")
        _, memo = check_file(units, context)
        edited = [*units[:5000], Unit(5000, units[5000].arabic, units[5000].english + " (edited)"), *units[5001:]]
        again, again_cpu, _ = best_of(args.repeat, lambda: check_file(edited, context, memo=memo)[0])
        print(f"re-check after one edit: {again:.3f} s wall, {again_cpu:.3f} s CPU  "
              f"(what the QA panel does after each change; {fast_cpu / max(again_cpu, 1e-6):.1f}x less CPU)")
        for name, check in CHECKS.items():
            wall, cpu, _ = best_of(args.repeat, lambda check=check: list(check(units, cold())))
            print(f"  {name:<14} {wall * 1000:7.1f} ms wall {cpu * 1000:7.1f} ms CPU")


if __name__ == "__main__":
    main()
