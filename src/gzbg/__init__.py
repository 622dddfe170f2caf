"""gzbg: every quantified target of a Chinese government work report, in a traceable table."""

from __future__ import annotations

from pathlib import Path

from .lexicons import LexiconError
from .reading import ReadError

__all__ = ["extract", "ReadError", "LexiconError", "__version__"]
__version__ = "0.1.0"


def extract(text: str, doc: str = "", lexicon_dir: str | Path | None = None, year: int | None = None):
    """The targets of a report text as a pandas DataFrame (columns: ``gzbg.table.COLUMNS``).

    ``doc`` names the report in the ``doc`` column (and its year may be read from it); ``year``
    overrides the report year read from the text.

    >>> df = extract("更新改造地下管网120公里以上。")
    >>> df.loc[0, ["metric", "value", "unit", "comparator"]].tolist()
    ['地下管网(更新改造)', 120.0, '公里', '>=']
    """
    from .pipeline import extract_rows
    from .table import to_dataframe

    directory = Path(lexicon_dir) if lexicon_dir is not None else None
    return to_dataframe(extract_rows(text, doc, directory, year))
