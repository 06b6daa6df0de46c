"""FreeDict Arabic-English (GPL-2+, from Arabeyes) as a compact gloss table.

The dictd files of Debian's dict-freedict-ara-eng are converted once into
``resources/dictionaries/freedict-ara-eng.tsv.gz`` (headword TAB glosses joined
by " | "), which ships with Bayan so that users without Debian have it too.
Rebuild with ``python -m reader.study.freedict [/usr/share/dictd]``.
"""
from __future__ import annotations

import gzip
import io
import re
import sys
from pathlib import Path

from reader.atomic import write_bytes
from reader.paths import resources_dir

DICTD_DIR = Path("/usr/share/dictd")
DICTD_NAME = "freedict-ara-eng"
_B64 = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/"
_NUMBERED = re.compile(r"^\s*\d+\.\s*")
_ARABIC = re.compile(r"[\u0621-\u064A]")


def shipped_path() -> Path:
    return resources_dir() / "dictionaries" / f"{DICTD_NAME}.tsv.gz"


def _b64(text: str) -> int:
    n = 0
    for ch in text:
        n = n * 64 + _B64.index(ch)
    return n


def _tidy_gloss(gloss: str) -> str:
    # FreeDict capitalises every gloss; keep acronyms ("NATO") as they are.
    gloss = gloss.strip().rstrip(".;,")
    if len(gloss) > 1 and gloss[0].isupper() and gloss[1].islower():
        gloss = gloss[0].lower() + gloss[1:]
    return gloss


def parse_entry(body: str) -> tuple[str, list[str]]:
    """One dictd article -> (vocalised headword, glosses)."""
    lines = [ln for ln in body.splitlines() if ln.strip()]
    head = lines[0].split(" /", 1)[0].strip()
    glosses = []
    for ln in lines[1:]:
        g = _tidy_gloss(_NUMBERED.sub("", ln))
        if g and g not in glosses:
            glosses.append(g)
    return head, glosses


def read_dictd(directory: Path = DICTD_DIR):
    """(headword, glosses) for every Arabic article of the dictd files in ``directory``."""
    index = directory / f"{DICTD_NAME}.index"
    data = gzip.open(directory / f"{DICTD_NAME}.dict.dz").read()
    seen: set[int] = set()
    for line in index.read_text(encoding="utf-8").splitlines():
        parts = line.split("\t")
        if len(parts) != 3 or not _ARABIC.search(parts[0]):
            continue
        offset, length = _b64(parts[1]), _b64(parts[2])
        if offset in seen:
            continue
        seen.add(offset)
        head, glosses = parse_entry(data[offset:offset + length].decode("utf-8"))
        if glosses:
            yield head, glosses


def build(directory: Path = DICTD_DIR, out: Path | None = None) -> Path:
    out = out or shipped_path()
    buf = io.StringIO()
    for head, glosses in sorted(read_dictd(directory)):
        buf.write(f"{head}\t{' | '.join(glosses)}\n")
    # mtime=0 keeps the file byte-identical between rebuilds.
    write_bytes(out, gzip.compress(buf.getvalue().encode("utf-8"), compresslevel=9, mtime=0))
    return out


def load(path: Path) -> list[tuple[str, list[str]]]:
    with gzip.open(path, "rt", encoding="utf-8") as fh:
        return [(head, rest.split(" | ")) for head, _, rest in
                (ln.rstrip("\n").partition("\t") for ln in fh) if rest]


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    src = Path(argv[0]) if argv else DICTD_DIR
    if not (src / f"{DICTD_NAME}.index").is_file():
        print(f"{src / DICTD_NAME}.index not found: install Debian's dict-freedict-ara-eng", file=sys.stderr)
        return 2
    out = build(src)
    print(f"wrote {out} ({out.stat().st_size} bytes)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
