"""Characters no text means to hold, removed where text enters Bayan and before XML is written.

A NUL or a form feed pasted into a glossary term or read from a document is
invisible, and lxml refuses to write it: every later save would fail.
"""
from __future__ import annotations

import re

# C0 controls but tab and line breaks, DEL, C1 controls, non-characters, lone surrogates.
CONTROL_RE = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ufffe\uffff\ud800-\udfff]+")
# What XML 1.0 cannot hold at all (C1 controls it can).
XML_ILLEGAL_RE = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff\ud800-\udfff]+")


def strip_controls(text: str) -> str:
    return CONTROL_RE.sub("", text) if CONTROL_RE.search(text) else text


def count_controls(text: str) -> int:
    return sum(map(len, CONTROL_RE.findall(text)))


def xml_safe(text: str) -> str:
    """``text`` without the characters lxml would refuse (it raises ValueError on them)."""
    return XML_ILLEGAL_RE.sub("", text) if XML_ILLEGAL_RE.search(text) else text
