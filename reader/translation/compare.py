"""Compare models: one segment's English from every other installed model (Qt-free).

Each model gets its own service over the shared cache, so what a model translated before is
answered from the cache (keyed by that model's identity) and only new text is decoded.
"""
from __future__ import annotations

from pathlib import Path

from reader.translation.cache import TranslationCache
from reader.translation.engine import DecodeOptions
from reader.translation.packages import InstalledModel, installed_models
from reader.translation.service import TranslationService


class ModelComparison:
    """Keeps one loaded service per model between comparisons (loading is the slow part)."""

    def __init__(self, cache: TranslationCache, options: DecodeOptions | None = None, terminology=None):
        self.cache = cache
        self.options = options
        self.terminology = terminology
        self._services: dict[Path, TranslationService] = {}

    def others(self, current: InstalledModel | None) -> list[InstalledModel]:
        return [m for m in installed_models() if current is None or m.path != current.path]

    def compare(self, text: str, current: InstalledModel | None) -> list[tuple[InstalledModel, str]]:
        """(model, English) for every installed model other than ``current``, in list order."""
        out = []
        for model in self.others(current):
            service = self._services.get(model.path)
            if service is None:
                service = TranslationService(model, cache=self.cache, options=self.options,
                                             terminology=self.terminology)
                self._services[model.path] = service
            out.append((model, service.translate([text])[0]))
        return out
