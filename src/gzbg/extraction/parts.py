"""The parts of a report and their kind: opening, review, plan, closing, annex.

A part starts at a top-level heading — numbered (一、 第一部分), an unnumbered heading line
(2009年工作回顾, 本届政府工作回顾, 名词解释), a heading that opens its paragraph
(首先报告2001年的工作。…) — or, without any heading, where the text turns from the past to this
year (a paragraph that opens with 今年 or the report's year). The kind of a part comes from its
heading (cues.tsv: review_heading, plan_heading, annex_heading), else from a vote of the cue words in
its sentences (review_vote, plan_vote), else from the part before it. A heading naming both
(一、1998年工作回顾和1999年工作的总体要求) is split where its text turns. The opening runs to the
paragraph in which the government presents its report (opening_end); the closing is the last
paragraph that opens with an address (各位代表！) near the end.
"""

from __future__ import annotations

import bisect
import operator
import re
from dataclasses import dataclass, replace

from gzbg.extraction.sections import Paragraph
from gzbg.extraction.years import PLAN_NAME, plan_span
from gzbg.lexicons import Lexicons
from gzbg.vocab import PartKind

__all__ = ["Part", "report_parts", "part_at", "has_cue"]

# The kinds of cues.tsv that name a part in a heading.
_HEADING_CUES = ("review_heading", "plan_heading", "plan_heading_weak", "annex_heading")
# An unnumbered heading line is short and has no clause punctuation inside.
HEADING_LINE_MAX = 32
# A heading that opens a paragraph's text must end with its cue word (…2012年工作回顾。…).
HEADING_CUE_TAIL = 6
# A part's sentences vote for its kind only with a clear majority (one side at least this many
# times the other); else the part takes the kind before it.
VOTE_MAJORITY = 1.5
# An opening longer than this after its 报告工作 paragraph holds an unheaded review.
OPENING_TAIL_MIN = 200
# The closing address stands among the last few paragraphs before the end or an annex.
CLOSING_MAX_PARAGRAPHS = 4
# A paragraph's lead: the characters in which a turn cue must stand.
TURN_LEAD = 24
_INNER_PUNCTUATION = re.compile(r"[,;]")
# Where the title of a heading line ends: a sentence's end, or a gap of spaces.
_TITLE_END = re.compile(r"[。!?]|\s{2,}")
_YEAR = re.compile(r"(?:19|20)[0-9]{2}\s*年")
# A verb of being makes a short lead a sentence (改革是今年政府工作的首要任务), not a heading.
_QUANTITY = re.compile(r"[0-9][0-9.]*\s*(?:%|万|亿|个|家|元)")


@dataclass(frozen=True)
class Part:
    start: int
    end: int
    kind: str  # a PartKind value, or '' when nothing in the text tells
    title: str  # the heading as written, '' for an unheaded part
    source: str  # heading, line, turn, opening, closing


@dataclass
class _Candidate:
    start: int
    title: str
    source: str
    kind: str  # '' when the heading does not tell


def has_cue(lex: Lexicons, text: str, *cues: str) -> bool:
    """A pattern of one of these kinds of cues.tsv matches in ``text``: one search of their
    alternation, where a search per pattern cost a twentieth of the layout."""
    joined = lex.memo(("cue_alternation", cues), lambda: _alternation([p for cue in cues for p in lex.cue_patterns(cue)]))
    if joined is None:
        return any(p.search(text) for cue in cues for p in lex.cue_patterns(cue))
    return joined.search(text) is not None


def _alternation(patterns: list[re.Pattern[str]]) -> re.Pattern[str] | None:
    """One pattern that matches somewhere in a text if and only if one of ``patterns`` does; None
    when they cannot be joined (flags of their own, a reference to a group, which an alternation
    renumbers: the shipped cues.tsv has neither, a --lexicon folder might)."""
    if any(p.flags != re.UNICODE or _BACK_REFERENCE.search(p.pattern) for p in patterns):
        return None
    try:
        return re.compile("|".join(f"(?:{p.pattern})" for p in patterns) or "(?!)")
    except re.error:  # an inline flag that must open the pattern
        return None


# A reference to a group (\1, (?P=name)): an alternation renumbers groups.
_BACK_REFERENCE = re.compile(r"\\[1-9]|\(\?P=")


def heading_kind(title: str, year: int | None, lex: Lexicons) -> str:
    """annex, review, plan, mixed (both named) or '' from a heading's words and years; a plan
    name counts as review when its span ended before the report's year (“十三五”成就 in 2021)."""
    if has_cue(lex, title, "annex_heading"):
        return PartKind.annex.value
    spans = [plan_span(m) for m in PLAN_NAME.finditer(title)]
    review = has_cue(lex, title, "review_heading", "review") or (
        year is not None and (f"{year - 1}年" in title or any(e < year for _, e in spans))
    )
    plan = has_cue(lex, title, "plan_heading", "plan") or (year is not None and (f"{year}年" in title or any(s >= year for s, _ in spans)))
    if not review and not plan:
        plan = has_cue(lex, title, "plan_heading_weak")
    if review and plan:
        return "mixed"
    return PartKind.review.value if review else PartKind.plan.value if plan else ""


def _line_heading(text: str, para: Paragraph, year: int | None, lex: Lexicons) -> _Candidate | None:
    """An unnumbered heading: a short line of its own, or a short sentence opening its paragraph,
    that names a part (2010年主要任务, 本届政府工作回顾, 名词解释)."""
    body = text[para.start : para.end]
    lead = body.lstrip()
    offset = para.start + len(body) - len(lead)
    # The first line, cut without copying the rest of the paragraph as split would.
    line_end = lead.find("\n")
    line = (lead if line_end < 0 else lead[:line_end]).strip()
    # A bold heading keeps its first sentence on its line after the blanked ** (2011年工作回顾  2011年是…).
    title_end = _TITLE_END.search(line)
    title = (line if title_end is None else line[: title_end.start()]).strip()
    # The tests that need no lexicon first: every test here only rules a heading out, and a
    # table's short rows (粮食产量 1234万吨) fail on their figure.
    if not title or len(title) > HEADING_LINE_MAX or _INNER_PUNCTUATION.search(title) or _QUANTITY.search(title):
        return None  # a clause, or a short sentence (去年增长5%。), not a heading
    if title.endswith(":") and not has_cue(lex, title, "annex_heading"):
        return None  # 围绕上述目标重点抓好以下工作: introduces a list
    if has_cue(lex, title, "not_heading") or not has_cue(lex, title, *_HEADING_CUES):
        return None
    rest = line[len(title) :]
    standalone = rest in ("", "。") or rest[:2].isspace()  # alone, or a bold heading before its text
    if rest.startswith("。") and rest != "。":
        standalone = False
    if not standalone and (
        any(w in title for w in lex.cue_words("copula"))
        or not (
            has_cue(lex, title[-HEADING_CUE_TAIL:], *_HEADING_CUES)
            and (_YEAR.search(title) or PLAN_NAME.search(title) or has_cue(lex, title, "review", "plan", "span_past", "span_future"))
        )
    ):
        # 今年经济社会发展任务十分繁重。…, 改革是今年政府工作的首要任务。…: a paragraph's lead that
        # names a task is not a heading; one that names its period and ends with the part's word
        # is (站在新起点:2012年工作回顾。…).
        return None
    kind = heading_kind(title, year, lex)
    return _Candidate(offset, title, "line" if standalone else "lead", kind)


def _vote(text: str, start: int, end: int, lex: Lexicons) -> str:
    review = plan = 0
    for sentence in re.split(r"[。!?;]", text[start:end]):
        r = has_cue(lex, sentence, "review_vote", "review")
        p = has_cue(lex, sentence, "plan_vote", "plan")
        review += r and not p
        plan += p and not r
    if review > VOTE_MAJORITY * plan:
        return PartKind.review.value
    if plan > VOTE_MAJORITY * review:
        return PartKind.plan.value
    return ""


def _address(lex: Lexicons) -> re.Pattern[str]:
    """The address that opens a paragraph (各位代表！, 同志们：): cues.tsv `address`."""
    return lex.memo("address", lambda: re.compile(r"^\s*(?:" + "|".join(p.pattern for p in lex.cue_patterns("address")) + r")\s*[!,:]?\s*"))


def _lead(text: str, para: Paragraph, lex: Lexicons) -> str:
    body = text[para.start : para.end]
    return _address(lex).sub("", body, count=1)[:TURN_LEAD]


def _plan_turn(text: str, paras: list[Paragraph], start: int, end: int, year: int | None, lex: Lexicons) -> int | None:
    """The first paragraph in [start, end) whose lead turns to this year (今年…, 2026年是…)."""
    body = [p for p in paras if start <= p.start < end and p.heading is None]
    for para in body[1:]:  # the part's first paragraph opens it; a turn comes later
        lead = _lead(text, para, lex)
        if has_cue(lex, lead, "plan_turn") or (year is not None and f"{year}年" in lead):
            first_sentence = re.split(r"[。!?]", text[para.start : para.end], maxsplit=1)[0]
            if _vote(text, para.start, para.end, lex) == PartKind.review.value or has_cue(lex, first_sentence, "review_vote"):
                continue  # 今年，我们…完成了…: a report given in December reviews "this year"
            return para.start
    return None


def _opening_end(text: str, paras: list[Paragraph], limit: int, lex: Lexicons) -> int:
    """The end of the paragraph in which the government presents its report, if before ``limit``."""
    for para in paras:
        if para.start >= limit:
            break
        if has_cue(lex, text[para.start : para.end], "opening_end"):
            return para.end
    return 0


def _closing_start(text: str, paras: list[Paragraph], limit: int, lex: Lexicons) -> int | None:
    body = [p for p in paras if p.end <= limit and text[p.start : p.end].strip()]
    for i in range(len(body) - 1, max(-1, len(body) - 1 - CLOSING_MAX_PARAGRAPHS), -1):
        words = text[body[i].start : body[i].end]
        if _address(lex).match(words) and not _QUANTITY.search(words):  # an exhortation sets no figure
            return body[i].start
    return None


def report_parts(text: str, paras: list[Paragraph], year: int | None, lex: Lexicons) -> list[Part]:
    """The parts of a normalised report text in order, covering it from 0 to its end."""
    candidates: list[_Candidate] = []
    for para in paras:
        h = para.heading
        if h is not None and h.level == 1:
            candidates.append(_Candidate(h.start, h.text, "heading", heading_kind(h.title, year, lex)))
        elif h is None:
            found = _line_heading(text, para, year, lex)
            if found is not None:
                candidates.append(found)
    if sum(c.source == "line" and c.kind in ("review", "plan", "mixed") for c in candidates) >= 2:
        # Parts named by heading lines: the numbered headings under them are their sections, and
        # take the kind of the line above unless they name an annex.
        for c in candidates:
            if c.source == "heading" and c.kind != PartKind.annex.value:
                c.kind = ""
        numbered_inherit = True
    else:
        numbered_inherit = False

    first = candidates[0].start if candidates else len(text)
    cut = _opening_end(text, paras, first, lex)
    if (first - cut >= OPENING_TAIL_MIN or not candidates) and text[cut:first].strip():
        # Text after the presenting paragraph and before any heading (or a text with no heading
        # at all, such as an excerpt) is an unheaded part of its own.
        candidates.insert(0, _Candidate(_next_text(text, cut), "", "turn", ""))
        first = candidates[0].start

    parts: list[Part] = []
    if first > 0:
        parts.append(Part(0, first, PartKind.opening.value, "", "opening"))
    annex_from = next((c.start for c in candidates if c.kind == PartKind.annex.value), len(text))
    previous = ""
    for i, c in enumerate(candidates):
        end = candidates[i + 1].start if i + 1 < len(candidates) else len(text)
        kind = c.kind
        if c.start >= annex_from:
            kind = PartKind.annex.value
        if kind == "mixed" or (kind == "" and c.source == "turn"):
            turn = _plan_turn(text, paras, c.start, end, year, lex)
            if turn is not None:
                parts.append(Part(c.start, turn, PartKind.review.value, c.title, c.source))
                parts.append(Part(turn, end, PartKind.plan.value, "", "turn"))
                previous = PartKind.plan.value
                continue
            kind = _vote(text, c.start, end, lex) or (PartKind.review.value if kind == "mixed" else "")
        if kind == "" and not (numbered_inherit and c.source == "heading" and previous):
            kind = _vote(text, c.start, end, lex)
        kind = kind or previous  # '' when nothing tells (an excerpt): its sentences decide
        turn = _plan_turn(text, paras, c.start, end, year, lex) if kind == PartKind.review.value else None
        if turn is not None:
            # A review that runs on into this year without a heading (…今年是全面深化改革的关键之年).
            parts.append(Part(c.start, turn, kind, c.title, c.source))
            parts.append(Part(turn, end, PartKind.plan.value, "", "turn"))
            previous = PartKind.plan.value
            continue
        parts.append(Part(c.start, end, kind, c.title, c.source))
        previous = kind
    return _with_closing(text, paras, _review_before_plan(parts), annex_from, lex)


def _review_before_plan(parts: list[Part]) -> list[Part]:
    """A part that nothing names, standing between the opening and the first plan part, is the
    review: a report reviews before it plans (一、砥砺前行，书写…的五年)."""
    first_plan = next((i for i, p in enumerate(parts) if p.kind == PartKind.plan.value), None)
    if first_plan is None:
        return parts
    return [replace(p, kind=PartKind.review.value) if i < first_plan and p.kind == "" else p for i, p in enumerate(parts)]


def _next_text(text: str, offset: int) -> int:
    while offset < len(text) and text[offset].isspace():
        offset += 1
    return offset


def _with_closing(text: str, paras: list[Paragraph], parts: list[Part], annex_from: int, lex: Lexicons) -> list[Part]:
    """The closing address runs from its paragraph to the annex or the end."""
    start = _closing_start(text, paras, annex_from, lex)
    body = [p for p in parts if p.kind != PartKind.opening.value]
    if start is None or not body or start <= body[0].start:
        return parts
    out = []
    for p in parts:
        if p.end <= start:
            out.append(p)
        elif p.start < start:
            out.append(replace(p, end=start))
    out.append(Part(start, annex_from, PartKind.closing.value, "", "closing"))
    out.extend(p for p in parts if p.start >= annex_from)
    return out


# The key part_at bisects by: a getter in C, where a lambda made a Python call at every step
# (part_at runs for every quantity).
_START = operator.attrgetter("start")


def part_at(parts: list[Part], offset: int) -> Part | None:
    """The part containing ``offset`` (parts are in order and cover the text)."""
    i = bisect.bisect_right(parts, offset, key=_START) - 1
    return parts[i] if i >= 0 and offset < parts[i].end else None
