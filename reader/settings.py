"""Every user setting, with its type and default, read and written through typed accessors.

A key is spelled once, here.  A stored value of the wrong type (``zoom=abc`` typed
into settings.ini) falls back to the default and is reported once, in one sentence.
The backend is anything with ``value(key)`` and ``setValue(key, value)``: the app
passes its QSettings, tests and the CLI a :class:`MemoryBackend`.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Callable, Generic, Protocol, TypeVar

T = TypeVar("T", bool, int, str)


class Backend(Protocol):
    def value(self, key: str) -> Any: ...  # noqa: E704

    def setValue(self, key: str, value: Any) -> None: ...  # noqa: N802,E704 - QSettings' spelling

    def sync(self) -> None: ...  # noqa: E704


@dataclass(frozen=True)
class Setting(Generic[T]):
    key: str
    type: type[T]
    default: T
    choices: tuple[T, ...] = ()
    bounds: tuple[int, int] | None = None


ZOOM = Setting("view/zoom", int, 0, bounds=(-6, 12))
LAST_DOCUMENT = Setting("library/last", str, "")
LAST_OPEN_DIR = Setting("files/last_dir", str, "")
EXPORT_DIR = Setting("files/export_dir", str, "")
AUTO_TRANSLATE = Setting("translation/auto", bool, True)
ENFORCE_TERMS = Setting("translation/terminology", bool, True)
BEAM = Setting("translation/beam", int, 4, choices=(1, 2, 4, 5))
THREADS = Setting("translation/threads", int, 0, choices=(0, 1, 2, 4))
SHOW_DIACRITICS = Setting("study/show_diacritics", bool, True)
TRANSLITERATION_LINE = Setting("study/transliteration_line", bool, False)
ADD_VOWELS = Setting("study/add_vowels", bool, False)
LAYOUT = Setting("study/layout", str, "side-by-side", choices=("side-by-side", "interlinear"))
THEME = Setting("study/theme", str, "light", choices=("light", "dark"))
LOOKUP_ON = Setting("study/lookup_on", str, "click", choices=("click", "hover"))
TRANSLITERATION_SCHEME = Setting("study/transliteration_scheme", str, "ala-lc")
VOCABULARY_PANEL = Setting("study/vocabulary_panel", bool, False)
GLOSS_LINE = Setting("study/gloss_line", bool, False)

ALL: tuple[Setting[Any], ...] = tuple(v for v in list(globals().values()) if isinstance(v, Setting))

_TRUE, _FALSE = ("true", "1", "yes", "on"), ("false", "0", "no", "off")


class Unusable(ValueError):
    pass


def parse(setting: Setting[T], raw: Any) -> T:
    """The stored value as the setting's type; raises Unusable when it cannot be one."""
    value: Any
    if setting.type is bool:
        if isinstance(raw, bool):
            value = raw
        elif str(raw).strip().lower() in _TRUE + _FALSE:
            value = str(raw).strip().lower() in _TRUE
        else:
            raise Unusable(raw)
    elif setting.type is int:
        if isinstance(raw, bool):
            raise Unusable(raw)
        try:
            value = int(str(raw).strip())
        except ValueError as exc:
            raise Unusable(raw) from exc
        if setting.bounds and not setting.bounds[0] <= value <= setting.bounds[1]:
            raise Unusable(raw)
    else:
        value = str(raw)
    if setting.choices and value not in setting.choices:
        raise Unusable(raw)
    return value


class MemoryBackend:
    def __init__(self, values: dict[str, Any] | None = None):
        self.values: dict[str, Any] = dict(values or {})

    def value(self, key: str) -> Any:
        return self.values.get(key)

    def setValue(self, key: str, value: Any) -> None:  # noqa: N802 - QSettings' spelling
        self.values[key] = value

    def sync(self) -> None:
        pass


@dataclass
class Settings:
    backend: Backend
    # Told once per key about a stored value that could not be used.
    report: Callable[[str], None] | None = None
    problems: list[str] = field(default_factory=list)
    _reported: set[str] = field(default_factory=set)

    def get(self, setting: Setting[T]) -> T:
        raw = self.backend.value(setting.key)
        if raw is None or raw == "":
            return setting.default
        try:
            return parse(setting, raw)
        except Unusable:
            if setting.key not in self._reported:
                self._reported.add(setting.key)
                message = (f"The setting {setting.key} holds “{raw}”, which is not usable; "
                           f"Bayan uses the default ({setting.default}).")
                self.problems.append(message)
                if self.report is not None:
                    self.report(message)
            return setting.default

    def set(self, setting: Setting[T], value: T) -> None:
        self.backend.setValue(setting.key, parse(setting, value))

    def sync(self) -> None:
        """Write to disk now (another window or process reads the file)."""
        self.backend.sync()

    def check_all(self) -> list[str]:
        """Read every setting once so that unusable values are reported at start-up."""
        for setting in ALL:
            self.get(setting)
        return list(self.problems)
