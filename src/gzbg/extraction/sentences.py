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


def clause_start(text: str, lower: int, pos: int, breaks: str = CLAUSE_BREAKS) -> int:
    """Where the clause holding ``pos`` begins (not before ``lower``, nor MAX_CLAUSE before ``pos``)."""
    lower = max(lower, pos - MAX_CLAUSE)
    if pos <= lower:
        return pos
    return max(lower, max(text.rfind(c, lower, pos) for c in breaks) + 1)


def clause_end(text: str, pos: int, upper: int, breaks: str = CLAUSE_BREAKS) -> int:
    """Where the clause holding ``pos`` ends (not after ``upper``, nor MAX_CLAUSE after ``pos``)."""
    upper = min(upper, pos + MAX_CLAUSE)
    found = [i for i in (text.find(c, pos, upper) for c in breaks) if i >= 0]
    return min(found) if found else max(pos, upper)


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
