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


def test_a_controller_freed_while_its_dropped_run_still_decodes(qtbot, tiny_model, monkeypatch):
    """A dropped run is no longer its controller's child: freeing the controller (or the window)
    meanwhile never destroys a running thread ("QThread: Destroyed while thread is still running")."""
    from reader.ui.task import abandoned
    from tests.ui.test_ui_translation_replaced import HeldBatch

    hold = HeldBatch(monkeypatch)
    service = TranslationService(tiny_model, options=DecodeOptions(beam_size=1, max_batch_size=2), terminology=None)
    session = DocumentSession.open(Document.from_text(synthetic_text(40), doc_id="dropped"))
    controller = TranslationController(service)
    controller.start(session)
    qtbot.waitUntil(hold.held.is_set, timeout=60000)
    controller.drop()
    alive = weakref.ref(controller)
    del controller
    gc.collect()
    assert alive() is None and abandoned() == 1
    hold.release.set()
    qtbot.waitUntil(lambda: abandoned() == 0, timeout=30000)
    session.close()
