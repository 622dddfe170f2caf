"""The command line: a thin layer over the library (``gzbg.extract``, ``gzbg.runner``)."""

from __future__ import annotations

import os
import sys
from enum import Enum
from pathlib import Path
from typing import List, Optional

import typer
import typer.core

from gzbg.vocab import Measure, Period, Wording
from gzbg.writers import BINARY_FORMATS, Format


class _HelpFlag:
    """click's own --help is a flag too: without a metavar typer 0.2x shows it as `--help <bool>`."""

    def get_help_option(self, ctx):
        option = super().get_help_option(ctx)  # type: ignore[misc]
        if option is not None:
            option.metavar = ""
        return option


class _Command(_HelpFlag, typer.core.TyperCommand):
    pass


class _Group(_HelpFlag, typer.core.TyperGroup):
    pass


# Boolean options are flags: metavar="" keeps click from printing <bool> after them in --help, which
# reads as if --headline took a value (--headline false would then be taken for a file name).
app = typer.Typer(
    cls=_Group,
    add_completion=False,
    no_args_is_help=True,
    help="Every quantified target of a Chinese government work report (政府工作报告), as a table.",
)


def _err(message: str) -> None:
    """One line on standard error; a file name that is not UTF-8 is spelt as in the table (\\xff)."""
    from gzbg.writers import writable

    typer.echo(f"gzbg: {writable(message)}", err=True)


def _lexicon_dir(lexicon: Optional[Path]) -> Optional[Path]:
    from gzbg.lexicons import LexiconError, load

    try:
        load(lexicon)
    except LexiconError as exc:
        _err(f"lexicon: {exc}")
        raise typer.Exit(2) from None
    return lexicon


def _output_format(fmt: Optional[Format], output: Optional[Path]) -> Format:
    from gzbg.writers import format_from_path

    if output is not None and fmt is None:
        fmt = format_from_path(output)
        if fmt is None:
            _err(f"{output}: cannot tell the format from the extension; give -f")
            raise typer.Exit(2) from None
    if output is not None and fmt is Format.table:
        _err("-f table prints to the terminal; choose another format for -o")
        raise typer.Exit(2) from None
    if output is None and fmt in BINARY_FORMATS:
        _err(f"-f {fmt.value} writes a file: give -o PATH")
        raise typer.Exit(2) from None
    if fmt is None:
        fmt = Format.table if sys.stdout.isatty() else Format.csv
    return fmt


def _read_meta(path: Optional[Path]) -> tuple[dict[str, dict[str, str]], list[str]]:
    """--meta: a CSV (or TSV: .tsv, or tabs in the header) whose `file` column names a document
    (its doc or its file name)."""
    if path is None:
        return {}, []
    import csv

    try:
        with open(path, encoding="utf-8-sig", newline="") as handle:
            header = handle.readline()
            handle.seek(0)
            tabs = path.suffix.lower() == ".tsv" or "\t" in header
            reader = csv.DictReader(handle, delimiter="\t" if tabs else ",")
            fields = list(reader.fieldnames or [])
            if "file" not in fields:
                _err(f"{path}: a --meta file needs a 'file' column (found: {', '.join(fields) or 'none'})")
                raise typer.Exit(2) from None
            rows = {r["file"]: r for r in reader}
    except (OSError, UnicodeDecodeError, csv.Error) as exc:
        _err(f"{path}: cannot read ({exc})")
        raise typer.Exit(2) from None
    from gzbg.extraction.table import COLUMNS

    extra = [f for f in fields if f != "file"]
    clash = [f for f in extra if f in COLUMNS]
    if clash:
        _err(f"{path}: column(s) {', '.join(clash)} would replace gzbg's own; rename them")
        raise typer.Exit(2) from None
    return rows, extra


def _max_size(text: str) -> int:
    from gzbg.read.limits import parse_size

    try:
        size = parse_size(text)
    except ValueError as exc:
        _err(f"--max-size: {exc}")
        raise typer.Exit(2) from None
    if size <= 0:
        _err("--max-size: give a size above 0")
        raise typer.Exit(2)
    return size


def _check_output(output: Optional[Path], inputs, force: bool) -> None:
    """-o checked before any work: not an input (by inode), not a folder, and — unless --force —
    not a symlink or a device (one line, exit 2)."""
    from gzbg.writers import OutputError, check_output

    try:
        check_output(output, inputs, force)
    except OutputError as exc:
        _err(str(exc))
        raise typer.Exit(2) from None


def _input_paths(arguments) -> list[Path]:
    from gzbg.read.inputs import expand_inputs

    return [item.path for item in expand_inputs([str(a) for a in arguments])[0]]


def _to_stdout(show, *args) -> None:
    """Print a rich view to standard output; a full disk or a device error there is one line."""
    from gzbg.writers import STDOUT_NAME, silence_stdout

    try:
        show(*args)
        sys.stdout.flush()
    except OSError as exc:
        silence_stdout()
        _err(f"{STDOUT_NAME}: {exc.strerror or exc}")
        raise typer.Exit(1) from None


def _output_failed(exc: Exception) -> typer.Exit:
    _err(str(exc))
    return typer.Exit(1)


def _open_sink(
    fmt: Format,
    columns: list[str],
    output: Optional[Path],
    types: Optional[dict] = None,
    labels: Optional[dict] = None,
    force: bool = False,
):
    """The output, opened before any work is done: a bad path fails at once, in one line."""
    from gzbg.extras import MissingExtra
    from gzbg.writers import OutputError, open_writer

    try:
        return open_writer(fmt, columns, output, types, labels, force)
    except MissingExtra as exc:
        _err(str(exc))
        raise typer.Exit(2) from None
    except OutputError as exc:
        raise _output_failed(exc) from None


def _read_report(file: Path, encoding: Optional[str]) -> str:
    """One report's text, or exit 1 after one line on standard error."""
    from gzbg.read.decode import ReadError
    from gzbg.read.formats import read_document

    try:
        return read_document(file, encoding)
    except ReadError as exc:
        _err(f"{file}: {exc}")
        raise typer.Exit(1) from None


def _read_corrections(path: Optional[Path]) -> tuple:
    if path is None:
        return ()
    from gzbg.review.corrections import CorrectionsError, read_corrections

    try:
        return tuple(read_corrections(path))
    except (CorrectionsError, OSError) as exc:
        _err(f"{path}: {exc}" if isinstance(exc, OSError) else str(exc))
        raise typer.Exit(2) from None


def _note_unmatched(corrections: tuple, matched: set[int]) -> None:
    """Corrections made on reports not in this run: said, but not an error (one file may hold a
    whole corpus' corrections, and a run may read a few of its reports)."""
    from gzbg.review.corrections import unmatched_message

    message = unmatched_message(corrections, matched)
    if message:
        _err(message)


def _keep(row: dict, period, headline, measure, wording) -> bool:
    return (
        (period is None or row["period"] == period.value)
        and (not headline or row["headline"])
        and (measure is None or row["measure"] == measure.value)
        and (wording is None or row["wording"] == wording.value)
    )


def _progress(total: int, quiet: bool):
    """A rich progress bar on standard error when it is a terminal; else nothing."""
    if quiet or not sys.stderr.isatty():
        return None
    from rich.console import Console
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn

    progress = Progress(
        TextColumn("{task.description}"),
        BarColumn(),
        MofNCompleteColumn(),
        TextColumn("{task.fields[rows]} rows, {task.fields[errors]} errors"),
        TimeRemainingColumn(),
        console=Console(stderr=True),
        transient=True,
    )
    progress.start()
    # Until the first document is done the wait is jieba's dictionary (seconds on a cold start): said
    # so, rather than a bar sitting at 0 with no word.
    progress.add_task("starting (loading the dictionary)", total=total, rows=0, errors=0)
    return progress


_FORMAT_HELP = (
    "Output format: table, csv, tsv, json, jsonl, parquet, xlsx, dta (default: from -o's extension; a table on a terminal, csv in a pipe)."
)
_YEAR_HELP = "The report's year (default: read from its title, first lines or file name)."
_MAX_SIZE_HELP = (
    "The largest input read (K, M, G: 500K, 2G); a .docx or .xlsx also may not expand beyond it "
    "nor more than 100 times. A larger input is one line on standard error; the others are read."
)
_FORCE_HELP = (
    "Write -o even when it is a symbolic link (the file it points to is replaced) or a device or "
    "pipe (written into directly). Without it these are refused before any work."
)
# Options every reading command shares, declared once (typer reads an option's declaration anew
# for each command that names it as a default).
_LEXICON_OPTION = typer.Option(None, "--lexicon", help="Folder of lexicon files that replace the shipped ones.", show_default=False)
_MAX_SIZE_OPTION = typer.Option("256M", "--max-size", help=_MAX_SIZE_HELP)
_FORCE_OPTION = typer.Option(False, "--force", help=_FORCE_HELP, metavar="")


@app.command(cls=_Command)
def extract(
    files: List[str] = typer.Argument(
        ..., help="Report files, folders (read recursively) or globs: .txt .md .html .docx .pdf.", show_default=False
    ),
    fmt: Optional[Format] = typer.Option(None, "-f", "--format", help=_FORMAT_HELP, show_default=False),
    output: Optional[Path] = typer.Option(None, "-o", "--output", help="Write to this file (whole or not at all).", show_default=False),
    period: Optional[Period] = typer.Option(
        None, "--period", help="Only results of the past (review) or promises (plan).", show_default=False
    ),
    headline: bool = typer.Option(False, "--headline", help="Only the main expected targets (主要预期目标).", metavar=""),
    measure: Optional[Measure] = typer.Option(None, "--measure", help="Only growth rates, changes, levels or amounts.", show_default=False),
    wording: Optional[Wording] = typer.Option(None, "--wording", help="Only hard, soft or neutral wording.", show_default=False),
    year: Optional[int] = typer.Option(None, "--year", help=_YEAR_HELP, show_default=False),
    meta: Optional[Path] = typer.Option(
        None, "--meta", help="CSV or TSV with a 'file' column: its other columns are added to each document's rows.", show_default=False
    ),
    jobs: int = typer.Option(0, "-j", "--jobs", help="Parallel processes (default: the number of CPUs).", show_default=False),
    quiet: bool = typer.Option(False, "-q", "--quiet", help="No progress bar.", metavar=""),
    strict: bool = typer.Option(False, "--strict", help="Stop at the first file that cannot be read; write nothing.", metavar=""),
    corrections: Optional[Path] = typer.Option(
        None, "--corrections", help="A corrections CSV (from gzbg show) applied to the rows.", show_default=False
    ),
    encoding: Optional[str] = typer.Option(
        None, "--encoding", help="Decode text files with this encoding instead of detecting it.", show_default=False
    ),
    lexicon: Optional[Path] = _LEXICON_OPTION,
    max_size: str = _MAX_SIZE_OPTION,
    force: bool = _FORCE_OPTION,
) -> None:
    """Extract every quantified target of one or many reports into one table.

    Exit status: 0 when every file was read, 1 when some could not be or a correction no longer
    fits its report (each is named on standard error), 2 for a usage error.

    Example: gzbg extract samples/xinxiang-2026-excerpt.txt -o targets.csv
    """
    from gzbg.extraction.table import COLUMNS
    from gzbg.read.inputs import expand_inputs
    from gzbg.runner import Settings, run
    from gzbg.writers import OutputError, writable_rows

    fmt = _output_format(fmt, output)
    limit = _max_size(max_size)
    lexicon_dir = _lexicon_dir(lexicon)
    meta_rows, meta_columns = _read_meta(meta)
    items, failures = expand_inputs(files)
    _check_output(output, [*(item.path for item in items), *(p for p in (meta, corrections) if p)], force)
    inputs_count = len(items) + len(failures)
    if strict and failures:
        _err(f"{failures[0][0]}: {failures[0][1]}")
        raise typer.Exit(1) from None
    settings = Settings(encoding, lexicon_dir, year, _read_corrections(corrections), max_size=limit)
    # With corrections, each row says whether a reviewer checked it (accepted, fixed or added).
    columns = [*COLUMNS, *(["reviewed"] if settings.corrections else []), *meta_columns]
    matched: set[int] = set()
    workers = jobs if jobs > 0 else (os.cpu_count() or 1)

    table_rows: list[dict] = []
    sink = None if fmt is Format.table else _open_sink(fmt, columns, output, force=force)
    progress = _progress(len(items), quiet)
    total_rows = read = 0
    problems: list[str] = []
    results = run(items, settings, workers)
    try:
        for result in results:
            if result.error:
                failures.append((result.doc if result.doc else result.path, result.error))
                if strict:
                    _err(f"{failures[-1][0]}: {failures[-1][1]}")
                    raise typer.Exit(1) from None
            else:
                read += 1
                problems.extend(result.problems)
                matched.update(result.matched)
                extra = meta_rows.get(result.doc) or meta_rows.get(Path(result.path).name) or {}
                kept = [
                    {**r, **{c: extra.get(c, "") for c in meta_columns}}
                    for r in result.rows
                    if _keep(r, period, headline, measure, wording)
                ]
                total_rows += len(kept)
                if sink is None:
                    table_rows.extend(kept)
                else:
                    sink.write(kept)
            if progress is not None:
                progress.update(0, advance=1, description="extracting", rows=total_rows, errors=len(failures))
    except OutputError as exc:
        results.close()
        raise _output_failed(exc) from None
    except BaseException:
        if sink is not None:
            sink.abort()  # first: nothing after this may leave the temporary file
        results.close()  # drops the documents not yet started
        raise
    finally:
        if progress is not None:
            progress.stop()

    for where, reason in failures:
        _err(f"{where}: {reason}")
    _note_unmatched(settings.corrections, matched)
    _print_problems(problems)
    if read == 0:
        if sink is not None:
            sink.abort()
        if inputs_count > 1:
            _err("no file could be read")
        raise typer.Exit(1) from None
    if sink is not None:
        try:
            sink.close()
        except OutputError as exc:
            raise _output_failed(exc) from None
    else:
        from gzbg.review.terminal import print_table

        _to_stdout(print_table, writable_rows(table_rows))
    if failures:
        rows_word = "row" if total_rows == 1 else "rows"
        _err(f"{len(failures)} of {len(failures) + read} inputs could not be read; {total_rows} {rows_word} from the others")
    if failures or problems:
        raise typer.Exit(1) from None


@app.command(cls=_Command)
def targets(
    files: List[str] = typer.Argument(..., help="Report files, folders or globs.", show_default=False),
    fmt: Optional[Format] = typer.Option(None, "-f", "--format", help=_FORMAT_HELP, show_default=False),
    output: Optional[Path] = typer.Option(None, "-o", "--output", help="Write to this file (whole or not at all).", show_default=False),
    year: Optional[int] = typer.Option(None, "--year", help=_YEAR_HELP, show_default=False),
    meta: Optional[Path] = typer.Option(
        None, "--meta", help="CSV or TSV with a 'file' column: its other columns are added to each document's rows.", show_default=False
    ),
    jobs: int = typer.Option(0, "-j", "--jobs", help="Parallel processes (default: the number of CPUs).", show_default=False),
    quiet: bool = typer.Option(False, "-q", "--quiet", help="No progress bar.", metavar=""),
    strict: bool = typer.Option(False, "--strict", help="Stop at the first file that cannot be read; write nothing.", metavar=""),
    corrections: Optional[Path] = typer.Option(
        None, "--corrections", help="A corrections CSV (from gzbg show) applied to the rows.", show_default=False
    ),
    encoding: Optional[str] = typer.Option(
        None, "--encoding", help="Decode text files with this encoding instead of detecting it.", show_default=False
    ),
    lexicon: Optional[Path] = _LEXICON_OPTION,
    max_size: str = _MAX_SIZE_OPTION,
    force: bool = _FORCE_OPTION,
) -> None:
    """The main expected targets (主要预期目标) only: the same as extract --headline, with the
    same options.

    Example: gzbg targets report.txt
    """
    extract(
        files=files,
        fmt=fmt,
        output=output,
        period=None,
        headline=True,
        measure=None,
        wording=None,
        year=year,
        meta=meta,
        jobs=jobs,
        quiet=quiet,
        strict=strict,
        corrections=corrections,
        encoding=encoding,
        lexicon=lexicon,
        max_size=max_size,
        force=force,
    )


@app.command(cls=_Command)
def sections(
    file: Path = typer.Argument(..., help="A report file.", show_default=False),
    encoding: Optional[str] = typer.Option(
        None, "--encoding", help="Decode with this encoding instead of detecting it.", show_default=False
    ),
    lexicon: Optional[Path] = _LEXICON_OPTION,
    max_size: str = _MAX_SIZE_OPTION,
) -> None:
    """Print the parts of the report with their kind (opening, review, plan, closing, annex) and
    rows per period, then the outline: numbered headings, paragraph topics and targets per section.

    Example: gzbg sections samples/xinxiang-2026-excerpt.txt
    """
    from gzbg.extraction.pipeline import read_report
    from gzbg.extraction.sections import paragraphs
    from gzbg.failures import reason_of
    from gzbg.lexicons import LexiconError
    from gzbg.read.decode import normalise
    from gzbg.read.formats import read_document
    from gzbg.review.terminal import print_outline, print_parts

    limit = _max_size(max_size)
    lexicon_dir = _lexicon_dir(lexicon)
    try:
        text = read_document(file, encoding, limit)
        report = read_report(text, str(file), lexicon_dir)
        outline = paragraphs(normalise(text))
    except LexiconError:
        raise
    except Exception as exc:  # the one error path of every command: one line, never a traceback
        _err(f"{file}: {reason_of(exc)}")
        raise typer.Exit(1) from None
    _to_stdout(print_parts, report.parts, report.rows, text)
    _to_stdout(print_outline, outline, report.rows)


@app.command(cls=_Command)
def show(
    files: List[str] = typer.Argument(
        ...,
        help="Report files, folders (read recursively), globs, or tables saved by extract, panel or check (their reports are read again).",
        show_default=False,
    ),
    output: Optional[Path] = typer.Option(
        None, "-o", "--output", help="Write one standalone HTML review page here; without it, print to the terminal.", show_default=False
    ),
    headline: bool = typer.Option(
        False, "--headline", help="Only the headline passages and their rows: the view for checking a panel.", metavar=""
    ),
    corrections: Optional[Path] = typer.Option(
        None, "--corrections", help="Earlier corrections: shown as made, and carried into the page's CSV.", show_default=False
    ),
    year: Optional[int] = typer.Option(None, "--year", help=_YEAR_HELP, show_default=False),
    jobs: int = typer.Option(0, "-j", "--jobs", help="Parallel processes (default: the number of CPUs).", show_default=False),
    quiet: bool = typer.Option(False, "-q", "--quiet", help="No progress bar.", metavar=""),
    encoding: Optional[str] = typer.Option(
        None, "--encoding", help="Decode with this encoding instead of detecting it.", show_default=False
    ),
    lexicon: Optional[Path] = _LEXICON_OPTION,
    max_size: str = _MAX_SIZE_OPTION,
    force: bool = _FORCE_OPTION,
) -> None:
    """Show every extracted quantity where it stands in its report, to review and correct it.

    With -o, one page for all the reports: a list with each report's gzbg check warnings and review
    progress, its text with the rows highlighted, and an editor for every column (keys: j/k move,
    a accept, x mark wrong, e edit, n/p next report). Corrections are autosaved in the browser and
    downloaded as one CSV for extract, panel and check --corrections.

    Exit status: 0 when every report was read, 1 when some could not be (named on standard error;
    the page holds the others), 2 for a usage error.

    Example: gzbg show reports/ --headline -o review.html
    """
    from gzbg.failures import reason_of
    from gzbg.review.check import check_result, mark_duplicates
    from gzbg.runner import Settings, run

    limit = _max_size(max_size)
    lexicon_dir = _lexicon_dir(lexicon)
    made = _read_corrections(corrections)
    items, failures = _show_inputs(files)
    _check_output(output, [item.path for item in items] + ([corrections] if corrections else []), force)
    settings = Settings(encoding, lexicon_dir, year, fingerprint=True, review=True, max_size=limit)
    progress = _progress(len(items), quiet)
    results, checks = [], []
    try:
        for result in run(items, settings, jobs if jobs > 0 else (os.cpu_count() or 1)):
            if result.error:
                failures.append((result.doc or result.path, result.error))
                continue
            try:
                checks.append(check_result(result))
                results.append(result)
            except Exception as exc:  # one report's defect is its own line, as in extract
                failures.append((result.doc or result.path, reason_of(exc)))
            if progress is not None:
                progress.update(0, advance=1, description="extracting", rows=sum(len(r.rows) for r in results), errors=len(failures))
    finally:
        if progress is not None:
            progress.stop()
    mark_duplicates(checks, [r.text_hash for r in results])
    _report_failures(failures)
    if not results:
        raise typer.Exit(1)
    if output is None:
        _to_stdout(_print_reports, results, headline)
    else:
        _write_page(results, checks, output, headline, made, lexicon_dir, force)
    if failures:
        raise typer.Exit(1)


def _show_inputs(files: List[str]):
    """show's inputs: reports, folders and globs, and the reports a saved table names."""
    from gzbg.read.inputs import expand_inputs
    from gzbg.read.saved import is_table, reports_named

    items, failures = [], []
    for argument in files:
        if is_table(argument):
            try:
                found, missing = reports_named(Path(argument))
            except (ValueError, OSError) as exc:
                failures.append((argument, str(exc).removeprefix(f"{argument}: ")))
                continue
        else:
            found, missing = expand_inputs([argument])
        items.extend(found)
        failures.extend(missing)
    return items, failures


def _print_reports(results, headline: bool) -> None:
    from rich.console import Console
    from rich.rule import Rule

    from gzbg.extraction.table import to_dataframe
    from gzbg.review.page import print_report

    console = Console()
    for result in results:
        if len(results) > 1:
            console.print(Rule(result.doc, style="bold"))
        frame = to_dataframe(result.rows)
        if headline:
            frame = frame[frame["headline"]]
        print_report(result.text, frame, console, excluded=result.excluded)


def _write_page(results, checks, output: Path, headline: bool, made, lexicon_dir, force: bool) -> None:
    from gzbg.extraction.table import to_dataframe
    from gzbg.review.page import ReportView, render_page
    from gzbg.writers import OutputError, write_text_atomically

    views = [
        ReportView(r.doc, r.text, to_dataframe(r.rows), r.excluded, r.headlines, c.warnings, r.place, r.level, r.year)
        for r, c in zip(results, checks)
    ]
    page = render_page(views, headline, list(made), lexicon_dir=lexicon_dir)
    try:
        write_text_atomically(output, page, force)
    except OutputError as exc:
        raise _output_failed(exc) from None


@app.command(cls=_Command)
def panel(
    files: List[str] = typer.Argument(..., help="Report files, folders (read recursively) or globs.", show_default=False),
    indicators: Optional[str] = typer.Option(
        None,
        "--indicators",
        help="Comma-separated indicator codes (lexicons/indicators.tsv); default: every one found.",
        show_default=False,
    ),
    long: bool = typer.Option(
        False, "--long", help="One row per report × indicator, with escalation against the parent government's report.", metavar=""
    ),
    outcomes: bool = typer.Option(
        False, "--outcomes", help="With --long: the outcome the same place's next report gives (actual, gap, met).", metavar=""
    ),
    parent: Optional[List[str]] = typer.Option(
        None, "--parent", help="Parent governments' reports (or folders) to compare with, not written as rows.", show_default=False
    ),
    fmt: Optional[Format] = typer.Option(None, "-f", "--format", help=_FORMAT_HELP, show_default=False),
    output: Optional[Path] = typer.Option(None, "-o", "--output", help="Write to this file (whole or not at all).", show_default=False),
    jobs: int = typer.Option(0, "-j", "--jobs", help="Parallel processes (default: the number of CPUs).", show_default=False),
    corrections: Optional[Path] = typer.Option(
        None,
        "--corrections",
        help="A corrections CSV (from gzbg show) applied first; --long then marks the reviewed cells.",
        show_default=False,
    ),
    lexicon: Optional[Path] = _LEXICON_OPTION,
    max_size: str = _MAX_SIZE_OPTION,
    force: bool = _FORCE_OPTION,
) -> None:
    """The headline targets of many reports as one table: a panel of place × year × indicator.

    Wide by default (one row per report; per indicator <code>, <code>_max, <code>_cmp,
    <code>_wording, <code>_relation); --long gives one row per report and indicator with the
    parent government's target of the same year (parent_place, parent_value, gap_to_parent,
    escalated) and, with --outcomes, attainment (actual, gap, met, outcome_doc, outcome_start).
    Stata files carry the indicators' Chinese labels; Excel files a frozen header and filters.

    Example: gzbg panel provinces/ national-2026.txt --long --indicators gdp_growth -o escalation.csv
    """
    from gzbg.failures import Failures
    from gzbg.lexicons import load
    from gzbg.research.panel import build_panel, variable_labels
    from gzbg.runner import extract_frame

    fmt = _output_format(fmt, output)
    limit = _max_size(max_size)
    lexicon_dir = _lexicon_dir(lexicon)
    codes = [c.strip() for c in indicators.split(",") if c.strip()] if indicators else None
    known = {ind.code for ind in load(lexicon_dir).indicators}
    unknown = [c for c in codes or [] if c not in known]
    if unknown:
        _err(f"--indicators: unknown code(s) {', '.join(unknown)} (see lexicons/indicators.tsv)")
        raise typer.Exit(2)
    if outcomes and not long:
        _err("--outcomes needs --long")
        raise typer.Exit(2)
    workers = jobs if jobs > 0 else (os.cpu_count() or 1)
    _check_output(output, _input_paths([*files, *(parent or [])]), force)
    made = _read_corrections(corrections)
    failures = Failures()
    problems: list[str] = []
    matched: set[int] = set()
    rows = extract_frame(files, lexicon_dir, workers, made, problems, matched, failures, limit)
    parents = extract_frame(parent, lexicon_dir, workers, failures=failures, max_size=limit) if parent else None
    _report_failures(failures)
    if rows.empty and failures:
        _err("no report could be read")
        raise typer.Exit(1)
    frame = build_panel(rows, load(lexicon_dir), codes, long, parents, outcomes)
    from gzbg.review.terminal import print_frame

    labels = variable_labels(frame.columns, load(lexicon_dir))
    _emit_frame(frame, list(frame.columns), fmt, output, print_frame, labels, force)
    reports, count = frame["doc"].nunique(), len(frame)
    _err(
        f"{reports} report{'s' if reports != 1 else ''}, {count} row{'s' if count != 1 else ''}"
        + (f"; {len(failures)} input{'s' if len(failures) != 1 else ''} could not be read" if failures else "")
    )
    _note_unmatched(made, matched)
    _print_problems(problems)
    if failures or problems:
        raise typer.Exit(1)


@app.command(cls=_Command)
def check(
    files: List[str] = typer.Argument(..., help="Report files, folders (read recursively) or globs.", show_default=False),
    fmt: Optional[Format] = typer.Option(None, "-f", "--format", help=_FORMAT_HELP, show_default=False),
    output: Optional[Path] = typer.Option(None, "-o", "--output", help="Write to this file (whole or not at all).", show_default=False),
    year: Optional[int] = typer.Option(None, "--year", help=_YEAR_HELP, show_default=False),
    jobs: int = typer.Option(0, "-j", "--jobs", help="Parallel processes (default: the number of CPUs).", show_default=False),
    quiet: bool = typer.Option(False, "-q", "--quiet", help="No progress bar.", metavar=""),
    corrections: Optional[Path] = typer.Option(
        None, "--corrections", help="A corrections CSV (from gzbg show) applied before the check.", show_default=False
    ),
    encoding: Optional[str] = typer.Option(
        None, "--encoding", help="Decode text files with this encoding instead of detecting it.", show_default=False
    ),
    lexicon: Optional[Path] = _LEXICON_OPTION,
    max_size: str = _MAX_SIZE_OPTION,
    force: bool = _FORCE_OPTION,
) -> None:
    """Check how each report was read: one row per report with its place, level and year, its
    parts by kind, the headline passage (trigger, rows, relations), its GDP growth target, rows by
    period, and warnings (no review or plan part, no headline, over 80% plan rows, headline outside
    the plan part, the same text twice, a short text, a year unlike the file name's). A summary
    line ends on standard error.

    Exit status: 0 when every file was read, 1 when some could not be, 2 for a usage error.

    Example: gzbg check reports/ -o check.csv
    """
    from gzbg.failures import reason_of
    from gzbg.read.inputs import expand_inputs
    from gzbg.review.check import CHECK_COLUMNS, CHECK_TYPES, check_result, mark_duplicates, summary
    from gzbg.runner import Settings, run
    from gzbg.writers import OutputError, writable_rows

    fmt = _output_format(fmt, output)
    limit = _max_size(max_size)
    lexicon_dir = _lexicon_dir(lexicon)
    items, failures = expand_inputs(files)
    _check_output(output, [item.path for item in items], force)
    sink = None if fmt is Format.table else _open_sink(fmt, list(CHECK_COLUMNS), output, CHECK_TYPES, force=force)
    progress = _progress(len(items), quiet)
    checks, hashes = [], []
    problems: list[str] = []
    matched: set[int] = set()
    settings = Settings(encoding, lexicon_dir, year, _read_corrections(corrections), fingerprint=True, max_size=limit)
    results = run(items, settings, jobs if jobs > 0 else (os.cpu_count() or 1))
    try:
        for result in results:
            where = result.doc or result.path
            if result.error:
                failures.append((where, result.error))
            else:
                try:
                    checks.append(check_result(result))
                    hashes.append(result.text_hash)
                    problems.extend(result.problems)
                    matched.update(result.matched)
                except Exception as exc:  # one report's defect is its own line, as in extract
                    failures.append((where, reason_of(exc)))
            if progress is not None:
                progress.update(0, advance=1, description="extracting", rows=len(checks), errors=len(failures))
    except BaseException:
        if sink is not None:
            sink.abort()  # first: nothing after this may leave the temporary file
        results.close()  # drops the documents not yet started
        raise
    finally:
        if progress is not None:
            progress.stop()
    mark_duplicates(checks, hashes)
    rows = writable_rows([vars(c) for c in checks])
    if sink is None:
        from gzbg.review.terminal import print_checks

        _to_stdout(print_checks, rows)
    else:
        try:
            sink.write(rows)
            sink.close()
        except OutputError as exc:
            raise _output_failed(exc) from None
    _report_failures(failures)
    _note_unmatched(settings.corrections, matched)
    _print_problems(problems)
    _err(summary(checks) + (f"; {len(failures)} could not be read" if failures else ""))
    if failures or problems:
        raise typer.Exit(1)


def _load_sides(
    source: str, encoding: Optional[str], lexicon_dir: Optional[Path], corrections: tuple, problems: list, failures, max_size: int
) -> dict:
    """The reports of one side of diff or track, by doc: one report or saved table, or a folder,
    a glob or a saved table of many reports. An input that fails is added to ``failures`` (the
    other reports of a folder are kept); a side with nothing readable is empty."""
    from gzbg.lexicons import LexiconError
    from gzbg.research.pairs import is_many, side_reports
    from gzbg.runner import extract_frame

    if is_many(source):
        rows = extract_frame([source], lexicon_dir, os.cpu_count() or 1, corrections, problems, failures=failures, max_size=max_size)
        if rows.empty:
            if not failures:
                failures.add(source, "no report found")
            return {}
        return side_reports(rows)
    from gzbg.read.saved import load_table

    try:
        frame = load_table(source, None, lexicon_dir, encoding, corrections, problems, max_size)
    except LexiconError:
        raise
    except ValueError as exc:  # a table that is not one gzbg saved; its message names the file
        failures.add(source, str(exc).removeprefix(f"{source}: "))
        return {}
    except Exception as exc:  # the one error path of every command: one line, never a traceback
        failures.add(source, exc)
        return {}
    if "doc" in frame.columns and frame["doc"].nunique() > 1:
        return side_reports(frame)  # a table saved from many reports
    return {source: frame}


def _both_sides(old: str, new: str, encoding, lexicon_dir, made: tuple, problems: list, max_size: int):
    """Both sides of diff or track, each failure named; exit 1 when a side has no report."""
    from gzbg.failures import Failures

    failures = Failures()
    before = _load_sides(old, encoding, lexicon_dir, made, problems, failures, max_size)
    after = _load_sides(new, encoding, lexicon_dir, made, problems, failures, max_size)
    _report_failures(failures)
    if not before or not after:
        raise typer.Exit(1)
    return before, after, failures


def _report_failures(failures) -> None:
    """Each input that failed, as ``gzbg: PATH: reason``."""
    for where, reason in failures:
        _err(f"{where}: {reason}")


def _print_problems(problems: list[str]) -> None:
    """Corrections that no longer fit their report, one line each."""
    for problem in problems:
        _err(f"correction not applied: {problem}")


def _report_problems(problems: list[str]) -> None:
    """Name the corrections that no longer fit, and exit 1 (the output is already written)."""
    _print_problems(problems)
    if problems:
        raise typer.Exit(1)


def _emit_frame(frame, columns, fmt: Format, output: Optional[Path], terminal, labels: Optional[dict] = None, force: bool = False) -> None:
    """Write a comparison table like extract writes rows; ``terminal`` prints the rich view."""
    from gzbg.extraction.table import records
    from gzbg.writers import OutputError, kinds_of_frame, writable_rows

    frame = frame[list(columns)]
    rows = records(frame)
    if fmt is Format.table:
        _to_stdout(terminal, writable_rows(rows))
        return
    sink = _open_sink(fmt, list(columns), output, kinds_of_frame(frame), labels, force)
    try:
        sink.write(rows)
        sink.close()
    except OutputError as exc:
        raise _output_failed(exc) from None
    except BaseException:
        sink.abort()
        raise


class Only(str, Enum):
    changed = "changed"
    all = "all"


@app.command(cls=_Command)
def diff(
    old: str = typer.Argument(
        ..., help="The earlier report, or a table saved by gzbg extract (.csv .json .parquet …).", show_default=False
    ),
    new: str = typer.Argument(..., help="The later report, or a saved table.", show_default=False),
    fmt: Optional[Format] = typer.Option(None, "-f", "--format", help=_FORMAT_HELP, show_default=False),
    output: Optional[Path] = typer.Option(None, "-o", "--output", help="Write to this file (whole or not at all).", show_default=False),
    only: Only = typer.Option(Only.all, "--only", help="changed: leave out unchanged targets."),
    min_score: Optional[float] = typer.Option(
        None, "--min-score", help="Pairs scoring below this are reported as dropped + new (default 0.5).", show_default=False
    ),
    corrections: Optional[Path] = typer.Option(
        None, "--corrections", help="A corrections CSV applied to the reports read here.", show_default=False
    ),
    encoding: Optional[str] = typer.Option(
        None, "--encoding", help="Decode reports with this encoding instead of detecting it.", show_default=False
    ),
    lexicon: Optional[Path] = _LEXICON_OPTION,
    max_size: str = _MAX_SIZE_OPTION,
    force: bool = _FORCE_OPTION,
) -> None:
    """Compare the plan targets of two reports: raised, lowered, reworded, unchanged, new, dropped.

    Example: gzbg diff national-2023.txt national-2024.txt --only changed
    """
    from gzbg.research.diff import CHANGED, COLUMNS, MIN_SCORE, summary
    from gzbg.research.diff import diff as compare

    fmt = _output_format(fmt, output)
    limit = _max_size(max_size)
    lexicon_dir = _lexicon_dir(lexicon)
    made, problems = _read_corrections(corrections), list[str]()
    threshold = MIN_SCORE if min_score is None else min_score
    _check_output(output, [old, new, *_input_paths([old, new]), *([corrections] if corrections else [])], force)
    before, after, failures = _both_sides(old, new, encoding, lexicon_dir, made, problems, limit)
    columns = list(COLUMNS)
    if len(before) == 1 and len(after) == 1:
        frame = compare(next(iter(before.values())), next(iter(after.values())), threshold, lexicon_dir)
    else:
        from gzbg.research.pairs import paired, stacked

        pairs = paired(before, after)
        if not pairs:
            _err("no report on the new side is a later report of a place on the old side")
            raise typer.Exit(2)
        frame = stacked(pairs, lambda a, b: compare(a, b, threshold, lexicon_dir))
        columns = ["place", "old_year", "new_year", *columns]
        typer.echo(f"{len(pairs)} pair{'s' if len(pairs) != 1 else ''} of reports", err=True)
    typer.echo(summary(frame), err=True)
    if only is Only.changed:
        frame = frame[frame["status"].isin(CHANGED)]
    from gzbg.review.terminal import print_diff

    _emit_frame(frame, columns, fmt, output, print_diff, force=force)
    _report_problems(problems)
    if failures:
        raise typer.Exit(1)


@app.command(cls=_Command)
def track(
    plan: str = typer.Argument(..., help="The report whose plan targets are checked (or its saved table).", show_default=False),
    outcome: str = typer.Argument(..., help="The next year's report, whose review part gives the outcomes.", show_default=False),
    fmt: Optional[Format] = typer.Option(None, "-f", "--format", help=_FORMAT_HELP, show_default=False),
    output: Optional[Path] = typer.Option(None, "-o", "--output", help="Write to this file (whole or not at all).", show_default=False),
    tolerance: Optional[float] = typer.Option(
        None,
        "--tolerance",
        help="How far below a 左右 or plain target still counts as met, as a share of it (default 0.05).",
        show_default=False,
    ),
    min_score: Optional[float] = typer.Option(
        None, "--min-score", help="Outcomes scoring below this are not taken (verdict unknown).", show_default=False
    ),
    corrections: Optional[Path] = typer.Option(
        None, "--corrections", help="A corrections CSV applied to the reports read here.", show_default=False
    ),
    encoding: Optional[str] = typer.Option(
        None, "--encoding", help="Decode reports with this encoding instead of detecting it.", show_default=False
    ),
    lexicon: Optional[Path] = _LEXICON_OPTION,
    max_size: str = _MAX_SIZE_OPTION,
    force: bool = _FORCE_OPTION,
) -> None:
    """Check each plan target against the outcome the next report gives: met, missed or unknown.

    Example: gzbg track national-2024.txt national-2025.txt
    """
    from collections import Counter

    from gzbg.research.track import COLUMNS, MIN_SCORE, TOLERANCE, VERDICTS
    from gzbg.research.track import track as check

    fmt = _output_format(fmt, output)
    limit = _max_size(max_size)
    lexicon_dir = _lexicon_dir(lexicon)
    made, problems = _read_corrections(corrections), list[str]()
    _check_output(output, [plan, outcome, *_input_paths([plan, outcome]), *([corrections] if corrections else [])], force)
    targets_side, outcome_side, failures = _both_sides(plan, outcome, encoding, lexicon_dir, made, problems, limit)
    tol, threshold = TOLERANCE if tolerance is None else tolerance, MIN_SCORE if min_score is None else min_score
    columns = list(COLUMNS)
    if len(targets_side) == 1 and len(outcome_side) == 1:
        frame = check(next(iter(targets_side.values())), next(iter(outcome_side.values())), tol, lexicon_dir, threshold)
    else:
        from gzbg.research.pairs import paired, stacked

        pairs = paired(targets_side, outcome_side)
        if not pairs:
            _err("no report on the outcome side is a later report of a place on the plan side")
            raise typer.Exit(2)
        frame = stacked(pairs, lambda a, b: check(a, b, tol, lexicon_dir, threshold))
        columns = ["place", "old_year", "new_year", *columns]
        typer.echo(f"{len(pairs)} pair{'s' if len(pairs) != 1 else ''} of reports", err=True)
    counts = Counter(frame["verdict"]) if len(frame) else Counter()
    typer.echo(", ".join(f"{counts.get(v, 0)} {v}" for v in VERDICTS), err=True)
    from gzbg.review.terminal import print_track

    _emit_frame(frame, columns, fmt, output, print_track, force=force)
    _report_problems(problems)
    if failures:
        raise typer.Exit(1)


def _terminated(signum, frame) -> None:
    """SIGTERM ends a run as Ctrl-C does: by an exception, so that every ``except BaseException``
    on the way out removes its temporary file (no ``.part`` is left), then exit 143 (128 + 15)."""
    _err("terminated")
    raise SystemExit(128 + signum)


def main() -> None:
    """The ``gzbg`` command. A reader that closes the pipe early (``gzbg extract r.txt | head``)
    ends it quietly, as it ends ``cat``: by SIGPIPE, with no message and no traceback. SIGTERM
    cleans up as SIGINT does."""
    import signal

    if hasattr(signal, "SIGPIPE"):
        signal.signal(signal.SIGPIPE, signal.SIG_DFL)
    signal.signal(signal.SIGTERM, _terminated)
    app()
