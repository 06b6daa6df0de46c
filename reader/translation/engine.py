"""Batched decoding with a package's CTranslate2 model and sentencepiece model.

Stock argostranslate splits every paragraph into sentences (stanza/minisbd, which go online)
and decodes each paragraph on its own with beam 4, in batches of at most 32 *tokens* (so in
practice one sentence per ``translate_batch`` call), on one worker using every core. Bayan's
segments are already sentences, so the engine decodes a whole document at once, in one
pipeline: the rows on screen first, then the rest, each group sorted by length so batches carry
little padding; one batch per worker decoding and one queued (see :func:`thread_layout`), the
last batches sized so that every worker ends at once. Decoding options other than
beam and threads match argostranslate's (length penalty 0.2, unknowns replaced from the source,
same detokenisation), so at the same beam the output equals stock argostranslate's.
"""
from __future__ import annotations

import os
from math import ceil
import threading
from collections import deque
from dataclasses import dataclass
from itertools import chain
from typing import TYPE_CHECKING, Any, Callable, Iterable, Iterator

from reader.translation.package_error import PackageError

if TYPE_CHECKING:
    from reader.translation.packages import InstalledModel

ARGOS_LENGTH_PENALTY = 0.2
# Longer segments are translated in pieces: decoding cost grows with the square of the
# input, and one unsplit 4 MB segment took 7 GB. A piece ends at a sentence end or a
# space where there is one, and never holds more tokens than a model decodes well.
MAX_PIECE_CHARS = 1000
MAX_PIECE_TOKENS = 200
_PIECE_ENDS = (". ", "، ", "؛ ", "؟ ", "! ", "? ", "\n", " ")


@dataclass(frozen=True)
class DecodeOptions:
    # Beam 4 is stock Argos's: the same output, and batching makes it >5x faster
    # (bench/translation_speed.py). Beam 2 is faster again, offered in the settings.
    beam_size: int = 4
    threads: int = 0  # 0: as many as the machine has
    # A batch holds up to max_batch_tokens source tokens and at most max_batch_size sentences;
    # 0: BATCH_PER_THREAD per thread of a worker (see Engine.load). After Cancel the batches
    # already queued (one per worker, plus one) still finish.
    max_batch_size: int = 0
    max_batch_tokens: int = 0
    max_decoding_length: int = 256

    def key(self) -> str:
        """What the cache key needs: options that change the output (not threads/batching)."""
        return f"beam={self.beam_size};lp={ARGOS_LENGTH_PENALTY};max={self.max_decoding_length}"


# Sentences and source tokens a batch holds per thread of its worker. On two cores (one
# thread a worker) batches of 16 sentences decode 1.2x faster than ~34 (all a 1,024-token
# budget holds): two workers' beams then fit the shared cache (bench/translation_speed.py,
# transformer-base; transformer-big is within 5%). The token cap only splits long sentences.
# Scaled with the threads so a many-core worker's matrix products stay large enough to
# share out (not measured here: two cores only).
BATCH_PER_THREAD = (16, 1024)


def thread_layout(threads: int) -> tuple[int, int]:
    """(inter_threads, intra_threads) for ``threads`` cores (0: all of them).

    Two workers with half the cores each: a beam-search step on one batch is too small to
    keep two cores busy (1.3-1.9x over one worker with both cores, bench/translation_speed.py),
    and on CPU the workers share one copy of the weights.
    """
    cores = threads or os.cpu_count() or 1
    inter = 2 if cores >= 2 else 1
    return inter, cores // inter


def _split_text(text: str, limit: int) -> Iterator[str]:
    """``text`` in pieces of at most ``limit`` characters, cut after a sentence end or a space."""
    start = 0
    while len(text) - start > limit:
        window = text[start:start + limit]
        cut = 0
        for end in _PIECE_ENDS:
            cut = window.rfind(end, limit // 2)
            if cut > 0:
                cut += len(end)
                break
        cut = cut if cut > 0 else limit
        yield text[start:start + cut]
        start += cut
    yield text[start:]


class Engine:
    """Loads the model on first use (under a lock). Safe from several worker threads at once
    (a replaced run ends beside the new one): CTranslate2 queues batches from any thread and
    sentencepiece encodes concurrently; everything else here is per call."""

    def __init__(self, model: InstalledModel, options: DecodeOptions | None = None,
                 compute_type: str = "auto", device: str = "cpu"):
        self.model = model
        self.options = options or DecodeOptions()
        self.compute_type = compute_type
        self.device = device
        self._translator: Any = None  # ctranslate2.Translator once loaded
        self._source_sp: Any = None  # sentencepiece.SentencePieceProcessor once loaded
        self._target_sp: Any = None
        self._lock = threading.Lock()
        self.workers = 1  # batches decoded at once, set when the model loads
        self.batch_size, self.batch_tokens = self._batch_limits(1)

    # -- loading ---------------------------------------------------------------------------
    @property
    def loaded(self) -> bool:
        return self._translator is not None

    def load(self) -> None:
        with self._lock:
            if self._translator is not None:
                return
            import ctranslate2
            import sentencepiece

            if self.model.problem:
                raise PackageError(f"The model {self.model.name} is broken: {self.model.problem}.")
            try:
                # Argos packages share one sentencepiece model; Marian releases have one per side.
                source_sp = sentencepiece.SentencePieceProcessor(
                    model_file=str(self.model.source_sentencepiece))
                target_sp = source_sp if self.model.target_sentencepiece == \
                    self.model.source_sentencepiece else sentencepiece.SentencePieceProcessor(
                        model_file=str(self.model.target_sentencepiece))
                inter, intra = thread_layout(self.options.threads)
                translator = ctranslate2.Translator(
                    str(self.model.model_dir), device=self.device, compute_type=self.compute_type,
                    inter_threads=inter, intra_threads=intra)
                self.workers = inter
                self.batch_size, self.batch_tokens = self._batch_limits(intra)
            except Exception as exc:  # noqa: BLE001 - damaged files raise assorted library errors
                reason = (str(exc).strip().splitlines() or [type(exc).__name__])[0][:200]
                raise PackageError(f"The model {self.model.name} is broken and cannot be loaded ({reason}); "
                                   "remove it and install it again.") from exc
            self._source_sp, self._target_sp, self._translator = source_sp, target_sp, translator

    def _batch_limits(self, intra: int) -> tuple[int, int]:
        sentences, tokens = BATCH_PER_THREAD
        return (self.options.max_batch_size or sentences * intra,
                self.options.max_batch_tokens or tokens * intra)

    # -- tokens ----------------------------------------------------------------------------
    @property
    def source_sp(self) -> Any:
        self.load()
        return self._source_sp

    @property
    def target_sp(self) -> Any:
        self.load()
        return self._target_sp

    def encode(self, text: str) -> list[str]:
        """Source-side pieces."""
        return self.source_sp.encode(text, out_type=str)

    def encode_target(self, text: str) -> list[str]:
        return self.target_sp.encode(text, out_type=str)

    def decode(self, tokens: list[str]) -> str:
        if self.model.is_marian:
            return self.target_sp.decode_pieces(list(tokens))
        # argostranslate's SentencePieceTokenizer.decode, prefix and leading-space handling.
        value = self.target_sp.decode_pieces(tokens).replace("▁", " ").replace("_", " ")
        prefix = self.model.target_prefix
        if prefix and value.startswith(prefix):
            value = value[len(prefix):]
        return value[1:] if value.startswith(" ") else value

    # -- decoding --------------------------------------------------------------------------
    def translate_tokens(self, batch: list[list[str]], num_hypotheses: int = 1,
                         target_prefix: list[list[str]] | None = None, beam_size: int | None = None,
                         return_attention: bool = False, max_length: int | None = None,
                         asynchronous: bool = False):
        """CTranslate2's results for ``batch``; with ``asynchronous``, handles whose
        ``result()`` waits for them, so another batch can be decoded meanwhile."""
        self.load()
        beam = max(num_hypotheses, beam_size or self.options.beam_size)
        prefix = self.model.target_prefix
        if target_prefix is None and prefix:
            target_prefix = [[prefix]] * len(batch)
        return self._translator.translate_batch(
            batch, target_prefix=target_prefix, replace_unknowns=True,
            max_batch_size=self.batch_size, beam_size=beam,
            num_hypotheses=num_hypotheses, length_penalty=self.model.length_penalty,
            max_decoding_length=min(max_length or self.options.max_decoding_length,
                                    self.options.max_decoding_length),
            return_scores=True, return_attention=return_attention, asynchronous=asynchronous)

    def stream(self, texts: list[str], cancel: Callable[[], bool] | None = None,
               ramp: bool = False) -> Iterator[tuple[int, str]]:
        for batch in self.batches(texts, cancel, ramp):
            yield from batch

    def batches(self, texts: list[str], cancel: Callable[[], bool] | None = None,
                ramp: bool = False, first: int = 0) -> Iterator[list[tuple[int, str]]]:
        """Yield [(index, translation), ...] batch by batch.

        ``texts[:first]`` (the rows on screen) are decoded before the others, in one pipeline
        with them: the workers never wait for the first rows to finish before going on. Within
        each group the segments go shortest first, so batches carry little padding. With
        ``ramp`` the first batch is one segment: the first row shows after one short decode.
        Checking ``cancel`` between batches bounds the wait after Cancel to the batches queued.
        """
        self.load()
        # Long segments are translated last, piece by piece as they are cut and encoded,
        # so memory stays that of one batch however long the segment.
        long = [i for i, t in enumerate(texts) if len(t) > MAX_PIECE_CHARS and t.strip()]
        short = [i for i, t in enumerate(texts) if len(t) <= MAX_PIECE_CHARS and t.strip()]
        tokens = {i: self.encode(texts[i]) for i in short}
        long += [i for i in short if len(tokens[i]) > MAX_PIECE_TOKENS]  # short, but many tokens
        fits = [i for i in short if len(tokens[i]) <= MAX_PIECE_TOKENS]
        groups = [sorted((i for i in fits if (i < first) == ahead), key=lambda i: len(tokens[i]))
                  for ahead in (True, False)]
        blank = [(i, "") for i, t in enumerate(texts) if not t.strip()]
        if blank:
            yield blank
        # One batch more in flight than there are workers: a worker that finishes takes the
        # queued one at once instead of idling while the results are handed on. Results are
        # yielded in order; after Cancel the batches already queued finish and are kept.
        depth = self.workers + 1
        in_flight: deque[tuple[list[int], list[Any]]] = deque()
        cancelled = False
        chunks = self._chunks([g for g in groups if g], [len(tokens[i]) for g in groups for i in g], ramp)
        for chunk in chunks:
            if cancel is not None and cancel():
                cancelled = True
                break
            in_flight.append((chunk, self.translate_tokens([tokens[i] for i in chunk], asynchronous=True)))
            if len(in_flight) >= depth:
                yield self._collect(*in_flight.popleft())
        while in_flight:
            yield self._collect(*in_flight.popleft())
        if cancelled:
            return
        for i in long:
            english = self._translate_long(texts[i], cancel)
            if english is None:
                return
            yield [(i, english)]

    def _chunks(self, groups: list[list[int]], lengths: list[int], ramp: bool) -> Iterator[list[int]]:
        """``groups`` in order, in batches of at most max_batch_tokens tokens and max_batch_size
        sentences; a batch never spans two groups.

        With ``ramp`` the first holds one sentence: it shows after one short decode while the
        next batch runs beside it. Each batch goes to the worker that frees first; a batch is
        sized to fill that worker up to the level where what is left would end on every worker
        at once (counted in sentences: beam search decodes each to its end), so near the end
        batches shrink and no worker decodes a last batch alone while the others idle.
        """
        most = max(1, self.batch_size)
        loads = [0] * self.workers  # sentences given to each worker so far
        left = sum(map(len, groups))
        at = 0  # position in ``lengths``
        for group in groups:
            start = 0
            while start < len(group):
                w = loads.index(min(loads))
                # The level L where sum(max(L - load, 0)) == left, workers filled from the lowest.
                level, filled = 0.0, sorted(loads)
                for k in range(len(filled), 0, -1):
                    level = (left + sum(filled[:k])) / k
                    if level >= filled[k - 1]:
                        break
                size = 1 if ramp and not at else max(1, min(most, ceil(level - loads[w] - 1e-9)))
                end, tokens = start, 0
                while end < len(group) and end - start < size and \
                        (end == start or tokens + lengths[at + end - start] <= self.batch_tokens):
                    tokens += lengths[at + end - start]
                    end += 1
                yield group[start:end]
                loads[w] += end - start
                left -= end - start
                at += end - start
                start = end

    def _collect(self, chunk: list[int], pending: list[Any]) -> list[tuple[int, str]]:
        return [(i, self.decode(r.result().hypotheses[0])) for i, r in zip(chunk, pending)]

    def _translate_long(self, text: str, cancel: Callable[[], bool] | None) -> str | None:
        """One long segment, a batch of pieces at a time; None when cancelled."""
        parts: list[str] = []
        batch: list[list[str]] = []
        for piece in chain(self.pieces(text), [None]):
            if piece is not None:
                batch.append(piece)
            full = len(batch) == self.batch_size or \
                sum(map(len, batch)) >= self.batch_tokens - MAX_PIECE_TOKENS
            if batch and (piece is None or full):
                if cancel is not None and cancel():
                    return None
                parts.extend(self.decode(r.hypotheses[0]) for r in self.translate_tokens(batch))
                batch = []
        return " ".join(p for p in parts if p)

    def pieces(self, text: str) -> Iterator[list[str]]:
        """The token lists ``text`` is translated in: one for a sentence, several for a long one."""
        for chunk in _split_text(text, MAX_PIECE_CHARS):
            tokens = self.encode(chunk)
            for start in range(0, len(tokens), MAX_PIECE_TOKENS):
                yield tokens[start:start + MAX_PIECE_TOKENS]

    def translate(self, texts: Iterable[str]) -> list[str]:
        texts = list(texts)
        out = [""] * len(texts)
        for i, text in self.stream(texts):
            out[i] = text
        return out

    def hypotheses(self, text: str, n: int) -> list[str]:
        """The n best distinct translations of one segment, best first."""
        if not text.strip():
            return []
        result = self.translate_tokens([self.encode(text)], num_hypotheses=n,
                                       beam_size=max(n, self.options.beam_size, 4))[0]
        seen: list[str] = []
        for hyp in result.hypotheses:
            value = self.decode(hyp)
            if value not in seen:
                seen.append(value)
        return seen
