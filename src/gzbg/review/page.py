"""Review: every extracted quantity shown where it stands in its report, for one report or a panel.

``render_page`` makes one standalone page (CSS and JS inline, nothing fetched) for a browser: a list
of reports with their ``gzbg check`` warnings and review progress, and for the report opened its
text with the rows highlighted (coloured by role and period, headline and relation rows marked), the
numerals left out marked faintly with the reason, an outline, a sortable table, and an editor for
every column. With ``headline_only`` a report shows only its headline passages and their rows: the
view for checking a panel. Corrections are kept in the browser as they are made and downloaded as
the CSV that ``gzbg.review.corrections`` reads. ``print_report`` prints the highlights to a terminal.

The page holds each report's text as data and builds its elements when the report is opened, so a
page of hundreds of reports opens at once; text goes into the page as DOM text nodes, never as HTML.
Offsets are Python's (code points) throughout; the page converts where a text leaves the BMP.
"""

from __future__ import annotations

import bisect
import functools
import json
import re
from dataclasses import dataclass, field
from importlib import resources
from pathlib import PurePath
from typing import Any

from gzbg.extraction.sections import Paragraph, find_paragraph
from gzbg.extraction.sections import paragraphs as _paragraphs
from gzbg.read.decode import normalise
from gzbg.review.corrections import (
    ACTIONS,
    CHOICE_SETS,
    CORRECTION_COLUMNS,
    PAGE_FIELDS,
    Correction,
    corrections_for,
    format_cell,
    text_fingerprint,
)

__all__ = ["ReportView", "render_page", "render_html", "print_report"]

# The row columns the page carries (doc and sentence are the report's and the text's own).
ROW_FIELDS = (
    "start",
    "end",
    "quantity",
    *[f for f in PAGE_FIELDS],
    "line",
    "section",
    "topic",
    "value_std",
    "value_max_std",
    "unit_std",
    "modal",
    "year_end",
    "group",
    "repeat_of",
)
# A report's name in the list: its file and the folder above (云南省/2004.md), as corpora are laid out.
LIST_LABEL_PARTS = 2
_UNSAFE = re.compile("[\x00\ud800-\udfff]")  # NUL and lone surrogates: U+FFFD, one for one


@dataclass(frozen=True)
class ReportView:
    """One report as the page shows it."""

    doc: str
    text: str
    frame: Any  # its rows (a DataFrame from gzbg.extract)
    excluded: tuple = ()  # numerals left out: objects with start, end, reason
    headlines: tuple = ()  # headline passages: objects with start, end, trigger
    warnings: str = ""  # gzbg check's, '; '-joined
    place: str = ""
    level: str = ""
    year: int | None = None
    paragraphs: list | None = field(default=None, compare=False)


@functools.cache
def _asset(name: str) -> str:
    """The page's HTML template, CSS and JavaScript: package data (review/assets/), inlined when a
    page is written so that it stays one standalone file."""
    return (resources.files("gzbg.review") / "assets" / name).read_text(encoding="utf-8")


def _safe(s: str) -> str:
    return _UNSAFE.sub("\ufffd", s)


def _cell(value):
    """A row value as JSON holds it: missing values None, numbers plain."""
    import numpy
    import pandas as pd

    if not isinstance(value, str) and pd.api.types.is_scalar(value) and pd.isna(value):
        return None
    if isinstance(value, (bool, numpy.bool_)):
        return bool(value)
    if isinstance(value, (int, numpy.integer)):
        return int(value)
    if isinstance(value, (numpy.floating, float)):
        return int(value) if float(value).is_integer() and abs(value) < 2**53 else float(value)
    return _safe(str(value))


@dataclass(frozen=True)
class _Entry:
    start: int  # the heading or topic phrase in the text
    end: int
    level: int
    label: str
    kind: str  # "h" heading, "t" topic
    rows: int


def _outline(norm: str, paras: list[Paragraph], starts: list[int]) -> list[_Entry]:
    """Outline entries in text order: numbered headings and paragraph topics, with row counts.

    A heading's rows are those from it to the next heading of its level or above; a topic's are
    those of its paragraph.
    """
    heads = [p.heading for p in paras if p.heading is not None]
    starts = sorted(starts)
    found = []
    for i, h in enumerate(heads):
        scope_end = next((g.start for g in heads[i + 1 :] if g.level <= h.level), len(norm))
        found.append(_Entry(h.start, h.end, h.level, h.text, "h", _count(starts, h.start, scope_end)))
    for p in paras:
        at = norm.find(p.topic, p.start, p.end) if p.topic and p.heading is None else -1
        if at >= 0:
            level = p.section.level + 1 if p.section else 1
            found.append(_Entry(at, at + len(p.topic), level, p.topic, "t", _count(starts, p.start, p.end)))
    return sorted(found, key=lambda e: (e.start, e.level))


def _count(starts: list[int], start: int, end: int) -> int:
    return bisect.bisect_left(starts, end) - bisect.bisect_left(starts, start)


def _line(text: str, at: int) -> int:
    return text.count("\n", 0, at) + 1


def _pieces(view: ReportView, norm: str, records: list[dict], headline_only: bool) -> list[tuple[int, int, str]]:
    """The stretches of text the page shows: the whole text, or the headline passages (and the
    paragraph of any headline row outside them), each with a label."""
    if not headline_only:
        return [(0, len(view.text), "")]
    spans = [(h.start, h.end, f"headline passage · line {_line(view.text, h.start)} · {h.trigger}") for h in view.headlines]
    paras = view.paragraphs if view.paragraphs is not None else None
    for r in records:
        if r["headline"] is True and not any(s <= r["start"] and r["end"] <= e for s, e, _ in spans):
            paras = paras if paras is not None else _paragraphs(norm)
            para = find_paragraph(paras, r["start"])
            if para is not None and para.start <= r["start"] and r["end"] <= para.end:
                spans.append((para.start, para.end, f"headline row · line {_line(view.text, para.start)}"))
    merged: list[tuple[int, int, str]] = []
    for s, e, label in sorted(spans):
        if merged and s < merged[-1][1]:
            merged[-1] = (merged[-1][0], max(e, merged[-1][1]), merged[-1][2])
        else:
            merged.append((s, e, label))
    return merged


def _stale(made: list[Correction], records: list[dict], text: str) -> list[str]:
    """Earlier corrections that fit no row of this report now (as gzbg extract reports them)."""
    spans = {(r["start"], r["end"]) for r in records}
    out = []
    for c in made:
        reads = text[c.start : c.end] if c.end <= len(text) else None
        if c.quantity is not None and reads != c.quantity:
            out.append(f"{c.action} {c.start}–{c.end} {c.quantity}: the report reads {reads!r} there")
        elif c.action != "add" and (c.start, c.end) not in spans:
            out.append(f"{c.action} {c.start}–{c.end} {c.quantity or ''}: no row has this span now")
    return out


def _report_data(view: ReportView, headline_only: bool, corrections) -> dict:
    text = view.text
    norm = normalise(text)
    records = view.frame.to_dict("records")
    pieces = _pieces(view, norm, records, headline_only)
    fingerprint = text_fingerprint(text)
    made = corrections_for(list(corrections), view.doc, text, fingerprint)
    stale = _stale(made, records, text)
    usable = [c for c in made if not any(s.startswith(f"{c.action} {c.start}–{c.end} ") for s in stale)]
    entries: list[_Entry] = []
    if not headline_only:
        paras = view.paragraphs if view.paragraphs is not None else _paragraphs(norm)
        entries = _outline(norm, paras, [r["start"] for r in records])
    return {
        "doc": _safe(view.doc),
        "name": _safe(PurePath(view.doc).name or view.doc or "report"),
        "label": _safe("/".join(PurePath(view.doc).parts[-LIST_LABEL_PARTS:]) or "report"),
        "fp": fingerprint,
        "place": view.place,
        "level": view.level,
        "year": view.year,
        "warnings": view.warnings,
        "pieces": [[s, _safe(text[s:e]), label, e - s] for s, e, label in pieces],
        "outline": [[e.start, e.end, e.level, _safe(e.label), e.kind, e.rows] for e in entries],
        "excluded": [[x.start, x.end, x.reason] for x in view.excluded if any(s <= x.start and x.end <= e for s, e, _ in pieces)],
        "rows": [
            [_cell(r.get(name)) for name in ROW_FIELDS] for r in records if any(s <= r["start"] and r["end"] <= e for s, e, _ in pieces)
        ],
        "made": [
            {
                "start": c.start,
                "end": c.end,
                "action": c.action,
                "note": c.note,
                "quantity": c.quantity if c.quantity is not None else text[c.start : c.end],
                "fields": {k: format_cell(v) for k, v in c.fields.items()},
            }
            for c in usable
        ],
        "stale": stale,
    }


def render_page(
    views: list[ReportView],
    headline_only: bool = False,
    corrections: tuple[Correction, ...] | list[Correction] = (),
    title: str = "",
    lexicon_dir=None,
) -> str:
    """One standalone review page for the reports of ``views``.

    ``corrections`` already made (``read_corrections``) are shown as made, so a review can go on
    where it stopped and the page's CSV holds them all; those that fit no row now are listed.
    """
    from gzbg import lexicons

    reports = [_report_data(v, headline_only, corrections) for v in views]
    choices = {name: [member.value for member in enum] for name, enum in CHOICE_SETS.items()}
    choices["headline"] = ["true", "false"]
    heading = title or (views[0].doc if len(views) == 1 else f"{len(views)} reports")
    data = {
        "fields": list(ROW_FIELDS),
        "edit": list(PAGE_FIELDS),
        "columns": list(CORRECTION_COLUMNS),
        "choices": choices,
        "actions": list(ACTIONS),
        "headlineOnly": headline_only,
        "indicators": [[i.code, i.label_zh] for i in lexicons.load(lexicon_dir).indicators],
        "key": text_fingerprint("|".join(r["fp"] + r["doc"] for r in reports) + f"|{headline_only}"),
        "download": (reports[0]["name"] + ".corrections.csv") if len(reports) == 1 else "corrections.csv",
        "reports": reports,
    }
    blob = json.dumps(data, ensure_ascii=False).replace("<", "\\u003c")
    return _asset("review.html").format(
        title=_attr(heading), heading=_attr(heading), data=blob, css=_asset("review.css"), js=_asset("review.js")
    )


def _attr(value) -> str:
    import html

    return html.escape(_safe(str(value)), quote=True)


def render_html(
    text: str, doc: str, frame, excluded: list, paragraphs: list | None = None, corrections: tuple[Correction, ...] | list[Correction] = ()
) -> str:
    """The review page of one report (``render_page`` of one ``ReportView``)."""
    view = ReportView(doc, text, frame, tuple(excluded), paragraphs=paragraphs)
    return render_page([view], corrections=corrections)


# Terminal styles: the page's colours, as near as a terminal gets.
_STYLES = {
    ("target", "plan"): "bold black on yellow",
    ("target", "review"): "bold black on cyan",
    ("target", ""): "bold black on green",
    "qualifier": "underline",
    "excluded": "dim strike",
}


def _style(role: str, period: str) -> str:
    if role == "qualifier":
        return _STYLES["qualifier"]
    return _STYLES.get((role, period), _STYLES[("target", "")])


def print_report(text: str, frame, console=None, excluded: list | tuple = ()) -> None:
    """The report on a terminal, section by section, with every row's quantity highlighted.

    Lines broken inside a paragraph are joined (as in the ``sentence`` column); ``excluded``
    numerals, when given, are shown dim and struck through.
    """
    from rich.console import Console
    from rich.rule import Rule
    from rich.text import Text

    console = console or Console()
    spans = [
        (int(r.start), int(r.end), _style(str(r.role), str(r.period) if isinstance(r.period, str) else ""))
        for r in frame.itertuples(index=False)
    ]
    spans += [(e.start, e.end, _STYLES["excluded"]) for e in excluded]
    spans.sort()
    starts = [s for s, _, _ in spans]

    def styled(start: int, end: int) -> Text:
        out = Text()
        pos = start
        for s, e, style in spans[bisect.bisect_left(starts, start) : bisect.bisect_left(starts, end)]:
            if s < pos:
                continue  # nested in the one before (每千人6.5批次 holds 千人): shown once
            out.append(_plain(text[pos:s]))
            out.append(_plain(text[s:e]), style=style)
            pos = e
        out.append(_plain(text[pos:end]))
        return out

    paras = _paragraphs(normalise(text))
    row_starts = sorted(starts[i] for i, sp in enumerate(spans) if sp[2] != _STYLES["excluded"])
    if paras and paras[0].start > 0 and text[: paras[0].start].strip():
        console.print(styled(0, paras[0].start))
    for i, p in enumerate(paras):
        if p.heading is not None:
            h = p.heading
            scope_end = next((q.start for q in paras[i + 1 :] if q.heading is not None and q.heading.level <= h.level), len(text))
            count = bisect.bisect_left(row_starts, scope_end) - bisect.bisect_left(row_starts, h.start)
            title = styled(h.start, h.end)
            title.append(f"  {count} row{'' if count == 1 else 's'}", style="dim")
            console.print()
            console.print(Rule(title, align="left", style="dim" if h.level > 1 else "bold"))
            rest = h.end
            while rest < p.end and text[rest] in "。!?;:：！？；":
                rest += 1  # the heading's own full stop
            if text[rest : p.end].strip():
                console.print(styled(rest, p.end))
            continue
        console.print(styled(p.start, p.end))
    legend = Text("\n")
    for label, style in (
        ("target · plan", _STYLES[("target", "plan")]),
        ("target · review", _STYLES[("target", "review")]),
        ("target", _STYLES[("target", "")]),
        ("qualifier", _STYLES["qualifier"]),
        ("not extracted", _STYLES["excluded"]),
    ):
        legend.append(label, style=style)
        legend.append("  ")
    legend.append(f"{len(frame)} rows", style="dim")
    console.print(legend)


def _plain(s: str) -> str:
    """A paragraph's line breaks removed, as the table's sentence column has them."""
    return s.replace("\r", "").replace("\n", "")
