"""How likely two rows of two tables measure the same thing: a score from 0 to 1 for each pair.

``diff`` pairs a year's targets with the next year's, ``track`` a target with the outcome the next
report gives. Both ask the same question, so both score pairs here. The indicator codes decide first
(the same code is the same metric, two codes never are); else the metric decides most: its jieba
words, with the names of ``synonyms.tsv`` read as one word (国内生产总值 = 地区生产总值 = 经济增长), each weighted
by its length and by how rare it is among the metrics of the two tables (项目 and 企业 stand in dozens
of metrics and say little; 应急消防 says a lot). The metric the extractor names is sometimes a
neighbouring word (年初 for a rise of the deficit), so the words just before the number, the section,
the value and the place in the plan add smaller weights. The unit, the measure, the direction and
the horizon do not add but multiply: 5% of growth is not 5.5% of unemployment however close the
words are, 3% is never 3亿元, and this year's target is not the one for 2030.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass
from functools import lru_cache

from gzbg.extraction.tagging import tag
from gzbg.lexicons import DROPPED, Lexicons
from gzbg.vocab import COUNTING_CATEGORIES

__all__ = [
    "Profile",
    "Weights",
    "DIFF_WEIGHTS",
    "TRACK_WEIGHTS",
    "profiles",
    "metric_words",
    "rarity",
    "metric_similarity",
    "score",
    "score_matrix",
]

_WORK = re.compile(r"^(?P<noun>.*?)(?:\((?P<work>[^()]*)\))?$")
_NOT_WORDS = {"x", "uj", "ul", "u", "p", "c", "y", "e", "m", "q"}  # punctuation, particles, numerals
_GROUP_WEIGHT = 4.0  # a synonym group counts as much as a four-character word
_WORK_SHARE = 0.5  # the work done (the bracketed verb) says less than the noun
_CONTEXT_CHARS = 10
_CLAUSE_BREAKS = "，,；;。：:！!？?"
_DIGITS = re.compile(r"[0-9.%‰]+")
_LEVEL_LIKE = {"level", "amount"}
_RATES = {"percent", "permille", "points", "ratio"}
_CHARACTER_SHARE = 0.8


@dataclass(frozen=True)
class Weights:
    """Shares of the score; they need not sum to 1 (the score divides by their sum)."""

    metric: float
    context: float
    value: float
    headline: float
    topic: float
    position: float
    other_measure: float = 0.5  # the factor for a growth rate against a level, or other measures
    other_horizon: float = 0.5  # the factor for this year's target against one for 2030 or 十四五
    other_direction: float = 0.3  # the factor for a rise against a decline
    # the factor for a change (比上年增加1.1万亿元) against a level or an amount in a unit that is
    # not a rate: the extractor reads 新建和改造提升高标准农田500万亩 as a change (提升). A rate's
    # change (提高1个百分点) and its level are never the same target.
    other_change: float = 0.5


# diff compares two plans written the same way a year apart: the headline list and the order of
# sections repeat, so they help tell apart two targets on the same metric (the 5.5% 失业率 of the
# headline list and its repetition in the paragraph that explains it).
DIFF_WEIGHTS = Weights(metric=0.5, context=0.1, value=0.2, headline=0.1, topic=0.05, position=0.05)
# track compares a plan with a review: sections, order and headline flags differ by nature, and a
# review words its results otherwise (居民消费价格上涨0.2%, 失业率平均为5.1%), so the extractor's
# measure differs more often between a target and its outcome than between two plans.
# Which years an outcome covers is decided by track itself (a review may cover 2025 and 十四五),
# and an outcome may go the other way (能耗 target 降低3%, outcome 上升0.5%): track negates it.
# A change cannot be judged against a level (提高5元 against 84元), so track never pairs them.
TRACK_WEIGHTS = Weights(
    metric=0.8,
    context=0.1,
    value=0.1,
    headline=0.0,
    topic=0.0,
    position=0.0,
    other_measure=0.8,
    other_horizon=1.0,
    other_direction=0.8,
    other_change=0.0,
)


@dataclass(frozen=True)
class Profile:
    """What the score reads of one row, computed once per row."""

    words: dict[str, float]  # metric word (or §group) → weight
    shape: frozenset  # character bigrams of the metric, a synonym group as one character
    unit: str
    category: str
    measure: str
    direction: str
    headline: bool
    value: float  # the midpoint of a range
    context: frozenset  # bigrams of the words just before the number
    topic: frozenset  # bigrams of the section heading and paragraph topic
    position: float  # 0 for the first row of its table, 1 for the last
    horizon: str  # year (the table's own year), span (several years: 十四五) or other (到2030年)
    indicator: str = ""  # the row's indicator code (indicators.tsv), '' when none


def metric_words(metric: str, lex: Lexicons) -> list[tuple[str, float]]:
    """(word, weight) of a metric: synonyms as ``§group``, other words by jieba, longest first.

    >>> from gzbg.lexicons import load
    >>> [w for w, _ in metric_words("全省生产总值", load())]
    ['§生产总值']
    """
    m = _WORK.match(metric.strip())
    noun, work = (m.group("noun"), m.group("work") or "") if m else (metric, "")
    return _words(noun, lex, 1.0) + _words(work, lex, _WORK_SHARE)


def _words(text: str, lex: Lexicons, share: float) -> list[tuple[str, float]]:
    if not text:
        return []
    for s in lex.synonyms:
        if s.whole and s.term == text:
            return [] if s.group == DROPPED else [("§" + s.group, _GROUP_WEIGHT * share)]
    terms = _terms_longest_first(lex)
    out: list[tuple[str, float]] = []
    plain, i = [], 0
    while i < len(text):
        hit = next((s for s in terms if text.startswith(s.term, i)), None)
        if hit is None:
            plain.append(text[i])
            i += 1
            continue
        out.extend(_jieba("".join(plain), lex, share))
        plain = []
        if hit.group != DROPPED:
            out.append(("§" + hit.group, _GROUP_WEIGHT * share))
        i += len(hit.term)
    out.extend(_jieba("".join(plain), lex, share))
    return out


def _terms_longest_first(lex: Lexicons) -> tuple:
    return _longest_first(lex.synonyms)


@lru_cache(maxsize=8)
def _longest_first(synonyms: tuple) -> tuple:
    return tuple(sorted((s for s in synonyms if not s.whole), key=lambda s: len(s.term), reverse=True))


def _jieba(text: str, lex: Lexicons, share: float) -> list[tuple[str, float]]:
    return [(w, len(w) * share) for w, pos in tag(text, lex) if w.strip() and pos not in _NOT_WORDS]


def _bigrams(items) -> frozenset:
    items = list(items)
    if len(items) == 1:
        return frozenset(items)
    return frozenset(zip(items, items[1:]))


def _shape(words: list[tuple[str, float]]) -> frozenset:
    units: list[str] = []
    for w, _ in words:
        units.extend([w] if w.startswith("§") else list(w))
    return _bigrams(units)


def _context(sentence: str, quantity: str) -> frozenset:
    at = sentence.find(quantity) if quantity else -1
    if at <= 0:
        return frozenset()
    window = sentence[max(0, at - _CONTEXT_CHARS) : at]
    for i in range(len(window) - 1, -1, -1):
        if window[i] in _CLAUSE_BREAKS:
            window = window[i + 1 :]
            break
    return _bigrams(_DIGITS.sub("", window))


def _categories(lex: Lexicons) -> dict[str, str]:
    found = {u.canonical: u.category for u in lex.units.values()}
    found.update({u.surface: u.category for u in lex.units.values() if u.surface not in found})
    return found


def profiles(frame, lex: Lexicons) -> list[Profile]:
    """A Profile per row of a table (``gzbg.extraction.table.COLUMNS``), in the table's order."""
    categories = _categories(lex)
    n = len(frame)
    base = _own_year(frame)
    out = []
    for i, row in enumerate(frame.itertuples(index=False)):
        words = metric_words(row.metric, lex)
        weights: dict[str, float] = {}
        for w, weight in words:
            weights[w] = max(weights.get(w, 0.0), weight)
        value = float(row.value)
        if not math.isnan(row.value_max):
            value = (value + float(row.value_max)) / 2
        out.append(
            Profile(
                words=weights,
                shape=_shape(words),
                unit=row.unit,
                category=categories.get(row.unit, row.unit),
                measure=row.measure,
                direction=row.direction,
                headline=bool(row.headline),
                value=value,
                context=_context(row.sentence, row.quantity),
                topic=_bigrams(_DIGITS.sub("", f"{row.section} {row.topic}").replace(" ", "")),
                position=i / (n - 1) if n > 1 else 0.0,
                horizon="year" if row.headline else _horizon(row.year, row.year_end, base),
                indicator=_code(getattr(row, "indicator", "")),
            )
        )
    return out


def _own_year(frame):
    """The year most single-year rows of a table are about: the plan year of a report."""
    if "year" not in frame.columns:
        return None
    single = frame.loc[frame["year_end"].isna(), "year"].dropna() if "year_end" in frame.columns else frame["year"].dropna()
    return int(single.mode().iloc[0]) if len(single) else None


def _horizon(year, year_end, base) -> str:
    """year, span or other. A headline target (今年…主要预期目标) is always of the year: in a
    paragraph that opens 2026年是“十五五”第一年 the extractor gives it the years 2026–2030."""
    import pandas as pd

    if not pd.isna(year_end):
        return "span"
    if base is None or pd.isna(year) or int(year) == base:
        return "year"
    return "other"


def _dice(a: frozenset, b: frozenset) -> float:
    if not a or not b:
        return 0.0
    return 2 * len(a & b) / (len(a) + len(b))


def rarity(groups: list[list[Profile]]) -> dict[str, float]:
    """Inverse document frequency of each metric word over the rows given: 1 for the commonest."""
    counts: dict[str, int] = {}
    n = 0
    for group in groups:
        for p in group:
            n += 1
            for w in p.words:
                counts[w] = counts.get(w, 0) + 1
    return {w: 1.0 + math.log((1 + n) / (1 + c)) for w, c in counts.items()}


def _code(value) -> str:
    return value if isinstance(value, str) else ""  # a saved table may hold NaN or lack the column


def metric_similarity(a: Profile, b: Profile, idf: dict[str, float] | None = None) -> float:
    """The indicator codes first: the same code is the same metric (全省地区生产总值 and 经济),
    two different codes are different metrics. Else the weighted overlap of the metric words
    (synonyms.tsv), or of their characters when jieba cut them apart — which counts a little
    less: it cannot tell 科技 from 技术 by rarity.
    """
    if a.indicator and b.indicator:
        return 1.0 if a.indicator == b.indicator else 0.0
    if not a.words or not b.words:
        return 0.0
    idf = idf or {}
    wa = {w: v * idf.get(w, 1.0) for w, v in a.words.items()}
    wb = {w: v * idf.get(w, 1.0) for w, v in b.words.items()}
    shared = sum(min(wa[w], wb[w]) for w in wa.keys() & wb.keys())
    by_words = 2 * shared / (sum(wa.values()) + sum(wb.values()))
    return max(by_words, _CHARACTER_SHARE * _dice(a.shape, b.shape))


# Factors of _fit below 1 for a pair that is allowed but not alike; a factor of 0 rules a pair out.
# Units of one category (元 and 美元, 公里 and 米) measure the same thing in another scale: a small cost.
_SAME_CATEGORY = 0.9
# A count with its unit left out (新增就业11万) against one that writes it (11万人): likely the same,
# but the missing unit could be another count, so it costs more than a change of scale.
_UNIT_UNWRITTEN = 0.7
# A level against an amount (稳定在 against 新增): annotators disagree there too (README: measure is
# the weakest column), so a small cost.
_LEVEL_AND_AMOUNT = 0.8
# A growth or change whose direction one side does not say (增长 against 提高): a small cost.
_ONE_DIRECTION_UNSAID = 0.8


def _fit(a: Profile, b: Profile, w: Weights) -> float:
    """How far unit, measure, direction and horizon allow the pair: 0 rules it out."""
    if a.unit == b.unit:
        unit = 1.0
    elif a.category and a.category == b.category:
        unit = _SAME_CATEGORY
    elif not a.unit and b.category in COUNTING_CATEGORIES or not b.unit and a.category in COUNTING_CATEGORIES:
        unit = _UNIT_UNWRITTEN
    else:
        return 0.0
    if a.measure == b.measure:
        measure = 1.0
    elif "change" in (a.measure, b.measure):
        if a.category in _RATES or b.category in _RATES or w.other_change == 0.0:
            return 0.0
        measure = w.other_change
    elif a.measure in _LEVEL_LIKE and b.measure in _LEVEL_LIKE:
        measure = _LEVEL_AND_AMOUNT
    else:
        measure = w.other_measure  # the extractor reads 上涨0.2% as a level: a hint, not a rule
    if a.direction == b.direction:
        direction = 1.0
    elif not a.direction or not b.direction:
        direction = _ONE_DIRECTION_UNSAID
    else:
        direction = w.other_direction
    horizon = 1.0 if a.horizon == b.horizon else w.other_horizon
    return unit * measure * direction * horizon


# The closeness of two values when one is missing or not positive: no evidence either way.
_CLOSENESS_UNKNOWN = 0.5


def _closeness(a: float, b: float) -> float:
    if not (a > 0 and b > 0):
        return _CLOSENESS_UNKNOWN
    return max(0.0, 1.0 - abs(math.log10(a / b)))


def score(a: Profile, b: Profile, w: Weights, idf: dict[str, float] | None = None) -> float:
    """The score of one pair: 0 when unit, measure and direction rule it out, else up to 1."""
    fit = _fit(a, b, w)
    if fit == 0.0:
        return 0.0
    parts = (
        (w.metric, metric_similarity(a, b, idf)),
        (w.context, _dice(a.context, b.context)),
        (w.value, _closeness(a.value, b.value)),
        (w.headline, 1.0 if a.headline == b.headline else 0.0),
        (w.topic, _dice(a.topic, b.topic)),
        (w.position, 1.0 - abs(a.position - b.position)),
    )
    total = sum(weight for weight, _ in parts)
    return fit * sum(weight * part for weight, part in parts) / total


def score_matrix(old: list[Profile], new: list[Profile], w: Weights):
    """Scores of every (old, new) pair as a numpy array of shape (len(old), len(new))."""
    import numpy as np

    idf = rarity([old, new])
    matrix = np.zeros((len(old), len(new)))
    for i, a in enumerate(old):
        for j, b in enumerate(new):
            matrix[i, j] = score(a, b, w, idf)
    return matrix
