"""The tagger gives, word for word and tag for tag, what jieba's POS tokenizer gives without HMM."""

import random
from pathlib import Path

import pytest

from conftest import corpus_files
from gzbg.extraction import tagging
from gzbg.lexicons import load

SAMPLE = Path(__file__).parent.parent / "samples" / "xinxiang-2026-excerpt.txt"
# Windows cut from each text: as many as keep the test to a few seconds.
WINDOWS_PER_TEXT = 400
# The longest window: longer than any gzbg tags except the pieces of a long clause (meaning.TAG_PIECE).
LONGEST_WINDOW = 200
EDGE_CASES = [
    "",
    " ",
    "\r\n",
    "\r\r\n\n",
    "a\r\nb",
    "5G网络覆盖率达到95%",
    "C++和C#及A&B_c.d",
    "3.5万亩, 12.5%以上",
    "abc123def",
    "a 1 b 2",
    "GDP增长5.2%",
    "〇二〇年",
    "全角ＡＢＣ１２３",
    "\u3000\u3000今年",
    "\t空格 混排\u00a0文字",
    "“十四五”时期",
    "𠀀罕见字",
]


def reference(tagger: "tagging._WordTagger", text: str) -> tuple[tuple[str, str], ...]:
    return tuple((p.word, p.flag) for p in tagger.jieba.cut(text, HMM=False))


@pytest.fixture(scope="module")
def tagger():
    return tagging._tokenizer(load().terms)


@pytest.mark.parametrize("text", EDGE_CASES)
def test_edge_cases(tagger, text):
    assert tagger.tag(text) == reference(tagger, text)


def test_windows_of_reports(tagger):
    texts = [SAMPLE.read_text(encoding="utf-8")] + [p.read_text(encoding="utf-8") for p in corpus_files()[:5]]
    pick = random.Random(7)
    for text in texts:
        for _ in range(WINDOWS_PER_TEXT):
            start = pick.randrange(len(text))
            window = text[start : start + pick.randint(1, LONGEST_WINDOW)]
            assert tagger.tag(window) == reference(tagger, window), window
