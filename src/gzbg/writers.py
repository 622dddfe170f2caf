"""Write the table: CSV, TSV, JSON, JSON Lines, Parquet, Excel and Stata.

Rows are written as they come (one document at a time) where the format allows it, so memory does
not grow with the corpus; JSON, Excel and Stata are assembled at the end. A file is written under a
temporary name beside the target and renamed when complete: an interrupted run never leaves a
truncated file that looks complete.
"""

from __future__ import annotations

import csv
import json
import math
import os
import sys
import tempfile
from enum import Enum
from pathlib import Path
from typing import IO

from gzbg.extras import require

__all__ = ["Format", "format_from_path", "open_writer", "render", "write_text_atomically", "BINARY_FORMATS"]


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
_SUFFIXES = {".csv": Format.csv, ".tsv": Format.tsv, ".json": Format.json, ".jsonl": Format.jsonl,
             ".ndjson": Format.jsonl, ".parquet": Format.parquet, ".xlsx": Format.xlsx, ".dta": Format.dta}
INTEGER_COLUMNS = {"report_year", "year", "year_end", "group", "repeat_of", "start", "end", "line"}
FLOAT_COLUMNS = {"value", "value_max", "value_std", "value_max_std"}
BOOL_COLUMNS = {"headline"}
STATA_LABEL_MAX = 80  # characters of a Stata variable label


def column_kinds(columns, types: dict[str, str] | None = None) -> dict[str, str]:
    """int, float, bool or str per column: ``types`` first (a comparison or check table), else the
    extract table's own columns."""
    types = types or {}
    return {c: types.get(c) or ("int" if c in INTEGER_COLUMNS else "float" if c in FLOAT_COLUMNS
                                else "bool" if c in BOOL_COLUMNS else "str") for c in columns}


def kinds_of_frame(frame) -> dict[str, str]:
    """The column kinds of a DataFrame, for writing it with its types kept."""
    import pandas as pd

    kinds = {}
    for c in frame.columns:
        dtype = frame[c].dtype
        kinds[c] = ("bool" if pd.api.types.is_bool_dtype(dtype) else "int" if pd.api.types.is_integer_dtype(dtype)
                    else "float" if pd.api.types.is_float_dtype(dtype) else "str")
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
    def __init__(self, columns, stream: IO[str], fmt: Format) -> None:
        super().__init__(columns)
        self.stream, self.fmt, self.count = stream, fmt, 0
        if fmt in (Format.csv, Format.tsv):
            self.csv = csv.writer(stream, delimiter="," if fmt is Format.csv else "\t", lineterminator="\n")
            self.csv.writerow(columns)
        elif fmt is Format.json:
            stream.write("[")

    def write(self, rows):
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
        self.pa, self.schema = pa, pa.schema([pa.field(c, arrow[kinds[c]]) for c in columns])
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

    def __init__(self, columns, path: str, fmt: Format, kinds: dict[str, str],
                 labels: dict[str, str] | None = None) -> None:
        super().__init__(columns)
        self.rows: list[dict] = []
        self.path, self.fmt, self.kinds, self.labels = path, fmt, kinds, labels or {}

    def write(self, rows):
        self.rows.extend(rows)

    def _frame(self):
        import pandas as pd

        from gzbg.extraction.table import to_dataframe

        base = _base_columns()
        if tuple(self.columns[:len(base)]) == tuple(base):
            return to_dataframe(self.rows, tuple(self.columns[len(base):]))
        frame = pd.DataFrame(self.rows, columns=self.columns)
        for c, kind in self.kinds.items():
            frame[c] = frame[c].astype({"int": "Int64", "float": "float64", "bool": "boolean", "str": "object"}[kind])
        return frame

    def finish(self):
        frame = self._frame()
        if self.fmt is Format.xlsx:
            import pandas as pd

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


class _AtomicFile:
    """A temporary file beside ``path``; ``commit`` renames it, ``abort`` removes it."""

    def __init__(self, path: Path) -> None:
        directory = path.parent if str(path.parent) else Path(".")
        # The suffix stays last: writers such as Excel's choose their engine by it.
        fd, self.tmp = tempfile.mkstemp(prefix=f".{path.stem}.", suffix=f".part{path.suffix}", dir=directory)
        os.close(fd)
        self.path = path

    def commit(self) -> None:
        umask = os.umask(0)
        os.umask(umask)
        os.chmod(self.tmp, 0o666 & ~umask)  # mkstemp makes it private; the output is not
        os.replace(self.tmp, self.path)

    def abort(self) -> None:
        if os.path.exists(self.tmp):
            os.unlink(self.tmp)


class OutputSink:
    """Where the table goes: standard output or a file written atomically."""

    def __init__(self, fmt: Format, columns: list[str], path: Path | None,
                 types: dict[str, str] | None = None, labels: dict[str, str] | None = None) -> None:
        self.atomic = _AtomicFile(path) if path is not None else None
        self.handle = None
        kinds = column_kinds(columns, types)
        try:
            if fmt in BINARY_FORMATS:
                if self.atomic is None:
                    raise ValueError(f"-f {fmt.value} writes a file: give a path")
                if fmt is not Format.dta:
                    require("Parquet" if fmt is Format.parquet else "Excel")
                if fmt is Format.parquet:
                    self.writer: _Writer = _ParquetWriter(columns, self.atomic.tmp, kinds)
                else:
                    self.writer = _FrameWriter(columns, self.atomic.tmp, fmt, kinds, labels)
            else:
                stream: IO[str] = sys.stdout
                if self.atomic is not None:
                    self.handle = open(self.atomic.tmp, "w", encoding="utf-8", newline="")
                    stream = self.handle
                self.writer = _TextWriter(columns, stream, fmt)
        except BaseException:
            self.abort()
            raise

    def write(self, rows: list[dict]) -> None:
        self.writer.write(rows)

    def close(self) -> None:
        try:
            self.writer.finish()
            if self.handle is not None:
                self.handle.close()
            if self.atomic is not None:
                self.atomic.commit()
        except BaseException:
            self.abort()
            raise

    def abort(self) -> None:
        if self.handle is not None and not self.handle.closed:
            self.handle.close()
        if self.atomic is not None:
            self.atomic.abort()


def write_text_atomically(path: Path, text: str) -> None:
    """A whole text file, written under a temporary name and renamed when complete."""
    atomic = _AtomicFile(path)
    try:
        with open(atomic.tmp, "w", encoding="utf-8", newline="") as handle:
            handle.write(text)
        atomic.commit()
    except BaseException:
        atomic.abort()
        raise


def open_writer(fmt: Format, columns: list[str], path: Path | None = None,
                types: dict[str, str] | None = None, labels: dict[str, str] | None = None) -> OutputSink:
    """A sink for rows of ``columns``; ``types`` (int, float, bool, str by column) for a table
    other than extract's; ``labels``: Stata variable labels by column."""
    return OutputSink(fmt, columns, path, types, labels)


def render(rows: list[dict], columns: list[str], fmt: Format) -> str:
    """The table as text (CSV, TSV, JSON, JSON Lines) — for tests and small outputs."""
    import io

    buffer = io.StringIO()
    writer = _TextWriter(columns, buffer, fmt)
    writer.write(rows)
    writer.finish()
    return buffer.getvalue()
