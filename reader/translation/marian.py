"""Marian (OPUS-MT) releases: validation, int8 conversion and installation as a Bayan model.

A release is the zip Helsinki-NLP publishes: ``*.npz`` weights with Marian's names,
``decoder.yml`` naming them and the vocabulary ``.yml`` files, ``source.spm`` and
``target.spm`` (separate sentencepiece models) and a README/LICENSE. CTranslate2's own
Marian converter (numpy + pyyaml, no torch) turns it into the CTranslate2 model the engine
drives; it is installed beside the Argos packages with a ``metadata.json`` of the same shape,
so discovery, the cache identity and removal work unchanged.

The converter runs in a child process: Cancel can stop it at once, a transformer-big's
several GB of conversion memory go back to the system when it ends, and whatever it leaves
is inside a temporary folder that is deleted unless the whole install succeeded.
"""
from __future__ import annotations

import errno
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
import zipfile
import zlib
from dataclasses import dataclass
from pathlib import Path, PurePosixPath
from typing import Callable

import yaml

from reader.paths import PROJECT_ROOT
from reader.translation.catalog import CatalogError, CatalogModel, load_catalog
from reader.translation.packages import (InstalledModel, PackageError, bayan_models_dir, check_loads, is_slug,
                                         place_folder, sha256_file)

MAX_MEMBERS = 200
MAX_UNPACKED = 6 << 30  # a transformer-big release unpacks to ~1 GB
MAX_RATIO = 100  # float32 weights deflate ~1.1x; a far higher ratio is a zip bomb
ARABIC = range(0x0600, 0x0700)
BAD_RELEASE_EXIT = 3

# progress(stage, done, total): stage is "unpack" (bytes) or "convert" (no total).
Progress = Callable[[str, int, "int | None"], None]


class ConversionCancelled(PackageError):
    def __init__(self) -> None:
        super().__init__("Installation cancelled; nothing was installed.")


@dataclass(frozen=True)
class ReleaseInfo:
    path: Path
    weights: str
    vocabs: tuple[str, str]
    extras: tuple[str, ...]  # README, LICENSE... copied beside the model
    size: int
    unpacked_size: int
    sha256: str
    decoder: dict
    catalog: CatalogModel | None

    @property
    def code(self) -> str:
        if self.catalog:
            return self.catalog.installed_code
        stem = _stem(self.path.name)
        return stem if stem.startswith("opus-mt-") else f"opus-mt-ar-en-{stem}"

    def describe(self) -> str:
        if self.catalog:
            known = self.catalog.sha256
            check = "checksum verified" if known and known == self.sha256 else f"SHA-256 {self.sha256[:12]}…"
            return f"{self.catalog.name}, converted to int8 ({check})"
        return f"Marian release {self.path.name}, converted to int8 (SHA-256 {self.sha256[:12]}…)"


def _stem(name: str) -> str:
    return name[:-4] if name.lower().endswith(".zip") else name


def is_marian_release(path: str | Path) -> bool:
    """A zip with Marian weights (``*.npz``) at its top: what ``install`` should convert."""
    try:
        with zipfile.ZipFile(path) as zf:
            return any(n.endswith(".npz") and "/" not in n.strip("/") for n in zf.namelist())
    except (OSError, zipfile.BadZipFile):
        return False


def inspect_release(path: str | Path) -> ReleaseInfo:
    """Check that ``path`` is a safe, complete Arabic→English Marian release."""
    path = Path(path)
    if not path.is_file():
        raise PackageError(f"{path} does not exist or is not a file.")
    if not zipfile.is_zipfile(path):
        raise PackageError(f"{path.name} is not a Marian release: it is not a complete zip archive.")
    try:
        with zipfile.ZipFile(path) as zf:
            infos = [i for i in zf.infolist() if not i.is_dir()]
            _check_members(path.name, infos)
            names = {i.filename for i in infos}
            decoder = _decoder_config(zf, names, path.name)
            weights = _weights(decoder, names, path.name)
            vocabs = _vocabs(decoder, names, path.name)
            missing = [n for n in ("source.spm", "target.spm") if n not in names]
            if missing:
                raise PackageError(f"{path.name} is not a usable Marian release: missing {', '.join(missing)} "
                                   "(the sentencepiece models).")
            _check_direction(zf, names, path.name)
            bad = zf.testzip()
            if bad is not None:
                raise PackageError(f"{path.name} is damaged: {bad} does not match its checksum.")
            extras = tuple(sorted(n for n in names if n.split(".")[0].upper() in ("README", "LICENSE", "LICENCE")))
            unpacked = sum(i.file_size for i in infos)
    except (zipfile.BadZipFile, zlib.error, EOFError, OSError) as exc:
        raise PackageError(f"{path.name} is damaged or incomplete ({exc}).") from exc
    try:
        entry = load_catalog().for_release(path.name)
    except CatalogError:
        entry = None
    return ReleaseInfo(path, weights, vocabs, extras, path.stat().st_size, unpacked, sha256_file(path),
                       decoder, entry)


def _check_members(name: str, infos: list[zipfile.ZipInfo]) -> None:
    if len(infos) > MAX_MEMBERS:
        raise PackageError(f"{name} holds {len(infos)} files; a Marian release has about ten.")
    total = 0
    for info in infos:
        member = PurePosixPath(info.filename.replace("\\", "/"))
        if member.is_absolute() or ".." in member.parts or ":" in info.filename:
            raise PackageError(f"{name} contains an unsafe path: {info.filename}")
        if info.flag_bits & 0x1:
            raise PackageError(f"{name} is encrypted; Bayan cannot read it.")
        if info.file_size > 1 << 20 and info.file_size > MAX_RATIO * max(info.compress_size, 1):
            raise PackageError(f"{name} looks like a zip bomb: {info.filename} would unpack to "
                               f"{info.file_size / 1e9:.1f} GB.")
        total += info.file_size
    if total > MAX_UNPACKED:
        raise PackageError(f"{name} would unpack to {total / 1e9:.1f} GB, more than any Marian release.")


def _decoder_config(zf: zipfile.ZipFile, names: set[str], name: str) -> dict:
    if "decoder.yml" not in names:
        return {}
    try:
        value = yaml.safe_load(zf.read("decoder.yml").decode("utf-8"))
    except (yaml.YAMLError, UnicodeDecodeError) as exc:
        raise PackageError(f"{name}: decoder.yml is not valid YAML ({exc}).") from exc
    return value if isinstance(value, dict) else {}


def _weights(decoder: dict, names: set[str], name: str) -> str:
    listed = [m for m in decoder.get("models") or [] if isinstance(m, str)]
    candidates = [m for m in listed if m in names] or sorted(n for n in names if n.endswith(".npz"))
    if not candidates:
        raise PackageError(f"{name} is not a Marian release: it holds no .npz weights.")
    return candidates[0]


def _vocabs(decoder: dict, names: set[str], name: str) -> tuple[str, str]:
    listed = [v for v in decoder.get("vocabs") or [] if isinstance(v, str)]
    if listed:
        absent = [v for v in listed if v not in names]
        if absent:
            raise PackageError(f"{name} is not a usable Marian release: missing vocabulary {', '.join(absent)}.")
        return listed[0], listed[-1]
    found = sorted(n for n in names if n.endswith(".yml") and "vocab" in n)
    if not found:
        raise PackageError(f"{name} is not a usable Marian release: missing the vocabulary (*.vocab.yml).")
    return found[0], found[-1]


def _check_direction(zf: zipfile.ZipFile, names: set[str], name: str) -> None:
    """Arabic in source.spm and English in target.spm, whatever the README says."""
    import sentencepiece

    share = {}
    for side in ("source", "target"):
        try:
            sp = sentencepiece.SentencePieceProcessor(model_proto=zf.read(f"{side}.spm"))
        except (RuntimeError, OSError) as exc:
            raise PackageError(f"{name}: {side}.spm is not a sentencepiece model ({exc}).") from exc
        pieces = [sp.id_to_piece(i) for i in range(sp.get_piece_size())]
        arabic = sum(any(ord(c) in ARABIC for c in p) for p in pieces)
        latin = sum(any("a" <= c.lower() <= "z" for c in p) for p in pieces)
        share[side] = arabic / max(arabic + latin, 1)
    if share["source"] < 0.5 or share["target"] > 0.5:
        src = "Arabic" if share["source"] >= 0.5 else "a language other than Arabic"
        tgt = "English" if share["target"] <= 0.5 else "Arabic"
        raise PackageError(f"{name} translates from {src} into {tgt}; Bayan needs an Arabic → English "
                           "(ar → en) release.")


# -- installing ---------------------------------------------------------------------------------

def install_release(path: str | Path, dest: Path | None = None, progress: Progress | None = None,
                    cancel: Callable[[], bool] | None = None,
                    entry: CatalogModel | None = None) -> tuple[InstalledModel, ReleaseInfo]:
    """Validate, convert to int8 and install; replaces an installed model with the same code."""
    info = inspect_release(path)
    if entry is not None and info.catalog is None:
        info = ReleaseInfo(**{**info.__dict__, "catalog": entry})
    dest = dest or bayan_models_dir()
    dest.mkdir(parents=True, exist_ok=True)
    need = info.unpacked_size + info.unpacked_size // 3 + (16 << 20)  # release + int8 model
    free = shutil.disk_usage(dest).free
    if free < need:
        raise PackageError(f"Not enough disk space to install {info.path.name}: it needs "
                           f"{need / 1e6:,.0f} MB and {dest} has {free / 1e6:,.0f} MB free.")
    tmp = Path(tempfile.mkdtemp(prefix=".installing-", dir=dest))
    try:
        release, package = tmp / "release", tmp / "package"
        _unpack(info, release, progress, cancel)
        _convert(release / info.weights, [release / v for v in info.vocabs], package / "model", progress, cancel)
        for name in ("source.spm", "target.spm", *info.extras):
            shutil.copyfile(release / name, package / name)
        (package / "metadata.json").write_text(json.dumps(_metadata(info), indent=2, ensure_ascii=False) + "\n",
                                               encoding="utf-8")
        # The folder name comes from the file name the user gave: only a clean slug is used.
        code = info.code if is_slug(info.code) else "opus-mt-ar-en"
        check_loads(InstalledModel(package, _metadata(info)), info.path.name)
        final = place_folder(package, dest / code, info.path.name)
    except OSError as exc:
        if exc.errno == errno.ENOSPC:
            raise PackageError(f"The disk filled up while installing {info.path.name}; nothing was "
                               "installed. Free some space and try again.") from exc
        raise PackageError(f"Cannot install {info.path.name}: {exc.strerror or exc}.") from exc
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    return InstalledModel(final, _metadata(info)), info


def _metadata(info: ReleaseInfo) -> dict:
    entry = info.catalog
    return {
        "package_version": _stem(entry.release if entry else info.path.name),
        "from_code": "ar", "from_name": "Arabic", "to_code": "en", "to_name": "English",
        "code": info.code, "type": "translate", "format": "marian",
        "name": entry.name if entry else f"Marian {info.path.name}",
        "source_file": info.path.name, "source_sha256": info.sha256,
        # Marian's own decoding default (decoder.yml "normalize"), instead of Argos's 0.2.
        "length_penalty": float(info.decoder.get("normalize", 0.6) or 0.6),
        "license": entry.license.id if entry else None,
        "attribution": entry.license.attribution if entry else "See README.md and LICENSE in this folder.",
    }


def _unpack(info: ReleaseInfo, into: Path, progress: Progress | None, cancel: Callable[[], bool] | None) -> None:
    wanted = {info.weights, *info.vocabs, "source.spm", "target.spm", *info.extras}
    into.mkdir(parents=True)
    done = 0
    with zipfile.ZipFile(info.path) as zf:
        total = sum(zf.getinfo(n).file_size for n in wanted)
        for name in sorted(wanted):
            with zf.open(name) as src, open(into / PurePosixPath(name).name, "wb") as out:
                for chunk in iter(lambda: src.read(1 << 20), b""):
                    if cancel is not None and cancel():
                        raise ConversionCancelled()
                    out.write(chunk)
                    done += len(chunk)
                    if progress:
                        progress("unpack", done, total)


def _convert(weights: Path, vocabs: list[Path], out: Path, progress: Progress | None,
             cancel: Callable[[], bool] | None) -> None:
    command = [sys.executable, "-m", "reader.translation.marian", str(weights), str(out), *map(str, vocabs)]
    started = time.monotonic()
    with tempfile.TemporaryFile() as errors:
        path = os.pathsep.join(filter(None, [str(PROJECT_ROOT), os.environ.get("PYTHONPATH")]))
        child = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=errors,
                                 env={**os.environ, "PYTHONPATH": path})
        try:
            while True:
                try:
                    code = child.wait(timeout=0.1)
                    break
                except subprocess.TimeoutExpired:
                    if cancel is not None and cancel():
                        raise ConversionCancelled() from None
                    if progress:
                        progress("convert", int(time.monotonic() - started), None)
        finally:
            if child.poll() is None:
                child.kill()
                child.wait()
        errors.seek(0)
        message = errors.read().decode("utf-8", "replace").strip().splitlines()
    if code == BAD_RELEASE_EXIT and message:
        raise PackageError(message[-1])
    if code != 0:
        detail = message[-1] if message else f"exit status {code}"
        raise PackageError(f"Converting {weights.name} failed: {detail}")


def convert_main(argv: list[str]) -> int:
    """The child process: convert one release; a bad one ends with one sentence on stderr."""
    weights, out, *vocabs = argv
    from ctranslate2.converters import MarianConverter

    try:
        missing = _missing_weights(weights)
        if missing:
            raise KeyError(f"no {', '.join(missing[:3])}")
        MarianConverter(weights, vocabs).convert(out, quantization="int8", force=True)
    except Exception as exc:  # noqa: BLE001 - the parent shows this one line to the user
        print(f"{Path(weights).name} is not a usable Marian model: the weights are damaged or "
              f"incomplete ({type(exc).__name__}: {exc}).", file=sys.stderr)
        return BAD_RELEASE_EXIT
    return 0


def _missing_weights(weights: str) -> list[str]:
    """Arrays every Marian transformer of the configured depth must hold."""
    import numpy as np

    with np.load(weights) as npz:
        names = set(npz.files)
        config = yaml.safe_load(npz["special:model.yml"][:-1].tobytes()) if "special:model.yml" in names else {}
    if not isinstance(config, dict):
        return ["special:model.yml"]
    need = [] if {"Wemb", "encoder_Wemb"} & names else ["Wemb"]
    for side, depth in (("encoder", config.get("enc-depth", 0)), ("decoder", config.get("dec-depth", 0))):
        for i in range(1, int(depth) + 1):
            need += [f"{side}_l{i}_self_W{k}" for k in "qkvo"] + [f"{side}_l{i}_ffn_W1", f"{side}_l{i}_ffn_W2"]
    return [n for n in need if n not in names]


if __name__ == "__main__":
    sys.exit(convert_main(sys.argv[1:]))
