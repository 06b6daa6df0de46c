"""`bayan align PAIRS.tsv [--json] [--model [ID]]`: the word links between each line's Arabic and English.

Each input line is Arabic, a tab, English. With ``--json``, one object per input line:
``{"line": n, "index": i, "links": [{"ar": [s, e], "en": [s, e], "score": s}, ...]}`` (``line``
1-based as an editor numbers it, ``index`` 0-based; character offsets into that line's Arabic and
English on whole words). A line that
cannot be aligned (an empty line, no tab, an empty side, "English" still in Arabic) gets
``"links": []`` and an ``"error"`` sentence, and is counted in one warning on stderr; the exit
status is 0 once the file could be read, 2 when it could not.

``--model [ID]`` adds the installed model's links (the default model, or ID) where the lexicon
left content words unlinked (``reader.align.combine``); with no model installed a note says the
links are lexical only.
"""
from __future__ import annotations

import argparse
import json
import sys

from reader.align.aligner import Aligner, lexical_sources
from reader.align.combine import combine
from reader.align.links import Link
from reader.align.pair import SegmentPair
from reader.align.sources import LinkSource
from reader.plural import count
from reader.commands import read_input

NO_TAB = "no tab between the Arabic and the English"
EMPTY_LINE = "the line is empty"
NO_ARABIC = "the Arabic side is empty"
NO_ENGLISH = "the English side is empty"
NOT_ENGLISH = "the English side has no English words (is it still Arabic?)"


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("align", help="link the words of Arabic and English sentence pairs")
    p.add_argument("file", help="a text file: Arabic, a tab, English on each line")
    p.add_argument("--json", action="store_true",
                   help='one JSON object per line: {"line": n (1-based), "index": n - 1, "links": '
                        '[{"ar": [start, end], "en": [start, end], "score": s}, ...]}, with "error" '
                        'for a line that cannot be aligned')
    p.add_argument("--model", nargs="?", const="", default=None, metavar="ID",
                   help="also link what the lexicon leaves unlinked through the installed model "
                        "(the default model, or ID)")
    p.set_defaults(func=run)


def model_links(args: argparse.Namespace, pairs: list[tuple[str, str]]) -> list[list[Link]] | None:
    """The model's links for every pair with --model, [] per pair without; None: stop (said why)."""
    if args.model is None:
        return [[] for _ in pairs]
    from reader.align.model import NoAlignmentModel, installed_aligner
    from reader.translation.package_error import PackageError

    try:
        return installed_aligner(args.model or None).align(pairs)
    except NoAlignmentModel as exc:
        if args.model:  # a model asked for by name that is not there
            print(f"bayan: {exc}", file=sys.stderr)
            return None
        print(f"bayan: note: {exc}", file=sys.stderr)
    except PackageError as exc:
        print(f"bayan: warning: {exc} The links are lexical only.", file=sys.stderr)
    return [[] for _ in pairs]


def link_sources(args: argparse.Namespace) -> list[LinkSource]:
    """The sources the command aligns with: the lexicon's, over the user's glossary (``--model``'s
    links are combined with theirs afterwards)."""
    return lexical_sources()


def problem(arabic: str, english: str) -> str:
    """Why a pair cannot be aligned, or ""."""
    if not arabic.strip():
        return NO_ARABIC
    if not english.strip():
        return NO_ENGLISH
    if not SegmentPair(arabic, english).usable:
        return NOT_ENGLISH
    return ""


def run(args: argparse.Namespace) -> int:
    decoded = read_input(args.file)
    if decoded is None:
        return 2
    if decoded.warning:
        print(f"bayan: warning: {decoded.warning}", file=sys.stderr)
    aligner = Aligner(link_sources(args))
    lines = decoded.text.splitlines()
    split = [line.partition("\t") for line in lines]
    errors = [problem(arabic, english) if tab else NO_TAB if arabic.strip() else EMPTY_LINE
              for arabic, tab, english in split]
    extra = model_links(args, [("", "") if error else (arabic, english)
                               for (arabic, _, english), error in zip(split, errors)])
    if extra is None:
        return 2
    failed = 0
    for n, ((arabic, _, english), error) in enumerate(zip(split, errors)):
        links = [] if error else aligner.align(arabic, english)
        if extra[n]:
            links = combine(arabic, english, links, extra[n])
        failed += bool(error)
        if args.json:
            record: dict[str, object] = {"line": n + 1, "index": n, "links": [link.as_json() for link in links]}
            if error:
                record["error"] = error
            print(json.dumps(record, ensure_ascii=False))
        else:
            print(listing(n, arabic, english, links, error))
    if failed:
        print(f"bayan: warning: {count(failed, 'line')} could not be aligned (see \"error\" in each).",
              file=sys.stderr)
    return 0


def listing(n: int, arabic: str, english: str, links: list[Link], error: str) -> str:
    """A line's links as a person reads them: Arabic ↔ English, score and source."""
    head = f"line {n + 1}: {error}" if error else f"line {n + 1}: {count(len(links), 'link')}"
    rows = [f"  {arabic[link.ar[0]:link.ar[1]]}  ↔  {english[link.en[0]:link.en[1]]}  "
            f"({link.score:.2f}, {link.source}{', approximate' if link.approximate else ''})" for link in links]
    return "\n".join([head, *rows])
