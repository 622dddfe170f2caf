"""Stage 5b: what each number means — result or target, growth or level, firm or soft, which year.

Reads the normalised text around a target with the cue lexicons (cues.tsv, predicates.tsv,
wording.tsv, comparators.tsv). Decisions go from the widest context to the narrowest: the part of
the report (一、2025年工作回顾 / 三、2026年工作安排), the paragraph, the sentence, the clause.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass

from gzbg.extraction.parts import Part
from gzbg.extraction.records import dict_maker
from gzbg.extraction.relations import reads_only_its_span
from gzbg.extraction.sentences import LIST_BREAKS
from gzbg.extraction.sentences import clause_end as end_of_clause
from gzbg.extraction.sentences import clause_start as start_of_clause
from gzbg.extraction.tagging import tag
from gzbg.extraction.targets import Target
from gzbg.extraction.years import PLAN_NAME, plan_span
from gzbg.lexicons import Lexicons, PatternSet
from gzbg.vocab import PartKind

__all__ = ["Meaning", "describe"]

# The kinds of part as the Part objects hold them: an enum member's .value is a descriptor call,
# read here once instead of for every target.
_REVIEW_PART, _PLAN_PART, _OPENING_PART = PartKind.review.value, PartKind.plan.value, PartKind.opening.value

_EXPLICIT_YEAR = re.compile(r"(?:到|至|在)?((?:19|20)[0-9]{2})年(?:底|末)?")
# The characters of a match of _EXPLICIT_YEAR from its year on: the four digits and 年. Its
# matches in a sentence are those of its pieces that hold these characters: what may stand before
# or after them is optional, and no two matches share a character of them (年 is not a digit).
_YEAR_WORD = 5
# Every match of _EXPLICIT_YEAR holds this character: a text without it is not searched (the
# pattern opens with an optional word, so the regex engine tries it at every position).
_YEAR_CHAR = "年"
_PARAGRAPH_LEAD = 12  # characters at a paragraph's start that can set its period or span
# Characters on each side of a quantity, inside its clause, that are tagged to see whether a verb
# governs it (扎实推进56个老旧小区、35个城中村改造). The verb of a quantity stands within a few
# words of it; tagging the whole clause instead made a table without punctuation (附表) cost time
# quadratic in its length, as every quantity re-tagged the whole run. With 80, every row of the
# 557 reports of ../shared/corpus/reports reads as with whole clauses; only 101 rows of the 26
# statistical bulletins' tables change (measure: a verb 80+ characters away, in another cell,
# no longer makes a number work done). Tagged only when no predicate decides the measure.
TAG_WINDOW = 80
# A clause longer than this (a table or a run of numerals without punctuation, never a clause of
# prose: 99.9% of the corpus's clauses are under 120 characters) is tagged once, in pieces of
# TAG_PIECE characters shared by all its quantities, instead of a window per quantity, which cost
# 160 characters of tagging for each of numbers packed a few characters apart.
LONG_CLAUSE = 4 * TAG_WINDOW
TAG_PIECE = 2 * TAG_WINDOW
_VERB_TAGS = ("v", "vd")
# Characters of the sentence before a quantity read for cues of period, span, year and wording
# (2025年全省生产总值增长5.4%, 今年…, 确保…). Beyond this a cue speaks of other numbers; the bound
# keeps a sentence of thousands of characters (a table, a list) from being re-read per quantity.
CUE_CONTEXT = 1000


@dataclass(frozen=True)
class Meaning:
    period: str
    headline: bool
    measure: str
    direction: str
    wording: str
    modal: str
    year: int | None
    year_end: int | None


# A Meaning from the dict of its fields, in order, without its __init__ (a frozen dataclass's sets
# each field through object.__setattr__): one per target, 2.3 µs made so, 0.4 µs from the dict.
_meaning_of = dict_maker(Meaning)


@dataclass(frozen=True)
class _CueWords:
    """What describe reads from the lexicons, made once per Lexicons: one look-up per target
    instead of a dozen. The pattern sets are searched only to know whether one matches."""

    review: PatternSet
    plan: PatternSet
    span_past: PatternSet
    span_future: PatternSet
    spans_read_only_themselves: bool  # whether span_past and span_future match in a part only where they do in the whole
    level_metric: PatternSet
    list_joiner: tuple[str, ...]
    # whether any word of a kind stands in a text: one regex search instead of a loop of `in`
    total: re.Pattern[str]
    annual: re.Pattern[str]
    year_this: re.Pattern[str]
    predicate_skip: re.Pattern[str]  # fillers (but benchmarks) and comparators ending a text
    predicate_end: re.Pattern[str]  # a predicate ending a text
    # the characters the words above end with: a text ending otherwise is not searched
    predicate_skip_last: frozenset[str]
    predicate_end_last: frozenset[str]
    predicate_any: re.Pattern[str]  # a predicate starting at a position (the word in group 1)
    predicate_starts: re.Pattern[str]  # where a predicate starts
    predicate_longest: int  # the longest of the words above
    amount_verb_end: re.Pattern[str]  # a predicate of work done ending a text
    predicate_word_longest: int
    wording_any: re.Pattern[str]  # where a wording word starts
    wording_at: re.Pattern[str]  # the longest wording word at a position


def _build_cue_words(lex: Lexicons) -> _CueWords:
    skip = [*(w for w, kind in lex.fillers.items() if kind != "benchmark"), *(c.word for c in lex.comparators)]
    amount = [p.word for p in lex.predicates.values() if p.measure == "amount"]
    return _CueWords(
        review=lex.cue_search("review"),
        plan=lex.cue_search("plan"),
        span_past=lex.cue_search("span_past"),
        span_future=lex.cue_search("span_future"),
        spans_read_only_themselves=all(reads_only_its_span(p) for cue in ("span_past", "span_future") for p in lex.cue_patterns(cue)),
        level_metric=lex.cue_search("level_metric"),
        list_joiner=lex.cue_words("list_joiner"),
        total=lex.words_regex("cue_total", lex.cue_words("total"), "{}"),
        annual=lex.words_regex("cue_annual", lex.cue_words("annual"), "{}"),
        year_this=lex.words_regex("cue_year_this", lex.cue_words("year_this"), "{}"),
        predicate_skip=lex.words_regex("predicate_skip", skip, r"(?:{})\Z"),
        predicate_end=lex.words_regex("predicate_end", lex.predicates, r"(?:{})\Z"),
        predicate_skip_last=frozenset(w[-1] for w in skip),
        predicate_end_last=lex.predicate_last_chars(),
        predicate_any=lex.words_regex("predicate_any", lex.predicates, r"(?=({}))"),
        predicate_starts=lex.word_starts("predicate_starts", lex.predicates),
        predicate_longest=max(map(len, [*skip, *lex.predicates])),
        amount_verb_end=lex.words_regex("amount_verbs", amount, r"(?:{})\Z"),
        predicate_word_longest=len(max(lex.predicates, key=len)),
        wording_any=lex.word_starts("wording_any", lex.wording),
        wording_at=lex.words_regex("wording_at", lex.wording, "(?:{})"),
    )


def _cue_words(lex: Lexicons) -> _CueWords:
    return lex.derived(_build_cue_words)


class _SentenceIndex:
    """What describe reads of a whole sentence and its place, found once per sentence (kept in the
    memo of the text, under the sentence's span): the cue words; whether the sentence holds a
    review cue and a plan cue; where wording words start in it, and where predicate words start
    (found on first use: a quantity right after its predicate never reads them); the span named by
    its paragraph's lead and by the title of its part; and whether it holds a year (年) or a word
    of 今年, of a total or of a yearly rate at all: these are searched for in the part of the
    sentence before a quantity, which holds one only if the whole sentence does."""

    __slots__ = (
        "words",
        "review",
        "plan",
        "wording_starts",
        "lead_span",
        "part_span",
        "years",
        "names_span",
        "names_year_this",
        "names_total",
        "names_annual",
        "_predicate_starts",
        "_text",
        "_span",
    )

    def __init__(self, text: str, t: Target, year: int | None, words: _CueWords, memo: dict) -> None:
        sentence, para = t.sentence, t.paragraph
        whole = text[sentence[0] : sentence[1]]
        self.words = words
        self.review = bool(words.review.search(whole))
        self.plan = bool(words.plan.search(whole))
        self.wording_starts = [m.start() for m in words.wording_any.finditer(text, *sentence)]
        self.lead_span = _relative_span(text[para.start : para.start + _PARAGRAPH_LEAD], year, words)
        self.part_span = _part_span(para.part.title if para.part else "", year, words, memo)
        # (start, end, year) of each year named, as _years_in reads them
        self.years = (
            [(m.start(1), m.start(1) + _YEAR_WORD, int(m.group(1))) for m in _EXPLICIT_YEAR.finditer(text, *sentence)]
            if _YEAR_CHAR in whole
            else []
        )
        self.names_span = _may_name_span(whole, year, words)
        # one word of a list (words_regex), not a pattern: found in a part only if in the whole
        self.names_year_this = words.year_this.search(whole) is not None
        self.names_total = words.total.search(whole) is not None
        self.names_annual = words.annual.search(whole) is not None
        self._predicate_starts: list[int] | None = None
        self._text, self._span = text, sentence

    def predicate_starts(self) -> list[int]:
        found = self._predicate_starts
        if found is None:
            found = self._predicate_starts = [m.start() for m in self.words.predicate_starts.finditer(self._text, *self._span)]
        return found


def _within(pos: int, spans: list[tuple[int, int]]) -> bool:
    """Whether ``pos`` falls in one of ``spans`` (a loop: most texts have one or two)."""
    for start, end in spans:
        if start <= pos < end:
            return True
    return False


def _predicate_before(text: str, lo: int, hi: int, index: _SentenceIndex, lex: Lexicons, words: _CueWords):
    """The predicate text[lo:hi] (a clause up to a quantity) ends with (增长, 达到, 稳定在 …),
    skipping comparators and fillers; else the predicate that starts last in it (新增…绿化15公顷)."""
    skip, ending, anywhere, longest = words.predicate_skip, words.predicate_end, words.predicate_any, words.predicate_longest
    while hi > lo:
        # A word ending at hi ends with text[hi - 1] (lexicon words are never empty).
        last = text[hi - 1]
        if last in words.predicate_end_last:
            m = ending.search(text, max(lo, hi - longest), hi)
            if m:
                return lex.predicates[m.group(0)]
        if last not in words.predicate_skip_last:
            break
        m = skip.search(text, max(lo, hi - longest), hi)
        if not m:
            break
        hi = m.start()
    # The last start before hi whose word fits before hi: the same as scanning text[lo:hi], read
    # from the sentence's index instead of rescanning a long clause for every quantity in it.
    starts = index.predicate_starts()
    k = bisect.bisect_left(starts, hi) - 1
    while k >= 0 and starts[k] >= lo:
        m = anywhere.match(text, starts[k], hi)
        if m and not text.startswith(_RATE_NAME_END, starts[k] + len(m.group(1))):
            return lex.predicates[m.group(1)]
        k -= 1
    return None


# A predicate word followed by 率 is the name of a rate (人口自然增长率在5.5‰以内, 综合降低率), not
# what the clause does to its number.
_RATE_NAME_END = "率"


_RATE_UNITS = {"%", "‰", "倍", "番"}


def _measure(unit: str, metric: str, predicate, words: _CueWords) -> tuple[str, str]:
    """(measure, direction); a direction only for a change or a rate of change. The measure is ""
    when a verb governing the number decides it: "amount" with one, else "level"."""
    direction = predicate.direction if predicate else ""
    if unit == "百分点":
        return "change", direction
    if predicate is not None:
        if predicate.measure == "growth":
            return ("growth" if unit in _RATE_UNITS else "change"), direction
        if predicate.measure == "change":
            return "change", direction
        return predicate.measure, ""
    noun = metric.split("(")[0]
    if unit in _RATE_UNITS or words.level_metric.search(noun):
        return "level", ""  # 中试基地107家, 外送电量1116亿千瓦时: a stock, not work done
    return "", ""


def _wording(
    text: str, clause_start: int, clause_end: int, before_start: int, t: Target, lex: Lexicons, words: _CueWords, starts: list[int]
) -> tuple[str, str]:
    """The wording cue of the clause text[clause_start:clause_end], else of the comparator, else of
    the sentence before the clause (text[before_start:clause_start]); ``starts``: where wording
    words start in the sentence."""
    cue = _last_wording(text, clause_start, clause_end, starts, words.wording_at)
    if cue:
        return lex.wording[cue], cue
    for c in (t.bound.suffix, t.bound.prefix):
        if c is not None and c.wording != "neutral" and c.comparator != "=":
            return c.wording, c.word
    cue = _last_wording(text, before_start, clause_start, starts, words.wording_at)
    if cue:
        return lex.wording[cue], cue
    return "neutral", ""


def _last_wording(text: str, lo: int, hi: int, starts: list[int], wording_at: re.Pattern[str]) -> str:
    """The wording word that starts last in text[lo:hi] (the greater word when two start there),
    found from the sentence's index of where such words start."""
    k = bisect.bisect_left(starts, hi) - 1
    while k >= 0 and starts[k] >= lo:
        # The words that start here are prefixes of one another: the greatest is the longest,
        # which the alternation (longest first) matches within hi.
        m = wording_at.match(text, starts[k], hi)
        if m:
            return m.group(0)
        k -= 1
    return ""


def _relative_span(text: str, year: int | None, words: _CueWords) -> tuple[int, int] | None:
    """这五年 → the five years before the report; 未来五年 → the five from it."""
    if year is None:
        return None
    if words.span_past.search(text):
        return year - 5, year - 1
    if words.span_future.search(text):
        return year, year + 4
    return None


def _span_cue(text: str, year: int | None, words: _CueWords) -> tuple[int, int] | None:
    """A plan name (“十四五” → 2021–2025), else a relative span."""
    m = PLAN_NAME.search(text)
    if m:
        return plan_span(m)
    return _relative_span(text, year, words)


def _may_name_span(text: str, year: int | None, words: _CueWords) -> bool:
    """False when no part of ``text`` has a span cue (_span_cue): a search of the whole sentence
    once instead of one of the sentence up to each quantity. A cue pattern that reads beyond its
    match (a look-around, an anchor) could match in a part only: then it is True."""
    if PLAN_NAME.search(text):
        return True
    if year is None:
        return False
    return not words.spans_read_only_themselves or bool(words.span_past.search(text) or words.span_future.search(text))


def _part_span(title: str, year: int | None, words: _CueWords, memo: dict) -> tuple[int, int] | None:
    """The span of a part titled by a plan name alone, read once per title (``memo``)."""
    key = ("part_span", title)
    if key not in memo:
        named_once = title and not _EXPLICIT_YEAR.search(title) and len(PLAN_NAME.findall(title)) == 1
        memo[key] = _span_cue(title, year, words) if named_once else None
    return memo[key]


def _years_in(named: list[tuple[int, int, int]], lo: int, hi: int) -> list[int]:
    """The years _EXPLICIT_YEAR finds in text[lo:hi], in order, from ``named``, its matches in a
    sentence holding that stretch: found once per sentence instead of a search per quantity
    through the sentence up to it (a scan at every character, as the pattern opens optionally)."""
    return [y for start, end, y in named if lo <= start and end <= hi]


def _explicit_years(years: list[int], year: int | None) -> tuple[bool, bool]:
    """(names a past year, names the report's year or a later one) among ``years``."""
    if year is None:
        return False, False
    return bool(years) and min(years) < year, bool(years) and max(years) >= year


def _verb_in_pieces(text: str, lo: int, hi: int, q_start: int, q_end: int, lex: Lexicons, memo: dict) -> bool:
    """Whether a verb stands in text[lo:hi] outside the quantity, read from the tags of fixed
    pieces of the text (each tagged once per text, kept in ``memo``)."""
    for piece in range(lo - lo % TAG_PIECE, hi, TAG_PIECE):
        verbs = memo.get(("verbs", piece))
        if verbs is None:
            verbs, at = [], piece
            for word, pos in tag(text[piece : piece + TAG_PIECE], lex):
                if pos in _VERB_TAGS:
                    verbs.append((at, at + len(word)))
                at += len(word)
            memo[("verbs", piece)] = verbs
        if any(lo <= a and b <= hi and (b <= q_start or a >= q_end) for a, b in verbs):
            return True
    return False


def _has_verb(text: str, s_start: int, q_start: int, q_end: int, clause_end: int, lex: Lexicons, memo: dict) -> bool:
    """Whether a verb stands within TAG_WINDOW characters of the quantity text[q_start:q_end],
    inside its list-wide clause (from the sentence start ``s_start`` up to ``clause_end``)."""
    clause_from = start_of_clause(text, s_start, q_start, LIST_BREAKS)
    lo, hi = max(clause_from, q_start - TAG_WINDOW), min(clause_end, q_end + TAG_WINDOW)
    if clause_end - clause_from > LONG_CLAUSE:
        return _verb_in_pieces(text, lo, hi, q_start, q_end, lex, memo)
    around = text[lo:q_start] + text[q_end:hi]
    return any(pos in _VERB_TAGS for _, pos in tag(around, lex)) if around else False


def describe(
    text: str, t: Target, lex: Lexicons, year: int | None, part: Part | None, headlines: list[tuple[int, int]], memo: dict | None = None
) -> Meaning:
    """The meaning of one target. ``memo``, one dict per text, keeps what a sentence says as a
    whole for the next quantity of the same sentence (the quantity starts inside its sentence, as
    targets makes them)."""
    q, para = t.quantity, t.paragraph
    s_start, s_end = t.sentence
    memo = memo if memo is not None else {}
    index = memo.get(t.sentence)
    if index is None:
        index = memo[t.sentence] = _SentenceIndex(text, t, year, _cue_words(lex), memo)
    words = index.words
    context_start = max(s_start, q.start - CUE_CONTEXT)
    clause_start = start_of_clause(text, s_start, q.start)

    # Period: the part first, then strong cues in the sentence, then the paragraph's lead.
    review_cue, plan_cue = index.review, index.plan
    # Spans named before the quantity: a plan name in its sentence (“十五五”时期新建学校50所), or
    # a relative span leading its paragraph (这五年，…); a plan name in the lead is only context
    # (2026年是“十五五”第一年。今年…).
    named_span = (_span_cue(text[context_start : q.start], year, words) if index.names_span else None) or index.lead_span
    # A year named before the quantity is a cue of its own sentence (2025年全省生产总值增长5.4%).
    past_year, this_year = _explicit_years(_years_in(index.years, context_start, q.start), year) if index.years else (False, False)
    review_cue = review_cue or (past_year and not this_year and not plan_cue)
    plan_cue = plan_cue or (this_year and not past_year and not review_cue)
    by_part = part.kind if part is not None else ""
    if by_part == _REVIEW_PART:
        period = "plan" if plan_cue and not review_cue else "review"
    elif by_part == _PLAN_PART:
        period = "review" if review_cue and not plan_cue else "plan"
    elif named_span is not None and year is not None:
        period = "review" if named_span[1] < year else "plan"
    elif review_cue and not plan_cue:
        period = "review"
    elif plan_cue and not review_cue:
        period = "plan"
    elif words.review.search(text[para.start : para.start + _PARAGRAPH_LEAD]) or by_part == _OPENING_PART:
        period = "review"
    else:
        period = "plan"

    headline = _within(q.start, headlines)
    predicate = _predicate_before(text, clause_start, q.start, index, lex, words)
    if predicate is not None and predicate.measure == "growth" and q.unit not in _RATE_UNITS:
        # 改造提升3至5万亩: a verb of work before 提升 makes it work done, not a change.
        found_at = text.rfind(predicate.word, clause_start, q.start)
        cut = found_at if found_at >= 0 else q.start - 1
        verb = words.amount_verb_end.search(text, max(clause_start, cut - words.predicate_word_longest), cut)
        if verb:
            predicate = lex.predicates[verb.group(0)]
    if predicate is None and text[clause_start - 1 : clause_start] in words.list_joiner:
        # 分别增长9.4%、13.3%: later items of a list share the first item's predicate.
        wide_start = start_of_clause(text, s_start, q.start, LIST_BREAKS)
        predicate = _predicate_before(text, wide_start, q.start, index, lex, words)
    clause_end = end_of_clause(text, q.end, s_end)

    measure, direction = _measure(q.unit, t.metric, predicate, words)
    # 突破1.5万亿元, 超800家, 累计建成198个: a total passed, not the work of the period.
    passed = t.bound.prefix is not None and t.bound.prefix.comparator == ">" and not t.bound.prefix_gap
    bounded_total = passed or (index.names_total and words.total.search(text, clause_start, q.start) is not None)
    if not measure:
        # 扎实推进56个老旧小区、35个城中村改造; 8家全国重点实验室落户河北: a verb anywhere in the
        # (list-wide) clause makes a number work done in the period, else it is a stock. A
        # qualifier or a total passed is a level either way (below): its words are not tagged.
        governed = t.role != "qualifier" and not bounded_total and _has_verb(text, s_start, q.start, q.end, clause_end, lex, memo)
        measure = "amount" if governed else "level"
    if t.role == "qualifier" or (measure == "amount" and bounded_total):
        measure, direction = "level", ""  # a size that describes things, or a total passed (突破, 累计)
    if text.startswith("翻", q.start):
        measure, direction = "change", "up"  # 翻一番: the level doubles
    if index.names_annual and q.unit in _RATE_UNITS and words.annual.search(text, clause_start, q.start):
        measure = "growth"
    wording, modal = _wording(text, clause_start, clause_end, context_start, t, lex, words, index.wording_starts)

    # Year: an explicit year in the clause, a span named in the sentence, the paragraph or the
    # part, else the period's own year.
    year_start = year_end = None
    explicit = _years_in(index.years, clause_start, q.start) if index.years else []
    if explicit:
        year_start = explicit[-1]
    else:
        # A part titled by a plan name alone (“十四五”时期工作回顾) covers its span; one that also
        # names a year (2025年和“十四五”工作回顾) leaves it to the sentences.
        span = named_span or index.part_span
        if index.names_year_this and words.year_this.search(text, context_start, q.start):
            span = None  # 今年…: this year, whatever span the part covers
        if span is not None and not (period == "review" and span[0] >= (year or 0)):
            year_start, year_end = span
        elif year is not None:
            year_start = year - 1 if period == "review" else year
    return _meaning_of(
        {
            "period": period,
            "headline": headline,
            "measure": measure,
            "direction": direction,
            "wording": wording,
            "modal": modal,
            "year": year_start,
            "year_end": year_end,
        }
    )
