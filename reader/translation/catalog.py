"""The Arabic→English models Bayan knows about, and the user's choice among them (Qt-free).

The catalog is data (``resources/models/catalog.json``): per model its id, tier, format
(Argos package or Marian release), download links, size, checksum when the publisher gives
one, licence with the attribution it requires, quality figures, each with its test set and
source (a publisher's page, or "measured here" by ``python -m bench.quality``), and whether it
was trained with guided alignment (one attention head taught to align words:
``reader.align.model`` then gives links that are not approximate).
Publishers of Marian releases give no checksum, so the SHA-256 of the first download is
recorded in the user's ``models.json`` and later downloads are checked against it. The same
file holds the default model, so the CLI and the window agree on it.
"""
from __future__ import annotations

import json
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

from reader.atomic import write_text
from reader.paths import data_dir, resources_dir
from reader.translation.packages import InstalledModel, installed_models

CHOICES_FILE = "models.json"


class CatalogError(Exception):
    """The catalog cannot be read or names no such model; the message is meant for the user."""


@dataclass(frozen=True)
class Score:
    """One quality figure with where it comes from: a publisher's page, or measured here."""
    test_set: str
    bleu: float | None
    chrf: float | None  # sacrebleu's 0-100 scale (publishers printing 0-1 are scaled)
    basis: str  # "published" or "measured here"
    source: str
    url: str | None

    def summary(self) -> str:
        parts = [f"BLEU {self.bleu}" if self.bleu is not None else "",
                 f"chrF {self.chrf:.1f}" if self.chrf is not None else ""]
        return f"{', '.join(p for p in parts if p)} ({self.test_set}, {self.basis})"

    def citation(self) -> str:
        return f"{self.summary()}: {self.source}" + (f" — {self.url}" if self.url else "")


@dataclass(frozen=True)
class Licence:
    id: str | None
    url: str
    source: str  # where the licence is stated
    attribution: str


@dataclass(frozen=True)
class CatalogModel:
    id: str
    name: str
    tier: str
    format: str  # "argos" or "marian"
    installed_code: str
    release: str
    urls: tuple[str, ...]
    download_size: int | None
    installed_size_mb: int | None
    installed_size_source: str
    sha256: str | None
    sha256_source: str
    license: Licence
    quality: tuple[Score, ...]
    guided_alignment: str = "unknown"  # "yes", "no" or "unknown" (treated as "no")
    guided_alignment_source: str = ""

    def headline(self) -> str:
        """The figure to compare models by: a published FLORES score, else what was measured here."""
        flores = [q for q in self.quality if q.test_set.startswith("FLORES")]
        published = [q for q in flores if q.basis == "published"]
        if published:
            return published[0].summary()
        # Short enough for the Models dialog's column at 1024 px; the details say the rest.
        return "not published" + (f"; BLEU {flores[0].bleu} {flores[0].basis} ({flores[0].test_set.split()[0]})"
                                  if flores else "")

    def installed(self, models: list[InstalledModel] | None = None) -> InstalledModel | None:
        for model in installed_models() if models is None else models:
            if self.installed_code in (model.code, model.name):
                return model
        return None

    def size_text(self) -> str:
        if self.download_size:
            return f"{self.download_size / 1e6:.0f} MB download"
        return f"~{self.installed_size_mb} MB installed" if self.installed_size_mb else "size unknown"


@dataclass(frozen=True)
class Catalog:
    models: tuple[CatalogModel, ...]
    default: str

    def get(self, model_id: str) -> CatalogModel:
        for entry in self.models:
            if model_id in (entry.id, entry.installed_code):
                return entry
        known = ", ".join(m.id for m in self.models)
        raise CatalogError(f"The catalog has no model “{model_id}” (it lists: {known}).")

    def for_release(self, filename: str) -> CatalogModel | None:
        """The catalog entry a downloaded or picked file is the release of, by its name."""
        for entry in self.models:
            if filename == entry.release:
                return entry
        return None


def catalog_path() -> Path:
    return resources_dir() / "models" / "catalog.json"


def load_catalog(path: Path | None = None) -> Catalog:
    path = path or catalog_path()
    try:
        raw = json.loads(path.read_text(encoding="utf-8"))
        models = tuple(_entry(e) for e in raw["models"])
        return Catalog(models, str(raw.get("default") or models[0].id))
    except (OSError, ValueError, KeyError, TypeError, IndexError) as exc:
        raise CatalogError(f"The model catalog {path} cannot be read ({exc}).") from exc


def _entry(e: dict[str, Any]) -> CatalogModel:
    fields = dict(e)
    fields["urls"] = tuple(e["urls"])
    fields["license"] = Licence(**e["license"])
    fields["quality"] = tuple(Score(**q) for q in e["quality"])
    return CatalogModel(**fields)


# -- the user's choices: default model and recorded checksums ---------------------------------

def _choices() -> dict[str, Any]:
    try:
        value = json.loads((data_dir() / CHOICES_FILE).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return value if isinstance(value, dict) else {}


def _save_choices(choices: dict[str, Any]) -> None:
    write_text(data_dir() / CHOICES_FILE, json.dumps(choices, indent=2, ensure_ascii=False) + "\n")


def recorded_sha256(model_id: str) -> str | None:
    value = _choices().get("sha256", {})
    found = value.get(model_id) if isinstance(value, dict) else None
    return found if isinstance(found, str) else None


def record_sha256(model_id: str, digest: str) -> None:
    choices = _choices()
    found = choices.get("sha256")
    recorded: dict[str, Any] = found if isinstance(found, dict) else {}
    recorded[model_id] = digest
    choices["sha256"] = recorded
    _save_choices(choices)


def expected_sha256(entry: CatalogModel) -> str | None:
    """The publisher's checksum, else the one recorded at this profile's first download."""
    return entry.sha256 or recorded_sha256(entry.id)


def default_model_name() -> str | None:
    """The installed model (folder name) the user made the default, if any."""
    value = _choices().get("default")
    return value if isinstance(value, str) and value else None


def set_default_model(name: str) -> None:
    choices = _choices()
    choices["default"] = name
    _save_choices(choices)


def document_model_name(doc_id: str) -> str | None:
    """The model chosen for one document (None: the default model)."""
    value = _choices().get("documents", {})
    found = value.get(doc_id) if isinstance(value, dict) else None
    return found if isinstance(found, str) else None


def set_document_model(doc_id: str, name: str | None) -> None:
    choices = _choices()
    found = choices.get("documents")
    documents: dict[str, Any] = found if isinstance(found, dict) else {}
    if name is None:
        documents.pop(doc_id, None)
    else:
        documents[doc_id] = name
    choices["documents"] = documents
    _save_choices(choices)


def model_for_document(doc_id: str | None, models: list[InstalledModel] | None = None) -> InstalledModel | None:
    """The document's own model if it is still installed, else the default model."""
    models = installed_models() if models is None else models
    wanted = document_model_name(doc_id) if doc_id else None
    for model in models:
        if wanted in (model.name, model.code):
            return model
    return default_model(models)


def default_model(models: list[InstalledModel] | None = None) -> InstalledModel | None:
    """The default installed model: the user's choice, else the catalog's, else the first one."""
    models = installed_models() if models is None else models
    if not models:
        return None
    wanted = default_model_name()
    for model in models:
        if wanted in (model.name, model.code):
            return model
    try:
        listed = load_catalog()
        preferred = listed.get(listed.default).installed(models)
    except CatalogError:
        preferred = None
    return preferred or models[0]


def guided_alignment(model: InstalledModel, catalog: Catalog | None = None) -> str:
    """"yes", "no" or "unknown": was ``model`` trained to align words (its catalog entry says)."""
    try:
        catalog = catalog or load_catalog()
    except CatalogError:
        return "unknown"
    entry = next((e for e in catalog.models if e.installed([model]) is not None), None)
    value = entry.guided_alignment if entry is not None else "unknown"
    return value if value in ("yes", "no") else "unknown"


def rows(catalog: Catalog | None = None) -> list[dict[str, Any]]:
    """One record per catalog model, as `bayan models catalog --json` prints them."""
    catalog = catalog or load_catalog()
    models = installed_models()
    default = default_model(models)
    out = []
    for entry in catalog.models:
        installed = entry.installed(models)
        record = asdict(entry)
        record["urls"] = list(entry.urls)
        record["quality_headline"] = entry.headline()
        record["size_text"] = entry.size_text()
        record["sha256"] = expected_sha256(entry)
        record["sha256_recorded_here"] = entry.sha256 is None and record["sha256"] is not None
        record["installed"] = installed is not None
        record["installed_as"] = installed.name if installed else None
        record["default"] = installed is not None and default is not None and installed.path == default.path
        out.append(record)
    return out
