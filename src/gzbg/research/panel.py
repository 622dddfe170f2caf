"""From reports to a panel: the headline targets of many reports, one indicator per column.

A panel cell is the first headline target of a report that names the indicator (a repeat or a
forecast never counts; a relation row fills ``<code>_relation``). Values are ``value_std``: one unit
per indicator across reports. Long form adds, when the inputs allow:

- escalation (层层加码): the same indicator in the parent government's report of the same year
  (a city's province, a province's or municipality's nation, a county's city: places.tsv and
  cities.tsv) — ``gap_to_parent`` is the child's range midpoint minus the parent's, in the
  indicator's unit (percentage points for a rate); ``escalated`` is true when the child sets more
  (less, for a ceiling) than its parent, or the same figure with a harder comparator;
- attainment: the outcome that the same place's report of the next year gives for that year in its
  review part, judged by the rules of ``gzbg track`` (``verdict``).
"""

from __future__ import annotations

import math

import pandas as pd

from gzbg.lexicons import Lexicons
from gzbg.research.track import TOLERANCE, verdict

__all__ = ["LONG_COLUMNS", "WIDE_SUFFIXES", "build_panel", "panel_long", "panel_wide", "parent_of", "variable_labels"]

LONG_COLUMNS = (
    "place",
    "level",
    "year",
    "indicator",
    "quantity",
    "value",
    "value_max",
    "unit",
    "comparator",
    "wording",
    "relation",
    "doc",
    "start",
    "end",
)
ESCALATION_COLUMNS = ("parent_place", "parent_value", "parent_value_max", "parent_comparator", "gap_to_parent", "escalated")
OUTCOME_COLUMNS = ("actual", "gap", "met", "outcome_doc", "outcome_start")
WIDE_SUFFIXES = ("", "_max", "_cmp", "_wording", "_relation")
NATIONAL = "全国"
# How hard a comparator binds, for a floor: 以上 binds more than 左右 at the same figure.
_FLOOR_HARDNESS = {">": 3, ">=": 2, "=": 1, "~": 0, "<=": -1, "<": -2}


def parent_of(place: str, level: str, lex: Lexicons) -> str:
    """The government one level up: a province's nation, a city's province, a county's city."""
    if level == "province":
        return NATIONAL
    for name, _, parent, _ in lex.cities:
        if name == place:
            return parent
    return ""


def _headline_targets(rows: pd.DataFrame, indicators: list[str] | None) -> pd.DataFrame:
    keep = rows["headline"] & (rows["indicator"] != "") & rows["repeat_of"].isna() & (rows["role"] == "target") & (rows["period"] == "plan")
    found = rows[keep]
    if indicators:
        found = found[found["indicator"].isin(indicators)]
    # Numeric first, then a relation, each in text order: one cell per report and indicator.
    found = found.assign(_relation=found["relation"] != "").sort_values(["doc", "_relation", "start"], kind="stable")
    return found.drop_duplicates(["doc", "indicator"]).drop(columns="_relation")


def panel_long(
    rows: pd.DataFrame, lex: Lexicons, indicators: list[str] | None = None, parents: pd.DataFrame | None = None, outcomes: bool = False
) -> pd.DataFrame:
    """One row per report × indicator (LONG_COLUMNS, then escalation and outcome columns).

    ``rows``: the extracted rows of every report (gzbg.extract's columns). ``parents``: rows of
    parent reports given apart (``--parent``); the parents among ``rows`` are found as well.
    """
    cells = _headline_targets(rows, indicators)
    long = pd.DataFrame(
        {
            "place": cells["place"],
            "level": cells["level"],
            "year": cells["report_year"],
            "indicator": cells["indicator"],
            "quantity": cells["quantity"],
            "value": cells["value_std"],
            "value_max": cells["value_max_std"],
            "unit": cells["unit_std"],
            "comparator": cells["comparator"],
            "wording": cells["wording"],
            "relation": cells["relation"],
            "doc": cells["doc"],
            "start": cells["start"],
            "end": cells["end"],
        }
    ).reset_index(drop=True)
    if "reviewed" in cells.columns:  # rows corrected by a reviewer (gzbg panel --corrections)
        long["reviewed"] = cells["reviewed"].fillna(False).astype(bool).to_numpy()
    pool = long if parents is None else pd.concat([long, panel_long(parents, lex, indicators)], ignore_index=True)
    long = _with_escalation(long, pool, lex)
    if outcomes:
        long = _with_outcomes(long, rows, lex)
    long["year"] = long["year"].astype("Int64")
    return long


def _midpoint(value, value_max) -> float:
    return (value + value_max) / 2 if pd.notna(value_max) else value


def _with_escalation(long: pd.DataFrame, pool: pd.DataFrame, lex: Lexicons) -> pd.DataFrame:
    bounds = {ind.code: ind.bound for ind in lex.indicators}
    by_key = {(r.place, r.year, r.indicator): r for r in pool.itertuples() if pd.notna(r.value)}
    records: list[tuple] = []
    for r in long.itertuples():
        parent = parent_of(r.place, r.level, lex)
        p = by_key.get((parent, r.year, r.indicator)) if parent else None
        if p is None or pd.isna(r.value):
            records.append((parent, None, None, "", None, None))
            continue
        gap = round(_midpoint(r.value, r.value_max) - _midpoint(p.value, p.value_max), 6)
        sign = 1 if bounds.get(r.indicator) != "ceiling" else -1
        harder = sign * (_FLOOR_HARDNESS.get(r.comparator, 0) - _FLOOR_HARDNESS.get(p.comparator, 0))
        records.append((parent, p.value, p.value_max, p.comparator, gap, sign * gap > 0 or (gap == 0 and harder > 0)))
    extra = pd.DataFrame(records, columns=list(ESCALATION_COLUMNS), index=long.index)
    extra["escalated"] = extra["escalated"].astype("boolean")
    return pd.concat([long, extra], axis=1)


def _with_outcomes(long: pd.DataFrame, rows: pd.DataFrame, lex: Lexicons) -> pd.DataFrame:
    """The outcome of each target in the next report of the same place (its review rows)."""
    bounds = {ind.code: ind.bound for ind in lex.indicators}
    review = rows[
        (rows["period"] == "review")
        & (rows["indicator"] != "")
        & rows["value_std"].notna()
        & (rows["role"] == "target")
        & rows["year_end"].isna()
    ]
    first = review.sort_values(["doc", "start"]).drop_duplicates(["place", "report_year", "indicator", "year"])
    by_key = {(r.place, r.report_year, r.indicator, r.year): r for r in first.itertuples()}
    records: list[tuple] = []
    for r in long.itertuples():
        # the next report's review first; else a statistical bulletin of the year itself (its
        # report_year is the year it reports on: a work report of a year reviews the one before)
        o = by_key.get((r.place, r.year + 1 if pd.notna(r.year) else None, r.indicator, r.year)) or by_key.get(
            (r.place, r.year, r.indicator, r.year)
        )
        if o is None or pd.isna(r.value):
            records.append((None, None, None, "", None))
            continue
        reading = "ceiling" if bounds.get(r.indicator) == "ceiling" else "floor"
        judged, gap, _ = verdict(
            r.comparator or "=", r.value, r.value_max if pd.notna(r.value_max) else math.nan, o.value_std, TOLERANCE, reading
        )
        records.append((o.value_std, gap, None if judged == "unknown" else judged == "met", o.doc, o.start))
    extra = pd.DataFrame(records, columns=list(OUTCOME_COLUMNS), index=long.index)
    extra["met"] = extra["met"].astype("boolean")
    extra["outcome_start"] = extra["outcome_start"].astype("Int64")
    return pd.concat([long, extra], axis=1)


def panel_wide(long: pd.DataFrame, reports: pd.DataFrame, indicators: list[str] | None = None) -> pd.DataFrame:
    """One row per report of ``reports`` (place, level, year, doc), then per indicator <code>,
    <code>_max, <code>_cmp, <code>_wording, <code>_relation (empty where the report sets none)."""
    codes = indicators or sorted(long["indicator"].unique())
    wide = reports[["place", "level", "year", "doc"]].drop_duplicates("doc").set_index("doc")
    for code in codes:
        part = long[long["indicator"] == code].set_index("doc")
        for suffix, column in zip(WIDE_SUFFIXES, ("value", "value_max", "comparator", "wording", "relation")):
            wide[f"{code}{suffix}"] = part[column].reindex(wide.index)
    wide = wide.reset_index()
    return wide[["place", "level", "year", "doc", *[c for c in wide.columns if c not in ("place", "level", "year", "doc")]]]


def build_panel(
    rows: pd.DataFrame,
    lex: Lexicons,
    indicators: list[str] | None = None,
    long: bool = False,
    parents: pd.DataFrame | None = None,
    outcomes: bool = False,
) -> pd.DataFrame:
    """The panel of the reports whose rows are ``rows`` (wide unless ``long``)."""
    rows = rows.copy()
    for column in ("indicator", "relation"):
        rows[column] = rows[column].fillna("")
    cells = panel_long(rows, lex, indicators, parents, outcomes)
    if long:
        return cells
    reports = rows.drop_duplicates("doc").drop(columns="year").rename(columns={"report_year": "year"})
    reports["year"] = reports["year"].astype("Int64")
    return panel_wide(cells, reports, indicators)


def variable_labels(columns, lex: Lexicons) -> dict[str, str]:
    """Stata variable labels of a wide panel: each indicator's Chinese label, with what the column
    holds for the others (上限, 比较, 措辞, 关系)."""
    names = {ind.code: ind.label_zh for ind in lex.indicators}
    what = {"_max": "（上限）", "_cmp": "（比较符）", "_wording": "（措辞）", "_relation": "（关系）"}
    labels = {}
    for column in columns:
        for suffix, note in [*what.items(), ("", "")]:
            code = column[: len(column) - len(suffix)] if suffix else column
            if (not suffix or column.endswith(suffix)) and code in names:
                labels[column] = names[code] + note
                break
    return labels
