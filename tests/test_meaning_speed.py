"""The shortcuts of meaning, sentences and indicators find what the plain searches find
(where words start: tests/test_word_starts.py)."""

from pathlib import Path

from gzbg.extraction import meaning, sentences
from gzbg.extraction.indicators import indicator_of, with_indicators
from gzbg.extraction.pipeline import extract_rows
from gzbg.lexicons import load

SAMPLE = Path(__file__).resolve().parents[1] / "samples"


def _texts() -> list[str]:
    texts = [p.read_text(encoding="utf-8") for p in sorted(SAMPLE.rglob("*.txt"))[:5]]
    texts.append("增长增长达到稳定在力争确保严格控制力争取-]^\\")
    return texts


def test_years_of_a_stretch_as_a_search_of_it():
    text = "到2025年底,12020年和2019年末、20192020年。在2030年,到1999年2000年末底"
    named = [(m.start(1), m.start(1) + meaning._YEAR_WORD, int(m.group(1))) for m in meaning._EXPLICIT_YEAR.finditer(text)]
    for lo in range(len(text) + 1):
        for hi in range(lo, len(text) + 1):
            expected = [int(m.group(1)) for m in meaning._EXPLICIT_YEAR.finditer(text[lo:hi])]
            assert meaning._years_in(named, lo, hi) == expected


def test_clause_edges_as_the_plain_scan():
    text = "一、" + "增长5%,达到6%;其中、" * 30 + "x" * 300 + "。" + "y" * 2500 + ",z"
    breaks = sentences.CLAUSE_BREAKS
    for pos in range(0, len(text), 7):
        for lower in (0, pos - 150, pos - 10, pos):
            lower = max(0, lower)
            before = [i for i in range(max(lower, pos - sentences.MAX_CLAUSE), pos) if text[i] in breaks]
            start = before[-1] + 1 if before else min(pos, max(lower, pos - sentences.MAX_CLAUSE))
            assert sentences.clause_start(text, lower, pos) == start
        for upper in (len(text), pos + 150, pos + 10, pos):
            cap = min(upper, pos + sentences.MAX_CLAUSE)
            after = [i for i in range(pos, min(cap, len(text))) if text[i] in breaks]
            assert sentences.clause_end(text, pos, upper) == (after[0] if after else max(pos, cap))


def test_indicators_kept_across_reports_as_asked_anew():
    lex = load(None)
    rows = extract_rows(_texts()[0])
    for kept in (with_indicators(rows, lex), with_indicators(rows, lex)):  # the second from the memo
        for row, got in zip(rows, kept):
            ind = (
                None
                if row.role == "qualifier"
                else indicator_of(row.metric, row.measure, row.unit, lex, row.quantity if row.relation else "")
            )
            assert got.indicator == (ind.code if ind is not None else row.indicator)
