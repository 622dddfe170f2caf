"""Lexicons.word_starts: the guarded look-ahead finds what the plain one finds."""

import re
from pathlib import Path

import pytest

from gzbg.lexicons import load

SAMPLE = Path(__file__).resolve().parents[1] / "samples"


@pytest.mark.parametrize("template", [r"(?=({}))", r"(?=(?:{}))"])
def test_the_same_starts_and_words_as_the_plain_look_ahead(template):
    lex = load(None)
    words = list(lex.predicates) + list(lex.wording)
    guarded = lex.word_starts(f"test_{template}", words, template)
    plain = re.compile(template.format("|".join(map(re.escape, sorted(set(words), key=len, reverse=True)))))
    texts = [p.read_text(encoding="utf-8") for p in sorted(SAMPLE.rglob("*.txt"))[:5]]
    texts.append("增长增长达到稳定在力争确保-]^\\")
    for text in texts:
        assert [(m.start(), m.groups()) for m in guarded.finditer(text)] == [(m.start(), m.groups()) for m in plain.finditer(text)]


def test_no_words_match_nothing():
    lex = load(None)
    assert lex.word_starts("test_empty", [], r"(?=({}))").search("增长") is None
