"""Command line: `bayan` starts the reader; `bayan SUBCOMMAND ...` runs headless tools."""
from __future__ import annotations

import argparse
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
    "reader.commands.tm",
]


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="bayan", description="Offline Arabic-English reading companion.")
    parser.add_argument("--version", action="version", version=f"%(prog)s {__import__('reader').__version__}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    gui = sub.add_parser("gui", help="open the reader (the default)")
    gui.add_argument("files", nargs="*", help="documents to open")
    for name in COMMAND_MODULES:
        importlib.import_module(name).register(sub)
    return parser


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    parser = build_parser()
    if not argv or argv[0] not in _subcommand_names(parser) and not argv[0].startswith("-"):
        argv = ["gui", *argv]  # `bayan FILE...` opens files in the reader
    args = parser.parse_args(argv)
    if args.command in (None, "gui"):
        from reader.ui.app import run

        return run(getattr(args, "files", []))
    try:
        return args.func(args) or 0
    except BrokenPipeError:
        # The reader of our output went away (`bayan terms FILE | head`): stop quietly.
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 0


def _subcommand_names(parser: argparse.ArgumentParser) -> set[str]:
    for action in parser._actions:  # noqa: SLF001 - argparse offers no public accessor
        if isinstance(action, argparse._SubParsersAction):
            return set(action.choices)
    return set()
