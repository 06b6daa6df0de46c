"""Bayan: an offline, bilingual Arabic-English reading companion."""

__version__ = "0.1.0"
