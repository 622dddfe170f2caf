"""A reviewer's corrections, kept in a CSV file and applied to every later extraction.

A correction names a span of a report (doc, start, end) and says what to do with the row there:
``accept`` it as read (a reviewer checked it), ``drop`` it, ``fix`` some of its columns, or ``add``
a row the extractor missed. Spans, not row numbers, because row numbers move whenever the
extractor changes; and the ``quantity`` written beside the span is checked against the report, so
that a correction for an edited report is reported instead of landing on a different number.

A correction finds its report by the report's content (``fingerprint``: a hash of the text, so a
corpus that was moved, or named by an absolute path instead of a relative one, still matches) or,
when it has no fingerprint, by its path (``./a.txt`` is ``a.txt`` is ``/here/a.txt``).

The file (UTF-8, with or without BOM), one correction a line; the columns after ``quantity`` are
optional and may come in any order (``CORRECTION_COLUMNS`` is the order the page writes)::

    doc,fingerprint,start,end,action,quantity,metric,value,unit,comparator,note
    report.txt,3f0c9a1b2d4e5f60,258,261,drop,56个,,,,,a list number
    report.txt,3f0c9a1b2d4e5f60,349,351,fix,2个,完整社区(建成),,,>=,
    report.txt,3f0c9a1b2d4e5f60,400,405,add,3.5万亩,高标准农田,35000,亩,=,

An empty cell keeps the extracted value; ``-`` empties a column (``value_max``, ``unit``, …).
``value_std``, ``value_max_std`` and ``unit_std`` follow a fixed value, unit or indicator.
"""

from __future__ import annotations

import bisect
import csv
import dataclasses
import hashlib
import io
import os
from dataclasses import dataclass, field
from enum import Enum
from pathlib import Path

from gzbg.extraction.table import COLUMNS, Row, one_line, to_dataframe, with_dtypes
from gzbg.vocab import Comparator, Direction, Measure, PartKind, Period, Relation, Role, Wording, values

__all__ = [
    "ACTIONS",
    "CHOICE_SETS",
    "CLEAR",
    "CORRECTION_COLUMNS",
    "SETTABLE",
    "Correction",
    "CorrectionsError",
    "apply_corrections",
    "corrections_csv",
    "corrections_for",
    "format_cell",
    "matching",
    "parse_corrections",
    "read_corrections",
    "same_doc",
    "text_fingerprint",
    "unmatched_message",
]

ACTIONS = ("accept", "drop", "fix", "add")
CLEAR = "-"  # a cell that empties the column (an empty cell leaves it as extracted)
_KEY = ("doc", "start", "end", "action")
# Derived from the span and the text, so never set by hand: the span is the row's identity.
_DERIVED = {"doc", "start", "end", "line", "quantity", "sentence"}
# Computed from value, unit and indicator (indicators.tsv, unit_conversions.tsv) after a fix.
_STANDARD = ("value_std", "value_max_std", "unit_std")
# Facts about the report, not the row: an added row takes them from the report's other rows.
_DOC_LEVEL = ("place", "level", "report_year")
SETTABLE = tuple(c for c in COLUMNS if c not in _DERIVED and c not in _DOC_LEVEL and c not in _STANDARD)
# The columns the review page edits, then the rest: the order ``corrections_csv`` writes.
PAGE_FIELDS = (
    "metric",
    "indicator",
    "value",
    "value_max",
    "unit",
    "comparator",
    "role",
    "period",
    "headline",
    "measure",
    "direction",
    "wording",
    "year",
    "relation",
    "part_kind",
)
CORRECTION_COLUMNS = (
    ("doc", "fingerprint", "start", "end", "action", "quantity")
    + PAGE_FIELDS
    + tuple(c for c in SETTABLE if c not in PAGE_FIELDS)
    + ("note",)
)
FINGERPRINT_CHARS = 16  # 64 bits of SHA-1: no two reports of a corpus collide

# The columns that hold one of a set of values (vocab), in the order the review page lists them.
CHOICE_SETS: dict[str, type[Enum]] = {
    "comparator": Comparator,
    "role": Role,
    "period": Period,
    "measure": Measure,
    "direction": Direction,
    "wording": Wording,
    "relation": Relation,
    "part_kind": PartKind,
}
_CHOICES = {name: values(enum) for name, enum in CHOICE_SETS.items()}
_PERIOD_PARTS = {Period.review.value, Period.plan.value}  # an added row in one of these parts is of its period
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
    fingerprint: str = ""  # text_fingerprint of the report it was made on; "" matches by path only


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
    fields = {name: _cell(name, raw, where) for name, raw in record.items() if name in SETTABLE and raw != ""}
    if action in ("drop", "accept") and fields:
        raise CorrectionsError(f"{where}: {'a drop' if action == 'drop' else 'an accept'} sets no columns (it sets {', '.join(fields)})")
    if action == "fix" and not fields:
        raise CorrectionsError(f"{where}: a fix sets at least one column")
    if action == "add" and fields.get("value") is None and not fields.get("relation"):
        raise CorrectionsError(f"{where}: an add needs a value, or a relation for a target without a number")
    quantity = record.get("quantity") or None
    fingerprint = (record.get("fingerprint") or "").strip().lower()
    return Correction(record["doc"], start, end, action, quantity, fields, record.get("note") or "", where, fingerprint)


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
        raise CorrectionsError(f"{name}:1: unknown column(s) {', '.join(map(repr, unknown))}; columns are {', '.join(CORRECTION_COLUMNS)}")
    missing = [h for h in _KEY if h not in header]
    if missing:
        raise CorrectionsError(f"{name}:1: missing column(s) {', '.join(missing)}")
    twice = sorted({h for h in header if header.count(h) > 1})
    if twice:
        raise CorrectionsError(f"{name}:1: column(s) {', '.join(twice)} given twice")
    corrections: list[Correction] = []
    seen: dict[tuple[str, int, int], str] = {}  # one report named two ways is one report
    line = reader.line_num + 1
    for cells in reader:
        where = f"{name}:{line}"
        line = reader.line_num + 1
        if not any(c.strip() for c in cells):
            continue
        if len(cells) != len(header):
            raise CorrectionsError(f"{where}: {len(cells)} cells for {len(header)} columns")
        c = _correction(dict(zip(header, cells)), where)
        key = (c.fingerprint or _path_key(c.doc), c.start, c.end)
        if key in seen:
            raise CorrectionsError(f"{where}: a second correction of {c.doc} {c.start}-{c.end} (the first is at {seen[key]})")
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
        cells = {
            "doc": c.doc,
            "fingerprint": c.fingerprint,
            "start": c.start,
            "end": c.end,
            "action": c.action,
            "quantity": c.quantity or "",
            "note": c.note,
        }
        cells.update({k: format_cell(v) for k, v in c.fields.items()})
        writer.writerow([cells.get(name, "") for name in CORRECTION_COLUMNS])
    return buffer.getvalue()


def _path_key(doc: str) -> str:
    return os.path.normcase(os.path.abspath(doc))


def same_doc(a: str, b: str) -> bool:
    """Whether two doc names are one report: ``./a.txt`` is ``a.txt`` is ``/here/a.txt`` (run in
    /here)."""
    return a == b or _path_key(a) == _path_key(b)


def text_fingerprint(text: str) -> str:
    """The report's content as a short hash: what a correction's spans were counted in."""
    return hashlib.sha1(text.encode("utf-8", "surrogatepass")).hexdigest()[:FINGERPRINT_CHARS]


def corrections_for(corrections, doc: str, text: str, fingerprint: str | None = None) -> list[Correction]:
    """The corrections made on this report: those with its fingerprint, wherever it lies now, and
    those that name its path. One with this path but another fingerprint was made on another
    version of the report; its spans are checked against the text before it is applied
    (``apply_corrections``)."""
    return [corrections[i] for i in matching(corrections, doc, text, fingerprint)]


def matching(corrections, doc: str, text: str, fingerprint: str | None = None, path: str = "") -> list[int]:
    """The positions in ``corrections`` of those ``corrections_for`` returns; ``path``, when the
    report's doc name is relative to a folder given, is its path from here."""
    fingerprint = fingerprint or text_fingerprint(text)
    return [
        i for i, c in enumerate(corrections) if c.fingerprint == fingerprint or same_doc(c.doc, doc) or (path and same_doc(c.doc, path))
    ]


def unmatched_message(corrections, matched: set[int]) -> str:
    """One line on the corrections no report of a run matched ('' when all did): they were made on
    reports not given, or on another version of them."""
    left = [c for i, c in enumerate(corrections) if i not in matched]
    if not left:
        return ""
    docs = sorted({c.doc for c in left})
    more = f" and {len(docs) - 1} more" if len(docs) > 1 else ""
    s = "" if len(left) == 1 else "s"
    return f"{len(left)} correction{s} for documents not in this run ({docs[0]}{more})"


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
        sentence = next(((s, e) for s, e in sentence_spans(norm, para.start, para.end) if s <= c.start < e), (para.start, para.end))
    newlines = [i for i, ch in enumerate(text) if ch == "\n"]
    values = {f.name: _default(str(f.type)) for f in dataclasses.fields(Row)}
    without_number = c.fields.get("value") is None and bool(c.fields.get("relation"))
    values.update(comparator="" if without_number else "=", role="target")
    values.update({k: sibling[k] for k in _DOC_LEVEL if sibling is not None and k in values})
    kind = _part_kind_at(text, doc, c.start)
    values.update(part_kind=kind, period=kind if kind in _PERIOD_PARTS else "")
    values.update(
        doc=doc,
        quantity=text[c.start : c.end],
        start=c.start,
        end=c.end,
        sentence=one_line(text[sentence[0] : sentence[1]]),
        line=bisect.bisect_right(newlines, c.start - 1) + 1,
        part=para.part.text if para and para.part else "",
        section=para.section.text if para and para.section else "",
        topic=para.topic if para else "",
    )
    for name, value in c.fields.items():
        values[name] = _default(str(next(f.type for f in dataclasses.fields(Row) if f.name == name))) if value is None else value
    if without_number:
        values["comparator"] = ""  # a relation compares with no number (the page's form always sends one)
    return Row(**values)


def _part_kind_at(text: str, doc: str, start: int) -> str:
    from gzbg.extraction.pipeline import extract_parts

    return next((p.kind or "" for p in extract_parts(text, doc) if p.start <= start < p.end), "")


def _empty(name: str):
    import pandas as pd

    if name in ("value_max", *_STANDARD[:2]):
        return float("nan")
    if name in _INTS:
        return pd.NA
    return ""


def apply_corrections(frame, corrections: list[Correction], texts: dict[str, str], reviewed: bool = False, lexicon_dir=None):
    """The table with the corrections applied, and the corrections that could not be.

    ``texts`` maps each doc to its report text; a correction applies to the report with its
    fingerprint or, without one, its path (``corrections_for``); the others are left aside (one
    file can hold a whole corpus' corrections). Apply before filtering the table: a drop or fix
    whose row is filtered out would be reported as missing. A correction is reported, and not
    applied, when its span lies outside the text, when the text there differs from its
    ``quantity`` (the report changed), when no row has its span (accept, drop, fix), or when a row
    already covers part of it (add). A fixed value, unit or indicator gets its standard value again.

    With ``reviewed``, the table gains a ``reviewed`` column: True for rows a reviewer accepted,
    fixed or added. Returns ``(frame, problems)``: a new frame, in text order when rows were
    added, and one message a problem, ``file:line: doc start-end action: reason``.
    """
    import pandas as pd

    dtypes = frame.dtypes.to_dict()
    frame = frame.copy()
    if reviewed:
        frame["reviewed"] = False
    problems: list[str] = []
    dropped: set = set()
    restandardise: set = set()
    adds: list[tuple[str, str, Correction]] = []
    # Drops and fixes first: an add may replace a dropped row's span (120公里 → 120公里以上).
    for doc, text in texts.items():
        for c in corrections_for(corrections, doc, text):
            where = f"{c.origin}: {c.doc} {c.start}-{c.end} {c.action}"
            if c.end > len(text):
                problems.append(
                    f"{where}: the span is past the end of the report ({len(text)} characters); the report has changed — not applied"
                )
                continue
            actual = text[c.start : c.end]
            if c.quantity is not None and actual != c.quantity:
                problems.append(
                    f"{where}: expected {c.quantity!r} but the report has {actual!r} there; the report has changed — not applied"
                )
                continue
            if c.action == "add":
                adds.append((doc, where, c))
                continue
            match = frame.index[_in_doc(frame, doc) & (frame["start"] == c.start) & (frame["end"] == c.end)]
            if len(match) == 0:
                problems.append(
                    f"{where}: no extracted row has this span ({actual!r}); the extractor reads it differently now — not applied"
                )
            elif c.action == "drop":
                dropped.update(match)
            else:
                if reviewed:
                    frame.loc[match, "reviewed"] = True
                for name, value in c.fields.items():
                    frame[name] = frame[name].astype(object)
                    frame.loc[match, name] = _empty(name) if value is None else value
                if {"value", "value_max", "unit", "indicator"} & set(c.fields):
                    restandardise.update(match)
    frame = frame.drop(index=sorted(dropped))
    restandardise -= dropped
    added: list[Row] = []
    for doc, where, c in adds:
        kept = frame[_in_doc(frame, doc) & (frame["start"] < c.end) & (frame["end"] > c.start)]
        twice = [r for r in added if r.doc == doc and r.start < c.end and r.end > c.start]
        if len(kept) or twice:
            quantity, start, end = (
                (kept.iloc[0]["quantity"], kept.iloc[0]["start"], kept.iloc[0]["end"])
                if len(kept)
                else (twice[0].quantity, twice[0].start, twice[0].end)
            )
            problems.append(f"{where}: a row already reads {quantity!r} at {start}-{end}; fix or drop that row instead — not applied")
            continue
        siblings = frame[_in_doc(frame, doc)]
        sibling = _plain(siblings.iloc[0].to_dict()) if len(siblings) else None
        added.append(_added_row(doc, texts[doc], c, sibling))
    if restandardise:
        _standardise(frame, sorted(restandardise), lexicon_dir)
    if added:
        new = to_dataframe(_standardised(added, lexicon_dir))
        if reviewed:
            new["reviewed"] = True
        frame = pd.concat([frame, new], ignore_index=True)
        order = {d: i for i, d in enumerate(dict.fromkeys(list(frame["doc"])))}
        frame = frame.assign(_doc=frame["doc"].map(order)).sort_values(["_doc", "start", "end"], kind="stable").drop(columns="_doc")
    frame = with_dtypes(frame.reset_index(drop=True))
    if reviewed:
        frame["reviewed"] = frame["reviewed"].astype(bool)
    return frame.astype({k: v for k, v in dtypes.items() if k in frame.columns}), problems


def _standard(value, unit: str, indicator: str, lex):
    """(value_std, unit_std) of a value in ``unit`` for the indicator with that code."""
    from gzbg.extraction.indicators import standard_value

    ind = next((i for i in lex.indicators if i.code == indicator), None) if indicator else None
    if ind is None or value is None or value != value:
        return None, ""
    std = standard_value(value, unit, ind, lex)
    return std, ind.unit_std if std is not None else ""


def _standardise(frame, index: list, lexicon_dir) -> None:
    """A fixed row's standard value again, from its value, unit and indicator as corrected."""
    from gzbg import lexicons

    lex = lexicons.load(lexicon_dir)
    for name in _STANDARD:
        frame[name] = frame[name].astype(object)
    for i in index:
        r = frame.loc[i]
        unit = r["unit"] if isinstance(r["unit"], str) else ""
        indicator = r["indicator"] if isinstance(r["indicator"], str) else ""
        std, unit_std = _standard(_number(r["value"]), unit, indicator, lex)
        std_max, _ = _standard(_number(r["value_max"]), unit, indicator, lex)
        frame.loc[i, "value_std"] = float("nan") if std is None else std
        frame.loc[i, "value_max_std"] = float("nan") if std_max is None else std_max
        frame.loc[i, "unit_std"] = unit_std


def _standardised(rows: list[Row], lexicon_dir) -> list[Row]:
    from gzbg import lexicons

    lex = lexicons.load(lexicon_dir)
    out = []
    for r in rows:
        std, unit_std = _standard(r.value, r.unit, r.indicator, lex)
        std_max, _ = _standard(r.value_max, r.unit, r.indicator, lex)
        out.append(dataclasses.replace(r, value_std=std, value_max_std=std_max, unit_std=unit_std))
    return out


def _number(value):
    import pandas as pd

    return None if value is None or (not isinstance(value, str) and pd.isna(value)) else float(value)


def _plain(record: dict) -> dict:
    """pandas' missing values (NA, NaN) as None, as a Row holds them."""
    import pandas as pd

    return {k: (None if not isinstance(v, str) and pd.isna(v) else v) for k, v in record.items()}


def _in_doc(frame, doc: str):
    return frame["doc"].map(lambda d: same_doc(d, doc))
