"""The whole corpus in ../shared/corpus: every report runs, and its rows hold their invariants."""

import re

import pytest

import gzbg
from conftest import corpus_files, needs_corpus

FILES = corpus_files()


@pytest.fixture(scope="module", params=FILES, ids=[f.name for f in FILES])
def report(request):
    text = request.param.read_text(encoding="utf-8")
    return request.param, text, gzbg.extract(text, doc=request.param.name)


@needs_corpus
def test_every_row_points_at_its_quantity(report):
    _, text, frame = report
    assert len(frame) > 20
    for row in frame.itertuples(index=False):
        assert text[row.start : row.end] == row.quantity


@needs_corpus
def test_no_year_date_or_ordinal_rows(report):
    _, text, frame = report
    for row in frame.itertuples(index=False):
        assert not re.fullmatch(r"(19|20)\d\d", row.quantity), row.quantity
        assert text[row.start - 1 : row.start] != "第", row.sentence
        assert row.unit not in ("年", "月", "日")


@needs_corpus
def test_metrics_are_mostly_named(report):
    _, _, frame = report
    named = (frame["metric"].str.len() > 0).mean()
    assert named >= 0.95


@needs_corpus
def test_corpus_is_complete():
    assert len(FILES) == 16 + 31
