"""Write the table: CSV, TSV, JSON, JSON Lines, Parquet, Excel and Stata.

Rows are written as they come (one document at a time) where the format allows it, so memory does
not grow with the corpus; JSON, Excel and Stata are assembled at the end. A file is written under a
temporary name beside the target, synced to the disk and renamed when complete: an interrupted
run, a full disk or a failing device never leaves a truncated file that looks complete, nor a
temporary file, and never touches the previous output.
"""

from __future__ import annotations

import csv
import json
import math
import os
import re
import stat
import sys
import tempfile
from enum import Enum
from pathlib import Path
from typing import IO

from gzbg.extras import require

__all__ = [
    "Format",
    "OutputError",
    "check_output",
    "format_from_path",
    "open_writer",
    "render",
    "writable",
    "writable_rows",
    "write_text_atomically",
    "BINARY_FORMATS",
]


class Format(str, Enum):
    table = "table"
    csv = "csv"
    tsv = "tsv"
    json = "json"
    jsonl = "jsonl"
    parquet = "parquet"
    xlsx = "xlsx"
    dta = "dta"


BINARY_FORMATS = {Format.parquet, Format.xlsx, Format.dta}
_SUFFIXES = {
    ".csv": Format.csv,
    ".tsv": Format.tsv,
    ".json": Format.json,
    ".jsonl": Format.jsonl,
    ".ndjson": Format.jsonl,
    ".parquet": Format.parquet,
    ".xlsx": Format.xlsx,
    ".dta": Format.dta,
}
INTEGER_COLUMNS = {"report_year", "year", "year_end", "group", "repeat_of", "start", "end", "line"}
FLOAT_COLUMNS = {"value", "value_max", "value_std", "value_max_std"}
BOOL_COLUMNS = {"headline"}
STATA_LABEL_MAX = 80  # characters of a Stata variable label


def column_kinds(columns, types: dict[str, str] | None = None) -> dict[str, str]:
    """int, float, bool or str per column: ``types`` first (a comparison or check table), else the
    extract table's own columns."""
    types = types or {}
    return {
        c: types.get(c) or ("int" if c in INTEGER_COLUMNS else "float" if c in FLOAT_COLUMNS else "bool" if c in BOOL_COLUMNS else "str")
        for c in columns
    }


def kinds_of_frame(frame) -> dict[str, str]:
    """The column kinds of a DataFrame, for writing it with its types kept."""
    import pandas as pd

    kinds = {}
    for c in frame.columns:
        dtype = frame[c].dtype
        kinds[c] = (
            "bool"
            if pd.api.types.is_bool_dtype(dtype)
            else "int"
            if pd.api.types.is_integer_dtype(dtype)
            else "float"
            if pd.api.types.is_float_dtype(dtype)
            else "str"
        )
    return kinds


def format_from_path(path: Path) -> Format | None:
    return _SUFFIXES.get(path.suffix.lower())


def _missing(value) -> bool:
    return value is None or (isinstance(value, float) and math.isnan(value))


def _cell(value) -> str:
    if _missing(value):
        return ""
    if isinstance(value, float):
        return f"{value:.15g}"
    return str(value)


def _json_value(value):
    return None if _missing(value) else value


class _Writer:
    def __init__(self, columns: list[str]) -> None:
        self.columns = columns

    def write(self, rows: list[dict]) -> None:
        raise NotImplementedError

    def finish(self) -> None:
        """Complete the output; for a file, rename the temporary file to its name."""


class _TextWriter(_Writer):
    """CSV, TSV, JSON or JSON lines. The opening (a header line, a bracket) is written with the
    first rows or at the end: a run that reads no input prints nothing on standard output."""

    def __init__(self, columns, stream: IO[str], fmt: Format) -> None:
        super().__init__(columns)
        self.stream, self.fmt, self.count, self.opened = stream, fmt, 0, False
        if fmt in (Format.csv, Format.tsv):
            self.csv = csv.writer(stream, delimiter="," if fmt is Format.csv else "\t", lineterminator="\n")

    def _open(self) -> None:
        if self.opened:
            return
        self.opened = True
        if self.fmt in (Format.csv, Format.tsv):
            self.csv.writerow(self.columns)
        elif self.fmt is Format.json:
            self.stream.write("[")

    def write(self, rows):
        self._open()
        for row in rows:
            if self.fmt in (Format.csv, Format.tsv):
                self.csv.writerow([_cell(row.get(c)) for c in self.columns])
            else:
                record = json.dumps({c: _json_value(row.get(c)) for c in self.columns}, ensure_ascii=False)
                if self.fmt is Format.json:
                    self.stream.write(("," if self.count else "") + "\n" + record)
                else:
                    self.stream.write(record + "\n")
            self.count += 1

    def finish(self):
        self._open()
        if self.fmt is Format.json:
            self.stream.write("\n]\n" if self.count else "]\n")
        self.stream.flush()


class _ParquetWriter(_Writer):
    def __init__(self, columns, path: str, kinds: dict[str, str]) -> None:
        import pyarrow as pa
        import pyarrow.parquet as pq

        super().__init__(columns)
        arrow = {"int": pa.int64(), "float": pa.float64(), "bool": pa.bool_(), "str": pa.string()}
        self.kinds = kinds
        schema = pa.schema([pa.field(c, arrow[kinds[c]]) for c in columns])
        # pandas' own metadata, so that pandas.read_parquet gives the columns back with the types
        # gzbg.extract gives them (offsets int64, year_end and group nullable Int64), not an
        # integer column with a missing value as floats. Other tables' integers are nullable.
        import pandas as pd

        from gzbg.extraction.table import to_dataframe

        public = to_dataframe([]).dtypes
        pandas_types = {"int": "Int64", "float": "float64", "bool": "bool", "str": "object"}
        own = {c: column_kinds([c])[c] for c in columns}
        empty = pd.DataFrame(
            {c: pd.Series([], dtype=public[c] if c in public.index and own[c] == kinds[c] else pandas_types[kinds[c]]) for c in columns}
        )
        schema = schema.with_metadata(pa.Schema.from_pandas(empty, preserve_index=False).metadata)
        self.pa, self.schema = pa, schema
        self.writer = pq.ParquetWriter(path, self.schema)

    def write(self, rows):
        if rows:
            data = {c: [_json_value(r.get(c)) for r in rows] for c in self.columns}
            for c in self.columns:
                cast = {"float": float, "int": int, "bool": bool, "str": str}[self.kinds[c]]
                # an integer beyond int64 is still a float; a saved table may hold numbers as text
                data[c] = [None if v is None else cast(v) for v in data[c]]
            self.writer.write_table(self.pa.table(data, schema=self.schema))

    def finish(self):
        self.writer.close()


class _FrameWriter(_Writer):
    """Excel and Stata need the whole table: rows are kept and written at the end."""

    def __init__(self, columns, path: str, fmt: Format, kinds: dict[str, str], labels: dict[str, str] | None = None) -> None:
        super().__init__(columns)
        self.rows: list[dict] = []
        self.path, self.fmt, self.kinds, self.labels = path, fmt, kinds, labels or {}

    def write(self, rows):
        self.rows.extend(rows)

    def _frame(self):
        import pandas as pd

        from gzbg.extraction.table import to_dataframe

        base = _base_columns()
        if tuple(self.columns[: len(base)]) == tuple(base):
            return to_dataframe(self.rows, tuple(self.columns[len(base) :]))
        frame = pd.DataFrame(self.rows, columns=self.columns)
        for c, kind in self.kinds.items():
            frame[c] = frame[c].astype({"int": "Int64", "float": "float64", "bool": "boolean", "str": "object"}[kind])
        return frame

    def finish(self):
        frame = self._frame()
        if self.fmt is Format.xlsx:
            import pandas as pd
            from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE

            # Excel cannot hold control characters (openpyxl refuses the whole file): a --meta or
            # saved-table cell with one keeps its other characters, the control one as U+FFFD.
            for c in frame.columns:
                if frame[c].dtype == object:
                    frame[c] = frame[c].map(lambda v: ILLEGAL_CHARACTERS_RE.sub("\ufffd", v) if isinstance(v, str) else v)

            with pd.ExcelWriter(self.path, engine="openpyxl") as book:
                frame.to_excel(book, index=False, sheet_name="gzbg")
                sheet = book.sheets["gzbg"]
                for row in sheet.iter_rows():
                    for cell in row:
                        if cell.data_type == "f":  # report text such as =1+2… is text, never a formula
                            cell.data_type = "s"
                sheet.freeze_panes = "A2"  # the header stays in view
                sheet.auto_filter.ref = sheet.dimensions
        else:
            # Stata has no nullable integers or booleans: missing integers become Stata's missing
            # value (float), and booleans 0/1. Stata reserves the name `end`: it reads `_end`.
            out = frame.copy()
            for c, kind in self.kinds.items():
                if kind == "int":
                    out[c] = out[c].astype("float64") if out[c].isna().any() else out[c].astype("int64")
                elif kind == "bool":
                    out[c] = out[c].fillna(False).astype("int8")
            for c in out.columns:
                if out[c].dtype == object or str(out[c].dtype).startswith("str"):
                    out[c] = out[c].fillna("").astype(object)
            out = out.rename(columns={"end": "_end"})
            labels = {("_end" if c == "end" else c): label[:STATA_LABEL_MAX] for c, label in self.labels.items()}
            out.to_stata(self.path, write_index=False, version=118, variable_labels=labels or None)


def _base_columns():
    from gzbg.extraction.table import COLUMNS

    return COLUMNS


class OutputError(Exception):
    """The output cannot be written (a full disk, a device, a path that is an input); the message
    is one line that names it (``standard output`` for the pipe)."""


STDOUT_NAME = "standard output"
_ESCAPED_BYTE = re.compile("[\udc80-\udcff]")
_LONE_SURROGATE = re.compile("[\ud800-\udfff]")


def writable(value):
    """A cell every format can hold. A file name that is not valid UTF-8 comes from the file system
    surrogate-escaped (os.fsdecode); no format can encode that, and one such name would fail the
    whole output: its bytes are written as ``\\xff``, visible and unambiguous, and any other lone
    surrogate as U+FFFD."""
    if not isinstance(value, str) or value.isascii():
        return value
    try:
        value.encode("utf-8")
        return value
    except UnicodeEncodeError:
        escaped = _ESCAPED_BYTE.sub(lambda m: f"\\x{ord(m.group()) - 0xDC00:02x}", value)
        return _LONE_SURROGATE.sub("\ufffd", escaped)


def writable_rows(rows: list[dict]) -> list[dict]:
    return [{k: writable(v) for k, v in row.items()} for row in rows]


def _fsync(path: str | Path) -> None:
    """Flush a file (or a folder's entry list) to the disk: a rename is only as good as the data
    it points to, and a full disk or a failing device says so here, while the old file is intact."""
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


class _AtomicFile:
    """A temporary file beside ``path``; ``commit`` syncs it and renames it, ``abort`` removes it."""

    def __init__(self, path: Path) -> None:
        directory = path.parent if str(path.parent) else Path(".")
        # The suffix stays last: writers such as Excel's choose their engine by it.
        fd, self.tmp = tempfile.mkstemp(prefix=f".{path.stem}.", suffix=f".part{path.suffix}", dir=directory)
        os.close(fd)
        self.path, self.directory = path, directory

    def commit(self) -> None:
        umask = os.umask(0)
        os.umask(umask)
        os.chmod(self.tmp, 0o666 & ~umask)  # mkstemp makes it private; the output is not
        _fsync(self.tmp)
        os.replace(self.tmp, self.path)
        try:
            _fsync(self.directory)
        except OSError:  # not every file system syncs a folder; the rename is done either way
            pass

    def abort(self) -> None:
        try:
            os.unlink(self.tmp)
        except FileNotFoundError:
            pass


class OutputSink:
    """Where the table goes: standard output, a file written atomically, or (``direct``, for a
    device or a pipe given with --force) straight into the path."""

    def __init__(
        self,
        fmt: Format,
        columns: list[str],
        path: Path | None,
        types: dict[str, str] | None = None,
        labels: dict[str, str] | None = None,
        direct: bool = False,
    ) -> None:
        self.name = STDOUT_NAME if path is None else str(path)
        self.atomic: _AtomicFile | None = None
        self.handle: IO[str] | None = None
        self.to_stdout = path is None
        kinds = column_kinds(columns, types)
        try:
            if path is not None and not direct:
                self.atomic = _AtomicFile(path)
            target = self.atomic.tmp if self.atomic is not None else str(path)
            if fmt in BINARY_FORMATS:
                if path is None:
                    raise ValueError(f"-f {fmt.value} writes a file: give a path")
                if fmt is not Format.dta:
                    require("Parquet" if fmt is Format.parquet else "Excel")
                if fmt is Format.parquet:
                    self.writer: _Writer = _ParquetWriter(columns, target, kinds)
                else:
                    self.writer = _FrameWriter(columns, target, fmt, kinds, labels)
            else:
                stream: IO[str] = sys.stdout
                if path is not None:
                    self.handle = open(target, "w", encoding="utf-8", newline="")
                    stream = self.handle
                self.writer = _TextWriter(columns, stream, fmt)
        except OSError as exc:
            raise self._failed(exc) from None
        except BaseException:
            self.abort()
            raise

    def _failed(self, exc: OSError) -> OutputError:
        """Clean up after a write error; the error, naming the output, for the caller to raise."""
        self.abort()
        if self.to_stdout:
            silence_stdout()
        return OutputError(f"{self.name}: {exc.strerror or exc}")

    def write(self, rows: list[dict]) -> None:
        try:
            self.writer.write(writable_rows(rows))
        except OSError as exc:
            raise self._failed(exc) from None

    def close(self) -> None:
        try:
            self.writer.finish()
            if self.handle is not None:
                self.handle.close()
            if self.atomic is not None:
                self.atomic.commit()
        except OSError as exc:
            raise self._failed(exc) from None
        except BaseException:
            self.abort()
            raise

    def abort(self) -> None:
        """Remove what was written; safe to call twice and whatever failed before. The temporary
        file goes first: closing a handle on a full disk fails again (its buffer cannot be
        flushed), and that must not keep the file."""
        if self.atomic is not None:
            self.atomic.abort()
        if self.handle is not None and not self.handle.closed:
            try:
                self.handle.close()
            except OSError:
                pass
            if self.atomic is not None:
                self.atomic.abort()  # closing may have flushed into a fresh inode on some systems


def silence_stdout() -> None:
    """After standard output failed (a full disk, /dev/full), send what is left in its buffer to
    /dev/null: else Python flushes it again at exit and prints a second, raw error."""
    try:
        sys.stdout.flush()
    except (OSError, ValueError):
        pass
    try:
        fileno = sys.stdout.fileno()
    except (OSError, ValueError, AttributeError):  # a test's captured stream has no descriptor
        return
    null = os.open(os.devnull, os.O_WRONLY)
    os.dup2(null, fileno)
    os.close(null)


def check_output(path: Path | None, inputs, force: bool = False) -> None:
    """Refuse, before any work, an output path that would destroy or misuse something: one of the
    inputs (the same file by inode: a hard link, a symlink, another spelling), a folder, and —
    unless ``force`` — a symlink or anything that is not a regular file (a device such as
    /dev/sda, a named pipe). Raises OutputError with the reason."""
    if path is None:
        return
    try:
        link = path.lstat()
    except FileNotFoundError:
        return
    except OSError as exc:
        raise OutputError(f"{path}: {exc.strerror or exc}") from None
    try:
        info = path.stat()
    except OSError:
        info = None  # a dangling symlink: refused below unless forced
    if info is not None:
        for source in inputs:
            try:
                other = os.stat(source)
            except (OSError, ValueError):
                continue
            if (other.st_dev, other.st_ino) == (info.st_dev, info.st_ino):
                raise OutputError(f"{path}: is one of the inputs; write the output elsewhere")
        if stat.S_ISDIR(info.st_mode):
            raise OutputError(f"{path}: is a folder; give a file name")
    if force:
        return
    if stat.S_ISLNK(link.st_mode):
        raise OutputError(f"{path}: is a symbolic link; give --force to replace the file it points to")
    if not stat.S_ISREG(link.st_mode):
        raise OutputError(f"{path}: is not a regular file (a device or a pipe); give --force to write into it")


def output_target(path: Path | None, force: bool) -> tuple[Path | None, bool]:
    """Where a checked output is written and whether directly: a symlink's target (replaced
    atomically beside it, the link kept); a device or a pipe written straight into (it cannot be
    renamed over, and renaming over /dev/null would replace the device with a file)."""
    if path is None or not force or not os.path.lexists(path):
        return path, False
    real = Path(os.path.realpath(path))
    try:
        regular = stat.S_ISREG(os.stat(path).st_mode)
    except FileNotFoundError:  # a dangling link: the file it names is created
        return real, False
    # /dev/stdout and the like resolve to names that cannot be opened: a device is opened as given
    return (real, False) if regular else (path, True)


def write_text_atomically(path: Path, text: str, force: bool = False) -> None:
    """A whole text file, written under a temporary name and renamed when complete (a path that
    ``check_output`` accepted with ``force`` as a device or pipe is written straight into). A
    failure raises OutputError naming the path; the previous file is untouched."""
    target, direct = output_target(path, force)
    assert target is not None
    try:
        if direct:
            with open(target, "w", encoding="utf-8", newline="") as handle:
                handle.write(writable(text))
            return
        atomic = _AtomicFile(target)
        try:
            with open(atomic.tmp, "w", encoding="utf-8", newline="") as handle:
                handle.write(writable(text))
            atomic.commit()
        except BaseException:
            atomic.abort()
            raise
    except OSError as exc:
        raise OutputError(f"{path}: {exc.strerror or exc}") from None


def open_writer(
    fmt: Format,
    columns: list[str],
    path: Path | None = None,
    types: dict[str, str] | None = None,
    labels: dict[str, str] | None = None,
    force: bool = False,
) -> OutputSink:
    """A sink for rows of ``columns``; ``types`` (int, float, bool, str by column) for a table
    other than extract's; ``labels``: Stata variable labels by column. ``force``: the path was
    accepted by ``check_output`` with force (a symlink is followed, a device written directly).
    Failures to write raise OutputError, after the temporary file is removed."""
    target, direct = output_target(path, force)
    return OutputSink(fmt, columns, target, types, labels, direct)


def render(rows: list[dict], columns: list[str], fmt: Format) -> str:
    """The table as text (CSV, TSV, JSON, JSON Lines) — for tests and small outputs."""
    import io

    buffer = io.StringIO()
    writer = _TextWriter(columns, buffer, fmt)
    writer.write(writable_rows(rows))
    writer.finish()
    return buffer.getvalue()
