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
    assert c.fields == {"metric": "新指标", "value": 12.5, "value_max": None, "unit": None,
                        "comparator": ">=", "period": "plan"}
    assert c.origin == "c.csv:2"


@pytest.mark.parametrize("body, message", [
    ("doc,start,end,action,valeu\n", "c.csv:1: unknown column(s) 'valeu'"),
    ("doc,start,action\n", "c.csv:1: missing column(s) end"),
    ("doc,start,end,action,unit,unit\n", "c.csv:1: column(s) unit given twice"),
    (HEADER + line("a.txt", 1, 3, "delete", "", "", "", "", "", "", "", "", ""), "c.csv:2: action 'delete' is not one of drop, fix, add"),
    (HEADER + line("a.txt", 1, 3, "fix", "", "", "12万", "", "", "", "", "", ""), "c.csv:2: value '12万' is not a number"),
    (HEADER + line("a.txt", 1, 3, "fix", "", "", "-", "", "", "", "", "", ""), "c.csv:2: value cannot be emptied"),
    (HEADER + line("a.txt", 1, 3, "fix", "", "", "", "", "", "≥", "", "", ""), "c.csv:2: comparator '≥' is not one of"),
    (HEADER + line("a.txt", 1, 3, "fix", "", "", "", "", "", "", "goal", "", ""), "c.csv:2: role 'goal' is not one of forecast, qualifier"),
    (HEADER + line("a.txt", 3, 3, "drop", "", "", "", "", "", "", "", "", ""), "c.csv:2: the span 3-3 is empty"),
    (HEADER + line("a.txt", "x", 3, "drop", "", "", "", "", "", "", "", "", ""), "c.csv:2: start and end must be whole numbers"),
    (HEADER + line("", 1, 3, "drop", "", "", "", "", "", "", "", "", ""), "c.csv:2: doc is empty"),
    (HEADER + line("a.txt", 1, 3, "drop", "", "", "5", "", "", "", "", "", ""), "c.csv:2: a drop sets no columns (it sets value)"),
    (HEADER + line("a.txt", 1, 3, "fix", "", "", "", "", "", "", "", "", "a note"), "c.csv:2: a fix sets at least one column"),
    (HEADER + line("a.txt", 1, 3, "add", "", "指标", "", "", "", "", "", "", ""), "c.csv:2: an add needs a value"),
    (HEADER + "a.txt,1,3,drop\n", "c.csv:2: 4 cells for 13 columns"),
    ("", "c.csv: empty file"),
])
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
    body = HEADER + line("a.txt", 1, 3, "drop", "", "", "", "", "", "", "", "", '"two\nlines"') \
        + line("a.txt", 5, 7, "move", *[""] * 9)
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
        Correction("a.txt", 5, 9, "fix", "3万亩", {"value": 30000.0, "value_max": None, "unit": "亩",
                                                    "headline": True, "year": 2027}),
        Correction("b.txt", 0, 2, "add", "两个", {"value": 2.0, "metric": "x"}, "note\nnext line"),
    ]
    text = corrections_csv(corrections)
    assert text.splitlines()[0] == ",".join(CORRECTION_COLUMNS)
    again = parse_corrections(text)
    assert [(c.doc, c.start, c.end, c.action, c.quantity, c.fields, c.note) for c in again] == \
        [(c.doc, c.start, c.end, c.action, c.quantity, c.fields, c.note) for c in corrections]


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
    assert added.quantity == TEXT[start:start + 4] == "原拆原建"
    assert (added.metric, added.value, added.unit, added.comparator, added.role, added.period) == \
        ("原拆原建项目", 3.0, "个", "=", "target", "plan")
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
    assert problems == [f"c.csv:2: {DOC} {r.start}-{r.end} drop: expected '125公里' but the report has "
                        "'120公里' there; the report has changed — not applied"]
    pd.testing.assert_frame_equal(out, frame)


@pytest.mark.parametrize("body, reason", [
    (line(DOC, 10**6, 10**6 + 2, "drop", *[""] * 9), "past the end of the report"),
    (line(DOC, 0, 2, "drop", *[""] * 9), "no extracted row has this span ('政府')"),
])
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
    body = line(DOC, r.start, r.end + 2, "add", "120公里以上", "地下管网", "120", "", "公里", ">=", "", "", "") \
        + line(DOC, r.start, r.end, "drop", *[""] * 9)
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
