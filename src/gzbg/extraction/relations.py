"""Targets without a number: 居民收入增长和经济增长同步, 粮食产量保持稳定, 完成省下达的节能减排任务.

Each clause is matched against relations.tsv; a match gives one row whose ``quantity`` is the
clause as written up to the end of the relation words, with the words before them as its metric,
and no value, unit or comparator. Relations of scope ``headline`` are read only inside the headline
passage, those of scope ``plan`` in any clause outside the opening and the annexes (in a review
part they state an outcome: 实现了收支的基本平衡). A clause that holds a numeric
quantity gives none: its number is the target.
"""

from __future__ import annotations

import bisect
import importlib
import re
from collections.abc import Iterator
from dataclasses import dataclass

from gzbg.extraction.parts import Part, part_at
from gzbg.extraction.sections import Paragraph, find_paragraph
from gzbg.extraction.sentences import sentence_spans
from gzbg.lexicons import Lexicons
from gzbg.vocab import PartKind

__all__ = ["RelationTarget", "relation_targets"]

_CLAUSE_BREAK_CHARS = ",;:。!?\n"
_CLAUSE_BREAKS = re.compile(f"[{re.escape(_CLAUSE_BREAK_CHARS)}]")
# Reached through importlib: the parser is public as sre_parse before Python 3.11, private after.
_sre_parse = importlib.import_module("re._parser" if hasattr(re, "_parser") else "sre_parse")
_REPEATS = {"MAX_REPEAT", "MIN_REPEAT", "POSSESSIVE_REPEAT"}
_ZERO_WIDTH = {"ASSERT", "ASSERT_NOT", "AT"}


@dataclass(frozen=True)
class RelationTarget:
    start: int
    end: int
    relation: str
    metric: str
    paragraph: Paragraph
    sentence: tuple[int, int]
    headline: bool


def _trims(lex: Lexicons) -> tuple[re.Pattern[str], re.Pattern[str]]:
    """Words that open or close a relation's clause but belong to no metric (力争实现…, …增长与):
    cues.tsv `relation_lead` and `relation_tail`."""

    def make():
        lead = "|".join(p.pattern for p in lex.cue_patterns("relation_lead"))
        tail = "|".join(p.pattern for p in lex.cue_patterns("relation_tail"))
        return re.compile(rf"^\s*(?:{lead})+"), re.compile(rf"(?:{tail})+$")

    return lex.memo("relation_trims", make)


def _match_starts(lex: Lexicons) -> tuple[re.Pattern[str] | None, ...]:
    """For each pattern of relations.tsv that opens with an optional part ((?:保持|实现)?…增长),
    a search for the positions where a match of it starts (_optional_opening_starts); else None.
    The regex engine skips ahead to a pattern's first character only when that character is
    fixed: with an optional opening it tries the pattern at every position of the text, which
    made one such pattern cost more than all the others together."""
    return lex.memo("relation_match_searches", lambda: tuple(_optional_opening_starts(p) for p, _, _ in lex.relations))


def _required_words(lex: Lexicons) -> tuple[tuple[str, ...], ...]:
    """required_words of each pattern of relations.tsv, in file order."""
    return lex.memo("relation_required_words", lambda: tuple(required_words(p) for p, _, _ in lex.relations))


def _finditer(pattern: re.Pattern[str], text: str, starts: re.Pattern[str] | None) -> Iterator[re.Match[str]]:
    """pattern.finditer(text), each match found by ``starts`` (where a match of the pattern
    starts) searched from the end of the one before, as the scan resumes there; the match is then
    the one the scan finds there (pattern.match reads the text around as search does)."""
    if starts is None:
        yield from pattern.finditer(text)
        return
    found = starts.search(text)
    while found is not None:
        m = pattern.match(text, found.start())
        if m is None:  # cannot be: starts found the pattern matching there
            return
        yield m
        found = starts.search(text, m.end())


def _optional_opening_starts(pattern: re.Pattern[str]) -> re.Pattern[str] | None:
    """A search that finds where a match of ``pattern`` starts, when the pattern opens with an
    optional part: a character of the class the pattern's matches start with, where the pattern
    matches (a look-ahead for it, inside a look-behind of that one character). The regex engine
    skips ahead to the characters of the class, and tries the pattern only there, without a
    Python loop over them (several hundred a report, for 增长 and the like). None when the pattern
    does not open with an optional part, or when the class cannot be read (flags, a negated or
    category class, a pattern that can match nothing)."""
    if pattern.flags != re.UNICODE:
        return None
    parsed = _sre_parse.parse(pattern.pattern)
    items = list(parsed)
    if not items or parsed.getwidth()[0] == 0:
        return None
    op, av = items[0]
    if not (op.name in _REPEATS and av[0] == 0):
        return None
    found = _first_characters(items)
    if found is None or found[1] or not found[0]:
        return None
    # No group is opened before the pattern's own, so its group numbers hold.
    try:
        return re.compile("[" + "".join(found[0]) + rf"](?<=(?={pattern.pattern})[\s\S])")
    except re.error:  # a construct a look-behind cannot hold (a reference to a group)
        return None


def _first_characters(items) -> tuple[list[str], bool] | None:
    """(the parts of a character class holding every first character of a match of ``items``,
    whether ``items`` can match nothing), or None when a part cannot be read."""
    parts: list[str] = []
    for op, av in items:
        name = op.name
        if name == "LITERAL":
            return [*parts, re.escape(chr(av))], False
        if name == "IN":
            listed = _class_parts(av)
            return None if listed is None else ([*parts, *listed], False)
        if name in _ZERO_WIDTH:
            continue  # looks around without reading: the first character comes after
        found: tuple[list[str], bool] | None
        if name == "SUBPATTERN":
            _, add_flags, del_flags, body = av
            found = None if add_flags or del_flags else _first_characters(body)
        elif name == "BRANCH":
            found = ([], False)
            for alternative in av[1]:
                one = _first_characters(alternative)
                if one is None:
                    return None
                found = ([*found[0], *one[0]], found[1] or one[1])
        elif name in _REPEATS:
            low, _, body = av
            found = _first_characters(body)
            found = None if found is None else (found[0], found[1] or low == 0)
        else:
            return None
        if found is None:
            return None
        parts += found[0]
        if not found[1]:
            return parts, False
    return parts, True


def _class_parts(items) -> list[str] | None:
    """A parsed character class as parts of a class again: single characters and ranges."""
    parts = []
    for op, av in items:
        if op.name == "LITERAL":
            parts.append(re.escape(chr(av)))
        elif op.name == "RANGE":
            parts.append(f"{re.escape(chr(av[0]))}-{re.escape(chr(av[1]))}")
        else:
            return None
    return parts


def required_words(pattern: re.Pattern[str]) -> tuple[str, ...]:
    """Runs of characters that every match of ``pattern`` holds, read from the literal characters
    of its top level (主要目标 in (?:今年|明年)[^。;]{0,12}主要目标): a text without one of them holds
    no match, and is not scanned. Empty when none can be read (a flag that makes a character
    stand for others, such as IGNORECASE)."""
    if pattern.flags & ~(re.UNICODE | re.DOTALL | re.MULTILINE):
        return ()
    runs, run = [], ""
    for op, av in _sre_parse.parse(pattern.pattern):
        if op.name == "LITERAL":
            run += chr(av)
            continue
        if run:
            runs.append(run)
        run = ""
    if run:
        runs.append(run)
    return tuple(runs)


def reads_only_its_span(pattern: re.Pattern[str]) -> bool:
    """Whether what ``pattern`` matches depends only on the characters it matches: no anchor, word
    boundary or look-around, which read beyond them (or see a piece's ends as the text's). Then a
    piece of a text holds a match only if the text does."""
    return not pattern.flags & re.VERBOSE and _without_assertion(_sre_parse.parse(pattern.pattern))


def _without_assertion(items) -> bool:
    for op, av in items:
        name = op.name
        if name in _ZERO_WIDTH:
            return False
        if name == "SUBPATTERN":
            if not _without_assertion(av[3]):
                return False
        elif name == "BRANCH":
            if not all(_without_assertion(alternative) for alternative in av[1]):
                return False
        elif name in _REPEATS:
            if not _without_assertion(av[2]):
                return False
        elif name not in _READS_ONE_CHARACTER:
            return False  # a construct not read here (a conditional, an atomic group): assume it may
    return True


# Parsed items that match one character by its own value, whatever stands around it.
_READS_ONE_CHARACTER = {"LITERAL", "NOT_LITERAL", "IN", "ANY"}


def _metric(words: str, lex: Lexicons) -> str:
    leading, trailing = _trims(lex)
    previous = None
    while previous != words:
        previous = words
        words = trailing.sub("", leading.sub("", words)).strip()
    return words


def relation_targets(
    text: str, paras: list[Paragraph], parts: list[Part], headlines: list[tuple[int, int]], quantity_starts: list[int], lex: Lexicons
) -> list[RelationTarget]:
    """Every relation target of a normalised text, in order.

    Each pattern runs once over the whole text; a match is then placed in its clause, paragraph
    and part (a pass per clause and pattern would cost more than the rest of the pipeline)."""
    matches: list[tuple[int, int, str, str, int]] = []
    for (pattern, relation, scope), starts, words in zip(lex.relations, _match_starts(lex), _required_words(lex)):
        if not all(w in text for w in words):
            continue  # no match (同步 in a text without it): the scan of the whole text is saved
        named = "rel" in pattern.groupindex
        matches.extend(
            (m.start(), m.end(), relation, scope, m.start("rel") if named else m.start())
            for m in _finditer(pattern, text, starts)
            if m.end() > m.start()
        )
    if not matches:
        return []
    matches.sort()
    found: list[RelationTarget] = []
    taken_end = -1
    previous_clause, previous_end = -1, -1
    # The clause breaks around each match, found by scans of the text in C as the matches advance
    # (each stretch read once): a list of every break of the text, made in Python, cost a quarter
    # of this stage on a report, where a few dozen matches are placed.
    scanned, last_break = 0, -1  # the last break before `scanned`
    next_break = -1  # the first break at or after the match placed last
    for m_start, m_end, relation, scope, words_start in matches:
        if m_start < taken_end:
            continue  # overlaps a relation already read (the first pattern in text order wins)
        if m_start > scanned:
            last_break = max(last_break, *(text.rfind(c, scanned, m_start) for c in _CLAUSE_BREAK_CHARS))
            scanned = m_start
        if next_break < m_start:
            after = _CLAUSE_BREAKS.search(text, m_start)
            next_break = after.start() if after else len(text)
        c_start, c_end = last_break + 1, next_break
        if m_end > c_end:
            continue  # a match never spans two clauses
        para = find_paragraph(paras, m_start)
        if para is None:
            continue
        c_start = max(c_start, para.start)
        part = part_at(parts, m_start)
        if part is not None and part.kind in (PartKind.annex.value, PartKind.opening.value):
            continue
        headline = any(s <= c_start < e for s, e in headlines)
        if scope == "headline" and not headline:
            continue
        q = bisect.bisect_left(quantity_starts, c_start)
        if q < len(quantity_starts) and quantity_starts[q] < c_end:
            continue  # a number in the clause is the target
        # Items of one clause (耕地数量不减少、质量不下降) each begin after the one before.
        start = max(c_start, text.rfind("、", c_start, m_start) + 1)
        if previous_clause == c_start:
            start = max(start, previous_end)
        while start < m_start and text[start] in " 、":
            start += 1
        sentence = _sentence_around(text, para, m_start)
        found.append(RelationTarget(start, m_end, relation, _metric(text[start:words_start], lex), para, sentence, headline))
        taken_end, previous_clause, previous_end = m_end, c_start, m_end
    return found


def _sentence_around(text: str, para: Paragraph, offset: int) -> tuple[int, int]:
    return next(((s, e) for s, e in sentence_spans(text, para.start, para.end) if s <= offset < e), (para.start, para.end))
