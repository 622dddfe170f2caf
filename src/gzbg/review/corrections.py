"""A reviewer's corrections, kept in a CSV file and applied to every later extraction.

A correction names a span of a report (doc, start, end) and says what to do with the row there:
``drop`` it, ``fix`` some of its columns, or ``add`` a row the extractor missed. Spans, not row
numbers, because row numbers move whenever the extractor changes; and the ``quantity`` written
beside the span is checked against the report, so that a correction for an edited report is
reported instead of landing on a different number.

The file (UTF-8, with or without BOM), one correction a line::

    doc,start,end,action,quantity,metric,value,value_max,unit,comparator,role,period,note
    report.txt,258,261,drop,56个,,,,,,,,a list number
    report.txt,349,351,fix,2个,完整社区(建成),,,,>=,,,
    report.txt,400,405,add,3.5万亩,高标准农田,35000,,亩,=,target,plan,

An empty cell keeps the extracted value; ``-`` empties a column (``value_max``, ``unit``, …).
"""

from __future__ import annotations

import bisect
import csv
import dataclasses
import io
import os
from dataclasses import dataclass, field
from pathlib import Path

from gzbg.extraction.table import COLUMNS, Row, one_line, to_dataframe, with_dtypes
from gzbg.vocab import Comparator, Direction, Measure, Period, Role, Wording, values

__all__ = [
    "ACTIONS", "CLEAR", "CORRECTION_COLUMNS", "SETTABLE", "Correction", "CorrectionsError",
    "apply_corrections", "corrections_csv", "format_cell", "parse_corrections", "read_corrections",
    "same_doc",
]

ACTIONS = ("drop", "fix", "add")
CLEAR = "-"  # a cell that empties the column (an empty cell leaves it as extracted)
_KEY = ("doc", "start", "end", "action")
# Derived from the span and the text, so never set by hand: the span is the row's identity.
_DERIVED = {"doc", "start", "end", "line", "quantity", "sentence"}
# Facts about the report, not the row: an added row takes them from the report's other rows.
_DOC_LEVEL = ("place", "level", "report_year")
SETTABLE = tuple(c for c in COLUMNS if c not in _DERIVED and c not in _DOC_LEVEL)
# The columns the review page edits, then the rest: the order ``corrections_csv`` writes.
_PAGE_FIELDS = ("metric", "value", "value_max", "unit", "comparator", "role", "period")
CORRECTION_COLUMNS = (("doc", "start", "end", "action", "quantity") + _PAGE_FIELDS
                      + tuple(c for c in SETTABLE if c not in _PAGE_FIELDS) + ("note",))

_CHOICES = {"comparator": values(Comparator), "role": values(Role), "period": values(Period), "measure": values(Measure),
            "direction": values(Direction), "wording": values(Wording)}
_FLOATS = {"value", "value_max"}
_INTS = {"year", "year_end", "group"}
_BOOLS = {"headline": {"true": True, "1": True, "yes": True, "false": False, "0": False, "no": False}}
_REQUIRED = {"value", "comparator", "role", "headline"}  # never empty in an extracted row


class CorrectionsError(ValueError):
    """A corrections file that cannot be read; the message names the file and line."""


@dataclass(frozen=True)
class Correction:
    doc: str
    start: int
    end: int
    action: str
    quantity: str | None  # the text the reviewer saw at start:end; None when not written
    fields: dict = field(default_factory=dict)  # column → value to set; None empties it
    note: str = ""
    origin: str = ""  # "file.csv:12", for messages


def _cell(name: str, raw: str, where: str):
    """A cell's value as the column's type; None for ``-`` (empty the column)."""
    if raw == CLEAR:
        if name in _REQUIRED:
            raise CorrectionsError(f"{where}: {name} cannot be emptied")
        return None
    if name in _FLOATS:
        try:
            number = float(raw)
        except ValueError:
            raise CorrectionsError(f"{where}: {name} {raw!r} is not a number") from None
        if number != number or number in (float("inf"), float("-inf")):
            raise CorrectionsError(f"{where}: {name} {raw!r} is not a finite number")
        return number
    if name in _INTS:
        try:
            return int(raw)
        except ValueError:
            raise CorrectionsError(f"{where}: {name} {raw!r} is not a whole number") from None
    if name in _BOOLS:
        value = _BOOLS[name].get(raw.lower())
        if value is None:
            raise CorrectionsError(f"{where}: {name} {raw!r} is not true or false")
        return value
    if name in _CHOICES and raw not in _CHOICES[name]:
        allowed = ", ".join(sorted(_CHOICES[name]))
        raise CorrectionsError(f"{where}: {name} {raw!r} is not one of {allowed}")
    return raw


def _correction(record: dict, where: str) -> Correction:
    for name in _KEY:
        if not (record.get(name) or "").strip():
            raise CorrectionsError(f"{where}: {name} is empty")
    try:
        start, end = int(record["start"]), int(record["end"])
    except ValueError:
        raise CorrectionsError(f"{where}: start and end must be whole numbers") from None
    if not 0 <= start < end:
        raise CorrectionsError(f"{where}: the span {start}-{end} is empty or negative")
    action = record["action"].strip().lower()
    if action not in ACTIONS:
        raise CorrectionsError(f"{where}: action {record['action']!r} is not one of {', '.join(ACTIONS)}")
    fields = {name: _cell(name, raw, where) for name, raw in record.items()
              if name in SETTABLE and raw != ""}
    if action == "drop" and fields:
        raise CorrectionsError(f"{where}: a drop sets no columns (it sets {', '.join(fields)})")
    if action == "fix" and not fields:
        raise CorrectionsError(f"{where}: a fix sets at least one column")
    if action == "add" and fields.get("value") is None:
        raise CorrectionsError(f"{where}: an add needs a value")
    quantity = record.get("quantity") or None
    return Correction(record["doc"], start, end, action, quantity, fields, record.get("note") or "", where)


def parse_corrections(text: str, name: str = "corrections") -> list[Correction]:
    """Corrections from CSV text; ``name`` (the file) starts every error message.

    Raises CorrectionsError (a ValueError) at the first bad line: a misspelt column, an unknown
    action, a value that is not a number, two corrections of one span.
    """
    text = text.lstrip("\ufeff")
    reader = csv.reader(io.StringIO(text, newline=""))
    try:
        header = next(reader)
    except StopIteration:
        raise CorrectionsError(f"{name}: empty file (it needs a header line)") from None
    header = [h.strip() for h in header]
    unknown = [h for h in header if h not in CORRECTION_COLUMNS]
    if unknown:
        raise CorrectionsError(f"{name}:1: unknown column(s) {', '.join(map(repr, unknown))}; "
                               f"columns are {', '.join(CORRECTION_COLUMNS)}")
    missing = [h for h in _KEY if h not in header]
    if missing:
        raise CorrectionsError(f"{name}:1: missing column(s) {', '.join(missing)}")
    twice = sorted({h for h in header if header.count(h) > 1})
    if twice:
        raise CorrectionsError(f"{name}:1: column(s) {', '.join(twice)} given twice")
    corrections: list[Correction] = []
    seen: dict[tuple[str, int, int], str] = {}
    line = reader.line_num + 1
    for cells in reader:
        where = f"{name}:{line}"
        line = reader.line_num + 1
        if not any(c.strip() for c in cells):
            continue
        if len(cells) != len(header):
            raise CorrectionsError(f"{where}: {len(cells)} cells for {len(header)} columns")
        c = _correction(dict(zip(header, cells)), where)
        key = (c.doc, c.start, c.end)
        if key in seen:
            raise CorrectionsError(f"{where}: a second correction of {c.doc} {c.start}-{c.end} "
                                   f"(the first is at {seen[key]})")
        seen[key] = where
        corrections.append(c)
    return corrections


def read_corrections(path: str | Path) -> list[Correction]:
    """Corrections from a CSV file (UTF-8 with or without BOM, as the review page saves it)."""
    path = Path(path)
    try:
        text = path.read_text(encoding="utf-8-sig")
    except UnicodeDecodeError as exc:
        raise CorrectionsError(f"{path}: not UTF-8 (byte {exc.start})") from None
    return parse_corrections(text, str(path))


def format_cell(value) -> str:
    """A value to set as a corrections file writes it: ``-`` for an emptied column."""
    if value is None:
        return CLEAR
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float):
        return f"{value:.15g}"
    return str(value)


def corrections_csv(corrections: list[Correction]) -> str:
    """Corrections as CSV text, in the format ``parse_corrections`` reads and the page writes."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(CORRECTION_COLUMNS)
    for c in corrections:
        cells = {"doc": c.doc, "start": c.start, "end": c.end, "action": c.action,
                 "quantity": c.quantity or "", "note": c.note}
        cells.update({k: format_cell(v) for k, v in c.fields.items()})
        writer.writerow([cells.get(name, "") for name in CORRECTION_COLUMNS])
    return buffer.getvalue()


def same_doc(a: str, b: str) -> bool:
    """Whether two doc names are one report: ``./a.txt`` is ``a.txt``."""
    return a == b or os.path.normpath(a) == os.path.normpath(b)


def _default(type_name: str):
    """The value an added row gets in a column nobody set: from the Row field's annotation."""
    if "None" in type_name:
        return None
    return False if type_name == "bool" else ""


def _added_row(doc: str, text: str, c: Correction, sibling: dict | None) -> Row:
    """A row for a span the extractor missed, placed in the outline like an extracted one."""
    from gzbg.extraction.sections import find_paragraph, paragraphs
    from gzbg.extraction.sentences import sentence_spans
    from gzbg.read.decode import normalise

    norm = normalise(text)
    para = find_paragraph(paragraphs(norm), c.start)
    sentence = (c.start, c.end)
    if para is not None:
        sentence = next(((s, e) for s, e in sentence_spans(norm, para.start, para.end)
                         if s <= c.start < e), (para.start, para.end))
    newlines = [i for i, ch in enumerate(text) if ch == "\n"]
    values = {f.name: _default(str(f.type)) for f in dataclasses.fields(Row)}
    values.update(comparator="=", role="target")
    values.update({k: sibling[k] for k in _DOC_LEVEL if sibling is not None and k in values})
    values.update(
        doc=doc, quantity=text[c.start:c.end], start=c.start, end=c.end,
        sentence=one_line(text[sentence[0]:sentence[1]]),
        line=bisect.bisect_right(newlines, c.start - 1) + 1,
        part=para.part.text if para and para.part else "",
        section=para.section.text if para and para.section else "",
        topic=para.topic if para else "",
    )
    for name, value in c.fields.items():
        values[name] = _default(str(next(f.type for f in dataclasses.fields(Row) if f.name == name))) \
            if value is None else value
    return Row(**values)


def _empty(name: str):
    import pandas as pd

    if name == "value_max":
        return float("nan")
    if name in _INTS:
        return pd.NA
    return ""


def apply_corrections(frame, corrections: list[Correction], texts: dict[str, str]):
    """The table with the corrections applied, and the corrections that could not be.

    ``texts`` maps each doc to its report text; corrections for other docs are left aside (one
    file can hold a whole corpus' corrections). Apply before filtering the table: a drop or fix
    whose row is filtered out would be reported as missing. A correction is reported, and not
    applied, when its span lies outside the text, when the text there differs from its
    ``quantity`` (the report changed), when no row has its span (drop, fix), or when a row
    already covers part of it (add).

    Returns ``(frame, problems)``: a new frame, in text order when rows were added, and one
    message a problem, ``file:line: doc start-end action: reason``.
    """
    import pandas as pd

    dtypes = frame.dtypes.to_dict()
    frame = frame.copy()
    problems: list[str] = []
    dropped: set = set()
    adds: list[tuple[str, str, Correction]] = []
    # Drops and fixes first: an add may replace a dropped row's span (120公里 → 120公里以上).
    for c in corrections:
        doc = next((d for d in texts if same_doc(d, c.doc)), None)
        if doc is None:
            continue
        text = texts[doc]
        where = f"{c.origin}: {c.doc} {c.start}-{c.end} {c.action}"
        if c.end > len(text):
            problems.append(f"{where}: the span is past the end of the report ({len(text)} characters); "
                            "the report has changed — not applied")
            continue
        actual = text[c.start:c.end]
        if c.quantity is not None and actual != c.quantity:
            problems.append(f"{where}: expected {c.quantity!r} but the report has {actual!r} there; "
                            "the report has changed — not applied")
            continue
        if c.action == "add":
            adds.append((doc, where, c))
            continue
        match = frame.index[_in_doc(frame, doc) & (frame["start"] == c.start) & (frame["end"] == c.end)]
        if len(match) == 0:
            problems.append(f"{where}: no extracted row has this span ({actual!r}); the extractor "
                            "reads it differently now — not applied")
        elif c.action == "drop":
            dropped.update(match)
        else:
            for name, value in c.fields.items():
                frame[name] = frame[name].astype(object)
                frame.loc[match, name] = _empty(name) if value is None else value
    frame = frame.drop(index=sorted(dropped))
    added: list[Row] = []
    for doc, where, c in adds:
        kept = frame[_in_doc(frame, doc) & (frame["start"] < c.end) & (frame["end"] > c.start)]
        twice = [r for r in added if r.doc == doc and r.start < c.end and r.end > c.start]
        if len(kept) or twice:
            quantity, start, end = ((kept.iloc[0]["quantity"], kept.iloc[0]["start"], kept.iloc[0]["end"])
                                    if len(kept) else (twice[0].quantity, twice[0].start, twice[0].end))
            problems.append(f"{where}: a row already reads {quantity!r} at {start}-{end}; "
                            "fix or drop that row instead — not applied")
            continue
        siblings = frame[_in_doc(frame, doc)]
        sibling = _plain(siblings.iloc[0].to_dict()) if len(siblings) else None
        added.append(_added_row(doc, texts[doc], c, sibling))
    if added:
        frame = pd.concat([frame, to_dataframe(added)], ignore_index=True)
        order = {d: i for i, d in enumerate(dict.fromkeys(list(frame["doc"])))}
        frame = frame.assign(_doc=frame["doc"].map(order)).sort_values(
            ["_doc", "start", "end"], kind="stable").drop(columns="_doc")
    frame = with_dtypes(frame.reset_index(drop=True))
    return frame.astype({k: v for k, v in dtypes.items() if k in frame.columns}), problems


def _plain(record: dict) -> dict:
    """pandas' missing values (NA, NaN) as None, as a Row holds them."""
    import pandas as pd

    return {k: (None if not isinstance(v, str) and pd.isna(v) else v) for k, v in record.items()}


def _in_doc(frame, doc: str):
    return frame["doc"].map(lambda d: same_doc(d, doc))
