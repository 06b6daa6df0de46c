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
import re
import shutil
import stat
import tempfile
import zipfile
import zlib
from dataclasses import dataclass, field
from pathlib import Path

from reader.atomic import write_text
from reader.translation.package_error import PackageError
from reader.paths import data_dir

OFFICIAL_FILE = "translate-ar_en-1_0.argosmodel"
OFFICIAL_SIZE = 81_869_670
OFFICIAL_SHA256 = "bc98cd4e27ca1cebfae9b7086b2ebc635e4dbed45e7cb5f0891cb7d22feacfad"
IDENTITY_FILE = ".bayan-identity.json"

# A package is untrusted input. The biggest Argos models are a few hundred MB; 4 GB
# leaves room for any plausible model and refuses a zip bomb before a byte is written.
MAX_UNPACKED = 4 << 30
MAX_MEMBER = 3 << 30
# Model weights hardly compress (ratio ~1.1) and vocabularies ~5; zeros reach 1000.
MAX_RATIO = 100
RATIO_FROM = 1 << 20  # tiny members may compress well whatever they hold
# The install folder is named by Bayan from this pattern, never taken as a path.
_SLUG_RE = re.compile(r"[A-Za-z0-9][A-Za-z0-9_-]*(?:\.[A-Za-z0-9_-]+)*")
MAX_SLUG = 64
CHECK_SENTENCE = "مرحبا بالعالم."


@dataclass(frozen=True)
class InstalledModel:
    path: Path
    metadata: dict = field(compare=False, repr=False)
    removable: bool = True
    # Why the model cannot be used (files missing, fails to load); None when it can.
    problem: str | None = field(default=None, compare=False)

    @property
    def name(self) -> str:
        """The folder name, which `bayan models remove NAME` takes."""
        return printable(self.path.name)

    @property
    def code(self) -> str:
        return _text_field(self.metadata, "code") or self.name

    @property
    def version(self) -> str:
        return _text_field(self.metadata, "package_version")

    @property
    def label(self) -> str:
        version = f" {self.version}" if self.version else ""
        return f"{_text_field(self.metadata, 'from_name') or 'Arabic'} → " \
               f"{_text_field(self.metadata, 'to_name') or 'English'} ({self.code}{version})"

    @property
    def target_prefix(self) -> str:
        return _text_field(self.metadata, "target_prefix")

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
    dirs = [bayan_models_dir(), argos_packages_dir()]
    read_only_from = os.environ.get("BAYAN_READ_ONLY_FROM")  # see reader.profile
    return dirs + [Path(read_only_from) / "models"] if read_only_from else dirs


def installed_models(dirs: list[Path] | None = None) -> list[InstalledModel]:
    """Usable Arabic->English translate packages, Bayan's own first, then by name."""
    return [m for m in all_models(dirs) if m.problem is None]


def broken_models(dirs: list[Path] | None = None) -> list[InstalledModel]:
    """Arabic->English packages that are installed but cannot be used, with the reason."""
    return [m for m in all_models(dirs) if m.problem is not None]


def all_models(dirs: list[Path] | None = None) -> list[InstalledModel]:
    found: list[InstalledModel] = []
    for base in dirs if dirs is not None else model_dirs():
        try:
            folders = sorted(p for p in base.iterdir() if not p.name.startswith("."))
        except OSError:
            continue  # missing or unreadable: profile.py reports unreadable folders
        for folder in folders:
            meta = _read_metadata(folder / "metadata.json")
            if meta is None or not _is_ar_en(meta):
                continue
            model = InstalledModel(folder, meta)
            found.append(InstalledModel(folder, meta, problem=_file_problem(model)))
    return found


def _file_problem(model: InstalledModel) -> str | None:
    """A cheap check of an installed package's files (the load check runs at install)."""
    folder = model.path
    if printable(folder.name) != folder.name:
        return "its folder name is not valid text; remove it and install the package again"
    needed = dict.fromkeys((model.model_dir / "model.bin", model.source_sentencepiece, model.target_sentencepiece))
    for path in needed:
        rel = path.relative_to(folder).as_posix()
        try:
            if path.stat().st_size == 0:
                return f"{rel} is empty"
        except OSError as exc:
            return f"{rel} cannot be read ({exc.strerror or 'missing'})"
    return None


def printable(text: str) -> str:
    """``text`` with lone surrogates (undecodable file names) shown as U+FFFD."""
    return text.encode("utf-8", "replace").decode("utf-8")


def find_model(name: str, dirs: list[Path] | None = None) -> InstalledModel:
    models = all_models(dirs)
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
            _check_members(zf.infolist(), path.name)
            _check_names(meta, root, path.name)
            # Only now decompress everything: sizes are known to be bounded.
            bad = zf.testzip()
            if bad is not None:
                raise PackageError(f"{path.name} is damaged: {bad} does not match its checksum.")
            unpacked = sum(i.file_size for i in zf.infolist())
    except (zipfile.BadZipFile, zlib.error, EOFError, OSError) as exc:
        raise PackageError(f"{path.name} is damaged or incomplete ({exc}).") from exc
    return ArchiveInfo(path, meta, root.rstrip("/"), size, sha256_file(path), unpacked)


def _check_members(members: list[zipfile.ZipInfo], name: str) -> None:
    """Refuse links, devices, absolute or climbing paths and bombs, from the headers alone."""
    total = 0
    for member in members:
        parts = member.filename.replace("\\", "/").split("/")
        if member.filename.startswith("/") or ".." in parts or ":" in parts[0]:
            raise PackageError(f"{name} contains an unsafe path ({printable(member.filename)!r}); "
                               "it was not installed.")
        kind = stat.S_IFMT(member.external_attr >> 16)
        if kind not in (0, stat.S_IFREG, stat.S_IFDIR):
            what = "a symbolic link" if kind == stat.S_IFLNK else "a special file"
            raise PackageError(f"{name} contains {what} ({printable(member.filename)}); "
                               "a model package holds only plain files, so it was not installed.")
        if member.file_size > MAX_MEMBER:
            raise PackageError(f"{name} is not a plausible model: {printable(member.filename)} would "
                               f"unpack to {_mb(member.file_size)}.")
        if member.file_size > RATIO_FROM and member.file_size > MAX_RATIO * max(member.compress_size, 1):
            raise PackageError(f"{name} is not a plausible model: {printable(member.filename)} expands "
                               f"{member.file_size // max(member.compress_size, 1):,} times (a zip bomb?).")
        total += member.file_size
    if total > MAX_UNPACKED:
        raise PackageError(f"{name} is not a plausible model: it would unpack to {_mb(total)} "
                           f"(the limit is {_mb(MAX_UNPACKED)}).")


def _check_names(meta: dict, root: str, name: str) -> None:
    code = meta.get("code", root.rstrip("/") or "translate-ar_en")
    if not isinstance(code, str) or not is_slug(code):
        shown = printable(repr(code))
        shown = shown if len(shown) <= 40 else shown[:40] + "…"
        raise PackageError(f"{name}: metadata.json gives the package code {shown}, which is not a valid "
                           f"package name (letters, digits, '-', '_' and '.', at most {MAX_SLUG} "
                           "characters); it was not installed.")


def is_slug(text: str) -> bool:
    return len(text) <= MAX_SLUG and _SLUG_RE.fullmatch(text) is not None


def folder_name(info: ArchiveInfo) -> str:
    """The install folder, chosen by Bayan: the zip's folder if it is a clean name, else the code."""
    return info.root if is_slug(info.root) else str(info.metadata.get("code") or "translate-ar_en")


def install(path: str | os.PathLike, dest: Path | None = None) -> tuple[InstalledModel, ArchiveInfo]:
    """Validate, unpack and load-check a package; replaces an installed package with the same
    folder name only once the new one is known to work."""
    info = inspect_archive(path)
    dest = dest or bayan_models_dir()
    try:
        dest.mkdir(parents=True, exist_ok=True)
        free = shutil.disk_usage(dest).free
    except OSError as exc:
        raise PackageError(f"Cannot install into {dest}: {exc.strerror or exc}.") from exc
    if free < info.unpacked_size + (16 << 20):
        raise PackageError(f"Not enough disk space to install {info.path.name}: it needs "
                           f"{_mb(info.unpacked_size)} and {dest} has {_mb(free)} free.")
    name = folder_name(info)
    final = dest / name
    if final.resolve().parent != dest.resolve():
        raise PackageError(f"{info.path.name} cannot be installed under the name {name!r}.")
    # Unpack beside the target and rename, so a failure never leaves half a package.
    try:
        tmp = Path(tempfile.mkdtemp(prefix=".installing-", dir=dest))
    except OSError as exc:
        raise PackageError(f"Cannot install into {dest}: {exc.strerror or exc}.") from exc
    try:
        _unpack(info, tmp)
        check_loads(InstalledModel(tmp, info.metadata), info.path.name)
        final = place_folder(tmp, final, info.path.name)
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    return InstalledModel(final, info.metadata), info


def place_folder(ready: Path, final: Path, label: str) -> Path:
    """Move a completely unpacked, checked model folder to ``final``, replacing any previous one.

    The previous install is parked under a fresh name Bayan made, never one a package
    could choose, so nothing but that install is ever deleted.
    """
    old = Path(tempfile.mkdtemp(prefix=".replacing-", dir=final.parent))
    os.rmdir(old)
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


def check_loads(model: InstalledModel, name: str | None = None) -> None:
    """CTranslate2 loads the model, sentencepiece its vocabulary, and one sentence translates.

    Raises PackageError naming what failed; catching everything is the point, since a
    damaged model makes the libraries raise assorted errors (RuntimeError, OSError...).
    """
    from reader.translation.engine import DecodeOptions, Engine

    name = name or model.name
    engine = Engine(model, DecodeOptions(beam_size=1, threads=1))
    try:
        english = engine.translate([CHECK_SENTENCE])[0]
    except PackageError as exc:
        raise PackageError(f"{name} is not a working model: {exc}") from exc
    except Exception as exc:  # noqa: BLE001 - see the docstring
        raise PackageError(f"{name} is not a working model: translating a test sentence failed "
                           f"({_first_line(exc)}).") from exc
    if not english.strip():
        raise PackageError(f"{name} is not a working model: it translates a test sentence to nothing.")


def _first_line(exc: BaseException) -> str:
    text = printable(str(exc)).strip().splitlines()
    return (text[0][:200] if text else "") or type(exc).__name__


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
                    raise PackageError(f"{info.path.name} contains an unsafe path: {printable(member.filename)}")
                target.parent.mkdir(parents=True, exist_ok=True)
                # O_EXCL|O_NOFOLLOW: never write through a link planted by an earlier member.
                fd = os.open(target, os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_NOFOLLOW", 0), 0o644)
                with zf.open(member) as src, os.fdopen(fd, "wb") as out:
                    shutil.copyfileobj(src, out, 1 << 20)
    except FileExistsError as exc:
        raise PackageError(f"{info.path.name} lists the same file twice; it was not installed.") from exc
    except (zipfile.BadZipFile, zlib.error, EOFError) as exc:
        raise PackageError(f"{info.path.name} is damaged or incomplete ({exc}).") from exc
    except OSError as exc:
        if exc.errno == errno.ENOSPC:
            raise PackageError(f"The disk filled up while installing {info.path.name}; "
                               "nothing was installed. Free some space and try again.") from exc
        raise PackageError(f"Cannot install {info.path.name}: {exc.strerror or exc}.") from exc


def _read_metadata(path: Path) -> dict | None:
    try:
        meta = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError, RecursionError):
        return None
    return meta if isinstance(meta, dict) else None


def _text_field(meta: dict, key: str) -> str:
    """A metadata value as display text, whatever type a package put there."""
    value = meta.get(key)
    if value is None or isinstance(value, (dict, list)):
        return ""
    return printable(str(value))[:MAX_SLUG * 2]


def _is_ar_en(meta: dict) -> bool:
    return meta.get("from_code") == "ar" and meta.get("to_code") == "en" \
        and meta.get("type", "translate") == "translate"


def _mb(n: int) -> str:
    return f"{n / 1e6:,.1f} MB"
