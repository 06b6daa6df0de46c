"""Word links read from a translation model's attention, for any English (machine, post-edited, human).

The displayed English is forced through the installed model (CTranslate2 ``target_prefix``,
beam 1, decoding stops one step after it), and the cross-attention of each forced piece says
which Arabic pieces the model looked at while writing it. Pieces are merged into the words of
``reader.align.words`` through their character offsets, so links land on whole words of the
strings given, whatever the model's tokenisation.

From the word-level attention, every English word is linked to the Arabic word it attends to
most (its share of the attention is the link's score), and every Arabic word to the English
word that attends to it most; a pair chosen both ways keeps its score, a pair chosen one way
only is weakened. Models trained with guided alignment (OPUS-MT ``transformer-align``) have
one head taught to align; for the others attention is only a hint, so their links are
``approximate`` (``resources/models/catalog.json`` says which is which).
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Callable, Sequence

from reader.align.links import Link
from reader.arabic import is_arabic
from reader.align.words import Word, arabic_words, english_words

if TYPE_CHECKING:
    from reader.translation.catalog import Catalog
    from reader.translation.engine import Engine
    from reader.translation.packages import InstalledModel

# Longer segments are left to the lexical aligner: attention over hundreds of pieces is
# diffuse, and decoding cost grows with the square of the length.
MAX_PIECES = 250
BATCH = 32  # segments forced per call: one call per batch is where the speed comes from
ONE_WAY = 0.6  # a link chosen from one side only is weaker than one both sides agree on
MIN_SCORE = 0.05

Pair = tuple[str, str]
NO_MODEL = ("No translation model is installed, so the links are lexical only "
            "(install one with `bayan models install FILE`).")


class NoAlignmentModel(Exception):
    """No model to align with; the message is meant for the user."""


def installed_aligner(name: str | None = None) -> ModelAligner:
    """An aligner over the installed model ``name`` (folder, code or catalog id), else the default model."""
    from reader.translation.catalog import CatalogError, default_model, load_catalog
    from reader.translation.packages import PackageError, find_model, installed_models

    models = installed_models()
    if name is None:
        model = default_model(models)
        if model is None:
            raise NoAlignmentModel(NO_MODEL)
        return ModelAligner.for_model(model)
    try:
        return ModelAligner.for_model(find_model(name))
    except PackageError as exc:
        try:
            listed = load_catalog().get(name).installed(models)
        except CatalogError:
            listed = None
        if listed is None:
            raise NoAlignmentModel(str(exc)) from exc
        return ModelAligner.for_model(listed)


@dataclass(frozen=True)
class Pieces:
    """A text as the model reads it: its pieces, and for each the index of the word it is in."""

    tokens: list[str]
    word_of: list[int | None]  # None: a space or punctuation piece, in no word


def pieces(sp: Any, text: str, words: list[Word]) -> Pieces:
    """``text`` in sentencepiece pieces, each mapped to the word of ``words`` it overlaps."""
    proto = sp.encode(text, return_type="proto")
    char_at = _char_offsets(text)
    tokens: list[str] = []
    word_of: list[int | None] = []
    w = 0
    for p in proto.pieces:
        start, end = char_at[p.begin], char_at[p.end]
        while w < len(words) and words[w][1] <= start:
            w += 1
        inside = w < len(words) and words[w][0] < end
        tokens.append(p.piece)
        word_of.append(w if inside else None)
    return Pieces(tokens, word_of)


def _char_offsets(text: str) -> list[int]:
    """For each UTF-8 byte offset of ``text`` (and its end), the character it belongs to."""
    out: list[int] = []
    for k, ch in enumerate(text):
        out.extend([k] * len(ch.encode("utf-8")))
    out.append(len(text))
    return out


class ModelAligner:
    """Aligns through one installed model; load it once, call ``align`` from one worker at a time."""

    def __init__(self, engine: Engine, trained: bool):
        self.engine = engine
        self.trained = trained  # guided alignment: links are not approximate

    @classmethod
    def for_model(cls, model: InstalledModel, catalog: Catalog | None = None) -> ModelAligner:
        from reader.translation.catalog import guided_alignment
        from reader.translation.engine import DecodeOptions, Engine

        options = DecodeOptions(beam_size=1, max_batch_size=BATCH, max_decoding_length=MAX_PIECES + 2)
        return cls(Engine(model, options), guided_alignment(model, catalog) == "yes")

    @property
    def name(self) -> str:
        return self.engine.model.name

    def align(self, pairs: Sequence[Pair], cancel: Callable[[], bool] | None = None) -> list[list[Link]]:
        """Links for each (Arabic, English) pair; [] for a pair the model cannot align."""
        self.engine.load()
        out: list[list[Link]] = [[] for _ in pairs]
        todo: list[tuple[int, list[Word], list[Word], Pieces, Pieces]] = []
        for k, (arabic, english) in enumerate(pairs):
            # English still in Arabic script (an untranslated segment) has nothing to link.
            ar_words = arabic_words(arabic)
            en_words = [w for w in english_words(english) if not is_arabic(w[2])]
            if not ar_words or not en_words:
                continue
            source = pieces(self.engine.source_sp, arabic, ar_words)
            target = pieces(self.engine.target_sp, english, en_words)
            if not 0 < len(source.tokens) <= MAX_PIECES or not 0 < len(target.tokens) <= MAX_PIECES:
                continue
            todo.append((k, ar_words, en_words, source, target))
        # Similar lengths together: each call decodes as far as its longest forced English.
        todo.sort(key=lambda item: len(item[4].tokens))
        marker = [self.engine.model.target_prefix] if self.engine.model.target_prefix else []
        for start in range(0, len(todo), BATCH):
            if cancel is not None and cancel():
                break
            chunk = todo[start:start + BATCH]
            results = self.engine.translate_tokens(
                [item[3].tokens for item in chunk], target_prefix=[marker + item[4].tokens for item in chunk],
                beam_size=1, return_attention=True,
                max_length=len(marker) + max(len(item[4].tokens) for item in chunk) + 1)
            for (k, ar_words, en_words, source, target), result in zip(chunk, results):
                rows = (result.attention[0] if result.attention else [])[len(marker):len(marker) + len(target.tokens)]
                matrix = word_attention(rows, source, target, len(ar_words), len(en_words))
                out[k] = links_from_attention(matrix, ar_words, en_words, approximate=not self.trained)
        return out


def word_attention(rows: Sequence[Sequence[float]], source: Pieces, target: Pieces,
                   n_ar: int, n_en: int) -> list[list[float]]:
    """[English word][Arabic word]: the attention of a word's pieces on another's, averaged over
    the English word's pieces (a long word is not surer for having more pieces)."""
    matrix = [[0.0] * n_ar for _ in range(n_en)]
    counts = [0] * n_en
    for t, row in enumerate(rows):
        j = target.word_of[t] if t < len(target.word_of) else None
        if j is None:
            continue
        counts[j] += 1
        for s, weight in enumerate(row[:len(source.word_of)]):
            i = source.word_of[s]
            if i is not None:
                matrix[j][i] += weight
    return [[v / counts[j] for v in matrix[j]] if counts[j] else matrix[j] for j in range(n_en)]


def links_from_attention(matrix: list[list[float]], ar_words: list[Word], en_words: list[Word],
                         approximate: bool = True) -> list[Link]:
    """Argmax both ways over word attention; pairs both directions choose keep their full score."""
    n_ar = len(ar_words)
    english_choice: dict[int, tuple[int, float]] = {}
    for j, row in enumerate(matrix):
        total = sum(row)
        if total <= 0:
            continue  # no attention on any Arabic word (punctuation only): no link
        i = max(range(n_ar), key=row.__getitem__)
        english_choice[j] = (i, row[i] / total)
    arabic_choice: dict[int, tuple[int, float]] = {}
    for i in range(n_ar):
        column = [matrix[j][i] for j in range(len(matrix))]
        total = sum(column)
        if total <= 0:
            continue
        j = max(range(len(column)), key=column.__getitem__)
        arabic_choice[i] = (j, column[j] / total)
    scores: dict[tuple[int, int], float] = {}
    for j, (i, p) in english_choice.items():
        both = arabic_choice.get(i, (-1, 0.0))[0] == j
        scores[(i, j)] = p if both else p * ONE_WAY
    for i, (j, p) in arabic_choice.items():
        if (i, j) not in scores:
            scores[(i, j)] = p * ONE_WAY
    return [Link((ar_words[i][0], ar_words[i][1]), (en_words[j][0], en_words[j][1]),
                 max(MIN_SCORE, min(1.0, score)), "model", approximate)
            for (i, j), score in sorted(scores.items(), key=lambda item: (item[0][1], item[0][0]))]
