"""Diff two reports' plans: which targets were raised, lowered, reworded, kept, added or dropped.

Only targets of the plan period are compared (role ``target``, period ``plan``): results of the
review part describe the past year, not a promise, and qualifiers (投资30亿元以上的项目) say which
things are meant. Multi-year plan targets (十四五 …) are plan rows too, so they take part.
"""

from __future__ import annotations

import math
from pathlib import Path

from gzbg.extraction.table import COLUMNS as TABLE_COLUMNS
from gzbg.read.saved import load_table
from gzbg.research.similarity import DIFF_WEIGHTS, profiles, score_matrix

__all__ = ["STATUSES", "CHANGED", "COLUMNS", "MIN_SCORE", "plan_targets", "align", "status", "diff", "summary"]

STATUSES = ("raised", "lowered", "reworded", "unchanged", "new", "dropped")
CHANGED = ("raised", "lowered", "reworded", "new", "dropped")  # what `--only changed` keeps
# Two targets on the same metric, unit and measure score 0.8 or more; a pair whose metrics share
# no word reaches 0.5 only when everything else agrees perfectly. Tried on the national reports
# 2021–2025 and Zhejiang 2025–2026: the results hold from 0.5 to 0.55.
MIN_SCORE = 0.5

COLUMNS = (
    "status",
    "score",
    "old_metric",
    "new_metric",
    "old_quantity",
    "new_quantity",
    "old_value",
    "new_value",
    "old_value_max",
    "new_value_max",
    "unit",
    "old_unit",
    "new_unit",
    "old_comparator",
    "new_comparator",
    "old_wording",
    "new_wording",
    "measure",
    "headline",
    "old_sentence",
    "new_sentence",
    "old_start",
    "old_end",
    "new_start",
    "new_end",
)
# The table's columns given for each side, one prefix for all: old_metric, new_metric, old_quantity …
_SIDE = ("metric", "quantity", "value", "value_max", "unit", "comparator", "wording", "sentence", "start", "end")


def plan_targets(frame, name: str = "table"):
    """The rows diff compares: numeric targets (role target, a value) of the plan period, in text
    order, of a single report, each once (a repeat and a forecast are not targets); targets
    without a number (``relation``) are not compared yet."""
    if not len(frame):  # nothing extracted: no target to compare (a frame without columns too)
        frame = frame.reindex(columns=list(dict.fromkeys([*frame.columns, *TABLE_COLUMNS])))
    docs = frame["doc"].unique() if "doc" in frame.columns else []
    if len(docs) > 1:
        raise ValueError(f"{name}: rows of {len(docs)} reports; give one report (or its table) per side")
    rows = frame[(frame["role"] == "target") & (frame["period"] == "plan") & frame["value"].notna()]
    if "repeat_of" in rows.columns:
        rows = rows[rows["repeat_of"].isna()]  # a target stated twice is one target
    return rows.sort_values("start", kind="stable").reset_index(drop=True)


def align(scores, min_score: float = MIN_SCORE) -> list[tuple[int, int]]:
    """One-to-one (old, new) index pairs with the largest total score, none below ``min_score``.

    An assignment, not first-come: when old A fits new X best but old B fits only X, A may take
    its second choice so that both are paired. Pairs below the threshold count as nothing, so the
    assignment never trades a good pair for two poor ones; they are left unpaired.
    """
    import numpy as np
    from scipy.optimize import linear_sum_assignment

    if scores.size == 0:
        return []
    usable = np.where(scores >= min_score, scores, 0.0)
    rows, cols = linear_sum_assignment(usable, maximize=True)
    return sorted((int(i), int(j)) for i, j in zip(rows, cols) if usable[i, j] > 0)


def _midpoint(value: float, value_max: float) -> float:
    return value if math.isnan(value_max) else (value + value_max) / 2


def status(old, new) -> str:
    """raised, lowered, reworded or unchanged for a pair of rows (mappings of the table's columns).

    Raised or lowered by the value; a range (4.5%—5%) counts by its midpoint, so 5%左右 → 4.5%—5%
    is lowered and 4%—6% → 5% is reworded. The value is the one written, so a larger decline
    (能耗降低2.5% → 3%) is raised. Same value with another comparator (以上 → 左右), range or wording
    (hard, soft) is reworded, and so is a change of unit (元 → 美元), which leaves the values
    incomparable.
    """
    old_max, new_max = _float(old["value_max"]), _float(new["value_max"])
    if old["unit"] and new["unit"] and old["unit"] != new["unit"]:
        return "reworded"
    before, after = _midpoint(float(old["value"]), old_max), _midpoint(float(new["value"]), new_max)
    if not math.isclose(before, after, rel_tol=1e-9, abs_tol=1e-12):
        return "raised" if after > before else "lowered"
    same_range = (math.isnan(old_max) and math.isnan(new_max)) or math.isclose(old_max, new_max)
    if (
        not same_range
        or old["comparator"] != new["comparator"]
        or old["wording"] != new["wording"]
        or not math.isclose(float(old["value"]), float(new["value"]))
    ):
        return "reworded"
    return "unchanged"


def _float(value) -> float:
    return math.nan if value is None or value != value else float(value)


def diff(old, new, min_score: float = MIN_SCORE, lexicon_dir: str | Path | None = None):
    """The plan targets of ``old`` paired with those of ``new``, one row per pair or unpaired target.

    ``old`` and ``new`` are what ``load_table`` reads: a DataFrame from ``gzbg.extract``, a table it
    saved (CSV, TSV, JSON, JSON Lines, Parquet) or a report file. Targets are paired one to one by
    ``gzbg.research.similarity`` (metric words and synonyms, unit, measure, direction, headline list,
    section); a pair scoring below ``min_score`` is reported as ``dropped`` plus ``new``. Every
    plan target of each side is in exactly one row. Columns: ``COLUMNS``; a side with no target has
    empty values and offsets.
    """
    import pandas as pd

    from gzbg import lexicons as _lexicons

    directory = Path(lexicon_dir) if lexicon_dir is not None else None
    lex = _lexicons.load(directory)
    before = plan_targets(load_table(old, lexicon_dir=directory), "old")
    after = plan_targets(load_table(new, lexicon_dir=directory), "new")
    scores = score_matrix(profiles(before, lex), profiles(after, lex), DIFF_WEIGHTS)
    pairs = align(scores, min_score)
    old_rows = before.to_dict("records")
    new_rows = after.to_dict("records")

    keyed = [(_order(i, j, pairs), _record(status(old_rows[i], new_rows[j]), scores[i, j], old_rows[i], new_rows[j])) for i, j in pairs]
    paired_old = {i for i, _ in pairs}
    paired_new = {j for _, j in pairs}
    keyed += [(_order(i, None, pairs), _record("dropped", math.nan, r, None)) for i, r in enumerate(old_rows) if i not in paired_old]
    keyed += [(_order(None, j, pairs), _record("new", math.nan, None, r)) for j, r in enumerate(new_rows) if j not in paired_new]
    keyed.sort(key=lambda k: k[0])
    return _types(pd.DataFrame([r for _, r in keyed], columns=list(COLUMNS)))


def _order(i: int | None, j: int | None, pairs: list[tuple[int, int]]) -> tuple[int, int, int]:
    """Sort key: the old report's order; a new target right after the pair before it in the new one."""
    if i is not None:
        return (i, 0, 0)
    assert j is not None  # a row of the diff has an old side, a new side or both
    before = [pi for pi, pj in pairs if pj < j]
    return (max(before) if before else -1, 1, j)


def _record(kind: str, score: float, old: dict | None, new: dict | None) -> dict:
    record: dict = {"status": kind, "score": round(float(score), 3) if not math.isnan(score) else math.nan}
    for prefix, row in (("old", old), ("new", new)):
        for name in _SIDE:
            record[f"{prefix}_{name}"] = row[name] if row is not None else None
    present = new if new is not None else old
    assert present is not None  # a row of the diff has an old side, a new side or both
    record["unit"] = present["unit"] if present["unit"] or old is None else old["unit"]
    record["measure"] = present["measure"]
    record["headline"] = bool((old or {}).get("headline", False) or (new or {}).get("headline", False))
    return record


def _types(frame):
    """Every column its type: floats, nullable integer offsets, text, the headline flag."""
    import pandas as pd

    for name in ("score", "old_value", "new_value", "old_value_max", "new_value_max"):
        frame[name] = pd.to_numeric(frame[name], errors="coerce").astype("float64")
    for name in ("old_start", "old_end", "new_start", "new_end"):
        frame[name] = pd.array(frame[name].tolist(), dtype="Int64")
    for name in COLUMNS:
        if name not in ("score", "headline") and not name.endswith(("_value", "_value_max", "_start", "_end")):
            frame[name] = frame[name].map(lambda v: "" if v is None or v != v else str(v)).astype(str)
    frame["headline"] = frame["headline"].astype(bool)
    return frame


def summary(frame) -> str:
    """One line of counts: ``2 raised, 1 lowered, 0 reworded, 5 unchanged, 3 new, 1 dropped``."""
    counts = frame["status"].value_counts() if len(frame) else {}
    return ", ".join(f"{int(counts.get(s, 0))} {s}" for s in STATUSES)
