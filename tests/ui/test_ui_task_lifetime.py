"""A background task never keeps alive, or deletes twice, the object it belongs to."""
from __future__ import annotations

import gc
import weakref

from PySide6.QtCore import QCoreApplication, QEvent

from bench.open_large import synthetic_text
from reader.document import Document
from reader.session import DocumentSession
from reader.translation.engine import DecodeOptions
from reader.translation.service import TranslationService
from reader.ui.translation_controller import TranslationController


def test_a_translation_controller_is_freed_with_its_cancelled_task(qtbot, tiny_model):
    """Its task's handlers once owned it: the task's deferred deletion then freed the controller
    inside the task's destructor, which deleted the task again (the event-loop bench's segfault)."""
    service = TranslationService(tiny_model, options=DecodeOptions(beam_size=1), terminology=None)
    session = DocumentSession.open(Document.from_text(synthetic_text(400), doc_id="lifetime"))
    controller = TranslationController(service)   # no Qt parent: only Python holds it, as in the bench
    reports: list[int] = []
    controller.progress.connect(lambda done, total, rate: reports.append(done))
    controller.start(session)
    qtbot.waitUntil(lambda: bool(reports), timeout=60000)
    controller.close()    # the task is told to stop, has ended and deletes itself
    alive = weakref.ref(controller)
    del controller
    gc.collect()
    assert alive() is None
    QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
    QCoreApplication.processEvents()
    session.close()
