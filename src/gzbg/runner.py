"""Extract many documents, in parallel processes when asked, yielding results in input order."""

from __future__ import annotations

import dataclasses
import hashlib
from dataclasses import dataclass
from pathlib import Path
from typing import Generator

from gzbg.read.inputs import Input
from gzbg.read.limits import DEFAULT_MAX_SIZE

__all__ = ["Result", "extract_document", "extract_frame", "run"]


@dataclass
class Result:
    doc: str
    path: str
    rows: list[dict]
    chars: int
    error: str = ""
    problems: tuple[str, ...] = ()  # corrections that could not be applied
    parts: tuple = ()  # gzbg.extraction.parts.Part records
    headlines: tuple = ()  # gzbg.extraction.headline.Headline records
    text_hash: str = ""  # of the text without white space: the same report twice
    place: str = ""
    level: str = ""
    year: int | None = None
    matched: tuple[int, ...] = ()  # positions of the Settings' corrections made on this report
    text: str = ""  # kept with Settings.review, with the numerals left out
    excluded: tuple = ()  # gzbg.extraction.pipeline.Excluded records


@dataclass(frozen=True)
class Settings:
    encoding: str | None
    lexicon_dir: Path | None
    year: int | None
    corrections: tuple = ()  # gzbg.review.corrections.Correction records, applied to every document
    fingerprint: bool = False  # hash each text (gzbg check's "same text twice"); off for extract
    review: bool = False  # keep each text and its excluded numerals (gzbg show)
    max_size: int | None = DEFAULT_MAX_SIZE  # the largest input read, in bytes (gzbg.read.limits)


def extract_document(item: Input, settings: Settings) -> Result:
    """One document's rows as dicts, or the one-line reason it could not be read."""
    from gzbg.extraction.pipeline import collector_paused, read_report
    from gzbg.extraction.table import as_record
    from gzbg.extraction.tagging import flush
    from gzbg.failures import reason_of
    from gzbg.lexicons import LexiconError
    from gzbg.read.formats import read_document

    problems: tuple[str, ...] = ()
    matched: tuple[int, ...] = ()
    excluded: tuple = ()
    try:
        text = read_document(item.path, settings.encoding, settings.max_size)
        with collector_paused():  # until the rows are dicts: see collector_paused
            report = read_report(text, item.doc, settings.lexicon_dir, settings.year)
            rows = [as_record(r) for r in report.rows]
        if settings.corrections:
            rows, problems, matched = _corrected(rows, text, item, settings)
        if settings.review:
            from gzbg.extraction.pipeline import excluded_numerals

            excluded = tuple(excluded_numerals(text, settings.lexicon_dir))
    except LexiconError:
        raise
    except Exception as exc:  # a damaged file, cache or a defect must not cost the other documents their rows
        return Result(item.doc, str(item.path), [], 0, reason_of(exc))
    finally:
        try:
            flush()  # worker processes end without running exit handlers
        except Exception:  # a cache that cannot be written is only slower, never wrong
            pass
    digest = hashlib.sha1("".join(text.split()).encode("utf-8", "surrogatepass")).hexdigest() if settings.fingerprint else ""
    return Result(
        item.doc,
        str(item.path),
        rows,
        len(text),
        problems=problems,
        parts=tuple(report.parts),
        headlines=tuple(report.headlines),
        text_hash=digest,
        place=report.meta.place,
        level=report.meta.level,
        year=report.meta.year,
        matched=matched,
        text=text if settings.review else "",
        excluded=excluded,
    )


def _corrected(rows: list[dict], text: str, item: Input, settings: Settings):
    """The rows with the reviewer's corrections applied, each marked ``reviewed`` or not; the
    problems; the positions of the corrections made on this report."""
    from gzbg.extraction.table import records, to_dataframe
    from gzbg.review.corrections import apply_corrections, matching

    mine = matching(settings.corrections, item.doc, text, path=str(item.path))
    # Matched here by path or fingerprint: named by this report's doc, they apply to it alone.
    made = [dataclasses.replace(settings.corrections[i], doc=item.doc) for i in mine]
    frame, problems = apply_corrections(to_dataframe(rows), made, {item.doc: text}, reviewed=True, lexicon_dir=settings.lexicon_dir)
    return records(frame), tuple(problems), tuple(mine)


def run(items: list[Input], settings: Settings, jobs: int = 1) -> Generator[Result, None, None]:
    """Results in the order of ``items`` whatever ``jobs`` is; documents are read one at a time
    per process, so memory holds a few documents, not the corpus. A caller that stops early
    closes the generator: the worker processes end at once."""
    if jobs <= 1 or len(items) <= 1:
        for item in items:
            yield extract_document(item, settings)
        return
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor

    context = multiprocessing.get_context("spawn" if _threads_started() else "fork")
    pool = ProcessPoolExecutor(max_workers=jobs, mp_context=context, initializer=_worker_signals)
    finished = False
    try:
        # A window of submitted documents keeps memory flat however long the corpus is.
        pending = []
        iterator = iter(items)
        for item in iterator:
            pending.append(pool.submit(extract_document, item, settings))
            if len(pending) >= jobs * 4:
                yield pending.pop(0).result()
        for future in pending:
            yield future.result()
        finished = True
    finally:
        if finished:
            pool.shutdown(wait=True)
        else:
            # The caller stopped early (an error, Ctrl-C, SIGTERM) and closed this generator: the
            # documents not yet started are dropped and the workers stopped in the middle of the
            # one in hand, so a long document does not hold the run up.
            _stop_workers(pool)


def _stop_workers(pool) -> None:
    """End a pool's workers now. The pool's own thread may still write to a worker's pipe after
    it ended; with SIGPIPE at its default (as the CLI sets it, to end quietly on ``| head``) that
    write would kill this process, so SIGPIPE is ignored from here on (only the main thread can
    set it: elsewhere the workers finish the document in hand instead)."""
    import signal
    import threading

    workers = list((getattr(pool, "_processes", None) or {}).values())
    pool.shutdown(wait=False, cancel_futures=True)
    if threading.current_thread() is not threading.main_thread() or not hasattr(signal, "SIGPIPE"):
        return
    signal.signal(signal.SIGPIPE, signal.SIG_IGN)
    for worker in workers:
        worker.terminate()
    for worker in workers:
        worker.join(timeout=_WORKER_EXIT_SECONDS)
    # The pool's own thread closes its wake-up pipe as it ends; Python's exit hook writes to that
    # pipe unless it is closed already, and a close in between left the write on a closed file (a
    # traceback at exit, under load). Waiting for the thread makes the close come first.
    manager = getattr(pool, "_executor_manager_thread", None)
    if manager is not None:
        manager.join(timeout=_WORKER_EXIT_SECONDS)


# How long to wait for a terminated worker to be gone (it only has to die of SIGTERM).
_WORKER_EXIT_SECONDS = 5


def _worker_signals() -> None:
    """Workers take SIGINT and SIGTERM by default: the parent cleans up, not each forked copy of its handler."""
    import signal

    signal.signal(signal.SIGTERM, signal.SIG_DFL)


def _threads_started() -> bool:
    import threading

    return threading.active_count() > 1


def extract_frame(
    sources,
    lexicon_dir: Path | None = None,
    jobs: int = 1,
    corrections: tuple = (),
    problems: list | None = None,
    matched: set | None = None,
    failures: list | None = None,
    max_size: int | None = DEFAULT_MAX_SIZE,
):
    """The extracted rows of report files, folders and globs as one DataFrame (a DataFrame of
    rows is returned as given). The first input that cannot be read raises ReadError; with a
    ``failures`` list, each is appended to it as (where, reason) and the others are read.

    With ``corrections`` (gzbg.review.corrections records) the rows are corrected and gain a
    ``reviewed`` column; the corrections that could not be applied are appended to ``problems``
    as one line each; ``matched`` gains the positions of those made on the reports read."""
    import pandas as pd

    from gzbg.extraction.table import to_dataframe
    from gzbg.read.decode import ReadError
    from gzbg.read.inputs import expand_inputs

    if isinstance(sources, pd.DataFrame):
        return sources
    if isinstance(sources, (str, Path)):
        sources = [str(sources)]
    items, missing = expand_inputs([str(s) for s in sources])
    for where, reason in missing:
        if failures is None:
            raise ReadError(f"{where}: {reason}")
        failures.append((where, reason))
    rows = []
    for result in run(items, Settings(None, lexicon_dir, None, tuple(corrections), max_size=max_size), jobs):
        if result.error:
            if failures is None:
                raise ReadError(f"{result.doc or result.path}: {result.error}")
            failures.append((result.doc or result.path, result.error))
        rows.extend(result.rows)
        if matched is not None:
            matched.update(result.matched)
        if problems is not None:
            problems.extend(result.problems)
    if not corrections:
        return to_dataframe(rows)
    return to_dataframe(rows, ("reviewed",))
