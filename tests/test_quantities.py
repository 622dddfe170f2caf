"""Quantities read from short texts: each class of expression, with exact values.

Sentences marked (corpus) are copied from ../shared/corpus; the others are written in report style
for forms the corpus lacks (百分之七, 3至5万亩) and are named as such.
"""

import math
from pathlib import Path

import pytest

import gzbg
from gzbg.extraction.numbers import parse_chinese

CASES = [
    # text, quantity, value, value_max, unit, comparator
    # multipliers (sample; corpus: national 2024, Hebei 2026)
    ("持续推进36.9万亩高标准农田建设。", "36.9万亩", 369000, None, "亩", "="),
    ("全省生产总值从2020年的3.68万亿元增长到2025年的4.93万亿元。", "3.68万亿元", 3.68e12, None, "元", "="),
    ("城镇新增就业1200万人以上。", "1200万人", 12000000, None, "人", ">="),
    ("粮食产量1.3万亿斤以上。", "1.3万亿斤", 1.3e12, None, "斤", ">="),
    ("清洁能源电力装机突破1300万千瓦。", "1300万千瓦", 13000000, None, "千瓦", ">"),
    ("2856.3亿元", "2856.3亿元", 285630000000, None, "元", "="),
    # percentages and points (national 2024: 5%左右; Guangdong 2026: 4.5%—5%)
    ("国内生产总值增长5%左右。", "5%", 5, None, "%", "~"),
    ("地区生产总值增长4.5%—5%。", "4.5%—5%", 4.5, 5, "%", "="),
    ("国内生产总值增长6%－6.5%。", "6%－6.5%", 6, 6.5, "%", "="),
    ("城镇调查失业率５．５％左右。", "５．５％", 5.5, None, "%", "~"),
    ("单位国内生产总值能耗降低2.5%左右。", "2.5%", 2.5, None, "%", "~"),
    ("常住人口城镇化率提高1.2个百分点。", "1.2个百分点", 1.2, None, "百分点", "="),
    # Chinese numerals (report style: the corpus writes amounts in digits)
    ("力争增长百分之七。", "百分之七", 7, None, "%", "="),
    ("新增高标准农田二十万亩。", "二十万亩", 200000, None, "亩", "="),
    ("带动就业超百万人。", "百万人", 1000000, None, "人", ">"),
    ("营业收入翻一番。", "翻一番", 2, None, "倍", "="),  # a doubling: ×2, not 一 番
    ("千余家企业入驻。", "千余家", 1000, None, "家", ">"),
    ("新增数字化车间百家以上。", "百家", 100, None, "家", ">="),  # held-out city text
    # ranges (report style)
    ("每年新建3至5万亩。", "3至5万亩", 30000, 50000, "亩", "="),
    ("增长10%—12%。", "10%—12%", 10, 12, "%", "="),
    # per-unit phrases (sample style; corpus: Sichuan 2026 微克每立方米)
    ("细颗粒物浓度控制在每立方米42微克以下。", "每立方米42微克", 42, None, "微克/立方米", "<="),
    ("PM2.5平均浓度降至28.5微克每立方米。", "28.5微克每立方米", 28.5, None, "微克/立方米", "="),
    ("城市低保标准提高至842元/月。", "842元/月", 842, None, "元/月", "="),
    # per-unit with a counted denominator (Guangdong 2025: 每千人6.5批次; Zhejiang 2025: 每10万人45台)
    ("每千人口拥有3岁以下婴幼儿托位数达到每千人6.5批次。", "每千人6.5批次", 6.5, None, "批次/千人", "="),
    ("每10万人45台。", "每10万人45台", 45, None, "台/10万人", "="),
    # comparators on either side (sample; Hebei 2026)
    ("中心城区每个区至少建成2个以上完整社区。", "2个", 2, None, "个", ">="),
    ("雄安新区5300多栋楼宇拔地而起。", "5300多栋", 5300, None, "栋", ">"),
    ("引进央企二、三级子公司超800家。", "800家", 800, None, "家", ">"),
    ("招收3万余人。", "3万余人", 30000, None, "人", ">"),
    ("赤字率拟按3%左右安排。", "3%", 3, None, "%", "~"),
    ("居民消费价格涨幅控制在3%以内。", "3%", 3, None, "%", "<="),
    ("京津冀区域优良天数比率接近80%。", "80%", 80, None, "%", "~"),
    ("城镇登记失业率控制在3.5%\n以内。", "3.5%", 3.5, None, "%", "<="),  # a web copy's line break (county text)
    ("超\n800家", "800家", 800, None, "家", ">"),
    # counting words (sample)
    ("培育壮大7大产业集群和20条乡村富民产业链。", "7大", 7, None, "个", "="),
    ("快于全国3.4个、1个百分点。", "3.4个", 3.4, None, "百分点", "="),
]


@pytest.mark.parametrize("text, quantity, value, value_max, unit, comparator", CASES, ids=[c[1] for c in CASES])
def test_quantity(text, quantity, value, value_max, unit, comparator):
    frame = gzbg.extract(text)
    rows = frame[frame["quantity"] == quantity]
    assert len(rows) == 1, frame["quantity"].tolist()
    row = rows.iloc[0]
    assert math.isclose(row["value"], value, rel_tol=1e-12)
    if value_max is None:
        assert math.isnan(row["value_max"])
    else:
        assert math.isclose(row["value_max"], value_max, rel_tol=1e-12)
    assert (row["unit"], row["comparator"]) == (unit, comparator)
    assert text[row["start"] : row["end"]] == quantity


NOT_QUANTITIES = [
    # each class with examples from two reports (sample = Xinxiang; others from ../shared/corpus)
    "构建“三位一体”的社区治理格局。",  # quoted slogan (sample)
    "坚定拥护“两个确立”、坚决做到“两个维护”。",  # quoted slogan (sample, Hebei)
    "坚决做到两个维护。",  # unquoted slogan (lexicon)
    "学习运用“千万工程”经验。",  # quoted programme (sample)
    "推进“5+1”行业高质量发展。",  # number joined by + (sample)
    "构建一刻钟便民生活圈。",  # slogan (sample)
    "建设15分钟健身圈。",  # accessibility circle without quotes
    "第四次全国文物普查。",  # ordinal (sample)
    "原阳县第二污水处理厂。",  # ordinal in a name (sample)
    "推进二期工程建设。",  # phase (sample)
    "实施三年行动。",  # programme (sample)
    "市级以上农业产业化龙头企业。",  # no numeral at all
    "PM2.5平均浓度下降。",  # name with letters (Hebei)
    "建成5G基站。",  # name with letters
    "到2027年基本建成。",  # year
    "2026年1月26日在大会上。",  # date (Hebei)
    "千方百计稳增长。",  # idiom (Hebei)
    "建设一批项目。",  # article 一 (sample)
    "重点做好六个方面工作。",  # enumeration (Hebei)
    "打好三大攻坚战。",  # enumeration
    "党的二十大精神。",  # name (Hebei)
    "打造百亿级农业产业链。",  # size tier (sample)
    "地区生产总值跨越3个千亿元台阶。",  # the 3个 is a count; 千亿元台阶 is a tier (Jilin)
    "每千人口拥有执业医师。",  # per-unit denominator
    "每10万人口刑事案件数下降。",  # per-unit denominator (Shaanxi 2026)
    "保持两位数增长。",  # idiom (Jilin)
]


@pytest.mark.parametrize("text", NOT_QUANTITIES)
def test_not_a_quantity(text):
    frame = gzbg.extract(text)
    kept = [q for q in frame["quantity"] if q != "3个"]
    assert kept == []


@pytest.mark.parametrize(
    "text, comparators",
    [
        ("一般公共预算收入、规上工业增加值分别增长3%、6%左右。", ["~", "~"]),  # held-out city text
        ("城乡常住居民人均可支配收入分别增长7%和8%左右。", ["~", "~"]),  # 海拉尔区 2019
        ("建成和美村100个、富美村200个、洁美村300个以上。", ["=", "=", ">="]),  # sample: nouns between
        ("全区地方财政收入、支出分别突破300亿元和3000亿元。", [">", ">"]),  # Xizang 2026
    ],
)
def test_list_items_share_a_comparator(text, comparators):
    assert gzbg.extract(text)["comparator"].tolist() == comparators


@pytest.mark.parametrize(
    "text, quantity, metric",
    [
        ("实施投资十亿元以上的重大项目一百二十个。", "一百二十个", "重大项目"),  # report style
        ("城乡居民基础养老金每人每月提高20元。", "20元", "城乡居民基础养老金"),  # report style
        ("“教共体”覆盖率达到85%。", "85%", "教共体覆盖率"),  # Chongqing 2026
        ("营业收入较“十三五”末期翻一番。", "翻一番", "营业收入"),  # Jilin 2026
        ("更新改造地下管网120公里以上。", "120公里", "地下管网(更新改造)"),  # sample
        ("612个房地产项目纳入白名单。", "612个", "房地产项目"),  # Shaanxi 2026
        ("开发区工业总产值\n力争达到240亿元。", "240亿元", "开发区工业总产值"),  # held-out county text
        ("5个品牌入选首批中国消费名品。", "5个", "品牌"),  # Shaanxi 2026
        ("建成4个粮油作物单产提升整建制推进县。", "4个", "粮油作物单产提升整建制推进县(建成)"),  # sample (县 is zg)
        ("培育集体经济年收入5万元以上的强村120个。", "120个", "强村"),  # held-out county text
    ],
)
def test_metric(text, quantity, metric):
    frame = gzbg.extract(text)
    assert frame.set_index("quantity").loc[quantity, "metric"] == metric


@pytest.mark.parametrize(
    "numeral, value",
    [
        ("二十万", 200000),
        ("两千", 2000),
        ("三十六点九万", 369000),
        ("百", 100),
        ("十五", 15),
        ("一千二百", 1200),
        ("〇", 0),
        ("三万五千", 35000),
    ],
)
def test_parse_chinese(numeral, value):
    assert parse_chinese(numeral) == value


def test_digit_times_unit_reads_as_cn2an():
    """The numerals read without cn2an (numbers._digit_times_unit, _is_no_number) read as cn2an
    reads them, for every digit and unit (and the digitless forms, read with a leading 一)."""
    from gzbg.extraction import numbers

    digits = [d for d in numbers._DIGIT_VALUES if d != "零"]
    for digit in digits:
        for unit in numbers._PRODUCT_UNITS:
            expected = numbers._cn2an(digit + unit)
            assert expected is not None and str(parse_chinese(digit + unit)) == str(expected), digit + unit
        for pair in numbers._NO_NUMBER_PAIRS:
            assert numbers._cn2an(digit + pair) is None and parse_chinese(digit + pair) is None, digit + pair
    for unit in numbers._PRODUCT_UNITS:
        assert str(parse_chinese(unit)) == str(numbers._cn2an("一" + unit)), unit


def test_parse_chinese_rejects_non_numerals():
    assert parse_chinese("万万万点") is None


@pytest.mark.parametrize("text", ["完成5个至少。", "实现3项不低于。"])
def test_a_quantity_at_the_start_takes_no_comparator_from_the_end(text):
    """A verb at the very start of a text (完成5个) has no room for a comparator before it; the
    search must not wrap round to the text's end, where a comparator word happens to stand."""
    rows = gzbg.extract(text)
    assert list(rows["comparator"]) == ["="]


@pytest.mark.parametrize(
    "text,quantities",
    [
        ("2019,2020年增长6%,9%。", ["6%", "9%"]),  # years and a list: no group of three digits after a comma
        ("分别增长3,6和12.5%。", ["12.5%"]),
        ("新增1,000户,2,500人。", ["1,000户", "2,500人"]),  # each a number grouped by thousands
        ("建成12,3456个。", ["3456个"]),  # a group of four digits is no thousands group
    ],
)
def test_thousands_groups_and_lists(text, quantities):
    assert gzbg.extract(text).quantity.tolist() == quantities


# A standard named by how many things reach 100% (六个100%防尘措施) is a slogan, not a rate:
# verbatim from two city reports (nonquantities.tsv).
@pytest.mark.parametrize(
    "source,clause,kept",
    [
        ("reports/city/德宏傣族景颇族自治州/2023.md", "校园安全防范四个100%全部达标", []),
        ("reports/city/儋州市/2021.md", "[25]六个100%：即工地周边100%围挡", ["100%"]),  # the definition's own rate stays
    ],
)
def test_n_times_100_percent_is_a_slogan(source, clause, kept):
    path = Path(__file__).resolve().parents[2] / "shared" / "corpus" / source
    if path.exists():
        assert clause in path.read_text(encoding="utf-8")
    assert gzbg.extract(clause).quantity.tolist() == kept


def test_a_scan_without_excluded_numerals_reads_the_same_quantities():
    # The pipeline asks for no excluded numerals; the quantities must not depend on that.
    from gzbg.extraction.quantities import scan
    from gzbg.lexicons import load
    from gzbg.read.decode import normalise

    lex = load()
    sample = Path(__file__).resolve().parents[1] / "samples" / "xinxiang-2026-excerpt.txt"
    texts = [normalise(sample.read_text(encoding="utf-8")), "2025年完成投资3万2千亿元，第四次普查，“两个维护”，一二三四五六七八九十"]
    for text in texts:
        quantities, excluded = scan(text, lex)
        assert excluded, "the texts hold excluded numerals (years, ordinals, runs)"
        assert scan(text, lex, with_excluded=False) == (quantities, [])
