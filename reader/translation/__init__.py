"""Offline Arabic->English machine translation (Qt-free).

Argos packages are discovered and installed by :mod:`.packages`, downloaded only on request
by :mod:`.download`, decoded in batches by :mod:`.engine`, remembered by :mod:`.cache`;
:mod:`.service` is what the rest of the application talks to.
"""
from reader.translation.service import TranslationCancelled, TranslationService, default_service

__all__ = ["TranslationService", "TranslationCancelled", "default_service"]
