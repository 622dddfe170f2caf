"""A structural check of each report: one row saying what was found and what looks wrong.

Before trusting a corpus's rows, a researcher wants to know, per report: its place, level and year,
the parts found by kind, whether a headline passage was found (its trigger, its rows and relations),
its GDP growth target, and how the rows split between review and plan — with warnings for what
usually means a misread (no plan part, no headline, almost every row labelled plan, …).
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass
from pathlib import PurePath

__all__ = ["CHECK_COLUMNS", "CHECK_TYPES", "Check", "check_result", "mark_duplicates", "summary"]

# Thresholds of the warnings, named once (README: "gzbg check").
PLAN_SHARE_WARNING = 0.8  # more than this share of rows labelled plan
SHORT_TEXT_CHARS = 3000  # a report shorter than this is an excerpt or a news summary
_FILE_YEAR = re.compile(r"(?<![0-9])((?:19|20)[0-9]{2})(?![0-9])")


@dataclass
class Check:
    doc: str
    place: str
    level: str
    report_year: int | None
    chars: int
    parts: str  # kinds in order: opening review plan plan closing annex
    review_parts: int
    plan_parts: int
    annex_parts: int
    headline: bool
    headline_trigger: str
    headline_rows: int
    headline_relations: int
    gdp_growth: str  # the quantity as written
    gdp_value: float | None
    gdp_value_max: float | None
    gdp_comparator: str
    rows: int
    review_rows: int
    plan_rows: int
    plan_share: float | None
    warnings: str  # '; '-joined


CHECK_COLUMNS = tuple(Check.__dataclass_fields__)
# Column kinds for the writers (Parquet, Excel, Stata keep them).
CHECK_TYPES = {
    name: ("int" if kind in ("int", "int | None") else "float" if kind == "float | None" else "bool" if kind == "bool" else "str")
    for name, kind in ((f.name, str(f.type)) for f in Check.__dataclass_fields__.values())
}


def _gdp_row(rows: list[dict]) -> dict | None:
    for r in rows:
        if r["headline"] and r["indicator"] == "gdp_growth" and r["value"] is not None and r["repeat_of"] is None:
            return r
    return None


def check_result(result) -> Check:
    """The check of one extracted report (a ``gzbg.runner.Result``)."""
    rows = result.rows
    kinds = [p.kind or "?" for p in result.parts]
    counts = Counter(kinds)
    headline_rows = [r for r in rows if r["headline"]]
    review = sum(r["period"] == "review" for r in rows)
    plan = sum(r["period"] == "plan" for r in rows)
    gdp = _gdp_row(rows)
    warnings = []
    if not counts["review"]:
        warnings.append("no review part")
    if not counts["plan"]:
        warnings.append("no plan part")
    if not result.headlines:
        warnings.append("no headline")
    share = plan / len(rows) if rows else None
    if share is not None and share > PLAN_SHARE_WARNING:
        warnings.append(f"over {PLAN_SHARE_WARNING:.0%} plan rows ({share:.0%})")
    if any(r["part_kind"] not in ("plan", "") for r in headline_rows):
        warnings.append("headline outside the plan part")
    if result.chars < SHORT_TEXT_CHARS:
        warnings.append(f"short text ({result.chars} characters)")
    m = _FILE_YEAR.search(PurePath(result.doc).name)
    if m and result.year is not None and int(m.group(1)) != result.year:
        warnings.append(f"year differs from the file name ({result.year} in the text, {m.group(1)} in the name)")
    return Check(
        doc=result.doc,
        place=result.place,
        level=result.level,
        report_year=result.year,
        chars=result.chars,
        parts=" ".join(kinds),
        review_parts=counts["review"],
        plan_parts=counts["plan"],
        annex_parts=counts["annex"],
        headline=bool(result.headlines),
        headline_trigger=result.headlines[0].trigger if result.headlines else "",
        headline_rows=len(headline_rows),
        headline_relations=sum(bool(r["relation"]) for r in headline_rows),
        gdp_growth=gdp["quantity"] if gdp else "",
        gdp_value=gdp["value"] if gdp else None,
        gdp_value_max=gdp["value_max"] if gdp else None,
        gdp_comparator=gdp["comparator"] if gdp else "",
        rows=len(rows),
        review_rows=review,
        plan_rows=plan,
        plan_share=round(share, 3) if share is not None else None,
        warnings="; ".join(warnings),
    )


def mark_duplicates(checks: list[Check], hashes: list[str]) -> None:
    """Warn on a report whose text (white space aside) is the same as an earlier one's."""
    first: dict[str, str] = {}
    for check, digest in zip(checks, hashes):
        if digest in first:
            note = f"same text as another report ({first[digest]})"
            check.warnings = f"{check.warnings}; {note}" if check.warnings else note
        else:
            first[digest] = check.doc


def summary(checks: list[Check]) -> str:
    """One line: how many reports, with a headline, with each warning."""
    n = len(checks)
    found = sum(c.headline for c in checks)
    warned = sum(bool(c.warnings) for c in checks)
    kinds = Counter(w.split(" (")[0] for c in checks for w in c.warnings.split("; ") if w)
    detail = ", ".join(f"{k} {v}" for k, v in kinds.most_common())
    return f"{n} reports: headline found in {found}, {warned} with warnings" + (f" ({detail})" if detail else "")
