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
import html
import json
import re
from dataclasses import dataclass
from pathlib import PurePath

from gzbg.review.corrections import CORRECTION_COLUMNS, Correction, format_cell, same_doc
from gzbg.read.decode import normalise
from gzbg.extraction.sections import Paragraph, paragraphs as _paragraphs

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
                corrections: list[Correction] = ()) -> str:
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
    return _PAGE.format(
        title=_attr(doc or "report"), doc=_attr(doc or "report"), rows=len(records), excluded=len(excluded),
        legend=legend, outline=_outline_html(entries, sum(1 for s in starts if s < first)),
        body=body, data=blob, css=_CSS, js=_JS,
    )


_CSS = """
*{box-sizing:border-box}
html,body{margin:0;height:100%}
body{font:14px/1.5 system-ui,"Noto Sans CJK SC","WenQuanYi Zen Hei","PingFang SC","Microsoft YaHei",sans-serif;color:#1d1d1f;display:flex;flex-direction:column;background:#fff}
header{flex:none;display:flex;flex-wrap:wrap;gap:.4rem 1rem;align-items:center;padding:.4rem .8rem;border-bottom:1px solid #ddd;background:#f7f7f5}
header h1{font-size:15px;margin:0}
header .help{color:#666;font-size:12px}
#legend .key{margin-right:.4rem;padding:0 .3rem;font-size:12px}
#app{flex:1;min-height:0;display:grid;grid-template-columns:minmax(10rem,15rem) minmax(0,1fr) minmax(22rem,38%)}
#outline,#text,#rows{overflow:auto;min-height:0}
#outline{border-right:1px solid #ddd;padding:.4rem .5rem;font-size:13px}
#outline ol{list-style:none;margin:0;padding:0}
#outline li{padding:.1rem 0;display:flex;gap:.3rem;justify-content:space-between}
#outline li a{color:#1d1d1f;text-decoration:none;overflow:hidden;text-overflow:ellipsis;white-space:nowrap}
#outline li a:hover{text-decoration:underline}
#outline .l1 a{font-weight:600}#outline .l2{padding-left:.8rem}#outline .l3{padding-left:1.6rem}#outline .l4{padding-left:2.4rem}
#outline .t a{color:#555}
#outline .n{color:#888;font-size:11px;flex:none}
#text{white-space:pre-wrap;overflow-wrap:anywhere;font-size:16px;line-height:1.9;padding:1rem 1.5rem 14rem;margin:0}
#text .h,#text .topic{scroll-margin-top:1.5rem}
#text .h{font-weight:700;color:#0b3d6b}
#text .topic{font-weight:600;color:#3b4a5a}
mark.q{background:#d9f2cf;color:inherit;border-radius:2px;cursor:pointer;padding:0 1px}
mark.q.target.plan,.key.q.target.plan{background:#ffe27a}
mark.q.target.review,.key.q.target.review{background:#bfe0ff}
.key.q.target{background:#d9f2cf}
mark.q.qualifier,.key.q.qualifier{background:#eee;border-bottom:2px dashed #999}
mark.q:focus,mark.q.sel{outline:2px solid #e4572e;outline-offset:1px}
mark.q.drop{text-decoration:line-through 2px #c00;opacity:.55}
mark.q.fix{box-shadow:inset 0 -3px #2a8a2a}
mark.q.added{background:#c9f7d9;outline:2px dashed #2a8a2a}
mark.q:empty::before{content:"▾";color:#c00}
.x{border-bottom:1px dotted #aaa;color:#777}
.key.x{color:#777}
#rows .bar{position:sticky;top:0;background:#fff;display:flex;flex-wrap:wrap;gap:.3rem;padding:.4rem;border-bottom:1px solid #ddd;z-index:1}
#rows .bar input{flex:1;min-width:8rem}
#rows table{border-collapse:collapse;width:100%;font-size:13px}
#rows th{position:sticky;top:2.4rem;background:#f2f2f0;text-align:left;cursor:pointer;user-select:none;padding:.2rem .3rem;white-space:nowrap}
#rows th[aria-sort=ascending]::after{content:" ▲"}#rows th[aria-sort=descending]::after{content:" ▼"}
#rows td{padding:.15rem .3rem;border-bottom:1px solid #eee;vertical-align:top}
#rows td.num{text-align:right;font-variant-numeric:tabular-nums}
#rows tbody tr{cursor:pointer}
#rows tbody tr:hover{background:#f5f9ff}
#rows tr.sel{background:#fff0e8}
#rows tr.drop td{text-decoration:line-through;color:#a00}
#rows tr.fix td:last-child,#rows tr.add td:last-child{color:#2a8a2a;font-weight:600}
#tip{position:fixed;z-index:10;max-width:26rem;background:#1d1d1f;color:#fff;font-size:12px;padding:.4rem .6rem;border-radius:4px;pointer-events:none;box-shadow:0 2px 8px #0004}
#tip dl{display:grid;grid-template-columns:auto 1fr;gap:0 .6rem;margin:0}
#tip dt{color:#aaa}#tip dd{margin:0}
#editor{position:fixed;z-index:9;left:16rem;bottom:1rem;width:min(38rem,calc(100vw - 17rem));background:#fff;border:1px solid #bbb;border-radius:6px;box-shadow:0 4px 16px #0003;padding:.6rem .8rem;display:grid;grid-template-columns:repeat(4,1fr);gap:.3rem .6rem;font-size:13px}
#editor[hidden],#tip[hidden],#add[hidden]{display:none}
#editor .head,#editor .buttons,#editor .msg{grid-column:1/-1;margin:0}
#editor label{display:flex;flex-direction:column;min-width:0}
#editor input,#editor select{width:100%;min-width:0}
#editor label.wide{grid-column:span 2}
#editor .msg{color:#c00;min-height:1em}
#add{position:fixed;z-index:9}
button{font:inherit;cursor:pointer}
#problems{color:#c00}
"""

_JS = r"""
(function () {
  "use strict";
  var data = JSON.parse(document.getElementById("gzbg-data").textContent);
  var text = document.getElementById("text");
  var tbody = document.querySelector("#rows tbody");
  var tip = document.getElementById("tip");
  var editor = document.getElementById("editor");
  var addButton = document.getElementById("add");
  var csvBox = document.getElementById("corrections-csv");
  var marks = Array.prototype.slice.call(text.querySelectorAll("mark.q"));
  var state = {};        // mark id -> {action, fields, note}
  var current = null;    // the mark in the editor (null: adding pendingRange)
  var pendingRange = null;
  var selected = null;
  var dirty = false;
  var addSeq = marks.length;
  var sortKey = "start", sortDir = 1;
  var EDIT = ["metric", "value", "value_max", "unit", "comparator", "role", "period"];
  var NUMBER = /^-?\d+(\.\d+)?([eE][-+]?\d+)?$/;
  var COLS = [["line", "line", 1], ["metric", "metric"], ["quantity", "quantity"], ["value", "value", 1],
              ["unit", "unit"], ["comparator", "cmp"], ["role", "role"], ["period", "period"], ["status", "status"]];

  function byStart(a, b) { return a.dataset.start - b.dataset.start || a.dataset.end - b.dataset.end; }
  function status(m) { return state[m.id] ? state[m.id].action : ""; }
  // The value the reviewer sees: the correction's when it sets one, else the extracted one.
  function val(m, name) {
    if (name === "quantity") return m.dataset.quantity;
    if (name === "status") return status(m);
    var c = state[m.id];
    if (c && name in c.fields) return c.fields[name] === "-" ? "" : c.fields[name];
    return m.dataset[name] || "";
  }
  function el(tag, text, cls) {
    var e = document.createElement(tag);
    if (text != null) e.textContent = text;
    if (cls) e.className = cls;
    return e;
  }

  // ---- table ----
  var head = document.querySelector("#rows thead tr");
  COLS.forEach(function (c) {
    var th = el("th", c[1]);
    th.dataset.key = c[0];
    head.appendChild(th);
  });
  head.addEventListener("click", function (e) {
    var th = e.target.closest("th");
    if (!th) return;
    sortDir = sortKey === th.dataset.key ? -sortDir : 1;
    sortKey = th.dataset.key;
    head.querySelectorAll("th").forEach(function (h) { h.removeAttribute("aria-sort"); });
    th.setAttribute("aria-sort", sortDir > 0 ? "ascending" : "descending");
    renderTable();
  });
  function compare(a, b) {
    if (sortKey === "start") return byStart(a, b);
    var x = val(a, sortKey), y = val(b, sortKey);
    var numeric = sortKey === "line" || sortKey === "value";
    if (numeric) {
      x = x === "" ? Infinity : +x; y = y === "" ? Infinity : +y;
      return (x - y || 0) * sortDir || byStart(a, b);
    }
    return x.localeCompare(y, "zh") * sortDir || byStart(a, b);
  }
  var filter = document.getElementById("filter");
  var fRole = document.getElementById("f-role");
  var fPeriod = document.getElementById("f-period");
  var fStatus = document.getElementById("f-status");
  function shown(m) {
    var q = filter.value.trim().toLowerCase();
    if (fRole.value && val(m, "role") !== fRole.value) return false;
    if (fPeriod.value && val(m, "period") !== fPeriod.value) return false;
    var s = status(m);
    if (fStatus.value === "open" ? s !== "" : fStatus.value === "any" ? s === "" : fStatus.value && s !== fStatus.value) return false;
    if (!q) return true;
    return [val(m, "metric"), m.dataset.quantity, val(m, "unit"), m.dataset.section || "", m.dataset.topic || ""]
      .join(" ").toLowerCase().indexOf(q) >= 0;
  }
  function renderTable() {
    var rows = marks.filter(shown).sort(compare);
    var frag = document.createDocumentFragment();
    rows.forEach(function (m) {
      var tr = el("tr", null, status(m) + (m === selected ? " sel" : ""));
      tr.dataset.mark = m.id;
      COLS.forEach(function (c) { tr.appendChild(el("td", val(m, c[0]), c[2] ? "num" : "")); });
      frag.appendChild(tr);
    });
    tbody.replaceChildren(frag);
    document.getElementById("count").textContent = rows.length + " / " + marks.length;
  }
  [filter, fRole, fPeriod, fStatus].forEach(function (f) { f.addEventListener("input", renderTable); });
  function rowOf(m) { return tbody.querySelector('tr[data-mark="' + m.id + '"]'); }

  // ---- moving between table and text ----
  function select(m, scrollTable) {
    if (selected) {
      selected.classList.remove("sel");
      var old = rowOf(selected);
      if (old) old.classList.remove("sel");
    }
    selected = m;
    m.classList.add("sel");
    var tr = rowOf(m);
    if (tr) {
      tr.classList.add("sel");
      if (scrollTable) tr.scrollIntoView({block: "nearest"});
    }
  }
  function goTo(m) {
    if (current !== m) closeEditor();
    m.scrollIntoView({block: "center"});
    select(m, false);
    m.focus({preventScroll: true});
  }
  tbody.addEventListener("click", function (e) {
    var tr = e.target.closest("tr");
    if (tr) goTo(document.getElementById(tr.dataset.mark));
  });
  text.addEventListener("click", function (e) {
    var m = e.target.closest("mark.q");
    if (!m || !window.getSelection().isCollapsed) return;
    select(m, true);
    openEditor(m, null);
  });
  text.addEventListener("keydown", function (e) {
    var m = e.target.closest && e.target.closest("mark.q");
    if (m && e.key === "Enter") { select(m, true); openEditor(m, null); e.preventDefault(); }
  });

  // ---- tooltip ----
  var SKIP = {row: 1, start: 1, end: 1, quantity: 1};
  var tipFor = null;
  function showTip(m) {
    tipFor = m;
    var dl = el("dl");
    function line(k, v) { if (v !== "") { dl.appendChild(el("dt", k)); dl.appendChild(el("dd", v)); } }
    var vmax = val(m, "value_max");
    line("metric", val(m, "metric"));
    line("quantity", m.dataset.quantity);
    line("value", val(m, "value") + (vmax ? " – " + vmax : ""));
    ["unit", "comparator", "role", "period"].forEach(function (k) { line(k, val(m, k)); });
    Object.keys(m.dataset).forEach(function (k) {
      if (!SKIP[k] && EDIT.indexOf(k) < 0) line(k, m.dataset[k]);
    });
    line("span", m.dataset.start + "–" + m.dataset.end);
    line("correction", status(m));
    tip.replaceChildren(dl);
    tip.hidden = false;
    var r = m.getBoundingClientRect();
    var top = r.bottom + 6;
    if (top + tip.offsetHeight > window.innerHeight) top = Math.max(0, r.top - tip.offsetHeight - 6);
    tip.style.top = top + "px";
    tip.style.left = Math.max(0, Math.min(r.left, window.innerWidth - tip.offsetWidth - 8)) + "px";
  }
  function hideTip() { tip.hidden = true; tipFor = null; }
  text.addEventListener("mouseover", function (e) {
    var m = e.target.closest("mark.q");
    if (m) showTip(m);
  });
  text.addEventListener("mouseout", function (e) {
    var m = e.target.closest("mark.q");
    if (m && !m.contains(e.relatedTarget)) hideTip();
  });
  text.addEventListener("focusin", function (e) { if (e.target.matches("mark.q")) showTip(e.target); });
  text.addEventListener("focusout", hideTip);
  text.addEventListener("scroll", function () {  // the tip follows its highlight while it is in view
    if (!tipFor) return;
    var r = tipFor.getBoundingClientRect(), pane = text.getBoundingClientRect();
    if (r.bottom < pane.top || r.top > pane.bottom) hideTip(); else showTip(tipFor);
  }, {passive: true});

  // ---- corrections ----
  function set(m, c) {
    if (c) state[m.id] = c; else delete state[m.id];
    m.classList.toggle("drop", !!c && c.action === "drop");
    m.classList.toggle("fix", !!c && c.action === "fix");
    dirty = true;
    update();
  }
  function update() {
    renderTable();
    csvBox.value = correctionsCSV();
    document.getElementById("ncorr").textContent = Object.keys(state).length;
  }
  function cell(v) {
    v = v == null ? "" : String(v);
    return /[",\r\n]/.test(v) ? '"' + v.replace(/"/g, '""') + '"' : v;
  }
  function correctionsCSV() {
    var lines = [data.columns.join(",")];
    marks.slice().sort(byStart).forEach(function (m) {
      var c = state[m.id];
      if (!c) return;
      var row = {doc: data.doc, start: m.dataset.start, end: m.dataset.end, action: c.action,
                 quantity: m.dataset.quantity, note: c.note || ""};
      Object.keys(c.fields).forEach(function (k) { row[k] = c.fields[k]; });
      lines.push(data.columns.map(function (k) { return cell(row[k]); }).join(","));
    });
    return lines.join("\n") + "\n";
  }
  window.gzbgCorrectionsCSV = correctionsCSV;
  document.getElementById("download").addEventListener("click", function () {
    var blob = new Blob(["\ufeff" + correctionsCSV()], {type: "text/csv;charset=utf-8"});
    var a = el("a");
    a.href = URL.createObjectURL(blob);
    a.download = data.name + ".corrections.csv";
    document.body.appendChild(a);
    a.click();
    a.remove();
    setTimeout(function () { URL.revokeObjectURL(a.href); }, 1000);
    dirty = false;
  });
  window.addEventListener("beforeunload", function (e) {
    if (dirty) { e.preventDefault(); e.returnValue = ""; }
  });

  // ---- editor ----
  var form = editor.elements;
  var message = editor.querySelector(".msg");
  function openEditor(m, range) {
    current = m;
    pendingRange = range;
    hideTip();
    addButton.hidden = true;
    var added = !m || m.classList.contains("added");
    editor.querySelector(".head").textContent = m
      ? m.dataset.quantity + "  (" + m.dataset.start + "–" + m.dataset.end + (m.dataset.line ? ", line " + m.dataset.line : "") + ")"
      : "add: " + range.quantity + "  (" + range.start + "–" + range.end + ")";
    EDIT.forEach(function (k) {
      var v = m ? val(m, k) : (k === "comparator" ? "=" : k === "role" ? "target" : "");
      if (form[k].tagName === "SELECT" && !Array.prototype.some.call(form[k].options, function (o) { return o.value === v; })) {
        form[k].appendChild(el("option", v));  // a value the page does not list stays as it is
      }
      form[k].value = v;
    });
    form.note.value = m && state[m.id] ? state[m.id].note || "" : "";
    document.getElementById("ed-drop").textContent = added ? "Remove added row" : "Mark wrong (drop)";
    document.getElementById("ed-drop").hidden = !m;
    document.getElementById("ed-undo").hidden = !m || added || !state[m.id];
    message.textContent = "";
    editor.hidden = false;
    if (m && m.getBoundingClientRect().bottom > editor.getBoundingClientRect().top) {
      m.scrollIntoView({block: "center"});  // never edit a highlight hidden under the editor
    }
  }
  function closeEditor() { editor.hidden = true; current = null; pendingRange = null; }
  editor.addEventListener("submit", function (e) {
    e.preventDefault();
    var value = form.value.value.trim(), vmax = form.value_max.value.trim();
    if (!NUMBER.test(value)) { message.textContent = "value must be a number"; return; }
    if (vmax && !NUMBER.test(vmax)) { message.textContent = "value_max must be a number or empty"; return; }
    var added = !current || current.classList.contains("added");
    var prior = current && state[current.id];
    var fields = {};
    if (prior) Object.keys(prior.fields).forEach(function (k) { if (EDIT.indexOf(k) < 0) fields[k] = prior.fields[k]; });
    EDIT.forEach(function (k) {
      var now = form[k].value.trim(), was = added ? "" : current.dataset[k] || "";
      var same = (k === "value" || k === "value_max") && now !== "" && was !== "" ? +now === +was : now === was;
      if (!same) fields[k] = now === "" ? "-" : now;
    });
    var note = form.note.value.trim();
    if (!current) { addMark(pendingRange, fields, note); return; }
    if (added) set(current, {action: "add", fields: fields, note: note});
    else set(current, Object.keys(fields).length ? {action: "fix", fields: fields, note: note} : null);
    closeEditor();
  });
  document.getElementById("ed-drop").addEventListener("click", function () {
    if (current.classList.contains("added")) {
      var m = current;
      delete state[m.id];
      marks.splice(marks.indexOf(m), 1);
      m.replaceWith.apply(m, Array.prototype.slice.call(m.childNodes));
      text.normalize();
      dirty = true;
      update();
    } else {
      set(current, {action: "drop", fields: {}, note: form.note.value.trim()});
    }
    closeEditor();
  });
  document.getElementById("ed-undo").addEventListener("click", function () { set(current, null); closeEditor(); });
  document.getElementById("ed-close").addEventListener("click", closeEditor);
  document.addEventListener("keydown", function (e) { if (e.key === "Escape") { closeEditor(); hideTip(); addButton.hidden = true; } });

  // ---- adding a quantity the extractor missed: select it in the text ----
  function offsetOf(node, offset) {
    var r = document.createRange();
    r.setStart(text, 0);
    r.setEnd(node, offset);
    return Array.from(r.toString()).length;  // code points, as Python counts
  }
  function inMark(node) {
    var e = node.nodeType === 1 ? node : node.parentElement;
    return !!(e && e.closest("mark.q"));
  }
  text.addEventListener("mouseup", function () {
    var sel = window.getSelection();
    addButton.hidden = true;
    if (!sel.rangeCount || sel.isCollapsed) return;
    var r = sel.getRangeAt(0).cloneRange();
    while (/^\s/.test(r.toString()) && r.startContainer.nodeType === 3 && r.startOffset < r.startContainer.length) r.setStart(r.startContainer, r.startOffset + 1);
    while (/\s$/.test(r.toString()) && r.endContainer.nodeType === 3 && r.endOffset > 0) r.setEnd(r.endContainer, r.endOffset - 1);
    if (r.collapsed || !text.contains(r.commonAncestorContainer) || inMark(r.startContainer) || inMark(r.endContainer)
        || r.cloneContents().querySelector("mark.q")) return;
    var start = offsetOf(r.startContainer, r.startOffset);
    pendingRange = {range: r, start: start, end: start + Array.from(r.toString()).length, quantity: r.toString()};
    var box = r.getBoundingClientRect();
    addButton.style.top = (box.bottom + 4) + "px";
    addButton.style.left = box.left + "px";
    addButton.hidden = false;
  });
  addButton.addEventListener("click", function () { openEditor(null, pendingRange); });
  function addMark(p, fields, note) {
    var m = el("mark", null, "q added " + (fields.role || "target"));
    m.id = "a" + (addSeq++);
    m.tabIndex = 0;
    m.dataset.start = p.start;
    m.dataset.end = p.end;
    m.dataset.quantity = p.quantity;
    try { p.range.surroundContents(m); } catch (err) {
      message.textContent = "a row must lie inside one stretch of text; select less";
      return;
    }
    marks.push(m);
    state[m.id] = {action: "add", fields: fields, note: note};
    window.getSelection().removeAllRanges();
    dirty = true;
    update();
    closeEditor();
  }

  // ---- corrections made before (gzbg show --corrections) ----
  var bySpan = {};
  marks.forEach(function (m) { bySpan[m.dataset.start + "-" + m.dataset.end] = m; });
  var problems = [];
  data.corrections.forEach(function (c) {
    var m = c.id ? document.getElementById(c.id) : bySpan[c.start + "-" + c.end];
    if (!m || (c.quantity && c.quantity !== m.dataset.quantity)) {
      problems.push(c.action + " " + c.start + "–" + c.end + " " + (c.quantity || ""));
      return;
    }
    state[m.id] = {action: c.action, fields: c.fields, note: c.note};
    m.classList.toggle(c.action, c.action !== "add");
  });
  if (problems.length) {
    var p = document.getElementById("problems");
    p.textContent = problems.length + " earlier correction(s) match no highlight here";
    p.title = problems.join("\n");
  }
  update();
})();
"""

_PAGE = """<!DOCTYPE html>
<html lang="zh-Hans">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>gzbg review — {title}</title>
<style>{css}</style>
</head>
<body>
<header>
<h1>{doc}</h1>
<span>{rows} rows · {excluded} numerals not extracted</span>
<span id="legend">{legend}</span>
<span class="help">click a highlight to correct it · select text to add a missed quantity</span>
<button id="download" type="button">Download corrections CSV (<span id="ncorr">0</span>)</button>
<span id="problems"></span>
</header>
<div id="app">
<nav id="outline" aria-label="outline">{outline}</nav>
<main id="text">{body}</main>
<aside id="rows" aria-label="rows">
<div class="bar">
<input id="filter" type="search" placeholder="filter metric, quantity, unit, section">
<select id="f-role" aria-label="role"><option value="">any role</option><option>target</option><option>qualifier</option></select>
<select id="f-period" aria-label="period"><option value="">any period</option><option>plan</option><option>review</option></select>
<select id="f-status" aria-label="correction"><option value="">all rows</option><option value="open">not corrected</option><option value="any">corrected</option><option>drop</option><option>fix</option><option>add</option></select>
<span id="count"></span>
</div>
<table><thead><tr></tr></thead><tbody></tbody></table>
</aside>
</div>
<div id="tip" role="tooltip" hidden></div>
<button id="add" type="button" hidden>+ add as a row</button>
<form id="editor" hidden>
<p class="head"></p>
<label class="wide">metric <input name="metric"></label>
<label>value <input name="value" inputmode="decimal"></label>
<label>value_max <input name="value_max" inputmode="decimal"></label>
<label>unit <input name="unit"></label>
<label>comparator <select name="comparator"><option>=</option><option>&gt;=</option><option>&gt;</option><option>&lt;=</option><option>&lt;</option><option>~</option></select></label>
<label>role <select name="role"><option>target</option><option>qualifier</option></select></label>
<label>period <select name="period"><option value=""></option><option>plan</option><option>review</option></select></label>
<label class="wide">note <input name="note"></label>
<p class="buttons"><button type="submit">Save fix</button> <button type="button" id="ed-drop">Mark wrong (drop)</button> <button type="button" id="ed-undo">Undo correction</button> <button type="button" id="ed-close">Close</button></p>
<p class="msg" role="status"></p>
</form>
<textarea id="corrections-csv" hidden readonly></textarea>
<script type="application/json" id="gzbg-data">{data}</script>
<script>{js}</script>
</body>
</html>
"""


# Terminal styles: the page's colours, as near as a terminal gets.
_STYLES = {("target", "plan"): "bold black on yellow", ("target", "review"): "bold black on cyan",
           ("target", ""): "bold black on green", "qualifier": "underline", "excluded": "dim strike"}


def _style(role: str, period: str) -> str:
    if role == "qualifier":
        return _STYLES["qualifier"]
    return _STYLES.get((role, period), _STYLES[("target", "")])


def print_report(text: str, frame, console=None, excluded: list = ()) -> None:
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
