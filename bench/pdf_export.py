"""How much of a bilingual PDF's text comes back out: Bayan's fpdf2 writer against Qt's QPdfWriter.

    python -m bench.pdf_export [N]

Exports the first N (default 200) FLORES dev sentence pairs (real news Arabic
with English) both ways, extracts each PDF with poppler's pdftotext and with
pypdf, and prints per language the share of characters that come back
(normalised: NFKC, no bidi controls, no spaces) and of words that come back
whole, plus the time each writer took. Bayan's target is ≥ 99 % of both, from
both extractors (pypdf reads the content stream in order, pdftotext sorts
glyphs by position: a line's runs must be in reading order AND in place).
"""
from __future__ import annotations

import difflib
import re
import shutil
import subprocess
import sys
import tempfile
import time
import unicodedata
from pathlib import Path

ARABIC_RE = re.compile(r"[\u0600-\u06ff\u0750-\u077f\ufb50-\ufdff\ufe70-\ufeff]")


def _chars(text: str, arabic: bool) -> str:
    text = unicodedata.normalize("NFKC", text)
    return "".join(ch for ch in text if not ch.isspace() and unicodedata.category(ch) != "Cf"
                   and bool(ARABIC_RE.match(ch)) == arabic)


def _words(text: str, arabic: bool) -> list[str]:
    text = unicodedata.normalize("NFKC", "".join(ch for ch in text if unicodedata.category(ch) != "Cf"))
    return [w for w in re.findall(r"\w+", text) if bool(ARABIC_RE.search(w)) == arabic]


def char_ratio(expected: str, extracted: str, arabic: bool) -> float:
    """Share of ``expected``'s characters (of one script) found, in order, in ``extracted``."""
    want, got = _chars(expected, arabic), _chars(extracted, arabic)
    if not want:
        return 1.0
    matcher = difflib.SequenceMatcher(None, want, got, autojunk=False)
    return sum(b.size for b in matcher.get_matching_blocks()) / len(want)


def word_ratio(expected: str, extracted: str, arabic: bool) -> float:
    """Share of ``expected``'s words (of one script) that come back whole."""
    want = _words(expected, arabic)
    got: dict[str, int] = {}
    for w in _words(extracted, arabic):
        got[w] = got.get(w, 0) + 1
    found = 0
    for w in want:
        if got.get(w, 0):
            got[w] -= 1
            found += 1
    return found / len(want) if want else 1.0


def pdftotext(path: Path) -> str | None:
    """The text poppler extracts, or None where poppler-utils is not installed."""
    if shutil.which("pdftotext") is None:
        return None
    done = subprocess.run(["pdftotext", "-enc", "UTF-8", str(path), "-"], capture_output=True, check=True)
    return done.stdout.decode("utf-8")


def pypdf_text(path: Path) -> str:
    from pypdf import PdfReader

    return "\n".join(page.extract_text() or "" for page in PdfReader(str(path)).pages)


def _document(n: int):
    from bench._shared import flores_lines
    from reader.exchange import BilingualDocument, Unit

    ar, en = flores_lines("flores-dev.ar")[:n], flores_lines("flores-dev.en")[:n]
    units = tuple(Unit(i, a, e, "machine", "sentence", i // 3) for i, (a, e) in enumerate(zip(ar, en)))
    return BilingualDocument("flores-dev", "", units)


def _qt_pdf(doc, path: Path) -> None:
    from PySide6.QtCore import QMarginsF
    from PySide6.QtGui import QPageLayout, QPageSize, QPdfWriter, QTextDocument
    from PySide6.QtWidgets import QApplication

    from reader.exchange.html_export import write_html

    _app = QApplication.instance() or QApplication([])
    page = QTextDocument()
    page.setHtml(write_html([doc]).decode("utf-8"))
    writer = QPdfWriter(str(path))
    writer.setPageSize(QPageSize(QPageSize.A4))
    writer.setPageMargins(QMarginsF(15, 15, 15, 15), QPageLayout.Millimeter)
    page.print_(writer)
    del writer


def main() -> None:
    from reader.exchange.pdf_export import write_pdf

    n = int(sys.argv[1]) if len(sys.argv) > 1 else 200
    doc = _document(n)
    arabic = "\n".join(u.source for u in doc.units)
    english = "\n".join(u.target or "" for u in doc.units)
    with tempfile.TemporaryDirectory() as tmp:
        writers = {
            "Qt QPdfWriter (baseline)": lambda p: _qt_pdf(doc, p),
            "fpdf2 + HarfBuzz (Bayan)": lambda p: p.write_bytes(write_pdf([doc])),
        }
        print(f"{n} FLORES dev sentence pairs; share of characters / whole words extracted back")
        for name, write in writers.items():
            path = Path(tmp) / "out.pdf"
            start = time.perf_counter()
            write(path)
            took = time.perf_counter() - start
            print(f"{name}: written in {took:.1f} s, {path.stat().st_size // 1024} KiB")
            for tool, text in (("pdftotext", pdftotext(path)), ("pypdf", pypdf_text(path))):
                if text is None:
                    print(f"  {tool}: not installed")
                    continue
                shares = (char_ratio(arabic, text, True), word_ratio(arabic, text, True),
                          char_ratio(english, text, False), word_ratio(english, text, False))
                print(f"  {tool:9}  Arabic chars {shares[0]:6.1%}  words {shares[1]:6.1%}"
                      f"   English chars {shares[2]:6.1%}  words {shares[3]:6.1%}"
                      f"   {'≥ 99 %' if min(shares) >= 0.99 else 'below 99 %'}")


if __name__ == "__main__":
    main()
