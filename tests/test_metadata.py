"""Place, level and year of a report, from its content first (tests on real report heads)."""

from __future__ import annotations

import pytest

import gzbg
from conftest import CORPUS, needs_corpus


@pytest.mark.parametrize(
    "head, doc, place, level, year",
    [
        # front-matter title and a date line (三门峡 2021, 嘉峪关 2022: December gives the next year)
        (
            "---\ntitle: 三门峡市政府工作报告（2021年2月2日 安伟）\n---\n\n——2021年2月2日在三门峡市第七届人民代表大会第六次会议上\n",
            "city/三门峡市/2021.md",
            "三门峡市",
            "city",
            2021,
        ),
        (
            "---\ntitle: 嘉峪关市政府工作报告（2021年12月14日 刘凯）\n---\n\n——2021年12月14日在嘉峪关市第十一届人民代表大会第一次会议上\n",
            "city/嘉峪关市/2022.md",
            "嘉峪关市",
            "city",
            2022,
        ),
        # November: the autumn session of a new term (张掖 2017)
        ("---\ntitle: 张掖市政府工作报告 （2016年11月10日 黄泽元）\n---\n", "city/张掖市/2017.md", "张掖市", "city", 2017),
        # the date after the session (四川 2013, file labelled 2012) and a Chinese-numeral date (福建 2008)
        ("在四川省第十二届人民代表大会第一次会议上（2013年1月25日）\n", "province/四川省/2012.md", "四川省", "province", 2013),
        ("——二〇〇八年一月十八日在福建省第十一届人民代表大会第一次会议上\n", "province/福建省/2008.md", "福建省", "province", 2008),
        # no place in the text: the folder names it (江西 2012, 河南 2022)
        ("---\ntitle: 政府工作报告\n---\n\n代省长 鹿心社\n\n各位代表：\n", "province/江西省/2012.md", "江西省", "province", 2012),
        ("---\ntitle: 政府工作报告\n---\n\n各位代表：\n", "province/河南省/2022.md", "河南省", "province", 2022),
        # counties and county-level cities, districts (唐县, 易县, 安国, 满城)
        ("工作报告\n2020年唐县政府工作报告\n时间：2022-11-22\n", "county/唐县-2020.txt", "唐县", "county", 2020),
        ("易县人民政府县长刘杰\\r\\n\\r\\n各位代表：", "county/易县-2018.txt", "易县", "county", 2018),
        ("2020年1月8日在安国市第十七届人民代表大会第四次会议上\n安国市人民政府市长\n", "county/安国-2020.txt", "安国市", "county", 2020),
        ("工作报告\n保定市满城区2020年政府工作报告\n", "county/满城-2020.txt", "满城区", "district", 2020),
    ],
)
def test_place_level_year(head, doc, place, level, year):
    frame = gzbg.extract(head + "\n一、工作回顾\n去年增长5%。\n", doc=doc)
    assert frame.loc[0, ["place", "level", "report_year"]].tolist() == [place, level, year]


@needs_corpus
def test_the_year_of_every_corpus_report_comes_from_its_content():
    """INDEX.tsv gives each report's real year; files named a year early (四川 2004–2018) included."""
    import pandas as pd

    from gzbg.extraction.metadata import report_year
    from gzbg.read.decode import normalise
    from gzbg.read.markup import front_matter

    index = pd.read_csv(CORPUS / "reports" / "INDEX.tsv", sep="\t", dtype=str)
    index = index[index["level"] != "bulletin"]
    wrong = []
    for row in index.itertuples():
        text = (CORPUS / row.path).read_text(encoding="utf-8-sig")
        real = int((row.content_year if isinstance(row.content_year, str) else row.file_year)[:4])
        got = report_year(normalise(text), row.path, front_matter(text)[1].get("title", ""))
        if got != real:
            wrong.append(row.path)
    # Given in December (national 1964, 1981, 1982): read as planning for the next year, which
    # INDEX.tsv (the file's year) does not.
    assert sorted(wrong) == ["reports/national/1964-summary.md", "reports/national/1981.md", "reports/national/1982.md"]
