"""OPUS-MT (Marian) releases: validation, int8 conversion, installation, translation, removal."""
from __future__ import annotations

import io
import json
import zipfile
from pathlib import Path

import numpy as np
import pytest

from reader.cli import main as bayan
from reader.translation.engine import DecodeOptions, Engine
from reader.translation.installer import install_file
from reader.translation.marian import ConversionCancelled, inspect_release, install_release
from reader.translation.packages import PackageError, installed_models, remove
from reader.translation.service import TranslationService
from tests.core.test_translation_packages import rewrite as rewrite_zip

RELEASE = Path(__file__).parent.parent / "data" / "opus-mt-ar-en-tiny.zip"
SENTENCES = ["قال الرئيس إن الحكومة ستعمل على حل المشكلة.", "ذهب الولد إلى المدرسة في الصباح."]


def rewrite(tmp_path: Path, change, name: str = "release.zip") -> Path:
    """A copy of the tiny release with change(member, data) -> data | None (None drops it)."""
    return rewrite_zip(tmp_path, name, change, source=RELEASE)


def leftovers(profile: Path) -> list[str]:
    folder = profile / "models"
    return sorted(p.name for p in folder.iterdir()) if folder.is_dir() else []


def test_release_is_converted_installed_and_listed(tiny_marian, isolated_profile, tmp_path):
    assert [m.name for m in installed_models()] == [tiny_marian.name]
    assert tiny_marian.is_marian and tiny_marian.metadata["from_code"] == "ar"
    files = {p.name for p in tiny_marian.path.iterdir()}
    assert {"source.spm", "target.spm", "README.md", "LICENSE", "metadata.json", "model"} <= files
    assert (tiny_marian.model_dir / "model.bin").is_file()
    # int8: smaller than the same release converted without quantisation.
    from ctranslate2.converters import MarianConverter

    with zipfile.ZipFile(RELEASE) as zf:
        zf.extractall(tmp_path / "release")
    release = tmp_path / "release"
    vocab = str(next(release.glob("*.vocab.yml")))
    MarianConverter(str(next(release.glob("*.npz"))), [vocab, vocab]).convert(str(tmp_path / "f32"))
    assert (tiny_marian.model_dir / "model.bin").stat().st_size < 0.7 * (tmp_path / "f32" / "model.bin").stat().st_size
    assert leftovers(isolated_profile) == [tiny_marian.name]  # no temporary folders


def test_engine_tokenises_each_side_with_its_own_model(tiny_marian, tmp_path):
    """Source pieces from source.spm, English detokenised by target.spm: as raw CTranslate2 does."""
    import ctranslate2
    import sentencepiece

    engine = Engine(tiny_marian, DecodeOptions(beam_size=2))
    src = sentencepiece.SentencePieceProcessor(model_file=str(tiny_marian.path / "source.spm"))
    tgt = sentencepiece.SentencePieceProcessor(model_file=str(tiny_marian.path / "target.spm"))
    assert engine.encode(SENTENCES[0]) == src.encode(SENTENCES[0], out_type=str)
    assert engine.encode(SENTENCES[0]) != tgt.encode(SENTENCES[0], out_type=str)
    raw = ctranslate2.Translator(str(tiny_marian.model_dir)).translate_batch(
        [src.encode(s, out_type=str) for s in SENTENCES], beam_size=2,
        length_penalty=tiny_marian.length_penalty, max_decoding_length=256, replace_unknowns=True)
    expected = [tgt.decode_pieces(r.hypotheses[0]) for r in raw]
    english = engine.translate(SENTENCES)
    assert english == expected
    assert all(e.strip() and not any("\u0600" <= c <= "\u06ff" for c in e) for e in english)


def test_alternatives_and_removal(tiny_marian):
    service = TranslationService(tiny_marian, terminology=None)
    shown = service.translate([SENTENCES[0]])[0]
    alternatives = service.alternatives(SENTENCES[0], n=2)
    assert alternatives and shown not in alternatives and len(set(alternatives)) == len(alternatives)
    remove(tiny_marian)
    assert installed_models() == []
    # What it translated stays readable from the cache without the model.
    assert TranslationService(None, cache=service.cache, terminology=None).cached([SENTENCES[0]]) == [shown]


def test_terminology_is_enforced_with_a_marian_model(tiny_marian):
    from reader.glossary import ArabicMatcher, EnglishMatcher, load_glossary
    from reader.translation.terminology import Terminology, term_accuracy

    glossary = load_glossary()
    terminology = Terminology(glossary, ArabicMatcher(glossary), EnglishMatcher(glossary))
    from reader.corpus import load_manifest

    texts = [s.text for e in load_manifest() for s in e.load().segments]
    segments = [t for t in texts if terminology.uses(t) and len(t) < 140][:4]
    engine = Engine(tiny_marian, DecodeOptions(beam_size=2))
    plain = engine.translate(segments)
    enforced = terminology.enforce_many(engine, segments, plain)
    before, total = term_accuracy(terminology, segments, plain)
    after, _ = term_accuracy(terminology, segments, enforced)
    assert after == total > before


def test_cli_installs_lists_and_removes_a_release(capsys):
    assert bayan(["models", "install", str(RELEASE)]) == 0
    out = capsys.readouterr().out
    assert "converted to int8" in out
    assert bayan(["models", "list"]) == 0
    name = installed_models()[0].name
    assert name in capsys.readouterr().out
    assert bayan(["models", "remove", name]) == 0
    assert installed_models() == []


@pytest.mark.parametrize("change, message", [
    (lambda n, d: d if n not in ("source.spm", "target.spm") else
        zipfile.ZipFile(RELEASE).read("target.spm" if n == "source.spm" else "source.spm"),
     "Bayan needs an Arabic → English"),
    (lambda n, d: None if n.endswith(".vocab.yml") else d, "missing vocabulary"),
    (lambda n, d: None if n == "target.spm" else d, "missing target.spm"),
    (lambda n, d: None if n.endswith(".npz") else d, "no .npz weights"),
])
def test_bad_releases_are_refused_in_one_sentence(tmp_path, isolated_profile, change, message):
    bad = rewrite(tmp_path, change)
    with pytest.raises(PackageError, match=message):
        install_release(bad)
    assert leftovers(isolated_profile) == []


def test_a_path_escape_is_refused(tmp_path, isolated_profile):
    bad = rewrite(tmp_path, lambda n, d: d)
    with zipfile.ZipFile(bad, "a") as zf:
        zf.writestr("../../evil.txt", "x")
    with pytest.raises(PackageError, match="unsafe path"):
        install_release(bad)
    assert not (tmp_path.parent / "evil.txt").exists() and leftovers(isolated_profile) == []


def test_corrupt_weights_fail_conversion_and_leave_nothing(tmp_path, isolated_profile):
    def damage(name, data):
        if not name.endswith(".npz"):
            return data
        arrays = dict(np.load(io.BytesIO(data)))
        arrays.pop("encoder_l1_self_Wq")  # a truncated/corrupt save misses arrays
        buf = io.BytesIO()
        np.savez(buf, **arrays)
        return buf.getvalue()

    with pytest.raises(PackageError, match="not a usable Marian model"):
        install_release(rewrite(tmp_path, damage))
    garbage = rewrite(tmp_path, lambda n, d: b"not an npz at all" if n.endswith(".npz") else d, "garbage.zip")
    with pytest.raises(PackageError, match="not a usable Marian model"):
        install_release(garbage)
    assert leftovers(isolated_profile) == []


def test_cancel_during_conversion_leaves_nothing(isolated_profile):
    stages = []

    def progress(stage, done, total):
        stages.append(stage)

    with pytest.raises(ConversionCancelled):
        install_release(RELEASE, progress=progress, cancel=lambda: "convert" in stages)
    assert "unpack" in stages and leftovers(isolated_profile) == []


def test_a_zip_that_is_neither_format_is_named_as_such(tmp_path):
    odd = tmp_path / "photos.zip"
    with zipfile.ZipFile(odd, "w") as zf:
        zf.writestr("a.jpg", b"\xff\xd8")
    with pytest.raises(PackageError, match="neither an Argos package .* nor an OPUS-MT release"):
        install_file(odd)


def test_release_metadata_records_source_and_licence(tiny_marian):
    meta = json.loads((tiny_marian.path / "metadata.json").read_text(encoding="utf-8"))
    assert meta["source_sha256"] == inspect_release(RELEASE).sha256
    assert meta["format"] == "marian" and meta["attribution"]


def test_too_little_disk_space_is_said_before_anything_is_written(monkeypatch, isolated_profile):
    import shutil
    from collections import namedtuple

    usage = namedtuple("usage", "total used free")
    monkeypatch.setattr(shutil, "disk_usage", lambda path: usage(10 << 30, 10 << 30, 1 << 20))
    with pytest.raises(PackageError, match="Not enough disk space"):
        install_release(RELEASE)
    assert leftovers(isolated_profile) == []
