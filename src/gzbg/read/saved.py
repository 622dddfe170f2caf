"""Inputs of diff and track: a report to extract, or a table that ``gzbg extract`` saved earlier.

A saved table loses its types on the way through CSV or JSON (a CSV cell is text; JSON has no
integer-or-empty; Stata has no nullable integers), so they are restored here to those of
``gzbg.extraction.table.to_dataframe``: comparing ``value`` needs floats, and offsets must stay integers to
point back into the report. The types are read from an empty public table, so a column added to
the table later is restored without a change here.
"""

from __future__ import annotations

import os
import zipfile
from pathlib import Path

from gzbg.extras import require
from gzbg.read.decode import ReadError
from gzbg.read.limits import DEFAULT_MAX_SIZE, check_archive, check_size

__all__ = ["TABLE_SUFFIXES", "REQUIRED", "is_table", "load_table", "reports_named", "restore_types"]

TABLE_SUFFIXES = (".csv", ".tsv", ".json", ".jsonl", ".ndjson", ".parquet", ".xlsx", ".dta")

# What diff and track read; a table without one of these cannot be compared. The other columns of
# the public table are filled in empty when a hand-made table leaves them out.
REQUIRED = ("metric", "quantity", "value", "unit", "comparator", "role", "period", "start", "end")

_TRUE = {"true", "1", "yes", "y", "t"}
_STATA_RENAMED = {"_end": "end"}  # Stata reserves the name `end`; the dta writer saves `_end`


def load_table(
    source,
    year: int | None = None,
    lexicon_dir: str | Path | None = None,
    encoding: str | None = None,
    corrections=(),
    problems: list | None = None,
    max_size: int | None = DEFAULT_MAX_SIZE,
):
    """The table of one report: a DataFrame as given, a saved table read back, or a report extracted.

    ``source`` is a pandas DataFrame (returned as is), or a path: ``.csv .tsv .json .jsonl .ndjson
    .parquet .xlsx .dta`` is read as a table saved by ``gzbg extract``; anything else is read as a
    report (.txt, .md, .html, .docx, .pdf — ``gzbg.read.formats``), decoded (``encoding`` skips
    detection) and extracted with ``year`` and ``lexicon_dir``. A string is always a path, never
    report text: ``gzbg.extract(text)`` makes a DataFrame of a text.

    Raises ReadError for a report or file that cannot be read, ValueError for a table that lacks a
    required column (``REQUIRED``) or holds a value of the wrong type; the message names the column.
    ``corrections`` (gzbg.review.corrections records) are applied to a report extracted here; those that
    no longer fit are appended to ``problems``. ``max_size``: the largest file read, in bytes (a
    saved .xlsx: the most it may expand to; ``gzbg.read.limits``).
    """
    import pandas as pd

    if isinstance(source, pd.DataFrame):
        return source
    if not isinstance(source, (str, os.PathLike)):
        raise TypeError(f"a DataFrame or a path, not {type(source).__name__}")
    path = Path(source)
    if path.suffix.lower() not in TABLE_SUFFIXES:
        from gzbg.extraction.pipeline import extract_rows
        from gzbg.extraction.table import to_dataframe
        from gzbg.read.formats import read_document

        text = read_document(path, encoding, max_size)
        directory = Path(lexicon_dir) if lexicon_dir is not None else None
        frame = to_dataframe(extract_rows(text, str(path), directory, year))
        if corrections:
            # A reviewer's corrections (gzbg.review.corrections) apply to a report read here as they do
            # to `gzbg extract --corrections`; a saved table already carries its own.
            from gzbg.review.corrections import apply_corrections

            frame, found = apply_corrections(frame, list(corrections), {str(path): text})
            if problems is not None:
                problems.extend(found)
        return frame
    if not path.exists():
        raise ReadError("no such file")
    if path.is_dir():
        raise ReadError("is a folder, not a file")
    check_size(path, max_size)
    if path.suffix.lower() == ".xlsx":
        check_archive(path, max_size, ".xlsx")  # an .xlsx is a zip: refused before it expands
    return restore_types(_read_saved(path), str(path))


def _read_saved(path: Path):
    import pandas as pd

    suffix = path.suffix.lower()
    try:
        if suffix in (".csv", ".tsv"):
            return pd.read_csv(path, sep="," if suffix == ".csv" else "\t", dtype=str, keep_default_na=False, encoding="utf-8-sig")
        if suffix == ".parquet":
            require("Parquet")
            return pd.read_parquet(path)
        if suffix == ".xlsx":
            require("Excel")
            return pd.read_excel(path, dtype=str, keep_default_na=False, engine="openpyxl")
        if suffix == ".dta":
            return pd.read_stata(path).rename(columns=_STATA_RENAMED)
        text = path.read_text(encoding="utf-8-sig")
        if not text.strip() or text.strip() == "[]":  # an extraction that found nothing
            from gzbg.extraction.table import COLUMNS

            return pd.DataFrame(columns=list(COLUMNS))
        from io import StringIO

        return pd.read_json(StringIO(text), orient="records", lines=suffix != ".json", dtype=False)
    except ImportError as exc:
        raise ValueError(f"{path}: reading {suffix} needs a package that is missing ({exc})") from None
    except UnicodeDecodeError as exc:
        raise ReadError(f"not UTF-8 (byte {exc.start})") from None
    except (OSError, zipfile.BadZipFile, KeyError) as exc:  # a damaged Parquet, Excel or Stata file
        raise ReadError(f"not a readable {suffix} table ({exc.__class__.__name__})") from None
    except pd.errors.EmptyDataError:
        raise ValueError(f"{path}: empty table (not even a header line)") from None
    except ValueError as exc:
        raise ValueError(f"{path}: not a table saved by gzbg extract ({exc})") from None


def is_table(argument: str) -> bool:
    """Whether a command-line argument names a saved table rather than a report."""
    path = Path(argument)
    return path.suffix.lower() in TABLE_SUFFIXES and path.is_file()


def reports_named(path: Path) -> tuple[list, list[tuple[str, str]]]:
    """The reports a saved table (of gzbg extract, panel or check) names in its ``doc`` column,
    as inputs to read again, and (name, reason) for those not found. A doc is looked for as
    given, then beside the table (a folder run writes docs relative to its folder)."""
    from gzbg.read.inputs import Input

    frame = _read_saved(path)
    if "doc" not in frame.columns:
        raise ValueError(f"{path}: a table without a doc column names no report")
    inputs, missing = [], []
    for doc in dict.fromkeys(str(d) for d in frame["doc"] if str(d).strip()):
        found = next((c for c in (Path(doc), path.parent / doc) if c.is_file()), None)
        if found is None:
            missing.append((doc, f"no such file (named in {path})"))
        else:
            inputs.append(Input(found, doc))
    return inputs, missing


def restore_types(frame, name: str = "table"):
    """The column types of ``to_dataframe``; columns a saved table leaves out are filled in empty.

    Columns that are not in the public table (those of ``--meta``) are kept as they are.
    """
    import pandas as pd

    from gzbg.extraction.table import to_dataframe

    missing = [c for c in REQUIRED if c not in frame.columns]
    if missing:
        raise ValueError(f"{name}: no column {', '.join(missing)} (a table saved by gzbg extract has them)")
    public = to_dataframe([]).dtypes
    out = frame.copy().reset_index(drop=True)
    for column, dtype in public.items():
        given = column in out.columns
        values = out[column] if given else pd.Series([None] * len(out), index=out.index, dtype=object)
        if dtype == "bool":
            out[column] = values.map(lambda v: False if _empty(v) else str(v).strip().lower() in _TRUE).astype(bool)
        elif dtype == "float64":
            out[column] = _numbers(values, column, name)
        elif str(dtype) in ("int64", "Int64"):
            numbers = _numbers(values, column, name)
            if (numbers.dropna() % 1 != 0).any():
                raise ValueError(f"{name}: column {column} must hold whole numbers")
            if column in REQUIRED and numbers.isna().any():
                raise ValueError(f"{name}: column {column} is empty on some rows")
            # A line number a hand-made table leaves out stays empty rather than a made-up 0.
            out[column] = numbers.astype(dtype if given and not numbers.isna().any() else "Int64")
        else:
            out[column] = values.map(lambda v: "" if _empty(v) else str(v)).astype(str)
    if "wording" not in frame.columns:
        out["wording"] = "neutral"  # the extractor's word for no cue
    extra = [c for c in out.columns if c not in public.index]
    return out[list(public.index) + extra]


def _empty(value) -> bool:
    if value is None:
        return True
    if isinstance(value, str):
        return not value.strip()
    try:
        return bool(value != value)  # NaN
    except (TypeError, ValueError):  # pd.NA: bool(NA) raises
        return True


def _numbers(values, column: str, name: str):
    import pandas as pd

    cleaned = values.map(lambda v: None if _empty(v) else v)
    try:
        return pd.to_numeric(cleaned, errors="raise").astype("float64")
    except (ValueError, TypeError):
        bad = next(v for v in cleaned if v is not None and _not_number(v))
        raise ValueError(f"{name}: column {column} holds {bad!r}, not a number") from None


def _not_number(value) -> bool:
    try:
        float(value)
    except (TypeError, ValueError):
        return True
    return False
