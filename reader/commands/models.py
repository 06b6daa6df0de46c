"""`bayan models list | install FILE | download | remove NAME`: manage translation models."""
from __future__ import annotations

import sys
import time


def register(sub) -> None:
    p = sub.add_parser("models", help="list, install, download or remove translation models")
    actions = p.add_subparsers(dest="action", metavar="ACTION", required=True)
    actions.add_parser("list", help="installed Arabic→English models").set_defaults(func=run_list)
    inst = actions.add_parser("install", help="install a .argosmodel file")
    inst.add_argument("file")
    inst.set_defaults(func=run_install)
    dl = actions.add_parser("download", help="download the Arabic→English model (uses the network)")
    dl.add_argument("--index", help="package index URL (default: argostranslate's)")
    dl.set_defaults(func=run_download)
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


def run_install(args) -> int:
    from reader.translation.packages import PackageError, install

    try:
        model, info = install(args.file)
    except PackageError as exc:
        print(f"bayan: {exc}", file=sys.stderr)
        return 2
    print(f"Installed {model.name}: {info.describe()}.")
    return 0


def run_download(args) -> int:
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
