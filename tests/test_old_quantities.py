"""Quantities of older and lower-level reports: tests/cases/old_quantities.tsv.

Each class has cases from at least two reports: words that hold a numeral but no quantity (城乡二元
结构, 唯一一家), per-unit denominators (万元生产总值能耗), 多 between multipliers (4万多亿元), doubling
(翻一番), compound units (百亿亿次/秒), a price index written as a number (103左右), and ‰.
"""

from __future__ import annotations

import csv
import math
import re
from pathlib import Path

import pytest

import gzbg

CASES = Path(__file__).parent / "cases" / "old_quantities.tsv"
# The numeral a "-" case must not read as a quantity.
_TRAP = re.compile(r"[一二]元|唯一一[家个]|单一|[万亿]元(?=GDP|地区|国内|生产|工业|增加值)")


def _cases():
    lines = [ln for ln in CASES.read_text(encoding="utf-8").splitlines() if ln and not ln.startswith("#")]
    return list(csv.DictReader(lines, delimiter="\t"))


def test_every_class_has_cases_from_two_reports():
    by_class: dict[str, set[str]] = {}
    for case in _cases():
        by_class.setdefault(case["class"], set()).add(case["source"])
    assert len(by_class) == 10
    assert all(len(sources) >= 2 for sources in by_class.values()), by_class


@pytest.mark.parametrize("case", _cases(), ids=lambda c: f"{c['class']}:{c['sentence'][:24]}:{c['quantity']}")
def test_old_quantity(case):
    sentence = case["sentence"]
    frame = gzbg.extract(sentence)
    frame = frame[frame["relation"] == ""]
    if case["quantity"] == "-":
        traps = [m.span() for m in _TRAP.finditer(sentence)]
        hits = [q for q, s, e in zip(frame["quantity"], frame["start"], frame["end"]) if any(s < te and ts < e for ts, te in traps)]
        assert hits == []
        return
    rows = frame[frame["quantity"] == case["quantity"]]
    assert not rows.empty, frame["quantity"].tolist()
    row = rows.iloc[0]
    assert math.isclose(row["value"], float(case["value"]), rel_tol=1e-6)
    assert (row["unit"], row["comparator"]) == (case["unit"], case["comparator"])
