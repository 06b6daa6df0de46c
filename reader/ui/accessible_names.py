"""Names that screen readers announce for the window's lists, fields and tables.

Buttons and actions are named by their text; these widgets have no text of their own.
Panels are made by several features, so the names are given here, by object name, once
every feature is installed.
"""
from __future__ import annotations

from typing import Any

from PySide6.QtWidgets import QWidget

from reader.ui.context import AppContext

NAMES = {
    "glossaryTerms": "Glossary terms",
    "glossaryConcordance": "Concordance: where the selected term occurs",
    "searchQuery": "Search all open documents",
    "searchResults": "Search results",
    "findField": "Find in this document",
    "vocabularyFilter": "Show vocabulary words",
    "vocabularyTable": "Saved vocabulary",
    "translationProgress": "Translation progress",
    "statusCounts": "Segments by status",
    "messageBar": "Message",
    "documentHeader": "Document title",
}


def name_widgets(window: QWidget) -> list[QWidget]:
    """Give each known widget its name (unless it has one); returns the widgets named."""
    named = []
    for widget in window.findChildren(QWidget):
        name = NAMES.get(widget.objectName())
        if name and not widget.accessibleName():
            widget.setAccessibleName(name)
            named.append(widget)
    return named


def install(window: Any, context: AppContext) -> list[QWidget]:
    return name_widgets(window)
