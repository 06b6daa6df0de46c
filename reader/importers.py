"""Opening the files translators receive (.txt, .md, .html, .docx, .pdf) as Documents.

Each format is read with a well-kept library and reduced to plain text with one
paragraph per line, which is what the segmenter expects.  Anything that cannot
be read raises :class:`reader.textfile.UnreadableFile` with a message for the
user.  Every step is linear in the size of the input so that a 50 MB file only
costs time in the loader thread, never a frozen window.
"""
from __future__ import annotations

import hashlib
import re
import unicodedata
import zipfile
from dataclasses import dataclass
from pathlib import Path

from reader.document import Document
from reader.textfile import UnreadableFile, decode_bytes, read_bytes

TEXT_SUFFIXES = (".txt", ".text", ".md", ".markdown")
HTML_SUFFIXES = (".html", ".htm", ".xhtml")
SUPPORTED_SUFFIXES = (*TEXT_SUFFIXES, *HTML_SUFFIXES, ".docx", ".pdf")
# For file dialogs.
FILE_FILTER = "Documents (" + " ".join(f"*{s}" for s in SUPPORTED_SUFFIXES) + ")"

# Elements whose content is not reading text.
_HTML_SKIP = ("script", "style", "noscript", "template", "head", "svg", "math", "iframe", "object")
# Block elements: their text starts a new paragraph.
_HTML_BLOCKS = (
    "p", "div", "br", "li", "dt", "dd", "h1", "h2", "h3", "h4", "h5", "h6", "tr", "td", "th",
    "blockquote", "pre", "section", "article", "header", "footer", "aside", "nav", "main",
    "figcaption", "caption", "table", "ul", "ol", "dl", "hr", "address", "summary", "details",
)
_SPACES_RE = re.compile(r"[ \t\u00a0\u2000-\u200a\u202f\u205f\u3000]+")
# Arabic presentation forms (what many PDFs carry) fold back to plain letters with NFKC.
_PRESENTATION_RE = re.compile(r"[\ufb00-\ufb06\ufb50-\ufdff\ufe70-\ufefe]+")


@dataclass(frozen=True)
class ImportedText:
    text: str
    title: str
    kind: str  # "text" | "markdown" | "html" | "docx" | "pdf"
    encoding: str = ""


def doc_id_for(text: str) -> str:
    """A stable id from the content: the same text always maps to the same project."""
    digest = hashlib.sha256(unicodedata.normalize("NFC", text).encode("utf-8")).hexdigest()
    return f"doc_{digest[:16]}"


def document_from_text(text: str, title: str = "", doc_id: str | None = None) -> Document:
    """A document from pasted or extracted text; raises UnreadableFile if there is none."""
    text = _tidy(text)
    if not text.strip():
        raise UnreadableFile("There is no text to open.")
    if not title:
        first = next((ln.strip() for ln in text.splitlines() if ln.strip()), "")
        title = first[:60] + ("…" if len(first) > 60 else "")
    return Document.from_text(text, doc_id=doc_id or doc_id_for(text), title=title)


def load_document(path: str | Path) -> Document:
    """Open any supported file as a Document (id from the content, title from the file).

    A file of the bundled library keeps its library id, so the command line
    and the app share its project."""
    entry = _library_entry(Path(path))
    if entry is not None:
        return entry.load()
    imported = extract_text(path)
    return document_from_text(imported.text, title=imported.title or Path(path).stem)


def _library_entry(path: Path):
    from reader.corpus import CorpusError, load_manifest
    from reader.paths import corpus_dir

    try:
        if path.resolve().parent != corpus_dir().resolve():
            return None
        return next((e for e in load_manifest() if e.path.resolve() == path.resolve()), None)
    except (OSError, CorpusError):
        return None


def extract_text(path: str | Path) -> ImportedText:
    path = Path(path)
    suffix = path.suffix.lower()
    if suffix not in SUPPORTED_SUFFIXES:
        kinds = ", ".join(SUPPORTED_SUFFIXES)
        raise UnreadableFile(f"{path.name}: Bayan cannot open {suffix or 'files without an extension'} "
                             f"files. It opens {kinds}.")
    data = read_bytes(path)
    if suffix in (".md", ".markdown"):
        decoded = decode_bytes(data, path.name)
        return ImportedText(markdown_to_text(decoded.text), "", "markdown", decoded.encoding)
    if suffix in TEXT_SUFFIXES:
        decoded = decode_bytes(data, path.name)
        return ImportedText(decoded.text, "", "text", decoded.encoding)
    if suffix in HTML_SUFFIXES:
        decoded = decode_bytes(data, path.name)
        text, title = html_to_text(decoded.text)
        return _non_empty(ImportedText(text, title, "html", decoded.encoding), path)
    if suffix == ".docx":
        return _non_empty(_docx_text(data, path.name), path)
    return _non_empty(_pdf_text(data, path.name), path)


def _non_empty(imported: ImportedText, path: Path) -> ImportedText:
    if not imported.text.strip():
        hint = " (it may be a scanned image without a text layer)" if imported.kind == "pdf" else ""
        raise UnreadableFile(f"{path.name} contains no text{hint}.")
    return imported


def _tidy(text: str, blank_lines: bool = True) -> str:
    """One paragraph per line, no stray spaces at line ends, and at most single blank
    lines (none at all for formats whose blank lines are only markup)."""
    if _PRESENTATION_RE.search(text):
        text = _PRESENTATION_RE.sub(lambda m: unicodedata.normalize("NFKC", m.group()), text)
    text = text.replace("\r\n", "\n").replace("\r", "\n").lstrip("\ufeff")
    lines = [_SPACES_RE.sub(" ", ln).strip() for ln in text.split("\n")]
    out: list[str] = []
    for ln in lines:
        if ln or (blank_lines and out and out[-1]):
            out.append(ln)
    return "\n".join(out).strip("\n") + "\n" if out else ""


def html_to_text(markup: str) -> tuple[str, str]:
    """Visible text of an HTML page, one block per line; and its <title>."""
    from bs4 import BeautifulSoup

    soup = BeautifulSoup(markup, "lxml")
    title = soup.title.get_text(" ", strip=True) if soup.title else ""
    for tag in soup.find_all(_HTML_SKIP):
        tag.decompose()
    for tag in soup.find_all(_HTML_BLOCKS):
        tag.insert_before("\n")
        tag.insert_after("\n")
    # Inside a block, line breaks in the source are just spaces.
    parts = [_SPACES_RE.sub(" ", s.replace("\n", " ")) if s != "\n" else "\n"
             for s in soup.find_all(string=True) if not _is_comment(s)]
    return _tidy("".join(parts), blank_lines=False), title


def _is_comment(node) -> bool:
    from bs4 import Comment, Declaration, Doctype, ProcessingInstruction

    return isinstance(node, (Comment, Declaration, Doctype, ProcessingInstruction))


def markdown_to_text(source: str) -> str:
    """Markdown rendered (markdown-it) and reduced to its text, so '#', '**' and links vanish."""
    from markdown_it import MarkdownIt

    html = MarkdownIt("commonmark", {"html": False}).render(source)
    return html_to_text(html)[0]


def _docx_text(data: bytes, name: str) -> ImportedText:
    import io

    import docx
    from docx.table import Table

    try:
        document = docx.Document(io.BytesIO(data))
    except (zipfile.BadZipFile, KeyError, ValueError) as exc:
        raise UnreadableFile(f"{name} is not a valid Word (.docx) document.") from exc
    except Exception as exc:  # python-docx raises assorted errors on damaged parts
        raise UnreadableFile(f"{name} could not be read as a Word document: {exc}.") from exc
    lines: list[str] = []

    def walk(container) -> None:
        for block in container.iter_inner_content():
            if isinstance(block, Table):
                for row in block.rows:
                    for cell in row.cells:
                        walk(cell)
            else:
                lines.append(block.text)

    walk(document)
    title = (document.core_properties.title or "").strip()
    return ImportedText(_tidy("\n".join(lines), blank_lines=False), title, "docx")


def _pdf_text(data: bytes, name: str) -> ImportedText:
    import io
    import logging

    from pypdf import PdfReader
    from pypdf.errors import FileNotDecryptedError, PdfReadError

    logging.getLogger("pypdf").setLevel(logging.ERROR)
    try:
        reader = PdfReader(io.BytesIO(data))
        if reader.is_encrypted:
            try:
                reader.decrypt("")
            except Exception as exc:
                raise UnreadableFile(f"{name} is password-protected.") from exc
        pages = [page.extract_text() or "" for page in reader.pages]
        title = str(reader.metadata.get("/Title") or "") if reader.metadata else ""
    except UnreadableFile:
        raise
    except FileNotDecryptedError as exc:
        raise UnreadableFile(f"{name} is password-protected.") from exc
    except (PdfReadError, ValueError, KeyError, TypeError) as exc:
        raise UnreadableFile(f"{name} is not a readable PDF: {exc}.") from exc
    text = _tidy("\n".join(_unwrapped(_logical_lines(_tidy(page, blank_lines=False))) for page in pages),
                 blank_lines=False)
    return ImportedText(text, str(title).strip(), "pdf")


_LINE_END_RE = re.compile(r"[.!?:;\u061b\u061f\u06d4\"'»)\]]$")
FULL_LINE = 0.8  # of the page's longest line: shorter lines end their paragraph


def _unwrapped(page: str) -> str:
    """A page's lines joined back into paragraphs where the PDF wrapped them.

    A line runs on into the next when it is nearly as long as the page's longest
    line and does not end a sentence; short lines (headings, paragraph ends)
    and lines ending in a full stop stay as they are.
    """
    lines = page.split("\n")
    longest = max((len(ln) for ln in lines), default=0)
    out: list[str] = []
    joining = False
    for ln in lines:
        if joining and out:
            out[-1] = f"{out[-1]} {ln}"
        else:
            out.append(ln)
        joining = len(ln) >= FULL_LINE * longest and not _LINE_END_RE.search(ln.strip())
    return "\n".join(out)


_FRAGMENT_RE = re.compile(r"^[\d\u0660-\u0669.,:;%/()\-\u060c\u061b\u061f!?\s]{1,16}$")
_SPACE_BEFORE_PUNCT_RE = re.compile(r"\s+([.,:;!?\u060c\u061b\u061f])")


def _logical_lines(page: str) -> str:
    """Lines of a page in logical order.

    A visual-order Arabic line loses its left end (a final full stop, a
    number) to lines of their own just before it; they are put back first.
    """
    out: list[str] = []
    pending: list[str] = []
    for line in page.split("\n"):
        if _FRAGMENT_RE.match(line):
            pending.append(line)
            continue
        merged = " ".join([*pending, line])
        fixed = _logical_order(merged)
        if fixed is merged:  # not a visual-order line: the fragments stand alone
            out.extend(pending)
            out.append(line)
        else:
            out.append(_SPACE_BEFORE_PUNCT_RE.sub(r"\1", fixed))
        pending = []
    out.extend(pending)
    return "\n".join(out)


_LTR_RUN_RE = re.compile(r"[A-Za-z0-9\u00c0-\u024f\u0660-\u0669]+(?:[.,:/%-][A-Za-z0-9\u0660-\u0669]+)*")
_MIRRORED = str.maketrans("()[]{}<>«»", ")(][}{><»«")


def _logical_order(line: str) -> str:
    """Undo the visual (left-to-right) order in which many PDFs store Arabic lines.

    Such a line read back shows the article at word ends ("لا") and ta marbuta
    or alef maqsura at word starts, which logical Arabic hardly ever has; it is
    then reversed, keeping runs of Latin letters and digits in their own order
    and mirroring brackets.
    """
    tokens = [t.strip(".,:;!?()[]«»\"'\u060c\u061b\u061f") for t in line.split()]
    tokens = [t for t in tokens if len(t) > 2]
    backwards = sum(t.endswith("لا") + (t[0] in "ةى") for t in tokens)
    forwards = sum(t.startswith("ال") + (t[-1] in "ةى") for t in tokens)
    if backwards <= forwards:
        return line
    flipped = line[::-1].translate(_MIRRORED)
    return _LTR_RUN_RE.sub(lambda m: m.group()[::-1], flipped)
