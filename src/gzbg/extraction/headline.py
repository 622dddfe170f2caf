"""The headline passage: this year's main expected targets (主要预期目标是：…).

A passage opens at a trigger (cues.tsv: headline — 主要预期目标是, 主要调控目标, 预期目标建议为,
经济增长预期为 …) standing in a plan part, and runs to the end of its list: through the items of its
paragraph, and on through the following paragraphs when the trigger closes its own (主要预期目标是：
then one target a paragraph, across blank lines). It ends at a sentence that opens with a
headline_end cue (这些目标, 实现这些 …), at an explanation (a long sentence after a full stop), at a
heading, or at the end of its part. A trigger in a clause that names a longer span (今后五年的主要目标是,
“十四五”时期主要目标, 到2030年) sets five-year goals, not this year's headline. A report with no
trigger falls back to its first statement of this year's growth in a plan part (headline_gdp).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

from gzbg.extraction.parts import Part, has_cue, part_at
from gzbg.extraction.relations import required_words
from gzbg.extraction.sections import Paragraph, find_paragraph
from gzbg.extraction.sentences import sentence_spans
from gzbg.extraction.years import PLAN_NAME, plan_span
from gzbg.lexicons import Lexicons, literal_anchor, matches_from_starts
from gzbg.vocab import PartKind

__all__ = ["Headline", "headline_passages"]

# After a full stop, a sentence longer than this explains the targets rather than listing one.
HEADLINE_ITEM_MAX = 60
# A paragraph after a trigger that closes its own paragraph continues the list when it is this
# short or opens with a list mark ((1), 1., 一是, —).
HEADLINE_PARAGRAPH_MAX = 160
# Fewer characters than this after a trigger and its paragraph holds no list of its own.
HEADLINE_ITEM_MIN = 4
_LIST_MARK = re.compile(r"^\s*(?:\(?[0-9一二三四五六七八九十]{1,2}[).、]|[一二三四五六七八九十]是|[-—•·])")
_YEAR = re.compile(r"((?:19|20)[0-9]{2})\s*年")
_PLAN_PERIOD = re.compile(PLAN_NAME.pattern + r"[”\"]?(?:时期|期间)")
# A trigger is sought from the places of its words (see _trigger_matches) when this many characters
# of text, or more, stand for each start to try: a start costs a call of match, where the regex
# engine passes over a character in a few nanoseconds (over the corpus, 10 to 100 took the same time).
_CHARS_PER_START = 50
_HAS_NUMBER = re.compile(r"[0-9]|百分之|[一二三四五六七八九十]+(?:个百分点|%)|[一二三四五六七八九十]+(?:万|亿)")


@dataclass(frozen=True)
class Headline:
    start: int
    end: int
    trigger: str  # the words that opened it, or the fallback's growth statement


def _names_longer_span(clause: str, year: int | None, lex: Lexicons, plan_names: bool = True) -> bool:
    """今后五年…, “十四五”时期…, 到2030年…: the goals of a span, not of this year. A plan name
    decides in the trigger's own clause; elsewhere in its sentence only as a period (“十三五”时期，
    我省…主要目标是), not as a plan document (按照“十三五”规划的目标要求，努力实现… is annual)."""
    if has_cue(lex, clause, "span_future", "headline_span"):
        return True
    if year is None:
        return False
    names = PLAN_NAME.finditer(clause) if plan_names else _PLAN_PERIOD.finditer(clause)
    if any(plan_span(m)[0] >= year for m in names):
        return True
    return any(int(m.group(1)) > year for m in _YEAR.finditer(clause))


def _sets_longer_span(text: str, para: Paragraph, paragraphs: list[Paragraph], m: re.Match[str], year: int | None, lex: Lexicons) -> bool:
    """今后五年的主要目标是, “十三五”时期主要目标: the clause of the trigger names a span; or its
    sentence does, without naming this year (今年是实施“十三五”规划的第一年,…主要预期指标是 is annual)."""
    sentence_start = max(para.start, max(text.rfind(c, para.start, m.start()) for c in "。;!?") + 1)
    clause_start = max(sentence_start, max(text.rfind(c, para.start, m.start()) for c in ",:") + 1)
    if _names_longer_span(text[clause_start : m.end()], year, lex):
        return True
    sentence = text[sentence_start : m.end()]
    if _names_longer_span(sentence, year, lex, plan_names=False) and not _names_this_year(sentence, year, lex):
        return True
    if sentence_start == para.start:
        # 经济社会发展的主要目标： opening its paragraph reads on from the one before when that one
        # sets a term's work (做好新一届政府工作的总体要求…); a plan name there is only context.
        before = [p for p in paragraphs if p.end <= para.start]
        if before:
            lead_in = text[before[-1].start : m.end()]
            return has_cue(lex, lead_in, "headline_span") and not _names_this_year(lead_in, year, lex)
    return False


# The items of a headline list end at a comma, a semicolon or a full stop.
_ITEM_BREAKS = re.compile(r"[,;。]")


def _mostly_multiyear(passage: str, lex: Lexicons) -> bool:
    """At least half of the growth items say 年均 (or another span word): an outline's goals."""
    rates = lex.cue_words("rate_item")
    items = [s for s in _ITEM_BREAKS.split(passage) if any(w in s for w in rates)]
    spans = [s for s in items if has_cue(lex, s, "headline_span")]
    return bool(spans) and 2 * len(spans) >= len(items)


def _names_this_year(text: str, year: int | None, lex: Lexicons) -> bool:
    return has_cue(lex, text, "this_year") or (year is not None and f"{year}年" in text)


def _states_a_target(passage: str, lex: Lexicons) -> bool:
    return bool(_HAS_NUMBER.search(passage)) or any(r.search(passage) for r, _, _ in lex.relations)


def _in_plan(parts: list[Part], offset: int) -> bool:
    part = part_at(parts, offset)
    return part is None or part.kind in (PartKind.plan.value, "")


def _end_in_paragraph(text: str, start: int, stop: int, trigger_end: int, lex: Lexicons) -> int:
    """The end of the list items among the sentences of text[start:stop]."""
    end, after_stop = start, False
    for s, e in sentence_spans(text, start, stop):
        sentence = text[s:e]
        if s >= trigger_end and s > start and has_cue(lex, sentence, "headline_end"):
            break
        if after_stop and len(sentence) > HEADLINE_ITEM_MAX:
            break
        end = e
        after_stop = sentence.rstrip().endswith(("。", "!", "?"))
    return end


def _end_of_list(text: str, trigger_end: int, para: Paragraph, paras: list[Paragraph], limit: int, lex: Lexicons) -> int:
    if len(text[trigger_end : para.end].strip(" :\n")) >= HEADLINE_ITEM_MIN:
        return _end_in_paragraph(text, trigger_end, para.end, trigger_end, lex)
    # 主要预期目标是： closes its paragraph: the list runs over the next ones, across blank lines.
    end = trigger_end
    for p in paras:
        if p.start <= para.end:
            continue
        if p.start >= limit:
            break
        body = text[p.start : p.end]
        if p.heading is not None or has_cue(lex, body.lstrip(), "headline_end"):
            break
        if not (_HAS_NUMBER.search(body) or any(r.search(body) for r, _, _ in lex.relations)):
            break
        if len(body.strip()) > HEADLINE_PARAGRAPH_MAX and not _LIST_MARK.match(body):
            if end == trigger_end:  # the whole list is the next paragraph
                return _end_in_paragraph(text, p.start, p.end, p.start, lex)
            break
        end = p.end
    return end


def headline_passages(text: str, paras: list[Paragraph], parts: list[Part], year: int | None, lex: Lexicons) -> list[Headline]:
    """The headline passages of a normalised report text, in order."""
    found: list[Headline] = []
    for pattern, words, anchor in zip(lex.cue_patterns("headline"), lex.derived(_trigger_words), lex.derived(_trigger_anchors)):
        if not all(w in text for w in words):
            continue  # no match: a third of the time of this stage was such scans of the whole text
        for m in _trigger_matches(pattern, anchor, text):
            if not _in_plan(parts, m.start()) or any(h.start <= m.start() < h.end for h in found):
                continue
            para = find_paragraph(paras, m.start())
            if para is None:
                continue
            first_stop = min((i for i in (text.find(c, para.start, para.end) for c in "。!?") if i >= 0), default=para.end)
            if found and m.start() > first_stop and has_cue(lex, text[para.start : para.end].lstrip(), "headline_end"):
                continue  # 提出上述预期目标…。经济增长预期目标为5%左右: explains the targets, does not set them
            if _sets_longer_span(text, para, paras, m, year, lex):
                continue
            part = part_at(parts, m.start())
            limit = part.end if part is not None else len(text)
            end = max(_end_of_list(text, m.end(), para, paras, limit, lex), m.end())
            if not _states_a_target(text[m.end() : end], lex):
                continue  # 主要目标是：改革政府对企业投资的管理制度 — goals of a reform, no figure
            if _mostly_multiyear(text[m.end() : end], lex) and not _names_this_year(text[para.start : m.end()], year, lex):
                continue  # 主要指标：…地区生产总值年均增长5%左右 — a five-year outline's indicators
            found.append(Headline(m.start(), end, m.group(0).strip()))
    if not found:
        fallback = _growth_statement(text, paras, parts, year, lex)
        if fallback is not None:
            found.append(fallback)
    return sorted(found, key=lambda h: h.start)


def _trigger_words(lex: Lexicons) -> tuple[tuple[str, ...], ...]:
    """The words each headline trigger must hold (relations.required_words), in the order of its patterns."""
    return tuple(required_words(p) for p in lex.cue_patterns("headline"))


def _trigger_anchors(lex: Lexicons) -> tuple[tuple[tuple[str, ...], int, int] | None, ...]:
    """For each headline trigger, in the order of its patterns, the words of which each match holds
    one, with the fewest and the most characters before them (lexicons.literal_anchor); None for
    a pattern with flags (a case-blind one is not found by its words) or one that opens with its
    words (the regex engine already skips to those)."""
    anchors = []
    for pattern in lex.cue_patterns("headline"):
        anchor = literal_anchor(pattern.pattern) if pattern.flags == re.UNICODE else None
        anchors.append(anchor if anchor is not None and anchor[2] > 0 else None)
    return tuple(anchors)


def _trigger_matches(pattern: re.Pattern[str], anchor: tuple[tuple[str, ...], int, int] | None, text: str) -> Iterator[re.Match[str]]:
    """``pattern.finditer(text)``, sought around the places of the anchor's words when they are
    few. A trigger that does not open with a literal, (?:今年|明年|[0-9]{4}年)[^。;]{0,12}主要目标, is
    tried by the engine at every character of the text, where its word stands once or twice (such
    triggers took 0.30 s of the corpus's searches, 0.09 s from their words). A match holds a word
    ``fewest`` to ``most`` characters after its start, so it starts at one of those places before
    an occurrence (each found one character on from the last: they may overlap); the starts are
    tried in order, each at or after the end of the last match, as finditer does."""
    if anchor is None:
        yield from pattern.finditer(text)
        return
    words, fewest, most = anchor
    if sum(text.count(w) for w in words) * (most - fewest + 1) * _CHARS_PER_START > len(text):
        yield from pattern.finditer(text)
        return
    starts: set[int] = set()
    for word in words:
        at = text.find(word)
        while at >= 0:
            starts.update(range(max(0, at - most), at - fewest + 1))
            at = text.find(word, at + 1)
    yield from matches_from_starts(pattern, text, starts)  # a match holds a word: never empty


def _growth_statement(text: str, paras: list[Paragraph], parts: list[Part], year: int | None, lex: Lexicons) -> Headline | None:
    """Without a trigger: the first sentence of a plan part stating this year's growth
    (综合考虑各方面因素，今年全省地区生产总值增长6.5%左右)."""
    for pattern in lex.cue_patterns("headline_gdp"):
        for m in pattern.finditer(text):
            part = part_at(parts, m.start())
            if part is not None and part.kind not in (PartKind.plan.value, ""):
                continue
            para = find_paragraph(paras, m.start())
            if para is None:
                continue
            sentence = next(((s, e) for s, e in sentence_spans(text, para.start, para.end) if s <= m.start() < e), None)
            if sentence is None:
                continue
            words = text[sentence[0] : sentence[1]]
            if _sets_longer_span(text, para, paras, m, year, lex) or has_cue(lex, words, "review"):
                continue
            return Headline(sentence[0], sentence[1], m.group(0))
    return None
