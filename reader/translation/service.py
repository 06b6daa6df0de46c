"""The translation API the rest of Bayan codes against.

    service = default_service()
    service.available()            # is a model installed?
    service.cached(texts)          # instant: list of str or None, works without a model
    service.translate(texts, progress=..., cancel=...)   # cached + batched
    service.alternatives(text, n=3)
"""
from __future__ import annotations

import logging
from typing import Callable, Iterator

from reader import plural
from reader.translation.cache import TranslationCache
from reader.translation.engine import DecodeOptions, Engine
from reader.translation.packages import InstalledModel

log = logging.getLogger(__name__)

NO_MODEL_MESSAGE = ("No translation model installed — Tools ▸ Models… to install one from a file "
                    "or download it")


class TranslationCancelled(Exception):
    """translate() was cancelled; what was finished before is in the cache."""


class NoModelInstalled(RuntimeError):
    def __init__(self):
        super().__init__(NO_MODEL_MESSAGE)


class TranslationService:
    def __init__(self, model: InstalledModel | None, cache: TranslationCache | None = None,
                 options: DecodeOptions | None = None, terminology="auto"):
        self.model = model
        self.options = options or DecodeOptions()
        self.cache = cache or TranslationCache()
        self.engine = Engine(model, self.options) if model else None
        if terminology == "auto":
            try:
                from reader.translation.terminology import Terminology

                terminology = Terminology.load()
            except Exception:  # noqa: BLE001 - a broken glossary must not stop translation
                log.exception("Glossary unavailable; translating without terminology")
                terminology = None
        self.terminology = terminology
        self._key: tuple[str, str] | None = None

    # -- state -----------------------------------------------------------------------------
    def available(self) -> bool:
        return self.model is not None

    @property
    def model_name(self) -> str:
        return self.model.label if self.model else ""

    def cache_key(self) -> tuple[str, str]:
        if self._key is None:
            if self.model is None:
                raise NoModelInstalled()
            terms = f";terms={self.terminology.fingerprint()}" if self.terminology else ""
            self._key = (self.model.identity(), self.options.key() + terms)
        return self._key

    # -- translating -----------------------------------------------------------------------
    def cached(self, texts: list[str]) -> list[str | None]:
        texts = list(texts)
        if self.model is None:
            return self.cache.latest_many(texts)
        return self.cache.get_many(*self.cache_key(), texts)

    def stream(self, texts: list[str], cancel: Callable[[], bool] | None = None,
               ramp: bool = False, first: int = 0) -> Iterator[tuple[int, str]]:
        """Yield (index, translation): cached ones first, then as batches finish.

        Identical segments are decoded once. Stops quietly when ``cancel()`` turns true.
        ``texts[:first]`` (rows on screen) are decoded before the rest; ``ramp``: the first
        batch is one segment, so the first result comes fast.
        """
        for batch in self.batches(texts, cancel, ramp, first):
            yield from batch

    def batches(self, texts: list[str], cancel: Callable[[], bool] | None = None,
                ramp: bool = False, first: int = 0,
                known: list[str | None] | None = None) -> Iterator[list[tuple[int, str]]]:
        """``stream`` in the lists it becomes available in: everything cached (and blank) at
        once, then one list per decoded batch, so a caller can hand results on in bulk.
        ``known``: ``cached(texts)`` when the caller has already looked it up."""
        texts = list(texts)
        known = self.cached(texts) if known is None else known
        ready: list[tuple[int, str]] = []
        todo: dict[str, list[int]] = {}
        for i, (text, hit) in enumerate(zip(texts, known)):
            if hit is not None:
                ready.append((i, hit))
            elif not text.strip():
                ready.append((i, ""))
            else:
                todo.setdefault(text, []).append(i)
        if ready:
            yield ready
        if not todo:
            return
        if self.engine is None:
            raise NoModelInstalled()
        sources = list(todo)
        ahead = sum(rows[0] < first for rows in todo.values())  # a prefix: todo is in row order
        for batch in self.engine.batches(sources, cancel, ramp, ahead):
            english = [e for _, e in batch]
            if self.terminology is not None:
                english = self.terminology.enforce_many(self.engine, [sources[j] for j, _ in batch], english)
            self.cache.put_many(*self.cache_key(), [(sources[j], e) for (j, _), e in zip(batch, english)])
            yield [(i, e) for (j, _), e in zip(batch, english) for i in todo[sources[j]]]

    def translate(self, texts: list[str], progress: Callable[[int, int], None] | None = None,
                  cancel: Callable[[], bool] | None = None) -> list[str]:
        texts = list(texts)
        out: list[str | None] = [None] * len(texts)
        done = 0
        for i, english in self.stream(texts, cancel):
            out[i] = english
            done += 1
            if progress:
                progress(done, len(texts))
        if done < len(texts):
            raise TranslationCancelled(f"cancelled after {done} of {plural.count(len(texts), 'segment')}")
        return out  # type: ignore[return-value]

    def alternatives(self, text: str, n: int = 3, shown: str | None = None) -> list[str]:
        """Up to n translations other than ``shown`` (default: the cached one), best first."""
        if self.engine is None:
            raise NoModelInstalled()
        shown = shown if shown is not None else self.cached([text])[0]
        hyps = self.engine.hypotheses(text, n + 1)
        if self.terminology is not None:
            return self.terminology.alternatives(self.engine, text, hyps, shown, n)
        if shown is None and hyps:
            shown = hyps[0]
        return [h for h in hyps if h != shown][:n]


def default_service(options: DecodeOptions | None = None, cache: TranslationCache | None = None,
                    terminology="auto", doc_id: str | None = None) -> TranslationService:
    """A service on the document's model or the default one (see catalog), or a cache-only one."""
    from reader.translation.catalog import model_for_document

    return TranslationService(model_for_document(doc_id), cache=cache, options=options, terminology=terminology)
