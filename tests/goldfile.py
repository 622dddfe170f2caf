"""Read the hand-annotated gold files and score extracted rows against them."""

from __future__ import annotations

import csv
import math
from dataclasses import dataclass
from pathlib import Path

GOLD_DIR = Path(__file__).parent / "gold"


def read_tsv(path: Path) -> list[dict[str, str]]:
    lines = [ln for ln in path.read_text(encoding="utf-8").splitlines() if ln and not ln.startswith("#")]
    return list(csv.DictReader(lines, delimiter="\t"))


def gold_quantities(name: str) -> list[dict[str, str]]:
    return read_tsv(GOLD_DIR / f"{name}.quantities.tsv")


def gold_nonquantities(name: str) -> list[dict[str, str]]:
    return read_tsv(GOLD_DIR / f"{name}.nonquantities.tsv")


def _same_number(a, b: str) -> bool:
    if b == "":
        return a is None or (isinstance(a, float) and math.isnan(a))
    if a is None or (isinstance(a, float) and math.isnan(a)):
        return False
    return math.isclose(float(a), float(b), rel_tol=1e-9)


def metric_matches(predicted: str, gold: str) -> bool:
    """Lenient: the predicted metric (without its bracketed action) and the gold noun overlap
    as a substring either way, so 地下管网(更新改造) names 地下管网."""
    noun = predicted.split("(")[0] if predicted.count("(") and not gold.count("(") else predicted
    noun = noun or predicted
    return bool(noun) and (gold in predicted or noun in gold or gold in noun)


@dataclass
class Score:
    predicted: int
    gold: int
    found: int  # gold rows with a predicted row on the same span
    correct: int  # … whose value, value_max, unit and comparator are right
    metric_ok: int  # … whose metric names the gold metric (lenient: either contains the other)
    wrong: list
    missed: list
    spurious: list
    metric_exact: int = 0  # … whose metric noun is the gold metric exactly (strict)

    @property
    def precision(self) -> float:
        return self.correct / self.predicted if self.predicted else 1.0

    @property
    def recall(self) -> float:
        return self.correct / self.gold if self.gold else 1.0

    @property
    def metric_rate(self) -> float:
        return self.metric_ok / self.correct if self.correct else 0.0

    @property
    def metric_strict(self) -> float:
        return self.metric_exact / self.correct if self.correct else 0.0


def score(frame, gold: list[dict[str, str]], roles: bool = True) -> Score:
    """Numeric quantities against a gold file; targets without a number (``relation``) are scored
    by tests/test_relations.py, as the gold files do not list them."""
    if "relation" in frame.columns:
        frame = frame[frame["relation"].fillna("") == ""]
    by_span = {(int(r["start"]), int(r["end"])): r for r in frame.to_dict("records")}
    found = correct = metric_ok = metric_exact = 0
    wrong, missed = [], []
    used = set()
    for g in gold:
        span = (int(g["start"]), int(g["end"]))
        row = by_span.get(span)
        if row is None:
            missed.append(g["quantity"])
            continue
        used.add(span)
        found += 1
        ok = (
            _same_number(row["value"], g["value"])
            and _same_number(row["value_max"], g["value_max"])
            and row["unit"] == g["unit"]
            and row["comparator"] == g["comparator"]
            and (not roles or row["role"] == g["role"])
        )
        if ok:
            correct += 1
            metric_ok += metric_matches(row["metric"], g["metric"])
            metric_exact += row["metric"].split("(")[0] == g["metric"].split("(")[0]
        else:
            wrong.append(
                (
                    g["quantity"],
                    {k: row[k] for k in ("value", "value_max", "unit", "comparator", "role")},
                    {k: g[k] for k in ("value", "value_max", "unit", "comparator", "role")},
                )
            )
    spurious = [r["quantity"] for span, r in by_span.items() if span not in used]
    return Score(len(by_span), len(gold), found, correct, metric_ok, wrong, missed, spurious, metric_exact)
