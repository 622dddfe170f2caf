"""Review: every extracted quantity shown where it stands in the report.

``render_html`` makes one standalone page (CSS and JS inline, nothing fetched) for a browser:
highlights coloured by role and period, the numerals left out marked faintly with the reason, an
outline, a sortable table, and in-page corrections saved as the CSV that ``gzbg.review.corrections``
reads. ``print_report`` prints the same highlights to a terminal.

The page is built so that nothing in it depends on how a browser counts characters: every
highlight carries its own offsets (``data-start``, ``data-end``), and the report's text is the only
content of ``#text``, so a selection's offset is the length of the text before it.
"""

from __future__ import annotations

import bisect
import functools
import html
import json
import re
from dataclasses import dataclass
from importlib import resources
from pathlib import PurePath

from gzbg.extraction.sections import Paragraph
from gzbg.extraction.sections import paragraphs as _paragraphs
from gzbg.read.decode import normalise
from gzbg.review.corrections import CORRECTION_COLUMNS, Correction, format_cell, same_doc

__all__ = ["render_html", "print_report"]

# Columns a highlight does not carry: the page names the doc once, and the sentence is around it.
_NOT_ON_MARKS = {"doc", "sentence"}
_UNSAFE = re.compile("[\x00\ud800-\udfff]")  # NUL would vanish in the DOM, lone surrogates break UTF-8


@dataclass(frozen=True)
class _Span:
    start: int
    end: int
    rank: int  # at one start: outline containers, then highlights, then excluded numerals
    open: str
    close: str


@functools.cache
def _asset(name: str) -> str:
    """The page's HTML template, CSS and JavaScript: package data (review/assets/), inlined when a
    page is written so that it stays one standalone file."""
    return (resources.files("gzbg.review") / "assets" / name).read_text(encoding="utf-8")


def _text(s: str) -> str:
    """Report text as HTML of the same length in characters: a CR stays a CR (not folded into LF)."""
    return html.escape(_UNSAFE.sub("\ufffd", s), quote=False).replace("\r", "&#13;")


def _attr(value) -> str:
    return html.escape(_UNSAFE.sub("\ufffd", str(value)), quote=True)


def _cell(value) -> str:
    """A table cell as the page shows and edits it: missing values empty, numbers as in CSV."""
    import numpy
    import pandas as pd

    if not isinstance(value, str) and pd.api.types.is_scalar(value) and pd.isna(value):
        return ""
    if isinstance(value, (bool, numpy.bool_)):
        return "true" if value else "false"
    if isinstance(value, float):
        return f"{value:.15g}"
    return str(value)


def _render(text: str, spans: list[_Span]) -> str:
    """The text with the spans as nested elements; a span crossing its container's end is cut
    there (its data attributes keep the true offsets), so the HTML is always well formed."""
    out: list[str] = []
    pos = 0
    stack: list[tuple[int, str]] = []
    for sp in sorted(spans, key=lambda s: (s.start, -s.end, s.rank)):
        while stack and stack[-1][0] <= sp.start:
            end, close = stack.pop()
            out.append(_text(text[pos:end]))
            out.append(close)
            pos = max(pos, end)
        out.append(_text(text[pos:sp.start]))
        pos = max(pos, sp.start)
        end = min(sp.end, stack[-1][0]) if stack else sp.end
        out.append(sp.open)
        if end <= sp.start:
            out.append(sp.close)
        else:
            stack.append((end, sp.close))
    while stack:
        end, close = stack.pop()
        out.append(_text(text[pos:end]))
        out.append(close)
        pos = max(pos, end)
    out.append(_text(text[pos:]))
    return "".join(out)


@dataclass(frozen=True)
class _Entry:
    id: str
    level: int
    label: str
    start: int  # the heading or topic phrase in the text
    end: int
    kind: str  # "h" heading, "t" topic
    targets: int
    rows: int


def _outline(norm: str, paras: list[Paragraph], starts: list[int], roles: list[str]) -> list[_Entry]:
    """Outline entries in text order: numbered headings and paragraph topics, with row counts.

    A heading's rows are those from it to the next heading of its level or above; a topic's are
    those of its paragraph.
    """
    heads = [p.heading for p in paras if p.heading is not None]
    found = []  # (start, level, label, end, scope start, scope end, kind)
    for i, h in enumerate(heads):
        scope_end = next((g.start for g in heads[i + 1:] if g.level <= h.level), len(norm))
        found.append((h.start, h.level, h.text, h.end, h.start, scope_end, "h"))
    for p in paras:
        at = norm.find(p.topic, p.start, p.end) if p.topic and p.heading is None else -1
        if at >= 0:
            level = p.section.level + 1 if p.section else 1
            found.append((at, level, p.topic, at + len(p.topic), p.start, p.end, "t"))
    entries = []
    for n, (start, level, label, end, scope_start, scope_end, kind) in enumerate(sorted(found)):
        inside = [role for s, role in zip(starts, roles) if scope_start <= s < scope_end]
        entries.append(_Entry(f"o{n}", level, label, start, end, kind, inside.count("target"), len(inside)))
    return entries


def _outline_html(entries: list[_Entry], before: int) -> str:
    items = [f'<li class="l1"><a href="#text">（开头）beginning</a> <span class="n">{before}</span></li>'] if before else []
    for e in entries:
        title = f"{e.targets} targets, {e.rows - e.targets} qualifiers"
        items.append(f'<li class="l{min(e.level, 4)} {e.kind}"><a href="#{e.id}">{_attr(e.label)}</a>'
                     f' <span class="n" title="{title}">{e.rows}</span></li>')
    return "<ol>" + "".join(items) + "</ol>"


def _mark(n: int, record: dict) -> str:
    start, end = record["start"], record["end"]
    role = _attr(_cell(record.get("role", "")))
    period = _attr(_cell(record.get("period", "")))
    data = "".join(f' data-{name}="{_attr(_cell(v))}"' for name, v in record.items()
                   if name not in _NOT_ON_MARKS and name not in ("start", "end"))
    return (f'<mark id="q{n}" class="q {role} {period}" tabindex="0" data-row="{n}" '
            f'data-start="{start}" data-end="{end}"{data}>')


def render_html(text: str, doc: str, frame, excluded: list, paragraphs: list | None = None,
                corrections: tuple[Correction, ...] | list[Correction] = ()) -> str:
    """One standalone review page for one report.

    ``frame`` holds the report's rows (``gzbg.extract``), ``excluded`` the numerals left out
    (``gzbg.extraction.pipeline.excluded_numerals``: objects with start, end, reason), ``paragraphs`` the
    outline (``gzbg.extraction.sections.paragraphs`` of the normalised text; computed when None).
    ``corrections`` already made for this doc (``read_corrections``) are shown as made, so a
    review can go on where it stopped and the page's CSV holds them all.
    """
    norm = normalise(text)
    paras = _paragraphs(norm) if paragraphs is None else paragraphs
    records = frame.to_dict("records")
    mine = [c for c in corrections if same_doc(c.doc, doc)]
    # An earlier add is drawn only where the text still reads as it did; the page reports the rest.
    added = [c for c in mine if c.action == "add" and c.end <= len(text)
             and (c.quantity is None or text[c.start:c.end] == c.quantity)]
    ids = {id(c): f"a{k}" for k, c in enumerate(added)}

    spans = [_Span(r["start"], r["end"], 2, _mark(n, r), "</mark>") for n, r in enumerate(records)]
    for k, c in enumerate(added):
        spans.append(_Span(c.start, c.end, 2,
                           f'<mark id="a{k}" class="q added {_attr(c.fields.get("role") or "target")}" tabindex="0" '
                           f'data-start="{c.start}" data-end="{c.end}" data-quantity="{_attr(text[c.start:c.end])}">',
                           "</mark>"))
    for e in excluded:
        reason = _attr(e.reason)
        spans.append(_Span(e.start, e.end, 3, f'<span class="x" data-start="{e.start}" data-end="{e.end}" '
                                              f'data-reason="{reason}" title="not extracted: {reason}">', "</span>"))
    starts = [r["start"] for r in records]
    entries = _outline(norm, paras, starts, [r.get("role", "") for r in records])
    leaves = [(s.start, s.end) for s in spans]
    for e in entries:
        end = e.end
        for s, t in leaves:  # a heading or topic grows to hold a highlight that crosses its end
            if s < end < t:
                end = t
        css, rank = ("h", 0) if e.kind == "h" else ("topic", 1)
        spans.append(_Span(e.start, end, rank, f'<span id="{e.id}" class="{css}">', "</span>"))
    first = entries[0].start if entries else len(text)
    body = _render(text, spans)

    state = [{"id": ids.get(id(c)), "start": c.start, "end": c.end,
              "action": c.action, "note": c.note, "quantity": c.quantity,
              "fields": {k: format_cell(v) for k, v in c.fields.items()}} for c in mine]
    data = {"doc": doc, "name": PurePath(doc).name or "report", "columns": list(CORRECTION_COLUMNS),
            "corrections": state}
    blob = json.dumps(data, ensure_ascii=False).replace("<", "\\u003c")
    legend = ('<span class="key q target plan">target · plan</span>'
              '<span class="key q target review">target · review</span>'
              '<span class="key q target">target</span>'
              '<span class="key q qualifier">qualifier</span>'
              '<span class="key x">not extracted</span>')
    return _asset("review.html").format(
        title=_attr(doc or "report"), doc=_attr(doc or "report"), rows=len(records), excluded=len(excluded),
        legend=legend, outline=_outline_html(entries, sum(1 for s in starts if s < first)),
        body=body, data=blob, css=_asset("review.css"), js=_asset("review.js"),
    )









# Terminal styles: the page's colours, as near as a terminal gets.
_STYLES = {("target", "plan"): "bold black on yellow", ("target", "review"): "bold black on cyan",
           ("target", ""): "bold black on green", "qualifier": "underline", "excluded": "dim strike"}


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
    spans = [(int(r.start), int(r.end), _style(str(r.role), str(r.period) if isinstance(r.period, str) else ""))
             for r in frame.itertuples(index=False)]
    spans += [(e.start, e.end, _STYLES["excluded"]) for e in excluded]
    spans.sort()
    starts = [s for s, _, _ in spans]

    def styled(start: int, end: int) -> Text:
        out = Text()
        pos = start
        for s, e, style in spans[bisect.bisect_left(starts, start):bisect.bisect_left(starts, end)]:
            if s < pos:
                continue  # nested in the one before (每千人6.5批次 holds 千人): shown once
            out.append(_plain(text[pos:s]))
            out.append(_plain(text[s:e]), style=style)
            pos = e
        out.append(_plain(text[pos:end]))
        return out

    paras = _paragraphs(normalise(text))
    row_starts = sorted(starts[i] for i, sp in enumerate(spans) if sp[2] != _STYLES["excluded"])
    if paras and paras[0].start > 0 and text[:paras[0].start].strip():
        console.print(styled(0, paras[0].start))
    for i, p in enumerate(paras):
        if p.heading is not None:
            h = p.heading
            scope_end = next((q.start for q in paras[i + 1:] if q.heading is not None
                              and q.heading.level <= h.level), len(text))
            count = bisect.bisect_left(row_starts, scope_end) - bisect.bisect_left(row_starts, h.start)
            title = styled(h.start, h.end)
            title.append(f"  {count} row{'' if count == 1 else 's'}", style="dim")
            console.print()
            console.print(Rule(title, align="left", style="dim" if h.level > 1 else "bold"))
            rest = h.end
            while rest < p.end and text[rest] in "。!?;:：！？；":
                rest += 1  # the heading's own full stop
            if text[rest:p.end].strip():
                console.print(styled(rest, p.end))
            continue
        console.print(styled(p.start, p.end))
    legend = Text("\n")
    for label, style in (("target · plan", _STYLES[("target", "plan")]),
                         ("target · review", _STYLES[("target", "review")]),
                         ("target", _STYLES[("target", "")]), ("qualifier", _STYLES["qualifier"]),
                         ("not extracted", _STYLES["excluded"])):
        legend.append(label, style=style)
        legend.append("  ")
    legend.append(f"{len(frame)} rows", style="dim")
    console.print(legend)


def _plain(s: str) -> str:
    """A paragraph's line breaks removed, as the table's sentence column has them."""
    return s.replace("\r", "").replace("\n", "")
