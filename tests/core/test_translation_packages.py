"""Installing, recognising, rejecting and removing Argos packages; `bayan models`."""
from __future__ import annotations

import json
import shutil
import zipfile
from collections import namedtuple
from pathlib import Path

import pytest

from reader.cli import main as bayan
from reader.translation import packages
from reader.translation.packages import PackageError, inspect_archive, install, installed_models

TINY = Path(__file__).parent.parent / "data" / "translate-ar_en-tiny.argosmodel"


def rewrite(tmp_path: Path, name: str, change, source: Path = TINY) -> Path:
    """A copy of the tiny package (or ``source``) with change(member_name, data) -> data|None applied."""
    out = tmp_path / name
    with zipfile.ZipFile(source) as src, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for item in src.infolist():
            data = change(item.filename, src.read(item))
            if data is not None:
                dst.writestr(item.filename, data)
    return out


def test_tiny_package_installs_and_is_listed(isolated_profile):
    assert installed_models() == []
    model, info = install(TINY)
    assert model.path.parent == isolated_profile / "models"
    assert (model.model_dir / "model.bin").is_file() and model.sentencepiece.is_file()
    assert [m.name for m in installed_models()] == ["translate-ar_en-tiny"]
    assert "Arabic → English" in model.label
    assert not info.is_official and "not the official" in info.describe()
    # Identity is stable and changes with the weights.
    first = model.identity()
    assert model.identity() == first
    with open(model.model_dir / "model.bin", "ab") as fh:
        fh.write(b"\0")
    assert model.identity() != first


def test_installing_again_replaces_the_package(tiny_model):
    (tiny_model.path / "stale.txt").write_text("left over")
    model, _ = install(TINY)
    assert not (model.path / "stale.txt").exists()
    assert len(installed_models()) == 1


def test_official_package_is_recognised_by_size_and_checksum(monkeypatch):
    size = TINY.stat().st_size
    digest = packages.sha256_file(TINY)
    monkeypatch.setattr(packages, "OFFICIAL_SIZE", size)
    monkeypatch.setattr(packages, "OFFICIAL_SHA256", digest)
    assert inspect_archive(TINY).is_official
    assert "checksum verified" in inspect_archive(TINY).describe()
    monkeypatch.setattr(packages, "OFFICIAL_SHA256", "0" * 64)  # same size, other bytes
    assert not inspect_archive(TINY).is_official


def test_wrong_language_pair_is_refused(tmp_path):
    def to_french(name, data):
        if name.endswith("metadata.json"):
            meta = json.loads(data)
            meta.update(from_code="en", from_name="English", to_code="fr", to_name="French")
            return json.dumps(meta).encode()
        return data

    bad = rewrite(tmp_path, "translate-en_fr.argosmodel", to_french)
    with pytest.raises(PackageError, match=r"English → French.*Arabic → English"):
        install(bad)
    assert installed_models() == []


def test_truncated_download_is_refused(tmp_path):
    cut = tmp_path / "translate-ar_en.argosmodel"
    cut.write_bytes(TINY.read_bytes()[: TINY.stat().st_size // 2])
    with pytest.raises(PackageError, match="not a complete zip.*incomplete download"):
        install(cut)
    assert installed_models() == []


def test_corrupt_member_is_detected(tmp_path):
    bad = tmp_path / "corrupt.argosmodel"
    data = bytearray(TINY.read_bytes())
    with zipfile.ZipFile(TINY) as zf:
        info = zf.getinfo(next(n for n in zf.namelist() if n.endswith("model.bin")))
    middle = info.header_offset + 200 + info.compress_size // 2
    data[middle:middle + 64] = bytes(64)
    bad.write_bytes(bytes(data))
    with pytest.raises(PackageError, match="damaged"):
        install(bad)
    assert installed_models() == []


@pytest.mark.parametrize("drop, message", [
    ("sentencepiece.model", "missing sentencepiece.model"),
    ("metadata.json", "no metadata.json"),
])
def test_incomplete_package_is_refused(tmp_path, drop, message):
    bad = rewrite(tmp_path, "x.argosmodel", lambda n, d: None if n.endswith(drop) else d)
    with pytest.raises(PackageError, match=message):
        install(bad)


def test_not_a_zip_and_empty_file(tmp_path):
    text = tmp_path / "notes.argosmodel"
    text.write_text("hello")
    with pytest.raises(PackageError, match="not a valid Argos model"):
        install(text)
    empty = tmp_path / "empty.argosmodel"
    empty.write_bytes(b"")
    with pytest.raises(PackageError, match="is empty"):
        install(empty)


def test_no_disk_space_is_reported_before_unpacking(monkeypatch, isolated_profile):
    usage = namedtuple("usage", "total used free")
    monkeypatch.setattr(shutil, "disk_usage", lambda path: usage(10**9, 10**9 - 1000, 1000))
    with pytest.raises(PackageError, match="Not enough disk space.*needs"):
        install(TINY)
    assert installed_models() == []


def test_remove(tiny_model):
    packages.remove(tiny_model)
    assert installed_models() == []
    assert not tiny_model.path.exists()
    with pytest.raises(PackageError, match="not installed"):
        packages.remove(tiny_model)


def test_packages_installed_by_argos_itself_are_found(tmp_path, monkeypatch):
    argos_dir = tmp_path / "argos-packages"
    monkeypatch.setenv("ARGOS_PACKAGES_DIR", str(argos_dir))
    install(TINY, dest=argos_dir)
    assert [m.path.parent for m in installed_models()] == [argos_dir]


def test_cli_install_list_remove(capsys):
    assert bayan(["models", "list"]) == 0
    assert "No translation model installed" in capsys.readouterr().out
    assert bayan(["models", "install", str(TINY)]) == 0
    assert "Installed translate-ar_en-tiny" in capsys.readouterr().out
    assert bayan(["models", "list"]) == 0
    assert "translate-ar_en-tiny" in capsys.readouterr().out
    assert bayan(["models", "remove", "nope"]) == 2
    assert "No installed model named" in capsys.readouterr().err
    assert bayan(["models", "remove", "translate-ar_en-tiny"]) == 0
    assert installed_models() == []


def test_cli_install_reports_bad_file(tmp_path, capsys):
    bad = tmp_path / "bad.argosmodel"
    bad.write_bytes(b"PK\x03\x04 not really")
    assert bayan(["models", "install", str(bad)]) == 2
    assert "bayan: bad.argosmodel" in capsys.readouterr().err
