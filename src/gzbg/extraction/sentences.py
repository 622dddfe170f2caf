"""Stage 2b: sentences and clauses inside a paragraph of normalised text."""

from __future__ import annotations

import re

__all__ = ["sentence_spans", "clause_start", "clause_end", "CLAUSE_BREAKS", "LIST_BREAKS"]

_SENTENCE_END = re.compile(r"[。!?;]+[”’」』)]*")
# Not the line break: paragraphs are already split, and a break inside one falls mid-sentence.
CLAUSE_BREAKS = ",:;。!?、"
# The same without the list comma: a list (A、B、C分别…) stays one stretch.
LIST_BREAKS = CLAUSE_BREAKS.replace("、", "")


def clause_start(text: str, lower: int, pos: int, breaks: str = CLAUSE_BREAKS) -> int:
    """Where the clause holding ``pos`` begins (not before ``lower``)."""
    i = pos
    while i > lower and text[i - 1] not in breaks:
        i -= 1
    return i


def clause_end(text: str, pos: int, upper: int, breaks: str = CLAUSE_BREAKS) -> int:
    """Where the clause holding ``pos`` ends (not after ``upper``)."""
    i = pos
    while i < upper and text[i] not in breaks:
        i += 1
    return i


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
