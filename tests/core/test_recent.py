"""The user's documents: recent first, progress, pasted text kept, a damaged list survived."""
from __future__ import annotations

import json

from reader.recent import FILE, LIMIT, PASTED, RecentDocuments


def test_recent_first_and_kept_across_restarts(tmp_path):
    recent = RecentDocuments(tmp_path)
    recent.opened("a", "Report", FILE, "/x/report.txt", segments=80)
    recent.opened("b", "بيان", PASTED, segments=12, text="بيان قصير.")
    recent.opened("a", "Report", FILE, "/x/report.txt", segments=80)
    recent.update("a", last_segment=30, approved=12)
    recent.save()
    again = RecentDocuments(tmp_path)
    assert [d.doc_id for d in again.items()] == ["a", "b"]
    assert again.get("a").progress() == "12/80 approved · at segment 31"
    assert again.text_of(again.get("b")) == "بيان قصير."
    assert json.loads((tmp_path / "recent.json").read_text(encoding="utf-8"))["version"] == 1


def test_a_damaged_list_starts_empty_with_one_sentence(tmp_path):
    (tmp_path / "recent.json").write_text("{not json", encoding="utf-8")
    recent = RecentDocuments(tmp_path)
    assert recent.items() == [] and recent.problem.endswith("starts empty.")
    recent.opened("a", "A", FILE, "/a.txt")
    assert RecentDocuments(tmp_path).last().doc_id == "a"


def test_old_pasted_text_is_dropped_with_its_entry(tmp_path):
    recent = RecentDocuments(tmp_path)
    first = recent.opened("p0", "first", PASTED, text="نص")
    for i in range(LIMIT):
        recent.opened(f"f{i}", "f", FILE, f"/f{i}.txt")
    assert recent.get("p0") is None and len(recent.items()) == LIMIT
    assert not (tmp_path / "pasted" / "p0.txt").exists() and first.path.endswith("p0.txt")
