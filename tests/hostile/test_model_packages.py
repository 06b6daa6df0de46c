"""Model packages are untrusted: crafted names, links, bombs and broken models."""
from __future__ import annotations

import json
import stat
import zipfile
from pathlib import Path

import pytest

from reader.cli import main as bayan
from reader.translation import packages
from reader.translation.engine import Engine
from reader.translation.packages import PackageError, broken_models, install, installed_models
from reader.translation.service import default_service

from .conftest import TINY, with_metadata

ROOT = "translate-ar_en-tiny/"


def _snapshot(folder: Path) -> set[str]:
    return {str(p.relative_to(folder)) for p in folder.rglob("*")}


@pytest.mark.parametrize("code", ["../../x", "/tmp/evil", "..", ".", ".replacing-Y", "Y/../../../victim",
                                  "a\\..\\b", 5, {"a": 1}, ["x"], None, "x" * 5000, "\ud800", ""])
def test_a_crafted_code_is_refused_with_a_sentence(tmp_path, isolated_profile, code):
    crafted = with_metadata(tmp_path / "p.argosmodel", code=code)
    # The zip's own folder is a clean name, so only the code is hostile here.
    with pytest.raises(PackageError, match="not a valid package name|not installed") as info:
        install(crafted)
    assert "Traceback" not in str(info.value) and len(str(info.value)) < 400
    models = isolated_profile / "models"
    assert not models.exists() or list(models.iterdir()) == []
    assert not (tmp_path / "evil").exists() and not Path("/tmp/evil").exists()


def test_the_cli_reports_a_crafted_package_in_one_line(tmp_path, capsys):
    crafted = with_metadata(tmp_path / "p.argosmodel", code="../../.config/autostart/x")
    assert bayan(["models", "install", str(crafted)]) == 2
    err = capsys.readouterr().err
    assert err.startswith("bayan: p.argosmodel") and err.count("\n") == 1


@pytest.mark.parametrize("name", ["../outside.txt", "/abs.txt", ROOT + "../../escape.txt"])
def test_member_paths_that_climb_out_are_refused(package, isolated_profile, tmp_path, name):
    crafted = package(extra=lambda z: z.writestr(name, b"x"))
    with pytest.raises(PackageError, match="unsafe path"):
        install(crafted)
    assert not (tmp_path / "outside.txt").exists() and installed_models() == []


@pytest.mark.parametrize("mode, what", [(stat.S_IFLNK | 0o777, "symbolic link"), (stat.S_IFIFO | 0o644, "special file"),
                                        (stat.S_IFCHR | 0o644, "special file")])
def test_links_and_devices_are_refused(package, isolated_profile, mode, what):
    def add(z: zipfile.ZipFile) -> None:
        info = zipfile.ZipInfo(ROOT + "model/link")
        info.external_attr = mode << 16
        z.writestr(info, "/etc/passwd")
    with pytest.raises(PackageError, match=what):
        install(package(extra=add))
    assert installed_models() == []


def test_a_zip_bomb_is_refused_before_anything_is_unpacked(package, isolated_profile):
    zeros = bytes(8 << 20)  # compresses about a thousand times
    crafted = package(extra=lambda z: z.writestr(ROOT + "model/padding.bin", zeros))
    with pytest.raises(PackageError, match="expands .* times"):
        install(crafted)
    assert not (isolated_profile / "models").exists()


def test_total_size_is_bounded(package, isolated_profile, monkeypatch):
    monkeypatch.setattr(packages, "MAX_UNPACKED", 1 << 20)
    with pytest.raises(PackageError, match=r"would unpack to .*\(the limit"):
        install(TINY)


def test_a_member_listed_twice_is_refused(package, isolated_profile):
    with pytest.warns(UserWarning, match="Duplicate name"):  # zipfile itself frowns on it
        crafted = package(extra=lambda z: z.writestr(ROOT + "README.md", b"again"))
    with pytest.raises(PackageError, match="same file twice"):
        install(crafted)


@pytest.mark.parametrize("member, garbage", [
    ("model/model.bin", lambda d: d[: len(d) // 3]),                # truncated weights
    ("sentencepiece.model", lambda d: b"not a sentencepiece model" * 50),
    ("model/config.json", lambda d: b"{"),
])
def test_a_package_that_does_not_load_is_refused_and_the_previous_install_survives(
        package, tiny_model, member, garbage):
    before = _snapshot(tiny_model.path)
    crafted = package(lambda n, d: garbage(d) if n == ROOT + member else d)
    with pytest.raises(PackageError, match="not a working model"):
        install(crafted)
    assert _snapshot(tiny_model.path) == before
    assert [m.name for m in installed_models()] == ["translate-ar_en-tiny"]
    assert Engine(installed_models()[0]).translate(["مرحبا"])[0].strip()


def test_an_installed_model_that_breaks_later_is_reported_as_broken(tiny_model, capsys):
    (tiny_model.model_dir / "model.bin").write_bytes(b"")
    assert installed_models() == []
    assert [m.problem for m in broken_models()] == ["model/model.bin is empty"]
    assert bayan(["models", "list"]) == 0
    assert "BROKEN: model/model.bin is empty" in capsys.readouterr().out
    assert not default_service().available()


def test_damaged_weights_give_a_sentence_when_translating(tiny_model):
    (tiny_model.model_dir / "model.bin").write_bytes(b"garbage" * 1000)
    engine = Engine(installed_models()[0])
    with pytest.raises(PackageError, match="is broken and cannot be loaded.*install it again"):
        engine.translate(["مرحبا"])


def test_a_folder_with_an_undecodable_name_does_not_break_listing(tiny_model, isolated_profile, capsys):
    odd = isolated_profile / "models" / "bad-\udcff-name"
    (odd / "model").mkdir(parents=True)
    (odd / "metadata.json").write_text(json.dumps({"from_code": "ar", "to_code": "en", "code": "\udcff"}))
    (odd / "model" / "model.bin").write_bytes(b"x")
    (odd / "sentencepiece.model").write_bytes(b"x")
    assert bayan(["models", "list"]) == 0
    out = capsys.readouterr().out
    assert "translate-ar_en-tiny\tArabic" in out and "BROKEN: its folder name is not valid text" in out
    assert default_service().available()


def test_metadata_of_any_type_never_breaks_labels(tiny_model):
    meta = json.loads((tiny_model.path / "metadata.json").read_text())
    meta.update(from_name={"x": 1}, package_version=["1"], target_prefix=7)
    (tiny_model.path / "metadata.json").write_text(json.dumps(meta))
    model = installed_models()[0]
    assert "→ English" in model.label and model.target_prefix == "7"
