"""The document model: Document -> paragraphs -> segments, all as offsets into the text."""
from __future__ import annotations

from dataclasses import dataclass, field
from functools import cached_property

from reader.naming import document_name
from reader.segmentation import paragraph_spans, sentence_spans

# A paragraph this short with no sentence terminator reads as a heading or a
# list item rather than prose; the view shows it differently.
HEADING_MAX_CHARS = 80


@dataclass(frozen=True)
class Segment:
    """One sentence (or heading / list item).

    ``start``/``end`` are the tight offsets of its text; ``span_start``/``span_end``
    also cover the whitespace and line breaks around it, so the spans of a
    document's segments tile its text exactly.
    """

    index: int
    paragraph: int
    start: int
    end: int
    span_start: int
    span_end: int
    text: str
    kind: str = "sentence"  # "sentence" | "heading"
    first_in_paragraph: bool = False


@dataclass(frozen=True)
class Paragraph:
    index: int
    start: int
    end: int
    segments: tuple[Segment, ...]


@dataclass
class Document:
    text: str
    doc_id: str = ""
    title: str = ""
    paragraphs: list[Paragraph] = field(default_factory=list)
    # What the importer noticed and the user should know (encoding used, bytes replaced...).
    notes: tuple[str, ...] = ()

    @classmethod
    def from_text(cls, text: str, doc_id: str = "", title: str = "",
                  headings: frozenset[int] | None = None) -> "Document":
        """``headings``: the paragraphs a structured format marks as headings; without it a
        short paragraph with no final punctuation is taken for one."""
        doc = cls(text=text, doc_id=doc_id, title=title)
        tight: list[tuple[int, int, int, str]] = []  # (paragraph, start, end, kind)
        para_bounds = paragraph_spans(text)
        for p, (ps, pe) in enumerate(para_bounds):
            sents = sentence_spans(text, ps, pe)
            kind = "sentence"
            if headings is not None:
                kind = "heading" if p in headings else "sentence"
            elif len(sents) == 1:
                s, e = sents[0]
                body = text[s:e]
                if len(body) <= HEADING_MAX_CHARS and body.rstrip("\"'”»)")[-1:] not in ".!?؟؛…:":
                    kind = "heading"
            for s, e in sents:
                tight.append((p, s, e, kind))
        segments: list[Segment] = []
        for i, (p, s, e, kind) in enumerate(tight):
            span_start = 0 if i == 0 else segments[-1].span_end
            span_end = len(text) if i == len(tight) - 1 else tight[i + 1][1]
            first = i == 0 or tight[i - 1][0] != p
            segments.append(Segment(i, p, s, e, span_start, span_end, text[s:e], kind, first))
        by_para: dict[int, list[Segment]] = {}
        for seg in segments:
            by_para.setdefault(seg.paragraph, []).append(seg)
        doc.paragraphs = [Paragraph(p, ps, pe, tuple(by_para.get(p, ())))
                          for p, (ps, pe) in enumerate(para_bounds)]
        return doc

    @property
    def name(self) -> str:
        """What a person sees it called: its title, or the first words of its text (reader.naming)."""
        return document_name(self.title, self.text)

    @cached_property
    def segments(self) -> list[Segment]:
        return [s for p in self.paragraphs for s in p.segments]

    def reassemble(self) -> str:
        """Join the segments' spans: always equal to ``text``."""
        return "".join(self.text[s.span_start:s.span_end] for s in self.segments)
