"""Optional features and the extra that installs each: a clear line when one is missing.

A plain ``pip install gzbg`` reads text, Markdown and HTML and writes CSV, TSV, JSON, JSON Lines
and Stata; Parquet, Excel, Word and PDF need packages of their own (``pip install "gzbg[all]"``).
"""

from __future__ import annotations

import importlib

__all__ = ["MissingExtra", "require"]

# feature: (module imported, extra that installs it)
EXTRAS = {
    "Parquet": ("pyarrow", "parquet"),
    "Excel": ("openpyxl", "excel"),
    "Word (.docx)": ("docx", "docx"),
    "PDF": ("pypdf", "pdf"),
}


class MissingExtra(ImportError):
    """An optional package is not installed; the message names the extra to install."""


def require(feature: str) -> None:
    module, extra = EXTRAS[feature]
    try:
        importlib.import_module(module)
    except ImportError:
        raise MissingExtra(f'{feature} needs an optional package: pip install "gzbg[{extra}]" (or "gzbg[all]")') from None
