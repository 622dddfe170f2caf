"""Corrections files: reading them strictly, and applying them only where the text still matches."""

from pathlib import Path

import pandas as pd
import pytest

import gzbg
from gzbg.review.corrections import (
    CORRECTION_COLUMNS,
    Correction,
    CorrectionsError,
    apply_corrections,
    corrections_csv,
    parse_corrections,
    read_corrections,
    text_fingerprint,
)

SAMPLE = Path(__file__).parent.parent / "samples" / "xinxiang-2026-excerpt.txt"
DOC = "samples/xinxiang-2026-excerpt.txt"
TEXT = SAMPLE.read_text(encoding="utf-8")
HEADER = "doc,start,end,action,quantity,metric,value,value_max,unit,comparator,role,period,note\n"


@pytest.fixture(scope="module")
def frame():
    return gzbg.extract(TEXT, doc=DOC)


def row_at(frame, quantity):
    return frame[frame["quantity"] == quantity].iloc[0]


def line(*cells):
    return ",".join(str(c) for c in cells) + "\n"


# ---- reading ----


def test_parse_typed_fields_and_clear_marker():
    text = HEADER + line(DOC, 10, 14, "fix", "", "新指标", "12.5", "-", "-", ">=", "", "plan", "")
    [c] = parse_corrections(text, "c.csv")
    assert (c.doc, c.start, c.end, c.action, c.quantity) == (DOC, 10, 14, "fix", None)
    assert c.fields == {"metric": "新指标", "value": 12.5, "value_max": None, "unit": None, "comparator": ">=", "period": "plan"}
    assert c.origin == "c.csv:2"


@pytest.mark.parametrize(
    "body, message",
    [
        ("doc,start,end,action,valeu\n", "c.csv:1: unknown column(s) 'valeu'"),
        ("doc,start,action\n", "c.csv:1: missing column(s) end"),
        ("doc,start,end,action,unit,unit\n", "c.csv:1: column(s) unit given twice"),
        (
            HEADER + line("a.txt", 1, 3, "delete", "", "", "", "", "", "", "", "", ""),
            "c.csv:2: action 'delete' is not one of accept, drop, fix, add",
        ),
        (HEADER + line("a.txt", 1, 3, "fix", "", "", "12万", "", "", "", "", "", ""), "c.csv:2: value '12万' is not a number"),
        (HEADER + line("a.txt", 1, 3, "fix", "", "", "-", "", "", "", "", "", ""), "c.csv:2: value cannot be emptied"),
        (HEADER + line("a.txt", 1, 3, "fix", "", "", "", "", "", "≥", "", "", ""), "c.csv:2: comparator '≥' is not one of"),
        (
            HEADER + line("a.txt", 1, 3, "fix", "", "", "", "", "", "", "goal", "", ""),
            "c.csv:2: role 'goal' is not one of forecast, qualifier",
        ),
        (HEADER + line("a.txt", 3, 3, "drop", "", "", "", "", "", "", "", "", ""), "c.csv:2: the span 3-3 is empty"),
        (HEADER + line("a.txt", "x", 3, "drop", "", "", "", "", "", "", "", "", ""), "c.csv:2: start and end must be whole numbers"),
        (HEADER + line("", 1, 3, "drop", "", "", "", "", "", "", "", "", ""), "c.csv:2: doc is empty"),
        (HEADER + line("a.txt", 1, 3, "drop", "", "", "5", "", "", "", "", "", ""), "c.csv:2: a drop sets no columns (it sets value)"),
        (HEADER + line("a.txt", 1, 3, "fix", "", "", "", "", "", "", "", "", "a note"), "c.csv:2: a fix sets at least one column"),
        (HEADER + line("a.txt", 1, 3, "add", "", "指标", "", "", "", "", "", "", ""), "c.csv:2: an add needs a value"),
        (HEADER + "a.txt,1,3,drop\n", "c.csv:2: 4 cells for 13 columns"),
        ("", "c.csv: empty file"),
    ],
)
def test_bad_files_name_the_line(body, message):
    with pytest.raises(CorrectionsError) as info:
        parse_corrections(body, "c.csv")
    assert str(info.value).startswith(message)
    assert isinstance(info.value, ValueError)


def test_a_forecast_role_can_be_set():
    # the extractor gives role forecast (预计今年…): a reviewer may set it too
    [c] = parse_corrections(HEADER + line(DOC, 10, 14, "fix", "", "", "", "", "", "", "forecast", "", ""), "c.csv")
    assert c.fields == {"role": "forecast"}


def test_a_span_corrected_twice_names_both_lines():
    body = HEADER + line("a.txt", 1, 3, "drop", *[""] * 9) + line("a.txt", 1, 3, "fix", "", "", "5", *[""] * 6)
    with pytest.raises(CorrectionsError, match=r"c.csv:3: a second correction of a.txt 1-3 \(the first is at c.csv:2\)"):
        parse_corrections(body, "c.csv")


def test_line_numbers_count_lines_inside_quoted_cells():
    body = HEADER + line("a.txt", 1, 3, "drop", "", "", "", "", "", "", "", "", '"two\nlines"') + line("a.txt", 5, 7, "move", *[""] * 9)
    with pytest.raises(CorrectionsError, match=r"^c.csv:4: action 'move'"):
        parse_corrections(body, "c.csv")


def test_blank_lines_and_a_bom_are_ignored(tmp_path):
    path = tmp_path / "c.csv"
    path.write_text("\ufeff" + HEADER + "\n" + line("a.txt", 1, 3, "drop", *[""] * 9), encoding="utf-8")
    [c] = read_corrections(path)
    assert c.origin == f"{path}:3"


def test_write_then_read_gives_the_same_corrections():
    corrections = [
        Correction("a.txt", 1, 3, "drop", "12", note='says "wrong", twice'),
        Correction("a.txt", 5, 9, "fix", "3万亩", {"value": 30000.0, "value_max": None, "unit": "亩", "headline": True, "year": 2027}),
        Correction("b.txt", 0, 2, "add", "两个", {"value": 2.0, "metric": "x"}, "note\nnext line"),
    ]
    text = corrections_csv(corrections)
    assert text.splitlines()[0] == ",".join(CORRECTION_COLUMNS)
    again = parse_corrections(text)
    assert [(c.doc, c.start, c.end, c.action, c.quantity, c.fields, c.note) for c in again] == [
        (c.doc, c.start, c.end, c.action, c.quantity, c.fields, c.note) for c in corrections
    ]


# ---- applying ----


def apply(frame, body):
    return apply_corrections(frame, parse_corrections(HEADER + body, "c.csv"), {DOC: TEXT})


def test_drop_removes_exactly_that_row(frame):
    r = row_at(frame, "120公里")
    out, problems = apply(frame, line(DOC, r.start, r.end, "drop", "120公里", *[""] * 8))
    assert problems == []
    expected = frame[frame["start"] != r.start].reset_index(drop=True)
    pd.testing.assert_frame_equal(out, expected)


def test_fix_sets_and_clears_fields_and_keeps_types(frame):
    r = row_at(frame, "120公里")
    out, problems = apply(frame, line(DOC, r.start, r.end, "fix", "120公里", "地下管网", "130", "150", "-", ">", "", "", ""))
    assert problems == []
    fixed = out[out["start"] == r.start].iloc[0]
    assert (fixed.metric, fixed.value, fixed.value_max, fixed.unit, fixed.comparator) == ("地下管网", 130.0, 150.0, "", ">")
    assert out.dtypes.to_dict() == frame.dtypes.to_dict()
    untouched = out[out["start"] != r.start].reset_index(drop=True)
    pd.testing.assert_frame_equal(untouched, frame[frame["start"] != r.start].reset_index(drop=True))


def test_add_builds_a_row_from_the_text(frame):
    start = TEXT.index("原拆原建")
    out, problems = apply(frame, line(DOC, start, start + 4, "add", "", "原拆原建项目", "3", "", "个", "", "", "plan", "missed"))
    assert problems == []
    assert len(out) == len(frame) + 1
    added = out[out["start"] == start].iloc[0]
    assert added.quantity == TEXT[start : start + 4] == "原拆原建"
    assert (added.metric, added.value, added.unit, added.comparator, added.role, added.period) == (
        "原拆原建项目",
        3.0,
        "个",
        "=",
        "target",
        "plan",
    )
    assert added.line == TEXT.count("\n", 0, start) + 1
    assert added.topic == "加快建设现代化人民城市"
    assert "原拆原建" in added.sentence and "\n" not in added.sentence
    for column in ("place", "level", "report_year"):  # facts about the report, from its other rows
        if column in frame:
            assert added[column] == frame[column].iloc[0]
    assert list(out["start"]) == sorted(out["start"])  # in text order
    assert out.dtypes.to_dict() == frame.dtypes.to_dict()


def test_a_span_whose_text_changed_is_reported_not_applied(frame):
    r = row_at(frame, "120公里")
    out, problems = apply(frame, line(DOC, r.start, r.end, "drop", "125公里", *[""] * 8))
    assert problems == [
        f"c.csv:2: {DOC} {r.start}-{r.end} drop: expected '125公里' but the report has "
        "'120公里' there; the report has changed — not applied"
    ]
    pd.testing.assert_frame_equal(out, frame)


@pytest.mark.parametrize(
    "body, reason",
    [
        (line(DOC, 10**6, 10**6 + 2, "drop", *[""] * 9), "past the end of the report"),
        (line(DOC, 0, 2, "drop", *[""] * 9), "no extracted row has this span ('政府')"),
    ],
)
def test_missing_spans_are_reported(frame, body, reason):
    out, problems = apply(frame, body)
    assert len(problems) == 1 and reason in problems[0]
    pd.testing.assert_frame_equal(out, frame)


def test_add_over_an_extracted_row_is_reported(frame):
    r = row_at(frame, "120公里")
    out, problems = apply(frame, line(DOC, r.start, r.end + 2, "add", "", "", "120", *[""] * 6))
    assert "a row already reads '120公里'" in problems[0]
    assert len(out) == len(frame)


def test_drop_and_add_replace_a_span(frame):
    r = row_at(frame, "120公里")
    body = line(DOC, r.start, r.end + 2, "add", "120公里以上", "地下管网", "120", "", "公里", ">=", "", "", "") + line(
        DOC, r.start, r.end, "drop", *[""] * 9
    )
    out, problems = apply(frame, body)
    assert problems == []
    assert len(out) == len(frame)
    assert "120公里以上" in set(out["quantity"]) and "120公里" not in set(out["quantity"])


def test_corrections_of_other_reports_are_left_aside_and_paths_match_loosely(frame):
    r = row_at(frame, "120公里")
    body = line("other.txt", 1, 3, "drop", *[""] * 9) + line("./" + DOC, r.start, r.end, "drop", *[""] * 9)
    out, problems = apply(frame, body)
    assert problems == []
    assert len(out) == len(frame) - 1


# ---- reports found by content; accepted rows; standard values follow a fix ----

# The headline passage of the State Council's 2025 report and a relation target of Henan's 2024
# report (居民收入增长和经济增长同步), as a two-paragraph report.
HEADLINE_TEXT = (
    "二、2025年经济社会发展总体要求和政策取向\n"
    "今年发展的主要预期目标是：国内生产总值增长5%左右；城镇新增就业1200万人以上，"
    "城镇调查失业率5.5%左右；居民消费价格涨幅2%左右；居民收入增长和经济增长同步。\n"
)


@pytest.fixture(scope="module")
def headline_frame():
    return gzbg.extract(HEADLINE_TEXT, doc="national-2025.txt")


def test_a_fingerprint_finds_the_report_under_another_name(headline_frame):
    r = row_at(headline_frame, "5%")
    fp = text_fingerprint(HEADLINE_TEXT)
    c = Correction("old/place/national-2025.txt", int(r.start), int(r.end), "drop", "5%", fingerprint=fp)
    moved, problems = apply_corrections(headline_frame.assign(doc="/elsewhere/n.txt"), [c], {"/elsewhere/n.txt": HEADLINE_TEXT})
    assert problems == [] and len(moved) == len(headline_frame) - 1 and "5%" not in set(moved["quantity"])
    other = HEADLINE_TEXT.replace("增长5%左右", "增长6%左右")  # another report of the same name
    kept, problems = apply_corrections(headline_frame.assign(doc="n.txt"), [c], {"n.txt": other})
    assert problems == [] and len(kept) == len(headline_frame)  # neither its fingerprint nor its path


def test_an_absolute_path_names_the_report_a_relative_path_named(headline_frame, monkeypatch, tmp_path):
    monkeypatch.chdir(tmp_path)
    r = row_at(headline_frame, "1200万人")
    c = Correction("national-2025.txt", int(r.start), int(r.end), "fix", None, {"value": 1300e4})
    out, problems = apply_corrections(
        headline_frame.assign(doc=str(tmp_path / "national-2025.txt")), [c], {str(tmp_path / "national-2025.txt"): HEADLINE_TEXT}
    )
    assert problems == [] and row_at(out, "1200万人")["value"] == 13_000_000


def test_a_fixed_value_or_indicator_gets_its_standard_value_again(headline_frame):
    r = row_at(headline_frame, "5%")
    assert (r.indicator, r.value_std, r.unit_std) == ("gdp_growth", 5.0, "%")
    fixes = [
        Correction("national-2025.txt", int(r.start), int(r.end), "fix", "5%", {"value": 5.5}),
        Correction("national-2025.txt", *_span(headline_frame, "1200万人"), "fix", None, {"indicator": None}),
    ]
    out, problems = apply_corrections(headline_frame, fixes, {"national-2025.txt": HEADLINE_TEXT})
    assert problems == []
    assert (row_at(out, "5%")["value"], row_at(out, "5%")["value_std"]) == (5.5, 5.5)
    jobs = row_at(out, "1200万人")
    assert (jobs["indicator"], pd.isna(jobs["value_std"]), jobs["unit_std"]) == ("", True, "")


def _span(frame, quantity):
    r = row_at(frame, quantity)
    return int(r.start), int(r.end)


def test_accepted_fixed_and_added_rows_are_marked_reviewed(headline_frame):
    made = [
        Correction("national-2025.txt", *_span(headline_frame, "5%"), "accept", "5%"),
        Correction("national-2025.txt", *_span(headline_frame, "2%"), "fix", None, {"wording": "soft"}),
        Correction("national-2025.txt", *_span(headline_frame, "5.5%"), "drop", None),
    ]
    plain, _ = apply_corrections(headline_frame, made, {"national-2025.txt": HEADLINE_TEXT})
    assert "reviewed" not in plain.columns
    out, problems = apply_corrections(headline_frame, made, {"national-2025.txt": HEADLINE_TEXT}, reviewed=True)
    assert problems == []
    assert sorted(out.loc[out["reviewed"], "quantity"]) == ["2%", "5%"]
    assert row_at(out, "居民收入增长和经济增长同步")["relation"] == "sync"  # unreviewed rows stay as read
    assert not row_at(out, "居民收入增长和经济增长同步")["reviewed"]


def test_a_target_without_a_number_can_be_added_with_its_relation():
    # A city's 2024 headline list (its relation 与经济增长相协调 is one relations.tsv does not hold)
    text = (
        "二、2024年工作安排\n今年主要预期目标是：地区生产总值增长6%左右，一般公共预算收入与经济增长相协调，"
        "节能减排降碳完成省下达任务，粮食产量稳定在1300亿斤以上。\n"
    )
    frame = gzbg.extract(text, doc="t.txt")
    phrase = "一般公共预算收入与经济增长相协调"
    start = text.index(phrase)
    assert not ((frame["start"] < start + len(phrase)) & (frame["end"] > start)).any()
    c = Correction(
        "t.txt",
        start,
        start + len(phrase),
        "add",
        phrase,
        {"metric": "一般公共预算收入", "indicator": "fiscal_revenue_growth", "relation": "sync", "headline": True},
    )
    out, problems = apply_corrections(frame, [c], {"t.txt": text}, reviewed=True)
    assert problems == []
    added = out[out["start"] == start].iloc[0]
    assert (
        added["relation"],
        added["comparator"],
        pd.isna(added["value"]),
        added["period"],
        added["part_kind"],
        bool(added["headline"]),
        bool(added["reviewed"]),
    ) == ("sync", "", True, "plan", "plan", True, True)
    assert list(out["start"]) == sorted(out["start"])
    with pytest.raises(CorrectionsError, match="needs a value, or a relation"):
        parse_corrections("doc,start,end,action,metric\nt.txt,3,5,add,指标\n", "c.csv")


def test_one_report_named_two_ways_cannot_be_corrected_twice():
    body = "doc,start,end,action\nreport.txt,1,3,drop\n./report.txt,1,3,accept\n"
    with pytest.raises(CorrectionsError, match=r"c.csv:3: a second correction of ./report.txt 1-3 \(the first is at c.csv:2\)"):
        parse_corrections(body, "c.csv")


def test_accept_sets_no_columns():
    with pytest.raises(CorrectionsError, match="c.csv:2: an accept sets no columns"):
        parse_corrections("doc,start,end,action,value\nt.txt,1,3,accept,4\n", "c.csv")
