"""The markup alternatives, written to open with a literal character for speed, match what their
plain forms match (a line start as ^, a look-behind before __), alone and together."""

import itertools
import random
import re

import pytest

from gzbg.read import markup

# The plain forms of markup._SPACE_ALTERNATIVES, in the same order.
PLAIN = (
    r"^[ \t]*#{1,6}(?=[ \t])",
    r"\*{2,3}|__(?=\S)|(?<=\S)__",
    r"<!--.*?-->",
    r"!\[[^\]\n]*\]\([^)\n]*\)",
    r"\[\^?[0-9]{1,2}\]:?",
    r"&(?:nbsp|ensp|emsp|thinsp);",
    r"^[ \t]*(?:-{3,}|\*{3,})[ \t]*$",
)
PIECES = (" ", "\t", "\n", "#", "-", "*", "_", "a", "中", "<", "!", "[", "]", "(", ")", "&", "^", "1", "nbsp;", "<!--", "-->")
SETS = [ks for r in (1, 2, 7) for ks in itertools.combinations(range(len(PLAIN)), r)]


def spans(alternatives, indices, text):
    pattern = re.compile("|".join(alternatives[k] for k in indices), re.M | re.S)
    return [m.span() for m in pattern.finditer(text)]


@pytest.mark.parametrize("indices", SETS)
def test_the_same_matches_as_the_plain_alternatives(indices):
    written = [a for a, _ in markup._SPACE_ALTERNATIVES]
    pick = random.Random(len(indices) * 31 + indices[0])
    texts = ["## 一、总体要求\n---\n **重点** __a__ a__b\n  ***  \n\t# x\n#######  y\n"]
    texts += ["".join(pick.choice(PIECES) for _ in range(pick.randint(0, 40))) for _ in range(300)]
    for text in texts:
        assert spans(written, indices, text) == spans(PLAIN, indices, text), text


def test_breaks_match_what_their_plain_form_matches():
    plain = re.compile(r"<br\s*/?>|(?:\\r)?\\n|\\r", re.I)
    pick = random.Random(7)
    pieces = ("\\", "r", "n", "R", "N", "<br", "<BR", ">", "/", " ", "\n", "中")
    texts = ["".join(pick.choice(pieces) for _ in range(pick.randint(0, 30))) for _ in range(2000)]
    for text in texts:
        assert [m.span() for m in markup._BREAKS.finditer(text)] == [m.span() for m in plain.finditer(text)], text
