"""Search across the corpus and open documents, Arabic-aware.

Arabic queries are compared in search form (:func:`reader.arabic.normalize`:
no tashkeel or tatweel, alef/hamza/ya/ta-marbuta folded), and a hit may carry
clitics: proclitics و ف ب ك ل س and the article before it (وبالحكومة, للحكومة),
an attached pronoun after it (حكومتهم, where ة turns into ت).  Matches start
at a word start (after such proclitics) and end at a word end (or before such
an enclitic).  English, and Latin text generally, matches case-insensitively
anywhere.  Hits carry document id, segment index and offsets in the original,
unnormalised segment text.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Iterable, Mapping

from reader.arabic import (ARTICLE, CONJUNCTIONS, ENCLITICS, FUTURE, PREPOSITIONS, is_arabic, normalize,
                           normalize_with_map)
from reader.document import Document

_CONJ = "".join(CONJUNCTIONS)
_PREP = "".join((*PREPOSITIONS, FUTURE))
# What may stand between a word start and a hit: و/ف, then ب/ك/ل/س, then the
# article; ل + article is written لل.
_PREFIX_RE = re.compile(f"^[{_CONJ}]?(?:[{_PREP}]?{ARTICLE}|ل?ل|[{_PREP}])?$")
_SUFFIX_RE = re.compile("^(?:" + "|".join(ENCLITICS) + ")?$")
_WORD_CHAR_RE = re.compile(r"\w")


@dataclass(frozen=True)
class Hit:
    doc_id: str
    title: str
    segment: int
    side: str    # "ar" (the source) or "en" (the translation)
    start: int   # offsets into the segment's text on that side
    end: int
    text: str    # that text, for showing the hit in context
    other: str = ""  # the segment's other side (its English, or its Arabic), where there is one

    @property
    def matched(self) -> str:
        return self.text[self.start:self.end]


def _is_word_char(ch: str) -> bool:
    return bool(_WORD_CHAR_RE.match(ch))


class Matcher:
    """A compiled query; :meth:`find` returns (start, end) spans in the original text."""

    def __init__(self, query: str):
        self.query = query
        words = normalize(query).split()
        self.key = " ".join(words)
        self.arabic = is_arabic(self.key)
        # (pattern, an enclitic must follow, what may precede it in its word)
        self._patterns: list[tuple[re.Pattern, bool, re.Pattern]] = []
        if words:
            # Clitics typed in the query (بالتحالف, الائتلاف) are clitics in the text too:
            # the bare word is looked for, with any clitics the text gives it.
            firsts = [words[0], *(_without_proclitics(words[0]) if self.arabic else [])]
            for first in firsts:
                ws = [first, *words[1:]]
                self._patterns.append((_words_pattern(ws), False, _PREFIX_RE))
                # Ta marbuta (folded to ه) is spelled ت before an attached pronoun: حكومة → حكومتهم.
                if self.arabic and ws[-1].endswith("ه") and len(ws[-1]) > 1:
                    self._patterns.append((_words_pattern([*ws[:-1], ws[-1][:-1] + "ت"]), True, _PREFIX_RE))
        # Every hit contains the first word's shortest form: a cheap pre-filter.
        stem = min(firsts, key=len) if words else ""
        if self.arabic and len(words) == 1 and stem.endswith("ه") and len(stem) > 1:
            stem = stem[:-1]
        self.stem = stem

    def __bool__(self) -> bool:
        return bool(self.key)

    def find(self, text: str) -> list[tuple[int, int]]:
        if not self.key:
            return []
        norm = normalize_with_map(text)
        return [norm.span(s, e) for s, e in self.find_normalized(norm.text)]

    def find_normalized(self, hay: str) -> list[tuple[int, int]]:
        spans = []
        for pattern, needs_enclitic, prefix in self._patterns:
            m = pattern.search(hay)
            while m:
                start, end = m.span()
                if not self.arabic:
                    spans.append((start, end))
                elif (word_end := self._word_end(hay, start, end, needs_enclitic, prefix)) is not None:
                    # A pronoun glued to the word (حكومتهم) is shown as part of the hit.
                    spans.append((start, word_end))
                m = pattern.search(hay, start + 1)
        spans.sort()
        # Overlapping matches (the query repeated inside itself) keep the first.
        kept: list[tuple[int, int]] = []
        for s, e in spans:
            if not kept or s >= kept[-1][1]:
                kept.append((s, e))
        return kept

    @staticmethod
    def _word_end(hay: str, start: int, end: int, needs_enclitic: bool, prefix: re.Pattern) -> int | None:
        """Where the hit's word ends, if the hit is a whole word give or take clitics."""
        ws = start
        while ws > 0 and _is_word_char(hay[ws - 1]):
            ws -= 1
        if not prefix.match(hay[ws:start]):
            return None
        we = end
        while we < len(hay) and _is_word_char(hay[we]):
            we += 1
        suffix = hay[end:we]
        if needs_enclitic and not suffix or not _SUFFIX_RE.match(suffix):
            return None
        return we


def _without_proclitics(word: str) -> list[str]:
    """``word`` with each proclitic reading taken off: بالتحالف → التحالف, تحالف.

    A stem left by the article keeps 3 letters or more; one left by a bare
    و ف ب ك ل س needs 4, so that وزير or كتاب are not read as و+زير, ك+تاب.
    """
    out = []
    for k in range(1, min(len(word), 5)):
        prefix, rest = word[:k], word[k:]
        if not _PREFIX_RE.match(prefix):
            continue
        with_article = prefix.endswith(ARTICLE) or prefix.endswith("لل")
        if len(rest) >= (3 if with_article else 4):
            out.append(rest)
    return out


def _words_pattern(words: list[str]) -> re.Pattern:
    return re.compile(r"\s+".join(map(re.escape, words)))


def find_in_text(query: str, text: str) -> list[tuple[int, int]]:
    return Matcher(query).find(text)


class SearchIndex:
    """Documents to search, each with its English (from a project or the view).

    Normalised segment text is computed once per document, so searching again
    while the user types only scans strings.
    """

    def __init__(self) -> None:
        self._docs: dict[str, Document] = {}
        self._targets: dict[str, dict[int, str]] = {}
        self._prefilter: dict[str, list[str]] = {}

    def add(self, doc: Document, targets: Mapping[int, str] | None = None) -> None:
        self._docs[doc.doc_id] = doc
        self._targets[doc.doc_id] = dict(targets or {})
        self._prefilter[doc.doc_id] = [normalize(seg.text) for seg in doc.segments]

    def remove(self, doc_id: str) -> None:
        for table in (self._docs, self._targets, self._prefilter):
            table.pop(doc_id, None)

    def set_target(self, doc_id: str, index: int, text: str | None) -> None:
        targets = self._targets.setdefault(doc_id, {})
        if text:
            targets[index] = text
        else:
            targets.pop(index, None)

    def __contains__(self, doc_id: str) -> bool:
        return doc_id in self._docs

    def __len__(self) -> int:
        return len(self._docs)

    def search(self, query: str, limit: int = 1000) -> list[Hit]:
        matcher = Matcher(query)
        if not matcher:
            return []
        stem = matcher.stem
        hits: list[Hit] = []
        for doc_id, doc in self._docs.items():
            normalized, name = self._prefilter[doc_id], doc.name
            for seg in doc.segments:
                if stem in normalized[seg.index]:
                    for s, e in matcher.find(seg.text):
                        hits.append(Hit(doc_id, name, seg.index, "ar", s, e, seg.text,
                                        self._targets[doc_id].get(seg.index, "")))
                target = self._targets[doc_id].get(seg.index)
                if target and not matcher.arabic:
                    for s, e in matcher.find(target):
                        hits.append(Hit(doc_id, name, seg.index, "en", s, e, target, seg.text))
                if len(hits) >= limit:
                    return hits[:limit]
        return hits


def corpus_index(extra: Iterable[Document] = ()) -> SearchIndex:
    """The bundled corpus plus ``extra`` documents, each with the English saved in its project."""
    from reader.corpus import CorpusError, load_manifest
    from reader.project_store import ProjectStore
    from reader.textfile import UnreadableFile

    index = SearchIndex()
    docs: list[Document] = []
    try:
        for entry in load_manifest():
            try:
                docs.append(entry.load())
            except UnreadableFile:
                continue
    except CorpusError:
        pass
    docs.extend(extra)
    for doc in docs:
        store = ProjectStore.existing(doc.doc_id)
        if store is None:
            index.add(doc)
            continue
        with store:
            index.add(doc, store.targets())
    return index
