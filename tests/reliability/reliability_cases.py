"""The reliability matrix as data: what a report, a disk, a cache or a caller can do to a run.

Each case builds its inputs in a temporary folder, runs one command and states what must come of
it: the exit status, a pattern standard error must match, what standard output must hold, and
the files that must be exactly as they were. Every case also requires that standard error holds
no traceback and that no temporary ``.part`` file is left. The README's "Bad input, and nothing
lost" lists these cases by name (a test keeps the two in step).

How a case runs: ``cli`` in process through typer's CliRunner (``patch`` may monkeypatch the
machine: a full disk); ``process`` as ``python -m gzbg`` (``stdout`` may name a device such as
/dev/full); ``sigterm`` as a process sent SIGTERM once its temporary output exists.
"""

from __future__ import annotations

import atexit
import errno
import functools
import io
import os
import shutil
import tempfile
import zipfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable

SAMPLE = Path(__file__).parent.parent.parent / "samples" / "xinxiang-2026-excerpt.txt"
GOOD = "二、2026年工作安排\n主要预期目标是：地区生产总值增长5%左右，城镇新增就业1万人。\n"
PREVIOUS = "an output written by an earlier run\n"
GIB = 1024**3


# --- builders: each writes the files of a case into ``folder`` --------------------------------


def good(folder: Path) -> None:
    (folder / "good.txt").write_text(GOOD, encoding="utf-8")


def previous_output(folder: Path, name: str = "out.csv") -> None:
    (folder / name).write_text(PREVIOUS, encoding="utf-8")


def _deflated_zeros(path: Path, member: str, size: int, declared: int | None = None) -> None:
    """A zip whose one member inflates to ``size`` zero bytes; ``declared`` rewrites the size its
    headers claim (a lying archive)."""
    with zipfile.ZipFile(path, "w", compression=zipfile.ZIP_DEFLATED, compresslevel=1) as archive:
        with archive.open(member, "w", force_zip64=size > 2**31) as stream:
            chunk = bytes(1024**2)
            for _ in range(size // len(chunk)):
                stream.write(chunk)
    if declared is not None:
        data = bytearray(path.read_bytes())
        local, central = data.find(b"PK\x03\x04"), data.find(b"PK\x01\x02")
        data[local + 22 : local + 26] = declared.to_bytes(4, "little")
        data[central + 24 : central + 28] = declared.to_bytes(4, "little")
        path.write_bytes(bytes(data))


def _word_bomb(path: Path, padding: int) -> None:
    """A real Word document (python-docx opens it) whose document.xml carries ``padding`` bytes
    of white space inside its body: valid XML that inflates to any size."""
    import docx

    document = docx.Document()
    document.add_paragraph("今年新增就业1万人。")
    buffer = io.BytesIO()
    document.save(buffer)
    with zipfile.ZipFile(buffer) as source, zipfile.ZipFile(path, "w", compression=zipfile.ZIP_DEFLATED, compresslevel=1) as target:
        for name in source.namelist():
            data = source.read(name)
            if name != "word/document.xml":
                target.writestr(name, data)
                continue
            body = data.index(b"<w:body>") + len(b"<w:body>")
            with target.open(name, "w", force_zip64=True) as stream:
                stream.write(data[:body])
                chunk = b" " * 1024**2
                for _ in range(padding // len(chunk)):
                    stream.write(chunk)
                stream.write(data[body:])


@functools.lru_cache(maxsize=1)
def gib_bomb() -> Path:
    """A .docx that inflates to 1 GiB (a few MB on disk), built once per test run."""
    folder = tempfile.mkdtemp(prefix="gzbg-bomb-")
    atexit.register(shutil.rmtree, folder, True)
    path = Path(folder) / "bomb.docx"
    _word_bomb(path, GIB)
    return path


def bomb_docx(folder: Path) -> None:
    good(folder)
    os.symlink(gib_bomb(), folder / "bomb.docx")


def ratio_docx(folder: Path) -> None:
    good(folder)
    _word_bomb(folder / "dense.docx", 40 * 1024**2)


def lying_docx(folder: Path) -> None:
    good(folder)
    _deflated_zeros(folder / "liar.docx", "word/document.xml", 64 * 1024**2, declared=1000)


def ratio_xlsx(folder: Path) -> None:
    good(folder)
    _deflated_zeros(folder / "saved.xlsx", "xl/worksheets/sheet1.xml", 40 * 1024**2)


def big_text(folder: Path) -> None:
    good(folder)
    (folder / "big.txt").write_text(GOOD * 100, encoding="utf-8")


def docx_without_document(folder: Path) -> None:
    good(folder)
    with zipfile.ZipFile(folder / "empty.docx", "w") as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("notes.txt", "not a Word document")


def docx_with_broken_xml(folder: Path) -> None:
    import docx

    good(folder)
    document = docx.Document()
    document.add_paragraph("今年新增就业1万人。")
    buffer = io.BytesIO()
    document.save(buffer)
    with zipfile.ZipFile(buffer) as source, zipfile.ZipFile(folder / "broken.docx", "w") as target:
        for name in source.namelist():
            data = source.read(name)
            target.writestr(name, data[: len(data) // 2] if name == "word/document.xml" else data)


def reports_folder_with_broken_docx(folder: Path) -> None:
    (folder / "reports").mkdir()
    docx_without_document(folder / "reports")


def damaged_cache(folder: Path) -> None:
    """A tag cache whose file is damaged: SQLite's header, then garbage (a half-written page)."""
    good(folder)
    (folder / "cache").mkdir()
    (folder / "cache" / "tags.sqlite").write_bytes(b"SQLite format 3\x00" + b"garbage" * 200)


def non_utf8_names(folder: Path) -> None:
    (folder / "reports").mkdir()
    good(folder / "reports")
    name = os.fsdecode(b"bad-\xff\xfe.txt")  # not UTF-8: surrogate-escaped by the file system layer
    (folder / "reports" / name).write_text(GOOD, encoding="utf-8")


def broken_docx_with_non_utf8_name(folder: Path) -> None:
    (folder / "reports").mkdir()
    good(folder / "reports")
    docx_without_document(folder / "reports")
    (folder / "reports" / "empty.docx").rename(folder / "reports" / os.fsdecode(b"x-\xfe.docx"))


def hard_link_output(folder: Path) -> None:
    good(folder)
    os.link(folder / "good.txt", folder / "out.csv")


def symlink_output(folder: Path) -> None:
    good(folder)
    previous_output(folder, "kept.csv")
    os.symlink("kept.csv", folder / "out.csv")


def fifo_output(folder: Path) -> None:
    good(folder)
    os.mkfifo(folder / "out.csv")


def folder_output(folder: Path) -> None:
    good(folder)
    (folder / "out.csv").mkdir()


def good_and_previous(folder: Path) -> None:
    good(folder)
    previous_output(folder)


def many_reports_and_previous(folder: Path) -> None:
    (folder / "reports").mkdir()
    text = SAMPLE.read_text(encoding="utf-8")
    for i in range(400):
        (folder / "reports" / f"r{i:03}.txt").write_text(text, encoding="utf-8")
    previous_output(folder)


def truncated_utf16(bom: bytes) -> Callable[[Path], None]:
    """A UTF-16 report whose last byte was lost (a cut copy), with or without a byte-order mark,
    beside a good report that the same run must still read."""

    def build(folder: Path) -> None:
        text = "二、２０２６年工作安排\n主要预期目标是：城镇新增就业１万人。\n"
        (folder / "cut.txt").write_bytes(bom + text.encode("utf-16-le")[:-1])
        good(folder)

    return build


def pdf_with_much_text(folder: Path) -> None:
    """A compressed PDF of about 70 KB whose text layer is about 2 MB (40 pages in small print),
    beside a good report."""
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.cidfonts import UnicodeCIDFont
    from reportlab.pdfgen import canvas

    pdfmetrics.registerFont(UnicodeCIDFont("STSong-Light"))
    pdf = canvas.Canvas(str(folder / "dense.pdf"), pageCompression=1)
    for _ in range(40):
        pdf.setFont("STSong-Light", 4)
        for line in range(150):
            pdf.drawString(10, 830 - 5.5 * line, "地区生产总值增长5%左右，城镇新增就业12万人以上。" * 5)
        pdf.showPage()
    pdf.save()
    good(folder)


def long_reports_and_previous(folder: Path) -> None:
    """Four reports of 1.5 million characters each, on one line (the sample repeated): each takes
    a worker many seconds, so a run stopped early finds a document in every worker's hands."""
    (folder / "reports").mkdir()
    text = SAMPLE.read_text(encoding="utf-8").replace("\n", "")
    long_text = text * (LONG_REPORT_CHARS // len(text) + 1)
    for i in range(4):
        (folder / "reports" / f"long{i}.txt").write_text(long_text, encoding="utf-8")
    previous_output(folder)


LONG_REPORT_CHARS = 1_500_000


def utf16_without_bom(order: str) -> Callable[[Path], None]:
    def build(folder: Path) -> None:
        # No ASCII at all (full-width digits and punctuation): no NUL byte gives the encoding away.
        text = "二、２０２６年工作安排\n主要预期目标是：城镇新增就业１万人。\n"
        (folder / "r.txt").write_bytes(text.encode(order))

    return build


def nul_at(offset: int) -> Callable[[Path], None]:
    """A NUL inserted at ``offset``, a multiple of the 28 bytes of the repeated sentence."""

    def build(folder: Path) -> None:
        data = bytearray(("今年新增就业1万人。" * 400 + "\n").encode("utf-8"))
        data[offset:offset] = b"\x00"
        (folder / "r.txt").write_bytes(bytes(data))

    return build


def mostly_nul(folder: Path) -> None:
    (folder / "r.txt").write_bytes("今年新增就业1万人。".encode("utf-8") + bytes(200))


def pdf_with_bad_xref(folder: Path) -> None:
    """A PDF without text whose cross-reference offset is wrong: pypdf logs its repair."""
    from reportlab.pdfgen import canvas

    path = folder / "scan.pdf"
    page = canvas.Canvas(str(path))
    page.showPage()
    page.save()
    data = path.read_bytes()
    path.write_bytes(data[: data.rfind(b"startxref")] + b"startxref\n99999\n%%EOF\n")


# --- machine patches (in process) --------------------------------------------------------------


class _FullDisk(io.RawIOBase):
    """A file on a disk with ``room`` bytes left: writing more fails with ENOSPC, as a full
    partition does."""

    def __init__(self, path, room: int) -> None:
        self.fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
        self.room = room

    def writable(self) -> bool:
        return True

    def write(self, data) -> int:
        if len(data) > self.room:
            raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))
        self.room -= len(data)
        return os.write(self.fd, data)

    def fileno(self) -> int:
        return self.fd

    def close(self) -> None:
        if not self.closed:
            super().close()  # flushes first: on a full disk that fails again, as a real one does
            os.close(self.fd)


def full_disk(monkeypatch) -> None:
    import gzbg.writers as writers

    def open_on_full_disk(path, mode="r", encoding=None, newline=None):
        return io.TextIOWrapper(io.BufferedWriter(_FullDisk(path, room=100)), encoding=encoding, newline=newline)

    monkeypatch.setattr(writers, "open", open_on_full_disk, raising=False)


def fsync_fails(monkeypatch) -> None:
    def fsync(fd):
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

    monkeypatch.setattr(os, "fsync", fsync)


# --- the matrix -------------------------------------------------------------------------------


@dataclass(frozen=True)
class Case:
    name: str
    build: Callable[[Path], None]
    command: tuple[str, ...]  # arguments after `gzbg`, relative to the case's folder
    exit: int
    stderr: str  # a regular expression searched in standard error
    untouched: tuple[str, ...] = ()  # files whose bytes must not change
    stdout: str = ""  # a regular expression searched in standard output (or in the output file `out.*`)
    run: str = "cli"  # cli, process or sigterm
    patch: Callable | None = None  # monkeypatches for a cli case
    env: dict = field(default_factory=dict)
    stdout_to: str = ""  # process cases: a device standard output is opened on
    stops_within: float | None = None  # sigterm cases: seconds from the signal to the exit, at most


X = ("-j", "1", "-q")
CASES = [
    # Archives and big inputs
    Case(
        "a .docx expanding to 1 GiB is refused before it is decompressed",
        bomb_docx,
        ("extract", "bomb.docx", "good.txt", "-f", "csv", *X),
        1,
        r"gzbg: bomb\.docx: expands to 1 GiB, over the limit of 256 MiB \(--max-size\)",
        stdout="good.txt,",
    ),
    Case(
        "a .docx expanding 1000 times is refused as a zip bomb",
        ratio_docx,
        ("extract", "dense.docx", "good.txt", "-f", "csv", *X),
        1,
        r"gzbg: dense\.docx: expands \d+ times its size \(a zip bomb\?\); refused",
        stdout="good.txt,",
    ),
    Case(
        "a .docx whose headers understate its size is refused",
        lying_docx,
        ("extract", "liar.docx", "good.txt", "-f", "csv", *X),
        1,
        r"gzbg: liar\.docx: not a readable \.docx file \(BadZipFile: Bad CRC-32",
        stdout="good.txt,",
    ),
    Case(
        "a saved .xlsx that is a zip bomb is refused by diff",
        ratio_xlsx,
        ("diff", "saved.xlsx", "good.txt", "-f", "csv"),
        1,
        r"gzbg: saved\.xlsx: expands \d+ times its size",
    ),
    Case(
        "an input over --max-size is refused, the others read",
        big_text,
        ("extract", "big.txt", "good.txt", "--max-size", "1K", "-f", "csv", *X),
        1,
        r"gzbg: big\.txt: 11\.1 KiB, over the limit of 1 KiB \(--max-size\)",
        stdout="good.txt,",
    ),
    Case(
        "a device that never ends (/dev/zero) is read only up to --max-size",
        good,
        ("extract", "/dev/zero", "good.txt", "--max-size", "1M", "-f", "csv", *X),
        1,
        r"gzbg: /dev/zero: more than 1 MiB, the limit \(--max-size\)",
        stdout="good.txt,",
    ),
    # Output safety
    Case(
        "an output that is an input by inode (a hard link) is refused",
        hard_link_output,
        ("extract", "good.txt", "-o", "out.csv"),
        2,
        r"^gzbg: out\.csv: is one of the inputs; write the output elsewhere\n$",
        untouched=("good.txt",),
    ),
    Case(
        "an output that is a symbolic link is refused without --force",
        symlink_output,
        ("extract", "good.txt", "-o", "out.csv"),
        2,
        r"^gzbg: out\.csv: is a symbolic link; give --force",
        untouched=("kept.csv",),
    ),
    # A named pipe rather than /dev/null: run as root, a gzbg without this check renames its
    # temporary file over the path, and /dev/null becomes a regular file for the whole machine.
    Case(
        "an output that is a named pipe or a device is refused without --force",
        fifo_output,
        ("extract", "good.txt", "-o", "out.csv"),
        2,
        r"^gzbg: out\.csv: is not a regular file \(a device or a pipe\); give --force",
    ),
    Case(
        "an output that is a folder is refused before any work",
        folder_output,
        ("extract", "good.txt", "-o", "out.csv"),
        2,
        r"^gzbg: out\.csv: is a folder; give a file name\n$",
    ),
    Case(
        "a full disk while writing: one line, no temporary file, the previous output kept",
        good_and_previous,
        ("extract", str(SAMPLE), "-o", "out.csv"),
        1,
        r"^gzbg: out\.csv: No space left on device\n$",
        untouched=("out.csv",),
        patch=full_disk,
    ),
    Case(
        "a full disk at fsync (Parquet): one line, the previous output kept",
        good_and_previous,
        ("extract", "good.txt", "-o", "out.parquet"),
        1,
        r"^gzbg: out\.parquet: No space left on device\n$",
        patch=fsync_fails,
    ),
    Case(
        "a device that is full, written with --force: one line",
        good,
        ("extract", "good.txt", "-o", "/dev/full", "-f", "csv", "--force"),
        1,
        r"^gzbg: /dev/full: No space left on device\n$",
    ),
    Case(
        "standard output on a full device names standard output",
        good,
        ("extract", "good.txt", "-f", "csv", *X),
        1,
        r"^gzbg: standard output: No space left on device\n$",
        run="process",
        stdout_to="/dev/full",
    ),
    Case(
        "SIGTERM removes the temporary file and keeps the previous output",
        many_reports_and_previous,
        ("extract", "reports", "-o", "out.csv", "-j", "2", "-q"),
        143,
        r"^gzbg: terminated\n$",
        untouched=("out.csv",),
        run="sigterm",
        env={"GZBG_CACHE_DIR": ""},
    ),
    Case(
        "SIGTERM stops the workers in the middle of a long document, at once",
        long_reports_and_previous,
        ("extract", "reports", "-o", "out.csv", "-j", "2", "-q"),
        143,
        r"^gzbg: terminated\n$",
        untouched=("out.csv",),
        run="sigterm",
        env={"GZBG_CACHE_DIR": ""},
        stops_within=5,
    ),
    Case(
        "a PDF whose text layer is over --max-size is one line; the other report is read",
        pdf_with_much_text,
        ("extract", "dense.pdf", "good.txt", "--max-size", "1M", "-f", "csv", *X),
        1,
        r"^gzbg: dense\.pdf: its text layer passes the limit of 1 MiB \(--max-size\) by page \d+\n",
        stdout=r"\ngood\.txt,",
    ),
    # One error path for every command
    Case(
        "sections: a zip named .docx without a document is one line",
        docx_without_document,
        ("sections", "empty.docx"),
        1,
        r"^gzbg: empty\.docx: not a readable \.docx file \(\w+\)\n$",
    ),
    Case(
        "sections: a .docx with broken XML is one line",
        docx_with_broken_xml,
        ("sections", "broken.docx"),
        1,
        r"^gzbg: broken\.docx: not a readable \.docx file \(broken XML: ",
    ),
    Case(
        "check: a .docx with broken XML is one line, the others checked",
        docx_with_broken_xml,
        ("check", "broken.docx", "good.txt", "-f", "csv", *X),
        1,
        r"gzbg: broken\.docx: not a readable \.docx file \(broken XML",
        stdout="good.txt",
    ),
    Case(
        "diff: a zip named .docx is one line",
        docx_without_document,
        ("diff", "empty.docx", "good.txt", "-f", "csv"),
        1,
        r"^gzbg: empty\.docx: not a readable \.docx file",
    ),
    Case(
        "track: a .docx with broken XML is one line",
        docx_with_broken_xml,
        ("track", "good.txt", "broken.docx", "-f", "csv"),
        1,
        r"^gzbg: broken\.docx: not a readable \.docx file",
    ),
    Case(
        "panel: a broken .docx in a folder is one line, the other reports kept",
        reports_folder_with_broken_docx,
        ("panel", "reports", "-f", "csv", "-j", "1"),
        1,
        r"gzbg: empty\.docx: not a readable \.docx file",
        stdout="good.txt",
    ),
    Case(
        "a damaged tag cache is one line, and the rows are read without it",
        damaged_cache,
        ("extract", "good.txt", "-f", "csv", *X),
        0,
        r"^gzbg: tag cache \S+tags\.sqlite: DatabaseError: file is not a database; tagging without it \(slower, same rows\)$",
        run="process",
        env={"GZBG_CACHE_DIR": "{folder}/cache"},
    ),  # a process: the cache is opened once per process
    Case(
        "file names that are not UTF-8 are written as \\xNN in CSV",
        non_utf8_names,
        ("extract", "reports", "-o", "out.csv", *X),
        0,
        r"^$",
        stdout=r"(?s)(?=.*bad-\\xff\\xfe\.txt,)(?=.*\ngood\.txt,)",
    ),
    Case(
        "file names that are not UTF-8 are written as \\xNN in JSON Lines",
        non_utf8_names,
        ("extract", "reports", "-o", "out.jsonl", *X),
        0,
        r"^$",
        stdout=r'"doc": "bad-\\\\xff\\\\xfe\.txt"',
    ),
    Case(
        "file names that are not UTF-8 are written as \\xNN in Parquet",
        non_utf8_names,
        ("extract", "reports", "-o", "out.parquet", *X),
        0,
        r"^$",
        stdout=r"(?s)bad-\\xff\\xfe\.txt.*good\.txt",
    ),
    Case(
        "file names that are not UTF-8 are written as \\xNN on the terminal",
        non_utf8_names,
        ("extract", "reports", "-f", "table", *X),
        0,
        r"^$",
        stdout=r"bad-\\xff\\xfe",
        env={"COLUMNS": "200"},
    ),
    Case(
        "file names that are not UTF-8 in a strict UTF-8 pipe",
        non_utf8_names,
        ("extract", "reports", "-f", "csv", *X),
        0,
        r"^$",
        stdout=r"(?s)(?=.*bad-\\xff\\xfe\.txt,)(?=.*\ngood\.txt,)",
        run="process",
        env={"PYTHONIOENCODING": "utf-8:strict"},
    ),
    Case(
        "a file that fails and whose name is not UTF-8 is named as in the table",
        broken_docx_with_non_utf8_name,
        ("extract", "reports", "-f", "csv", *X),
        1,
        r"^gzbg: x-\\xfe\.docx: not a readable \.docx file",
        stdout=r"\ngood\.txt,",
        run="process",
        env={"PYTHONIOENCODING": "utf-8:strict"},
    ),
    # Inputs
    Case(
        "no input can be read: nothing on standard output, not even a header",
        good,
        ("extract", "missing.txt", "gone.txt", "-f", "csv", *X),
        1,
        r"gzbg: missing\.txt: no such file\ngzbg: gone\.txt: no such file\ngzbg: no file could be read",
        stdout=r"\A\Z",
    ),
    Case(
        "UTF-16 little-endian without a BOM is read",
        utf16_without_bom("utf-16-le"),
        ("extract", "r.txt", "-f", "csv", *X),
        0,
        r"^$",
        stdout="new_urban_jobs,１万人",
    ),
    Case(
        "UTF-16 big-endian without a BOM is read",
        utf16_without_bom("utf-16-be"),
        ("extract", "r.txt", "-f", "csv", *X),
        0,
        r"^$",
        stdout="new_urban_jobs,１万人",
    ),
    Case(
        "truncated UTF-16 without a BOM is one line; the other report is read",
        truncated_utf16(b""),
        ("extract", "cut.txt", "good.txt", "-f", "csv", *X),
        1,
        r"^gzbg: cut\.txt: truncated utf-16-le text: 61 bytes is not a whole number of 2-byte code units\n"
        r"gzbg: 1 of 2 inputs could not be read; 2 rows from the others\n$",
        stdout=r"\ngood\.txt,",
    ),
    Case(
        "truncated UTF-16 after a BOM is one line; the other report is read",
        truncated_utf16(b"\xff\xfe"),
        ("extract", "cut.txt", "good.txt", "-f", "csv", *X),
        1,
        r"^gzbg: cut\.txt: truncated utf-16-le text: 61 bytes is not a whole number of 2-byte code units\n"
        r"gzbg: 1 of 2 inputs could not be read; 2 rows from the others\n$",
        stdout=r"\ngood\.txt,",
    ),
    Case("a NUL in the first bytes is read as a space", nul_at(28), ("extract", "r.txt", "-f", "csv", *X), 0, r"^$", stdout="1万人"),
    Case(
        "a NUL after the first 4 KB is read as a space, the same",
        nul_at(28 * 215),
        ("extract", "r.txt", "-f", "csv", *X),
        0,
        r"^$",
        stdout="1万人",
    ),
    Case(
        "a file of more than 5% NULs is binary",
        mostly_nul,
        ("extract", "r.txt", "-f", "csv", *X),
        1,
        r"^gzbg: r\.txt: binary data, not text\n$",
    ),
    Case(
        "pypdf's log lines join the file's one line",
        pdf_with_bad_xref,
        ("extract", "scan.pdf", "-f", "csv", *X),
        1,
        r"^gzbg: scan\.pdf: PDF has no text layer \(a scanned document\? run OCR first\); pypdf: incorrect startxref pointer.*\n$",
    ),
]
