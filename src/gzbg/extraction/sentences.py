"""Stage 2b: sentences and clauses inside a paragraph of normalised text."""

from __future__ import annotations

import re

__all__ = ["sentence_spans", "clause_start", "clause_end", "CLAUSE_BREAKS", "LIST_BREAKS", "MAX_CLAUSE"]

_SENTENCE_END = re.compile(r"[。!?;]+[”’」』)]*")
# Not the line break: paragraphs are already split, and a break inside one falls mid-sentence.
CLAUSE_BREAKS = ",:;。!?、"
# The same without the list comma: a list (A、B、C分别…) stays one stretch.
LIST_BREAKS = CLAUSE_BREAKS.replace("、", "")


# A clause is read at most this many characters on each side of a position. The longest clause of
# prose in the corpus (583 reports) is under 2,000 characters; only a table or a list without
# punctuation runs longer, and there every quantity would otherwise re-read the whole run (cost
# quadratic in its length: a 1000-line 附表 took minutes). Past the cap the clause is cut short.
MAX_CLAUSE = 2000


# Below this many characters the last break before a position is found by one regex match (a
# greedy run to the end, backing off to the last break: a few characters of backtracking in a
# clause of prose); above it, by a reverse search per break character, as the backtracking costs
# per character of the span and a table's clause runs to MAX_CLAUSE.
_SHORT_SPAN = 128
_PATTERNS: dict[str, tuple[re.Pattern[str], re.Pattern[str]]] = {}


def _break_patterns(breaks: str) -> tuple[re.Pattern[str], re.Pattern[str]]:
    """(up to the last break character, any break character) of a set of breaks, compiled once."""
    found = _PATTERNS.get(breaks)
    if found is None:
        chars = "".join(map(re.escape, breaks))
        found = _PATTERNS[breaks] = (re.compile(f"(?s:.*)[{chars}]"), re.compile(f"[{chars}]"))
    return found


def clause_start(text: str, lower: int, pos: int, breaks: str = CLAUSE_BREAKS) -> int:
    """Where the clause holding ``pos`` begins (not before ``lower``, nor MAX_CLAUSE before ``pos``)."""
    lower = max(lower, pos - MAX_CLAUSE)
    if pos <= lower:
        return pos
    if pos - lower > _SHORT_SPAN:
        return max(lower, max(text.rfind(c, lower, pos) for c in breaks) + 1)
    m = _break_patterns(breaks)[0].match(text, lower, pos)
    return m.end() if m else lower


def clause_end(text: str, pos: int, upper: int, breaks: str = CLAUSE_BREAKS) -> int:
    """Where the clause holding ``pos`` ends (not after ``upper``, nor MAX_CLAUSE after ``pos``)."""
    upper = min(upper, pos + MAX_CLAUSE)
    m = _break_patterns(breaks)[1].search(text, pos, upper) if pos < upper else None
    return m.start() if m else max(pos, upper)


def sentence_spans(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """Sentences of text[start:end], each keeping its terminator; blank edges trimmed."""
    spans = []
    pos = start
    for m in _SENTENCE_END.finditer(text, start, end):
        spans.append((pos, m.end()))
        pos = m.end()
    if pos < end:
        spans.append((pos, end))
    trimmed = []
    for s, e in spans:
        while s < e and text[s].isspace():
            s += 1
        while e > s and text[e - 1].isspace():
            e -= 1
        if s < e:
            trimmed.append((s, e))
    return trimmed
