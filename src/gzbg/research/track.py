"""Check a year's targets against the outcomes the next year's report gives in its review part.

The plan of one report (role ``target``, period ``plan``) against the review of the next (role
``target``, period ``review``): for each target, the best-scoring outcome of the same year with a
unit it can be compared with, then a verdict by the target's comparator. Several targets may take
the same outcome (国内生产总值增长5%左右 and the repeated 经济增长预期目标为5%左右 are both met by
增长5%), so this is a best match per target, not an assignment.
"""

from __future__ import annotations

import math
from pathlib import Path

from gzbg.extraction.table import COLUMNS as TABLE_COLUMNS
from gzbg.read.saved import load_table
from gzbg.research.diff import MIN_SCORE, plan_targets
from gzbg.research.similarity import TRACK_WEIGHTS, profiles, score_matrix

__all__ = ["VERDICTS", "COLUMNS", "TOLERANCE", "review_outcomes", "verdict", "track"]

VERDICTS = ("met", "missed", "unknown")
# A 左右 or plain target may fall short by 5% of its value: 5%左右 is met from 4.75%, 6%左右 not by
# 5.6% (missed by 0.4 points), 1200万人左右 from 1140万人 (a ceiling the other way round).
TOLERANCE = 0.05
_EXACT_YEAR = 0.05  # added to the score of an outcome of the target's very year

COLUMNS = (
    "verdict",
    "gap",
    "rule",
    "preliminary",
    "score",
    "metric",
    "quantity",
    "value",
    "value_max",
    "unit",
    "comparator",
    "outcome_metric",
    "outcome_quantity",
    "outcome_value",
    "outcome_comparator",
    "headline",
    "sentence",
    "outcome_sentence",
    "start",
    "end",
    "outcome_start",
    "outcome_end",
)


def review_outcomes(frame, name: str = "outcome"):
    """The rows that can be outcomes: role target, period review, in text order, of one report."""
    if not len(frame):  # nothing extracted: no outcome (a frame without columns too)
        frame = frame.reindex(columns=list(dict.fromkeys([*frame.columns, *TABLE_COLUMNS])))
    docs = frame["doc"].unique() if "doc" in frame.columns else []
    if len(docs) > 1:
        raise ValueError(f"{name}: rows of {len(docs)} reports; track reads one report's review")
    rows = frame[(frame["role"] == "target") & (frame["period"] == "review") & frame["value"].notna()]
    return rows.sort_values("start", kind="stable").reset_index(drop=True)


def _fmt(x: float) -> str:
    return f"{x:.6g}"


def _round(gap: float) -> float:
    """5.6 − 6 is −0.4, not −0.40000000000000036: the inputs have a few significant digits."""
    return float(f"{gap:.12g}")


def verdict(
    comparator: str,
    target: float,
    target_max: float,
    actual: float,
    tolerance: float = TOLERANCE,
    reading: str = "",
    outcome_comparator: str = "=",
) -> tuple[str, float, str]:
    """(verdict, gap, rule) for one target and the outcome reported for it.

    ``gap`` is actual − target; for a range (4.5%—5%) the distance to its nearer end, 0 inside.
    A target is read as a floor — more is better, so GDP 5%左右 is met by 5.4% and 新增公园120座 by
    127 — unless outcomes.tsv names its metric a ceiling (``reading``: 失业率 5.5%左右 is met by
    5.1%, not by 6%). ``~`` and ``=`` allow ``tolerance`` × target on the wrong side; ``>=``, ``>``,
    ``<=``, ``<`` are the comparison they name, where an outcome bounded the same way counts
    (突破1万公里 meets 突破1万公里: ``outcome_comparator`` ``>``). ``rule`` says which test was made.

    >>> verdict("~", 6, math.nan, 5.6)[:2]
    ('missed', -0.4)
    >>> verdict("~", 5, math.nan, 5.4)[:2]
    ('met', 0.4)
    """
    if not math.isnan(target_max):
        low, high = target, target_max
        gap = actual - low if actual < low else actual - high if actual > high else 0.0
        if reading == "ceiling":
            return ("met" if actual <= high else "missed"), _round(gap), f"actual <= {_fmt(high)} (a ceiling)"
        return ("met" if actual >= low else "missed"), _round(gap), f"actual >= {_fmt(low)}"
    gap = _round(actual - target)
    slack = abs(target) * tolerance
    if comparator == ">" and outcome_comparator in (">", ">="):
        comparator = ">="  # actual > value >= target
    elif comparator == "<" and outcome_comparator in ("<", "<="):
        comparator = "<="
    if comparator in ("~", "=") and reading == "ceiling":
        ok, rule = actual <= target + slack + 1e-12, f"actual <= {_fmt(target + slack)} (a ceiling)"
    elif comparator in ("~", "="):
        ok, rule = actual >= target - slack - 1e-12, f"actual >= {_fmt(target - slack)}"
    elif comparator == ">=":
        ok, rule = actual >= target, f"actual >= {_fmt(target)}"
    elif comparator == ">":
        ok, rule = actual > target, f"actual > {_fmt(target)}"
    elif comparator == "<=":
        ok, rule = actual <= target, f"actual <= {_fmt(target)}"
    elif comparator == "<":
        ok, rule = actual < target, f"actual < {_fmt(target)}"
    else:
        raise ValueError(f"unknown comparator {comparator!r}")
    return ("met" if ok else "missed"), gap, rule


def _years(row: dict) -> tuple[int, int] | None:
    import pandas as pd

    if pd.isna(row.get("year")):
        return None
    year, end = row["year"], row.get("year_end")
    return int(year), int(year) if end is None or pd.isna(end) else int(end)


def _year_fit(target: dict, outcome: dict) -> float | None:
    """None when the outcome cannot be of the target's year; else a small bonus for the very year.

    A review part titled 2025年和“十四五”时期工作回顾 gives its rows the years 2021–2025, so a row of
    such a part may hold the outcome of a 2025 target: a span that covers the target's year is
    allowed, and a row of that single year is preferred. Unknown years rule nothing out.
    """
    t, o = _years(target), _years(outcome)
    if t is None or o is None:
        return 0.0
    if t[0] != t[1]:  # a target over several years (十四五) is reported for the same years only
        return _EXACT_YEAR if t == o else None
    if o == t:
        return _EXACT_YEAR
    return 0.0 if o[0] <= t[0] <= o[1] else None


_CLAUSE_BREAKS = "，,；;。：:！!？?"


def _clause_before(sentence: str, quantity: str) -> str:
    """The words of the quantity's clause before it: 居民消费价格年均上涨 of …年均上涨2.1%."""
    at = sentence.find(quantity) if quantity else -1
    if at < 0:
        return ""
    start = max((sentence.rfind(c, 0, at) for c in _CLAUSE_BREAKS), default=-1) + 1
    return sentence[start:at]


def _one_year(outcome: dict, spans) -> bool:
    """False for a figure over several years (年均, 五年累计): it is no year's outcome."""
    clause = _clause_before(outcome["sentence"], outcome["quantity"])
    return not any(p.search(clause) for p in spans)


def _reading(metric: str, lex) -> str:
    for cue in ("ceiling", "floor"):
        if any(p.search(metric) for p in lex.outcome_patterns(cue)):
            return cue
    return ""


_MIRROR = {">": "<", ">=": "<=", "<": ">", "<=": ">="}


def _actual(target: dict, outcome: dict) -> tuple[float, str]:
    """The outcome in the target's terms, with its comparator: a midpoint for a range; negated when
    the target counts a decline (降低2.5%) and the outcome a rise (上升0.5%), or the other way round."""
    value = float(outcome["value"])
    if not math.isnan(outcome["value_max"]):
        value = (value + float(outcome["value_max"])) / 2
    if {target.get("direction", ""), outcome.get("direction", "")} == {"up", "down"}:
        return -value, _MIRROR.get(outcome["comparator"], outcome["comparator"])
    return value, outcome["comparator"]


def track(plan, outcome, tolerance: float = TOLERANCE, lexicon_dir: str | Path | None = None, min_score: float = MIN_SCORE):
    """Each plan target of ``plan`` with the outcome ``outcome``'s review part reports for it.

    ``plan`` and ``outcome`` are what ``load_table`` reads (a DataFrame, a saved table or a report
    file); ``outcome`` is normally the next year's report. A target gets the best-scoring review row
    of the same year whose unit it can be compared with, if that scores ``min_score`` or more; the
    verdict is ``met`` or ``missed`` by ``verdict`` (``tolerance`` for 左右), ``unknown`` with no
    outcome or when the units differ (元 and 美元). ``preliminary`` is True when the outcome's
    sentence says the figure is an estimate (预计, outcomes.tsv). Columns: ``COLUMNS``.
    """
    import pandas as pd

    from gzbg import lexicons as _lexicons

    directory = Path(lexicon_dir) if lexicon_dir is not None else None
    lex = _lexicons.load(directory)
    targets = plan_targets(load_table(plan, lexicon_dir=directory), "plan")
    outcomes = review_outcomes(load_table(outcome, lexicon_dir=directory))
    scores = score_matrix(profiles(targets, lex), profiles(outcomes, lex), TRACK_WEIGHTS)
    target_rows = targets.to_dict("records")
    outcome_rows = outcomes.to_dict("records")
    preliminary = lex.outcome_patterns("preliminary")
    one_year = [j for j, o in enumerate(outcome_rows) if _one_year(o, lex.outcome_patterns("span"))]

    records = []
    for i, t in enumerate(target_rows):
        usable = {
            j: bonus
            for j in one_year
            if scores[i, j] >= min_score and scores[i, j] > 0 and (bonus := _year_fit(t, outcome_rows[j])) is not None
        }
        # The highest score; on a tie the first in the text (the review's summary comes first).
        j = max(usable, key=lambda j: (scores[i, j] + usable[j], -j), default=None)
        best = outcome_rows[j] if j is not None else None
        score = float(scores[i, j]) if j is not None else math.nan
        records.append(_record(t, best, score, tolerance, _reading(t["metric"], lex), preliminary))
    frame = pd.DataFrame(records, columns=list(COLUMNS))
    for name in ("gap", "score", "value", "value_max", "outcome_value"):
        frame[name] = pd.to_numeric(frame[name], errors="coerce").astype("float64")
    for name in ("start", "end"):
        frame[name] = frame[name].astype("int64")
    for name in ("outcome_start", "outcome_end"):
        frame[name] = pd.array(frame[name].tolist(), dtype="Int64")
    for name in ("preliminary", "headline"):
        frame[name] = frame[name].astype(bool)
    return frame


def _record(t: dict, o: dict | None, score: float, tolerance: float, reading: str, preliminary) -> dict:
    record = {
        "metric": t["metric"],
        "quantity": t["quantity"],
        "value": t["value"],
        "value_max": t["value_max"],
        "unit": t["unit"],
        "comparator": t["comparator"],
        "headline": bool(t["headline"]),
        "sentence": t["sentence"],
        "start": t["start"],
        "end": t["end"],
        "verdict": "unknown",
        "gap": math.nan,
        "rule": "",
        "preliminary": False,
        "score": math.nan,
        "outcome_metric": "",
        "outcome_quantity": "",
        "outcome_value": math.nan,
        "outcome_comparator": "",
        "outcome_sentence": "",
        "outcome_start": None,
        "outcome_end": None,
    }
    if o is None:
        record["rule"] = "no outcome for this metric in the review"
        return record
    record.update(
        {
            "score": round(score, 3),
            "outcome_metric": o["metric"],
            "outcome_quantity": o["quantity"],
            "outcome_value": o["value"],
            "outcome_comparator": o["comparator"],
            "outcome_sentence": o["sentence"],
            "outcome_start": o["start"],
            "outcome_end": o["end"],
            "preliminary": any(p.search(o["sentence"]) for p in preliminary),
        }
    )
    if t["unit"] and o["unit"] and t["unit"] != o["unit"]:
        record["rule"] = f"units differ ({t['unit']}, {o['unit']})"
        return record
    actual, bound = _actual(t, o)
    kind, gap, rule = verdict(t["comparator"], float(t["value"]), float(t["value_max"]), actual, tolerance, reading, bound)
    record.update({"verdict": kind, "gap": gap, "rule": rule})
    return record
