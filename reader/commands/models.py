"""`bayan models list | catalog | install FILE | download [ID] | default NAME | remove NAME`."""
from __future__ import annotations

import json
import sys
import time


def register(sub) -> None:
    p = sub.add_parser("models", help="list, install, download or remove translation models")
    actions = p.add_subparsers(dest="action", metavar="ACTION", required=True)
    actions.add_parser("list", help="installed Arabic→English models").set_defaults(func=run_list)
    cat = actions.add_parser("catalog", help="the models Bayan can download, with licence, size and quality")
    cat.add_argument("--json", action="store_true", help="JSON Lines: one model per line")
    cat.set_defaults(func=run_catalog)
    inst = actions.add_parser("install", help="install a .argosmodel file or an OPUS-MT release .zip")
    inst.add_argument("file")
    inst.set_defaults(func=run_install)
    dl = actions.add_parser("download", help="download and install a model (uses the network)")
    dl.add_argument("id", nargs="?", help="catalog id (see `bayan models catalog`); default: Argos's index")
    dl.add_argument("--index", help="package index URL (default: argostranslate's)")
    dl.set_defaults(func=run_download)
    default = actions.add_parser("default", help="make an installed model the default")
    default.add_argument("name")
    default.set_defaults(func=run_default)
    rm = actions.add_parser("remove", help="remove an installed model (cached translations stay)")
    rm.add_argument("name")
    rm.set_defaults(func=run_remove)
    p.set_defaults(func=run_list)


def run_list(args) -> int:
    from reader.translation.packages import all_models, printable

    models = all_models()
    if not models:
        print("No translation model installed. Install one with `bayan models install FILE` "
              "or `bayan models download`.")
        return 0
    for m in models:
        if m.problem:
            print(f"{m.name}\tBROKEN: {m.problem}\t{printable(str(m.path))}")
        else:
            print(f"{m.name}\t{m.label}\t{m.size_bytes() / 1e6:.1f} MB\t{printable(str(m.path))}")
    return 0


# What `bayan align --model` links from each model are worth (reader.align.model).
ALIGNMENT = {"yes": "trained to align words (guided alignment)",
             "no": "attention only, approximate (not trained to align)",
             "unknown": "approximate (nobody says whether it was trained to align)"}


def run_catalog(args) -> int:
    from reader.translation.catalog import CatalogError, Score, rows

    try:
        records = rows()
    except CatalogError as exc:
        print(f"bayan: {exc}", file=sys.stderr)
        return 2
    for r in records:
        if args.json:
            print(json.dumps(r, ensure_ascii=False))
            continue
        state = ("installed as " + r["installed_as"] + (", default" if r["default"] else "")) \
            if r["installed"] else "not installed"
        sha = r["sha256"] or "none published (recorded at first download)"
        if r["sha256_recorded_here"]:
            sha += " (recorded at first download)"
        licence = r["license"]
        print(f"{r['id']}  [{r['tier']}, {r['format']}]  {state}\n  {r['name']}\n  {r['size_text']}; "
              f"licence {licence['id'] or 'not stated'} ({licence['source']})\n"
              f"  quality: {r['quality_headline']}")
        for q in (Score(**fields) for fields in r["quality"]):
            print(f"    {q.citation()}")
        print(f"  SHA-256: {sha}\n  attribution: {licence['attribution']}\n"
              f"  word links: {ALIGNMENT.get(r['guided_alignment'], ALIGNMENT['unknown'])} "
              f"({r['guided_alignment_source'] or 'no source'})")
    return 0


class _ProgressPrinter:
    """One self-overwriting progress line on stderr; ``end()`` closes it before a message."""

    def __init__(self) -> None:
        self.last = 0.0
        self.open = False

    def __call__(self, stage: str, done: int, total: int | None) -> None:
        now = time.monotonic()
        if now - self.last < 0.5 and not (total and done >= total):
            return
        self.last = now
        if stage == "convert":
            text = f"converting to int8… {done} s"
        else:
            share = f" of {total / 1e6:.1f} MB ({100 * done / total:.0f}%)" if total else " MB"
            text = f"{'downloading' if stage == 'download' else 'unpacking'} {done / 1e6:.1f}{share}"
        print(f"\r  {text}   ", end="", file=sys.stderr, flush=True)
        self.open = True

    def end(self) -> str:
        """The newline that ends an open progress line ("" when none was printed)."""
        was, self.open = self.open, False
        return "\n" if was else ""


def run_install(args) -> int:
    from reader.translation.installer import install_file
    from reader.translation.packages import PackageError

    progress = _ProgressPrinter()
    try:
        model, description = install_file(args.file, progress=progress)
    except KeyboardInterrupt:
        print(f"{progress.end()}bayan: installation interrupted; nothing was installed.", file=sys.stderr)
        return 130
    except PackageError as exc:
        print(f"{progress.end()}bayan: {exc}", file=sys.stderr)
        return 2
    print(f"Installed {model.name}: {description}.")
    return 0


def run_default(args) -> int:
    from reader.translation.catalog import set_default_model
    from reader.translation.packages import PackageError, find_model

    try:
        model = find_model(args.name)
    except PackageError as exc:
        print(f"bayan: {exc}", file=sys.stderr)
        return 2
    set_default_model(model.name)
    print(f"{model.name} is now the default model.")
    return 0


def run_catalog_download(model_id: str) -> int:
    from reader.translation import download as dl
    from reader.translation.catalog import CatalogError, load_catalog
    from reader.translation.installer import download_and_install
    from reader.translation.packages import PackageError

    progress = _ProgressPrinter()
    try:
        entry = load_catalog().get(model_id)
        print(f"Downloading {entry.name} ({entry.urls[0]})", file=sys.stderr)
        model, description = download_and_install(entry, progress=progress)
    except KeyboardInterrupt:
        print(f"{progress.end()}bayan: download interrupted; run the command again to resume.", file=sys.stderr)
        return 130
    except (CatalogError, dl.DownloadError, PackageError) as exc:
        print(f"{progress.end()}bayan: {exc}", file=sys.stderr)
        return 2
    print(f"{progress.end()}Installed {model.name}: {description}.")
    return 0


def run_download(args) -> int:
    if args.id:
        return run_catalog_download(args.id)
    from reader.translation import download as dl
    from reader.translation.packages import PackageError, install

    try:
        package = dl.fetch_index(args.index)[0]
        print(f"Downloading {package.filename} ({package.links[0]})", file=sys.stderr)
        started = [time.monotonic(), 0.0]

        def progress(done, total):
            now = time.monotonic()
            if now - started[1] >= 0.5 or (total and done >= total):
                started[1] = now
                share = f" of {total / 1e6:.1f} MB ({100 * done / total:.0f}%)" if total else " MB"
                print(f"\r  {done / 1e6:.1f}{share}", end="", file=sys.stderr, flush=True)

        path = dl.download_package(package, progress=progress)
        print(file=sys.stderr)
        model, info = install(path)
    except KeyboardInterrupt:
        print("\nbayan: download interrupted; run the command again to resume.", file=sys.stderr)
        return 130
    except (dl.DownloadError, PackageError) as exc:
        print(f"\nbayan: {exc}", file=sys.stderr)
        return 2
    path.unlink(missing_ok=True)
    print(f"Installed {model.name}: {info.describe()}.")
    return 0


def run_remove(args) -> int:
    from reader.translation.packages import PackageError, find_model, remove

    try:
        model = find_model(args.name)
        if not model.removable:
            raise PackageError(f"{model.name} cannot be removed.")
        remove(model)
    except PackageError as exc:
        print(f"bayan: {exc}", file=sys.stderr)
        return 2
    print(f"Removed {model.name}. Its cached translations are kept.")
    return 0
