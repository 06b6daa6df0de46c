"""Opening the user's profile defensively, before the window is built.

Every piece (data folder, its sub-folders, the vocabulary, the translation cache,
the user glossary) is checked; nothing here raises. Damaged files are moved aside,
never deleted, and each problem becomes one sentence in the returned report, which
the window shows until the user dismisses it. A data folder that cannot be written
gives a read-only session: Bayan runs on a throwaway folder and says so.
"""
from __future__ import annotations

import os
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

from reader.paths import configured_data_dir

FOLDERS = ("models", "glossary", "projects", "downloads")
# Set for a read-only session: the real data folder, still searched for models.
READ_ONLY_FROM = "BAYAN_READ_ONLY_FROM"


@dataclass
class ProfileReport:
    data_dir: Path
    read_only: bool = False
    problems: list[str] = field(default_factory=list)


def open_profile() -> ProfileReport:
    """Check (and where possible repair) the profile; redirects BAYAN_DATA_DIR if unusable."""
    path = configured_data_dir()
    reason = _unusable(path)
    if reason is not None:
        session = Path(tempfile.mkdtemp(prefix="bayan-read-only-"))
        os.environ["BAYAN_DATA_DIR"] = str(session)
        if path.is_dir():
            os.environ[READ_ONLY_FROM] = str(path)
        return ProfileReport(session, True, [
            f"Read-only session: Bayan's data folder {path} {reason}. You can read and translate, "
            "but settings, edits, vocabulary and glossary changes will not be kept after you quit."])
    report = ProfileReport(path)
    for name in FOLDERS:
        problem = _check_folder(path / name)
        if problem:
            report.problems.append(problem)
    for check in (_check_vocabulary, _check_cache, _check_user_glossary):
        try:
            note = check()
        except Exception as exc:  # noqa: BLE001 - a start-up check must never stop the start
            from reader.errors import describe

            note = describe(exc)
        if note:
            report.problems.append(note)
    return report


def _unusable(path: Path) -> str | None:
    if path.exists() and not path.is_dir():
        return "is a file, not a folder"
    try:
        path.mkdir(parents=True, exist_ok=True)
        fd, probe = tempfile.mkstemp(prefix=".write-test-", dir=path)
        os.close(fd)
        os.unlink(probe)
    except OSError as exc:
        return f"cannot be written ({exc.strerror or exc})"
    return None


def _check_folder(folder: Path) -> str | None:
    if folder.exists() and not folder.is_dir():
        aside = folder.with_name(f"{folder.name}.not-a-folder-{time.strftime('%Y%m%d-%H%M%S')}")
        try:
            folder.replace(aside)
            folder.mkdir()
        except OSError as exc:
            return f"{folder} is a file where Bayan keeps a folder, and it could not be moved: " \
                   f"{exc.strerror or exc}."
        return f"{folder} was a file where Bayan keeps a folder; it was moved to {aside.name} (kept, not deleted)."
    if folder.is_dir() and not os.access(folder, os.R_OK | os.X_OK):
        return f"The folder {folder} cannot be read (permission denied); what it holds is not available."
    return None


def _check_vocabulary() -> str | None:
    from reader.study.vocabulary import Vocabulary

    vocabulary = Vocabulary()
    vocabulary.close()
    return vocabulary.note


def _check_cache() -> str | None:
    from reader.translation.cache import TranslationCache

    cache = TranslationCache()
    cache.close()
    return cache.note


def _check_user_glossary() -> str | None:
    from reader.glossary.model import GlossaryError
    from reader.glossary.store import user_path
    from reader.glossary.tbx import read_tbx

    path = user_path()
    if not path.exists():
        return None
    try:
        read_tbx(path)
    except GlossaryError as exc:
        aside = path.with_name(f"{path.name}.damaged-{time.strftime('%Y%m%d-%H%M%S')}")
        path.replace(aside)
        return (f"Your glossary {path} could not be read ({exc}); it was moved to {aside.name} "
                "(kept, not deleted) and you start with an empty personal glossary.")
    return None
