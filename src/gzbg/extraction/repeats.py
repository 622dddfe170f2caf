"""One target, counted once; a forecast is not a target.

A plan target stated again later in the same report is a repeat.

The national 2025 report lists its headline targets, then explains them (经济增长预期目标为5%左右，
既是…; 城镇调查失业率5.5%左右，体现了…). The later mention of the same indicator (or, without one, the
same metric) with the same value, range and unit gets ``repeat_of``: the start of the first mention,
so that diff, track and panel count it once. A projection of this year (预计今年高校毕业生超过1170万人:
a cue of cues.tsv `forecast` in the clause before the number) has role ``forecast``: the government
expects it, it does not promise it.
"""

from __future__ import annotations

import re

from gzbg.extraction.relations import reads_only_its_span
from gzbg.extraction.sentences import CLAUSE_BREAKS
from gzbg.extraction.table import replaced
from gzbg.lexicons import Lexicons

__all__ = ["mark_repeats", "mark_forecasts"]


def mark_repeats(rows: list) -> list:
    """A headline target is the first mention of its figure wherever it stands; any other plan
    target repeats a headline target or an earlier mention with the same key."""

    def key(row) -> tuple | None:
        if row.role != "target" or row.period != "plan" or row.relation or row.value is None:
            return None
        if not (row.indicator or row.metric):
            return None
        return (row.indicator or row.metric, row.value, row.value_max, row.unit, row.year, row.year_end)

    # One pass for the keys and the headline mentions, one to mark: each pass over thousands of
    # rows (a table) reads them back from memory.
    keys = []
    first: dict[tuple, int] = {}
    for row in rows:
        k = key(row)
        keys.append(k)
        if k is not None and row.headline:
            first.setdefault(k, row.start)
    out = []
    for row, k in zip(rows, keys):
        if k is None:
            out.append(row)
            continue
        first_start = first.get(k)  # a start, never None
        if first_start is None:
            first[k] = row.start
            out.append(row)
        elif row.headline and first_start == row.start:
            out.append(row)
        else:
            out.append(replaced(row, repeat_of=first_start))
    return out


# How far back from a number its clause is searched for a forecast cue.
FORECAST_WINDOW = 30
# The marks that end the clause a forecast cue must stand in: a comma or 、 does not (预计今年…，…).
_FORECAST_CLAUSE_BREAKS = CLAUSE_BREAKS.replace(",", "").replace("、", "")
# Matches up to the last of those marks (greedy): one call instead of an rfind per mark.
_UP_TO_LAST_BREAK = re.compile(rf".*[{re.escape(_FORECAST_CLAUSE_BREAKS)}]", re.DOTALL)


def mark_forecasts(rows: list, text: str, lex: Lexicons) -> list:
    cue = lex.cue_search("forecast")  # one search for all the patterns
    if lex.derived(_forecast_cues_read_only_their_span) and not cue.search(text):
        # No clause of a text without a forecast cue holds one: its rows are not read one by one
        # (a statistics table, 3,000 rows).
        return list(rows)
    out = []
    for row in rows:
        if row.role == "target" and row.period == "plan" and not row.relation:
            lo = max(0, row.start - FORECAST_WINDOW)
            clause = text[lo : row.start]
            last_break = _UP_TO_LAST_BREAK.match(clause)
            if last_break is not None:
                clause = clause[last_break.end() :]
            if cue.search(clause):
                row = replaced(row, role="forecast")
        out.append(row)
    return out


def _forecast_cues_read_only_their_span(lex: Lexicons) -> bool:
    """Whether a clause can hold a forecast cue only where the whole text holds one."""
    return all(reads_only_its_span(p) for p in lex.cue_patterns("forecast"))
