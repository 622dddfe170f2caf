(function () {
  "use strict";
  // The page's data: every report with its text (or, with --headline, its headline passages) and
  // rows. A report's text is turned into elements only when it is opened, so a page of hundreds
  // of reports opens at once. Offsets are Python's (code points); the text is built from the
  // report's own characters with DOM text nodes, never parsed as HTML.
  var data = JSON.parse(document.getElementById("gzbg-data").textContent);
  var F = {};
  data.fields.forEach(function (name, i) { F[name] = i; });
  var textPane = document.getElementById("text");
  var tbody = document.querySelector("#rows tbody");
  var editor = document.getElementById("editor");
  var form = editor.elements;
  var message = editor.querySelector(".msg");
  var addButton = document.getElementById("add");
  var csvBox = document.getElementById("corrections-csv");
  var storeKey = "gzbg-review:" + data.key;
  var NUMBER = /^-?\d+(\.\d+)?([eE][-+]?\d+)?$/;
  var INTEGER = /^-?\d+$/;
  var numberFormat = new Intl.NumberFormat("en-US", {maximumFractionDigits: 10});

  var current = -1;          // the open report
  var rows = [];             // the open report's rows (objects), extracted and added
  var selected = null;       // the row in the editor
  var pendingAdd = null;     // a selection to add: {start, end, quantity}
  var dirty = false;         // corrections changed since the last download
  var sortKey = "start", sortDir = 1;
  var problems = [];

  // ---- corrections: per report, span "start-end" -> {action, fields, note, quantity} ----
  var corr = data.reports.map(function () { return {}; });
  function spanKey(start, end) { return start + "-" + end; }
  data.reports.forEach(function (rep, i) {
    rep.made.forEach(function (c) { corr[i][spanKey(c.start, c.end)] = c; });
    rep.stale.forEach(function (p) { problems.push(rep.name + ": " + p); });
  });
  var restored = 0;
  try {
    var saved = JSON.parse(localStorage.getItem(storeKey) || "null");
    if (saved) {
      data.reports.forEach(function (rep, i) {
        if (saved[rep.fp] && saved[rep.fp].doc === rep.doc) {
          corr[i] = saved[rep.fp].corrections;
          restored += Object.keys(corr[i]).length;
        }
      });
    }
  } catch (err) { /* no storage here (a private window): corrections live until the page closes */ }
  function autosave() {
    var out = {};
    data.reports.forEach(function (rep, i) { out[rep.fp] = {doc: rep.doc, corrections: corr[i]}; });
    try { localStorage.setItem(storeKey, JSON.stringify(out)); } catch (err) { /* as above */ }
  }

  function el(tag, text, cls) {
    var e = document.createElement(tag);
    if (text != null) e.textContent = text;
    if (cls) e.className = cls;
    return e;
  }

  // ---- rows of a report ----
  function rowObjects(i) {
    var rep = data.reports[i];
    var out = rep.rows.map(function (cells, n) {
      var r = {id: "q" + n, added: false};
      data.fields.forEach(function (name, k) { r[name] = cells[k]; });
      return r;
    });
    Object.keys(corr[i]).forEach(function (key) {
      var c = corr[i][key];
      if (c.action !== "add") return;
      var r = {id: "a" + key, added: true, start: c.start, end: c.end, quantity: c.quantity};
      data.edit.forEach(function (name) { r[name] = ""; });
      out.push(r);
    });
    return out;
  }
  function correctionOf(r) { return corr[current][spanKey(r.start, r.end)]; }
  function status(r) { var c = correctionOf(r); return c ? c.action : ""; }
  function shownValue(r, name) {
    var c = correctionOf(r);
    if (c && c.fields && name in c.fields) return c.fields[name] === "-" ? "" : c.fields[name];
    var v = r[name];
    if (v === null || v === undefined) return "";
    if (v === true) return "true";
    if (v === false) return "false";
    return String(v);
  }
  function inScope(i, start, end) {
    return data.reports[i].pieces.some(function (p) { return p[0] <= start && end <= p[0] + p[3]; });
  }
  function progress(i) {
    var rep = data.reports[i];
    var total = 0, done = 0;
    rep.rows.forEach(function (cells) {
      if (!inScope(i, cells[F.start], cells[F.end])) return;
      total++;
      if (corr[i][spanKey(cells[F.start], cells[F.end])]) done++;
    });
    Object.keys(corr[i]).forEach(function (k) { if (corr[i][k].action === "add") { total++; done++; } });
    return [done, total];
  }

  // ---- the list of reports ----
  var list = document.getElementById("reports");
  var reportFilter = document.getElementById("report-filter");
  var reportStatus = document.getElementById("report-status");
  function renderList() {
    var q = reportFilter.value.trim().toLowerCase();
    var frag = document.createDocumentFragment();
    var allDone = 0, allTotal = 0;
    data.reports.forEach(function (rep, i) {
      var pr = progress(i);
      allDone += pr[0]; allTotal += pr[1];
      if (q && (rep.name + " " + rep.doc + " " + rep.place + " " + rep.year).toLowerCase().indexOf(q) < 0) return;
      if (reportStatus.value === "open" && pr[0] >= pr[1]) return;
      if (reportStatus.value === "warn" && !rep.warnings) return;
      var li = el("li", null, (i === current ? "current" : "") + (pr[1] && pr[0] >= pr[1] ? " done" : ""));
      li.dataset.report = i;
      li.appendChild(el("span", rep.label, "name"));
      li.appendChild(el("span", pr[0] + "/" + pr[1], "progress"));
      li.appendChild(el("span", [rep.place, rep.level, rep.year].filter(Boolean).join(" · "), "meta"));
      if (rep.warnings) li.appendChild(el("span", "⚠ " + rep.warnings, "warn"));
      frag.appendChild(li);
    });
    list.replaceChildren(frag);
    document.getElementById("summary").textContent = data.reports.length + " report" + (data.reports.length === 1 ? "" : "s") +
      " · " + allDone + " of " + allTotal + " rows reviewed" + (data.headlineOnly ? " · headline passages only" : "");
  }
  [reportFilter, reportStatus].forEach(function (f) { f.addEventListener("input", renderList); });
  list.addEventListener("click", function (e) {
    var li = e.target.closest("li");
    if (li) openReport(+li.dataset.report);
  });
  function visibleReports() {
    return Array.prototype.map.call(list.children, function (li) { return +li.dataset.report; });
  }

  // ---- a report's text, built when it is opened ----
  // Python counts code points, JavaScript UTF-16 units: a map between them when the text has
  // characters outside the BMP.
  function unitIndex(s) {
    if (!/[\ud800-\udfff]/.test(s)) return null;
    var map = [], u = 0;
    for (var ch of s) { map.push(u); u += ch.length; }
    map.push(u);
    return map;
  }
  function build(container, s, spans) {
    var stack = [{node: container, end: s.length}], pos = 0;
    function text(to) {
      if (to > pos) { stack[stack.length - 1].node.appendChild(document.createTextNode(s.slice(pos, to))); pos = to; }
    }
    spans.sort(function (a, b) { return a.s - b.s || b.e - a.e || a.rank - b.rank; });
    spans.forEach(function (sp) {
      while (stack.length > 1 && stack[stack.length - 1].end <= sp.s) { text(stack[stack.length - 1].end); stack.pop(); }
      text(sp.s);
      var node = sp.make();
      stack[stack.length - 1].node.appendChild(node);
      // A span crossing its container's end is cut there; its data keeps the true offsets.
      var end = Math.min(sp.e, stack[stack.length - 1].end);
      if (end > sp.s) stack.push({node: node, end: end});
    });
    while (stack.length > 1) { text(stack[stack.length - 1].end); stack.pop(); }
    text(s.length);
  }
  function markFor(r) {
    return function () {
      var m = el("mark", null, "q " + (r.added ? "added target" : (r.role || "") + " " + (r.period || "")));
      if (r.headline === true) m.classList.add("hl");
      if (r.relation) m.classList.add("rel");
      var s = status(r);
      if (s && s !== "add") m.classList.add(s);
      m.id = r.id;
      m.dataset.start = r.start;
      m.dataset.end = r.end;
      m.title = [shownValue(r, "metric"), shownValue(r, "indicator"), r.quantity].filter(Boolean).join(" · ");
      return m;
    };
  }
  function openReport(i) {
    if (i < 0 || i >= data.reports.length) return;
    current = i;
    selected = null;
    pendingAdd = null;
    addButton.hidden = true;
    var rep = data.reports[i];
    rows = rowObjects(i);
    var frag = document.createDocumentFragment();
    frag.appendChild(el("h2", rep.doc));
    if (!rep.pieces.length) frag.appendChild(el("p", data.headlineOnly ? "No headline passage was found in this report." : "Empty report.", "empty"));
    var outline = [];
    rep.pieces.forEach(function (p) {
      var start = p[0], s = p[1], len = p[3], map = unitIndex(s);
      function u(cp) { return map ? map[cp - start] : cp - start; }
      var spans = [];
      rows.forEach(function (r) {
        if (r.start >= start && r.end <= start + len) spans.push({s: u(r.start), e: u(r.end), rank: 2, make: markFor(r)});
      });
      rep.excluded.forEach(function (x) {
        if (x[0] >= start && x[1] <= start + len) {
          spans.push({s: u(x[0]), e: u(x[1]), rank: 3, make: function () {
            var span = el("span", null, "x");
            span.title = "not extracted: " + x[2];
            return span;
          }});
        }
      });
      rep.outline.forEach(function (o, n) {
        if (o[0] < start || o[1] > start + len) return;
        var end = o[1];
        spans.forEach(function (sp) { if (sp.rank >= 2 && sp.s < u(end) && sp.e > u(end)) end = null; });
        outline.push([o, n]);
        spans.push({s: u(o[0]), e: end === null ? u(o[1]) : u(end), rank: o[4] === "h" ? 0 : 1, make: function () {
          var span = el("span", null, o[4] === "h" ? "h" : "topic");
          span.id = "o" + n;
          return span;
        }});
      });
      var piece = el("div", null, "piece" + (data.headlineOnly ? " passage" : ""));
      piece.dataset.offset = start;
      build(piece, s, spans);
      if (p[2]) {
        var wrap = el("section");
        wrap.appendChild(el("p", p[2], "passage-head"));
        wrap.appendChild(piece);
        frag.appendChild(wrap);
      } else {
        frag.appendChild(piece);
      }
    });
    textPane.replaceChildren(frag);
    textPane.scrollTop = 0;
    renderOutline(outline);
    renderList();
    renderTable();
    showEditor(null);
    var firstRow = rowsShown()[0];
    if (firstRow) select(firstRow, false);
  }
  function renderOutline(entries) {
    var box = document.getElementById("outline");
    if (!entries.length) { box.replaceChildren(); return; }
    var ol = el("ol");
    entries.forEach(function (entry) {
      var o = entry[0], li = el("li", null, "l" + Math.min(o[2], 4) + " " + o[4]);
      var a = el("a", o[3]);
      a.href = "#o" + entry[1];
      li.appendChild(a);
      li.appendChild(el("span", String(o[5]), "n"));
      ol.appendChild(li);
    });
    box.replaceChildren(ol);
  }

  // ---- the table of the open report's rows ----
  // Review status and flags first: never behind the table's horizontal scroll.
  var COLS = [["line", "line", "num"], ["status", "status"], ["flags", "flags"], ["metric", "metric"],
              ["indicator", "indicator"], ["quantity", "quantity"], ["value", "value", "num"], ["unit", "unit"],
              ["comparator", "cmp"], ["period", "period"]];
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
  function cellText(r, key) {
    if (key === "status") return status(r);
    if (key === "quantity") return r.quantity;
    if (key === "flags") return (shownValue(r, "headline") === "true" ? "H" : "") + (shownValue(r, "relation") ? "R" : "");
    var v = shownValue(r, key);
    if (key === "value" && NUMBER.test(v)) {
      var most = shownValue(r, "value_max");  // a range reads 3–5
      return numberFormat.format(+v) + (NUMBER.test(most) ? "–" + numberFormat.format(+most) : "");
    }
    return v;
  }
  function byStart(a, b) { return a.start - b.start || a.end - b.end; }
  function compare(a, b) {
    if (sortKey === "start") return byStart(a, b);
    var x = sortKey === "line" || sortKey === "value" || sortKey === "value_max" ? shownValue(a, sortKey) : cellText(a, sortKey);
    var y = sortKey === "line" || sortKey === "value" || sortKey === "value_max" ? shownValue(b, sortKey) : cellText(b, sortKey);
    if (sortKey === "line" || sortKey === "value" || sortKey === "value_max") {
      x = x === "" ? Infinity : +x; y = y === "" ? Infinity : +y;
      return (x - y || 0) * sortDir || byStart(a, b);
    }
    return x.localeCompare(y, "zh") * sortDir || byStart(a, b);
  }
  var filter = document.getElementById("filter");
  var fRole = document.getElementById("f-role");
  var fPeriod = document.getElementById("f-period");
  var fStatus = document.getElementById("f-status");
  data.choices.role.forEach(function (v) { fRole.appendChild(el("option", v)); });
  data.choices.period.forEach(function (v) { fPeriod.appendChild(el("option", v)); });
  data.actions.forEach(function (v) { fStatus.appendChild(el("option", v)); });
  function shown(r) {
    if (!inScope(current, r.start, r.end)) return false;
    if (fRole.value && shownValue(r, "role") !== fRole.value) return false;
    if (fPeriod.value && shownValue(r, "period") !== fPeriod.value) return false;
    var s = status(r);
    if (fStatus.value === "open" ? s !== "" : fStatus.value === "any" ? s === "" : fStatus.value && s !== fStatus.value) return false;
    var q = filter.value.trim().toLowerCase();
    if (!q) return true;
    return [shownValue(r, "metric"), r.quantity, shownValue(r, "unit"), shownValue(r, "indicator"), r.section || "", r.topic || ""]
      .join(" ").toLowerCase().indexOf(q) >= 0;
  }
  function rowsShown() { return rows.filter(shown).sort(compare); }
  function renderTable() {
    var shownRows = rowsShown();
    var frag = document.createDocumentFragment();
    shownRows.forEach(function (r) {
      var tr = el("tr", null, status(r) + (r === selected ? " sel" : "") + (shownValue(r, "headline") === "true" ? " hl" : "") +
        (shownValue(r, "role") === "qualifier" ? " qual" : ""));
      tr.dataset.mark = r.id;
      COLS.forEach(function (c) {
        var td = el("td", null, (c[2] || "") + (c[0] === "status" ? " status" : ""));
        if (c[0] === "flags") {
          if (shownValue(r, "headline") === "true") {
            var badge = el("span", "H", "hl");
            badge.title = "headline target";
            td.appendChild(badge);
          }
          if (shownValue(r, "relation")) td.appendChild(el("span", shownValue(r, "relation"), "rel"));
          td.className = "flags";
        } else {
          td.textContent = cellText(r, c[0]);
        }
        tr.appendChild(td);
      });
      frag.appendChild(tr);
    });
    tbody.replaceChildren(frag);
    document.getElementById("count").textContent = shownRows.length + " / " + rows.filter(function (r) { return inScope(current, r.start, r.end); }).length;
  }
  [filter, fRole, fPeriod, fStatus].forEach(function (f) { f.addEventListener("input", renderTable); });
  function rowById(id) { return rows.find(function (r) { return r.id === id; }); }
  tbody.addEventListener("click", function (e) {
    var tr = e.target.closest("tr");
    if (tr) select(rowById(tr.dataset.mark), true);
  });
  textPane.addEventListener("click", function (e) {
    var m = e.target.closest("mark.q");
    if (!m || !window.getSelection().isCollapsed) return;
    select(rowById(m.id), false, true);
  });

  // ---- selecting a row: its highlight, its table row, the editor ----
  function markOf(r) { return document.getElementById(r.id); }
  function trOf(r) { return tbody.querySelector('tr[data-mark="' + CSS.escape(r.id) + '"]'); }
  function unselect() {
    if (!selected) return;
    var m = markOf(selected), tr = trOf(selected);
    if (m) m.classList.remove("sel");
    if (tr) tr.classList.remove("sel");
    selected = null;
  }
  function select(r, scrollText, fromText) {
    if (!r) return;
    unselect();
    selected = r;
    pendingAdd = null;
    var m = markOf(r), tr = trOf(r);
    if (m) {
      m.classList.add("sel");
      if (scrollText !== false || !fromText) m.scrollIntoView({block: "center"});
    }
    if (tr) { tr.classList.add("sel"); tr.scrollIntoView({block: "nearest"}); }
    showEditor(r);
  }
  function step(delta) {
    var list = rowsShown();
    if (!list.length) return;
    var at = selected ? list.indexOf(selected) : -1;
    var next = list[Math.max(0, Math.min(list.length - 1, at + delta))];
    if (at < 0) next = list[delta > 0 ? 0 : list.length - 1];
    select(next, true);
  }

  // ---- the editor, docked under the table so it never covers the text ----
  var fieldsBox = editor.querySelector(".fields");
  data.edit.forEach(function (name) {
    var label = el("label", name + " ", name === "metric" ? "wide" : "");
    var input;
    if (name === "indicator") {
      input = el("select");
      input.appendChild(option(""));
      data.indicators.forEach(function (ind) {
        var o = el("option", ind[0] + " " + ind[1]);
        o.value = ind[0];
        input.appendChild(o);
      });
    } else if (data.choices[name]) {
      input = el("select");
      if (name !== "comparator" && name !== "role" && name !== "headline") input.appendChild(option(""));
      data.choices[name].forEach(function (v) { input.appendChild(option(v)); });
    } else {
      input = el("input");
      if (name === "value" || name === "value_max" || name === "year") input.inputMode = "decimal";
    }
    input.name = name;
    label.appendChild(input);
    fieldsBox.appendChild(label);
  });
  function option(v) {
    var o = el("option", v);
    o.value = v;
    return o;
  }
  function setValue(input, v) {
    if (input.tagName === "SELECT" && !Array.prototype.some.call(input.options, function (o) { return o.value === v; })) {
      input.appendChild(option(v));  // a value the page does not list stays as it is
    }
    input.value = v;
  }
  function showEditor(r) {
    message.textContent = "";
    var headEl = editor.querySelector(".head");
    if (!r && !pendingAdd) {
      editor.classList.add("idle");
      headEl.textContent = "Select a row (j/k), or select text in the report to add a missed target.";
      return;
    }
    editor.classList.remove("idle");
    var c = r ? correctionOf(r) : null;
    if (r) {
      headEl.textContent = r.quantity + "  (" + r.start + "–" + r.end + (r.line ? ", line " + r.line : "") + ")" +
        (c ? "  — " + c.action : "") + (r.section ? "  · " + r.section : "");
    } else {
      headEl.textContent = "add: " + pendingAdd.quantity + "  (" + pendingAdd.start + "–" + pendingAdd.end + ")";
    }
    data.edit.forEach(function (name) {
      var v = r ? shownValue(r, name) : (name === "comparator" ? "=" : name === "role" ? "target" :
        name === "headline" ? (data.headlineOnly ? "true" : "false") : name === "period" ? "plan" : "");
      setValue(form[name], v);
      form[name].parentNode.classList.toggle("changed", !!(c && c.fields && name in c.fields));
    });
    form.note.value = c ? c.note || "" : "";
    document.getElementById("ed-accept").hidden = !r || (r && r.added);
    document.getElementById("ed-undo").hidden = !c;
    document.getElementById("ed-drop").textContent = r && r.added ? "Remove added row (x)" : "Mark wrong (x)";
  }
  function record(r, c) {
    var key = spanKey(r.start, r.end);
    if (c) {
      c.start = r.start; c.end = r.end; c.quantity = r.quantity;
      corr[current][key] = c;
    } else {
      delete corr[current][key];
    }
    dirty = true;
    autosave();
    var m = markOf(r);
    if (m) data.actions.forEach(function (a) { if (a !== "add") m.classList.toggle(a, !!c && c.action === a); });
    update();
  }
  function update() {
    renderTable();
    renderList();
    csvBox.value = correctionsCSV();
    document.getElementById("ncorr").textContent = data.reports.reduce(function (n, rep, i) { return n + Object.keys(corr[i]).length; }, 0);
    if (selected) {
      var tr = trOf(selected);
      if (tr) tr.classList.add("sel");
    }
  }
  function accept() {
    if (!selected || selected.added) return;
    var c = correctionOf(selected);
    if (!c || c.action === "drop") record(selected, {action: "accept", fields: {}, note: form.note.value.trim()});
    step(1);
  }
  function drop() {
    if (!selected) return;
    if (selected.added) {
      var r = selected;
      record(r, null);
      var m = markOf(r);
      if (m) { m.replaceWith.apply(m, Array.prototype.slice.call(m.childNodes)); }
      rows.splice(rows.indexOf(r), 1);
      selected = null;
      update();
      showEditor(null);
      return;
    }
    record(selected, {action: "drop", fields: {}, note: form.note.value.trim()});
    step(1);
  }
  function undo() {
    if (!selected || selected.added) return;
    record(selected, null);
    showEditor(selected);
  }
  function formFields(r) {
    var fields = {};
    var error = "";
    data.edit.forEach(function (name) {
      var now = form[name].value.trim();
      var was = r ? (r[name] === null || r[name] === undefined ? "" : String(r[name])) : "";
      if (name === "value" || name === "value_max") {
        if (now && !NUMBER.test(now)) error = name + " must be a number";
      }
      if (name === "year" && now && !INTEGER.test(now)) error = "year must be a whole number";
      var same = (name === "value" || name === "value_max" || name === "year") && now !== "" && was !== "" ? +now === +was : now === was;
      if (!r) { if (now !== "") fields[name] = now; } else if (!same) fields[name] = now === "" ? "-" : now;
    });
    return error ? {error: error} : {fields: fields};
  }
  editor.addEventListener("submit", function (e) {
    e.preventDefault();
    if (!selected && !pendingAdd) return;
    var read = formFields(selected && !selected.added ? selected : null);
    if (read.error) { message.textContent = read.error; return; }
    var note = form.note.value.trim();
    if (!selected || selected.added) {
      if (!read.fields.value && !read.fields.relation) { message.textContent = "an added row needs a value, or a relation"; return; }
      if (!read.fields.value) delete read.fields.comparator;  // a relation compares with no number
      if (selected) { record(selected, {action: "add", fields: read.fields, note: note}); showEditor(selected); return; }
      addRow(pendingAdd, read.fields, note);
      return;
    }
    if (Object.keys(read.fields).length) record(selected, {action: "fix", fields: read.fields, note: note});
    else record(selected, {action: "accept", fields: {}, note: note});
    document.activeElement.blur();
    step(1);
  });
  document.getElementById("ed-accept").addEventListener("click", accept);
  document.getElementById("ed-drop").addEventListener("click", drop);
  document.getElementById("ed-undo").addEventListener("click", undo);

  // ---- adding a target the extractor missed: select it in the text ----
  function pieceOf(node) {
    var e = node.nodeType === 1 ? node : node.parentElement;
    return e && e.closest(".piece");
  }
  function offsetIn(piece, node, offset) {
    var r = document.createRange();
    r.setStart(piece, 0);
    r.setEnd(node, offset);
    return +piece.dataset.offset + Array.from(r.toString()).length;  // code points, as Python counts
  }
  function inMark(node) {
    var e = node.nodeType === 1 ? node : node.parentElement;
    return !!(e && e.closest("mark.q"));
  }
  function selectionToAdd() {
    var sel = window.getSelection();
    if (!sel.rangeCount || sel.isCollapsed) return null;
    var r = sel.getRangeAt(0).cloneRange();
    while (/^\s/.test(r.toString()) && r.startContainer.nodeType === 3 && r.startOffset < r.startContainer.length) r.setStart(r.startContainer, r.startOffset + 1);
    while (/\s$/.test(r.toString()) && r.endContainer.nodeType === 3 && r.endOffset > 0) r.setEnd(r.endContainer, r.endOffset - 1);
    var piece = pieceOf(r.startContainer);
    if (r.collapsed || !piece || pieceOf(r.endContainer) !== piece || inMark(r.startContainer) || inMark(r.endContainer)
        || r.cloneContents().querySelector("mark.q")) return null;
    var start = offsetIn(piece, r.startContainer, r.startOffset);
    return {range: r, start: start, end: start + Array.from(r.toString()).length, quantity: r.toString()};
  }
  textPane.addEventListener("mouseup", function () {
    var p = selectionToAdd();
    addButton.hidden = !p;
    if (!p) return;
    pendingAdd = p;
    var box = p.range.getBoundingClientRect();
    addButton.style.top = (box.bottom + 4) + "px";
    addButton.style.left = box.left + "px";
  });
  function startAdd() {
    var p = pendingAdd || selectionToAdd();
    if (!p) return;
    unselect();
    pendingAdd = p;
    addButton.hidden = true;
    showEditor(null);
    form.metric.focus();
  }
  addButton.addEventListener("click", startAdd);
  function addRow(p, fields, note) {
    var r = {id: "a" + spanKey(p.start, p.end), added: true, start: p.start, end: p.end, quantity: p.quantity};
    data.edit.forEach(function (name) { r[name] = ""; });
    var m = markFor(r)();
    try { p.range.surroundContents(m); } catch (err) {
      message.textContent = "a row must lie inside one stretch of text; select less";
      return;
    }
    rows.push(r);
    window.getSelection().removeAllRanges();
    pendingAdd = null;
    record(r, {action: "add", fields: fields, note: note});
    select(r, false, true);
  }

  // ---- the corrections file ----
  function csvCell(v) {
    v = v == null ? "" : String(v);
    return /[",\r\n]/.test(v) ? '"' + v.replace(/"/g, '""') + '"' : v;
  }
  function correctionsCSV() {
    var lines = [data.columns.join(",")];
    data.reports.forEach(function (rep, i) {
      Object.keys(corr[i]).map(function (k) { return corr[i][k]; })
        .sort(function (a, b) { return a.start - b.start || a.end - b.end; })
        .forEach(function (c) {
          var row = {doc: rep.doc, fingerprint: rep.fp, start: c.start, end: c.end, action: c.action,
                     quantity: c.quantity, note: c.note || ""};
          Object.keys(c.fields || {}).forEach(function (k) { row[k] = c.fields[k]; });
          lines.push(data.columns.map(function (k) { return csvCell(row[k]); }).join(","));
        });
    });
    return lines.join("\n") + "\n";
  }
  window.gzbgCorrectionsCSV = correctionsCSV;
  document.getElementById("download").addEventListener("click", function () {
    var blob = new Blob(["\ufeff" + correctionsCSV()], {type: "text/csv;charset=utf-8"});
    var a = el("a");
    a.href = URL.createObjectURL(blob);
    a.download = data.download;
    document.body.appendChild(a);
    a.click();
    a.remove();
    setTimeout(function () { URL.revokeObjectURL(a.href); }, 1000);
    dirty = false;
  });
  window.addEventListener("beforeunload", function (e) {
    if (dirty) { e.preventDefault(); e.returnValue = ""; }
  });

  // ---- keys ----
  var help = document.getElementById("help");
  function toggleHelp() {
    help.hidden = !help.hidden;
    document.getElementById("help-button").setAttribute("aria-expanded", String(!help.hidden));
  }
  document.getElementById("help-button").addEventListener("click", toggleHelp);
  function openNeighbour(delta) {
    var order = visibleReports();
    var at = order.indexOf(current);
    var next = order[at < 0 ? 0 : at + delta];
    if (next !== undefined) openReport(next);
  }
  document.addEventListener("keydown", function (e) {
    var t = e.target;
    var typing = t && (t.tagName === "INPUT" || t.tagName === "SELECT" || t.tagName === "TEXTAREA");
    if (e.key === "Escape") {
      if (typing) t.blur();
      help.hidden = true;
      addButton.hidden = true;
      return;
    }
    if (typing || e.ctrlKey || e.metaKey || e.altKey) return;
    var handled = true;
    switch (e.key) {
      case "j": case "ArrowDown": step(1); break;
      case "k": case "ArrowUp": step(-1); break;
      case "a": accept(); break;
      case "x": drop(); break;
      case "u": undo(); break;
      case "e": case "Enter": if (selected || pendingAdd) { showEditor(selected); form[data.edit[0]].focus(); } break;
      case "n": openNeighbour(1); break;
      case "p": openNeighbour(-1); break;
      case "+": startAdd(); break;
      case "?": toggleHelp(); break;
      default: handled = false;
    }
    if (handled) e.preventDefault();
  });

  if (restored) problems.unshift(restored + " correction(s) restored from this browser's autosave");
  if (problems.length) {
    var p = document.getElementById("problems");
    var stale = problems.filter(function (x) { return x.indexOf("restored") < 0; }).length;
    p.textContent = (restored ? restored + " correction(s) restored from this browser's autosave" : "") +
      (restored && stale ? " · " : "") + (stale ? stale + " earlier correction(s) match no row here" : "");
    p.title = problems.join("\n");
  }
  renderList();
  update();
  if (data.reports.length) openReport(0);
})();
