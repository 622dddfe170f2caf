"""Statistics tables inside a report (附表, a communiqué's tables): which lines are rows, and the
numbers that name a row.

A row's first cell is its name — 0-14岁, 60周岁及以上, 22万伏及以上变电设备, 硫酸(折100%) — and a
number in it says which things the row counts, not how many: it is no quantity (reason
``row-name``). The numbers in the row's other cells are read as anywhere else.
"""

from __future__ import annotations

import re

from gzbg.extraction.quantities import CELL_GAP_CHARS, Excluded, Quantity

__all__ = ["ROW_NAME", "ROW_NAME_MAX", "TABLE_ROW_NUMBERS", "first_cell_name", "is_table_row", "table_row_name", "without_row_names"]

# A row of a statistics table (附表, a communiqué's tables): cells apart by spaces, tabs or '|',
# none of the punctuation of prose (a colon may follow 其中), and at least TABLE_ROW_NUMBERS
# cells that open with a number
# (社会消费品零售总额 8123万吨 增长5.6% 120亿美元; | 粗钢 | 万吨 | 100509.1 | -1.7 |). Such a line is a
# paragraph of its own: run on into the next rows, a table was read as one sentence, where each
# quantity took its metric from a neighbouring row and every clause ran to the table's end.
TABLE_ROW_NUMBERS = 2
_CELL_GAP = re.compile(f"[{re.escape(CELL_GAP_CHARS)}]+")
_NUMBER_CELL = re.compile(r"[-+]?[0-9]")
_NO_CLAUSE_PUNCTUATION = re.compile(r"[^,;。!?、]*\Z")

ROW_NAME = "row-name"
# The longest lead of a row's name before a number in it (其中:16-59岁(含不满60周岁): 其中:), in
# characters; a number further into its line is never read as a name (most numbers of prose).
ROW_NAME_MAX = 24
# What may open a row before its first cell: a Markdown table's bar, a list's dash or star.
_ROW_MARKS = CELL_GAP_CHARS + "-*"
_CELL_GAPS = frozenset(CELL_GAP_CHARS)


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
    if not _CELL_GAPS.isdisjoint(lead):
        return False  # a cell before it: the number fills the row
    line_end = text.find("\n", start)
    return is_table_row(text[line_start : line_end if line_end >= 0 else len(text)])


def is_table_row(line: str) -> bool:
    """Whether a line is a row of a statistics table (sections makes each row a paragraph)."""
    # Punctuation first: it ends the scan of a line of prose at its first comma, where the search
    # for a cell gap reads all of it (prose has no spaces).
    if not _NO_CLAUSE_PUNCTUATION.match(line) or not _CELL_GAP.search(line.strip()):
        return False
    cells = [c for c in _CELL_GAP.split(line) if c]
    return len(cells) > TABLE_ROW_NUMBERS and sum(1 for c in cells if _NUMBER_CELL.match(c)) >= TABLE_ROW_NUMBERS


def table_row_name(line: str) -> str | None:
    """The name of a table row: its first cell (a Markdown row's cells end at '|' alone), 其中:
    and a note in brackets dropped, the characters that alignment set apart joined (粮 食, 化 肥);
    None when the line is no row (or is several lines)."""
    if "\n" in line or not is_table_row(line):
        return None
    return first_cell_name(line)


def first_cell_name(row: str) -> str | None:
    """table_row_name of a line known to be a table row (a Paragraph's ``table_row``)."""
    body = row.lstrip(_ROW_MARKS)
    cells = [c for c in (_BAR.split(body) if "|" in body else _CELL_GAP.split(body)) if c.strip()]
    name = cells[0]
    for cell in cells[1:]:
        if len(name.strip()) > 1:
            break
        name += cell  # 粮 食: a name of two characters spread over two cells
    name = _BRACKETED.sub("", "".join(name.split())).removeprefix(_AMONG_THEM)
    return name or None


# 其中:城镇 — "of which": how a table marks a row that is part of the one above.
_AMONG_THEM = "其中:"
_BAR = re.compile(r"\|")
# A note in brackets after a row's name (折100%, 电解铝) is no part of it.
_BRACKETED = re.compile(r"\([^()]*\)")
