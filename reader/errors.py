"""One sentence for the user about any failure, whatever layer raised it.

The CLI prints it (the traceback only with --debug) and the window shows it, so
the wording of disk, permission and database problems is the same in both.
"""
from __future__ import annotations

import errno
import sqlite3

# Errors whose text is already written for the user.
_USER_FACING = ("UnreadableFile", "PackageError", "DownloadError", "GlossaryError", "ProjectError",
                "VocabularyError", "CorpusError", "ExchangeError", "ProfileError", "SaveError")


def describe(exc: BaseException) -> str:
    """A sentence saying what went wrong and, where there is one, what to do."""
    if type(exc).__name__ in _USER_FACING or any(c.__name__ in _USER_FACING for c in type(exc).__mro__):
        return str(exc)
    if isinstance(exc, OSError):
        return describe_os_error(exc)
    if isinstance(exc, sqlite3.Error):
        return describe_db_error(exc)
    if isinstance(exc, MemoryError):
        return "There is not enough memory for this; try a smaller file."
    if isinstance(exc, RecursionError):
        return "The input is nested too deeply to be read."
    text = (str(exc).strip().splitlines() or [""])[0][:300]
    return f"Unexpected error ({type(exc).__name__}{': ' + text if text else ''})."


def describe_os_error(exc: OSError, doing: str = "") -> str:
    where = f" {exc.filename}" if exc.filename else ""
    doing = doing or "Cannot use"
    if exc.errno == errno.ENOSPC:
        return f"The disk is full{(' (writing' + where + ')') if where else ''}; free some space and try again."
    if exc.errno in (errno.EACCES, errno.EPERM):
        return f"{doing}{where}: permission denied."
    if exc.errno == errno.EROFS:
        return f"{doing}{where}: the disk is read-only."
    if exc.errno == errno.ENOENT:
        return f"{doing}{where}: it does not exist."
    return f"{doing}{where}: {exc.strerror or exc}."


def describe_db_error(exc: sqlite3.Error, name: str = "") -> str:
    what = f"The database {name}" if name else "A Bayan database"
    text = str(exc).lower()
    if "locked" in text or "busy" in text:
        return (f"{what} is in use by another Bayan program (a window or a `bayan` command) "
                "and stayed locked; close it or try again in a moment.")
    if "disk is full" in text or "database or disk is full" in text:
        return "The disk is full; free some space and try again."
    if "readonly" in text or "read-only" in text:
        return f"{what} is read-only, so changes cannot be saved."
    if "malformed" in text or "not a database" in text or "corrupt" in text:
        return f"{what} is damaged ({exc})."
    return f"{what} could not be used ({exc})."
