"""gzbg: every quantified target of a Chinese government work report, in a traceable table."""

from __future__ import annotations

from pathlib import Path

from gzbg.errors import ArgumentError, require_text
from gzbg.lexicons import LexiconError
from gzbg.read.decode import ReadError

__all__ = ["extract", "parts", "panel", "diff", "track", "ReadError", "LexiconError", "ArgumentError", "__version__"]
__version__ = "0.1.0"


def extract(text: str, doc: str = "", lexicon_dir: str | Path | None = None, year: int | None = None):
    """The targets of a report text as a pandas DataFrame (columns: ``gzbg.extraction.table.COLUMNS``).

    ``doc`` names the report in the ``doc`` column (and its year may be read from it); ``year``
    overrides the report year read from the text.

    >>> df = extract("更新改造地下管网120公里以上。")
    >>> df.loc[0, ["metric", "value", "unit", "comparator"]].tolist()
    ['地下管网(更新改造)', 120.0, '公里', '>=']
    """
    from gzbg.extraction.pipeline import collector_paused, extract_rows
    from gzbg.extraction.table import to_dataframe

    text = require_text(text, "gzbg.extract")
    directory = Path(lexicon_dir) if lexicon_dir is not None else None
    with collector_paused():
        return to_dataframe(extract_rows(text, doc, directory, year))


def parts(text: str, doc: str = "", lexicon_dir: str | Path | None = None, year: int | None = None):
    """The parts of a report text in order: records with ``start``, ``end``, ``kind`` (opening,
    review, plan, closing, annex), ``title`` (the heading, '' when unheaded) and ``source`` (how
    it was found: heading, line, turn, opening, closing).

    >>> [p.kind for p in parts("一、2025年工作回顾\n去年增长5%。\n二、2026年工作安排\n今年增长5%。")]
    ['review', 'plan']
    """
    from gzbg.extraction.pipeline import extract_parts

    text = require_text(text, "gzbg.parts")
    directory = Path(lexicon_dir) if lexicon_dir is not None else None
    return extract_parts(text, doc, directory, year)


def panel(
    sources,
    indicators: list[str] | None = None,
    long: bool = False,
    outcomes: bool = False,
    parent=None,
    lexicon_dir: str | Path | None = None,
    jobs: int = 1,
    corrections=(),
    problems: list | None = None,
    matched: set | None = None,
):
    """The headline targets of many reports as one table (see ``gzbg.research.panel``).

    ``sources``: a DataFrame of extracted rows, or a list of report files, folders and globs.
    Wide by default (one row per report, per indicator ``<code>``, ``<code>_max``, ``<code>_cmp``,
    ``<code>_wording``, ``<code>_relation``); ``long`` gives one row per report × indicator with
    escalation against the parent government's report (among the sources or in ``parent``) and,
    with ``outcomes``, attainment from the next year's report of the same place. ``corrections``
    (``gzbg.review.corrections.read_corrections``) are applied to the reports' rows first; the long
    form then says which cells a reviewer checked (``reviewed``), and the corrections that could not
    be applied are appended to ``problems`` (and the positions of those made on these reports added
    to ``matched``).
    """
    from gzbg import lexicons
    from gzbg.research.panel import build_panel
    from gzbg.runner import extract_frame

    directory = Path(lexicon_dir) if lexicon_dir is not None else None
    rows = extract_frame(sources, directory, jobs, tuple(corrections), problems, matched)
    parents = extract_frame(parent, directory, jobs) if parent is not None else None
    return build_panel(rows, lexicons.load(directory), indicators, long, parents, outcomes)


def diff(old, new, min_score: float | None = None, lexicon_dir: str | Path | None = None):
    """The plan targets of two reports paired by what they measure, each pair with its status.

    ``old`` and ``new`` are DataFrames from ``extract``, tables saved by ``gzbg extract`` (.csv
    .tsv .json .jsonl .parquet) or report files. Statuses: raised, lowered, reworded, unchanged,
    new, dropped (``gzbg.research.diff.status``); every plan target of each side is in one row. See
    ``gzbg.research.diff.diff`` for the columns and ``gzbg.research.diff.summary`` for a one-line count.
    """
    from gzbg.research.diff import MIN_SCORE
    from gzbg.research.diff import diff as _diff

    return _diff(old, new, MIN_SCORE if min_score is None else min_score, lexicon_dir)


def track(plan, outcome, tolerance: float | None = None, lexicon_dir: str | Path | None = None, min_score: float | None = None):
    """Each plan target of ``plan`` with the outcome ``outcome`` (the next report) gives for it.

    Inputs as for ``diff``. Verdicts: met, missed, unknown, with the gap (actual − target) and the
    rule applied; ``tolerance`` is the share of the target a 左右 target may miss by (default 0.05).
    See ``gzbg.research.track.track`` for the columns.
    """
    from gzbg.research.diff import MIN_SCORE
    from gzbg.research.track import TOLERANCE
    from gzbg.research.track import track as _track

    return _track(plan, outcome, TOLERANCE if tolerance is None else tolerance, lexicon_dir, MIN_SCORE if min_score is None else min_score)
