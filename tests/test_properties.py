"""Invariants that hold for any text (Hypothesis)."""

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

import gzbg
from gzbg.read.decode import normalise

# Characters that exercise every stage: digits (both widths), Chinese numerals, multipliers,
# units, comparators, punctuation, quotes, brackets, letters and line breaks.
ALPHABET = (
    "0123456789０１２３４５６７８９.．%％一二两三四五六七八九十百千万亿零分之点"
    "个家条亩公里元人次吨以上下内左右约超过近多余至到—-~每立方米微克年月日第期级"
    "增长达到提高下降个百分点，。；：、“”《》()（）+PMGa \n\r\u3000\u200b的建设新增地下管网"
)
texts = st.text(alphabet=ALPHABET, max_size=200)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@example("1~0%")  # a "range" running downwards was once read as one
@given(texts)
def test_any_text_extracts_without_error_and_offsets_hold(text):
    frame = gzbg.extract(text)
    for row in frame.itertuples(index=False):
        assert text[row.start : row.end] == row.quantity
        assert 0 <= row.start < row.end <= len(text)
        assert row.line == text.count("\n", 0, row.start) + 1
        assert row.comparator in {">=", ">", "<=", "<", "~", "="}
        assert row.role in {"target", "qualifier"}
        assert row.value == row.value  # never NaN
        assert row.value_max != row.value_max or row.value_max > row.value


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=300))
def test_arbitrary_unicode_never_crashes(text):
    frame = gzbg.extract(text)
    assert list(frame["start"]) == sorted(frame["start"])
    assert len(normalise(text)) == len(text)


@settings(max_examples=100, deadline=None)
@given(
    st.sampled_from(
        [
            ("120公里以上", "120公里"),
            ("36.9万亩", "36.9万亩"),
            ("5%左右", "5%"),
            ("1.2个百分点", "1.2个百分点"),
            ("3至5万亩", "3至5万亩"),
            ("百分之七", "百分之七"),
        ]
    ),
    st.text(alphabet="，。的和 \n", max_size=5),
    st.text(alphabet="，。 \n", max_size=5),
)
def test_a_quantity_survives_padding(case, left, right):
    written, surface = case
    text = f"新增{left}地下管网{written}{right}"
    frame = gzbg.extract(text)
    assert surface in list(frame["quantity"])


@pytest.mark.parametrize(
    "bad, message",
    [
        (None, "gzbg.extract takes the report's text as str, not NoneType"),
        (b"\xe4\xbb\x8a", "gzbg.extract takes the report's text as str, not bytes: decode it first"),
    ],
)
def test_a_wrong_argument_is_a_named_error(bad, message):
    with pytest.raises(gzbg.ArgumentError, match=message.replace("(", r"\(")):
        gzbg.extract(bad)


def test_a_lone_surrogate_is_read_around():
    frame = gzbg.extract("今年新增就业5万人\ud800，新建学校3所。")
    assert frame["quantity"].tolist() == ["5万人", "3所"]
    assert "\ufffd" in frame.loc[0, "sentence"]


def test_diff_and_track_of_empty_tables_are_empty():
    import pandas as pd

    assert len(gzbg.diff(pd.DataFrame(), pd.DataFrame())) == 0
    assert len(gzbg.track(pd.DataFrame(), pd.DataFrame())) == 0
