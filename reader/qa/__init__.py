"""Quality checks over a bilingual file: one small module per family of problems (Qt-free).

:func:`reader.qa.runner.run_checks` runs every check in :data:`reader.qa.runner.CHECKS`
over :class:`reader.qa.model.Unit`s read from a document's session or from a TMX/XLIFF
file; the QA panel, ``bayan qa`` and the benchmark all go through it.
"""
