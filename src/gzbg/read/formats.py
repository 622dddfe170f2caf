"""Read a document of any supported format into report text.

Plain text (.txt, .md) goes through ``reading`` (encoding detection); HTML through a real parser
with scripts, styles and navigation dropped; DOCX by its paragraphs; PDF by its text layer. The
offsets of a row point into the text returned here.
"""

from __future__ import annotations

import re
from pathlib import Path

from gzbg.extras import MissingExtra, require
from gzbg.read.decode import ReadError, decode, read_text

__all__ = ["SUFFIXES", "read_document"]

TEXT_SUFFIXES = {".txt", ".md", ".text"}
SUFFIXES = TEXT_SUFFIXES | {".html", ".htm", ".docx", ".pdf"}
# Elements of a web page that hold no report text.
_PAGE_CHROME = ("script", "style", "noscript", "nav", "header", "footer", "aside", "form", "iframe", "button", "select")


def _read_bytes(path: Path) -> bytes:
    if not path.exists():
        raise ReadError("no such file")
    if path.is_dir():
        raise ReadError("is a folder, not a file")
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise ReadError(exc.strerror or "cannot be read") from None
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


def _docx_text(path: Path) -> str:
    import zipfile

    _require_for_reading("Word (.docx)")
    from docx import Document
    from docx.opc.exceptions import PackageNotFoundError

    try:
        document = Document(str(path))
    except (zipfile.BadZipFile, KeyError, ValueError, PackageNotFoundError) as exc:
        raise ReadError(f"not a readable .docx file ({exc.__class__.__name__})") from None
    return "\n".join(p.text for p in document.paragraphs) + "\n"


def _pdf_text(path: Path) -> str:
    _require_for_reading("PDF")
    from pypdf import PdfReader
    from pypdf.errors import PdfReadError

    try:
        reader = PdfReader(str(path))
        pages = [page.extract_text() or "" for page in reader.pages]
    except (PdfReadError, ValueError, KeyError, OSError) as exc:
        raise ReadError(f"not a readable PDF ({exc.__class__.__name__})") from None
    text = "\n".join(pages)
    if not text.strip():
        raise ReadError("PDF has no text layer (a scanned document? run OCR first)")
    return text


def read_document(path: str | Path, encoding: str | None = None) -> str:
    """The text of a report file; every failure is a ReadError with a one-line reason."""
    p = Path(path)
    suffix = p.suffix.lower()
    if suffix in (".html", ".htm"):
        return _html_text(_read_bytes(p), encoding)
    if suffix == ".docx":
        _read_bytes(p)
        return _docx_text(p)
    if suffix == ".pdf":
        _read_bytes(p)
        return _pdf_text(p)
    return read_text(p, encoding)
