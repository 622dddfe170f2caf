"""Frozen records made in the hot loops without their dataclass ``__init__``.

A frozen dataclass sets each field through ``object.__setattr__``, about a microsecond per record
of a few fields; a report makes a quantity, a bound and a target for every number in it. The
instance made here is the same: its ``__dict__`` holds every field in declaration order, so
equality, hashing, ``repr`` and ``dataclasses.replace`` behave as for one made by the class, and
it stays frozen. Only for dataclasses without ``__post_init__`` or slots.
"""

from __future__ import annotations

import dataclasses
from typing import Any, Callable, TypeVar

__all__ = ["maker"]

T = TypeVar("T")


def maker(cls: type[T]) -> Callable[..., T]:
    """A function making a ``cls`` from all its fields, given positionally in their order."""
    if hasattr(cls, "__slots__") or hasattr(cls, "__post_init__"):
        raise TypeError(f"{cls.__name__}: made only through its __init__")
    names = tuple(f.name for f in dataclasses.fields(cls))  # type: ignore[arg-type]
    new, set_attribute = object.__new__, object.__setattr__

    def make(*values: Any) -> T:
        if len(values) != len(names):
            raise TypeError(f"{cls.__name__} takes {len(names)} fields, {len(values)} given")
        record = new(cls)
        set_attribute(record, "__dict__", dict(zip(names, values)))
        return record

    return make
