"""diff and track (issue 5): plan targets paired across years, and checked against outcomes."""

import csv
import math
from pathlib import Path

import pandas as pd
import pytest

import gzbg
from conftest import CORPUS, needs_corpus
from gzbg.extraction.table import COLUMNS, to_dataframe
from gzbg.lexicons import load
from gzbg.read.saved import load_table
from gzbg.research.diff import STATUSES, align, plan_targets, status, summary
from gzbg.research.similarity import metric_words
from gzbg.research.track import verdict

CASES = Path(__file__).parent / "cases"
NATIONAL = {year: CORPUS / f"national-china-{year}.txt" for year in range(2021, 2026)}
PAIRED = ("raised", "lowered", "reworded", "unchanged")


# --- small tables made here -------------------------------------------------------------------


def row(metric, quantity, value, start, **fields):
    """One row of the public table; what a test does not name is a plain plan target."""
    record = {c: "" for c in COLUMNS}
    record.update(
        doc="t.txt",
        metric=metric,
        quantity=quantity,
        value=value,
        value_max=None,
        unit="%",
        comparator="~",
        role="target",
        period="plan",
        headline=False,
        measure="growth",
        direction="up",
        wording="soft",
        year=2024,
        year_end=None,
        report_year=2024,
        group=None,
        sentence=f"{metric}增长{quantity}。",
        start=start,
        end=start + len(quantity),
        line=1,
        value_std=None,
        value_max_std=None,
        repeat_of=None,
    )
    record.update(fields)
    return record


def table(*rows):
    return to_dataframe(list(rows))


def one(frame, **where):
    mask = pd.Series(True, index=frame.index)
    for column, value in where.items():
        mask &= frame[column] == value
    (index,) = frame.index[mask]
    return frame.loc[index]


# --- status, alignment, summary -----------------------------------------------------------------


def _pair(old, new):
    base = {"value_max": math.nan, "unit": "%", "comparator": "~", "wording": "soft"}
    return {**base, **old}, {**base, **new}


@pytest.mark.parametrize(
    "old, new, expected",
    [
        ({"value": 6, "comparator": ">=", "wording": "hard"}, {"value": 5.5}, "lowered"),
        ({"value": 5.5}, {"value": 5}, "lowered"),
        ({"value": 1.3e12}, {"value": 1.4e12}, "raised"),
        ({"value": 5}, {"value": 5}, "unchanged"),
        ({"value": 1.2e7}, {"value": 1.2e7, "comparator": ">=", "wording": "hard"}, "reworded"),
        ({"value": 5, "wording": "neutral"}, {"value": 5, "wording": "soft"}, "reworded"),
        # a range counts by its midpoint: 4.5%—5% is lower than 5%左右; 4%—6% is 5% reworded
        ({"value": 5}, {"value": 4.5, "value_max": 5, "comparator": "="}, "lowered"),
        ({"value": 4, "value_max": 6, "comparator": "="}, {"value": 5, "comparator": "="}, "reworded"),
        ({"value": 5, "value_max": 5.5}, {"value": 5, "value_max": 5.5}, "unchanged"),
        # another unit leaves the values incomparable
        ({"value": 3, "unit": "元"}, {"value": 3, "unit": "美元"}, "reworded"),
    ],
)
def test_status_rules(old, new, expected):
    assert status(*_pair(old, new)) == expected


def test_assignment_is_one_to_one_where_greedy_fails():
    # Old 0 fits new 0 best, but old 1 fits only new 0: first-come would pair (0, 0) and leave
    # old 1 alone; the assignment gives old 0 its second choice and pairs both.
    scores = pd.DataFrame([[0.9, 0.8], [0.85, 0.1]]).to_numpy()
    assert align(scores, 0.5) == [(0, 1), (1, 0)]
    # below the threshold a pair is not made, whatever the assignment would gain
    assert align(scores, 0.86) == [(0, 0)]


def test_diff_assigns_rows_one_to_one_where_greedy_fails():
    # 失业率 (old 0) and its repetition (old 1) against a new report that keeps only one mention of
    # each: no new row is used twice, and every old row appears.
    old = table(
        row("城镇调查失业率", "5.5%", 5.5, 10, measure="level", direction="", headline=True),
        row("城镇调查失业率", "5.5%", 5.5, 50, measure="level", direction=""),
        row("居民消费价格", "3%", 3, 90),
    )
    new = table(row("城镇调查失业率", "5.5%", 5.5, 12, measure="level", direction="", headline=True), row("居民消费价格", "2%", 2, 30))
    frame = gzbg.diff(old, new)
    assert sorted(frame["status"]) == ["dropped", "lowered", "unchanged"]
    assert one(frame, old_start=10)["new_start"] == 12  # the headline mention keeps its pair
    assert pd.isna(one(frame, old_start=50)["new_start"])


def test_min_score_reports_a_weak_pair_as_dropped_and_new():
    old = table(row("高标准农田", "1亿亩", 1e8, 0, unit="亩", measure="amount", direction=""))
    new = table(row("中央预算内投资", "1亿亩", 1e8, 0, unit="亩", measure="amount", direction=""))
    assert sorted(gzbg.diff(old, new)["status"]) == ["dropped", "new"]
    forced = gzbg.diff(old, new, min_score=0.0)
    assert forced["status"].tolist() == ["unchanged"] and forced.loc[0, "score"] < 0.5


def test_units_and_measures_that_differ_are_never_paired():
    old = table(row("赤字率", "3%", 3, 0, measure="level", direction=""))
    new = table(
        row("赤字率", "1个百分点", 1, 0, unit="百分点", measure="change"),
        row("赤字率", "3亿元", 3e8, 20, unit="元", measure="level", direction=""),
    )
    assert sorted(gzbg.diff(old, new, min_score=0.0)["status"]) == ["dropped", "new", "new"]


def test_diff_of_a_table_with_itself_is_unchanged():
    frame = table(
        row("国内生产总值", "5%", 5, 0, headline=True),
        row("粮食产量", "1.3万亿斤", 1.3e12, 20, unit="斤", comparator=">=", measure="level", direction="", wording="hard"),
    )
    assert summary(gzbg.diff(frame, frame)) == "0 raised, 0 lowered, 0 reworded, 2 unchanged, 0 new, 0 dropped"


def test_only_plan_targets_are_compared():
    frame = table(
        row("国内生产总值", "5%", 5, 0),
        row("国内生产总值", "5.2%", 5.2, 20, period="review"),
        row("投资", "30亿元", 3e9, 40, role="qualifier", unit="元"),
    )
    assert plan_targets(frame)["start"].tolist() == [0]


def test_a_table_of_several_reports_is_refused():
    frame = table(row("国内生产总值", "5%", 5, 0), row("国内生产总值", "5%", 5, 0, doc="u.txt"))
    with pytest.raises(ValueError, match="2 reports"):
        gzbg.diff(frame, frame)


def test_summary_counts_every_status():
    frame = pd.DataFrame({"status": ["raised", "raised", "new", "dropped", "unchanged"]})
    assert summary(frame) == "2 raised, 0 lowered, 0 reworded, 1 unchanged, 1 new, 1 dropped"
    assert summary(frame.iloc[:0]) == ", ".join(f"0 {s}" for s in STATUSES)


def test_synonyms_read_as_one_word():
    lex = load()
    assert [w for w, _ in metric_words("全省生产总值", lex)] == ["§生产总值"]
    assert [w for w, _ in metric_words("经济", lex)] == ["§生产总值"]
    assert "§生产总值" not in [w for w, _ in metric_words("数字经济核心产业增加值", lex)]
    assert [w for w, _ in metric_words("单位国内生产总值能耗", lex)] == ["§能耗强度"]


# --- saved tables ------------------------------------------------------------------------------

SAMPLE_TEXT = "今年主要预期目标是：地区生产总值增长5%左右，城镇新增就业11万人以上。更新改造地下管网120公里以上。"


@pytest.mark.parametrize("suffix", [".csv", ".json", ".jsonl"])
def test_load_table_round_trip(tmp_path, suffix):
    frame = gzbg.extract(SAMPLE_TEXT, doc="sample.txt", year=2026)
    path = tmp_path / f"t{suffix}"
    if suffix == ".csv":
        frame.to_csv(path, index=False)
    else:
        frame.to_json(path, orient="records", force_ascii=False, lines=suffix == ".jsonl")
    back = load_table(path)
    pd.testing.assert_frame_equal(back, frame, check_dtype=False)
    assert {c: str(back[c].dtype) for c in back} == {c: str(frame[c].dtype) for c in frame}
    assert gzbg.diff(path, frame)["status"].eq("unchanged").all()


def test_load_table_names_a_missing_column(tmp_path):
    frame = gzbg.extract(SAMPLE_TEXT, doc="sample.txt").drop(columns=["comparator"])
    frame.to_csv(tmp_path / "t.csv", index=False)
    with pytest.raises(ValueError, match="no column comparator"):
        load_table(tmp_path / "t.csv")


def test_load_table_names_a_bad_value(tmp_path):
    frame = gzbg.extract(SAMPLE_TEXT, doc="sample.txt")
    frame["value"] = frame["value"].astype(object)
    frame.loc[0, "value"] = "five"
    frame.to_csv(tmp_path / "t.csv", index=False)
    with pytest.raises(ValueError, match="column value holds 'five'"):
        load_table(tmp_path / "t.csv")


def test_load_table_reads_a_report_and_reports_a_missing_file(tmp_path):
    (tmp_path / "r.txt").write_text(SAMPLE_TEXT, encoding="utf-8")
    assert load_table(tmp_path / "r.txt", year=2026)["quantity"].tolist() == ["5%", "11万人", "120公里"]
    with pytest.raises(gzbg.ReadError, match="no such file"):
        load_table(tmp_path / "missing.csv")


# --- verdicts ------------------------------------------------------------------------------------

NAN = math.nan


@pytest.mark.parametrize(
    "comparator, target, target_max, actual, reading, outcome_cmp, expected, gap",
    [
        ("~", 6, NAN, 5.6, "", "=", "missed", -0.4),  # the example
        ("~", 5, NAN, 5.2, "", "=", "met", 0.2),
        ("~", 5, NAN, 4.7, "", "=", "missed", -0.3),
        ("~", 5.5, NAN, 5.1, "ceiling", "=", "met", -0.4),  # 失业率 5.5%左右 met by 5.1%
        ("~", 2.5, NAN, 3, "floor", "=", "met", 0.5),  # 能耗降低2.5%左右 met by 降低3%
        (">=", 1.2e7, NAN, 1.256e7, "", "=", "met", 5.6e5),
        (">=", 1.3e12, NAN, 1.29e12, "", "=", "missed", -1e10),
        ("<=", 5.5, NAN, 5.6, "", "=", "missed", 0.1),
        ("<", 3, NAN, 3, "", "=", "missed", 0),
        (">", 1e4, NAN, 1e4, "", "=", "missed", 0),
        (">", 1e4, NAN, 1e4, "", ">", "met", 0),  # 突破1万公里 meets 突破1万公里
        ("=", 100, NAN, 103, "", "=", "met", 3),
        ("=", 4.5, 5, 4.8, "", "=", "met", 0),  # a range: 0 inside
        ("=", 4.5, 5, 4.2, "", "=", "missed", -0.3),  # the distance to the nearer end
        ("=", 4.5, 5, 5.4, "", "=", "met", 0.4),  # above a range: a target is a floor
        ("~", 5, NAN, 5.4, "", "=", "met", 0.4),  # GDP 5%左右 met by 5.4%
        ("=", 120, NAN, 127, "", "=", "met", 7),  # 新增公园120座 met by 127
        ("~", 5.5, NAN, 6.0, "ceiling", "=", "missed", 0.5),  # 失业率 5.5%左右 missed by 6%
        ("=", 4.5, 5, 5.4, "ceiling", "=", "missed", 0.4),
    ],
)
def test_verdict_rules(comparator, target, target_max, actual, reading, outcome_cmp, expected, gap):
    kind, found_gap, rule = verdict(comparator, target, target_max, actual, 0.05, reading, outcome_cmp)
    assert (kind, found_gap) == (expected, pytest.approx(gap))
    assert "actual" in rule


def test_track_flags_preliminary_outcomes_and_skips_multi_year_figures():
    plan = table(row("地区生产总值", "5.5%", 5.5, 0, headline=True), row("居民消费价格", "2%", 2, 20))
    outcome = table(
        row("地区生产总值", "5.6%", 5.6, 5, period="review", sentence="预计全年地区生产总值增长5.6%。"),
        row("居民消费价格", "2.1%", 2.1, 30, period="review", sentence="居民消费价格年均上涨2.1%。"),
    )
    frame = gzbg.track(plan, outcome)
    gdp, prices = one(frame, start=0), one(frame, start=20)
    assert (gdp["verdict"], gdp["gap"], gdp["preliminary"], gdp["outcome_start"]) == ("met", pytest.approx(0.1), True, 5)
    assert (prices["verdict"], pd.isna(prices["outcome_start"])) == ("unknown", True)


def test_track_compares_a_decline_with_a_rise():
    plan = table(row("单位地区生产总值能耗", "3%", 3, 0, direction="down", comparator=">=", wording="hard"))
    outcome = table(row("单位地区生产总值能耗", "0.5%", 0.5, 9, period="review", direction="up"))
    result = gzbg.track(plan, outcome).loc[0]
    assert (result["verdict"], result["gap"]) == ("missed", pytest.approx(-3.5))


def test_track_tolerance():
    plan = table(row("地区生产总值", "6%", 6, 0))
    outcome = table(row("地区生产总值", "5.6%", 5.6, 3, period="review"))
    assert gzbg.track(plan, outcome).loc[0, "verdict"] == "missed"
    assert gzbg.track(plan, outcome, tolerance=0.1).loc[0, "verdict"] == "met"


# --- the national reports 2021–2025 --------------------------------------------------------------


@pytest.fixture(scope="module")
def national():
    return {year: (path.read_text(encoding="utf-8"), load_table(path)) for year, path in NATIONAL.items()}


@pytest.fixture(scope="module")
def diffs(national):
    return {year: gzbg.diff(national[year][1], national[year + 1][1]) for year in range(2021, 2025)}


def _offset(text, phrase, quantity):
    """The offset of ``quantity`` inside ``phrase``, which stands once in the text."""
    assert text.count(phrase) == 1, phrase
    return text.index(phrase) + phrase.index(quantity)


GDP = {
    2021: "国内生产总值增长6%以上",
    2022: "国内生产总值增长5.5%左右",
    2023: "国内生产总值增长5%左右",
    2024: "国内生产总值增长5%左右",
    2025: "国内生产总值增长5%左右",
}
GDP_STATUS = {2021: "lowered", 2022: "lowered", 2023: "unchanged", 2024: "unchanged"}


@needs_corpus
@pytest.mark.parametrize("year", sorted(GDP_STATUS))
def test_gdp_growth_target_is_aligned_across_years(national, diffs, year):
    old = _offset(national[year][0], GDP[year], GDP[year][8:].rstrip("以上左右"))
    new = _offset(national[year + 1][0], GDP[year + 1], GDP[year + 1][8:].rstrip("以上左右"))
    pair = one(diffs[year], old_start=old)
    assert (pair["new_start"], pair["status"]) == (new, GDP_STATUS[year])
    assert pair["headline"] and pair["score"] >= 0.8


@needs_corpus
def test_employment_1200_wan_around_to_at_least_is_reworded(national, diffs):
    old = _offset(national[2023][0], "城镇新增就业1200万人左右", "1200万人")
    new = _offset(national[2024][0], "城镇新增就业1200万人以上", "1200万人")
    pair = one(diffs[2023], old_start=old)
    assert (pair["new_start"], pair["status"]) == (new, "reworded")
    assert (pair["old_comparator"], pair["new_comparator"]) == ("~", ">=")


@needs_corpus
@pytest.mark.parametrize("year", sorted(GDP_STATUS))
def test_every_plan_target_of_each_side_appears_once(national, diffs, year):
    frame = diffs[year]
    for side, source in (("old", national[year][1]), ("new", national[year + 1][1])):
        expected = sorted(plan_targets(source)["start"])
        assert sorted(frame[f"{side}_start"].dropna().astype(int)) == expected
    assert set(frame["status"]) <= set(STATUSES)
    assert frame.loc[frame["status"].isin(PAIRED), "score"].ge(gzbg.research.diff.MIN_SCORE).all()
    for _, r in frame.iterrows():  # offsets still point at the quantities
        if not pd.isna(r["old_start"]):
            assert national[year][0][r["old_start"] : r["old_end"]] == r["old_quantity"]
        if not pd.isna(r["new_start"]):
            assert national[year + 1][0][r["new_start"] : r["new_end"]] == r["new_quantity"]


def _hand_aligned():
    with open(CASES / "aligned-national-2024-2025.tsv", encoding="utf-8") as handle:
        lines = [line for line in handle if line.strip() and not line.startswith("#")]
    return list(csv.DictReader(lines, delimiter="\t"))


@needs_corpus
def test_hand_aligned_pair_precision_and_recall(national, diffs):
    gold = _hand_aligned()
    old_text, new_text = national[2024][0], national[2025][0]
    for g in gold:  # the file is true to the corpus
        if g["old_start"]:
            assert old_text[int(g["old_start"]) :].startswith(g["old_quantity"]), g
        if g["new_start"]:
            assert new_text[int(g["new_start"]) :].startswith(g["new_quantity"]), g
    frame = diffs[2024]
    listed_old = {int(g["old_start"]) for g in gold if g["old_start"]}
    listed_new = {int(g["new_start"]) for g in gold if g["new_start"]}
    assert listed_old <= set(frame["old_start"].dropna().astype(int))
    assert listed_new <= set(frame["new_start"].dropna().astype(int))
    assert len(listed_old - set(plan_targets(national[2024][1])["start"])) == 0
    assert len(gold) >= 6 + 15

    expected = {(int(g["old_start"]), int(g["new_start"])) for g in gold if g["old_start"] and g["new_start"]}
    paired = frame[frame["status"].isin(PAIRED)]
    found = {(int(o), int(n)) for o, n in zip(paired["old_start"], paired["new_start"]) if o in listed_old or n in listed_new}
    right = len(found & expected)
    precision, recall = right / len(found), right / len(expected)
    assert precision >= 0.9 and recall >= 0.9, (precision, recall, sorted(expected - found), sorted(found - expected))


@needs_corpus
def test_track_gdp_2024_against_the_2025_review(national):
    plan_text, outcome_text = national[2024][0], national[2025][0]
    frame = gzbg.track(national[2024][1], national[2025][1])
    gdp = one(frame, start=_offset(plan_text, GDP[2024], "5%"))
    outcome = _offset(outcome_text, "国内生产总值达到134.9万亿元、增长5%", "5%")
    assert (gdp["outcome_start"], gdp["outcome_quantity"]) == (outcome, "5%")
    assert (gdp["verdict"], gdp["gap"], gdp["preliminary"]) == ("met", 0.0, False)
    assert outcome_text[gdp["outcome_start"] : gdp["outcome_end"]] == "5%"
    employment = one(frame, start=_offset(plan_text, "城镇新增就业1200万人以上", "1200万人"))
    assert (employment["outcome_quantity"], employment["verdict"]) == ("1256万人", "met")
    assert len(frame) == len(plan_targets(national[2024][1]))  # every target has a row


@needs_corpus
def test_track_gdp_2022_missed(national):
    frame = gzbg.track(national[2022][1], national[2023][1])
    gdp = one(frame, start=_offset(national[2022][0], GDP[2022], "5.5%"))
    assert (gdp["outcome_quantity"], gdp["verdict"], gdp["gap"]) == ("3%", "missed", pytest.approx(-2.5))


def test_diff_and_track_are_public():
    assert {"diff", "track"} <= set(gzbg.__all__)


def test_diff_pairs_by_indicator_code_first():
    """河南 writes 经济增长 one year and 全省地区生产总值 the next; 城镇 and 农村 income share
    every word but one and are different indicators."""
    old = table(
        row("经济", "5%", 5, 10, indicator="gdp_growth"), row("城镇居民人均可支配收入", "5%", 5, 40, indicator="income_urban_growth")
    )
    new = table(
        row("全省地区生产总值", "5.5%", 5.5, 10, indicator="gdp_growth"),
        row("农村居民人均可支配收入", "6%", 6, 40, indicator="income_rural_growth"),
    )
    frame = gzbg.diff(old, new)
    assert one(frame, old_start=10)["status"] == "raised" and one(frame, old_start=10)["new_start"] == 10
    assert one(frame, old_start=40)["status"] == "dropped"
    assert sorted(frame["status"]) == ["dropped", "new", "raised"]
