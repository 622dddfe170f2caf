"""Stage 2: the outline of a report — numbered headings, paragraphs and their topic phrases.

Works on the normalised text (full-width parentheses and digits already half-width).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import TYPE_CHECKING

from gzbg.extraction.tables import is_table_row

if TYPE_CHECKING:
    from gzbg.lexicons import Lexicons

__all__ = ["Heading", "Paragraph", "headings", "paragraphs", "find_paragraph"]

_CN = "一二三四五六七八九十"
# (level, pattern) — level 1 is a part of the report, deeper levels are its numbered tasks.
_HEADING_PATTERNS = (
    (1, re.compile(rf"第[{_CN}]{{1,3}}(?:部分|章|篇)")),
    (1, re.compile(rf"[{_CN}]{{1,3}}、(?![{_CN}]、)")),
    (2, re.compile(rf"\([{_CN}]{{1,3}}\)")),
    (3, re.compile(r"[0-9]{1,2}[.、](?![0-9])")),
    (3, re.compile(r"\([0-9]{1,2}\)")),
)
# The characters a heading of _HEADING_PATTERNS opens with: most lines open with none, told
# without trying each pattern.
_HEADING_FIRST = frozenset("第(0123456789" + _CN)
_TERMINATORS = "。!?;"
# A line ending in one of these closes its paragraph; any other line runs on into the next one
# (reports copied from web pages break lines inside sentences).
_PARAGRAPH_END = tuple("。!?;:…”’」』)】")
_TOPIC_MAX_CHARS = 32
# A topic phrase is a short name of a task: a number or inner punctuation makes it a sentence.
_NOT_IN_TOPIC = re.compile(r'[0-9,:、!?;"“]')


@dataclass(frozen=True)
class Heading:
    start: int
    end: int
    level: int
    label: str
    title: str

    @property
    def text(self) -> str:
        return f"{self.label}{self.title}"


@dataclass(frozen=True)
class Paragraph:
    start: int
    end: int
    section: Heading | None
    part: Heading | None
    topic: str
    heading: Heading | None  # the heading this paragraph opens with, if any
    table_row: bool = False  # a row of a statistics table (tables.is_table_row), alone on its line


def _line_spans(text: str) -> list[tuple[int, int]]:
    spans, pos = [], 0
    for line in text.split("\n"):
        spans.append((pos, pos + len(line)))
        pos += len(line) + 1
    return spans


def _heading_at(text: str, start: int, end: int) -> Heading | None:
    line = text[start:end]
    stripped = line.lstrip()
    if stripped[:1] not in _HEADING_FIRST:
        return None
    offset = start + len(line) - len(stripped)
    for level, pattern in _HEADING_PATTERNS:
        m = pattern.match(stripped)
        if not m:
            continue
        rest = stripped[m.end() :]
        cut = min((rest.find(t) for t in _TERMINATORS if t in rest), default=len(rest))
        title = rest[:cut].strip()
        if not title or (m.group(0)[0].isdigit() and re.match(r"[0-9%]", title)):
            continue  # "3、5个" is a list of numbers, not a heading
        return Heading(offset, offset + m.end() + cut, level, m.group(0), title)
    return None


def headings(text: str) -> list[Heading]:
    """Every numbered heading at the start of a line, in order."""
    found = []
    for start, end in _line_spans(text):
        h = _heading_at(text, start, end)
        if h is not None:
            found.append(h)
    return found


def _topic(text: str, start: int, end: int, address: re.Pattern[str]) -> str:
    """The short lead sentence of a task paragraph (提升农业综合生产能力。), else '' — never one
    with a number or punctuation inside, nor an address to the assembly (各位代表: cues.tsv)."""
    body = text[start:end].lstrip()
    cut = body.find("。")
    if cut <= 1 or cut > _TOPIC_MAX_CHARS or cut + 1 >= len(body.rstrip()):
        return ""
    lead = body[:cut]
    if _NOT_IN_TOPIC.search(lead) or address.search(lead):
        return ""
    return lead.strip()


def _address(lex: Lexicons | None) -> re.Pattern[str]:
    from gzbg import lexicons

    lex = lex or lexicons.load()
    return lex.memo("address_anywhere", lambda: re.compile("|".join(p.pattern for p in lex.cue_patterns("address"))))


def paragraphs(text: str, lex: Lexicons | None = None) -> list[Paragraph]:
    """Paragraphs with the heading they fall under and their topic phrase (``lex``: the lexicons
    whose cues.tsv names the address words; the shipped ones when None).

    A paragraph ends at a line that ends a sentence, at a blank line, or before a heading; a
    row of a table is a paragraph of its own.
    """
    address = _address(lex)
    result: list[Paragraph] = []
    open_headings: dict[int, Heading] = {}
    lines = _line_spans(text)
    # Whether each line is a table row, by line number: a line is asked about as the next line
    # of one paragraph and again as the first of the next (a table of 1,000 rows: 2,000 tests).
    rows: dict[int, bool] = {}

    def is_row(k: int) -> bool:
        found = rows.get(k)
        if found is None:
            found = rows[k] = is_table_row(text[lines[k][0] : lines[k][1]])
        return found

    i = 0
    while i < len(lines):
        start, end = lines[i]
        if not text[start:end].strip():
            i += 1
            continue
        heading = _heading_at(text, start, end)
        if heading is not None:
            for level in [lvl for lvl in open_headings if lvl >= heading.level]:
                del open_headings[level]
            open_headings[heading.level] = heading
        j = i
        while (
            j + 1 < len(lines)
            and not text[lines[j][0] : lines[j][1]].rstrip().endswith(_PARAGRAPH_END)
            and text[lines[j + 1][0] : lines[j + 1][1]].strip()
            and _heading_at(text, *lines[j + 1]) is None
            and not is_row(j)
            and not is_row(j + 1)
            and not (heading is not None and j == i and heading.end >= lines[j][1] - 1)
        ):
            j += 1
        para_end = lines[j][1]
        section = open_headings[max(open_headings)] if open_headings else None
        part = open_headings.get(1)
        topic = "" if heading is not None else _topic(text, start, para_end, address)
        result.append(Paragraph(start, para_end, section, part, topic, heading, j == i and is_row(i)))
        i = j + 1
    return result


def find_paragraph(paras: list[Paragraph], offset: int) -> Paragraph | None:
    """The paragraph containing ``offset`` (binary search over ordered paragraphs)."""
    lo, hi = 0, len(paras) - 1
    while lo <= hi:
        mid = (lo + hi) // 2
        p = paras[mid]
        if offset < p.start:
            hi = mid - 1
        elif offset > p.end:
            lo = mid + 1
        else:
            return p
    return None
