"""Score indicator codes against tests/gold/indicators/headline-indicators.tsv (hand-made).

Run as a script to print the figures: ``python tests/indicatorgold.py``.
"""

from __future__ import annotations

import re
import sys
from collections import defaultdict
from pathlib import Path

if __package__ in (None, ""):
    sys.path.insert(0, str(Path(__file__).parent))
from goldfile import GOLD_DIR, read_tsv  # noqa: E402

GOLD = GOLD_DIR / "indicators" / "headline-indicators.tsv"
CORPUS = Path(__file__).resolve().parent.parent.parent / "shared" / "corpus"


# Relations the annotator proposed beyond the six of the table (improve, decrease, rank): out of
# the tool's scope, not scored.
SCORED_RELATIONS = {"", "sync", "positive", "above_parent", "delegated", "no_decrease", "keep_stable"}
_PROPOSED = re.compile(r"proposed: ([a-z0-9_]+)")


def gold_rows() -> list[dict[str, str]]:
    """The gold rows scored: an empty code whose note proposes one takes it (the codes the
    annotator proposed were adopted in indicators.tsv where they name a frequent indicator)."""
    from gzbg import lexicons

    known = {ind.code for ind in lexicons.load().indicators}
    rows = []
    for g in read_tsv(GOLD):
        if g["relation"] not in SCORED_RELATIONS:
            continue
        m = _PROPOSED.search(g["note"])
        if not g["indicator"] and m and m.group(1) in known:
            g = {**g, "indicator": m.group(1)}
        rows.append(g)
    return rows


def score(extract):
    """(right, total, wrong): a gold row is right when a row starting at its offset (or, for a
    relation, covering it) carries its indicator; rows sharing a start accept either code."""
    gold = gold_rows()
    by_doc = defaultdict(list)
    for g in gold:
        by_doc[g["doc"]].append(g)
    right, wrong = 0, []
    shared = defaultdict(set)
    for g in gold:
        shared[(g["doc"], g["start"])].add(g["indicator"])
    for doc, rows in by_doc.items():
        frame = extract((CORPUS / doc).read_text(encoding="utf-8-sig"), doc)
        for g in rows:
            start = int(g["start"])
            hit = frame[(frame["start"] <= start) & (frame["end"] > start)]
            got = set(hit["indicator"]) if not hit.empty else set()
            wanted = shared[(doc, g["start"])]
            if (got & wanted) or (not g["indicator"] and not (got - {""})):
                right += 1
            else:
                wrong.append((doc, g["quantity"], g["indicator"], sorted(got)))
    return right, len(gold), wrong


if __name__ == "__main__":
    import gzbg

    r, n, wrong = score(lambda text, doc: gzbg.extract(text, doc=doc))
    print(f"indicator codes: {r}/{n} = {r / n:.3f}")
    for w in wrong:
        print("  ", w)
