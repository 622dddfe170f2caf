"""Stage 2b: sentences and clauses inside a paragraph of normalised text."""

from __future__ import annotations

import re

__all__ = ["sentence_spans", "clause_spans", "CLAUSE_BREAKS"]

_SENTENCE_END = re.compile(r"[。!?;]+[”’」』)]*")
CLAUSE_BREAKS = ",:;。!?、\n"


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


def clause_spans(text: str, start: int, end: int, breaks: str = CLAUSE_BREAKS) -> list[tuple[int, int]]:
    """Clauses of a sentence, split at commas, colons, semicolons and list commas."""
    spans, pos = [], start
    for i in range(start, end):
        if text[i] in breaks:
            if i > pos:
                spans.append((pos, i))
            pos = i + 1
    if pos < end:
        spans.append((pos, end))
    return spans
