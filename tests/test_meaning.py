"""What each number means: period, headline, measure, direction, wording, year (issue 3)."""

import math
from pathlib import Path

import pytest

import gzbg
from conftest import CORPUS, needs_corpus
from goldfile import GOLD_DIR, gold_quantities
from gzbg.lexicons import load

# The main expected GDP growth target of every report in ../shared/corpus, read from the texts
# by hand: value, value_max, comparator, wording, year.
HEADLINE_GDP = {
    "district-hailaer-2018.txt": (6, None, "~", "soft", 2018),
    "district-hailaer-2019.txt": (3.5, None, "~", "soft", 2019),
    "municipality-shanghai-2025.txt": (5, None, "~", "soft", 2025),
    "municipality-shanghai-2026.txt": (5, None, "~", "soft", 2026),
    "national-china-2019.txt": (6, 6.5, "=", "neutral", 2019),
    "national-china-2021.txt": (6, None, ">=", "hard", 2021),
    "national-china-2022.txt": (5.5, None, "~", "soft", 2022),
    "national-china-2023.txt": (5, None, "~", "soft", 2023),
    "national-china-2024.txt": (5, None, "~", "soft", 2024),
    "national-china-2025.txt": (5, None, "~", "soft", 2025),
    "province-guangdong-2025.txt": (5, None, "~", "soft", 2025),
    "province-guangdong-2026.txt": (4.5, 5, "=", "neutral", 2026),
    "province-henan-2025.txt": (5.5, None, "~", "soft", 2025),
    "province-henan-2026.txt": (5, None, "~", "soft", 2026),
    "province-zhejiang-2025.txt": (5.5, None, "~", "soft", 2025),
    "province-zhejiang-2026.txt": (5, 5.5, "=", "neutral", 2026),
    "provinces-2026/anhui-2026.txt": (5, 5.5, "=", "neutral", 2026),
    "provinces-2026/beijing-2026.txt": (5, None, "~", "soft", 2026),
    "provinces-2026/chongqing-2026.txt": (5, None, ">=", "hard", 2026),
    "provinces-2026/fujian-2026.txt": (5, None, "~", "soft", 2026),
    "provinces-2026/gansu-2026.txt": (5.5, None, "~", "soft", 2026),
    "provinces-2026/guangxi-2026.txt": (5, None, "~", "soft", 2026),
    "provinces-2026/guizhou-2026.txt": (5, None, "~", "soft", 2026),
    "provinces-2026/hainan-2026.txt": (6, None, "~", "soft", 2026),
    "provinces-2026/hebei-2026.txt": (5, None, ">=", "hard", 2026),
    "provinces-2026/heilongjiang-2026.txt": (4.5, 5, "=", "neutral", 2026),
    "provinces-2026/hubei-2026.txt": (5.5, None, "~", "soft", 2026),
    "provinces-2026/hunan-2026.txt": (5, None, "~", "soft", 2026),
    "provinces-2026/jiangsu-2026.txt": (5, None, "=", "neutral", 2026),
    "provinces-2026/jiangxi-2026.txt": (5, 5.5, "=", "neutral", 2026),
    "provinces-2026/jilin-2026.txt": (5, None, "~", "soft", 2026),
    "provinces-2026/liaoning-2026.txt": (4.5, None, "~", "soft", 2026),
    "provinces-2026/neimenggu-2026.txt": (5, None, "~", "soft", 2026),
    "provinces-2026/ningxia-2026.txt": (5, None, "~", "soft", 2026),
    "provinces-2026/qinghai-2026.txt": (4.5, None, "~", "soft", 2026),
    "provinces-2026/shaanxi-2026.txt": (5, None, "~", "soft", 2026),
    "provinces-2026/shandong-2026.txt": (5, None, ">=", "hard", 2026),
    "provinces-2026/shanxi-2026.txt": (4.5, 5, "=", "neutral", 2026),
    "provinces-2026/sichuan-2026.txt": (5.5, None, "~", "soft", 2026),
    "provinces-2026/tianjin-2026.txt": (4.5, None, "=", "neutral", 2026),
    "provinces-2026/xinjiang-2026.txt": (5.5, 6, "=", "neutral", 2026),
    "provinces-2026/xizang-2026.txt": (7, None, ">=", "hard", 2026),
    "provinces-2026/yunnan-2026.txt": (4.5, None, "~", "soft", 2026),
}
GDP = "生产总值|^经济$|经济增长"


def _gdp_headline(name):
    frame = gzbg.extract((CORPUS / name).read_text(encoding="utf-8"), doc=name)
    rows = frame[frame["headline"] & frame["metric"].str.contains(GDP) & (frame["unit"] == "%")]
    return frame, rows


@needs_corpus
@pytest.mark.parametrize("name", sorted(HEADLINE_GDP))
def test_headline_gdp_target(name):
    value, value_max, comparator, wording, year = HEADLINE_GDP[name]
    _, rows = _gdp_headline(name)
    row = rows.iloc[0]
    assert row["value"] == value
    assert math.isnan(row["value_max"]) if value_max is None else row["value_max"] == value_max
    assert (row["comparator"], row["wording"], row["year"]) == (comparator, wording, year)
    assert (row["period"], row["measure"], row["direction"]) == ("plan", "growth", "up")


@needs_corpus
def test_every_corpus_report_is_in_the_headline_table():
    names = {p.name for p in CORPUS.glob("*.txt")} | {f"provinces-2026/{p.name}" for p in (CORPUS / "provinces-2026").glob("*.txt")}
    # the four provincial 2026 copies of the reports above are the same texts
    missing = names - set(HEADLINE_GDP) - {f"provinces-2026/{n}-2026.txt" for n in ("guangdong", "henan", "zhejiang", "shanghai")}
    assert missing == set()


@needs_corpus
@pytest.mark.parametrize(
    "name, quantity, year",
    [
        ("national-china-2021.txt", "2.3％", 2020),
        ("national-china-2024.txt", "5.2%", 2023),
        ("national-china-2025.txt", "5%", 2024),
        ("municipality-shanghai-2026.txt", "5.4%", 2025),
        ("district-hailaer-2019.txt", "6.0%", 2018),
    ],
)
def test_review_gdp_growth_is_a_result(name, quantity, year):
    frame, _ = _gdp_headline(name)
    review = frame[(frame["period"] == "review") & frame["metric"].str.contains(GDP) & (frame["measure"] == "growth")]
    row = review.iloc[0]
    assert (row["quantity"], row["year"]) == (quantity, year)


def _one(text, **kw):
    frame = gzbg.extract(text, **kw)
    assert len(frame) == 1, frame["quantity"].tolist()
    return frame.iloc[0]


LEX = load()


@pytest.mark.parametrize("word", sorted(LEX.wording))
def test_every_wording_cue(word):
    row = _one(f"{word}粮食产量增长5%。")
    assert (row["wording"], row["modal"]) == (LEX.wording[word], word)


@pytest.mark.parametrize("cue", [c for c in LEX.comparators if c.comparator != "="], ids=lambda c: c.word)
def test_every_comparator_cue(cue):
    text = (
        f"粮食产量增长5%{cue.word}。"
        if cue.position == "suffix"
        else (f"粮食产量{cue.word}5%。" if cue.position == "prefix" else f"粮食产量300{cue.word}万吨。")
    )
    row = _one(text)
    assert row["comparator"] == cue.comparator
    expected = cue.wording if cue.wording != "neutral" else "neutral"
    assert row["wording"] == expected


def _expected_measure(p):
    if p.measure == "growth":
        return "growth", p.direction
    if p.measure == "change":
        return "change", p.direction
    return p.measure, ""


COMPARATOR_WORDS = {c.word for c in LEX.comparators}


@pytest.mark.parametrize("predicate", LEX.predicates_longest_first(), ids=lambda p: p.word)
def test_every_predicate_cue(predicate):
    # 高于 right before a number is a comparator (高于5%: > 5%); as a predicate it names a gap
    # to a benchmark (高于全国5个百分点).
    benchmark = "全国" if predicate.word in COMPARATOR_WORDS else ""
    row = _one(f"粮食产量{predicate.word}{benchmark}5%。")
    assert (row["measure"], row["direction"]) == _expected_measure(predicate)


@pytest.mark.parametrize(
    "text, measure, direction",
    [
        ("常住人口城镇化率提高1.2个百分点。", "change", "up"),  # national 2024 style
        ("单位国内生产总值能耗降低2.5%左右。", "growth", "down"),  # national 2024
        ("城镇调查失业率5.5%左右。", "level", ""),  # national 2024
        ("新增绿化15公顷以上。", "amount", ""),  # sample
        ("规上工业增加值年均增长6.5%。", "growth", "up"),  # Hebei 2026
        ("工业、制造业、工业技改投资分别增长9.4%、13.3%、6.1%。", "growth", "up"),  # Shaanxi 2026
        ("每年改造提升3至5万亩。", "amount", ""),  # report style: work, not a change
        ("城乡居民基础养老金每人每月提高20元。", "change", "up"),  # report style (issue 3's example)
    ],
)
def test_measure_in_real_sentences(text, measure, direction):
    frame = gzbg.extract(text)
    assert set(zip(frame["measure"], frame["direction"])) == {(measure, direction)}


REPORT = """2026年某市政府工作报告
一、2025年工作回顾
过去一年，地区生产总值增长5.4%。这五年，粮食产量年均增长2%。
二、2026年工作安排
今年主要预期目标是：地区生产总值增长5%左右，城镇新增就业10万人以上。
这样的目标，综合考虑了各方面因素，重点做好8项工作。
到2027年建成养老床位1000张，“十五五”时期新建学校50所。
"""


def test_periods_years_and_headline_in_a_small_report():
    frame = gzbg.extract(REPORT)
    rows = {r["quantity"]: r for r in frame.to_dict("records")}
    assert (rows["5.4%"]["period"], rows["5.4%"]["year"]) == ("review", 2025)
    assert (rows["2%"]["period"], rows["2%"]["year"], rows["2%"]["year_end"]) == ("review", 2021, 2025)
    assert rows["5%"]["headline"] and rows["10万人"]["headline"]
    assert not rows["8项"]["headline"]
    assert (rows["5%"]["period"], rows["5%"]["year"]) == ("plan", 2026)
    assert rows["1000张"]["year"] == 2027
    assert (rows["50所"]["year"], rows["50所"]["year_end"]) == (2026, 2030)
    assert rows["5.4%"]["part"] == "一、2025年工作回顾"


def test_year_option_overrides_the_title():
    frame = gzbg.extract(REPORT, year=2030)
    assert frame[frame["quantity"] == "5%"].iloc[0]["year"] == 2030


@pytest.mark.parametrize(
    "text, metrics",
    [
        ("城乡居民人均可支配收入分别增长6%和7.4%。", ["城镇居民人均可支配收入", "农村居民人均可支配收入"]),  # Xizang 2026
        ("金融机构人民币存贷款余额分别增长6.9%、6.6%。", ["金融机构人民币存款余额", "金融机构人民币贷款余额"]),  # Shaanxi 2026
        ("实际使用内外资分别增长10%、6.4%。", ["实际使用内资", "实际使用外资"]),  # Shaanxi 2026
    ],
)
def test_a_compound_names_two_metrics_of_a_fenbie_list(text, metrics):
    assert gzbg.extract(text)["metric"].tolist() == metrics


@pytest.mark.parametrize(
    "text, metrics",
    [
        (
            "食品、石化、医药、信息等产业增加值分别增长7.5%、11.5%、17.4%、7.3%。",  # Jilin 2026
            ["食品产业增加值", "石化产业增加值", "医药产业增加值", "信息产业增加值"],
        ),
        (
            "限额以上通讯器材、家用电器、新能源汽车零售额分别增长40.9％、27.1％、30.6％。",  # Shaanxi 2026
            ["限额以上通讯器材零售额", "家用电器零售额", "新能源汽车零售额"],
        ),
    ],
)
def test_items_of_a_fenbie_list_share_their_head(text, metrics):
    assert gzbg.extract(text)["metric"].tolist() == metrics


def test_lists_with_fenbie_get_one_metric_each_and_a_group():
    frame = gzbg.extract("一般公共预算收入、规模以上工业增加值、固定资产投资分别增长3.5%左右、6%左右和5%左右。")
    assert list(frame["metric"]) == ["一般公共预算收入", "规模以上工业增加值", "固定资产投资"]
    assert frame["group"].nunique() == 1 and not frame["group"].isna().any()
    assert list(frame["comparator"]) == ["~", "~", "~"]


GOLD_DOCS = {
    "hebei-2026": GOLD_DIR / "hebei-2026.txt",
    "jilin-2026": GOLD_DIR / "jilin-2026.txt",
    "xizang-2026": GOLD_DIR / "xizang-2026.txt",
    "shaanxi-2026": GOLD_DIR / "shaanxi-2026.txt",
    "heldout-city-2026": GOLD_DIR / "heldout-city-2026.txt",
    "heldout-county-2019": GOLD_DIR / "heldout-county-2019.txt",
}


@pytest.mark.parametrize("name", sorted(GOLD_DOCS))
def test_period_measure_direction_against_gold(name):
    text = GOLD_DOCS[name].read_text(encoding="utf-8")
    frame = gzbg.extract(text, doc=str(GOLD_DOCS[name]))
    rows = {(r["start"], r["end"]): r for r in frame.to_dict("records")}
    pairs = [(rows[(int(g["start"]), int(g["end"]))], g) for g in gold_quantities(name) if (int(g["start"]), int(g["end"])) in rows]
    rate = {c: sum(r[c] == g[c] for r, g in pairs) / len(pairs) for c in ("period", "measure", "direction")}
    assert rate["period"] >= 0.95, rate
    assert rate["direction"] >= 0.9, rate
    assert rate["measure"] >= 0.85, rate


def _literal_cues(kind):
    import re as _re

    return [p.pattern for p, c in LEX.cues if c == kind and not _re.search(r"[\\[\](){}?*+^$|]", p.pattern)]


@pytest.mark.parametrize("cue", _literal_cues("review") + _literal_cues("review_heading"))
def test_every_review_cue_in_a_part_heading(cue):
    frame = gzbg.extract(f"一、{cue}\n地区生产总值增长5%。\n", year=2026)
    assert frame.iloc[0]["period"] == "review"


@pytest.mark.parametrize("cue", _literal_cues("plan") + _literal_cues("plan_heading"))
def test_every_plan_cue_in_a_part_heading(cue):
    frame = gzbg.extract(f"一、{cue}\n地区生产总值增长5%。\n", year=2026)
    assert frame.iloc[0]["period"] == "plan"


@pytest.mark.parametrize("cue", _literal_cues("review"))
def test_every_review_cue_in_a_sentence(cue):
    frame = gzbg.extract(f"{cue}，地区生产总值增长5%。", year=2026)
    assert frame.iloc[0]["period"] == "review"


@pytest.mark.parametrize("cue", _literal_cues("plan"))
def test_every_plan_cue_in_a_sentence_of_a_review_part(cue):
    frame = gzbg.extract(f"一、2025年工作回顾\n{cue}地区生产总值增长5%。\n", year=2026)
    assert frame.iloc[0]["period"] == "plan"


@pytest.mark.parametrize(
    "cue, span", [(c, (2021, 2025)) for c in _literal_cues("span_past")] + [(c, (2026, 2030)) for c in _literal_cues("span_future")]
)
def test_every_span_cue(cue, span):
    row = _one(f"{cue}，粮食产量增长5%。", year=2026)
    assert (row["year"], row["year_end"]) == span


@pytest.mark.parametrize(
    "text",
    [
        "主要预期目标是：地区生产总值增长5%左右。",
        "主要预期目标为：地区生产总值增长5%左右。",
        "今年经济社会发展主要目标是：地区生产总值增长5%左右。",
        "主要预期目标\n是：地区生产总值增长5%左右。",
    ],
)
def test_every_headline_form(text):
    assert _one(text)["headline"]


# A predicate word followed by 率 names a rate, and a rate stands at a level: verbatim clauses.
RATE_NAMES = [
    ("reports/city/郑州市/2011.md", "人口自然增长率为5.2‰", "5.2‰"),
    ("reports/city/晋中市/2021.md", "开工率35%以上", "35%"),
    ("reports/province/湖南省/2012.md", "基本养老金按时足额发放率100%", "100%"),
]


@pytest.mark.parametrize("source,clause,quantity", RATE_NAMES, ids=[r[1][:8] for r in RATE_NAMES])
def test_a_rate_named_by_a_predicate_is_a_level(source, clause, quantity):
    path = Path(__file__).resolve().parents[2] / "shared" / "corpus" / source
    if path.exists():
        assert clause in path.read_text(encoding="utf-8")
    row = gzbg.extract(clause + "。").set_index("quantity").loc[quantity]
    assert (row["measure"], row["direction"]) == ("level", "")
