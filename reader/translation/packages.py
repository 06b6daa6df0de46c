"""Installed Argos Translate packages: discovery, validation, installation, removal.

An Argos package (``.argosmodel``) is a zip holding one folder with ``metadata.json``, a
CTranslate2 model in ``model/`` and ``sentencepiece.model``. Packages are installed under
Bayan's data directory; packages the user already installed with argos-translate itself
(its own packages folder) are found too. Metadata is read directly instead of importing
``argostranslate``: its import creates folders and reads settings as a side effect.
"""
from __future__ import annotations

import errno
import hashlib
import json
import os
import shutil
import tempfile
import zipfile
import zlib
from dataclasses import dataclass, field
from pathlib import Path

from reader.atomic import write_text
from reader.paths import data_dir

OFFICIAL_FILE = "translate-ar_en-1_0.argosmodel"
OFFICIAL_SIZE = 81_869_670
OFFICIAL_SHA256 = "bc98cd4e27ca1cebfae9b7086b2ebc635e4dbed45e7cb5f0891cb7d22feacfad"
IDENTITY_FILE = ".bayan-identity.json"


class PackageError(Exception):
    """A package cannot be used or installed; the message is meant for the user."""


@dataclass(frozen=True)
class InstalledModel:
    path: Path
    metadata: dict = field(compare=False, repr=False)
    removable: bool = True

    @property
    def name(self) -> str:
        """The folder name, which `bayan models remove NAME` takes."""
        return self.path.name

    @property
    def code(self) -> str:
        return self.metadata.get("code") or self.path.name

    @property
    def version(self) -> str:
        return str(self.metadata.get("package_version", ""))

    @property
    def label(self) -> str:
        version = f" {self.version}" if self.version else ""
        return f"{self.metadata.get('from_name', 'Arabic')} → {self.metadata.get('to_name', 'English')}" \
               f" ({self.code}{version})"

    @property
    def target_prefix(self) -> str:
        return self.metadata.get("target_prefix", "")

    @property
    def model_dir(self) -> Path:
        return self.path / "model"

    @property
    def sentencepiece(self) -> Path:
        return self.path / "sentencepiece.model"

    @property
    def source_sentencepiece(self) -> Path:
        """Marian releases tokenise each side with its own model; Argos packages share one."""
        own = self.path / "source.spm"
        return own if own.is_file() else self.sentencepiece

    @property
    def target_sentencepiece(self) -> Path:
        own = self.path / "target.spm"
        return own if own.is_file() else self.sentencepiece

    @property
    def is_marian(self) -> bool:
        return self.metadata.get("format") == "marian"

    @property
    def length_penalty(self) -> float:
        value = self.metadata.get("length_penalty", 0.2)
        return float(value) if isinstance(value, (int, float)) else 0.2

    def size_bytes(self) -> int:
        return sum(p.stat().st_size for p in self.path.rglob("*") if p.is_file())

    def identity(self) -> str:
        """Stable id of the model's weights and vocabulary, for the translation cache.

        Hashing ~80 MB takes a noticeable fraction of a second, so the digest is stored
        next to the files and reused while their sizes and mtimes are unchanged.
        """
        spm = {self.source_sentencepiece, self.target_sentencepiece}
        files = sorted(p for p in [*self.model_dir.rglob("*"), *spm] if p.is_file())
        stamp = [[p.relative_to(self.path).as_posix(), p.stat().st_size, p.stat().st_mtime_ns] for p in files]
        stored = self.path / IDENTITY_FILE
        try:
            saved = json.loads(stored.read_text(encoding="utf-8"))
            if saved.get("stamp") == stamp:
                return saved["identity"]
        except (OSError, ValueError, KeyError):
            pass
        digest = hashlib.sha256()
        for p in files:
            digest.update(p.relative_to(self.path).as_posix().encode())
            with p.open("rb") as fh:
                for chunk in iter(lambda: fh.read(1 << 20), b""):
                    digest.update(chunk)
        identity = f"{self.code}@{self.version}#{digest.hexdigest()[:16]}"
        try:
            write_text(stored, json.dumps({"stamp": stamp, "identity": identity}))
        except OSError:
            pass  # a read-only package folder only costs a re-hash next time
        return identity


@dataclass(frozen=True)
class ArchiveInfo:
    path: Path
    metadata: dict
    root: str  # folder inside the zip that holds metadata.json ("" when at the top)
    size: int
    sha256: str
    unpacked_size: int

    @property
    def is_official(self) -> bool:
        return self.size == OFFICIAL_SIZE and self.sha256 == OFFICIAL_SHA256

    def describe(self) -> str:
        if self.is_official:
            return f"official Argos Arabic→English package ({OFFICIAL_FILE}, checksum verified)"
        return (f"Arabic→English package {self.metadata.get('code') or self.root or self.path.name}"
                f" {self.metadata.get('package_version', '')} — not the official Argos file "
                f"(SHA-256 {self.sha256[:12]}…)").replace("  ", " ")


def bayan_models_dir() -> Path:
    return data_dir() / "models"


def argos_packages_dir() -> Path:
    """argos-translate's own package folder, computed like argostranslate.settings does."""
    if os.environ.get("ARGOS_PACKAGES_DIR"):
        return Path(os.environ["ARGOS_PACKAGES_DIR"])
    base = os.environ.get("XDG_DATA_HOME") or Path.home() / ".local" / "share"
    return Path(base) / "argos-translate" / "packages"


def model_dirs() -> list[Path]:
    return [bayan_models_dir(), argos_packages_dir()]


def installed_models(dirs: list[Path] | None = None) -> list[InstalledModel]:
    """Arabic->English translate packages, Bayan's own first, then by name."""
    found: list[InstalledModel] = []
    for base in dirs if dirs is not None else model_dirs():
        if not base.is_dir():
            continue
        for folder in sorted(base.iterdir()):
            meta = _read_metadata(folder / "metadata.json")
            if meta is None or not _is_ar_en(meta) or not (folder / "model" / "model.bin").is_file():
                continue
            found.append(InstalledModel(folder, meta))
    return found


def find_model(name: str, dirs: list[Path] | None = None) -> InstalledModel:
    models = installed_models(dirs)
    for model in models:
        if name in (model.name, model.code):
            return model
    known = ", ".join(m.name for m in models) or "none"
    raise PackageError(f"No installed model named “{name}” (installed: {known}).")


def remove(model: InstalledModel) -> None:
    """Delete an installed package. Cached translations it made stay in the cache."""
    if not model.path.is_dir():
        raise PackageError(f"{model.name} is not installed any more.")
    # Rename first so a half-deleted folder is never mistaken for a package.
    trash = model.path.with_name(f".removing-{model.path.name}")
    shutil.rmtree(trash, ignore_errors=True)
    try:
        os.replace(model.path, trash)
    except OSError as exc:
        raise PackageError(f"Cannot remove {model.name}: {exc.strerror or exc}.") from exc
    shutil.rmtree(trash, ignore_errors=True)


def sha256_file(path: Path, progress=None) -> str:
    digest = hashlib.sha256()
    done = 0
    with open(path, "rb") as fh:
        for chunk in iter(lambda: fh.read(1 << 20), b""):
            digest.update(chunk)
            done += len(chunk)
            if progress:
                progress(done)
    return digest.hexdigest()


def inspect_archive(path: str | os.PathLike) -> ArchiveInfo:
    """Check that ``path`` is a complete, intact Arabic->English Argos package."""
    path = Path(path)
    if not path.is_file():
        raise PackageError(f"{path} does not exist or is not a file.")
    size = path.stat().st_size
    if size == 0:
        raise PackageError(f"{path.name} is empty.")
    if not zipfile.is_zipfile(path):
        hint = " It looks like an incomplete download." if path.suffix == ".argosmodel" else ""
        raise PackageError(f"{path.name} is not a valid Argos model: it is not a complete zip archive.{hint}")
    try:
        with zipfile.ZipFile(path) as zf:
            names = zf.namelist()
            roots = [n[: -len("metadata.json")] for n in names
                     if n.endswith("metadata.json") and n.count("/") <= 1]
            if not roots:
                raise PackageError(f"{path.name} is not an Argos model: it has no metadata.json.")
            root = min(roots, key=len)
            try:
                meta = json.loads(zf.read(root + "metadata.json").decode("utf-8"))
            except (ValueError, UnicodeDecodeError) as exc:
                raise PackageError(f"{path.name}: metadata.json is not valid JSON ({exc}).") from exc
            if not isinstance(meta, dict):
                raise PackageError(f"{path.name}: metadata.json does not describe a package.")
            if not _is_ar_en(meta):
                raise PackageError(
                    f"{path.name} translates {meta.get('from_name') or meta.get('from_code')} → "
                    f"{meta.get('to_name') or meta.get('to_code')}; Bayan needs an Arabic → English "
                    "(ar → en) package.")
            missing = [n for n in ("model/model.bin", "sentencepiece.model") if root + n not in names]
            if not any(n.startswith(root + "model/") and "vocabulary" in n for n in names):
                missing.append("model/*vocabulary*")
            if missing:
                raise PackageError(f"{path.name} is not a usable Argos model: missing {', '.join(missing)}.")
            bad = zf.testzip()
            if bad is not None:
                raise PackageError(f"{path.name} is damaged: {bad} does not match its checksum.")
            unpacked = sum(i.file_size for i in zf.infolist())
    except (zipfile.BadZipFile, zlib.error, EOFError, OSError) as exc:
        raise PackageError(f"{path.name} is damaged or incomplete ({exc}).") from exc
    return ArchiveInfo(path, meta, root.rstrip("/"), size, sha256_file(path), unpacked)


def install(path: str | os.PathLike, dest: Path | None = None) -> tuple[InstalledModel, ArchiveInfo]:
    """Validate and unpack a package; replaces an installed package with the same folder name."""
    info = inspect_archive(path)
    dest = dest or bayan_models_dir()
    dest.mkdir(parents=True, exist_ok=True)
    free = shutil.disk_usage(dest).free
    if free < info.unpacked_size + (16 << 20):
        raise PackageError(f"Not enough disk space to install {info.path.name}: it needs "
                           f"{_mb(info.unpacked_size)} and {dest} has {_mb(free)} free.")
    name = info.root or info.metadata.get("code") or info.path.stem
    # Unpack beside the target and rename, so a failure never leaves half a package.
    tmp = Path(tempfile.mkdtemp(prefix=".installing-", dir=dest))
    try:
        _unpack(info, tmp)
        final = place_folder(tmp, dest / name, info.path.name)
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    return InstalledModel(final, info.metadata), info


def place_folder(ready: Path, final: Path, label: str) -> Path:
    """Move a completely unpacked model folder to ``final``, replacing any previous one."""
    old = final.with_name(f".replacing-{final.name}")
    shutil.rmtree(old, ignore_errors=True)
    try:
        if final.exists():
            os.replace(final, old)
        try:
            os.replace(ready, final)
        except OSError as exc:
            if old.exists():
                os.replace(old, final)  # put the previous install back
            raise PackageError(f"Cannot install {label}: {exc.strerror or exc}.") from exc
    finally:
        shutil.rmtree(old, ignore_errors=True)
    return final


def _unpack(info: ArchiveInfo, into: Path) -> None:
    prefix = info.root + "/" if info.root else ""
    try:
        with zipfile.ZipFile(info.path) as zf:
            for member in zf.infolist():
                rel = member.filename[len(prefix):] if member.filename.startswith(prefix) else None
                if not rel or member.is_dir():
                    continue
                target = (into / rel).resolve()
                if not target.is_relative_to(into.resolve()):
                    raise PackageError(f"{info.path.name} contains an unsafe path: {member.filename}")
                target.parent.mkdir(parents=True, exist_ok=True)
                with zf.open(member) as src, open(target, "wb") as out:
                    shutil.copyfileobj(src, out, 1 << 20)
    except OSError as exc:
        if exc.errno == errno.ENOSPC:
            raise PackageError(f"The disk filled up while installing {info.path.name}; "
                               "nothing was installed. Free some space and try again.") from exc
        raise PackageError(f"Cannot install {info.path.name}: {exc.strerror or exc}.") from exc


def _read_metadata(path: Path) -> dict | None:
    try:
        meta = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    return meta if isinstance(meta, dict) else None


def _is_ar_en(meta: dict) -> bool:
    return meta.get("from_code") == "ar" and meta.get("to_code") == "en" \
        and meta.get("type", "translate") == "translate"


def _mb(n: int) -> str:
    return f"{n / 1e6:,.1f} MB"
