"""The shipped glossary, the user glossary, house styles, and TBX/CSV/TSV exchange."""
from __future__ import annotations

import pytest

from reader.glossary import (ArabicMatcher, GlossaryError, Term, import_terms, load_glossary,
                             read_glossary_file, save_house_style, save_user_terms, write_glossary_file)
from reader.glossary.store import user_path
from reader.glossary.tbx import read_tbx, write_tbx


def test_shipped_glossary_covers_the_key_terms_with_renderings_and_categories():
    g = load_glossary()
    assert len(g.terms) >= 40
    headwords = {t.headword for t in g.terms}
    for key in ("داعش", "التحالف", "إرساء الاستقرار", "قوات الأمن العراقية", "قوات سوريا الديمقراطية",
                "المجموعة المصغرة", "حلف شمال الأطلسي", "مجلس الأمن", "الأمم المتحدة", "الحشد الشعبي",
                "البشمركة", "خطوط الجهد", "الهزيمة الدائمة", "المقاتلون الأجانب", "المناطق المحررة"):
        assert key in headwords, key
    isis = g.get("isis")
    assert isis.english == "ISIS" and {"ISIL", "Daesh", "Da'esh"} <= set(isis.english_forms())
    assert isis.category == "organisation" and isis.note
    pmf = g.get("popular-mobilization-forces")
    assert "التعبئة الشعبية" in pmf.arabic and "PMF" in pmf.variants


def test_house_style_changes_the_approved_rendering_and_is_remembered():
    g = load_glossary()
    g.house_style = "Daesh"
    assert g.get("isis").english == "Daesh"
    assert g.get("coalition-to-defeat-isis").english == "Global Coalition against Daesh"
    assert g.get("nato").english == "NATO"  # unstyled terms are unaffected
    save_house_style("ISIL")
    assert load_glossary().get("isis").english == "ISIL"
    with pytest.raises(GlossaryError, match="house style"):
        g.house_style = "IS"


def test_user_terms_are_saved_apart_and_win_over_shipped_ones():
    g = load_glossary()
    g.add_user_term(Term(id="amerli", arabic=["آمرلي", "امرلي"], english="Amirli", note="our spelling"))
    g.add_user_term(Term(id="baghdad", arabic=["بغداد"], english="Baghdad", category="place", pos="properNoun"))
    path = save_user_terms(g)
    assert path == user_path() and path.exists()
    shipped_before = (g.shipped_terms[0].id, len(g.shipped_terms))
    again = load_glossary()
    assert again.get("amerli").english == "Amirli" and again.get("amerli").source == "user"
    assert [m.term_id for m in ArabicMatcher(again).find("وصلنا إلى بغداد ثم آمرلي")] == ["baghdad", "amerli"]
    assert (again.shipped_terms[0].id, len(again.shipped_terms)) == shipped_before
    again.remove_user_term("amerli")
    save_user_terms(again)
    assert load_glossary().get("amerli").english == "Amerli"  # the shipped entry is back
    with pytest.raises(GlossaryError, match="shipped"):
        again.remove_user_term("isis")


def test_damaged_user_glossary_is_reported_and_never_overwritten(tmp_path):
    path = user_path()
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(b"<tbx><text><body><conceptEntry")  # truncated
    g = load_glossary()
    assert g.load_error and "could not be read" in g.load_error
    assert g.get("isis") is not None  # the shipped glossary still works
    g.add_user_term(Term(id="x-term", arabic=["كلمة"], english="word"))
    save_user_terms(g)
    kept = list(path.parent.glob("user.tbx.unreadable-*"))
    assert len(kept) == 1 and kept[0].read_bytes() == b"<tbx><text><body><conceptEntry"
    assert load_glossary().get("x-term").english == "word"


def test_invalid_terms_are_refused_with_a_reason():
    g = load_glossary()
    with pytest.raises(GlossaryError, match="no Arabic"):
        g.add_user_term(Term(id="empty", arabic=[" "], english="x"))
    with pytest.raises(GlossaryError, match="no English"):
        g.add_user_term(Term(id="noen", arabic=["كلمة"], english=""))
    with pytest.raises(GlossaryError, match="tab or line break"):
        g.add_user_term(Term(id="tab", arabic=["كلمة"], english="a\tb"))


def test_tbx_round_trip_is_unchanged():
    terms = load_glossary().raw_terms()
    data = write_tbx(terms)
    back = read_tbx(data)
    assert back == terms
    assert write_tbx(back) == data
    assert b'xmlns="urn:iso:std:iso:30042:ed-2"' in data and b'type="TBX-Basic"' in data


@pytest.mark.parametrize("suffix", [".csv", ".tsv"])
def test_csv_and_tsv_round_trip_is_unchanged(tmp_path, suffix):
    terms = load_glossary().raw_terms()
    path = tmp_path / f"glossary{suffix}"
    write_glossary_file(terms, path)
    back = read_glossary_file(path)
    assert back == terms
    again = tmp_path / f"again{suffix}"
    write_glossary_file(back, again)
    assert again.read_bytes() == path.read_bytes()


def test_tsv_export_reads_as_omegat_rows(tmp_path):
    path = tmp_path / "g.tsv"
    write_glossary_file(load_glossary().raw_terms(), path)
    rows = [ln.split("\t") for ln in path.read_text(encoding="utf-8").splitlines() if not ln.startswith("#")]
    # OmegaT takes source, target, comment from the first three columns.
    assert rows[0][:3] == ["داعش", "ISIS", load_glossary().get("isis").note]
    assert ["التعبئة الشعبية", "Popular Mobilization Forces"] in [r[:2] for r in rows]


def test_plain_omegat_glossary_imports_and_matches(tmp_path):
    path = tmp_path / "omegat.txt"
    path.write_text("# Glossary in tab-separated format -*- coding: utf-8 -*-\n"
                    "الحدود\tborders\tplural of border\n"
                    "حرس الحدود\tborder guard\n", encoding="utf-8")
    g = load_glossary()
    added = import_terms(g, path)
    assert [t.english for t in added] == ["borders", "border guard"]
    assert added[0].note == "plural of border"
    found = ArabicMatcher(load_glossary()).find("انتشر حرس الحدود على الحدود")
    assert [(m.surface, load_glossary().get(m.term_id).english) for m in found] == [
        ("حرس الحدود", "border guard"), ("الحدود", "borders")]


def test_legacy_tbx_martif_imports(tmp_path):
    path = tmp_path / "old.tbx"
    path.write_text("""<?xml version="1.0"?><martif type="TBX" xml:lang="en"><text><body>
      <termEntry id="mosul-x"><descrip type="subjectField">place</descrip>
        <langSet xml:lang="ar"><tig><term>الموصل</term></tig></langSet>
        <langSet xml:lang="en"><tig><term>Mosul</term></tig><tig><term>Al-Mawsil</term>
          <termNote type="administrativeStatus">admittedTerm-admn-sts</termNote></tig></langSet>
      </termEntry></body></text></martif>""", encoding="utf-8")
    [term] = read_glossary_file(path)
    assert (term.id, term.arabic, term.english, term.variants, term.category) == (
        "mosul-x", ["الموصل"], "Mosul", ["Al-Mawsil"], "place")


@pytest.mark.parametrize("name, content, message", [
    ("bad.tbx", b"<tbx><unclosed>", "not a valid TBX"),
    ("bad.tbx", b"<html></html>", "not a TBX file"),
    ("bad.csv", "\u062f\u0627\u0639\u0634,\n".encode(), "no English target"),
    ("bad.tsv", "\u062f\u0627\u0639\u0634\tISIS\n".encode("utf-16"), "not UTF-8"),
    ("bad.docx", b"PK", "unsupported glossary type"),
])
def test_bad_glossary_files_get_a_clear_message(tmp_path, name, content, message):
    path = tmp_path / name
    path.write_bytes(content)
    g = load_glossary()
    before = len(g)
    with pytest.raises(GlossaryError, match=message):
        import_terms(g, path)
    assert len(g) == before and not user_path().exists()
