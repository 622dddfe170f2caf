"""Records made by records.dict_maker are the records their class makes."""

import dataclasses
from decimal import Decimal

import pytest

from gzbg.extraction.quantities import Quantity
from gzbg.extraction.records import dict_maker


def test_a_made_record_equals_the_class_made_one():
    fields = (3, 8, Decimal("36.9"), None, "亩", "area", False)
    names = [f.name for f in dataclasses.fields(Quantity)]
    made, built = dict_maker(Quantity)(dict(zip(names, fields))), Quantity(*fields)
    assert made == built and hash(made) == hash(built) and repr(made) == repr(built)
    assert dataclasses.asdict(made) == dataclasses.asdict(built)
    assert dataclasses.replace(made, unit="公顷") == dataclasses.replace(built, unit="公顷")
    with pytest.raises(dataclasses.FrozenInstanceError):
        made.start = 4  # type: ignore[misc]


def test_a_class_with_slots_or_post_init_is_refused():
    @dataclasses.dataclass(frozen=True, slots=True)
    class Slotted:
        a: int

    @dataclasses.dataclass(frozen=True)
    class Checked:
        a: int

        def __post_init__(self):
            pass

    for cls in (Slotted, Checked):
        with pytest.raises(TypeError, match="made only through its __init__"):
            dict_maker(cls)


def test_scan_makes_the_records_its_classes_make():
    """scan makes its quantities and excluded numerals from dicts written out (quantities'
    _quantity_of, _excluded_of): every field, in the order of the class."""
    from gzbg import lexicons
    from gzbg.extraction.quantities import Excluded, scan

    quantities, excluded = scan("新增就业12万人,一刻钟便民生活圈,2025年,百分之七。", lexicons.load())
    assert quantities and excluded
    for record, cls in [(q, Quantity) for q in quantities] + [(e, Excluded) for e in excluded]:
        assert list(vars(record)) == [f.name for f in dataclasses.fields(cls)]
        assert record == dataclasses.replace(record) and repr(record) == repr(dataclasses.replace(record))
