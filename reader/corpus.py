"""The bundled library of Arabic statements, described by corpus/manifest.json."""
from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

from reader.document import Document
from reader.paths import corpus_dir
from reader.textfile import UnreadableFile, read_text


@dataclass(frozen=True)
class Entry:
    doc_id: str
    path: Path
    title_ar: str
    title_en: str
    date: str
    place: str
    issuer: str

    def load(self) -> Document:
        """Read and segment the statement; raises UnreadableFile with a user-facing reason."""
        decoded = read_text(self.path)
        return Document.from_text(decoded.text, doc_id=self.doc_id, title=self.title_ar)


class CorpusError(Exception):
    pass


def load_manifest(folder: Path | None = None) -> list[Entry]:
    """Entries sorted by date (oldest first)."""
    folder = Path(folder or corpus_dir())
    manifest = folder / "manifest.json"
    try:
        data = json.loads(manifest.read_text(encoding="utf-8"))
        docs = data["documents"]
    except FileNotFoundError as exc:
        raise CorpusError(f"The library index {manifest} is missing.") from exc
    except (ValueError, KeyError, TypeError) as exc:
        raise CorpusError(f"The library index {manifest} is damaged: {exc}") from exc
    entries = [
        Entry(
            doc_id=d["id"], path=folder / d["file"], title_ar=d.get("title_ar", d["id"]),
            title_en=d.get("title_en", ""), date=d.get("date", ""), place=d.get("place", ""),
            issuer=d.get("issuer", ""),
        )
        for d in docs
    ]
    return sorted(entries, key=lambda e: (e.date, e.doc_id))


__all__ = ["Entry", "CorpusError", "UnreadableFile", "load_manifest"]
