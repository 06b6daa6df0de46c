"""The command line: usage errors, no display, one sentence instead of a traceback."""
from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from reader.cli import main as bayan

ROOT = Path(__file__).resolve().parent.parent.parent


def run_bayan(*args: str, env: dict[str, str] | None = None, cwd: Path | None = None) -> subprocess.CompletedProcess:
    base = {k: v for k, v in os.environ.items() if k not in ("DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM")}
    base["PYTHONPATH"] = str(ROOT)
    return subprocess.run([sys.executable, "-m", "reader", *args], capture_output=True, text=True,
                          env={**base, **(env or {})}, cwd=cwd, timeout=120)


@pytest.mark.parametrize("word, nearest", [("tranlsate", "translate"), ("segmnet", "segment"), ("model", "models")])
def test_a_mistyped_command_is_a_usage_error_with_the_nearest_command(capsys, word, nearest):
    with pytest.raises(SystemExit) as exit_info:
        bayan([word, "file.txt"])
    assert exit_info.value.code == 2
    err = capsys.readouterr().err
    assert f"invalid choice: '{word}'" in err and f"Did you mean '{nearest}'?" in err


def test_an_unknown_word_without_a_near_command_suggests_nothing(capsys):
    with pytest.raises(SystemExit):
        bayan(["frobnicate"])
    err = capsys.readouterr().err
    assert "invalid choice: 'frobnicate'" in err and "Did you mean" not in err


def test_an_existing_file_named_like_a_word_still_opens_in_the_reader(tmp_path, monkeypatch):
    (tmp_path / "notes").write_text("نص")
    monkeypatch.chdir(tmp_path)
    opened = []
    monkeypatch.setattr("reader.ui.app.run", lambda files: opened.append(files) or 0)
    assert bayan(["notes"]) == 0 and opened == [["notes"]]


def test_without_a_display_the_window_says_so_and_exits_2(tmp_path):
    (tmp_path / "a.txt").write_text("نص عربي.")
    for args in (["a.txt"], [], ["gui"]):
        result = run_bayan(*args, cwd=tmp_path, env={"BAYAN_DATA_DIR": str(tmp_path / "p")})
        assert result.returncode == 2, result.stderr
        assert "no display was found" in result.stderr and "Traceback" not in result.stderr


def test_a_mistyped_command_without_a_display_does_not_abort(tmp_path):
    result = run_bayan("tranlsate", "f", cwd=tmp_path, env={"BAYAN_DATA_DIR": str(tmp_path / "p")})
    assert result.returncode == 2 and "Did you mean 'translate'?" in result.stderr


def test_errors_are_one_sentence_and_debug_shows_the_traceback(tmp_path):
    not_a_folder = tmp_path / "file"
    not_a_folder.write_text("x")
    env = {"BAYAN_DATA_DIR": str(not_a_folder)}
    quiet = run_bayan("models", "list", env=env)
    assert quiet.returncode == 2
    assert quiet.stderr.startswith("bayan: Bayan's data folder") and "is a file, not a folder" in quiet.stderr
    assert "Traceback" not in quiet.stderr and quiet.stderr.count("\n") == 1
    loud = run_bayan("--debug", "models", "list", env=env)
    assert loud.returncode != 0 and "Traceback" in loud.stderr and "ProfileError" in loud.stderr


def test_translate_warns_about_a_damaged_project_and_carries_on(tiny_model, tmp_path, capsys):
    from reader.importers import load_document
    from reader.project_store import project_path

    source = tmp_path / "a.txt"
    source.write_text("قال المتحدث إن الاجتماع انتهى.\n", encoding="utf-8")
    project_path(load_document(source).doc_id).write_bytes(b"not a database" * 400)
    assert bayan(["translate", "--quiet", str(source)]) == 0
    out, err = capsys.readouterr()
    assert "warning: The project of this document" in err and "kept, not deleted" in err
    assert '"en": "' in out


def test_an_argos_folder_that_is_a_file_does_not_break_listing(tmp_path, monkeypatch, capsys):
    odd = tmp_path / "argos-packages"
    odd.write_text("not a folder")
    monkeypatch.setenv("ARGOS_PACKAGES_DIR", str(odd))
    assert bayan(["models", "list"]) == 0
    assert "No translation model installed" in capsys.readouterr().out
