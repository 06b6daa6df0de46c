"""Reading text files whose encoding is not known in advance.

Translators receive Arabic as UTF-8 (with or without BOM), UTF-16 from Word,
or windows-1256 / ISO-8859-6 from older systems.  Only encodings an Arabic
document can plausibly be in are tried (Latin-1 only when the text is Latin):
a guess among all of Python's codecs turned a short windows-1256 file into
Big5.  A UTF-8 file with a few damaged bytes stays UTF-8, with the damage shown
as U+FFFD and counted in ``warning``; binary files raise :class:`UnreadableFile`.
"""
from __future__ import annotations

import codecs
import re
import stat
from dataclasses import dataclass
from pathlib import Path

MAX_BYTES = 200 * 1024 * 1024


class UnreadableFile(Exception):
    """A file that cannot be opened as text; ``str(exc)`` is the user-facing reason."""


@dataclass(frozen=True)
class DecodedText:
    text: str
    encoding: str
    warning: str = ""  # damage found while decoding, for the user


# A well-formed multi-byte UTF-8 sequence; legacy single-byte text almost never has one.
_UTF8_MULTI_RE = re.compile(rb"[\xc2-\xdf][\x80-\xbf]|[\xe0-\xef][\x80-\xbf]{2}|[\xf0-\xf4][\x80-\xbf]{3}")
# Arabic letters in words of their own: in Latin text read with an Arabic code page,
# accented letters become Arabic letters stuck to Latin ones ("cafى").
_ARABIC_RE = re.compile(r"(?<![A-Za-z\u00c0-\u00ff])[\u0621-\u064a]+(?![A-Za-z\u00c0-\u00ff])")


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
    sample = data[:8192]
    # A stray NUL in text is removed at import; many of them mean a binary file.
    if sample.count(0) > max(8, len(sample) // 100):
        raise UnreadableFile(f"{name} looks like a binary file, not text.")
    try:
        return DecodedText(data.decode("utf-8"), "utf-8")
    except UnicodeDecodeError:
        pass
    damaged = _damaged_utf8(data)
    if damaged is not None:
        return damaged
    legacy = _legacy_arabic(data)
    if legacy is not None:
        return legacy
    if b"\x00" in sample:
        raise UnreadableFile(f"{name} looks like a binary file, not text.")
    raise UnreadableFile(f"{name} is not in a text encoding Bayan can read "
                         "(UTF-8, UTF-16, UTF-32, windows-1256, ISO-8859-6).")


def _damaged_utf8(data: bytes) -> DecodedText | None:
    """UTF-8 with a few invalid bytes: keep it UTF-8 and say how many were replaced."""
    valid = len(_UTF8_MULTI_RE.findall(data))
    text = data.decode("utf-8", errors="replace")
    bad = text.count("\ufffd") - data.count("\ufffd".encode())
    if valid == 0 or bad > max(valid // 10, 3):
        return None  # mostly not UTF-8: a legacy encoding
    noun = "byte sequence" if bad == 1 else "byte sequences"
    return DecodedText(text, "utf-8", f"{bad} invalid {noun} replaced by \ufffd (the file is damaged UTF-8).")


def _legacy_arabic(data: bytes) -> DecodedText | None:
    """windows-1256 or ISO-8859-6, whichever yields more Arabic letters; windows-1252 when
    the text has no Arabic at all (a Latin document)."""
    best: tuple[int, str, str] | None = None
    for enc in ("cp1256", "iso8859_6"):
        try:
            text = data.decode(enc)
        except UnicodeDecodeError:
            continue
        letters = sum(map(len, _ARABIC_RE.findall(text)))
        if _mostly_text(text) and (best is None or letters > best[0]):
            best = (letters, enc, text)
    if best is not None and best[0] > 0:
        return DecodedText(best[2], codecs.lookup(best[1]).name)
    for enc in ("cp1252", "latin-1"):
        try:
            text = data.decode(enc)
        except UnicodeDecodeError:
            continue
        if _mostly_text(text):
            return DecodedText(text, codecs.lookup(enc).name)
    return None


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
        info = path.stat()
        size = info.st_size
        if stat.S_ISDIR(info.st_mode):
            raise IsADirectoryError(path)
        if not stat.S_ISREG(info.st_mode):
            # A pipe or a device (/dev/zero) never ends: reading it would hang or fill memory.
            raise UnreadableFile(f"{path.name} is not a regular file (a pipe or a device), so it was not read.")
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
