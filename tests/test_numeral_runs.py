"""A long run of numerals is no number (issue 13): tests/cases/numeral_runs.tsv and a property.

A maximal run of numeral characters longer than MAX_NUMERAL is one excluded numeral (reason
numeral-run) and yields no quantity; numerals that stand side by side in real reports are still
read."""

from __future__ import annotations

import csv
import math
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import gzbg
from gzbg.extraction.numbers import CN_NUMERAL_CHARS, MAX_NUMERAL
from gzbg.extraction.pipeline import excluded_numerals
from gzbg.extraction.quantities import NUMERAL_RUN

CASES = Path(__file__).parent / "cases" / "numeral_runs.tsv"
CORPUS = Path(__file__).resolve().parents[2] / "shared" / "corpus"
RUN_CHARS = "0123456789" + CN_NUMERAL_CHARS


def _cases() -> list[dict[str, str]]:
    lines = [ln for ln in CASES.read_text(encoding="utf-8").splitlines() if ln and not ln.startswith("#")]
    return list(csv.DictReader(lines, delimiter="\t"))


def test_kept_adjacencies_come_from_two_reports():
    sources = {c["source"] for c in _cases() if c["class"] == "adjacent"}
    assert len(sources) >= 2


@pytest.mark.parametrize("case", [c for c in _cases() if c["source"] != "synthetic"], ids=lambda c: c["quantity"])
def test_real_sentences_are_verbatim(case):
    source = CORPUS / case["source"]
    if not source.exists():
        pytest.skip("corpus not present")
    assert case["sentence"] in source.read_text(encoding="utf-8")


@pytest.mark.parametrize("case", _cases(), ids=lambda c: f"{c['class']}:{c['quantity'][:16]}")
def test_numeral_run_case(case):
    sentence = case["sentence"]
    frame = gzbg.extract(sentence)
    runs = [x for x in excluded_numerals(sentence) if x.reason == NUMERAL_RUN]
    if case["class"] == "numeral-run":
        assert frame.empty, frame["quantity"].tolist()
        assert [sentence[x.start : x.end] for x in runs] == [case["quantity"]]
        return
    assert runs == []
    rows = frame[frame["quantity"] == case["quantity"]]
    assert not rows.empty, frame["quantity"].tolist()
    assert math.isclose(rows.iloc[0]["value"], float(case["value"]), rel_tol=1e-9)
    assert rows.iloc[0]["unit"] == case["unit"]


def test_a_run_of_max_numeral_characters_is_still_read_as_numerals():
    text = "1" * MAX_NUMERAL + "。"
    assert all(x.reason != NUMERAL_RUN for x in excluded_numerals(text))


@settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    run=st.text(alphabet=RUN_CHARS, min_size=MAX_NUMERAL + 1, max_size=400),
    before=st.sampled_from(["", "编号", "增长", "约"]),
    after=st.sampled_from(["", "元", "%", "吨以上", "个百分点", "岁"]),
)
def test_a_long_numeral_run_yields_no_quantity(run, before, after):
    text = before + run + after
    assert gzbg.extract(text).empty
    runs = [x for x in excluded_numerals(text) if x.reason == NUMERAL_RUN]
    assert [(x.start, x.end) for x in runs] == [(len(before), len(before) + len(run))]
