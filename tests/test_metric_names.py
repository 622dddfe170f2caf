"""Metric names from real report clauses (verbatim): actions joined before one noun, industries
whose names hold 和, a particle left at the front, and names that open with 和 (each class from
two reports)."""

from pathlib import Path

import pytest

import gzbg

CORPUS = Path(__file__).resolve().parents[2] / "shared" / "corpus"

CASES = [
    # Two actions joined by 和/或 before one noun: the noun is the metric, the action is both.
    ("province-henan-2025.txt", "新建和改造提升高标准农田500万亩", "500万亩", "高标准农田(新建和改造提升)"),
    ("province-zhejiang-2025.txt", "新建和改造提升高标准农田78万亩以上", "78万亩", "高标准农田(新建和改造提升)"),
    ("reports/city/天津市/2009.md", "新建和改造农村公路1000公里", "1000公里", "农村公路(新建和改造)"),
    ("reports/national/2010.md", "新建和改造农村公路38万公里", "38万公里", "农村公路(新建和改造)"),
    ("province-henan-2025.txt", "新增或改造提升医养结合床位2.4万张", "2.4万张", "医养结合床位(新增或改造提升)"),
    ("provinces-2026/gansu-2026.txt", "制定、修改和废止省政府规章60件", "60件", "省政府规章(修改和废止)"),
    # Industries of the national classification whose names hold 和 (lexicons/terms.tsv).
    ("reports/bulletins/2018.md", "全年批发和零售业增加值84201亿元", "84201亿元", "批发和零售业增加值"),
    ("reports/bulletins/2019.md", "全年批发和零售业增加值95846亿元", "95846亿元", "批发和零售业增加值"),
    # A particle (的, 了) left at the front by the clause cut before it is no part of the name.
    ("reports/city/东莞市/2005.md", "引进了港澳服务业投资项目19宗", "19宗", "港澳服务业投资项目(引进)"),
    ("reports/city/徐州市/2014.md", "在建的镇级污水处理厂及配套管网建设覆盖率达到85%", "85%", "镇级污水处理厂及配套管网建设覆盖率(在建)"),
    ("reports/bulletins/2014.md", "未达标的城市占90.1%", "90.1%", "城市(未达标)"),
    # 分别 opening its clause: the subjects are the clause before, one per number.
    ("reports/city/天津市/2005.md", "城市居民人均可支配收入和农民人均纯收入，分别增加1154元和664元", "664元", "农民人均纯收入"),
    ("reports/national/2006.md", "城镇居民人均可支配收入和农村居民人均纯收入，分别实际增长58.3%和29.2%", "58.3%", "城镇居民人均可支配收入"),
    ("reports/city/驻马店市/2021.md", "全市规上工业主营业务收入、利润，分别增长4.2%、8.6%", "8.6%", "利润"),
    # ... but not when that clause states numbers of its own: they keep their own metrics.
    ("provinces-2026/xinjiang-2026.txt", "全年接待游客3.23亿人次、游客花费3700亿元，分别增长8%、8.4%", "3700亿元", "游客花费"),
    # The word joining two items of a list after a number is no part of the next item's name.
    ("reports/province/海南省/2006.md", "办复人大建议1089件和政协提案1416件", "1416件", "政协提案"),
    ("reports/province/湖南省/2012.md", "建设义务教育合格学校500所和农村公办幼儿园200所", "200所", "农村公办幼儿园"),
    ("provinces-2026/jilin-2026.txt", "瞪羚企业358户和种子独角兽企业1户", "1户", "种子独角兽企业"),
    # A domain term that opens with a predicate (新增就业, terms.tsv) is one noun, and names its indicator.
    ("district-hailaer-2018.txt", "新增就业6435人", "6435人", "新增就业"),
    ("reports/city/厦门市/2008.md", "全年新增就业19.8万人", "19.8万人", "新增就业"),
    # A name that opens with 和 keeps it: no verb follows.
    ("province-zhejiang-2025.txt", "和美乡村覆盖率达51.7%", "51.7%", "和美乡村覆盖率"),
    ("provinces-2026/chongqing-2026.txt", "巴渝和美乡村建成率达到65%", "65%", "巴渝和美乡村建成率"),
]


@pytest.mark.parametrize("source,clause,quantity,metric", CASES, ids=[c[1][:10] for c in CASES])
def test_metric_name(source, clause, quantity, metric):
    frame = gzbg.extract(clause + "。")
    assert frame.loc[frame["quantity"] == quantity, "metric"].tolist() == [metric]


@pytest.mark.parametrize("source,clause", [c[:2] for c in CASES], ids=[c[1][:10] for c in CASES])
def test_clauses_are_verbatim(source, clause):
    path = CORPUS / source
    if not path.exists():
        pytest.skip("corpus not present")
    assert clause in path.read_text(encoding="utf-8")


def test_each_class_comes_from_two_reports():
    assert len({c[0] for c in CASES if "和改造" in c[1] or "或改造" in c[1]}) >= 2
    assert len({c[0] for c in CASES if "零售业" in c[1]}) >= 2
    assert len({c[0] for c in CASES if "和美" in c[1]}) >= 2
    assert len({c[0] for c in CASES if "的" in c[1] or "了" in c[1]}) >= 2
    assert len({c[0] for c in CASES if "，分别" in c[1]}) >= 2
    assert len({c[0] for c in CASES if c[3].startswith(("政协", "农村公办", "种子"))}) >= 2
    assert len({c[0] for c in CASES if c[3] == "新增就业"}) >= 2
