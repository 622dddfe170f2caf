"""Statistics tables (附表, a communiqué's tables): each row is a paragraph of its own, and a
unit alone in a cell is no quantity. Cases: tests/cases/table_rows.tsv (lines of three reports)."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest

import gzbg
from gzbg.extraction.pipeline import excluded_numerals
from gzbg.extraction.quantities import UNIT_HEADING
from gzbg.extraction.sections import paragraphs
from gzbg.extraction.tables import ROW_NAME, is_table_row, table_row_name
from gzbg.read.decode import normalise

CASES = Path(__file__).parent / "cases" / "table_rows.tsv"
CORPUS = Path(__file__).resolve().parents[2] / "shared" / "corpus"


def _cases() -> list[dict[str, str]]:
    lines = [ln for ln in CASES.read_text(encoding="utf-8").splitlines() if ln and not ln.startswith("#")]
    return list(csv.DictReader(lines, delimiter="\t", quoting=csv.QUOTE_NONE))


def test_rows_come_from_two_reports_and_both_answers_occur():
    cases = _cases()
    assert len({c["source"] for c in cases if c["row"] == "yes" and c["source"] != "synthetic"}) >= 2
    assert {c["row"] for c in cases} == {"yes", "no"}


@pytest.mark.parametrize("case", [c for c in _cases() if c["source"] != "synthetic"], ids=lambda c: c["line"][:20])
def test_real_lines_are_verbatim(case):
    """Each line opens a line of its report (the prose ones are cut after their sentence)."""
    source = CORPUS / case["source"]
    if not source.exists():
        pytest.skip("corpus not present")
    assert any(line.startswith(case["line"]) for line in source.read_text(encoding="utf-8").splitlines())


@pytest.mark.parametrize("case", _cases(), ids=lambda c: c["line"][:20])
def test_table_row_case(case):
    assert is_table_row(normalise(case["line"])) is (case["row"] == "yes")
    # A line alone is one paragraph, marked a row exactly when it is one.
    assert [p.table_row for p in paragraphs(normalise(case["line"]))] == [case["row"] == "yes"]


def test_each_row_is_a_paragraph_and_prose_still_runs_on():
    text = normalise(
        "全年粮食产量\n"  # prose broken by a web copy: joined with the next line
        "再创新高。\n"
        "- 粮 食 万吨 45262 -2.1\n"
        "- 油 料 万吨 2872 -2.8\n"
        "| 粗钢          | 万吨   | 100509.1 | -1.7     |\n"
    )
    spans = [text[p.start : p.end] for p in paragraphs(text)]
    rows = ["- 粮 食 万吨 45262 -2.1", "- 油 料 万吨 2872 -2.8", "| 粗钢          | 万吨   | 100509.1 | -1.7     |"]
    assert spans == ["全年粮食产量\n再创新高。", *rows]
    # The paragraphs that are rows say so (targets reads their names without testing them again).
    assert [p.table_row for p in paragraphs(text)] == [False, True, True, True]


def test_a_table_row_gives_its_own_name_to_its_numbers():
    """Read as one sentence, a row's last number took the next row's name (998亿美元 → 固定资产投资)."""
    text = "附表\n地区生产总值 6990万吨 增长1.4% 998亿美元\n固定资产投资 8061万吨 增长7.4% 498亿美元\n"
    df = gzbg.extract(text)
    assert df.quantity.tolist() == ["6990万吨", "1.4%", "998亿美元", "8061万吨", "7.4%", "498亿美元"]
    assert df.metric.tolist() == ["地区生产总值"] * 3 + ["固定资产投资"] * 3
    assert df.sentence.tolist() == ["地区生产总值 6990万吨 增长1.4% 998亿美元"] * 3 + ["固定资产投资 8061万吨 增长7.4% 498亿美元"] * 3


@pytest.mark.parametrize(
    "text,heading",
    [
        ("| 粗钢          | 万吨   | 100509.1 | -1.7     |", "万吨"),  # 2024 communiqué
        ("- 粮 食 万吨 45262 -2.1", "万吨"),  # 2001 communiqué
        ("- 水电 亿千瓦小时 4010 13.4", "亿千瓦小时"),  # 2005 communiqué
    ],
)
def test_a_unit_alone_in_a_cell_is_no_quantity(text, heading):
    assert gzbg.extract(text).empty
    found = [(text[x.start : x.end], x.reason) for x in excluded_numerals(text) if x.reason == UNIT_HEADING]
    assert len(found) == 1 and heading.startswith(found[0][0])  # the multiplier and the unit read (亿千瓦 of 亿千瓦小时)


@pytest.mark.parametrize(
    "text",
    ["新增千亿元产业集群。", "建成千万吨级炼化基地。", "| 钢材 | 3万吨 |", "千余家企业入驻。", "万吨级码头 2座"],
)
def test_a_multiplier_with_a_unit_inside_prose_or_after_a_digit_is_no_heading(text):
    assert all(x.reason != UNIT_HEADING for x in excluded_numerals(text))


# Rows whose first cell, the row's name, holds a number (verbatim lines of the communiqués).
ROW_NAMES = [
    ("reports/bulletins/2002.md", "| 其中：0-14岁 | 28774   |  | 22.4  |  |", ["0-14岁"]),
    ("reports/bulletins/2024.md", "| 60周岁及以上              | 31031   | 22.0  | |", ["60周"]),
    ("reports/bulletins/2012.md", "- 15-59岁（含不满60周岁） 93727 69.2", ["15-59岁", "60周"]),
    ("reports/bulletins/2025.md", "| 硫酸（折100%）   | 万吨   | 11081.6  | 4.5      |", ["100%"]),
    ("reports/bulletins/2006.md", "| 22万伏及以上变电设备     | 万千伏安        | 15531   |  |", ["22万伏"]),
]


@pytest.mark.parametrize("source,line,names", ROW_NAMES, ids=[r[1][:12] for r in ROW_NAMES])
def test_a_number_in_a_rows_name_is_no_quantity(source, line, names):
    path = CORPUS / source
    if path.exists():
        assert line in path.read_text(encoding="utf-8").splitlines()
    assert gzbg.extract(line).empty
    text = normalise(line)
    assert [text[x.start : x.end] for x in excluded_numerals(line) if x.reason == ROW_NAME] == names


@pytest.mark.parametrize(
    "text,quantities",
    [
        ("| 粗钢 | 3万吨 | 5 |", ["3万吨"]),  # a number in a later cell fills the row
        ("地区生产总值 6990万吨 增长1.4% 998亿美元", ["6990万吨", "1.4%", "998亿美元"]),
        ("5岁以下儿童死亡率下降到7‰。", ["5岁", "7‰"]),  # prose: a number near the line's start
        ("60岁以上老年人 1200万人 增长3%", ["1200万人", "3%"]),
    ],
)
def test_numbers_outside_a_rows_name_stay(text, quantities):
    assert gzbg.extract(text).quantity.tolist() == quantities


@pytest.mark.parametrize(
    "line,name",
    [
        ("- **居民消费价格指数** 100.7 100.7 100.8", "居民消费价格指数"),  # 2001 communiqué
        ("- 化 肥（折100%） 万吨 3791 12.1", "化肥"),  # 2002: a name spread by alignment, a note
        ("| 其中：精炼铜（电解铜） | 万吨   | 1364.4   | 4.1      |", "精炼铜"),  # 2024
        ("地区生产总值 6990万吨 增长1.4% 998亿美元", "地区生产总值"),  # the benchmark's 附表
        ("全年粮食产量再创新高。", None),
    ],
)
def test_a_rows_name(line, name):
    assert table_row_name(normalise(line)) == name


def test_every_number_of_a_row_is_named_by_its_first_cell():
    """Read by the words around each number, 100.8 was the metric of 100.7 (2001 communiqué)."""
    df = gzbg.extract("- **居民消费价格指数** 100.7 100.7 100.8\n- 粮 食 万吨 45262 -2.1\n")
    assert df.metric.tolist() == ["居民消费价格指数", "居民消费价格指数"]
