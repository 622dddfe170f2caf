"""The value sets of the table's columns, named once: lexicons, the CLI and the page read them here."""

from __future__ import annotations

from enum import Enum

__all__ = ["PartKind", "Relation", "Period"]


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

    sync = "sync"                  # 居民收入增长和经济增长同步
    positive = "positive"          # 实现正增长, 保持适度增长
    above_parent = "above_parent"  # 高于全国/全省平均水平
    delegated = "delegated"        # 完成国家/省下达的任务
    no_decrease = "no_decrease"    # 只增不减, 不低于上年
    keep_stable = "keep_stable"    # 基本稳定, 基本平衡
