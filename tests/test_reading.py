"""Decoding and normalisation (stage 1)."""

import pytest
from hypothesis import given
from hypothesis import strategies as st

from gzbg.read.decode import _TABLE, ReadError, _translated, decode, normalise, read_text

TEXT = "主要预期目标是：地区生产总值增长５％左右；城镇新增就业1200万人以上。\n"


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "gb18030", "gbk", "utf-16", "utf-16-le", "utf-16-be"])
def test_decodes_common_encodings(encoding):
    data = TEXT.encode(encoding)
    assert decode(data) == TEXT


def test_encoding_option_overrides_detection():
    data = TEXT.encode("gbk")
    assert decode(data, "gbk") == TEXT
    with pytest.raises(ReadError, match="not valid utf-8"):
        decode(data, "utf-8")


@pytest.mark.parametrize(
    "data, message",
    [
        (b"", "empty file"),
        (b"  \n\t\n", "empty file"),
        (bytes(range(256)) * 20, "binary"),
        (b"\x89PNG\r\n\x1a\n" + b"\x00" * 50 + b"\x01\x02\x03" * 40, "binary"),
    ],
)
def test_rejects_what_is_not_text(data, message):
    with pytest.raises(ReadError, match=message):
        decode(data)


def test_unknown_encoding_name():
    with pytest.raises(ReadError, match="unknown encoding"):
        decode(b"abc", "no-such-codec")


def test_read_text_errors(tmp_path):
    with pytest.raises(ReadError, match="no such file"):
        read_text(tmp_path / "missing.txt")
    with pytest.raises(ReadError, match="folder"):
        read_text(tmp_path)


def test_normalise_maps_full_width_one_for_one():
    assert normalise("ＧＤＰ增长５．５％，（一）") == "GDP增长5.5%,(一)"
    assert normalise("人\r\n民\r") == "人 \n民\n"
    assert normalise("\u3000\u200b") == "  "


# Texts made of the characters the table replaces, their replacements and others, in any order and
# repeated: _translated replaces each character throughout and resumes after it.
_TRANSLATED_CHARS = st.sampled_from(sorted({chr(code) for code in _TABLE} | set(_TABLE.values()) | set("人民,(")))


@given(st.text(_TRANSLATED_CHARS) | st.text())
def test_translated_is_translate(text):
    assert _translated(text) == text.translate(_TABLE)


@given(st.text())
def test_normalise_keeps_length(text):
    assert len(normalise(text)) == len(text)
