"""Hostile inputs are generated here, at test time: no large or crafted blobs are committed."""
from __future__ import annotations

import json
import zipfile
from pathlib import Path
from typing import Callable

import pytest

TINY = Path(__file__).resolve().parent.parent / "data" / "translate-ar_en-tiny.argosmodel"


def rewrite_package(out: Path, change: Callable[[str, bytes], bytes | None] = lambda n, d: d,
                    extra: Callable[[zipfile.ZipFile], None] | None = None) -> Path:
    """A copy of the tiny real package with change(member, data) applied and extra members added."""
    with zipfile.ZipFile(TINY) as src, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for item in src.infolist():
            data = change(item.filename, src.read(item))
            if data is not None:
                dst.writestr(item.filename, data)
        if extra:
            extra(dst)
    return out


def with_metadata(out: Path, **fields: object) -> Path:
    def change(name: str, data: bytes) -> bytes:
        if name.endswith("metadata.json"):
            meta = json.loads(data)
            meta.update(fields)
            return json.dumps(meta).encode()
        return data
    return rewrite_package(out, change)


@pytest.fixture
def package(tmp_path: Path) -> Callable[..., Path]:
    counter = iter(range(1000))

    def make(change: Callable[[str, bytes], bytes | None] = lambda n, d: d,
             extra: Callable[[zipfile.ZipFile], None] | None = None) -> Path:
        return rewrite_package(tmp_path / f"crafted-{next(counter)}.argosmodel", change, extra)
    return make
