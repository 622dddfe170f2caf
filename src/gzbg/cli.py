"""The command line: a thin layer over the library (``gzbg.extract``)."""

from __future__ import annotations

import sys
from enum import Enum
from pathlib import Path
from typing import List, Optional

import typer

from .writers import Format

app = typer.Typer(
    add_completion=False,
    no_args_is_help=True,
    help="Every quantified target of a Chinese government work report (政府工作报告), as a table.",
)


def _err(message: str) -> None:
    typer.echo(f"gzbg: {message}", err=True)


def _load(path: Path, encoding: Optional[str]) -> Optional[str]:
    from .reading import ReadError, read_text

    try:
        return read_text(path, encoding)
    except ReadError as exc:
        _err(f"{path}: {exc}")
        return None


def _lexicon_dir(lexicon: Optional[Path]) -> Optional[Path]:
    from .lexicons import LexiconError, load

    try:
        load(lexicon)
    except LexiconError as exc:
        _err(f"lexicon: {exc}")
        raise typer.Exit(2)
    return lexicon


_FORMAT_HELP = "Output format: table, csv, tsv, json, jsonl (default: from -o's extension; a table on a terminal, csv in a pipe)."


class Period(str, Enum):
    plan = "plan"
    review = "review"


class Measure(str, Enum):
    growth = "growth"
    change = "change"
    level = "level"
    amount = "amount"


class Wording(str, Enum):
    hard = "hard"
    soft = "soft"
    neutral = "neutral"


def _read_all(files: List[Path], encoding: Optional[str], lexicon_dir: Optional[Path], year: Optional[int]):
    """Rows of every readable file, and how many files failed (each reported on stderr)."""
    from .pipeline import extract_rows

    rows, failed = [], 0
    for path in files:
        text = _load(path, encoding)
        if text is None:
            failed += 1
            continue
        rows.extend(extract_rows(text, str(path), lexicon_dir, year))
    return rows, failed


def _emit(frame, fmt: Optional[Format], output: Optional[Path]) -> None:
    from .writers import render, write_file

    if output is not None:
        try:
            write_file(frame, fmt, output)
        except OSError as exc:
            _err(f"{output}: {exc.strerror or exc}")
            raise typer.Exit(1)
        return
    if fmt is None:
        fmt = Format.table if sys.stdout.isatty() else Format.csv
    if fmt is Format.table:
        from .display import print_table

        print_table(frame)
    else:
        sys.stdout.write(render(frame, fmt))


def _output_format(fmt: Optional[Format], output: Optional[Path]) -> Optional[Format]:
    from .writers import format_from_path

    if output is not None and fmt is None:
        fmt = format_from_path(output)
        if fmt is None:
            _err(f"{output}: cannot tell the format from the extension; give -f")
            raise typer.Exit(2)
    if output is not None and fmt is Format.table:
        _err("-f table prints to the terminal; choose csv, tsv, json or jsonl for -o")
        raise typer.Exit(2)
    return fmt


_YEAR_HELP = "The report's year (default: read from its title, first lines or file name)."


@app.command()
def extract(
    files: List[Path] = typer.Argument(..., help="Report files (UTF-8, GBK/GB18030 or UTF-16 text).", show_default=False),
    fmt: Optional[Format] = typer.Option(None, "-f", "--format", help=_FORMAT_HELP, show_default=False),
    output: Optional[Path] = typer.Option(None, "-o", "--output", help="Write to this file (whole or not at all).", show_default=False),
    period: Optional[Period] = typer.Option(None, "--period", help="Only results of the past (review) or promises (plan).", show_default=False),
    headline: bool = typer.Option(False, "--headline", help="Only the main expected targets (主要预期目标)."),
    measure: Optional[Measure] = typer.Option(None, "--measure", help="Only growth rates, changes, levels or amounts.", show_default=False),
    wording: Optional[Wording] = typer.Option(None, "--wording", help="Only hard, soft or neutral wording.", show_default=False),
    year: Optional[int] = typer.Option(None, "--year", help=_YEAR_HELP, show_default=False),
    encoding: Optional[str] = typer.Option(None, "--encoding", help="Decode inputs with this encoding instead of detecting it.", show_default=False),
    lexicon: Optional[Path] = typer.Option(None, "--lexicon", help="Folder of lexicon files that replace the shipped ones.", show_default=False),
) -> None:
    """Extract every quantified target into one table.

    Example: gzbg extract samples/xinxiang-2026-excerpt.txt -o targets.csv
    """
    from .table import to_dataframe

    fmt = _output_format(fmt, output)
    lexicon_dir = _lexicon_dir(lexicon)
    rows, failed = _read_all(files, encoding, lexicon_dir, year)
    if failed == len(files):
        raise typer.Exit(1)
    frame = to_dataframe(rows)
    if period is not None:
        frame = frame[frame["period"] == period.value]
    if headline:
        frame = frame[frame["headline"]]
    if measure is not None:
        frame = frame[frame["measure"] == measure.value]
    if wording is not None:
        frame = frame[frame["wording"] == wording.value]
    _emit(frame.reset_index(drop=True), fmt, output)
    if failed:
        raise typer.Exit(1)


@app.command()
def targets(
    files: List[Path] = typer.Argument(..., help="Report files.", show_default=False),
    fmt: Optional[Format] = typer.Option(None, "-f", "--format", help=_FORMAT_HELP, show_default=False),
    output: Optional[Path] = typer.Option(None, "-o", "--output", help="Write to this file (whole or not at all).", show_default=False),
    year: Optional[int] = typer.Option(None, "--year", help=_YEAR_HELP, show_default=False),
    encoding: Optional[str] = typer.Option(None, "--encoding", help="Decode inputs with this encoding instead of detecting it.", show_default=False),
    lexicon: Optional[Path] = typer.Option(None, "--lexicon", help="Folder of lexicon files that replace the shipped ones.", show_default=False),
) -> None:
    """The main expected targets (主要预期目标) only: the same as extract --headline.

    Example: gzbg targets report.txt
    """
    extract(files, fmt, output, None, True, None, None, year, encoding, lexicon)


@app.command()
def sections(
    file: Path = typer.Argument(..., help="A report file.", show_default=False),
    encoding: Optional[str] = typer.Option(None, "--encoding", help="Decode with this encoding instead of detecting it.", show_default=False),
    lexicon: Optional[Path] = typer.Option(None, "--lexicon", help="Folder of lexicon files that replace the shipped ones.", show_default=False),
) -> None:
    """Print the outline: numbered headings, paragraph topics and targets per section.

    Example: gzbg sections samples/xinxiang-2026-excerpt.txt
    """
    from .display import print_outline
    from .pipeline import extract_rows
    from .reading import normalise
    from .sections import paragraphs

    lexicon_dir = _lexicon_dir(lexicon)
    text = _load(file, encoding)
    if text is None:
        raise typer.Exit(1)
    rows = extract_rows(text, str(file), lexicon_dir)
    print_outline(paragraphs(normalise(text)), rows)


def main() -> None:  # pragma: no cover - entry point for python -m gzbg
    app()
