"""Findings a person chose to ignore, remembered per document in the data folder (atomic writes)."""
from __future__ import annotations

import hashlib
import json
import logging
from pathlib import Path

from reader import atomic
from reader.paths import data_dir
from reader.qa.model import Finding

log = logging.getLogger(__name__)


class Ignores:
    def __init__(self, doc_id: str, folder: Path | None = None):
        name = hashlib.sha1(doc_id.encode()).hexdigest()[:16]  # doc ids may hold path characters
        self.path = (folder or data_dir() / "qa-ignored") / f"{name}.json"
        self.keys: set[str] = set()
        try:
            stored = json.loads(self.path.read_text(encoding="utf-8"))
            self.keys = {k for k in stored if isinstance(k, str)}
        except FileNotFoundError:
            pass
        except (OSError, ValueError, TypeError) as exc:  # a damaged file: start afresh, keep it on disk
            log.warning("ignored QA findings not read from %s: %s", self.path, exc)

    def __contains__(self, finding: Finding) -> bool:
        return finding.key in self.keys

    def ignore(self, finding: Finding) -> None:
        self.keys.add(finding.key)
        atomic.write_text(self.path, json.dumps(sorted(self.keys), ensure_ascii=False, indent=0))
