"""The tagger gives, word for word and tag for tag, what jieba's POS tokenizer gives without HMM; its
memo of tagged texts is an LRU."""

import random
from collections import OrderedDict
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


@pytest.fixture
def no_disk_cache(monkeypatch):
    """Tags from jieba only, in a fresh memo; the taggers of earlier tests are forgotten before and after."""
    monkeypatch.setenv("GZBG_CACHE_DIR", "")
    tagging.reset()
    yield
    tagging.reset()


def test_a_memo_hit_is_kept_longest(monkeypatch, no_disk_cache):
    monkeypatch.setattr(tagging, "MEMO_SIZE", 2)
    lex = load()
    for text in ("新增就业", "粮食产量", "新增就业", "居民收入"):
        tagging.tag(text, lex)
    assert list(tagging._taggers[lex.terms].memory) == ["新增就业", "居民收入"]


class _EvictedAfterRead(OrderedDict):
    """A memo that another thread empties right after each read: the moment between a hit's
    lock-free read and its move to the end of the memo."""

    def get(self, key, default=None):
        found = super().get(key, default)
        self.clear()
        return found


def test_a_hit_evicted_before_it_is_moved(no_disk_cache):
    lex = load()
    tagger = tagging._tagger_of(lex)
    expected = tagging.tag("新增就业", lex)
    tagger.memory = _EvictedAfterRead(tagger.memory)
    assert tagging.tag("新增就业", lex) == expected  # a hit, gone when it is moved
    assert tagging.tag("新增就业", lex) == expected  # then a miss, tagged again
