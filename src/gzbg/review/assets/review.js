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
