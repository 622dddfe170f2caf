"""Stage 6: rows of the public table, and the DataFrame made from them."""

from __future__ import annotations

import bisect
import functools
import operator
import re
from dataclasses import dataclass, fields

from gzbg.extraction.meaning import Meaning
from gzbg.extraction.metadata import DocumentMeta
from gzbg.extraction.records import dict_maker
from gzbg.extraction.targets import Target
from gzbg.read.decode import LONE_SURROGATE

__all__ = [
    "COLUMNS",
    "Row",
    "as_record",
    "make_rows",
    "make_relation_rows",
    "one_line",
    "records",
    "replaced",
    "to_dataframe",
    "with_dtypes",
]

# The public interface: documented column by column in the README.
COLUMNS = (
    "doc",
    "place",
    "level",
    "report_year",
    "part",
    "part_kind",
    "section",
    "topic",
    "sentence",
    "metric",
    "indicator",
    "quantity",
    "value",
    "value_max",
    "unit",
    "value_std",
    "value_max_std",
    "unit_std",
    "comparator",
    "relation",
    "role",
    "period",
    "headline",
    "measure",
    "direction",
    "wording",
    "modal",
    "year",
    "year_end",
    "group",
    "repeat_of",
    "start",
    "end",
    "line",
)

_INVISIBLE = re.compile(r"[\r\n\u200b\u200c\u200d\u2060\ufeff]")
_NEWLINE = re.compile("\n")


def _newlines(text: str) -> list[int]:
    """Offsets of the line breaks of a text, for the line column by bisection. Found by the regex
    engine: a Python loop over every character cost a twentieth of the pipeline's time."""
    return [m.start() for m in _NEWLINE.finditer(text)]


@dataclass(frozen=True)
class Row:
    doc: str
    place: str
    level: str
    report_year: int | None
    part: str
    part_kind: str
    section: str
    topic: str
    sentence: str
    metric: str
    quantity: str
    value: float | int | None
    value_max: float | int | None
    unit: str
    comparator: str
    role: str
    period: str
    headline: bool
    measure: str
    direction: str
    wording: str
    modal: str
    year: int | None
    year_end: int | None
    group: int | None
    start: int
    end: int
    line: int
    relation: str = ""  # a target without a number (relations.tsv); '' on numeric rows
    indicator: str = ""  # a code of indicators.tsv, '' when the metric names none
    value_std: float | None = None  # value in unit_std, comparable across reports
    value_max_std: float | None = None
    unit_std: str = ""
    repeat_of: int | None = None  # the start of the first mention of the same target


# Every field of Row with its default ('' or None), in the order of the fields.
_ROW_DEFAULTS = {f.name: f.default for f in fields(Row)}


def _row(**values) -> Row:
    """A Row of these values (the fields not given take their defaults), made without the
    dataclass __init__ (records.dict_maker; through __init__ a row cost 8 µs, more than all the
    rest of make_rows)."""
    return _row_of({**_ROW_DEFAULTS, **values})


# A Row whose __dict__ is the dict given: every field of Row, in the order of _ROW_DEFAULTS.
_row_of = dict_maker(Row)


def replaced(row: Row, **changes) -> Row:
    """``dataclasses.replace(row, **changes)`` for a Row, without its __init__ (see _row)."""
    # A Row's __dict__ holds every field in order, and a changed key keeps its place: no need to
    # lay the fields over the defaults again.
    fields_in_order = {**vars(row), **changes}
    # A key that is no field adds an entry: one length compared instead of two set differences
    # per call, which cost more than the rest.
    if len(fields_in_order) != len(_ROW_DEFAULTS):
        unknown = changes.keys() - _ROW_DEFAULTS.keys()
        raise TypeError(f"Row has no field {sorted(unknown)}")
    return _row_of(fields_in_order)


def one_line(text: str) -> str:
    """A sentence as the table shows it: line breaks and invisible characters removed, a lone
    surrogate (which no file format can hold) shown as U+FFFD."""
    return LONE_SURROGATE.sub("\ufffd", _INVISIBLE.sub("", text)).strip()


# The sentence column holds a sentence whole up to this many characters (the longest sentence of
# prose in the corpus has under 4,000). A longer one is a table or a list without punctuation: its
# rows show SENTENCE_EXCERPT characters on each side of their quantity, marked with …, as a copy of
# the whole run in each of its rows made memory grow with the square of its length.
MAX_SENTENCE = 4000
SENTENCE_EXCERPT = 200


class _LongSentence:
    """A sentence longer than MAX_SENTENCE with its invisible characters removed once, so that
    each of its (many) rows cuts its excerpt from it: the same text as one_line of the excerpt,
    as both removals act on single characters, without running the regexes over 400 characters
    per row (a third of make_rows' time on a table of 3,000 rows)."""

    def __init__(self, sentence: str) -> None:
        self.visible = _INVISIBLE.sub("", sentence)
        self.removed = [m.start() for m in _INVISIBLE.finditer(sentence)]  # offsets in the sentence
        self.has_surrogate = LONE_SURROGATE.search(self.visible) is not None

    def one_line(self, lo: int, hi: int) -> str:
        """one_line(sentence[lo:hi])."""
        piece = self.visible[lo - bisect.bisect_left(self.removed, lo) : hi - bisect.bisect_left(self.removed, hi)]
        return (LONE_SURROGATE.sub("\ufffd", piece) if self.has_surrogate else piece).strip()


def _sentence_column(original: str, span: tuple[int, int], q_start: int, q_end: int, memo: dict) -> str:
    """The sentence column of a row: the sentence whole (one string shared by its rows), or an
    excerpt around the quantity when the sentence is longer than MAX_SENTENCE."""
    start, end = span
    if end - start > MAX_SENTENCE:
        lo, hi = max(start, q_start - SENTENCE_EXCERPT), min(end, q_end + SENTENCE_EXCERPT)
        long = memo.get(span)
        if long is None:
            long = memo[span] = _LongSentence(original[start:end])
        return ("…" if lo > start else "") + long.one_line(lo - start, hi - start) + ("…" if hi < end else "")
    found = memo.get(span)
    if found is None:
        found = memo[span] = one_line(original[start:end])
    return found


def make_rows(original: str, found: list[Target], meanings: list[Meaning], doc: str, meta: DocumentMeta, parts: list) -> list[Row]:
    """Rows whose ``quantity`` is the original text at ``start:end``."""
    newlines = _newlines(original)
    rows = []
    sentences: dict[tuple[int, int], str | _LongSentence] = {}
    # The outline columns of a paragraph over the defaults, made once for all its rows (by the
    # paragraph's identity: every paragraph lives as long as this call).
    placed: dict[tuple[int, str], dict] = {}
    for t, m, part in zip(found, meanings, parts):
        q = t.quantity
        kind = part.kind if part is not None else ""
        where = placed.get((id(t.paragraph), kind))
        if where is None:
            where = placed[id(t.paragraph), kind] = {**_ROW_DEFAULTS, **_placed(doc, meta, t.paragraph, kind)}
        # A copy of the paragraph's fields with the row's own set in place (every key is there, so
        # the order holds): half the time of a dict display laying them over it, which made two
        # dicts more per row and, the rows being kept, on fresh memory.
        fields_in_order = where.copy()
        fields_in_order["sentence"] = _sentence_column(original, t.sentence, q.start, q.end, sentences)
        fields_in_order["metric"] = t.metric
        fields_in_order["quantity"] = original[q.start : q.end]
        # float64 always: 一百亿亿次 is beyond int64; the exact text stays in `quantity`.
        fields_in_order["value"] = float(q.value)
        fields_in_order["value_max"] = float(q.value_max) if q.value_max is not None else None
        fields_in_order["unit"] = q.unit
        fields_in_order["comparator"] = t.bound.comparator
        fields_in_order["role"] = t.role
        fields_in_order.update(vars(m))  # period, headline, measure, direction, wording, modal, year, year_end
        fields_in_order["group"] = t.group
        fields_in_order["start"] = q.start
        fields_in_order["end"] = q.end
        fields_in_order["line"] = bisect.bisect_right(newlines, q.start - 1) + 1
        rows.append(_row_of(fields_in_order))
    return rows


def _placed(doc: str, meta: DocumentMeta, para, part_kind: str) -> dict:
    """The columns a row of either kind takes from its report and its place in the outline."""
    return {
        "doc": doc,
        "place": meta.place,
        "level": meta.level,
        "report_year": meta.year,
        "part": para.part.text if para.part else "",
        "part_kind": part_kind,
        "section": para.section.text if para.section else "",
        "topic": para.topic,
    }


def make_relation_rows(original: str, found: list, located: list, doc: str, meta: DocumentMeta, wording_words: dict[str, str]) -> list[Row]:
    """Rows of the targets stated without a number (``gzbg.extraction.relations``)."""
    newlines = _newlines(original)
    rows = []
    sentences: dict[tuple[int, int], str | _LongSentence] = {}
    for r, part in zip(found, located):
        para = r.paragraph
        kind = part.kind if part is not None else ""
        period = "review" if kind == "review" else "plan"
        clause = original[r.start : r.end]
        cues = [(clause.rfind(w), w) for w in wording_words if w in clause]
        modal = max(cues)[1] if cues else ""
        year = meta.year if meta.year is None or period == "plan" else meta.year - 1
        rows.append(
            _row(
                **_placed(doc, meta, para, kind),
                sentence=_sentence_column(original, r.sentence, r.start, r.end, sentences),
                metric=r.metric,
                quantity=clause,
                value=None,
                value_max=None,
                unit="",
                comparator="",
                role="target",
                period=period,
                headline=r.headline,
                measure="",
                direction="",
                wording=wording_words.get(modal, "neutral"),
                modal=modal,
                year=year,
                year_end=None,
                group=None,
                start=r.start,
                end=r.end,
                line=bisect.bisect_right(newlines, r.start - 1) + 1,
                relation=r.relation,
            )
        )
    return rows


def as_record(row: Row) -> dict:
    """A row as a plain dict. Its fields are all scalars, so a shallow copy is enough
    (dataclasses.asdict deep-copies each value and took a fifth of the pipeline's time)."""
    return dict(vars(row))


def to_dataframe(rows: list, extra_columns: tuple[str, ...] = ()):
    """A DataFrame with the public column types; rows are Row records or dicts of their fields
    (plus ``extra_columns``, such as those of ``--meta``)."""
    import pandas as pd

    if rows and not extra_columns and not any(isinstance(r, dict) for r in rows):
        # Column by column, each typed as with_dtypes would type it: pandas reads a list per
        # column faster than a dict per row, and a typed column needs no conversion after (an
        # empty table keeps the records' path, whose untyped columns differ).
        values = _column_values(rows)
        texts = _text_columns(values)
        columns = {name: texts[name] if name in texts else _typed(values[name], _DTYPES[name]) for name in COLUMNS}
        # In the order of COLUMNS already: naming them again cost a quarter of the call. The
        # arrays are made here for this frame alone, so it takes them as they are (pandas copies
        # each array of a dict unless told: 1.1 of 1.6 ms per report, measured over 31).
        return pd.DataFrame(columns, copy=False)
    records = [r if isinstance(r, dict) else as_record(r) for r in rows]
    return with_dtypes(pd.DataFrame(records, columns=[*COLUMNS, *extra_columns]))


# The value of each column, read over all rows by map (a Python getattr per cell cost a tenth of
# the frame's making); column by column rather than a tuple per row transposed, which made a
# tuple for every row: thousands of objects for the garbage collector, which on a dense table
# brought on a full collection (a sixth of its time) where ordinary text of the same length did not.
_COLUMN_VALUES = tuple(operator.attrgetter(name) for name in COLUMNS)
# The same read from a Row's __dict__, which holds every field: a look-up in the dict instead of
# an attribute's, which goes through the class first (half the time of reading the columns).
_FIELD_VALUES = tuple(operator.itemgetter(name) for name in COLUMNS)


def _column_values(rows: list) -> dict[str, list]:
    """The values of each column over the rows, by name."""
    if set(map(type, rows)) == {Row}:
        # A Row's attribute is its __dict__'s entry (Row defines no descriptor for a field); a
        # row missing one (made some other way) is read by attribute, as before.
        try:
            dicts = list(map(vars, rows))
            return {name: list(map(value_of, dicts)) for name, value_of in zip(COLUMNS, _FIELD_VALUES)}
        except KeyError:
            pass
    return {name: list(map(value_of, rows)) for name, value_of in zip(COLUMNS, _COLUMN_VALUES)}


def _typed(values: list, dtype: str):
    """A column of values in a dtype of _DTYPES (a numpy array, or pandas' nullable integers)."""
    import numpy as np

    if dtype == "Int64":
        import pandas as pd

        # Data and mask given directly: pd.array checks and converts each value, several times slower.
        # Most such columns are all missing (year_end, group) or all present (report_year): the
        # values are then read at once, not one by one through a generator.
        missing = values.count(None)
        if missing == 0:
            return pd.arrays.IntegerArray(np.array(values, dtype=np.int64), np.zeros(len(values), dtype=bool))
        if missing == len(values):
            return pd.arrays.IntegerArray(np.zeros(len(values), dtype=np.int64), np.ones(len(values), dtype=bool))
        mask = np.fromiter((v is None for v in values), dtype=bool, count=len(values))
        data = np.fromiter((0 if v is None else v for v in values), dtype=np.int64, count=len(values))
        return pd.arrays.IntegerArray(data, mask)
    return np.array(values, dtype=dtype)  # None in a float column is NaN, as astype makes it


def _text_columns(values: dict[str, list]) -> dict:
    """The text columns by name, from the values of the columns. Where pandas stores text in
    Arrow (its ``str`` dtype), Arrow arrays made at once, as pandas would make them after checking
    every value (a row's text fields are always str); elsewhere the lists, which pandas keeps as
    objects. The values of all the columns make one Arrow array, cut into a column each: one
    conversion and one pandas array instead of one per column (≈20% of to_dataframe on a table of
    3,000 rows; the slices share its buffers, and compare, write and pickle as arrays of their own
    do)."""
    dtype = _inferred_text_dtype()
    if dtype is None:
        return {name: values[name] for name in _TEXT_COLUMNS}
    import pandas as pd
    import pyarrow as pa

    texts: list = []
    for name in _TEXT_COLUMNS:
        texts.extend(values[name])
    whole = pd.arrays.ArrowStringArray(pa.array(texts, type=pa.large_string()), dtype=dtype)
    n = len(values[_TEXT_COLUMNS[0]])
    return {name: whole[i * n : (i + 1) * n] for i, name in enumerate(_TEXT_COLUMNS)}


@functools.cache
def _inferred_text_dtype():
    """The dtype pandas gives a list of str when it is Arrow-backed text, else None."""
    import pandas as pd

    dtype = pd.Series(["text"]).dtype
    return dtype if isinstance(dtype, pd.StringDtype) and dtype.storage == "pyarrow" else None


def records(frame) -> list[dict]:
    """Rows of a DataFrame as plain dicts: missing values None, numbers Python numbers."""
    import pandas as pd

    out = []
    for record in frame.to_dict("records"):
        out.append(
            {
                k: (None if not isinstance(v, str) and pd.api.types.is_scalar(v) and pd.isna(v) else v.item() if hasattr(v, "item") else v)
                for k, v in record.items()
            }
        )
    return out


# The typed columns of the public table; the others hold Python objects (text).
_DTYPES = {
    **dict.fromkeys(("value", "value_max", "value_std", "value_max_std"), "float64"),
    **dict.fromkeys(("start", "end", "line"), "int64"),
    **dict.fromkeys(("report_year", "year", "year_end", "group", "repeat_of"), "Int64"),  # nullable: empty when unknown
    "headline": "bool",
}
# The columns of text: those without a dtype of _DTYPES.
_TEXT_COLUMNS = tuple(name for name in COLUMNS if name not in _DTYPES)


def with_dtypes(frame):
    """The column types of the public table, so that an edited frame reads like a fresh one."""
    for name, dtype in _DTYPES.items():
        frame[name] = frame[name].astype(dtype)
    return frame
