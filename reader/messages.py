"""Status-bar messages, in one place so that wording stays consistent (``str.format`` fields)."""
from __future__ import annotations

OPENED = "{segments} in {paragraphs}"  # counted words: reader.plural.count
OPENING = "Opening {name}…"
OPENING_CANCELLED = "Opening cancelled; the document you were reading stays open."
NOTHING_TO_APPROVE = "Nothing to approve: this segment has no English yet."
NOTHING_TO_UNDO = "Nothing to undo."
NOTHING_TO_REDO = "Nothing to redo."
UNDONE = "Undone: segment {row}."
REDONE = "Redone: segment {row}."
TRANSLATION_ENDED = "Translation {word}{rate}"
TRANSLATION_FAILED = "Translation failed: {error}"
LOADING_MODEL = "Loading model…"
CANCELLING = "Cancelling…"
RATE = "{rate:.1f} sentences/s"
TRANSLATING_ROW = "Translating…"   # a row's English while its document is being translated
GLOSSARY_IMPORT_FAILED = "Could not import the glossary: {error}"
GLOSSARY_EXPORT_FAILED = "Could not export the glossary: {error}"
FINDING_ALTERNATIVES = "Finding alternative translations…"
NO_ALTERNATIVES = "No other translation found"
ALTERNATIVE_STALE = "The segment changed meanwhile; the alternative was not used."
TERM_ADDED = "Added “{headword}” — {english} to your glossary"
TERMS_IMPORTED = "Imported {count}"
TERMS_EXPORTED = "Exported {count} to {path}"
STYLE_APPLIED = "House style {style}: {count} machine segment{s} updated; your own English was left alone."
MIXED_STYLES = ("This document mixes house styles in its English ({styles}); "
                "Tools ▸ Glossary ▸ House Style sets one for machine output.")
WORD_SAVED = "Saved {word} to your vocabulary"
SELECT_SEGMENT_TO_LISTEN = "Select a segment to listen to."
NO_ENGLISH_YET = "This segment has no English yet."

NOT_SAVED_TAIL = "Bayan keeps them and tries again every few seconds and with your next change."
NOT_SAVED = "{count} change{s} not saved yet: {reason} " + NOT_SAVED_TAIL
ALIGNMENT_FAILED = "Words cannot be linked across the languages in this session: {error}"
UNTRANSLATED_NOT_IGNORED = "Segments with no English are not ignored: translate them."
