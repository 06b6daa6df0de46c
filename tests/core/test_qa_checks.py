"""QA checks (Qt-free): each family finds what a reviewer would, and human translations raise almost nothing."""
from __future__ import annotations

from collections import Counter

import pytest

from reader.glossary.index import GlossaryIndex
from reader.glossary.model import Glossary, Term
from reader.qa.ignores import Ignores
from reader.qa.model import NO_GLOSSARY, QaContext, Unit
from reader.qa.runner import CHECKS, findings_csv, run_checks


def checks(arabic: str, english: str, context: QaContext = NO_GLOSSARY) -> list[tuple[str, str]]:
    return [(f.check, f.message) for f in run_checks([Unit(0, arabic, english)], context)]


@pytest.fixture(scope="module")
def glossary() -> GlossaryIndex:
    terms = [Term("coalition", ["التحالف"], "Coalition", variants=["coalition forces"]),
             Term("isis", ["داعش"], "ISIS", pos="properNoun", styles={"ISIL": "ISIL", "Daesh": "Daesh"})]
    return GlossaryIndex(lambda: Glossary(terms))


def test_arabic_indic_and_western_digits_are_the_same_number():
    assert checks("قتل ٢٥ شخصا في عام ٢٠١٤", "25 people were killed in 2014.") == []
    assert checks("بلغت المساحة 783،562 كيلومتر مربع", "The area is 783,562 square kilometres.") == []
    assert checks("قتل ٢٠ ألف شخص", "20,000 people were killed.") == []
    assert checks("وصل عدد السكان إلى 3.5 مليون", "The population reached 3.5 million.") == []


def test_a_changed_or_missing_number_is_reported():
    assert checks("قتل ٢٥ شخصا", "26 people were killed.") == [
        ("numbers", "The number ٢٥ in the Arabic is 26 in the English.")]
    assert checks("قتل 3 أشخاص", "4 people were killed.")[0][0] == "numbers"
    assert checks("في عام 2014 قتل 300 شخص", "In 2014 many people were killed.") == [
        ("numbers", "The number 300 in the Arabic is missing from the English.")]
    assert checks("قتل شخص", "In 1999 a man was killed.") == [
        ("numbers", "The number 1999 in the English is not in the Arabic.")]


def test_numbers_in_words_on_either_side_are_not_reported():
    assert checks("قتل عشرون شخصا", "20 people were killed.") == []
    assert checks("قتل 3 أشخاص", "Three people were killed.") == []
    assert checks("منذ سبعينيات القرن العشرين", "Since the 1970s.") == []
    # English spelling out a number the Arabic writes in digits is a faithful rendering.
    assert checks("قتل ٢٥ شخصا في الهجوم", "Twenty-five people died in the attack.") == []
    assert checks("أرسلت ٣٠٠٠ جندي و٢٥ طائرة", "It sent three thousand troops and 25 aircraft.") == []
    assert checks("قتل ٢٥ شخصا", "Twenty-six people were killed.") == [
        ("numbers", "The number ٢٥ in the Arabic is missing from the English.")]


def test_a_term_whose_approved_english_is_missing_is_reported(glossary):
    context = QaContext(glossary)
    assert checks("اجتمع التحالف اليوم", "The alliance met today.", context) == [
        ("glossary", "التحالف should be rendered “Coalition”.")]
    # Plurals, case and accepted variants (including house-style renderings) all count.
    assert checks("اجتمع التحالف اليوم", "The coalition met today.", context) == []
    assert checks("هاجمت قوات التحالف داعش", "Coalition forces attacked ISIL.", context) == []


def test_empty_and_untranslated():
    assert checks("مرحبا", "") == [("empty", "The English is empty.")]
    assert checks("مرحبا بكم في المدينة", "مرحبا بكم في المدينة") == [
        ("empty", "The English is still Arabic (untranslated).")]
    assert checks("قال إن «الشعب» سعيد", "He said the people (al-sha'b, الشعب) were happy.") == []


def test_same_arabic_rendered_differently_is_reported_once_per_odd_one_out():
    units = [Unit(0, "اجتمع الوزراء", "The ministers met."),
             Unit(1, "اجتمع الوزراءُ", "The ministers met."),
             Unit(2, "إجتمع الوزراء", "Ministers gathered.")]
    found = run_checks(units)
    assert [(f.segment, f.check) for f in found] == [(2, "inconsistency")]
    assert "segment 1" in found[0].message


def test_spacing_and_paired_punctuation():
    assert [c for c, _ in checks("قال الوزير", " The minister  said. ")] == ["spacing"] * 3
    assert checks("قال (الوزير)", "The minister (who spoke said.") == [
        ("punctuation", "The English has ( left open.")]
    assert checks("قال الوزير", "He said “we will win.") == [("punctuation", "The English has “ left open.")]
    # English that mirrors an Arabic quotation left open is faithful.
    assert checks("قال «سننتصر", "He said “we will win.") == []


def test_length_ratio_outliers():
    arabic = "أعلن الوزير اليوم عن خطة جديدة لإعادة إعمار المدن التي دمرتها الحرب في الشمال"
    assert checks(arabic, "The minister announced a new plan to rebuild the cities the war destroyed in the north.") == []
    assert [c for c, _ in checks(arabic, "The minister.")] == ["length"]


def test_mixed_house_styles_in_one_file(glossary):
    units = [Unit(0, "هاجم داعش", "ISIS attacked."), Unit(1, "هاجم داعش", "Daesh attacked.")]
    found = run_checks(units, QaContext(glossary))
    assert ("house style", 1) in {(f.check, f.segment) for f in found}
    assert all(f.segment == 1 for f in found if f.check == "house style")


def test_ignores_persist_per_document(tmp_path):
    finding = run_checks([Unit(0, "مرحبا", "")])[0]
    Ignores("doc-a", tmp_path).ignore(finding)
    assert finding in Ignores("doc-a", tmp_path)
    assert finding not in Ignores("doc-b", tmp_path)


def test_findings_export_as_csv_with_the_segment_text():
    units = [Unit(0, "قتل ٢٥ شخصا", "26 people were killed.")]
    text = findings_csv(run_checks(units), units).decode("utf-8-sig")
    assert text.splitlines()[0] == "segment,check,message,arabic,english"
    assert "1,numbers,The number ٢٥ in the Arabic is 26 in the English.,قتل ٢٥ شخصا,26 people were killed." in text


def test_human_translations_raise_almost_nothing(flores_dir):
    """FLORES dev+test (2,009 human translations): the share of segments with a finding stays small.

    Measured: 2.5% of segments (50; numbers 19, glossary 16, paired punctuation 15, many of them
    real: misaligned lines, quotes the translator left open); the rest of the checks raise 1–3 each.
    """
    units: list[Unit] = []
    for split in ("dev", "test"):
        arabic = (flores_dir / f"flores-{split}.ar").read_text(encoding="utf-8").splitlines()
        english = (flores_dir / f"flores-{split}.en").read_text(encoding="utf-8").splitlines()
        units += [Unit(len(units) + n, a, e) for n, (a, e) in enumerate(zip(arabic, english))]
    found = run_checks(units, QaContext(GlossaryIndex()))
    flagged = {f.segment for f in found}
    by_check = Counter(f.check for f in found)
    print(f"FLORES: {len(flagged)}/{len(units)} segments flagged ({len(flagged) / len(units):.1%}); {dict(by_check)}")
    assert len(flagged) / len(units) < 0.04
    assert by_check["empty"] == by_check["length"] == 0


def test_the_bundled_corpus_titles_raise_nothing_but_their_own_renderings_of_terms():
    """The library's human English titles against their Arabic (each its own file), shipped glossary.

    Two titles use older names than the glossary approves ("Global Coalition to Counter Daesh",
    "Joint meeting" for الاجتماع الوزاري): the glossary check says so; nothing else is raised.
    """
    from reader.corpus import load_manifest

    context = QaContext(GlossaryIndex())
    titles = [Unit(0, e.title_ar, e.title_en) for e in load_manifest() if e.title_ar and e.title_en]
    found = [f for unit in titles for f in run_checks([unit], context)]
    assert len(titles) == 5
    assert [f.check for f in found] == ["glossary", "glossary"]


def test_a_time_of_day_may_be_written_with_a_point_or_as_hours():
    assert checks("في الساعة ٩:٣٠ صباحا", "At 9.30 am.") == []
    assert checks("في الساعة 12:00 بتوقيت جرينتش", "At 1200 GMT.") == []
    assert checks("في الساعة 11:20", "At 11:20.") == []
    assert checks("في الساعة 11:20", "At 11:40.")[0][0] == "numbers"


def test_a_recheck_after_an_edit_reuses_the_unchanged_segments_and_finds_the_same(glossary):
    from reader.qa.runner import check_file

    units = [Unit(0, "قتل ٢٥ شخصا", "26 people were killed."), Unit(1, "قال التحالف", "The alliance said."),
             Unit(2, "اجتمع الوزراء", "The ministers met."), Unit(3, "اجتمع الوزراء", "Ministers gathered."),
             Unit(4, "قتل ٢٥ شخصا", "26 people were killed.")]  # a repeated segment: its findings once each
    context = QaContext(glossary)

    def every_check(units: list[Unit]) -> list[tuple[int, str, str]]:
        """Each check over the whole file, no memo: what a check of the file must find."""
        return sorted((f.segment, f.check, f.message) for check in CHECKS.values() for f in check(units, context))

    first, memo = check_file(units, context)
    assert sorted((f.segment, f.check, f.message) for f in first) == every_check(units)
    edited = [units[0], Unit(1, "قال التحالف", "The Coalition said."), *units[2:]]
    again, memo = check_file(edited, context, memo=memo)
    assert sorted((f.segment, f.check, f.message) for f in again) == every_check(edited)
    assert "glossary" not in {f.check for f in again}
    glossary.version += 1  # a glossary change: the memo no longer holds, every segment is checked again
    assert check_file(edited, context, memo=memo)[0] == again
