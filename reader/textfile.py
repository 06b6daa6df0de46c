"""Reading text files whose encoding is not known in advance.

Translators receive Arabic as UTF-8 (with or without BOM), UTF-16 from Word,
or windows-1256 from older systems.  Decoding is strict: a file that is none
of these, or is binary, raises :class:`UnreadableFile` with a message fit for
the user, and nothing is silently replaced by U+FFFD.
"""
from __future__ import annotations

import codecs
from dataclasses import dataclass
from pathlib import Path

MAX_BYTES = 200 * 1024 * 1024


class UnreadableFile(Exception):
    """A file that cannot be opened as text; ``str(exc)`` is the user-facing reason."""


@dataclass(frozen=True)
class DecodedText:
    text: str
    encoding: str


_BOMS = [
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
]


def _looks_like_utf16(data: bytes) -> str | None:
    """UTF-16 without a BOM: every other byte is NUL for Latin, 0x06 for Arabic."""
    sample = data[:4096]
    if len(sample) < 4:
        return None
    even, odd = sample[0::2], sample[1::2]
    def share(part: bytes) -> float:
        return sum(b in (0, 6) for b in part) / max(len(part), 1)
    if share(odd) > 0.6 and share(even) < 0.3:
        return "utf-16-le"
    if share(even) > 0.6 and share(odd) < 0.3:
        return "utf-16-be"
    return None


def decode_bytes(data: bytes, name: str = "the file") -> DecodedText:
    if not data.strip():
        raise UnreadableFile(f"{name} is empty.")
    for bom, enc in _BOMS:
        if data.startswith(bom):
            try:
                return DecodedText(data.decode(enc), enc)
            except UnicodeDecodeError as exc:
                raise UnreadableFile(f"{name} starts like {enc} but is damaged: {exc.reason}.") from exc
    utf16 = _looks_like_utf16(data)
    if utf16:
        try:
            return DecodedText(data.decode(utf16), utf16)
        except UnicodeDecodeError:
            pass
    if b"\x00" in data[:8192]:
        raise UnreadableFile(f"{name} looks like a binary file, not text.")
    try:
        return DecodedText(data.decode("utf-8"), "utf-8")
    except UnicodeDecodeError:
        pass
    # Not UTF-8: legacy Arabic text is almost always windows-1256.  Ask
    # charset-normalizer first so that other single-byte encodings are found too.
    from charset_normalizer import from_bytes

    best = from_bytes(data[:1_000_000]).best()
    candidates = ([best.encoding] if best else []) + ["cp1256"]
    for enc in candidates:
        try:
            text = data.decode(enc)
        except (UnicodeDecodeError, LookupError):
            continue
        if _mostly_text(text):
            return DecodedText(text, codecs.lookup(enc).name)
    raise UnreadableFile(f"{name} is not in a text encoding Bayan can read (UTF-8, UTF-16, windows-1256).")


def _mostly_text(text: str) -> bool:
    sample = text[:20000]
    bad = sum(1 for ch in sample if (ord(ch) < 32 and ch not in "\r\n\t\f") or 0x80 <= ord(ch) < 0xA0)
    return bad <= len(sample) * 0.01


def read_text(path: str | Path) -> DecodedText:
    path = Path(path)
    return decode_bytes(read_bytes(path), path.name)


def read_bytes(path: str | Path) -> bytes:
    """The file's bytes, or UnreadableFile saying why not (missing, folder, too large...)."""
    path = Path(path)
    try:
        size = path.stat().st_size
        if size > MAX_BYTES:
            raise UnreadableFile(f"{path.name} is too large ({size // 2**20} MB; the limit is {MAX_BYTES // 2**20} MB).")
        return path.read_bytes()
    except FileNotFoundError as exc:
        raise UnreadableFile(f"{path.name} was not found.") from exc
    except IsADirectoryError as exc:
        raise UnreadableFile(f"{path.name} is a folder, not a file.") from exc
    except PermissionError as exc:
        raise UnreadableFile(f"{path.name} cannot be read (permission denied).") from exc
    except OSError as exc:
        raise UnreadableFile(f"{path.name} cannot be read: {exc.strerror or exc}.") from exc
