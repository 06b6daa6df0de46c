"""Headless subcommands of the `bayan` command line, one module each."""
from __future__ import annotations

import sys

from reader.textfile import DecodedText, UnreadableFile, read_text


def read_input(path: str) -> DecodedText | None:
    """The text of the file a command was given, or None once its reason is printed."""
    try:
        return read_text(path)
    except UnreadableFile as exc:
        print(f"bayan: {exc}", file=sys.stderr)
        return None
