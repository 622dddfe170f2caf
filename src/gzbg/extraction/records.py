"""Frozen records made in the hot loops without their dataclass ``__init__``.

A frozen dataclass sets each field through ``object.__setattr__``, about a microsecond per record
of a few fields (8 µs for a table row of 34); a report makes a quantity, a bound, a target and a
row for every number in it. The instance made here is the same: its ``__dict__`` holds every
field in declaration order, so equality, hashing, ``repr`` and ``dataclasses.replace`` behave as
for one made by the class, and it stays frozen. Only for dataclasses without ``__post_init__`` or
slots.
"""

from __future__ import annotations

from typing import Callable, TypeVar

__all__ = ["dict_maker"]

T = TypeVar("T")


def dict_maker(cls: type[T]) -> Callable[[dict], T]:
    """A function making a ``cls`` whose ``__dict__`` is the dict given: every field, in order."""
    if hasattr(cls, "__slots__") or hasattr(cls, "__post_init__"):
        raise TypeError(f"{cls.__name__}: made only through its __init__")
    new = object.__new__
    # What object.__setattr__(record, "__dict__", ...) calls (the class's own __setattr__ refuses,
    # being frozen), taken once: the generic call looks the name up through the class every time.
    set_fields = next(c.__dict__["__dict__"] for c in cls.__mro__ if "__dict__" in c.__dict__).__set__

    def make(fields_in_order: dict) -> T:
        record = new(cls)
        set_fields(record, fields_in_order)
        return record

    return make
