"""The memory follows the open document (a person's English goes in) and pre-translates it.

The memory keeps its own units only; a segment's English is read from the session when
it changes, and pre-translation writes back through the session, which never lets it
replace a person's work.
"""
from __future__ import annotations

from typing import Callable

from reader.project_store import ProjectError, ProjectStore, projects_dir
from reader.session import DocumentSession, SessionChange
from reader.states import HUMAN_STATUSES, Origin, memory_may_write
from reader.tm.memory import TranslationMemory, default_path

DEFAULT_THRESHOLD = 75


def _person_english(session: DocumentSession, row: int) -> str | None:
    """The row's English when a person wrote or approved it (a memory's own English, status
    ``from TM``, goes in only once a person edits or approves it)."""
    return session.english(row) if session.status(row).human else None


def follow(session: DocumentSession, tm: TranslationMemory) -> Callable[[], None]:
    """Keep ``tm`` fed with the session's human segments; returns the unsubscribe function."""

    def changed(change: SessionChange) -> None:
        if change.origin is not None and not change.origin.undoable:
            return  # engine output only ever touches rows no person has worked on
        tm.set_segments(session.doc_id, [(row, session.segments[row].text, _person_english(session, row))
                                         for row in change.rows], session.document.title)

    return session.subscribe(changed)


def harvest_segments(session: DocumentSession) -> list[tuple[int, str, str]]:
    """(row, Arabic, English) of the session's human segments (work done before the memory
    followed it), for ``tm.set_segments``."""
    return [(r, session.segments[r].text, english) for r in range(len(session))
            if (english := _person_english(session, r))]


def open_memory() -> TranslationMemory:
    """The user's memory; a new one starts with the human segments of every saved project."""
    new = not default_path().exists()
    tm = TranslationMemory(default_path())
    if new:
        for path in sorted(projects_dir().glob("*.bayan.sqlite")):
            try:
                with ProjectStore(path) as store:
                    if store.doc_id:
                        tm.set_segments(store.doc_id, _project_segments(store), store.title)
            except ProjectError:
                continue  # a damaged project says so when its document is opened
    return tm


def _project_segments(store: ProjectStore) -> list[tuple[int, str, str | None]]:
    return [(s.index, s.source, s.target) for s in store.all() if s.status in HUMAN_STATUSES and s.target]


def pretranslation(rows: list[tuple[int, str]], tm: TranslationMemory, threshold: int = DEFAULT_THRESHOLD,
                   cancelled: Callable[[], bool] = lambda: False,
                   progress: Callable[[int], None] = lambda done: None) -> list[tuple[int, str]]:
    """(row, English) of the best match at or above ``threshold`` for each (row, Arabic)."""
    out = []
    for n, (row, arabic) in enumerate(rows):
        if cancelled():
            break
        if n % 50 == 0:
            progress(n)
        best = tm.lookup(arabic, limit=1, minimum=threshold)
        if best:
            out.append((row, best[0].unit.target))
    return out


def rows_to_pretranslate(session: DocumentSession) -> list[tuple[int, str]]:
    """(row, Arabic) of the rows no person has worked on (a newer memory may improve a ``from TM`` row)."""
    return [(r, session.segments[r].text) for r in range(len(session)) if memory_may_write(session.status(r))]


def pretranslate(session: DocumentSession, pairs: list[tuple[int, str]]) -> list[int]:
    """Write the memory's English through the session (human work is refused there)."""
    return session.prefill(pairs, Origin.TM)
