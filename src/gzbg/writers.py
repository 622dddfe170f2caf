"""Write the table in the formats researchers read: CSV, TSV, JSON, JSON Lines.

A file is written to a temporary name beside the target and renamed at the end, so an
interrupted run never leaves a truncated file that looks complete.
"""

from __future__ import annotations

import io
import os
import tempfile
from enum import Enum
from pathlib import Path

__all__ = ["Format", "format_from_path", "render", "write_file"]


class Format(str, Enum):
    table = "table"
    csv = "csv"
    tsv = "tsv"
    json = "json"
    jsonl = "jsonl"


_SUFFIXES = {".csv": Format.csv, ".tsv": Format.tsv, ".json": Format.json, ".jsonl": Format.jsonl,
             ".ndjson": Format.jsonl}


def format_from_path(path: Path) -> Format | None:
    return _SUFFIXES.get(path.suffix.lower())


def render(frame, fmt: Format) -> str:
    """The table as text in a machine-readable format."""
    if fmt is Format.csv or fmt is Format.tsv:
        buffer = io.StringIO()
        frame.to_csv(buffer, index=False, sep="," if fmt is Format.csv else "\t",
                     float_format="%.15g", lineterminator="\n")
        return buffer.getvalue()
    if fmt is Format.json:
        return frame.to_json(orient="records", force_ascii=False, indent=1) + "\n"
    if fmt is Format.jsonl:
        if frame.empty:
            return ""
        return frame.to_json(orient="records", force_ascii=False, lines=True).rstrip("\n") + "\n"
    raise ValueError(f"{fmt.value} is not a text format")


def write_file(frame, fmt: Format, path: Path) -> None:
    """Write atomically: a temporary file in the same folder, renamed when complete."""
    text = render(frame, fmt)
    directory = path.parent if str(path.parent) else Path(".")
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".part", dir=directory)
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="") as handle:
            handle.write(text)
        os.replace(tmp, path)
    except BaseException:
        if os.path.exists(tmp):
            os.unlink(tmp)
        raise
