"""Read a document of any supported format into report text.

Plain text (.txt, .md) goes through ``reading`` (encoding detection); HTML through a real parser
with scripts, styles and navigation dropped; DOCX by its paragraphs; PDF by its text layer. The
offsets of a row point into the text returned here.
"""

from __future__ import annotations

import logging
import re
from pathlib import Path

from gzbg.extras import MissingExtra, require
from gzbg.read.decode import ReadError, blank_controls, decode, read_text
from gzbg.read.limits import DEFAULT_MAX_SIZE, check_archive, human_size, read_bytes

__all__ = ["SUFFIXES", "read_document"]

TEXT_SUFFIXES = {".txt", ".md", ".text"}
SUFFIXES = TEXT_SUFFIXES | {".html", ".htm", ".docx", ".pdf"}
# Elements of a web page that hold no report text.
_PAGE_CHROME = ("script", "style", "noscript", "nav", "header", "footer", "aside", "form", "iframe", "button", "select")


def _read_bytes(path: Path, max_size: int | None) -> bytes:
    data = read_bytes(path, max_size)
    if not data.strip():
        raise ReadError("empty file")
    return data


def _html_text(data: bytes, encoding: str | None) -> str:
    from bs4 import BeautifulSoup

    if encoding:
        soup = BeautifulSoup(decode(data, encoding), "html.parser")
    else:
        soup = BeautifulSoup(data, "html.parser")
    for element in soup(_PAGE_CHROME):
        element.decompose()
    body = soup.body or soup
    text = body.get_text("\n")
    lines = [line.strip() for line in text.splitlines()]
    return re.sub(r"\n{3,}", "\n\n", "\n".join(lines)).strip() + "\n"


def _require_for_reading(feature: str) -> None:
    """A missing extra is this document's error line, like any file that cannot be read."""
    try:
        require(feature)
    except MissingExtra as exc:
        raise ReadError(str(exc)) from None


def _docx_text(path: Path, max_size: int | None) -> str:
    import zipfile

    _require_for_reading("Word (.docx)")
    from docx import Document
    from docx.opc.exceptions import PackageNotFoundError
    from lxml.etree import LxmlError

    check_archive(path, max_size, ".docx")  # before python-docx decompresses anything
    try:
        document = Document(str(path))
        # A zip that is not a Word document (no word/document.xml, a wrong content type) fails in
        # python-docx with whatever error its first missing piece raises: all mean "not a .docx".
        return "\n".join(p.text for p in document.paragraphs) + "\n"
    except (zipfile.BadZipFile, KeyError, ValueError, AttributeError, TypeError, PackageNotFoundError) as exc:
        raise ReadError(f"not a readable .docx file ({exc.__class__.__name__})") from None
    except LxmlError as exc:
        raise ReadError(f"not a readable .docx file (broken XML: {_first_line(str(exc))})") from None


def _first_line(message: str) -> str:
    return message.strip().splitlines()[0] if message.strip() else ""


def _pdf_text(path: Path, max_size: int | None) -> str:
    """The text layer of a PDF. pypdf logs what it repairs (wrong offsets, broken streams) to its
    logger, which would print raw lines to standard error in the middle of a run: they are caught
    here and the first is given as the reason when the file cannot be read.

    A PDF's pages are compressed streams, so a small file can hold far more text than its size
    says: the text read is counted page by page against ``max_size`` (as UTF-8), and pypdf itself
    (from 6.9) refuses any one stream that would expand beyond 75 MB."""
    _require_for_reading("PDF")
    from pypdf import PdfReader
    from pypdf.errors import PdfReadError, PdfStreamError

    logger = logging.getLogger("pypdf")
    caught = _Messages()
    propagate, logger.propagate = logger.propagate, False
    logger.addHandler(caught)
    try:
        reader = PdfReader(str(path))
        pages, read = [], 0
        for page in reader.pages:
            pages.append(page.extract_text() or "")
            read += len(pages[-1].encode("utf-8"))
            if max_size is not None and read > max_size:
                raise ReadError(f"its text layer passes the limit of {human_size(max_size)} (--max-size) by page {len(pages):,}")
    except (
        PdfReadError,
        PdfStreamError,
        ValueError,
        KeyError,
        TypeError,
        AttributeError,
        OSError,
        RecursionError,
        ZeroDivisionError,
    ) as exc:
        detail = f"{exc.__class__.__name__}" + (f"; {caught.messages[0]}" if caught.messages else "")
        raise ReadError(f"not a readable PDF ({detail})") from None
    finally:
        logger.removeHandler(caught)
        logger.propagate = propagate
    text = "\n".join(pages)
    if not text.strip():
        reason = "PDF has no text layer (a scanned document? run OCR first)"
        raise ReadError(reason + (f"; pypdf: {caught.messages[0]}" if caught.messages else ""))
    return text


class _Messages(logging.Handler):
    """Keeps the first line of each warning logged while one file is read."""

    def __init__(self) -> None:
        super().__init__(logging.WARNING)
        self.messages: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.messages.append(_first_line(record.getMessage()))


def read_document(path: str | Path, encoding: str | None = None, max_size: int | None = DEFAULT_MAX_SIZE) -> str:
    """The text of a report file; every failure is a ReadError with a one-line reason.

    ``max_size``: the largest file read, in bytes, and for a .docx the most it may expand to
    (``gzbg.read.limits``; None: no limit). Control characters come back as spaces."""
    p = Path(path)
    suffix = p.suffix.lower()
    if suffix in (".html", ".htm"):
        return blank_controls(_html_text(_read_bytes(p, max_size), encoding))
    if suffix == ".docx":
        _read_bytes(p, max_size)
        return blank_controls(_docx_text(p, max_size))
    if suffix == ".pdf":
        _read_bytes(p, max_size)
        return blank_controls(_pdf_text(p, max_size))
    return read_text(p, encoding, max_size)
