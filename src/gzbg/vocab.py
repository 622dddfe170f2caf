"""The value sets of the table's columns and of the lexicons' columns, named once.

The lexicon loader validates every column that holds one of these values, the CLI's choices and
the corrections file's checks are built from them, and the review page reads them here. A value
set written out anywhere else is a second copy that can drift from this one.
"""

from __future__ import annotations

from enum import Enum
from pathlib import Path

__all__ = [
    "PartKind",
    "Relation",
    "Period",
    "Role",
    "Measure",
    "Direction",
    "Wording",
    "Comparator",
    "UnitCategory",
    "COUNTING_CATEGORIES",
    "Level",
    "Bound",
    "values",
    "indicator_codes",
]


class PartKind(str, Enum):
    opening = "opening"
    review = "review"
    plan = "plan"
    closing = "closing"
    annex = "annex"


class Period(str, Enum):
    review = "review"
    plan = "plan"


class Relation(str, Enum):
    """A target stated without a number: what it says of its indicator."""

    sync = "sync"  # 居民收入增长和经济增长同步
    positive = "positive"  # 实现正增长, 保持适度增长
    above_parent = "above_parent"  # 高于全国/全省平均水平
    delegated = "delegated"  # 完成国家/省下达的任务
    no_decrease = "no_decrease"  # 只增不减, 不低于上年
    keep_stable = "keep_stable"  # 基本稳定, 基本平衡


class Role(str, Enum):
    """What a number does in its sentence."""

    target = "target"  # a result or a promise
    qualifier = "qualifier"  # only says which things are meant (投资30亿元以上的项目)
    forecast = "forecast"  # a projection in the plan, not a promise (预计今年高校毕业生超过1170万人)


class Measure(str, Enum):
    growth = "growth"  # a rate of change (增长5%)
    change = "change"  # a difference (提高1.2个百分点, 增加12天)
    level = "level"  # a state or stock (达到, 稳定在, …率)
    amount = "amount"  # work done in the period (新增, 新建, 完成 N)


class Direction(str, Enum):
    """The sign of a growth or a change; a level or an amount has none (the column is empty)."""

    up = "up"
    down = "down"


class Wording(str, Enum):
    hard = "hard"  # 确保, 必须, 以上
    soft = "soft"  # 力争, 争取, 左右
    neutral = "neutral"  # no cue


class Comparator(str, Enum):
    ge = ">="  # 以上, 至少, 不低于
    gt = ">"  # 超过, 突破, 多, 余
    le = "<="  # 以下, 以内, 不超过
    lt = "<"  # 低于, 不足
    about = "~"  # 左右, 约, 近
    eq = "="  # no comparator word


class UnitCategory(str, Enum):
    """What a unit of units.tsv measures; the extractor's rules ask for some by name."""

    percent = "percent"
    permille = "permille"
    points = "points"  # 百分点
    ratio = "ratio"  # 倍, 番
    # index_ and count_: the names index and count are str's methods
    index_ = "index"  # a price index written as a number (103): set by rule, not in units.tsv
    count_ = "count"  # 个, 家, 项
    set = "set"  # counting words of sets: 大, 条 (六个方面, 三大攻坚战 are enumerations)
    people = "people"
    households = "households"
    money = "money"
    mass = "mass"
    area = "area"
    length = "length"
    volume = "volume"
    energy = "energy"
    power = "power"
    voltage = "voltage"
    time = "time"
    period = "period"  # 年, 月 as units of a duration
    age = "age"
    freight = "freight"
    container = "container"
    brick = "brick"
    category = "category"


# Units that count things (个, 家, 条, 人, 户): the noun after the number is what is counted
# (56个老旧小区), and a count written without its unit (新增就业11万) is one of these.
COUNTING_CATEGORIES = frozenset(c.value for c in (UnitCategory.count_, UnitCategory.set, UnitCategory.people, UnitCategory.households))


class Level(str, Enum):
    """The level of the government whose report it is."""

    national = "national"
    province = "province"  # with the municipalities
    city = "city"
    county = "county"
    district = "district"


class Bound(str, Enum):
    """Which side of an indicator's target is the good one (indicators.tsv ``bound``)."""

    floor = "floor"  # more is better: GDP growth
    ceiling = "ceiling"  # less is better: CPI, unemployment


def values(enum: type[Enum]) -> frozenset[str]:
    """The values of one of these sets, for a membership test."""
    return frozenset(member.value for member in enum)


def indicator_codes(directory: Path | None = None) -> frozenset[str]:
    """The indicator codes of indicators.tsv (the shipped one, or the one in ``directory``): the
    values the ``indicator`` column can hold. They are data, so they are read, not listed here."""
    from gzbg.lexicons import load

    return frozenset(ind.code for ind in load(directory).indicators)
