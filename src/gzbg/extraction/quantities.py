"""Stage 3: find numerals in normalised text and decide which are quantities.

Each numeral becomes either a ``Quantity`` (number, multiplier, unit; ranges and per-unit phrases
joined) or an ``Excluded`` numeral with the class of expression that rules it out. Comparators and
metrics are decided later, in ``targets``; this stage only reads the quantity itself.
"""

from __future__ import annotations

import bisect
import functools
import itertools
import re
import string
from dataclasses import dataclass
from decimal import Decimal
from typing import Callable, NamedTuple

from gzbg.extraction.numbers import CN_DIGITS, CN_NUMERAL_CHARS, MAX_NUMERAL, MULTIPLIERS, parse_chinese, parse_numeral
from gzbg.extraction.records import dict_maker
from gzbg.lexicons import Lexicons, Unit, literal_anchor, matches_from_starts

__all__ = ["Quantity", "Excluded", "scan", "NUMERAL_RUN"]

_CN = CN_NUMERAL_CHARS
_CN_DIGIT_SET = frozenset(CN_DIGITS)
# A fraction (三分之一, 百分之7.5: denominator before 分之), an Arabic numeral, or a Chinese one.
# Written to open with the class of every numeral's first character, followed by what each kind
# reads after it (told by a look-behind at that character): a pattern that opens with a class lets
# the regex engine skip to the next numeral character, where an alternation of three was tried at
# every character of the text (four times slower). Same matches as the plain alternation.
_NUMERAL = re.compile(
    rf"[0-9{_CN}](?:"
    rf"(?<=[{_CN}])(?P<frac>[{_CN}]*分之(?P<num>[0-9]+(?:\.[0-9]+)?|[{_CN}点]+))"
    rf"|(?<=[0-9])(?:[0-9]{{0,2}}(?:,[0-9]{{3}})+(?![0-9])|[0-9]*)(?:\.[0-9]+)?"
    rf"|(?<=[{_CN}])(?:[{_CN}点]*[{_CN}])?)"
)
_CN_SET = frozenset(_CN)
# The reason of a run of numeral characters longer than MAX_NUMERAL (a serial, a table row run
# together, a garbled or random string of digits): no amount is written so (issue 13), so the
# whole run is one excluded numeral and none inside it is read.
NUMERAL_RUN = "numeral-run"
_NUMERAL_RUN = re.compile(rf"(?:[0-9{_CN}]|(?<=[0-9])\.(?=[0-9])){{{MAX_NUMERAL + 1},}}")
# Every numeral run holds this simpler match (one a report never has): tested first, as the
# look-arounds of _NUMERAL_RUN make it several times slower over a whole text.
_NUMERAL_RUN_CANDIDATE = re.compile(rf"[0-9{_CN}][0-9{_CN}.]{{{MAX_NUMERAL}}}")
_QUOTES = re.compile(r"“[^”\n]{1,20}”|‘[^’\n]{1,20}’|《[^》\n]{1,40}》|「[^」\n]{1,20}」|\"[^\"\n]{1,20}\"")
_YEAR = re.compile(r"(?:19|20)[0-9]{2}")
# Looked up as a set: a regex match per numeral cost more than the rest of _context_reason.
_ASCII_LETTERS = frozenset(string.ascii_letters)
# The marks between a unit and its denominator, one character each.
_PER_MARKS = frozenset("/每")
# 增长12 %: at most this many spaces between a number and a rate unit (percent, per mille, points).
MAX_UNIT_GAP = 2
SPACED_UNIT_CATEGORIES = ("percent", "permille", "points")
# 百亿亿次: at most this many multiplier words follow one number.
MAX_CHAINED_MULTIPLIERS = 3
# The characters a multiplier word can start with: most numbers are followed by none, told
# without trying each word.
_MULTIPLIER_FIRST = frozenset(w[0] for w in MULTIPLIERS)
# The multiplier words by first character, in the order of MULTIPLIERS (longest first): the words
# tried at a position are those that can start there, without a generator over all of them.
_MULTIPLIERS_BY_FIRST = {c: tuple(w for w in MULTIPLIERS if w[0] == c) for c in _MULTIPLIER_FIRST}
_ONE = Decimal(1)
# Compiled once (a module-level re.search looks its pattern up in re's cache on every call:
# tens of thousands of lookups per report).
_PER_UNIT = re.compile(r"每([0-9]*[万千百]?)(\S{1,4})$")
_CLAUSE_MARK = re.compile(r"[,;。:!?]")
# A price index written as a number (居民消费价格指数控制在103左右) lies in this range.
INDEX_RANGE = (Decimal(80), Decimal(130))
# How far back from a number the word naming an index (指数) may stand in its clause.
INDEX_WINDOW = 16
# Characters before a number searched for a per-unit phrase (每立方米42微克, 每10万人45台): 每, a
# short count (10万) and a unit of up to four characters fit in 8.
_PER_WINDOW = 8


@dataclass(frozen=True)
class Quantity:
    start: int
    end: int
    value: Decimal
    value_max: Decimal | None
    unit: str
    category: str
    more_than: bool  # 多/余 inside the quantity: 5300多栋


# A Quantity from the dict of its fields, in order, without its __init__: made for every quantity
# of the text; a dict written out takes two thirds of the time of one zipped from names and values.
_quantity_of = dict_maker(Quantity)


@dataclass(frozen=True)
class Excluded:
    start: int
    end: int
    reason: str


# As _quantity_of: an excluded numeral for most numerals of a text (a fifth of the time of its
# __init__ saved).
_excluded_of = dict_maker(Excluded)


# The value of a numeral not parsed yet (None is a parsed value: no number).
_UNPARSED = object()


# Slots: one object per numeral for the garbage collector to count and trace, where an instance
# __dict__ (made as soon as the value was kept in it) was a second; a dense table has thousands.
@dataclass(slots=True)
class _Numeral:
    start: int
    end: int
    raw: str
    chinese: bool
    digitless: bool  # only 十百千万亿: 千方百计, 百亿级
    fraction_value: Decimal | None = None
    fraction_unit: str = ""  # _fraction_unit(raw), told once where the numeral is read
    parsed: object = _UNPARSED  # the value once read (functools.cached_property takes a lock on every read)

    @property
    def value(self) -> Decimal | None:
        """Parsed on first use: most Chinese numerals are words (一批, 统一) and never need it."""
        parsed = self.parsed
        if parsed is _UNPARSED:
            parsed = self.parsed = self.fraction_value if self.fraction_value is not None else parse_numeral(self.raw)
        return parsed  # type: ignore[return-value]


class _Tail(NamedTuple):  # a tuple: made for every numeral, several times cheaper than a frozen dataclass
    end: int
    multiplier: Decimal
    unit: str
    category: str
    more_than: bool
    has_multiplier: bool


# A _Tail from the tuple of its fields, without the Python-level __new__ of a NamedTuple (a third
# of a microsecond, for every numeral).
_new_tail: Callable[[tuple[int, Decimal, str, str, bool, bool]], _Tail] = functools.partial(tuple.__new__, _Tail)


def _fraction_unit(raw: str) -> str:
    """百分之七 and 三分之一 are percentages; 千分之三 is per mille; other numerals have none."""
    if "分之" not in raw:
        return ""
    return "‰" if raw.startswith("千分之") else "%"


def _numeral_runs(text: str) -> list[Excluded]:
    if _NUMERAL_RUN_CANDIDATE.search(text) is None:
        return []
    return [Excluded(m.start(), m.end(), NUMERAL_RUN) for m in _NUMERAL_RUN.finditer(text)]


def _numerals(text: str, runs: list[Excluded]) -> list[_Numeral]:
    """The numerals of ``text`` outside the numeral runs (``runs``, in order)."""
    found: list[_Numeral] = []
    gap_start = 0
    for run in runs:
        _numerals_between(text, gap_start, run.start, found)
        gap_start = run.end
    _numerals_between(text, gap_start, len(text), found)
    return found


def _numerals_between(text: str, start: int, end: int, found: list[_Numeral]) -> None:
    # Each kind of numeral with only the steps it needs: this runs for every numeral of the text.
    for m in _NUMERAL.finditer(text, start, end):
        raw = m.group()
        if m.lastindex is not None:  # only a fraction has groups
            den = parse_chinese(raw[: raw.index("分之")])
            num = parse_numeral(m.group("num").rstrip("点"))
            if not den or num is None:
                continue
            # 百分之七 is 7 (%); 千分之三 is 3 (‰); 三分之一 is 33.3… (%).
            value = num if den in (100, 1000) else num * 100 / den
            found.append(_Numeral(m.start(), m.end(), raw, True, False, value, _fraction_unit(raw)))
        elif raw[0] in _CN_SET:
            raw = raw.rstrip("点")
            at = m.start()
            found.append(_Numeral(at, at + len(raw), raw, True, _CN_DIGIT_SET.isdisjoint(raw)))
        else:
            found.append(_Numeral(m.start(), m.end(), raw, False, False))


def _unit_entries_by_char(lex: Lexicons, include_periods: bool = True) -> dict[str, tuple[tuple[str, Unit], ...]]:
    """(surface, entry) of the units by their first character, longest first (without the
    units of category period unless ``include_periods``)."""
    entries = {
        c: tuple((u, lex.units[u]) for u in lex.units_starting_with(c) if include_periods or lex.units[u].category != "period")
        for c in {u[0] for u in lex.units}
    }
    return {c: found for c, found in entries.items() if found}


class _UnitMatcher:
    def __init__(self, lex: Lexicons) -> None:
        self.lex = lex
        self.units = lex.units
        self.infixes = tuple(c.word for c in lex.comparators_at("infix"))
        # The characters an infix word (多, 余) can start with: after most numbers stands none.
        self.infix_first = frozenset(w[0] for w in self.infixes)
        # The units by first character, each with its entry: unit_at runs a few times for every
        # numeral of the text, and a lexicon lookup per unit tried cost more than the match.
        self.by_char: dict[str, tuple[tuple[str, Unit], ...]] = lex.memo("unit_entries_by_char", lambda: _unit_entries_by_char(lex))
        # The same without the period units (年, 天), which stand only after 每 or / (元/年): a unit
        # after a number is looked for far more often than a denominator.
        self.amounts_by_char: dict[str, tuple[tuple[str, Unit], ...]] = lex.memo(
            "amount_unit_entries_by_char", lambda: _unit_entries_by_char(lex, include_periods=False)
        )
        # The characters a tail can start with (an infix, a unit, a space before a unit, a
        # multiplier): after most numerals (2019年, 3月, 一批) stands none of them, and the tail is
        # then told without trying each.
        self.tail_first = frozenset(self.infix_first | self.amounts_by_char.keys() | _MULTIPLIER_FIRST | {" "})

    def unit_at(self, text: str, pos: int, denominator: bool = False) -> tuple[str, int] | None:
        for surface, info in (self.by_char if denominator else self.amounts_by_char).get(text[pos : pos + 1], ()):
            if text.startswith(surface, pos):
                end = pos + len(surface)
                if info.not_before and text.startswith(info.not_before, end):  # any of them
                    continue
                return surface, end
        return None

    def infix_at(self, text: str, pos: int) -> int:
        if text[pos : pos + 1] not in self.infix_first:
            return pos
        for word in self.infixes:
            if text.startswith(word, pos):
                return pos + len(word)
        return pos

    def tail(self, text: str, pos: int, chinese: bool, fraction_unit: str = "") -> _Tail:
        """What follows a numeral: [多/余] [multiplier] [多/余] [unit] ["/" unit]."""
        if fraction_unit:
            return _new_tail((pos, _ONE, fraction_unit, "percent", False, False))
        first = text[pos : pos + 1]
        if first not in self.tail_first:
            return _new_tail((pos, _ONE, "", "", False, False))  # what the steps below give when none applies
        p = self.infix_at(text, pos) if first in self.infix_first else pos
        more = p != pos
        multiplier, has_mult = _ONE, False
        unit = self.unit_at(text, p)
        if unit is None and text.startswith(" ", p) and not chinese:
            # 增长12 %以上: a space a converter left between a number and its unit
            q = p
            while q < len(text) and text[q] == " " and q - p < MAX_UNIT_GAP:
                q += 1
            spaced = self.unit_at(text, q)
            if spaced is not None and self.units[spaced[0]].category in SPACED_UNIT_CATEGORIES:
                p, unit = q, spaced
            elif spaced is None and _multiplier_at(text, q) is not None:
                p = q  # 达到 2.25 亿元: the multipliers below are read from there
        # Multipliers after the number, chained: 3万多亿元, 10.36百亿亿次/秒; after a Chinese
        # numeral only once 多 has closed it (两千多万人), as 二十万 is read whole. (The test that
        # opens each round is made once before the loop too: most numerals have their unit already.)
        if unit is None and not (chinese and not more):
            for _ in range(MAX_CHAINED_MULTIPLIERS):
                if unit is not None or (chinese and not more):
                    break
                word = _multiplier_at(text, p)
                if word is None:
                    break
                multiplier, has_mult = multiplier * MULTIPLIERS[word], True
                q = self.infix_at(text, p + len(word))
                more = more or q != p + len(word)
                p = q
                unit = self.unit_at(text, p)
        if unit is None:
            return _new_tail((p if has_mult or more else pos, multiplier, "", "", more, has_mult))
        surface, end = unit
        info = self.units[surface]
        canonical, category = info.canonical, info.category
        if text[end : end + 1] in _PER_MARKS:  # 42微克/立方米, 元/吨, 28.5微克每立方米
            denominator = self.unit_at(text, end + 1, denominator=True)
            if denominator is not None:
                canonical = f"{canonical}/{self.units[denominator[0]].canonical}"
                end = denominator[1]
        return _new_tail((end, multiplier, canonical, category, more, has_mult))


def _intervals(text: str, lex: Lexicons) -> tuple[list[tuple[int, int]], list[tuple[int, int, str]]]:
    quotes = [(m.start(), m.end()) for m in _QUOTES.finditer(text)]
    phrases: list[tuple[int, int, str]] = []
    for search in lex.memo("nonquantity_phrase_searches", lambda: _phrase_searches(lex.nonquantity_search())):
        search.add_spans(text, phrases)
    phrases.sort()
    return quotes, phrases


class _PlainSearch:
    """A nonquantities.tsv pattern searched over the whole text, where the literal every match
    holds (_required_literal) stands in the text: else it has no match, and a pattern of a run of
    numerals took a tenth of scan."""

    def __init__(self, pattern: re.Pattern[str], reason: str) -> None:
        self.pattern, self.reason, self.literal = pattern, reason, _required_literal(pattern)

    def add_spans(self, text: str, spans: list[tuple[int, int, str]]) -> None:
        if self.literal in text:
            reason = self.reason
            spans.extend((m.start(), m.end(), reason) for m in self.pattern.finditer(text) if m.end() > m.start())


class _LiteralsSearch:
    """Patterns that are plain words (千方百计, 一带一路), searched as one alternation: one pass of
    the regex engine over the text where each took a pass of its own (a quarter of the time of the
    nonquantity patterns went to some thirty words).

    Only words that no other can overlap are joined (none holds another, and no end of one is the
    start of another: see _overlap_free). An occurrence of such a word then overlaps no
    occurrence of another word, so the alternation, which resumes after each match as each
    word's own search does, finds exactly the occurrences the words' own searches find."""

    def __init__(self, reasons: dict[str, str]) -> None:
        self.reasons = reasons
        self.pattern = re.compile("|".join(map(re.escape, reasons)))

    def add_spans(self, text: str, spans: list[tuple[int, int, str]]) -> None:
        reasons = self.reasons
        spans.extend((m.start(), m.end(), reasons[m.group()]) for m in self.pattern.finditer(text))


class _AnchoredSearch:
    """A pattern that opens with a class, or a guarded run of one (run_first's shape), and holds a
    literal, or one of an alternation of literal words, a bounded number of characters after it
    ([一二]元(?=结构|…), [0-9](?<![0-9][0-9])[0-9]*强, …(?:亿元|万亿元|元)台阶, …(?:级|强县|县)): its
    matches are sought around the places where the words stand, found by the regex engine's
    fast literal search, instead of trying the pattern at every character of the class
    (numerals are one character in sixteen, and words such as 元, 年, 大, 强 and 级 stand in
    every report: these patterns took three quarters of the time of the nonquantity patterns).

    Same matches as ``pattern.finditer``: a match holds a word ``fewest`` to ``most`` characters
    after its lead, so its lead ends at one of those places before an occurrence of a word
    (occurrences found by a search from each onwards: they may overlap), at a character of the
    class. Each anchor finds a word only where such a character stands in reach before it
    (look-behinds), and with no characters between lead and a single literal, it also holds the
    rest of the pattern (it finds only the 年 of 3年行动, not of 2025年). The lead starts one
    character back, or for a run, at the run's first character: the run is guarded, so a match
    opens only where a run does. The starts are tried in order, each at or after the end of the
    last match, as finditer does.

    A word that starts with a character of the run's class is left to finditer: its occurrences
    could stand all along one run, each walked back over it (quadratic in a long run of
    numerals); without one, no run passes an occurrence, and each run is walked back from at
    most (most + 1)² places for each word."""

    def __init__(
        self,
        pattern: re.Pattern[str],
        reason: str,
        anchors: tuple[re.Pattern[str], ...],
        lead: re.Pattern[str],
        run: bool,
        gap: tuple[int, int],
    ) -> None:
        self.pattern, self.reason, self.anchors, self.lead, self.run = pattern, reason, anchors, lead, run
        self.fewest, self.most = gap

    def add_spans(self, text: str, spans: list[tuple[int, int, str]]) -> None:
        lead, fewest, most = self.lead, self.fewest, self.most
        starts = set()
        for anchor in self.anchors:
            found = anchor.search(text)
            while found is not None:
                at = found.start()
                for lead_end in range(max(1, at - most), at - fewest + 1):
                    start = lead_end - 1
                    if lead.match(text, start) is not None:
                        if self.run:
                            while start and lead.match(text, start - 1) is not None:
                                start -= 1
                        starts.add(start)
                found = anchor.search(text, at + 1)
        # A lead of one character at least: no match is empty.
        spans.extend((m.start(), m.end(), self.reason) for m in matches_from_starts(self.pattern, text, starts))


_PhraseSearch = _PlainSearch | _LiteralsSearch | _AnchoredSearch


def _phrase_searches(patterns: tuple[tuple[re.Pattern[str], str], ...]) -> list[_PhraseSearch]:
    """How to search each nonquantity pattern (``patterns``: with their reasons), decided from its
    shape: the same matches as a search of each over the whole text, in less time."""
    searches: list[_PhraseSearch] = []
    words: dict[str, str] = {}
    word_patterns: list[tuple[re.Pattern[str], str]] = []
    for pattern, reason in patterns:
        if pattern.flags == re.UNICODE and _LITERAL.fullmatch(pattern.pattern):
            word_patterns.append((pattern, reason))
            continue
        searches.append(_anchored_search(pattern, reason) or _PlainSearch(pattern, reason))
    joined = _overlap_free([p.pattern for p, _ in word_patterns])
    for pattern, reason in word_patterns:
        if pattern.pattern in joined:
            words[pattern.pattern] = reason
        else:
            searches.append(_PlainSearch(pattern, reason))
    if words:
        searches.append(_LiteralsSearch(words))
    return searches


def _overlap_free(words: list[str]) -> set[str]:
    """The words of ``words`` that no other one (another entry, even an equal word) can overlap
    in a text: neither holds the other, and no end of the one is the start of the other."""
    free = set()
    for i, word in enumerate(words):
        others = words[:i] + words[i + 1 :]
        if not any(_can_overlap(word, other) for other in others):
            free.add(word)
    return free


def _can_overlap(a: str, b: str) -> bool:
    if a in b or b in a:
        return True
    return any(a.endswith(b[:k]) or b.endswith(a[:k]) for k in range(1, min(len(a), len(b))))


# The most characters _AnchoredSearch lets stand between a pattern's lead and its words: it tries
# each place in that span at every occurrence of a word (the shipped patterns have 8 at most:
# 15分钟健身圈).
_MAX_GAP = 16


def _anchored_search(pattern: re.Pattern[str], reason: str) -> _AnchoredSearch | None:
    """The search of ``pattern`` from its words (see _AnchoredSearch), when it is of that shape."""
    source = pattern.pattern
    lead = _LEADING_RUN.match(source)
    if lead is None or pattern.flags != re.UNICODE or _top_level_alternation(source):
        return None
    rest = source[lead.end() :]
    found = literal_anchor(rest)
    if found is None or found[2] > _MAX_GAP:
        return None
    words, fewest, most = found
    lead_class = lead.group(1)
    lead_char = re.compile(lead_class)
    run = lead.end() > lead.end(1)
    if run and any(lead_char.match(word) for word in words):
        return None  # occurrences all along one run (see _AnchoredSearch)
    anchors = tuple(re.compile(_anchor_source(word, lead_class, (fewest, most))) for word in words)
    literal = words[0]
    if len(words) == 1 and most == 0 and rest.startswith(literal) and _LITERAL.fullmatch(literal):  # as written: the rest follows
        escaped = re.escape(literal)
        try:
            anchors = (re.compile(f"{escaped}(?<={lead_class}{escaped}){rest[len(literal) :]}"),)
        except re.error:
            pass
    return _AnchoredSearch(pattern, reason, anchors, lead_char, run, (fewest, most))


def _anchor_source(word: str, lead_class: str, gap: tuple[int, int]) -> str:
    """The word, where a character of the lead's class stands ``gap`` characters (fewest, most)
    before it: the places tried around it are then only those where a lead can end."""
    escaped = re.escape(word)
    behind = "|".join(f"(?<={lead_class}{_ANY_CHAR * k}{escaped})" for k in range(gap[0], gap[1] + 1))
    return f"{escaped}(?:{behind})"


_ANY_CHAR = r"[\s\S]"


# The opening of a nonquantities.tsv pattern before its first literal: a run written by
# lexicons.run_first ([0-9](?<![0-9][0-9])[0-9]*号线), or one class ([一二]元, [万亿]元).
_LEADING_RUN = re.compile(r"(\[[^\]\\]+\])(?:\(\?<!\1\1\)\1\*|(?![*+?{]))")
_LITERAL = re.compile(r"[^\\.^$*+?{}\[\]|()]+")


def _required_literal(pattern: re.Pattern[str]) -> str:
    """Characters every match of ``pattern`` holds, read from its source: the literal after its
    leading run or class ('' when there is none to be sure of: an alternation at the top, a
    flag such as IGNORECASE or VERBOSE, a literal that ends in an optional character)."""
    source = pattern.pattern
    if pattern.flags != re.UNICODE or _top_level_alternation(source):
        return ""
    lead = _LEADING_RUN.match(source)
    literal = _LITERAL.match(source, lead.end() if lead else 0)
    if literal is None:
        return ""
    text = literal.group()
    if source[literal.end() : literal.end() + 1] in ("?", "*", "{", "+"):
        text = text[:-1]  # a quantifier applies to the last character alone
    return text


def _top_level_alternation(source: str) -> bool:
    depth, in_class, escaped = 0, False, False
    for char in source:
        if escaped:
            escaped = False
        elif char == "\\":
            escaped = True
        elif in_class:
            in_class = char != "]"
        elif char == "[":
            in_class = True
        elif char == "(":
            depth += 1
        elif char == ")":
            depth -= 1
        elif char == "|" and depth == 0:
            return True
    return False


def _inside(spans: list[tuple[int, int]], starts: list[int], start: int, end: int) -> bool:
    """start:end lies inside one of ``spans`` (sorted, not overlapping; ``starts``: their starts)."""
    i = bisect.bisect_right(starts, start) - 1
    return i >= 0 and spans[i][0] <= start and end <= spans[i][1]


# How many non-quantity phrases, by start, to look back over for one that overlaps a number: the
# phrases are short and sorted by start, so one that covers the number starts among the last few;
# 40 is far more than the phrases that can start inside one phrase's length.
_OVERLAP_LOOKBACK = 40


def _overlapping_reason(phrases: list[tuple[int, int, str]], starts: list[int], reach: list[int], start: int, end: int) -> str | None:
    """The reason of the last phrase (by start, among the _OVERLAP_LOOKBACK before ``end``) that
    overlaps start:end. ``reach``: the furthest end of the phrases up to each index, so that a
    number no phrase before it reaches (most numbers) is told at once instead of looking back."""
    i = bisect.bisect_left(starts, end)
    if i == 0 or reach[i - 1] <= start:
        return None
    for j in range(i - 1, max(-1, i - _OVERLAP_LOOKBACK), -1):
        s, e, reason = phrases[j]
        if s < end and start < e:
            return reason
    return None


def _context_reason(text: str, n: _Numeral, tail: _Tail) -> str | None:
    """Rules that need no lexicon: ordinals, letters, 5+1, years and dates."""
    start = n.start
    before = text[start - 1] if start else ""
    if before == "第":
        return "ordinal"
    if before in _ASCII_LETTERS or before == "+":
        return "name"
    # The rules of a numeral with a unit and of one without, apart: each reads half of them.
    if tail.unit:
        if n.digitless and before in _CELL_EDGES and _cell_without_digit(text, tail.end):
            return UNIT_HEADING
        return None
    end = tail.end
    after = text[end] if end < len(text) else ""
    if after in _ASCII_LETTERS or after == "+":
        return "name"
    if not n.chinese and _YEAR.fullmatch(text, start, n.end):
        return "year"
    if after in ("年", "月", "日", "号"):
        return "date" if after != "年" else "year"
    return None


# A multiplier and a unit that fill a cell of a table row (| 粗钢 | 万吨 | 100509.1 |, - 水电
# 亿千瓦小时 4010): the column's unit, no amount of 一万吨. '' is the text's edge.
UNIT_HEADING = "unit-heading"
# What stands between two cells of a table row (tables.py reads rows by it too).
CELL_GAP_CHARS = " \t\u3000|"
_CELL_EDGES = frozenset(("", "\n", *CELL_GAP_CHARS))
# The rest of a unit the lexicon reads in part (小时 of 亿千瓦小时), before the cell's end.
_UNIT_REST = 2
_CELL_REST = re.compile(rf"[^{re.escape(CELL_GAP_CHARS)}\n0-9]{{0,{_UNIT_REST}}}(?:[{re.escape(CELL_GAP_CHARS)}\n]|\Z)")


def _cell_without_digit(text: str, pos: int) -> bool:
    """Whether the cell holding ``pos`` ends within _UNIT_REST characters (at a gap or the text's
    end), with no digit."""
    return _CELL_REST.match(text, pos) is not None


def _chinese_numeral_reason(numeral: str, n: _Numeral, value: Decimal, unit: str, category: str, bounded: bool) -> str | None:
    """Chinese numerals write names, sets and idioms as well as amounts (GB/T 15835 keeps digits
    for amounts), so a Chinese numeral is kept only when it reads as an amount.

    ``bounded``: a comparator or 多/余 stands beside it (超千场, 近百场, 千余家, 百家以上): a real amount.
    """
    if value == 0:
        return "idiom"  # 零部件, 零碳, 零售
    if numeral == "一":
        # 一个, 一批, 一人一档 read "a, one each"; 翻一番 and 增长一倍 are amounts.
        return None if category in ("ratio", "percent", "points") else "idiom"
    if category == "set" and value < 100:
        return "enumeration"  # 两个维护, 六个方面, 十二条措施
    if category == "people" and value < 10:
        return "name"  # 三人篮球, 二人转
    if n.digitless and not bounded:
        # 千场会议 and 千亿元 are amounts; 百克生物 and 百家 are names (see nonquantities.tsv).
        if not unit or value < 1000:
            return "idiom"
    if not unit and not bounded:
        return "bare"
    return None


# Characters before a Chinese numeral searched for a prefix comparator (超, 近, 突破): the longest
# prefix word and the space around it fit in 8.
_PREFIX_WINDOW = 8


def _is_bounded(text: str, start: int, end: int, more: bool, prefixes: re.Pattern[str], suffixes: re.Pattern[str]) -> bool:
    """A comparator or 多/余 stands beside the numeral at ``start`` whose tail ends at ``end``."""
    return more or _after_prefix(text, start, prefixes) or suffixes.match(text, end) is not None


def _after_prefix(text: str, pos: int, prefixes: re.Pattern[str]) -> bool:
    return prefixes.search(text, max(0, pos - _PREFIX_WINDOW), pos) is not None


def _range_end(text: str, pos: int, numerals: list[_Numeral], index: int, joiners: tuple[str, ...], max_joiner: int) -> int | None:
    """Index of the numeral that closes a range started by numerals[index] (``joiners``: cues.tsv
    range_joiner, the longest ``max_joiner`` characters), if any."""
    if index + 1 >= len(numerals):
        return None
    nxt = numerals[index + 1]
    if nxt.start - pos > max_joiner:  # not sliced: the next numeral may stand a page further on
        return None
    between = text[pos : nxt.start]
    if between in joiners:
        return index + 1
    return None


def scan(text: str, lex: Lexicons, with_excluded: bool = True) -> tuple[list[Quantity], list[Excluded]]:
    """All quantities and all excluded numerals of a normalised text, in order; no excluded
    numerals unless ``with_excluded`` (most numerals are excluded: a record for each that nobody
    reads cost a twentieth of the scan)."""
    runs = _numeral_runs(text)
    numerals = _numerals(text, runs)
    matcher = _UnitMatcher(lex)
    suffixes = lex.words_regex("bounding_suffixes", lambda: [c.word for c in lex.comparators_at("suffix")], r"(?:{})")
    prefixes = lex.words_regex(
        "bounding_prefixes", lambda: [c.word for c in lex.comparators_at("prefix") if c.comparator != "="], r"(?:{})\Z"
    )
    quotes, phrases = _intervals(text, lex)
    quote_starts = [q[0] for q in quotes]
    phrase_starts = [p[0] for p in phrases]
    phrase_reach = list(itertools.accumulate((p[1] for p in phrases), max))
    # What the loop asks of the lexicons for every numeral, looked up once.
    range_joiners = lex.cue_words("range_joiner")
    max_joiner = max(map(len, range_joiners), default=0)
    origin = _origin_pattern(lex)
    quantities: list[Quantity] = []
    excluded: list[Excluded] = []
    i = 0
    while i < len(numerals):
        n = numerals[i]
        if n.chinese and len(n.raw) > 1 and matcher.unit_at(text, n.end) is None:
            # 千万千瓦: a unit that begins with a numeral character (千瓦, 千克, 千米) ends the numeral early.
            unit_inside = matcher.unit_at(text, n.end - 1)
            if unit_inside is not None and len(unit_inside[0]) > 1:
                raw = n.raw[:-1]
                digitless = not any(c in CN_DIGITS for c in raw)
                n = numerals[i] = _Numeral(n.start, n.end - 1, raw, True, digitless, None, _fraction_unit(raw))
        fraction = n.fraction_unit
        tail = matcher.tail(text, n.end, n.chinese and not fraction, fraction)
        start, end = n.start, tail.end
        multiplier, value_max = tail.multiplier, None
        unit, category, more = tail.unit, tail.category, tail.more_than
        consumed = i
        j = None
        # Most numerals have no other numeral close enough after them to close a range: told here,
        # without a call.
        if not tail.more_than and i + 1 < len(numerals) and numerals[i + 1].start - tail.end <= max_joiner:
            j = _range_end(text, tail.end, numerals, i, range_joiners, max_joiner)
        if j is not None and not _origin_before(text, n.start, origin):
            m = numerals[j]
            m_fraction = m.fraction_unit
            m_tail = matcher.tail(text, m.end, m.chinese and not m_fraction, m_fraction)
            joins = bool(m_tail.unit) and (not unit or unit == m_tail.unit)
            shared = tail.multiplier if tail.has_multiplier else m_tail.multiplier
            # A range runs upwards (10%—12%); 5-3 or 1~0% is something else.
            if joins and m.value is not None and n.value is not None and m.value * m_tail.multiplier > n.value * shared:
                multiplier = shared
                value_max = m.value * m_tail.multiplier
                unit, category, end = m_tail.unit, m_tail.category, m_tail.end
                more = more or m_tail.more_than
                consumed = j
        # A per-unit phrase: 每立方米42微克 → 42 微克/立方米 (sought only after a unit, where a 每
        # stands before).
        per = None
        if unit:
            lo = max(0, start - _PER_WINDOW)  # searched in place: endpos ends the text for $ as a slice would
            per = _PER_UNIT.search(text, lo, start) if text.find("每", lo, start) >= 0 else None
        if per:
            denominator = matcher.unit_at(text, start - len(per.group(2)), denominator=True)
            if denominator and start - len(per.group(2)) + len(denominator[0]) == start:
                den = lex.units[denominator[0]].canonical
                unit = f"{unit}/{per.group(1)}{den}"
                start = start - len(per.group(0))
        # 1亿3千多万, 1万6千多户: a number with a multiplier, then a smaller one, is one sum.
        compound = None
        if value_max is None and not unit and tail.has_multiplier and not n.chinese:
            nxt_index = consumed + 1
            while nxt_index < len(numerals) and numerals[nxt_index].start < tail.end:
                nxt_index += 1  # the multiplier words just read (万) are numerals too
            if nxt_index < len(numerals):
                nxt = numerals[nxt_index]
                if nxt.start == tail.end and not nxt.chinese and nxt.value is not None and n.value is not None:
                    n_tail = matcher.tail(text, nxt.end, False)
                    own, scale = n_tail.multiplier, _ONE
                    if n_tail.multiplier > tail.multiplier:
                        # 3万2千亿元, as 三万二千亿元: a chain larger than the first multiplier (千亿 after
                        # 万) is the smaller part's own (千), then a multiplier of the sum (亿).
                        own, scale = _split_chain(text, nxt.end, n_tail.multiplier)
                    if n_tail.has_multiplier and own < tail.multiplier:
                        compound = (
                            (n.value * tail.multiplier + nxt.value * own) * scale,
                            n_tail.end,
                            n_tail.unit,
                            n_tail.category,
                            n_tail.more_than,
                        )
                        end = n_tail.end
        reason = _context_reason(text, n, tail)
        if reason is None and quotes and _inside(quotes, quote_starts, n.start, n.end):
            reason = "quoted-name"
        if reason is None:
            reason = _overlapping_reason(phrases, phrase_starts, phrase_reach, n.start, end)
        if reason is None and n.start and text[n.start - 1] == "每":
            reason = "per-unit-denominator"  # 每千人口, 每10万人45台: the number after it is the amount
        # Whether a comparator or 多/余 bounds the numeral is read only where it decides something
        # (a numeral with 万 or 亿 that is else bare, a Chinese numeral read as an amount), not for
        # every numeral no rule above excluded: two regex searches each.
        bounded: bool | None = None
        if reason is None and not unit and not tail.has_multiplier and not fraction:
            big = _big_chinese(text, n)
            if big:
                bounded = _is_bounded(text, n.start, end, more, prefixes, suffixes)
            if not (big and bounded) and not (not n.chinese and _names_index(text, start, n.value, lex)):
                reason = "bare"
        value = None
        if reason is None:  # only a candidate needs its value: parsing a Chinese numeral is slow
            value = n.value * multiplier if n.value is not None else None
            if n.chinese and tail.has_multiplier:
                value = _scaled_after_more(text[n.start : n.end], multiplier)  # 六亿三千多万 = 6亿 + 3千多万
            if value is None:
                reason = "bare"  # 万万, 点: Chinese numeral characters that make no number
        if reason is None and value is not None and n.chinese and not fraction:
            if bounded is None:
                bounded = _is_bounded(text, n.start, end, more, prefixes, suffixes)
            reason = _chinese_numeral_reason(text[n.start : n.end], n, value, unit, category, bounded)
        if reason is None and unit == "番" and text[start - 1 : start] == "翻":
            start, end, value, unit, category, more = _doubling(text, start, end, n.value)
        if reason is None:
            unit, category = _index_unit(text, start, value, unit, category, lex)
        if reason is None and compound is not None:
            value, end, unit, category, more = compound
        if reason is None and value is not None:  # no value makes reason 'bare' above
            quantities.append(
                _quantity_of(
                    {
                        "start": start,
                        "end": end,
                        "value": value,
                        "value_max": value_max,
                        "unit": unit,
                        "category": category,
                        "more_than": more,
                    }
                )
            )
        elif with_excluded:
            excluded.append(_excluded_of({"start": n.start, "end": max(end, n.end), "reason": reason or "bare"}))
        i = consumed + 1
        while i < len(numerals) and numerals[i].start < end:  # 1.5万亿元: 万亿 is already read
            i += 1
    if runs and with_excluded:
        excluded = sorted(excluded + runs, key=lambda x: x.start)
    return _elided_units(text, quantities, lex), excluded


def _big_chinese(text: str, n: _Numeral) -> bool:
    """A Chinese numeral with 万 or 亿 in it: an amount when bounded (超百万, 近千万)."""
    return n.chinese and ("万" in text[n.start : n.end] or "亿" in text[n.start : n.end])


def _multiplier_at(text: str, pos: int) -> str | None:
    """The multiplier word at ``pos`` (the longest: 千万 before 千), if any."""
    for word in _MULTIPLIERS_BY_FIRST.get(text[pos : pos + 1], ()):
        if text.startswith(word, pos):
            return word
    return None


def _split_chain(text: str, pos: int, multiplier: Decimal) -> tuple[Decimal, Decimal]:
    """A chain of multipliers read at ``pos`` (千亿, product ``multiplier``) as its first word and
    the rest: (千, 亿). A chain of one word is (the word, 1)."""
    first = _multiplier_at(text, pos)
    if first is None:
        return multiplier, _ONE
    return MULTIPLIERS[first], multiplier / MULTIPLIERS[first]


def _scaled_after_more(numeral: str, multiplier: Decimal) -> Decimal | None:
    """A Chinese numeral closed by 多 and then a multiplier: the multiplier scales only the part
    below the numeral's own larger units (六亿三千多万 → 6亿 + 3千 × 万)."""
    for k in range(len(numeral) - 1, -1, -1):
        factor = MULTIPLIERS.get(numeral[k])
        if factor is not None and factor > multiplier:
            head, rest = parse_chinese(numeral[: k + 1]), parse_chinese(numeral[k + 1 :])
            if head is not None and rest is not None:
                return head + rest * multiplier
            break
    value = parse_chinese(numeral)
    return value * multiplier if value is not None else None


def _doubling(text: str, start: int, end: int, times: Decimal | None):
    """翻一番 → ×2, 翻两番 → ×4, 翻一番半 → ×2^1.5, 翻一番多 → more than ×2: a change in 倍."""
    value = Decimal(2) ** (times or Decimal(1))
    more = False
    if text.startswith("半", end):
        value, end = Decimal(2) ** ((times or Decimal(1)) + Decimal("0.5")), end + 1
    if text.startswith("多", end):
        more, end = True, end + 1
    return start - 1, end, value, "倍", "ratio", more


def _names_index(text: str, start: int, value: Decimal | None, lex: Lexicons) -> bool:
    """A number in the range of an index, in a clause that names an index before it."""
    if value is None or not (INDEX_RANGE[0] <= value <= INDEX_RANGE[1]):
        return False
    window = text[max(0, start - INDEX_WINDOW) : start]
    window = _CLAUSE_MARK.split(window)[-1]
    return any(p.search(window) for p in lex.cue_patterns("index_metric"))


def _index_unit(text: str, start: int, value: Decimal | None, unit: str, category: str, lex: Lexicons) -> tuple[str, str]:
    """居民消费价格指数103左右, 商品零售价格指数101%左右: an index (last year = 100), not a rate."""
    if unit in ("", "%") and _names_index(text, start, value, lex):
        return "指数", "index"
    return unit, category


# Characters that may stand between an origin word and its number (从原来的…, 由2.1%): the
# first number of 从3%提高到5% is the start of a change, not a range's low end.
_ORIGIN_GAP = 2


def _origin_pattern(lex: Lexicons) -> tuple[re.Pattern[str], int]:
    """The pattern of an origin word (cues.tsv origin: 从, 由) and what may follow it up to a number,
    and the characters before a number it can span."""
    words = lex.cue_words("origin")
    window = max(map(len, words), default=0) + _ORIGIN_GAP
    return lex.words_regex("origin_before", words, r"(?:{})\S{{0,%d}}$" % _ORIGIN_GAP), window


def _origin_before(text: str, start: int, origin: tuple[re.Pattern[str], int]) -> bool:
    """An origin word stands just before ``start`` (``origin``: from _origin_pattern)."""
    pattern, window = origin
    return pattern.search(text[max(0, start - window) : start]) is not None


def _elided_units(text: str, quantities: list[Quantity], lex: Lexicons) -> list[Quantity]:
    """快于全国3.4个、1个百分点 (or 3个或4个百分点): the first item's unit is the one the list ends with."""
    result = list(quantities)
    joiners = lex.memo("number_joiners", lambda: frozenset(lex.cue_words("list_joiner") + lex.cue_words("alternative")))
    for k in range(len(result) - 2, -1, -1):
        q, nxt = result[k], result[k + 1]
        if (
            q.unit == "个"
            and nxt.unit == "百分点"
            and text[q.end : nxt.start] in joiners
            and text[nxt.start : nxt.end].endswith("个百分点")
        ):
            result[k] = Quantity(q.start, q.end, q.value, q.value_max, "百分点", "points", q.more_than)
    return result
