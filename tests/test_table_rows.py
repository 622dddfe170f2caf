"""Rows made without the dataclass __init__ (table._row, table.replaced) are the Rows __init__
makes: the same fields, in the same order, equal and hashed alike."""

from __future__ import annotations

import dataclasses
from pathlib import Path

import pytest

from gzbg.extraction.pipeline import extract_rows
from gzbg.extraction.table import Row, replaced

GOLD = Path(__file__).parent / "gold"


def _rows() -> list[Row]:
    return [row for path in sorted(GOLD.glob("*.txt")) for row in extract_rows(path.read_text(encoding="utf-8"), path.name)]


def test_made_rows_are_rows_as_init_makes_them():
    rows = _rows()
    assert rows
    for row in rows:
        made = Row(**vars(row))
        assert made == row and hash(made) == hash(row)
        assert list(vars(row)) == [f.name for f in dataclasses.fields(Row)]


def test_replaced_is_dataclasses_replace():
    row = _rows()[0]
    assert replaced(row, role="forecast", repeat_of=3) == dataclasses.replace(row, role="forecast", repeat_of=3)
    assert list(vars(replaced(row, role="forecast"))) == list(vars(row))
    with pytest.raises(TypeError):
        replaced(row, no_such_field=1)
