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

from reader.cleaning import count_controls, strip_controls
from reader.document import Document
from reader.naming import document_name, visible
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
# Real Arabic stacks at most three or four marks on a letter; a run of thousands
# makes Unicode normalisation (canonical reordering) and text layout quadratic.
MAX_STACKED_MARKS = 8
_MARKS = "\u0300-\u036f\u0483-\u0489\u0591-\u05c7\u0610-\u061a\u064b-\u065f\u0670\u06d6-\u06ed" \
         "\u08d3-\u08ff\u1ab0-\u1aff\u1dc0-\u1dff\u20d0-\u20ff\ufe20-\ufe2f"
_STACKED_RE = re.compile(f"([{_MARKS}]{{{MAX_STACKED_MARKS}}})[{_MARKS}]+")
# Zip parts of a .docx are checked before python-docx reads them: a 2 MB file can
# hold gigabytes of zeros. Real documents' XML parts are a few MB, images aside.
DOCX_MAX_PART = 64 << 20
DOCX_MAX_TOTAL = 512 << 20
DOCX_MAX_RATIO = 200
# Arabic presentation forms (what many PDFs carry) fold back to plain letters with NFKC.
_PRESENTATION_RE = re.compile(r"[\ufb00-\ufb06\ufb50-\ufdff\ufe70-\ufefe]+")


@dataclass(frozen=True)
class ImportedText:
    text: str
    title: str
    kind: str  # "text" | "markdown" | "html" | "docx" | "pdf"
    encoding: str = ""
    notes: tuple[str, ...] = ()
    # Paragraphs the format marks as headings (None: guess from their shape).
    headings: frozenset[int] | None = None


def doc_id_for(text: str) -> str:
    """A stable id from the content: the same text always maps to the same project."""
    digest = hashlib.sha256(unicodedata.normalize("NFC", text).encode("utf-8")).hexdigest()
    return f"doc_{digest[:16]}"


def document_from_text(text: str, title: str = "", doc_id: str | None = None,
                       notes: tuple[str, ...] = (), headings: frozenset[int] | None = None) -> Document:
    """A document from pasted or extracted text; raises UnreadableFile if there is none."""
    text, cleaned = clean_text(text)
    text = _tidy(text, blank_lines=headings is None)
    if not text.strip():
        raise UnreadableFile("There is no text to open.")
    # A title of invisible characters alone (a pasted right-to-left mark) is no title.
    title = document_name(clean_text(title)[0], text)
    doc = Document.from_text(text, doc_id=doc_id or doc_id_for(text), title=title,
                             headings=headings)
    doc.notes = (*notes, *cleaned)
    return doc


def clean_text(text: str) -> tuple[str, tuple[str, ...]]:
    """``text`` without control characters and excess stacked marks, and what was removed."""
    notes = []
    controls = count_controls(text)
    if controls:
        text = strip_controls(text)
        notes.append(f"{controls:,} control character{'s' if controls > 1 else ''} (NUL and the like) removed.")
    before = len(text)
    text = _STACKED_RE.sub(r"\1", text)
    if len(text) < before:
        notes.append(f"{before - len(text):,} diacritics stacked beyond {MAX_STACKED_MARKS} on one letter removed.")
    return text, tuple(notes)


def load_document(path: str | Path) -> Document:
    """Open any supported file as a Document (id from the content, title from the file).

    A file of the bundled library keeps its library id, so the command line
    and the app share its project."""
    entry = _library_entry(Path(path))
    if entry is not None:
        return entry.load()
    imported = extract_text(path)
    used = f"Read as {imported.encoding}." if imported.encoding else ""
    return document_from_text(imported.text, title=visible(imported.title) or Path(path).stem,
                              notes=tuple(n for n in (used, *imported.notes) if n),
                              headings=imported.headings)


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
        return ImportedText(markdown_to_text(decoded.text), "", "markdown", decoded.encoding,
                            _notes(decoded.warning))
    if suffix in TEXT_SUFFIXES:
        decoded = decode_bytes(data, path.name)
        return ImportedText(decoded.text, "", "text", decoded.encoding, _notes(decoded.warning))
    if suffix in HTML_SUFFIXES:
        decoded = decode_bytes(data, path.name)
        text, title = html_to_text(decoded.text)
        return _non_empty(ImportedText(text, title, "html", decoded.encoding, _notes(decoded.warning)), path)
    if suffix == ".docx":
        return _non_empty(_docx_text(data, path.name), path)
    return _non_empty(_pdf_text(data, path.name), path)


def _notes(*notes: str) -> tuple[str, ...]:
    return tuple(n for n in notes if n)


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
    """Visible text of an HTML page, one block per line; and its <title>.

    One pass over lxml's tree with ``iterwalk`` (no recursion, no tree edits): editing
    the tree around every block, as a BeautifulSoup version did, was quadratic
    (20,000 paragraphs took 21 s), and recursion fails on deep nesting.
    """
    from lxml import etree, html

    markup = _XML_DECLARATION_RE.sub("", markup, count=1)
    if not markup.strip():
        return "", ""
    parser = _html_parser()
    try:
        root = html.document_fromstring(markup, parser=parser)
    except (etree.ParserError, ValueError):
        return "", ""
    too_deep = any(e.type_name == "ERR_RESOURCE_LIMIT" for e in parser.error_log)
    title_el = root.find(".//title")
    title = _SPACES_RE.sub(" ", title_el.text_content()).strip() if title_el is not None else ""
    parts: list[str] = []
    walker = etree.iterwalk(root, events=("start", "end"))
    for event, el in walker:
        tag = el.tag if isinstance(el.tag, str) else ""
        if event == "start":
            if not tag or tag.lower() in _HTML_SKIP:
                walker.skip_subtree()
                continue  # its "end" still comes, which adds its tail
            if tag.lower() in _HTML_BLOCKS:
                parts.append("\n")
            if el.text:
                parts.append(_inline(el.text))
        else:
            if tag.lower() in _HTML_BLOCKS:
                parts.append("\n")
            if el.tail:
                parts.append(_inline(el.tail))
    text = _tidy("".join(parts), blank_lines=False)
    if too_deep and not text.strip():
        raise UnreadableFile("The page is nested more than 256 levels deep, which no real page is; "
                             "its text could not be read.")
    return text, title


_XML_DECLARATION_RE = re.compile(r"^\s*<\?xml[^>]*\?>")


def _html_parser():
    from lxml import html

    # No network, no entities from outside; libxml2's default depth limit stays on.
    return html.HTMLParser(no_network=True, remove_comments=True, remove_pis=True)


def _inline(text: str) -> str:
    """Inside a block, line breaks in the source are just spaces."""
    return _SPACES_RE.sub(" ", text.replace("\n", " ").replace("\r", " "))


def markdown_to_text(source: str) -> str:
    """Markdown parsed (markdown-it) and reduced to its text, so '#', '**' and links vanish.

    Paragraphs with no Markdown syntax at all (most of an Arabic document) are taken as
    they are; only the runs of blocks between them go through markdown-it, whose
    pure-Python parse costs ~70 µs a paragraph. Constructs that span blank lines across
    such runs (fences, reference definitions) send the whole file to markdown-it.
    """
    if _SPANNING_RE.search(source):
        return _tidy(_markdown_blocks(source), blank_lines=False)
    out: list[str] = []
    pending: list[str] = []
    for chunk in _BLANK_LINES_RE.split(source):
        if _PLAIN_RE.fullmatch(chunk):
            if pending:
                out.append(_markdown_blocks("\n\n".join(pending)))
                pending = []
            out.append(" ".join(line.strip() for line in chunk.split("\n")))
        elif chunk.strip():
            pending.append(chunk)
    if pending:
        out.append(_markdown_blocks("\n\n".join(pending)))
    return _tidy("\n".join(out), blank_lines=False)


# A paragraph markdown-it would return unchanged: no inline or block syntax, no line
# starting with a space or an ASCII digit (indented code, list continuation, "1."), no
# hard break (two trailing spaces).
_PLAIN_RE = re.compile(r"(?:(?![ \t\d])[^\n\\`*_\[\]<>&#|~=+\-]*(?<! {2})(?:\n|$))+")
_BLANK_LINES_RE = re.compile(r"\n[ \t]*\n")
_SPANNING_RE = re.compile(r"```|~~~|^ {0,3}\[[^\]\n]+\]:", re.MULTILINE)


def _markdown_blocks(source: str) -> str:
    from markdown_it import MarkdownIt

    lines: list[str] = []
    for token in MarkdownIt("commonmark", {"html": False}).parse(source):
        if token.type == "inline":
            lines.append("".join(_INLINE_TEXT.get(c.type, lambda c: c.content)(c) for c in token.children or ()))
        elif token.type in ("code_block", "fence"):
            lines.append(token.content)
    return "\n".join(lines)


_INLINE_TEXT = {"softbreak": lambda c: " ", "hardbreak": lambda c: "\n"}


def _docx_text(data: bytes, name: str) -> ImportedText:
    import io

    import docx

    _check_docx_parts(data, name)
    try:
        document = docx.Document(io.BytesIO(data))
    except (zipfile.BadZipFile, KeyError, ValueError) as exc:
        raise UnreadableFile(f"{name} is not a valid Word (.docx) document.") from exc
    except Exception as exc:  # python-docx raises assorted errors on damaged parts
        raise UnreadableFile(f"{name} could not be read as a Word document: {exc}.") from exc
    try:
        lines, headings = _docx_paragraphs(document)
        title = (document.core_properties.title or "").strip()
    except Exception as exc:  # noqa: BLE001 - parts in an unexpected shape or namespace
        raise UnreadableFile(f"{name} has a structure Bayan does not understand "
                             f"({type(exc).__name__}); save it again from Word and retry.") from exc
    return ImportedText("\n".join(lines) + "\n" if lines else "", title, "docx", headings=frozenset(headings))


def _docx_paragraphs(document) -> tuple[list[str], list[int]]:
    """The document's paragraphs in order, tables row by row, and which are headings.

    Only paragraphs styled as headings (or Title) are headings: a table cell is short
    and has no full stop, which the shape-based guess took for a heading.
    """
    from docx.table import Table

    lines: list[str] = []
    headings: list[int] = []
    # An explicit stack: nested tables are walked without recursion.
    stack = [iter(document.iter_inner_content())]
    while stack:
        block = next(stack[-1], None)
        if block is None:
            stack.pop()
            continue
        if isinstance(block, Table):
            cells = [cell for row in block.rows for cell in _unique_cells(row)]
            stack.append(iter([inner for cell in cells for inner in cell.iter_inner_content()]))
            continue
        style = (block.style.name if block.style is not None else "") or ""
        heading = style.startswith("Heading") or style == "Title"
        for line in _tidy(clean_text(block.text)[0], blank_lines=False).splitlines():
            if heading:
                headings.append(len(lines))
            lines.append(line)
    return lines, headings


def _unique_cells(row) -> list:
    """A merged cell appears once per grid column it spans; keep it once."""
    seen: list = []
    for cell in row.cells:
        if not any(cell._tc is c._tc for c in seen):  # noqa: SLF001 - python-docx has no public identity
            seen.append(cell)
    return seen


def _check_docx_parts(data: bytes, name: str) -> None:
    import io

    try:
        with zipfile.ZipFile(io.BytesIO(data)) as zf:
            members = zf.infolist()
    except (zipfile.BadZipFile, ValueError, OSError) as exc:
        raise UnreadableFile(f"{name} is not a valid Word (.docx) document.") from exc
    total = 0
    for member in members:
        ratio = member.file_size / max(member.compress_size, 1)
        if member.file_size > DOCX_MAX_PART or (member.file_size > (1 << 20) and ratio > DOCX_MAX_RATIO):
            raise UnreadableFile(f"{name} is not a plausible Word document: its part {member.filename} "
                                 f"would unpack to {member.file_size / 1e6:,.0f} MB, so it was not read.")
        total += member.file_size
    if total > DOCX_MAX_TOTAL:
        raise UnreadableFile(f"{name} is not a plausible Word document: it would unpack to "
                             f"{total / 1e6:,.0f} MB, so it was not read.")


def _pdf_text(data: bytes, name: str) -> ImportedText:
    import io
    import logging

    from pypdf import PdfReader
    from pypdf.errors import FileNotDecryptedError, LimitReachedError, PyPdfError

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
    except LimitReachedError as exc:
        raise UnreadableFile(f"{name} holds a stream too large to unpack safely ({exc}); "
                             "it was not read.") from exc
    except (PyPdfError, ValueError, KeyError, TypeError, AttributeError, IndexError,
            RecursionError, OSError, AssertionError, ZeroDivisionError) as exc:
        # pypdf raises assorted errors on damaged files; each means the same to the user.
        raise UnreadableFile(f"{name} is not a readable PDF ({type(exc).__name__}: {exc}).") from exc
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
