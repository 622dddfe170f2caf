"""Targets without a number: 居民收入增长和经济增长同步, 粮食产量保持稳定, 完成省下达的节能减排任务.

Each clause is matched against relations.tsv; a match gives one row whose ``quantity`` is the
clause as written up to the end of the relation words, with the words before them as its metric,
and no value, unit or comparator. Relations of scope ``headline`` are read only inside the headline
passage, those of scope ``plan`` in any clause outside the opening and the annexes (in a review
part they state an outcome: 实现了收支的基本平衡). A clause that holds a numeric
quantity gives none: its number is the target.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from gzbg.extraction.parts import Part, part_at
from gzbg.extraction.sections import Paragraph
from gzbg.extraction.sentences import sentence_spans
from gzbg.lexicons import Lexicons
from gzbg.vocab import PartKind

__all__ = ["RelationTarget", "relation_targets"]

_CLAUSE_BREAKS = re.compile(r"[,;:。!?\n]")
# Words that open a clause but belong to no metric (力争实现…, 确保…).
_LEADING = re.compile(r"^\s*(?:力争|争取|确保|努力|实现|保持|做到|基本|继续|全年|今年|全市|全省|全县|全区)+")
_TRAILING = re.compile(r"(?:增长|增速|增幅|水平|实现|保持|达到|控制在|做到|的|和|与|同|要|均|都|继续|基本)+$")


@dataclass(frozen=True)
class RelationTarget:
    start: int
    end: int
    relation: str
    metric: str
    paragraph: Paragraph
    sentence: tuple[int, int]
    headline: bool


def _clauses(text: str, start: int, end: int):
    pos = start
    for m in _CLAUSE_BREAKS.finditer(text, start, end):
        yield pos, m.start()
        pos = m.end()
    if pos < end:
        yield pos, end


def _metric(words: str) -> str:
    previous = None
    while previous != words:
        previous = words
        words = _TRAILING.sub("", _LEADING.sub("", words)).strip()
    return words


def relation_targets(text: str, paras: list[Paragraph], parts: list[Part], headlines: list[tuple[int, int]],
                     quantity_starts: list[int], lex: Lexicons) -> list[RelationTarget]:
    """Every relation target of a normalised text, in order."""
    import bisect

    found: list[RelationTarget] = []
    for para in paras:
        part = part_at(parts, para.start)
        if part is not None and part.kind in (PartKind.annex.value, PartKind.opening.value):
            continue
        for s_start, s_end in sentence_spans(text, para.start, para.end):
            for c_start, c_end in _clauses(text, s_start, s_end):
                i = bisect.bisect_left(quantity_starts, c_start)
                if i < len(quantity_starts) and quantity_starts[i] < c_end:
                    continue  # a number in the clause is the target
                headline = any(s <= c_start < e for s, e in headlines)
                taken: list[tuple[int, int, str]] = []
                for pattern, relation, scope in lex.relations:
                    if scope == "headline" and not headline:
                        continue
                    for m in pattern.finditer(text, c_start, c_end):
                        if not any(s < m.end() and m.start() < e for s, e, _ in taken):
                            taken.append((m.start(), m.end(), relation))
                previous_end = c_start
                for m_start, m_end, relation in sorted(taken):
                    # Items of one clause (耕地数量不减少、质量不下降) each begin after the one before.
                    start = max(previous_end, text.rfind("、", c_start, m_start) + 1)
                    while start < m_start and text[start] in " 、":
                        start += 1
                    found.append(RelationTarget(start, m_end, relation, _metric(text[start:m_start]),
                                                para, (s_start, s_end), headline))
                    previous_end = m_end
    return found
