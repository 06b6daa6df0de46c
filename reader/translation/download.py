"""Downloading a model, only ever when the user asks for it.

Byte progress, cancel, resume of an interrupted download (HTTP Range into a ``.part`` file)
and a checksum check. argostranslate's own download reads the whole file into memory and
has none of these, so only its index format is reused.
"""
from __future__ import annotations

import hashlib
import json
import os
import urllib.error
import urllib.request
from dataclasses import dataclass
from pathlib import Path
from typing import Callable

from reader.paths import data_dir
from reader.translation.packages import OFFICIAL_FILE, OFFICIAL_SHA256, OFFICIAL_SIZE, is_slug

INDEX_URL = "https://raw.githubusercontent.com/argosopentech/argospm-index/main/index.json"
CHUNK = 1 << 16


class DownloadError(Exception):
    """The download failed; the message is meant for the user."""


class DownloadCancelled(DownloadError):
    def __init__(self, part: Path):
        super().__init__(f"Download cancelled; {part.name} is kept so it can resume later.")
        self.part = part


@dataclass(frozen=True)
class RemotePackage:
    code: str
    version: str
    links: tuple[str, ...]
    sha256: str | None = None
    size: int | None = None

    @property
    def filename(self) -> str:
        """A local file name Bayan chose: the link's last part only when it is a clean name."""
        last = self.links[0].rsplit("/", 1)[-1] if self.links else ""
        if last.endswith(".argosmodel") and is_slug(last[: -len(".argosmodel")]):
            return last
        return f"{self.code if is_slug(self.code) else 'translate-ar_en'}.argosmodel"


def downloads_dir() -> Path:
    path = data_dir() / "downloads"
    path.mkdir(parents=True, exist_ok=True)
    return path


def fetch_index(url: str | None = None, timeout: float = 30) -> list[RemotePackage]:
    """Arabic->English packages listed in argostranslate's package index (network!)."""
    url = url or os.environ.get("BAYAN_MODEL_INDEX", INDEX_URL)
    try:
        with urllib.request.urlopen(url, timeout=timeout) as response:
            entries = json.loads(response.read().decode("utf-8"))
    except (OSError, ValueError) as exc:
        raise DownloadError(f"Cannot read the model index at {url}: {_reason(exc)}") from exc
    found = []
    for e in entries if isinstance(entries, list) else []:
        if not isinstance(e, dict) or e.get("from_code") != "ar" or e.get("to_code") != "en":
            continue
        links = tuple(link for link in e.get("links") or () if isinstance(link, str)
                      and link.startswith(("https://", "http://", "file:")))
        if links:
            official = links[0].endswith(OFFICIAL_FILE)
            stated = e.get("size")
            size = stated if isinstance(stated, int) and stated > 0 else None
            sha = e.get("sha256") if isinstance(e.get("sha256"), str) else None
            found.append(RemotePackage(
                code=str(e.get("code") or "translate-ar_en"), version=str(e.get("package_version", "")),
                links=links, sha256=sha or (OFFICIAL_SHA256 if official else None),
                size=size or (OFFICIAL_SIZE if official else None)))
    if not found:
        raise DownloadError("The model index lists no Arabic → English package.")
    return found


# With no size in the index, a download still stops here (a model is at most a few GB).
MAX_DOWNLOAD = 4 << 30


def download(url: str, dest: Path, progress: Callable[[int, int | None], None] | None = None,
             cancel: Callable[[], bool] | None = None, sha256: str | None = None,
             timeout: float = 30, size: int | None = None) -> Path:
    """Download ``url`` to ``dest``, resuming ``dest + .part`` if an earlier try left one.

    ``progress(done_bytes, total_bytes_or_None)``; ``cancel()`` returning true stops the
    download (DownloadCancelled) and keeps the .part file, as does a dropped connection
    (to resume). Any other failure, a checksum mismatch and more bytes than ``size``
    delete it: nothing is left behind.
    """
    dest = Path(dest)
    part = dest.with_name(dest.name + ".part")
    try:
        return _download(url, dest, part, progress, cancel, sha256, timeout, size or MAX_DOWNLOAD)
    except (DownloadCancelled, _Resumable):
        raise
    except OSError as exc:  # the disk filled up or the folder is read-only
        part.unlink(missing_ok=True)
        raise DownloadError(f"Cannot save the download in {dest.parent}: {_reason(exc)}; "
                            "nothing was kept.") from exc
    except BaseException:
        part.unlink(missing_ok=True)
        raise


class _Resumable(DownloadError):
    """Interrupted by the network: the .part is kept so a new try resumes it."""


def _download(url: str, dest: Path, part: Path, progress: Callable[[int, int | None], None] | None,
              cancel: Callable[[], bool] | None, sha256: str | None, timeout: float, limit: int) -> Path:
    have = part.stat().st_size if part.exists() else 0
    request = urllib.request.Request(url, headers={"User-Agent": "Bayan"})
    if have:
        request.add_header("Range", f"bytes={have}-")
    try:
        response = urllib.request.urlopen(request, timeout=timeout)
    except urllib.error.HTTPError as exc:
        if exc.code == 416 and have:  # the .part is already complete
            response = None
        else:
            raise DownloadError(f"Download failed: {url} answered {exc.code} {exc.reason}.") from exc
    except OSError as exc:
        raise DownloadError(f"Download failed: {_reason(exc)}") from exc
    try:
        if response is not None:
            if have and response.status != 206:
                have = 0  # the server ignored Range: start over
            length = response.headers.get("Content-Length")
            total = have + int(length) if length is not None and length.isdigit() else None
            if total is not None and total > limit:
                raise DownloadError(f"The server offers {total:,} bytes for a model the index says is "
                                    f"{limit:,} bytes; nothing was downloaded.")
            with open(part, "ab" if have else "wb") as out:
                done = have
                if progress:
                    progress(done, total)
                while True:
                    if cancel is not None and cancel():
                        raise DownloadCancelled(part)
                    try:
                        chunk = response.read(CHUNK)
                    except OSError as exc:
                        raise _Resumable(f"Download interrupted after {done:,} bytes "
                                         f"({_reason(exc)}); try again to resume.") from exc
                    if not chunk:
                        break
                    if done + len(chunk) > limit:
                        raise DownloadError(f"The server sent more than the {limit:,} bytes the index "
                                            "states; the download was stopped and deleted.")
                    out.write(chunk)
                    done += len(chunk)
                    if progress:
                        progress(done, total)
            if total is not None and done < total:
                raise _Resumable(f"Download interrupted after {done:,} of {total:,} bytes; "
                                 "try again to resume.")
    finally:
        if response is not None:
            response.close()
    if sha256:
        digest = hashlib.sha256()
        with open(part, "rb") as fh:
            for chunk in iter(lambda: fh.read(1 << 20), b""):
                digest.update(chunk)
        if digest.hexdigest() != sha256.lower():
            raise DownloadError(f"The downloaded file is corrupt (SHA-256 {digest.hexdigest()[:12]}… "
                                f"instead of {sha256[:12]}…); it was deleted.")
    os.replace(part, dest)
    return dest


def download_package(package: RemotePackage, progress=None, cancel=None) -> Path:
    last: DownloadError | None = None
    for url in package.links:
        try:
            return download(url, downloads_dir() / package.filename, progress, cancel, package.sha256,
                            size=package.size)
        except DownloadCancelled:
            raise
        except DownloadError as exc:
            last = exc
    raise last or DownloadError("The package has no download link.")


def _reason(exc: BaseException) -> str:
    reason = getattr(exc, "reason", None) or getattr(exc, "strerror", None) or exc
    return str(reason)
