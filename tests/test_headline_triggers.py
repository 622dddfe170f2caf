"""Headline triggers sought from the places of their words find what a search of the whole text
finds (headline._trigger_matches), for the shipped triggers and for shapes a --lexicon might add."""

import random
import re

import pytest

from gzbg import lexicons
from gzbg.extraction import headline

PATTERNS = [
    *(p.pattern for p in lexicons.load().cue_patterns("headline")),
    r"(?:今年|明年|[0-9]{4}年)[^。;]{0,12}主要目标\s*[是为:]",
    r"[0-9]{1,3}(?:目标|目标目)",  # words that overlap themselves and each other
    r"(?<=年)[^。]{0,3}目标(?:是)?",  # a look-behind before the lead
    r"目?标{1,2}目标",
    r"(?:今|年){0,4}计划",
    r"[年目]目目",  # a word that overlaps itself: found again one character on
]
PIECES = ("今年", "明年", "2026年", "年", "主要目标", "目标", "目", "标", "是", ":", "。", ";", "计划", "安排", "1", "的", " ")


@pytest.mark.parametrize("source", PATTERNS)
def test_the_same_matches_as_finditer(source, monkeypatch):
    monkeypatch.setattr(headline, "_CHARS_PER_START", 0)  # always from the words, however many
    pattern = re.compile(source)
    anchor = lexicons.literal_anchor(source)
    pick = random.Random(source)
    texts = ["".join(pick.choice(PIECES) for _ in range(pick.randint(0, 40))) for _ in range(500)]
    for text in texts:
        found = [m.span() for m in headline._trigger_matches(pattern, anchor, text)]
        assert found == [m.span() for m in pattern.finditer(text)], text
