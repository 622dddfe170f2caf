"""Statistics tables inside a report (附表, a communiqué's tables): the numbers that name a row.

A row's first cell is its name — 0-14岁, 60周岁及以上, 22万伏及以上变电设备, 硫酸(折100%) — and a
number in it says which things the row counts, not how many: it is no quantity (reason
``row-name``). The numbers in the row's other cells are read as anywhere else.
"""

from __future__ import annotations

from gzbg.extraction.quantities import Excluded, Quantity
from gzbg.extraction.sections import _is_table_row as is_table_row  # moved here after the speed merge

__all__ = ["ROW_NAME", "ROW_NAME_MAX", "without_row_names"]

ROW_NAME = "row-name"
# The longest lead of a row's name before a number in it (其中:16-59岁(含不满60周岁): 其中:), in
# characters; a number further into its line is never read as a name (most numbers of prose).
ROW_NAME_MAX = 24
# What may open a row before its first cell: a Markdown table's bar, a list's dash or star.
_ROW_MARKS = " \t\u3000|-*"
_CELL_GAPS = frozenset(" \t\u3000|")


def without_row_names(text: str, quantities: list[Quantity]) -> tuple[list[Quantity], list[Excluded]]:
    """The quantities not in the first cell of a table row, and those that are, as excluded."""
    kept: list[Quantity] = []
    names: list[Excluded] = []
    for q in quantities:
        if _names_a_row(text, q.start):
            names.append(Excluded(q.start, q.end, ROW_NAME))
        else:
            kept.append(q)
    return kept, names


def _names_a_row(text: str, start: int) -> bool:
    line_start = text.rfind("\n", max(0, start - ROW_NAME_MAX - 1), start) + 1
    if line_start == 0 and start > ROW_NAME_MAX:
        return False  # the line opens further back than a row's name can
    lead = text[line_start:start].lstrip(_ROW_MARKS)
    if any(char in _CELL_GAPS for char in lead):
        return False  # a cell before it: the number fills the row
    line_end = text.find("\n", start)
    return is_table_row(text[line_start : line_end if line_end >= 0 else len(text)])
