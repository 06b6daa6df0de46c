"""Rewrite short PySide6 enum names (``Qt.AlignRight``) to the scoped ones the stubs declare
(``Qt.AlignmentFlag.AlignRight``), where mypy reports them.

    PYTHONPATH=$PWD mypy | python tools/qt_enum_names.py [PATH_PREFIX ...]

Reads mypy's ``"type[X]" has no attribute "Y"`` errors, finds the enum of class X that holds
member Y, and rewrites ``X.Y`` on that line; anything it cannot resolve is listed on stderr.
"""
from __future__ import annotations

import enum
import re
import sys
from collections import defaultdict
from pathlib import Path

from PySide6 import QtCore, QtGui, QtWidgets

ERROR = re.compile(r'^(\S+\.py):(\d+): error: "type\[(\w+)\]" has no attribute "(\w+)"')


def scoped(cls_name: str, member: str) -> str | None:
    cls = next((getattr(m, cls_name) for m in (QtCore, QtGui, QtWidgets) if hasattr(m, cls_name)), None)
    for name in dir(cls) if cls is not None else ():
        sub = getattr(cls, name, None)
        if isinstance(sub, type) and issubclass(sub, enum.Enum) and member in sub.__members__:
            return f"{cls_name}.{name}.{member}"
    return None


def main(prefixes: list[str]) -> int:
    fixes: dict[str, set[tuple[int, str, str, str]]] = defaultdict(set)
    for line in sys.stdin:
        m = ERROR.match(line)
        if not m or (prefixes and not m.group(1).startswith(tuple(prefixes))):
            continue
        path, lineno, cls_name, member = m.groups()
        target = scoped(cls_name, member)
        if target is None:
            print(f"{path}:{lineno}: no enum of {cls_name} holds {member}", file=sys.stderr)
        else:
            fixes[path].add((int(lineno), cls_name, member, target))
    for path, items in fixes.items():
        lines = Path(path).read_text(encoding="utf-8").split("\n")
        for lineno, cls_name, member, target in items:
            lines[lineno - 1] = re.sub(rf"(?<![\w.]){cls_name}\.{member}\b", target, lines[lineno - 1])
        Path(path).write_text("\n".join(lines), encoding="utf-8")
        print(f"{path}: {len(items)} names")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
