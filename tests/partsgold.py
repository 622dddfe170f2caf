"""Score rows and parts against the hand-annotated part boundaries (tests/gold/parts/parts.tsv).

Run as a script to print the figures: ``python tests/partsgold.py [dev|sealed|all]``.
"""

from __future__ import annotations

import bisect
import re
import sys
from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path

if __package__ in (None, ""):
    sys.path.insert(0, str(Path(__file__).parent))
from goldfile import GOLD_DIR, read_tsv  # noqa: E402

PARTS_FILE = GOLD_DIR / "parts" / "parts.tsv"
CORPUS = Path(__file__).resolve().parent.parent.parent / "shared" / "corpus"
# A sentence that names its own period explicitly may stand against its part (a plan part quoting
# last year's result): such rows are excepted from the period figure and listed.
_PAST = re.compile(r"去年|上年|过去一年|过去的一年|一年来|五年来|过去五年|这五年|刚刚过去|已经|取得")
_FUTURE = re.compile(r"今年|明年|未来五年|今后五年|力争|预期|目标是|计划")
# A predicted boundary counts as found when it falls within this many characters of the gold one
# (a heading line against the paragraph after it, markup around a heading).
BOUNDARY_SLACK = 40


@dataclass(frozen=True)
class GoldPart:
    start: int
    kind: str


def gold_parts(which: str = "all") -> dict[str, list[GoldPart]]:
    parts: dict[str, list[GoldPart]] = defaultdict(list)
    for row in read_tsv(PARTS_FILE):
        if which in ("all", row["set"]):
            parts[row["doc"]].append(GoldPart(int(row["start"]), row["kind"]))
    return dict(parts)


def kind_at(parts: list[GoldPart], offset: int) -> str:
    starts = [p.start for p in parts]
    return parts[bisect.bisect_right(starts, offset) - 1].kind


@dataclass
class PeriodScore:
    rows: int = 0
    agree: int = 0
    excepted: list[tuple[str, int, str, str]] | None = None

    @property
    def share(self) -> float:
        return self.agree / self.rows if self.rows else 1.0


def score_periods(rows_by_doc: dict[str, list[dict]], parts: dict[str, list[GoldPart]]) -> PeriodScore:
    """Rows of review and plan parts whose period is their part's kind."""
    score = PeriodScore(excepted=[])
    for doc, rows in rows_by_doc.items():
        for row in rows:
            kind = kind_at(parts[doc], row["start"])
            if kind not in ("review", "plan"):
                continue
            if row["period"] != kind:
                opposite = _PAST if kind == "plan" else _FUTURE
                if opposite.search(row["sentence"]):
                    score.excepted.append((doc, row["start"], row["quantity"], row["sentence"][:60]))
                    continue
            score.rows += 1
            score.agree += row["period"] == kind
    return score


def score_boundaries(predicted: dict[str, list[tuple[int, str]]], parts: dict[str, list[GoldPart]]):
    """(found, gold, predicted, right kind): part starts of the gold found among the predicted
    ones (within BOUNDARY_SLACK), and how many of those have the gold kind."""
    found = right = total_gold = total_pred = 0
    for doc, gold in parts.items():
        pred = predicted.get(doc, [])
        total_gold += len(gold) - 1  # the opening at 0 is not a boundary
        total_pred += sum(1 for s, _ in pred if s > 0)
        for g in gold[1:]:
            near = [k for s, k in pred if s > 0 and abs(s - g.start) <= BOUNDARY_SLACK]
            if near:
                found += 1
                right += g.kind in near
    return found, total_gold, total_pred, right


def _main(which: str) -> None:
    import gzbg

    parts = gold_parts(which)
    rows_by_doc, predicted = {}, {}
    for doc in parts:
        text = (CORPUS / doc).read_text(encoding="utf-8-sig")
        frame = gzbg.extract(text, doc=doc)
        rows_by_doc[doc] = frame.to_dict("records")
        if hasattr(gzbg, "parts"):
            predicted[doc] = [(p.start, p.kind) for p in gzbg.parts(text, doc=doc)]
    score = score_periods(rows_by_doc, parts)
    print(
        f"period = part kind: {score.agree}/{score.rows} = {score.share:.3f} "
        f"({len(score.excepted)} rows excepted: explicit cue against the part)"
    )
    if predicted:
        found, gold, pred, right = score_boundaries(predicted, parts)
        print(f"part boundaries: {found}/{gold} found (recall {found / gold:.3f}), {pred} predicted, {right} with the right kind")
    per_doc = defaultdict(lambda: [0, 0])
    for doc, rows in rows_by_doc.items():
        for row in rows:
            kind = kind_at(parts[doc], row["start"])
            if kind in ("review", "plan"):
                per_doc[doc][0] += 1
                per_doc[doc][1] += row["period"] == kind
    for doc, (n, ok) in sorted(per_doc.items()):
        print(f"  {doc}: {ok}/{n}")


if __name__ == "__main__":
    _main(sys.argv[1] if len(sys.argv) > 1 else "all")
