"""Lexicons.word_starts: its one-character matches start where the plain look-ahead's do."""

import re
from pathlib import Path

from gzbg.lexicons import load

SAMPLE = Path(__file__).resolve().parents[1] / "samples"


def _texts() -> list[str]:
    texts = [p.read_text(encoding="utf-8") for p in sorted(SAMPLE.rglob("*.txt"))[:5]]
    texts.append("增长增长达到稳定在力争确保严格控制力争取-]^\\")
    return texts


def test_the_same_starts_as_the_plain_look_ahead():
    lex = load(None)
    word_lists = {
        "predicates": list(lex.predicates),
        "wording": list(lex.wording),
        "both": list(lex.predicates) + list(lex.wording),
        "overlapping": ["增", "增长", "长", "-]", "^"],
    }
    for name, words in word_lists.items():
        ours = lex.word_starts(f"test_{name}", words)
        plain = re.compile("(?=(?:{}))".format("|".join(map(re.escape, words))))
        for text in _texts():
            for lo, hi in ((0, len(text)), (3, len(text) // 2)):
                assert [m.start() for m in ours.finditer(text, lo, hi)] == [m.start() for m in plain.finditer(text, lo, hi)]


def test_no_words_start_nowhere():
    assert load(None).word_starts("test_empty", []).search("增长") is None
