"""Precision and recall against hand-annotated gold files (tests/gold, see GUIDE.md).

The Xinxiang excerpt is the bundled sample; Hebei, Jilin, Xizang and Shaanxi 2026 are full
provincial reports annotated by people who did not see the extractor's output.
"""

from pathlib import Path

import pytest

import gzbg
from goldfile import GOLD_DIR, gold_nonquantities, gold_quantities, read_tsv, score

ROOT = Path(__file__).parent.parent
DOCS = {
    "xinxiang-2026-excerpt": ROOT / "samples" / "xinxiang-2026-excerpt.txt",
    "hebei-2026": GOLD_DIR / "hebei-2026.txt",
    "jilin-2026": GOLD_DIR / "jilin-2026.txt",
    "xizang-2026": GOLD_DIR / "xizang-2026.txt",
    "shaanxi-2026": GOLD_DIR / "shaanxi-2026.txt",
    "heldout-city-2026": GOLD_DIR / "heldout-city-2026.txt",  # invented, full-width, hard forms
    "heldout-county-2019": GOLD_DIR / "heldout-county-2019.txt",  # invented, mixed widths, broken lines
}


@pytest.fixture(scope="module", params=sorted(DOCS))
def doc(request):
    name = request.param
    text = DOCS[name].read_text(encoding="utf-8")
    return name, text, gzbg.extract(text)


def _ratchet() -> dict[str, dict[str, float]]:
    return {r["name"]: {k: float(v) for k, v in r.items() if k != "name"} for r in read_tsv(GOLD_DIR / "scores.tsv")}


# Scores are printed with three decimals in scores.tsv; a rounding step is no drop.
_ROUNDING = 0.0005


def test_precision_and_recall(doc):
    name, _, frame = doc
    s = score(frame, gold_quantities(name))
    detail = f"missed={s.missed} spurious={s.spurious} wrong={s.wrong}"
    floor = _ratchet()[name]
    assert s.precision >= floor["precision"] - _ROUNDING, detail
    assert s.recall >= floor["recall"] - _ROUNDING, detail


def test_metric_names_what_is_measured(doc):
    name, _, frame = doc
    s = score(frame, gold_quantities(name))
    floor = _ratchet()[name]
    assert s.metric_rate >= floor["metric_lenient"] - _ROUNDING
    assert s.metric_strict >= floor["metric_strict"] - _ROUNDING


def test_every_gold_file_has_a_ratchet_line():
    assert set(_ratchet()) == set(DOCS)


if __name__ == "__main__":  # the current figures, to raise scores.tsv
    for name, path in sorted(DOCS.items()):
        s = score(gzbg.extract(path.read_text(encoding="utf-8")), gold_quantities(name))
        print(f"{name}\t{s.precision:.3f}\t{s.recall:.3f}\t{s.metric_rate:.3f}\t{s.metric_strict:.3f}")


def test_no_row_for_a_non_quantity(doc):
    name, _, frame = doc
    numeric = frame[frame["relation"] == ""]  # a relation row is a phrase and may hold 二氧化碳
    spans = list(zip(numeric["start"], numeric["end"]))
    overlapping = [g["text"] for g in gold_nonquantities(name) if any(s < int(g["end"]) and int(g["start"]) < e for s, e in spans)]
    assert overlapping == []


def test_gold_offsets_point_at_their_text(doc):
    name, text, _ = doc
    for g in gold_quantities(name):
        assert text[int(g["start"]) : int(g["end"])] == g["quantity"]


def test_sample_is_perfect():
    """The bundled sample is what a new user tries first: every row right, nothing extra."""
    text = DOCS["xinxiang-2026-excerpt"].read_text(encoding="utf-8")
    s = score(gzbg.extract(text), gold_quantities("xinxiang-2026-excerpt"))
    assert (s.precision, s.recall) == (1.0, 1.0), (s.missed, s.spurious, s.wrong)
