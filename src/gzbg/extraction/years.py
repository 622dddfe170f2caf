"""Years named by rule: five-year-plan names (“十四五”) and their spans."""

from __future__ import annotations

import re

__all__ = ["PLAN_NAME", "plan_span"]

PLAN_NAME = re.compile(r"十([一二三四五六七八九])五")
_CN_DIGIT = {c: i for i, c in enumerate("零一二三四五六七八九")}


def plan_span(name_match: re.Match[str]) -> tuple[int, int]:
    """十四五 → 2021–2025: from the 4th plan (1971–1975) on, the k-th starts in 1971 + 5·(k−4)."""
    k = 10 + _CN_DIGIT[name_match.group(1)]
    start = 1971 + 5 * (k - 4)
    return start, start + 4
