"""Score the Arabic matcher against a hand annotation (tests/gold/) of the bundled corpus."""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from reader.glossary.arabic_matcher import ArabicMatcher


@dataclass(frozen=True)
class GoldSpan:
    doc_id: str
    start: int
    end: int
    term_id: str
    surface: str


def _word_char(ch: str) -> bool:
    return ch.isalnum() or ch in "\u064b\u064c\u064d\u064e\u064f\u0650\u0651\u0652\u0640"


def load_gold(path: str | Path, texts: dict[str, str]) -> list[GoldSpan]:
    """Resolve annotated surfaces to offsets: each is found as a whole word after the previous one."""
    spans: list[GoldSpan] = []
    doc, text, cursor = None, "", 0
    for lineno, line in enumerate(Path(path).read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip() or line.startswith("#"):
            continue
        if line.startswith("@doc "):
            doc = line.split(None, 1)[1].strip()
            if doc not in texts:
                raise ValueError(f"{path}:{lineno}: unknown document {doc}")
            text, cursor = texts[doc], 0
            continue
        term_id, surface = line.split("\t")
        if doc is None:
            raise ValueError(f"{path}:{lineno}: a term before any @doc line")
        pos = cursor
        while True:
            pos = text.find(surface, pos)
            if pos < 0:
                raise ValueError(f"{path}:{lineno}: {surface!r} not found in {doc} after offset {cursor}")
            end = pos + len(surface)
            if (pos == 0 or not _word_char(text[pos - 1])) and (end == len(text) or not _word_char(text[end])):
                break
            pos += 1
        spans.append(GoldSpan(doc, pos, end, term_id, surface))
        cursor = end
    return spans


@dataclass
class Score:
    gold: int
    found: int
    correct: int
    missed: list
    spurious: list

    @property
    def precision(self) -> float:
        return self.correct / self.found if self.found else 1.0

    @property
    def recall(self) -> float:
        return self.correct / self.gold if self.gold else 1.0


def score(matcher: ArabicMatcher, texts: dict[str, str], gold: list[GoldSpan]) -> Score:
    """Exact-span scoring: a match counts only with the gold start, end and term id."""
    predicted = {(doc, m.start, m.end, m.term_id): m.surface
                 for doc, text in texts.items() for m in matcher.find(text)}
    expected = {(g.doc_id, g.start, g.end, g.term_id): g.surface for g in gold}
    correct = predicted.keys() & expected.keys()
    return Score(len(expected), len(predicted), len(correct),
                 sorted((k, expected[k]) for k in expected.keys() - correct),
                 sorted((k, predicted[k]) for k in predicted.keys() - correct))


def corpus_texts() -> dict[str, str]:
    from reader.corpus import load_manifest

    return {entry.doc_id: entry.load().text for entry in load_manifest()}
