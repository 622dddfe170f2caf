"""Terminal output with rich: the targets table and the outline."""

from __future__ import annotations

from collections import Counter
from pathlib import PurePath

from rich.console import Console
from rich.markup import escape
from rich.table import Table
from rich.tree import Tree

from gzbg.extraction.sections import Paragraph
from gzbg.extraction.table import Row

__all__ = ["print_table", "print_outline", "print_parts", "print_checks", "print_frame"]

DOC_MIN_WIDTH = 12  # a file name stays readable however narrow the terminal
_ARROW = {"up": "↑", "down": "↓"}
_COMPARATOR_STYLE = {">=": "green", ">": "green", "<=": "yellow", "<": "yellow", "~": "cyan", "=": ""}


def _number(value) -> str:
    """Compact, as a Chinese reader writes it: 12000000 → 1200万, 1.3e12 → 1.3万亿."""
    if value is None or value != value:  # NaN
        return ""
    for factor, suffix in ((10**12, "万亿"), (10**8, "亿"), (10**4, "万")):
        if abs(value) >= factor:
            return f"{value / factor:.6g}{suffix}"
    return f"{value:.6g}"


def print_table(rows: list[dict], console: Console | None = None) -> None:
    """The rows as a rich table; ``rows`` are dicts with the table's columns."""
    console = console or Console()
    many = len({r["doc"] for r in rows}) > 1  # several reports: say which each row is from
    names = ("line", "period", "metric", "quantity", "value", "unit", "cmp", "measure", "wording")
    table = _table((("doc", "place") if many else ()) + names, right=("line", "value"))
    for r in rows:
        value = _number(r["value"])
        if r["value_max"] is not None and r["value_max"] == r["value_max"]:  # a range
            value = f"{value}–{_number(r['value_max'])}"
        style = "dim" if r["role"] == "qualifier" else ""
        comparator = _coloured(r["comparator"], _COMPARATOR_STYLE.get(r["comparator"], ""))
        period = f"{r['period']}{'*' if r['headline'] else ''}"
        measure = f"{r['measure']}{_ARROW.get(r['direction'], '')}"
        cells = [
            str(r["line"]),
            period,
            escape(r["metric"]),
            escape(r["quantity"]),
            value,
            escape(r["unit"]),
            comparator,
            measure,
            r["wording"],
        ]
        if many:
            cells = [escape(PurePath(str(r["doc"])).name), escape(r.get("place") or ""), *cells]
        table.add_row(*cells, style=style)
    console.print(table)
    console.print(f"{len(rows)} rows (* main expected target; dim: qualifier)", style="dim")


_STATUS_STYLE = {"raised": "green", "lowered": "red", "reworded": "yellow", "new": "cyan", "dropped": "magenta"}
_VERDICT_STYLE = {"met": "green", "missed": "red", "unknown": "dim"}


def _table(names: tuple[str, ...], right: tuple[str, ...]) -> Table:
    """A table whose metric column takes the spare width and folds; the others never wrap."""
    table = Table(header_style="bold", pad_edge=False)
    for name in names:
        table.add_column(
            name,
            justify="right" if name in right else "left",
            no_wrap=name not in ("metric", "doc"),
            overflow="fold",
            ratio=1 if name == "metric" else None,
            min_width=DOC_MIN_WIDTH if name == "doc" else None,
        )
    return table


def _coloured(text: str, colour: str) -> str:
    return f"[{colour}]{escape(text)}[/{colour}]" if colour else escape(text)


def _side(quantity, comparator) -> str:
    if not quantity:
        return ""
    return f"{quantity} {comparator}" if comparator and comparator != "=" else str(quantity)


def print_diff(rows: list[dict], console: Console | None = None) -> None:
    """Target pairs of two reports, the changed ones coloured."""
    console = console or Console()
    table = _table(("status", "metric", "old", "new", "score"), right=("score",))
    for r in rows:
        metric = r["new_metric"] or r["old_metric"] or ""
        table.add_row(
            _coloured(r["status"], _STATUS_STYLE.get(r["status"], "")),
            escape(metric),
            escape(_side(r["old_quantity"], r["old_comparator"])),
            escape(_side(r["new_quantity"], r["new_comparator"])),
            "" if r["score"] is None else f"{r['score']:.2f}",
        )
    console.print(table)


def print_track(rows: list[dict], console: Console | None = None) -> None:
    """Plan targets with the outcome the next report gives, coloured by verdict."""
    console = console or Console()
    table = _table(("verdict", "metric", "target", "outcome", "gap"), right=("gap",))
    for r in rows:
        flag = " (预计)" if r.get("preliminary") else ""
        table.add_row(
            _coloured(r["verdict"], _VERDICT_STYLE.get(r["verdict"], "")),
            escape(r["metric"] or ""),
            escape(_side(r["quantity"], r["comparator"])),
            escape(_side(r["outcome_quantity"], r["outcome_comparator"])) + flag,
            "" if r["gap"] is None else ("+" if r["gap"] > 0 else "") + _number(r["gap"]),
        )
    console.print(table)


def print_outline(paras: list[Paragraph], rows: list[Row], console: Console | None = None) -> None:
    console = console or Console()
    per_section = Counter(r.section for r in rows if r.role == "target")
    per_topic = Counter((r.section, r.topic) for r in rows if r.role == "target")
    tree = Tree("[bold]report")
    nodes: dict[int, Tree] = {}
    seen_topics: set[tuple[str, str]] = set()
    for p in paras:
        if p.heading is not None:
            h = p.heading
            parent = tree
            for level in sorted(nodes):
                if level < h.level:
                    parent = nodes[level]
            for level in [lvl for lvl in nodes if lvl >= h.level]:
                del nodes[level]
            count = per_section.get(h.text, 0)
            nodes[h.level] = parent.add(f"[bold]{escape(h.text)}[/bold]  [dim]{count} targets[/dim]")
        elif p.topic:
            key = (p.section.text if p.section else "", p.topic)
            if key in seen_topics:
                continue
            seen_topics.add(key)
            parent = nodes[max(nodes)] if nodes else tree
            parent.add(f"{escape(p.topic)}  [dim]{per_topic.get(key, 0)} targets[/dim]")
    console.print(tree)


_KIND_STYLE = {"review": "blue", "plan": "green", "annex": "dim", "opening": "dim", "closing": "dim"}


def print_parts(parts: list, rows: list[Row], text: str, console: Console | None = None) -> None:
    """The parts of a report with their kind, where each starts, and its rows by period."""
    console = console or Console()
    table = _table(("kind", "part", "line", "rows", "review", "plan", "headline"), right=("line", "rows", "review", "plan", "headline"))
    for part in parts:
        inside = [r for r in rows if part.start <= r.start < part.end]
        title = part.title or f"({part.source}) {text[part.start : part.start + 16].strip()}…"
        table.add_row(
            _coloured(part.kind or "?", _KIND_STYLE.get(part.kind, "")),
            escape(title),
            str(text.count("\n", 0, part.start) + 1),
            str(len(inside)),
            str(sum(r.period == "review" for r in inside)),
            str(sum(r.period == "plan" for r in inside)),
            str(sum(r.headline for r in inside)),
        )
    console.print(table)


def print_checks(rows: list[dict], console: Console | None = None) -> None:
    """One line per report of ``gzbg check``: warnings in red, a report without any in green."""
    console = console or Console()
    table = _table(("doc", "place", "year", "parts", "headline", "gdp", "rows", "plan", "warnings"), right=("year", "rows", "plan"))
    for r in rows:
        gdp = r["gdp_growth"] + (f" {r['gdp_comparator']}" if r["gdp_comparator"] not in ("", "=") else "")
        headline = f"{r['headline_rows']} rows" if r["headline"] else "—"
        share = "" if r["plan_share"] is None else f"{r['plan_share']:.0%}"
        table.add_row(
            escape(r["doc"]),
            escape(r["place"]),
            str(r["report_year"] or ""),
            r["parts"],
            headline,
            escape(gdp),
            str(r["rows"]),
            share,
            _coloured(escape(r["warnings"]), "red"),
            style="" if r["warnings"] else "green",
        )
    console.print(table)


def print_frame(rows: list[dict], console: Console | None = None) -> None:
    """Any table (a panel): every column, numbers compact, empty cells blank."""
    console = console or Console()
    if not rows:
        console.print("no rows", style="dim")
        return
    names = tuple(rows[0])
    table = _table(names, right=tuple(n for n in names if isinstance(rows[0][n], (int, float))))
    for r in rows:
        table.add_row(*(_number(v) if isinstance(v, float) else escape("" if v is None else str(v)) for v in r.values()))
    console.print(table)
