"""The error of a model package that cannot be used, apart so the engine needs no package code."""
from __future__ import annotations


class PackageError(Exception):
    """A package cannot be used or installed; the message is meant for the user."""
