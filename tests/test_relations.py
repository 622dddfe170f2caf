"""Targets without a number, read in their whole report: tests/cases/relations.tsv.

Each case names a clause of a corpus report and the phrase that states (or, for relation '-',
only looks like) a target without a number. The report is extracted whole, so the case also
checks that the clause stands where relations are read (headline passage, parts).
"""

from __future__ import annotations

import csv
from functools import lru_cache
from pathlib import Path

import pytest

import gzbg
from conftest import CORPUS, needs_corpus

CASES = Path(__file__).parent / "cases" / "relations.tsv"


def _cases():
    lines = [ln for ln in CASES.read_text(encoding="utf-8").splitlines() if ln and not ln.startswith("#")]
    return list(csv.DictReader(lines, delimiter="\t"))


@lru_cache(maxsize=None)
def _extract(source: str):
    text = (CORPUS / source).read_text(encoding="utf-8-sig")
    return text, gzbg.extract(text, doc=source)


def test_the_cases_cover_every_relation_from_many_reports():
    cases = _cases()
    relations = {c["relation"] for c in cases}
    assert relations == {"sync", "positive", "above_parent", "delegated", "no_decrease", "keep_stable", "-"}
    assert len([c for c in cases if c["relation"] != "-"]) >= 30
    assert len({c["source"] for c in cases}) >= 10


@needs_corpus
@pytest.mark.parametrize("case", _cases(), ids=lambda c: f"{c['relation']}:{c['source']}:{c['phrase']}")
def test_relation(case):
    text, frame = _extract(case["source"])
    sentence = text.index(case["sentence"])
    start = sentence + case["sentence"].index(case["phrase"])
    end = start + len(case["phrase"])
    rows = frame[(frame["relation"] != "") & (frame["start"] < end) & (frame["end"] > start)]
    if case["relation"] == "-":
        assert rows.empty, rows[["quantity", "relation"]].to_dict("records")
        return
    assert case["relation"] in rows["relation"].tolist()
    row = rows[rows["relation"] == case["relation"]].iloc[0]
    assert text[row["start"] : row["end"]] == row["quantity"]
    assert pd_isna(row["value"]) and row["unit"] == "" and row["comparator"] == ""


def pd_isna(value) -> bool:
    return value is None or value != value
