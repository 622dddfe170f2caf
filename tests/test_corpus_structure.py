"""The structure of 557 real reports of every level and decade (../shared/corpus/reports/):
parts, headline passages and periods, checked against readings and published tables.

Each list of exceptions is data in tests/cases/, every entry written after reading the report:
no_headline.tsv (reports with no annual headline passage), plan_heavy.tsv (reports whose rows are
rightly almost all plan), gdp_disagreements.tsv (published GDP targets that differ from the report).
"""

from __future__ import annotations

import csv
from pathlib import Path

import pandas as pd
import pytest

from conftest import CORPUS, needs_corpus

CASES = Path(__file__).parent / "cases"
REPORTS = CORPUS / "reports"
FROM_YEAR = 1990  # older reports state plans in other forms; measured but not held to these figures
HEADLINE_FOUND_MIN = 0.99
GDP_AGREEMENT_MIN = 0.97


def _table(name: str) -> list[dict[str, str]]:
    lines = [ln for ln in (CASES / name).read_text(encoding="utf-8").splitlines() if ln and not ln.startswith("#")]
    return list(csv.DictReader(lines, delimiter="\t"))


@pytest.fixture(scope="module")
def checks(corpus_results):
    """gzbg check over the whole corpus, as the CLI runs it (2 processes)."""
    from gzbg.review.check import check_result

    results = corpus_results
    errors = [(r.doc, r.error) for r in results if r.error]
    assert errors == []  # no document fails, whatever it holds (一百亿亿次, front matter, \r\n …)
    frame = pd.DataFrame([vars(check_result(r)) for r in results])
    index = pd.read_csv(REPORTS / "INDEX.tsv", sep="\t", dtype=str)
    index["doc"] = index["path"].str.replace("reports/", "", n=1)
    index["real_year"] = pd.to_numeric(index["content_year"].fillna(index["file_year"]).str[:4], errors="coerce")
    return frame.merge(index[["doc", "level", "real_year"]], on="doc", suffixes=("", "_index"))


@pytest.fixture(scope="module")
def reports(checks):
    """The government work reports from 1990 on (the statistical bulletins are outcomes)."""
    return checks[(checks["level_index"] != "bulletin") & (checks["real_year"] >= FROM_YEAR)]


@needs_corpus
def test_every_report_with_a_headline_passage_has_it_found(reports):
    without = {r["doc"]: r for r in _table("no_headline.tsv") if r["has_headline"] == "no"}
    having = reports[~reports["doc"].isin(without)]
    missed = having.loc[~having["headline"], "doc"].tolist()
    assert len(having) - len(missed) >= HEADLINE_FOUND_MIN * len(having), missed
    assert missed == []


@needs_corpus
def test_a_report_read_as_having_no_headline_gets_none(reports):
    without = [r["doc"] for r in _table("no_headline.tsv") if r["has_headline"] == "no"]
    found = reports[reports["doc"].isin(without) & reports["headline"]]["doc"].tolist()
    assert found == []


@needs_corpus
def test_the_headlines_read_as_present_start_where_the_reader_saw_them(reports):
    """The 'yes' rows of no_headline.tsv: a passage was found at the quoted sentence."""
    import gzbg

    for row in _table("no_headline.tsv"):
        if row["has_headline"] != "yes":
            continue
        text = (REPORTS / row["doc"]).read_text(encoding="utf-8-sig")
        at = text.index(row["quote"])
        frame = gzbg.extract(text, doc=row["doc"])
        headline = frame[frame["headline"]]
        assert not headline.empty, row["doc"]
        sentence_end = text.find("。", at + len(row["quote"]))
        assert ((headline["start"] >= at) & (headline["start"] <= sentence_end)).any(), row["doc"]


@needs_corpus
def test_no_report_is_almost_all_plan_unless_read_so(reports):
    listed = {r["doc"] for r in _table("plan_heavy.tsv")}
    heavy = reports[reports["plan_share"] > 0.8]["doc"].tolist()
    assert sorted(set(heavy) - listed) == []
    assert sorted(listed - set(heavy)) == []  # a listed report that is no longer heavy: drop its line


@needs_corpus
def test_rows_follow_the_kind_of_their_part(reports):
    """Across the corpus, review rows stand in review parts and plan rows in plan parts."""
    share = (reports["review_rows"].sum() + reports["plan_rows"].sum()) / reports["rows"].sum()
    assert share == pytest.approx(1.0)
    assert reports["plan_share"].median() < 0.8


def _published(kind: str) -> pd.DataFrame:
    table = pd.read_csv(CORPUS / "external" / f"{kind}-gdp-targets.csv", dtype={"report_path": str})
    table = table[table["report_path"].notna()].copy()
    table["doc"] = table["report_path"].str.replace("reports/", "", n=1)
    if kind == "city":  # one number per city-year: a range may appear as its lower end or midpoint
        table["value"], table["value_max"] = table["target"].round(2), float("nan")
    return table


def _agrees(kind: str, target, check) -> bool:
    if check is None or pd.isna(check["gdp_value"]):
        return False
    low, high = check["gdp_value"], check["gdp_value_max"]
    if kind == "city" and pd.notna(high):
        return any(abs(x - target["value"]) < 1e-6 for x in (low, high, (low + high) / 2))
    if pd.notna(target["value_max"]) or pd.notna(high):
        return (
            pd.notna(high)
            and pd.notna(target["value_max"])
            and abs(low - target["value"]) < 1e-6
            and abs(high - target["value_max"]) < 1e-6
        )
    return abs(low - target["value"]) < 1e-6


@needs_corpus
@pytest.mark.parametrize("kind", ["province", "city"])
def test_headline_gdp_target_agrees_with_the_published_table(checks, kind):
    by_doc = checks.set_index("doc")
    listed = {r["doc"]: r for r in _table("gdp_disagreements.tsv") if r["table"] == kind}
    published = _published(kind)
    disagree = []
    for _, target in published.iterrows():
        check = by_doc.loc[target["doc"]] if target["doc"] in by_doc.index else None
        if not _agrees(kind, target, check):
            disagree.append(target["doc"])
    assert sorted(set(disagree) - set(listed)) == []  # a new disagreement: read the report, fix or list it
    assert sorted(set(listed) - set(disagree)) == []  # a listed one that now agrees: drop its line
    stated = published[~published["doc"].isin([d for d, r in listed.items() if r["reason"] == "no-target"])]
    agreeing = len(stated) - sum(1 for d in disagree if d in set(stated["doc"]))
    assert agreeing >= GDP_AGREEMENT_MIN * len(stated)
