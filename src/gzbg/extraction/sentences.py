"""Stage 2b: sentences and clauses inside a paragraph of normalised text."""

from __future__ import annotations

import bisect
import re

__all__ = ["sentence_spans", "clause_start", "clause_end", "CLAUSE_BREAKS", "LIST_BREAKS", "MAX_CLAUSE"]

# A sentence: from its first non-blank character (\S is not str.isspace) to the end of its run of
# terminators and the closing quotes after them, or, when no terminator follows, to its last
# non-blank character. One match per sentence, its span trimmed: splitting at each run of
# terminators and trimming the pieces character by character in Python took a third longer.
_SENTENCE = re.compile(r"(?=\S)(?:[^。!?;]*[。!?;]+[”’」』)]*|[^。!?;]*[^\s。!?;])")
# Not the line break: paragraphs are already split, and a break inside one falls mid-sentence.
CLAUSE_BREAKS = ",:;。!?、"
# The same without the list comma: a list (A、B、C分别…) stays one stretch.
LIST_BREAKS = CLAUSE_BREAKS.replace("、", "")


# A clause is read at most this many characters on each side of a position. The longest clause of
# prose in the corpus (583 reports) is under 2,000 characters; only a table or a list without
# punctuation runs longer, and there every quantity would otherwise re-read the whole run (cost
# quadratic in its length: a 1000-line 附表 took minutes). Past the cap the clause is cut short.
MAX_CLAUSE = 2000


# Up to this many characters a clause's edge is found by one regex over the span (a greedy run
# to the end, backing off to the last break: a few characters of backtracking in a clause of
# prose); beyond it, by bisection in an index of the text's breaks, as a table's clause runs to
# MAX_CLAUSE and every quantity in it would re-read those characters.
_SHORT_SPAN = 128
_PATTERNS: dict[str, tuple[re.Pattern[str], re.Pattern[str]]] = {}
# The break indexes kept, each with the text it indexes (a report is read as two texts at most:
# the normalised one and, for a December report, the same shifted a year; a few threads may read
# at once). When full, the cache is emptied; an index costs one pass of the regex engine.
_INDEXED_TEXTS = 8
_INDEXES: dict[tuple[int, str], tuple[str, list[int]]] = {}


def _break_index(text: str, breaks: str) -> list[int]:
    """The offsets of ``text`` holding a break character, in order; made once per text."""
    key = (id(text), breaks)
    found = _INDEXES.get(key)
    if found is None or found[0] is not text:
        if len(_INDEXES) >= _INDEXED_TEXTS:
            _INDEXES.clear()
        found = _INDEXES[key] = (text, [m.start() for m in _break_patterns(breaks)[1].finditer(text)])
    return found[1]


def _break_patterns(breaks: str) -> tuple[re.Pattern[str], re.Pattern[str]]:
    """(up to the last break character, any break character) of a set of breaks, compiled once."""
    found = _PATTERNS.get(breaks)
    if found is None:
        chars = "".join(map(re.escape, breaks))
        found = _PATTERNS[breaks] = (re.compile(f"(?s:.*)[{chars}]"), re.compile(f"[{chars}]"))
    return found


# clause_start and clause_end run half a million times over the corpus (for meaning and targets):
# they read their patterns from _PATTERNS, with _break_patterns called only for a set of breaks
# not met yet, and cap with a comparison instead of max() and min(). Those calls were a quarter
# of their time: the 266,519 calls describe makes over the corpus's 583 reports, best of 7,
# 0.195 s → 0.147 s.


def clause_start(text: str, lower: int, pos: int, breaks: str = CLAUSE_BREAKS) -> int:
    """Where the clause holding ``pos`` begins (not before ``lower``, nor MAX_CLAUSE before ``pos``)."""
    if pos - MAX_CLAUSE > lower:
        lower = pos - MAX_CLAUSE
    if pos <= lower:
        return pos
    patterns = _PATTERNS.get(breaks) or _break_patterns(breaks)
    if pos - lower > _SHORT_SPAN:
        # A break among the last _SHORT_SPAN characters is the last one (most long sentences of
        # prose): the text's index, a pass over all of it, is made only for a clause that long.
        m = patterns[0].match(text, pos - _SHORT_SPAN, pos)
        if m:
            return m.end()
        index = _break_index(text, breaks)
        k = bisect.bisect_left(index, min(pos, len(text))) - 1
        return index[k] + 1 if k >= 0 and index[k] >= lower else lower
    m = patterns[0].match(text, lower, pos)
    return m.end() if m else lower


def clause_end(text: str, pos: int, upper: int, breaks: str = CLAUSE_BREAKS) -> int:
    """Where the clause holding ``pos`` ends (not after ``upper``, nor MAX_CLAUSE after ``pos``)."""
    if pos + MAX_CLAUSE < upper:
        upper = pos + MAX_CLAUSE
    breaks_pattern = (_PATTERNS.get(breaks) or _break_patterns(breaks))[1]
    if upper - pos > _SHORT_SPAN:
        m = breaks_pattern.search(text, pos, pos + _SHORT_SPAN)  # as in clause_start
        if m:
            return m.start()
        index = _break_index(text, breaks)
        k = bisect.bisect_left(index, pos)
        return index[k] if k < len(index) and index[k] < upper else max(pos, upper)
    m = breaks_pattern.search(text, pos, upper) if pos < upper else None
    return m.start() if m else max(pos, upper)


# The sentences of the last spans split, each with the text it was split from: a paragraph's
# sentences are asked for once per target in it (relations, headlines), and a paragraph that is a
# megabyte on one line was split again for each of its targets (a third of that input's time).
# When full, the cache is emptied.
_SPLIT_SPANS = 16
_SENTENCES: dict[tuple[int, int, int], tuple[str, list[tuple[int, int]]]] = {}


def sentence_spans(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """Sentences of text[start:end], each keeping its terminator; blank edges trimmed (a new
    list: the caller may change it)."""
    key = (id(text), start, end)
    found = _SENTENCES.get(key)
    if found is None or found[0] is not text:
        if len(_SENTENCES) >= _SPLIT_SPANS:
            _SENTENCES.clear()
        found = _SENTENCES[key] = (text, _split(text, start, end))
    return list(found[1])


def _split(text: str, start: int, end: int) -> list[tuple[int, int]]:
    return [m.span() for m in _SENTENCE.finditer(text, start, end)]
