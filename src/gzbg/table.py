"""Stage 6: rows of the public table, and the DataFrame made from them."""

from __future__ import annotations

import bisect
import re
from dataclasses import asdict, dataclass

from .meaning import Meaning
from .numbers import to_number
from .targets import Target

__all__ = ["COLUMNS", "Row", "make_rows", "to_dataframe"]

# The public interface: documented column by column in the README.
COLUMNS = (
    "doc", "part", "section", "topic", "sentence", "metric", "quantity", "value", "value_max",
    "unit", "comparator", "role", "period", "headline", "measure", "direction", "wording", "modal",
    "year", "year_end", "group", "start", "end", "line",
)

_INVISIBLE = re.compile(r"[\r\n\u200b\u200c\u200d\u2060\ufeff]")


@dataclass(frozen=True)
class Row:
    doc: str
    part: str
    section: str
    topic: str
    sentence: str
    metric: str
    quantity: str
    value: float | int
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


def make_rows(original: str, found: list[Target], meanings: list[Meaning], doc: str) -> list[Row]:
    """Rows whose ``quantity`` is the original text at ``start:end``."""
    newlines = [i for i, ch in enumerate(original) if ch == "\n"]
    rows = []
    for t, m in zip(found, meanings):
        q = t.quantity
        para = t.paragraph
        rows.append(Row(
            doc=doc,
            part=para.part.text if para.part else "",
            section=para.section.text if para.section else "",
            topic=para.topic,
            sentence=_INVISIBLE.sub("", original[t.sentence[0]:t.sentence[1]]).strip(),
            metric=t.metric,
            quantity=original[q.start:q.end],
            value=to_number(q.value),
            value_max=to_number(q.value_max) if q.value_max is not None else None,
            unit=q.unit,
            comparator=t.bound.comparator,
            role=t.role,
            period=m.period,
            headline=m.headline,
            measure=m.measure,
            direction=m.direction,
            wording=m.wording,
            modal=m.modal,
            year=m.year,
            year_end=m.year_end,
            group=t.group,
            start=q.start,
            end=q.end,
            line=bisect.bisect_right(newlines, q.start - 1) + 1,
        ))
    return rows


def to_dataframe(rows: list[Row]):
    import pandas as pd

    frame = pd.DataFrame([asdict(r) for r in rows], columns=list(COLUMNS))
    for name in ("value", "value_max"):
        frame[name] = frame[name].astype("float64")
    for name in ("start", "end", "line"):
        frame[name] = frame[name].astype("int64")
    for name in ("year", "year_end", "group"):
        frame[name] = frame[name].astype("Int64")  # nullable: empty when unknown
    frame["headline"] = frame["headline"].astype("bool")
    return frame
