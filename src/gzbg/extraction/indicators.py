"""Indicator codes and comparable values: what a row measures, in one unit across reports.

地区生产总值, 全省生产总值, 经济 and GDP all name gdp_growth when the row is a growth in %; grain in
斤, 万吨 or 亿斤 becomes 吨. The codes, their wordings and standard units are lexicon data
(indicators.tsv, unit_conversions.tsv); a row takes the first indicator, in file order, whose
wordings match its metric and whose measures and units admit it.
"""

from __future__ import annotations

import re

from gzbg.extraction.table import replaced
from gzbg.lexicons import DROPPED, Indicator, Lexicons, PatternSet, any_of

__all__ = ["indicator_of", "standard_value", "with_indicators"]

# An index with last year = 100 (居民消费价格指数103) is a rate of change of index − 100 (3%).
INDEX_BASE = 100.0
# Standard units a number written without any unit is taken in (a count of people or households).
_COUNTS = ("人", "户")


def indicator_of(metric: str, measure: str, unit: str, lex: Lexicons, phrase: str = "") -> Indicator | None:
    """The indicator a row names, or None: its metric's noun first, then the whole metric with
    the action in brackets (幅度(物价上涨) names cpi), then the action before the noun
    (增加值(第一产业) → 第一产业增加值), then ``phrase`` (a relation row's words:
    完成国家下达的节能减排任务)."""
    noun = metric.split("(")[0] if metric else ""
    terms, any_term = lex.derived(_dropped_terms)
    # One search tells the few nouns holding a dropped term from the rest, which a removal of each
    # term in turn would leave as they are.
    if any_term.search(noun):
        for term in terms:  # 经济增长预期目标 names 经济增长 (synonyms.tsv group "-")
            noun = noun.replace(term, "")
    # "-": a relation row, which has no unit by nature; "none": a number written without one (新增就业11万)
    unit_key = "-" if phrase else unit or "none"
    # 增加值(第一产业) and 城镇(新增): the action read in brackets may be the start of the name
    rebuilt = ""
    if metric and metric.endswith(")") and "(" in metric:
        base, action = metric[:-1].split("(", 1)
        rebuilt = action + base
    admitted, any_wording = _admitting(measure, unit_key, lex)
    # A metric without brackets or dropped terms is its noun: the same words are not searched twice.
    for words in (noun, metric, rebuilt, phrase) if noun != metric else (metric, rebuilt, phrase):
        if not words or not any_wording.search(words):
            continue
        for ind in admitted:
            if ind.wordings.search(words):
                return ind
    return None


def _admitting(measure: str, unit_key: str, lex: Lexicons) -> tuple[tuple[Indicator, ...], PatternSet]:
    """The indicators, in file order, whose measures and units admit a row, and their wordings as
    one search (words none of them match are not tried one by one): a few pairs of measure and
    unit recur over thousands of rows, so each is made once per lexicon."""
    cache = lex.memo("indicators_admitting", dict)
    found = cache.get((measure, unit_key))
    if found is None:
        admitted = tuple(
            ind
            for ind in lex.indicators
            if not (ind.measures and measure and measure not in ind.measures) and not (ind.units and unit_key not in ind.units)
        )
        found = cache[(measure, unit_key)] = (admitted, any_of(tuple(ind.wordings for ind in admitted)))
    return found


def _dropped_terms(lex: Lexicons) -> tuple[tuple[str, ...], re.Pattern[str]]:
    """The terms a noun drops (longest first, the order they are removed in), and a search for any of them."""
    terms = tuple(sorted((s.term for s in lex.synonyms if s.group == DROPPED and not s.whole), key=len, reverse=True))
    return terms, re.compile("|".join(map(re.escape, terms)) or "(?!)")


def standard_value(value, unit: str, ind: Indicator, lex: Lexicons) -> float | None:
    """``value`` in the indicator's standard unit, or None when it cannot be converted."""
    if value is None or value != value or not ind.unit_std:
        return None
    if unit == ind.unit_std or (not unit and ind.unit_std in _COUNTS):
        return float(value)  # 新增就业11万: a count written without its unit
    if unit == "指数" and ind.unit_std == "%":
        return float(value) - INDEX_BASE
    factor = lex.conversions.get((unit, ind.unit_std))
    return float(value) * factor if factor is not None else None


# The indicator of each (metric, measure, unit, phrase) met is looked for once and kept for the
# Lexicons across reports: a report names few metrics over many rows, a table one in every row,
# and reports name the same ones (地区生产总值 in %). Over the corpus's 583 reports, indicator_of
# ran 99,908 times with a dict per report, 61,655 with this one (54,789 distinct keys); at most
# this many are kept, then emptied, as metrics.RESULTS_KEPT: a few MB.
INDICATORS_KEPT = 20_000


def with_indicators(rows: list, lex: Lexicons) -> list:
    """Rows with ``indicator``, ``value_std`` and ``unit_std`` set (qualifiers name none)."""
    out = []
    named: dict[tuple[str, str, str, str], Indicator | None] = lex.memo("indicators_named", dict)
    for row in rows:
        phrase = row.quantity if row.relation else ""
        ind = None
        if row.role != "qualifier":
            asked = (row.metric, row.measure, row.unit, phrase)
            if asked in named:
                ind = named[asked]
            else:
                if len(named) >= INDICATORS_KEPT:
                    named.clear()
                ind = named[asked] = indicator_of(row.metric, row.measure, row.unit, lex, phrase)
        if ind is None:
            out.append(row)
            continue
        std = standard_value(row.value, row.unit, ind, lex)
        std_max = standard_value(row.value_max, row.unit, ind, lex) if row.value_max is not None else None
        # without the frozen dataclass __init__ (table.replaced), several times dearer
        out.append(
            replaced(row, indicator=ind.code, value_std=std, value_max_std=std_max, unit_std=ind.unit_std if std is not None else "")
        )
    return out
