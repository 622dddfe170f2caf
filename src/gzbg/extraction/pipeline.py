"""The whole pipeline over one text: normalise → sections → quantities → targets → rows."""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from gzbg import lexicons as _lexicons
from gzbg.extraction.headline import Headline, headline_passages
from gzbg.extraction.indicators import with_indicators
from gzbg.extraction.meaning import describe
from gzbg.extraction.metadata import DocumentMeta, document_meta
from gzbg.extraction.parts import Part, part_at, report_parts
from gzbg.extraction.quantities import Excluded, scan
from gzbg.extraction.relations import relation_targets
from gzbg.extraction.repeats import mark_forecasts, mark_repeats
from gzbg.extraction.sections import paragraphs
from gzbg.extraction.table import Row, make_relation_rows, make_rows
from gzbg.extraction.tables import without_row_names
from gzbg.extraction.targets import targets
from gzbg.read.decode import normalise
from gzbg.read.markup import front_matter
from gzbg.vocab import PartKind

__all__ = ["Report", "collector_paused", "read_report", "extract_rows", "extract_parts", "excluded_numerals"]


@dataclass(frozen=True)
class Report:
    """One report read whole: its rows and the structure they were read in."""

    rows: list[Row]
    parts: list[Part]
    headlines: list[Headline]
    meta: DocumentMeta
    chars: int


def shift_years(text: str, lex: _lexicons.Lexicons) -> str:
    """The text as a report given early in the year would say it: a report given in November or
    December calls the year it reviews 今年 and the one it plans for 明年 (cues.tsv year_this,
    year_next). Same length (the loader checks it), so every offset holds; used only to read cue
    words, never for the rows' text."""
    (last,), (this,), (following,) = (lex.cue_words(k) for k in ("year_last", "year_this", "year_next"))
    return text.replace(this, last).replace(following, this)


@contextmanager
def collector_paused() -> Iterator[None]:
    """Python's cyclic garbage collector off while one report is read, as it was before after.

    Reading a report makes many objects that live to its end (a row, its values and strings for
    every quantity) and no reference cycles, so the collector finds nothing in it; but the more
    such objects a text holds, the more often it runs a full pass over every object of the
    process: a 1000-line statistics table (3,000 rows) spent 0.05 s of 0.3 s in one. Reference
    counting still frees everything as usual; a cycle made meanwhile waits for the next pass.
    Several threads reading at once restore the collector when the first to start ends.

    Callers that turn the rows into something else (gzbg.extract's DataFrame, the runner's
    dicts) keep it paused until then too: turned back on while the rows still live, the first
    pass walks every one of them, as soon as the next object is made (6% of extract over 31
    reports, measured by turns)."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


def read_report(text: str, doc: str = "", lexicon_dir: Path | None = None, year: int | None = None) -> Report:
    """Every quantity of a report text as rows in text order, with the parts and headline
    passages found. ``year`` overrides the report's year read from its content (title, date,
    part headings), then from ``doc`` (the file name)."""
    with collector_paused():
        return _read_report(text, doc, lexicon_dir, year)


def _read_report(text: str, doc: str, lexicon_dir: Path | None, year: int | None) -> Report:
    lex = _lexicons.load(lexicon_dir)
    norm, paras, meta, cues, parts, year = _layout(text, doc, lex, year)
    quantities, _ = _scan(norm, lex, with_excluded=False)
    found = targets(norm, quantities, paras, lex)
    # Headline passages open only in plan parts, so an annex (名词解释, 附件) never holds one.
    passages = [] if meta.bulletin else headline_passages(cues, paras, parts, year, lex)
    headlines = [(h.start, h.end) for h in passages]
    located = [part_at(parts, t.quantity.start) for t in found]
    memo: dict = {}
    meanings = [describe(cues, t, lex, year, part, headlines, memo) for t, part in zip(found, located)]
    rows = make_rows(text, found, meanings, doc, meta, located)
    relations = relation_targets(cues, paras, parts, headlines, sorted(t.quantity.start for t in found), lex)
    if relations:
        rows += make_relation_rows(text, relations, [part_at(parts, r.start) for r in relations], doc, meta, lex.wording)
        rows.sort(key=lambda r: (r.start, r.end))
    rows = mark_repeats(mark_forecasts(with_indicators(rows, lex), cues, lex))
    return Report(rows, parts, passages, meta, len(text))


def _scan(norm: str, lex, with_excluded: bool = True) -> tuple[list, list[Excluded]]:
    """scan's quantities and excluded numerals (none unless ``with_excluded``), the numbers that
    name a table's row (0-14岁) moved among the excluded."""
    quantities, excluded = scan(norm, lex, with_excluded)
    quantities, names = without_row_names(norm, quantities)
    if not with_excluded:
        return quantities, []
    return quantities, sorted(excluded + names, key=lambda e: e.start) if names else excluded


def extract_rows(text: str, doc: str = "", lexicon_dir: Path | None = None, year: int | None = None) -> list[Row]:
    """Every quantity of a report text as table rows, in text order (``read_report``'s rows)."""
    return read_report(text, doc, lexicon_dir, year).rows


def excluded_numerals(text: str, lexicon_dir: Path | None = None) -> list[Excluded]:
    """Numerals deliberately not read as quantities, with the reason (bare numbers left out)."""
    lex = _lexicons.load(lexicon_dir)
    _, excluded = _scan(normalise(text), lex)
    return [e for e in excluded if e.reason != "bare"]


def extract_parts(text: str, doc: str = "", lexicon_dir: Path | None = None, year: int | None = None) -> list[Part]:
    """The parts of a report text (opening, review, plan, closing, annex) with their offsets."""
    return _layout(text, doc, _lexicons.load(lexicon_dir), year)[4]


def _layout(text: str, doc: str, lex, year: int | None):
    """(normalised text, paragraphs, metadata, cue text, parts, year to read cues in): what
    read_report and extract_parts share. A statistical communiqué reports its own year's
    outcomes, as a report of the next year reviews them: one review part, read as of that year."""
    norm = normalise(text)
    paras = paragraphs(norm, lex)
    meta = document_meta(norm, doc, lex, year, front_matter(text)[1].get("title", ""))
    cues = shift_years(norm, lex) if meta.late else norm
    if meta.bulletin:
        parts = [Part(0, len(norm), PartKind.review.value, "", "bulletin")]
        return norm, paras, meta, cues, parts, meta.year + 1 if meta.year is not None else None
    return norm, paras, meta, cues, report_parts(cues, paras, meta.year, lex), meta.year
