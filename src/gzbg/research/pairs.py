"""diff and track over many reports: each side's reports paired by place and year.

A side is a report, a table that ``gzbg extract`` saved (of one report or many), a folder or a
glob. With many reports on a side, a report of place P and year Y on the old (plan) side is paired
with the report of P on the new (outcome) side whose year is the first after Y — the next report
of the same government — and the comparisons are stacked into one table, each row led by
``place``, ``old_year`` and ``new_year``.
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd

__all__ = ["is_many", "side_reports", "paired", "stacked"]


def is_many(source: str) -> bool:
    """A folder or a glob: a side of many reports (a saved table is judged by its rows)."""
    return Path(source).is_dir() or (any(c in source for c in "*?[") and not Path(source).exists())


def side_reports(rows: pd.DataFrame) -> dict[str, pd.DataFrame]:
    """The rows of each report of a side, by doc."""
    return {doc: part for doc, part in rows.groupby("doc", sort=True)}


def _key(rows: pd.DataFrame) -> tuple[str, int | None]:
    first = rows.iloc[0]
    year = first["report_year"]
    return first["place"], (int(year) if pd.notna(year) else None)


def paired(old: dict[str, pd.DataFrame], new: dict[str, pd.DataFrame]) -> list[tuple[pd.DataFrame, pd.DataFrame]]:
    """(old report, new report) pairs: the same place, the first later year on the new side."""
    later: dict[str, list[tuple[int, pd.DataFrame]]] = {}
    for rows in new.values():
        place, year = _key(rows)
        if place and year is not None:
            later.setdefault(place, []).append((year, rows))
    pairs = []
    for rows in old.values():
        place, year = _key(rows)
        candidates = sorted((y, r) for y, r in later.get(place, []) if year is not None and y > year)
        if candidates:
            pairs.append((rows, candidates[0][1]))
    return pairs


def stacked(pairs, compare) -> pd.DataFrame:
    """``compare(old, new)`` of each pair, stacked, led by place, old_year and new_year."""
    frames = []
    for old, new in pairs:
        frame = compare(old, new)
        place, old_year = _key(old)
        _, new_year = _key(new)
        frame.insert(0, "new_year", new_year)
        frame.insert(0, "old_year", old_year)
        frame.insert(0, "place", place)
        frames.append(frame)
    if not frames:
        return pd.DataFrame()
    out = pd.concat(frames, ignore_index=True)
    out["old_year"] = out["old_year"].astype("Int64")
    out["new_year"] = out["new_year"].astype("Int64")
    return out
