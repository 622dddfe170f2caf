"""The relation patterns find, with their scan sped up, exactly the matches of finditer."""

import re
from pathlib import Path

import pytest

from conftest import corpus_files
from gzbg.extraction import relations
from gzbg.lexicons import load
from gzbg.read.decode import normalise

SAMPLE = Path(__file__).parent.parent / "samples" / "xinxiang-2026-excerpt.txt"
# Patterns that open with an optional part, and texts that try their edges (overlaps, the text's
# ends, look-behinds before the candidate character).
PATTERNS = [
    r"(?:保持|实现)?(?:平稳|稳定)?增长(?=\s*(?:[,;。、]|$))",
    r"(?:较)?增长",
    r"(?:(?<=全)省)?增长",
    r"(?:[a-c]|[0-9])?x+",
    r"(?:^|(?<=,))?(?:基本)?稳定",
    r"(?:a)*(?i:b)c",  # a scoped flag: not read, scanned as it is
]
TEXTS = ["", "增长", "保持增长,实现平稳增长。稳定增长增长", "全省增长,省增长", "axxbxx3xcx", ",稳定,基本稳定", "abcABc"]


def scan(pattern: re.Pattern[str], text: str) -> list[tuple[int, int]]:
    starts = relations._optional_opening_starts(pattern)
    return [m.span() for m in relations._finditer(pattern, text, starts)]


@pytest.mark.parametrize("source", PATTERNS)
def test_edge_patterns(source):
    pattern = re.compile(source)
    for text in TEXTS:
        assert scan(pattern, text) == [m.span() for m in pattern.finditer(text)], text


def test_lexicon_patterns_over_reports():
    texts = [normalise(p.read_text(encoding="utf-8")) for p in [SAMPLE, *corpus_files()[:8]]]
    for pattern, _, _ in load().relations:
        for text in texts:
            assert scan(pattern, text) == [m.span() for m in pattern.finditer(text)]
