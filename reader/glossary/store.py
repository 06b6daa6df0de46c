"""Where glossaries live: the shipped TBX in resources/, the user's TBX in data_dir()."""
from __future__ import annotations

import json
import time
from pathlib import Path

from reader import atomic
from reader.glossary.model import DEFAULT_HOUSE_STYLE, HOUSE_STYLES, Glossary, GlossaryError, Term
from reader.glossary.tabular import delimiter_for, read_table, write_table
from reader.glossary.tbx import read_tbx, write_tbx
from reader.paths import data_dir, resources_dir

SHIPPED_NAME = "bayan-glossary.tbx"
TBX_SUFFIXES = (".tbx", ".xml")
TABLE_SUFFIXES = (".csv", ".tsv", ".tab", ".txt", ".utf8")


def shipped_path() -> Path:
    return resources_dir() / "glossary" / SHIPPED_NAME


def user_dir() -> Path:
    return data_dir() / "glossary"


def user_path() -> Path:
    return user_dir() / "user.tbx"


def _settings_path() -> Path:
    return user_dir() / "settings.json"


def saved_house_style() -> str:
    try:
        style = json.loads(_settings_path().read_text(encoding="utf-8")).get("house_style")
    except (OSError, ValueError, AttributeError):
        return DEFAULT_HOUSE_STYLE
    return style if style in HOUSE_STYLES else DEFAULT_HOUSE_STYLE


def save_house_style(style: str) -> None:
    if style not in HOUSE_STYLES:
        raise GlossaryError(f"Unknown house style {style!r}; choose one of {', '.join(HOUSE_STYLES)}.")
    atomic.write_text(_settings_path(), json.dumps({"house_style": style}, indent=1) + "\n")


def load_glossary(path: str | Path | None = None, user: str | Path | None = None) -> Glossary:
    """Shipped glossary merged with the user's (user terms win), in the saved house style.

    A damaged user file does not stop the app: its problem is kept in
    ``load_error`` and the file is set aside (never overwritten) on the next save.
    """
    shipped = read_tbx(Path(path) if path else shipped_path())
    upath = Path(user) if user else user_path()
    user_terms: list[Term] = []
    error = None
    try:
        present = upath.exists()
    except OSError as exc:  # an unreadable glossary folder
        present, error = False, f"Your glossary folder cannot be read ({exc.strerror or exc}); " \
                                "only the shipped glossary is available."
    if present:
        try:
            user_terms = read_tbx(upath)
        except GlossaryError as exc:
            error = f"Your glossary could not be read and was left untouched: {exc}"
    glossary = Glossary(shipped, user_terms, house_style=saved_house_style())
    glossary.load_error = error
    glossary.user_path = upath
    return glossary


def save_user_terms(glossary: Glossary) -> Path:
    """Write the user's terms atomically; a file that failed to load is kept aside first."""
    path = Path(glossary.user_path or user_path())
    if glossary.load_error and path.exists():
        path.replace(path.with_name(f"{path.name}.unreadable-{time.strftime('%Y%m%d-%H%M%S')}"))
        glossary.load_error = None
    atomic.write_bytes(path, write_tbx(glossary.user_terms, title="Bayan user glossary"))
    return path


def read_glossary_file(path: str | Path, skip_bad: bool = False) -> list[Term]:
    """Terms from a TBX, CSV or TSV file, chosen by extension (``skip_bad``: see read_table)."""
    path = Path(path)
    suffix = path.suffix.lower()
    if suffix in TBX_SUFFIXES:
        return read_tbx(path)
    if suffix not in TABLE_SUFFIXES:
        raise GlossaryError(f"{path.name}: unsupported glossary type; use .tbx, .csv or .tsv.")
    try:
        raw = path.read_bytes()
    except OSError as exc:
        raise GlossaryError(f"Cannot read {path}: {exc.strerror or exc}.") from exc
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise GlossaryError(f"{path.name} is not UTF-8 text (OmegaT glossaries must be UTF-8).") from exc
    return read_table(text, delimiter_for(path), name=path.name, skip_bad=skip_bad)


def write_glossary_file(terms: list[Term], path: str | Path) -> None:
    path = Path(path)
    suffix = path.suffix.lower()
    if suffix in TBX_SUFFIXES:
        atomic.write_bytes(path, write_tbx(terms))
    elif suffix in TABLE_SUFFIXES:
        atomic.write_text(path, write_table(terms, delimiter_for(path)))
    else:
        raise GlossaryError(f"{path.name}: unsupported glossary type; use .tbx, .csv or .tsv.")


def import_terms(glossary: Glossary, path: str | Path, skip_bad: bool = False) -> list[Term]:
    """Add every term of a file to the user's glossary and save it; returns the terms added.

    Rows that cannot be read stop the import (BadRows says which), unless ``skip_bad``."""
    terms = read_glossary_file(path, skip_bad)
    if not terms:
        raise GlossaryError(f"{Path(path).name} holds no glossary terms.")
    added = [glossary.add_user_term(t) for t in terms]
    save_user_terms(glossary)
    return added
