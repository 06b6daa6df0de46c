"""Command line: `bayan` starts the reader; `bayan SUBCOMMAND ...` runs headless tools."""
from __future__ import annotations

import argparse
import difflib
import importlib
import os
import sys

# Each module registers one subcommand through ``register(subparsers)``; the
# modules are imported lazily so that `bayan` alone starts fast.
COMMAND_MODULES = [
    "reader.commands.segment",
    "reader.commands.models",
    "reader.commands.translate",
    "reader.commands.export",
    "reader.commands.terms",
    "reader.commands.lookup",
    "reader.commands.qa",
    "reader.commands.tm",
    "reader.commands.align",
]


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="bayan", description="Offline Arabic-English reading companion.")
    parser.add_argument("--version", action="version", version=f"%(prog)s {__import__('reader').__version__}")
    parser.add_argument("--debug", action="store_true", help="show the full traceback of an error")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    gui = sub.add_parser("gui", help="open the reader (the default)")
    gui.add_argument("files", nargs="*", help="documents to open")
    for name in COMMAND_MODULES:
        importlib.import_module(name).register(sub)
    return parser


def main(argv: list[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    parser = build_parser()
    debug = "--debug" in argv[:1]
    rest = argv[1:] if debug else argv
    commands = _subcommand_names(parser)
    if not rest or rest[0] not in commands and not rest[0].startswith("-"):
        if rest and _looks_like_command(rest[0]):
            _unknown_command(parser, rest[0], commands)
        rest = ["gui", *rest]  # `bayan FILE...` opens files in the reader
    args = parser.parse_args(["--debug", *rest] if debug else rest)
    try:
        if args.command in (None, "gui"):
            if not has_display():
                print("bayan: cannot open the window: no display was found (DISPLAY and WAYLAND_DISPLAY "
                      "are not set). Run Bayan in a desktop session, or use a command such as "
                      "`bayan translate FILE` (see `bayan --help`).", file=sys.stderr)
                return 2
            from reader.ui.app import run

            return run(getattr(args, "files", []))
        return args.func(args) or 0
    except BrokenPipeError:
        # The reader of our output went away (`bayan terms FILE | head`): stop quietly.
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 0
    except KeyboardInterrupt:
        print("\nbayan: interrupted.", file=sys.stderr)
        return 130
    except Exception as exc:  # noqa: BLE001 - one sentence for the user, the traceback with --debug
        if args.debug:
            raise
        from reader.errors import describe

        print(f"bayan: {describe(exc)} (run with --debug for details)", file=sys.stderr)
        return 2


def has_display() -> bool:
    """Whether Qt can show a window here; without one Qt aborts the process (SIGABRT)."""
    if sys.platform in ("win32", "darwin"):
        return True
    platform = os.environ.get("QT_QPA_PLATFORM", "")
    if platform and not platform.startswith(("xcb", "wayland")):
        return True  # offscreen, vnc, eglfs...: no desktop needed
    return bool(os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY"))


def _looks_like_command(word: str) -> bool:
    """A bare word that names no file (`bayan tranlsate`) is a mistyped command, not a document."""
    return not os.path.exists(word) and not any(ch in word for ch in "./\\")


def _unknown_command(parser: argparse.ArgumentParser, word: str, commands: set[str]) -> None:
    """argparse's own wording for an invalid choice, plus the nearest command; exits 2."""
    choices = ", ".join(repr(c) for c in sorted(commands))
    close = difflib.get_close_matches(word, sorted(commands), n=1, cutoff=0.6)
    hint = f" Did you mean {close[0]!r}?" if close else ""
    parser.error(f"argument COMMAND: invalid choice: {word!r} (choose from {choices}).{hint}")


def _subcommand_names(parser: argparse.ArgumentParser) -> set[str]:
    for action in parser._actions:  # noqa: SLF001 - argparse offers no public accessor
        if isinstance(action, argparse._SubParsersAction):
            return set(action.choices)
    return set()
