/**
 * The script of the HTML report, as text: it is inlined into the page (no file to fetch) and
 * allowed by its SHA-256 hash in the page's Content-Security-Policy. It reads the compact data of
 * src/report/html-data.ts from the <script type="application/json"> block, expands the finding
 * groups into typed arrays, and renders one page of rows at a time: filters, search and sorting run
 * over the arrays, never over DOM rows, so a report of half a million results keeps about a hundred
 * rows in the document. Every value from AWS reaches the DOM through textContent only. Plain ES2017,
 * no template literals (this is a TS template string).
 */
export const HTML_REPORT_SCRIPT = String.raw`
(function () {
  "use strict";
  var SEVERITIES = ["critical", "high", "medium", "low", "info"];
  var LAYERS = ["provider", "customer", "shared"];
  var PHASES = ["build", "deploy", "execution"];
  var STATUSES = ["fail", "unknown", "pass", "not_applicable"];
  var STATUS_LABELS = ["fail", "unknown", "pass", "n/a"];
  var PAGE = 100;
  var FUNCTION_PAGE = 50;
  var byId = function (id) { return document.getElementById(id); };
  var D = JSON.parse(byId("report-data").textContent);
  var organization = D.kind === "organization";

  function el(tag, className, text) {
    var node = document.createElement(tag);
    if (className) node.className = className;
    if (text !== undefined && text !== null) node.textContent = String(text);
    return node;
  }
  function thousands(n) { return String(n).replace(/\B(?=(\d{3})+(?!\d))/g, ","); }
  function score(value) { return value === null ? "n/a" : value.toFixed(1); }
  function band(value) {
    if (value === null) return "none";
    for (var b = 0; b < D.bands.length; b++) if (value >= D.bands[b][1]) return D.bands[b][0];
    return "F";
  }

  // Findings: one entry per result, expanded from the groups (data order = default table order).
  var DIGITS = {};
  "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/".split("").forEach(function (c, i) { DIGITS[c.charCodeAt(0)] = i; });
  /** The integers of a vlq text (src/report/html-data.ts). */
  function unvlq(text) {
    var out = [], value = 0, shift = 1;
    for (var k = 0; k < text.length; k++) {
      var digit = DIGITS[text.charCodeAt(k)];
      value += (digit & 31) * shift;
      if (digit & 32) { shift *= 32; continue; }
      out.push(value % 2 ? -(value - 1) / 2 : value / 2);
      value = 0; shift = 1;
    }
    return out;
  }
  D.groups.forEach(function (g) { g[5] = unvlq(g[5]); g[6] = unvlq(g[6]); });
  var total = 0;
  D.groups.forEach(function (g) { total += g[5].length; });
  var fCheck = new Int32Array(total), fStatus = new Int8Array(total), fReason = new Int32Array(total), fHead = new Int32Array(total);
  var fSup = new Int32Array(total), fRes = new Int32Array(total), fEv = new Int32Array(total);
  var at = 0;
  D.groups.forEach(function (g) {
    var resource = 0, deltas = g[5], evidence = g[6], ev = 0;
    for (var k = 0; k < deltas.length; k++) {
      resource += deltas[k];
      if (evidence.length) ev += evidence[k];
      fCheck[at] = g[0]; fStatus[at] = g[1]; fReason[at] = g[2]; fHead[at] = g[3]; fSup[at] = g[4];
      fRes[at] = resource; fEv[at] = evidence.length ? ev - 1 : -1;
      at++;
    }
  });
  var checks = D.checks, resources = D.resources;
  function arnOf(r) { return typeof r[1] === "number" ? D.arnPrefixes[r[1]] + r[0] : r[1]; }
  /** A shaped object back as an object: [shape, ...values] with the shape's keys. */
  function unshape(shaped, shapes) {
    var keys = shapes[shaped[0]], out = {};
    for (var k = 0; k < keys.length; k++) out[keys[k]] = shaped[k + 1];
    return out;
  }

  // Findings table -------------------------------------------------------------------------
  var tbody = document.querySelector("#findings tbody");
  var columns = document.querySelectorAll("#findings thead th").length;
  var controls = {
    severity: byId("f-severity"), status: byId("f-status"), check: byId("f-check"), region: byId("f-region"),
    layer: byId("f-layer"), phase: byId("f-phase"), text: byId("f-text")
  };
  if (byId("f-account")) controls.account = byId("f-account");
  var countEl = byId("f-count");
  var pageEl = byId("f-page");
  var sortKey = "";
  var sortDir = 1;
  var page = 0;
  var matched = new Int32Array(0);
  var expanded = {};

  function option(select, value, label) {
    var node = el("option", null, label);
    node.value = String(value);
    select.appendChild(node);
  }
  checks.forEach(function (c, i) { option(controls.check, i, c[0]); });
  D.regions.forEach(function (r, i) { option(controls.region, i, r); });
  if (controls.account) D.accounts.forEach(function (a, i) { option(controls.account, i, a[1] ? a[0] + " " + a[1] : a[0]); });

  // Lower-cased text of each table, made on the first search.
  var lower = null;
  function lowerTables() {
    if (lower) return lower;
    lower = {
      checks: checks.map(function (c) { return [c[0], c[1], SEVERITIES[c[2]], LAYERS[c[3]], PHASES[c[4]]].concat(c[7]).join("\n").toLowerCase(); }),
      resources: resources.map(function (r) { var a = D.accounts[r[4]]; return [r[0], arnOf(r), D.regions[r[2]], D.types[r[3]], a[0], a[1]].join("\n").toLowerCase(); }),
      headlines: D.headlines.map(function (h) { return h.toLowerCase(); }),
      reasons: D.reasons.map(function (h) { return h.toLowerCase(); })
    };
    return lower;
  }
  function hits(texts, query) {
    var out = new Uint8Array(texts.length);
    for (var i = 0; i < texts.length; i++) out[i] = texts[i].indexOf(query) >= 0 ? 1 : 0;
    return out;
  }
  function selected(select) { return select.value === "" ? -1 : Number(select.value); }

  function statusTest(value) {
    switch (value) {
      case "open": return function (i) { return fStatus[i] === 0 && fSup[i] < 0; };
      case "fail": return function (i) { return fStatus[i] === 0; };
      case "unknown": return function (i) { return fStatus[i] === 1; };
      case "suppressed": return function (i) { return fSup[i] >= 0; };
      case "pass": return function (i) { return fStatus[i] === 2; };
      case "not_applicable": return function (i) { return fStatus[i] === 3; };
      case "all": return function () { return true; };
      default: return function (i) { return fStatus[i] < 2; };
    }
  }

  /** The indices of the findings that pass every filter, in data order. */
  function filter() {
    var severity = selected(controls.severity), check = selected(controls.check), region = selected(controls.region);
    var layer = controls.layer.value === "" ? -1 : LAYERS.indexOf(controls.layer.value);
    var phase = controls.phase.value === "" ? -1 : PHASES.indexOf(controls.phase.value);
    var account = controls.account ? selected(controls.account) : -1;
    var status = statusTest(controls.status.value);
    var query = controls.text.value.trim().toLowerCase();
    var checkHit = null, resHit = null, headHit = null, reasonHit = null;
    if (query) {
      var t = lowerTables();
      checkHit = hits(t.checks, query); resHit = hits(t.resources, query); headHit = hits(t.headlines, query); reasonHit = hits(t.reasons, query);
    }
    var out = new Int32Array(total), n = 0;
    for (var i = 0; i < total; i++) {
      var c = checks[fCheck[i]], r = resources[fRes[i]];
      if (!status(i)) continue;
      if (severity >= 0 && c[2] !== severity) continue;
      if (check >= 0 && fCheck[i] !== check) continue;
      if (layer >= 0 && c[3] !== layer) continue;
      if (phase >= 0 && c[4] !== phase) continue;
      if (region >= 0 && r[2] !== region) continue;
      if (account >= 0 && r[4] !== account) continue;
      if (query && !(checkHit[fCheck[i]] || resHit[fRes[i]] || headHit[fHead[i]] || reasonHit[fReason[i]])) continue;
      out[n++] = i;
    }
    return out.subarray(0, n);
  }

  // Each sortable column as an integer rank (tables are sorted server-side, so an index is a rank).
  var ranks = {
    severity: function (i) { return checks[fCheck[i]][2]; },
    status: function (i) { return fStatus[i] * 2 + (fSup[i] >= 0 ? 1 : 0); },
    headline: function (i) { return fHead[i]; },
    check: function (i) { return fCheck[i]; },
    account: function (i) { return resources[fRes[i]][4]; },
    resource: function (i) { return fRes[i]; },
    region: function (i) { return resources[fRes[i]][2]; },
    layer: function (i) { return checks[fCheck[i]][3]; },
    phase: function (i) { return checks[fCheck[i]][4]; }
  };
  var titleRank = null;
  ranks.title = function (i) {
    if (!titleRank) {
      var order = checks.map(function (c, k) { return k; }).sort(function (a, b) { return checks[a][1] < checks[b][1] ? -1 : checks[a][1] > checks[b][1] ? 1 : a - b; });
      titleRank = new Int32Array(checks.length);
      order.forEach(function (k, position) { titleRank[k] = position; });
    }
    return titleRank[fCheck[i]];
  };

  /** Stable sort of the matched indices by one rank: key = rank × n + position, as numbers. */
  function sorted(list) {
    if (!sortKey) return list;
    var rank = ranks[sortKey], n = list.length, keys = new Float64Array(n), max = 0, k;
    for (k = 0; k < n; k++) { var value = rank(list[k]); if (value > max) max = value; keys[k] = value; }
    for (k = 0; k < n; k++) keys[k] = (sortDir === 1 ? keys[k] : max - keys[k]) * n + k;
    keys.sort();
    var out = new Int32Array(n);
    for (k = 0; k < n; k++) out[k] = list[keys[k] % n];
    return out;
  }

  function detailItem(list, label, value) {
    list.appendChild(el("dt", null, label));
    var dd = el("dd");
    if (value instanceof Node) dd.appendChild(value); else dd.textContent = String(value);
    list.appendChild(dd);
  }

  function evidenceBlock(index) {
    var box = el("div", "evidence");
    var facts = el("dl", "facts"), shaped = D.facts[index], labels = D.factLabels[shaped[0]], evidence = D.evidence[index];
    for (var k = 0; k < labels.length; k++) {
      var value = shaped[k + 1];
      // A number is the evidence value the fact shows: text as it is, anything else as JSON.
      if (typeof value === "number") value = evidence[value + 1];
      if (typeof value !== "string") value = JSON.stringify(value);
      facts.appendChild(el("dt", null, labels[k]));
      facts.appendChild(el("dd", null, value));
    }
    box.appendChild(facts);
    var raw = el("details");
    raw.appendChild(el("summary", null, "Raw evidence (JSON)"));
    raw.appendChild(el("pre", "evidence", JSON.stringify(unshape(D.evidence[index], D.evidenceKeys), null, 2)));
    box.appendChild(raw);
    return box;
  }

  function detailRow(i) {
    var c = checks[fCheck[i]], r = resources[fRes[i]], a = D.accounts[r[4]];
    var tr = el("tr", "detail");
    tr.id = "d-" + i;
    var td = el("td");
    td.colSpan = columns;
    var list = el("dl");
    detailItem(list, "Finding", D.headlines[fHead[i]] + " (" + D.reasons[fReason[i]] + ")");
    detailItem(list, "Check", c[1] + " (" + c[0] + ")");
    detailItem(list, "Resource", arnOf(r) + " (" + D.types[r[3]] + ")");
    if (organization) detailItem(list, "Account", a[0] + (a[1] ? " (" + a[1] + ")" : ""));
    detailItem(list, "Evidence", fEv[i] >= 0 ? evidenceBlock(fEv[i]) : "none recorded");
    var remedy = el("div", "remediation");
    remedy.appendChild(el("p", "remediation", c[5]));
    if (/^https:\/\//.test(c[6])) {
      var link = el("a", null, c[6]);
      link.href = c[6];
      link.rel = "noopener noreferrer";
      remedy.appendChild(link);
    }
    detailItem(list, "Remediation", remedy);
    var frameworks = el("ul", "frameworks");
    c[7].forEach(function (id) { frameworks.appendChild(el("li", null, id)); });
    detailItem(list, "Frameworks", c[7].length ? frameworks : "none");
    if (fSup[i] >= 0) {
      var s = D.suppressions[fSup[i]];
      detailItem(list, "Suppressed", s[0] + (s[1] ? " (until " + s[1] + ")" : ""));
    }
    var box = el("div", "detail-box");
    box.appendChild(list);
    td.appendChild(box);
    tr.appendChild(td);
    return tr;
  }

  function findingRow(i) {
    var c = checks[fCheck[i]], r = resources[fRes[i]];
    var tr = el("tr", "finding" + (fSup[i] >= 0 ? " suppressed" : ""));
    tr.setAttribute("data-severity", SEVERITIES[c[2]]);
    tr.setAttribute("data-index", String(i));
    var toggleCell = el("td", "toggle");
    var button = el("button", "expand", expanded[i] ? "\u25BE" : "\u25B8");
    button.type = "button";
    button.setAttribute("aria-expanded", expanded[i] ? "true" : "false");
    button.setAttribute("aria-controls", "d-" + i);
    button.setAttribute("aria-label", "Details of " + c[0] + " on " + r[0]);
    button.addEventListener("click", function () {
      expanded[i] = !expanded[i];
      var open = byId("d-" + i);
      if (expanded[i] && !open) tr.parentNode.insertBefore(detailRow(i), tr.nextSibling);
      if (!expanded[i] && open) open.parentNode.removeChild(open);
      button.setAttribute("aria-expanded", expanded[i] ? "true" : "false");
      button.textContent = expanded[i] ? "\u25BE" : "\u25B8";
    });
    toggleCell.appendChild(button);
    tr.appendChild(toggleCell);
    var severity = el("td");
    severity.appendChild(el("span", "badge sev-" + SEVERITIES[c[2]], SEVERITIES[c[2]]));
    tr.appendChild(severity);
    var status = el("td", "status", STATUS_LABELS[fStatus[i]]);
    if (fSup[i] >= 0) status.appendChild(el("span", "tag", "suppressed"));
    tr.appendChild(status);
    tr.appendChild(el("td", "headline", D.headlines[fHead[i]]));
    var control = el("td", "control", c[1]);
    control.appendChild(el("span", "mono check", c[0]));
    tr.appendChild(control);
    if (organization) {
      var a = D.accounts[r[4]];
      var account = el("td", "account");
      account.appendChild(el("span", "mono", a[0]));
      if (a[1]) { account.appendChild(el("br")); account.appendChild(el("span", "note", a[1])); }
      tr.appendChild(account);
    }
    var resource = el("td", "resource", r[0]);
    resource.title = arnOf(r);
    tr.appendChild(resource);
    tr.appendChild(el("td", "nowrap", D.regions[r[2]]));
    tr.appendChild(el("td", null, LAYERS[c[3]]));
    tr.appendChild(el("td", null, PHASES[c[4]]));
    return tr;
  }

  function pages(count, size) { return Math.max(1, Math.ceil(count / size)); }

  function renderPage() {
    var last = pages(matched.length, PAGE) - 1;
    if (page > last) page = last;
    var start = page * PAGE, end = Math.min(matched.length, start + PAGE);
    var fragment = document.createDocumentFragment();
    for (var k = start; k < end; k++) {
      var i = matched[k];
      fragment.appendChild(findingRow(i));
      if (expanded[i]) fragment.appendChild(detailRow(i));
    }
    if (matched.length === 0) {
      var tr = el("tr", "empty");
      var td = el("td", null, total ? "No finding matches the filters." : "No results.");
      td.colSpan = columns;
      tr.appendChild(td);
      fragment.appendChild(tr);
    }
    tbody.textContent = "";
    tbody.appendChild(fragment);
    countEl.setAttribute("data-matched", String(matched.length));
    countEl.textContent = thousands(matched.length) + " of " + thousands(total) + " results match" +
      (matched.length > 0 ? "; rows " + thousands(start + 1) + "\u2013" + thousands(end) : "");
    pageEl.textContent = "Page " + (page + 1) + " of " + (last + 1);
    byId("f-prev").disabled = page === 0;
    byId("f-next").disabled = page >= last;
  }

  function refresh() {
    matched = sorted(filter());
    page = 0;
    renderPage();
  }

  Object.keys(controls).forEach(function (key) {
    controls[key].addEventListener(key === "text" ? "input" : "change", refresh);
  });
  byId("f-reset").addEventListener("click", function () {
    Object.keys(controls).forEach(function (key) { controls[key].value = ""; });
    refresh();
  });
  byId("f-prev").addEventListener("click", function () { page -= 1; renderPage(); });
  byId("f-next").addEventListener("click", function () { page += 1; renderPage(); });
  function setPage(open) {
    var start = page * PAGE, end = Math.min(matched.length, start + PAGE);
    for (var k = start; k < end; k++) expanded[matched[k]] = open;
    renderPage();
  }
  byId("f-expand").addEventListener("click", function () { setPage(true); });
  byId("f-collapse").addEventListener("click", function () { setPage(false); });

  var headers = document.querySelectorAll("#findings th[data-sort]");
  Array.prototype.forEach.call(headers, function (th) {
    th.querySelector("button").addEventListener("click", function () {
      var key = th.getAttribute("data-sort");
      sortDir = key === sortKey ? -sortDir : 1;
      sortKey = key;
      Array.prototype.forEach.call(headers, function (other) { other.removeAttribute("aria-sort"); });
      th.setAttribute("aria-sort", sortDir === 1 ? "ascending" : "descending");
      refresh();
    });
  });

  // Functions table (an account report): worst first, one page at a time, searchable by text.
  var fnBody = document.querySelector("#functions tbody");
  if (fnBody) {
    var fnText = byId("fn-text"), fnCount = byId("fn-count"), fnPage = 0, fnMatched = [];
    var fnLower = null;
    var fnCell = function (value) { return el("td", "score heat-" + band(value), score(value)); };
    var fnRender = function () {
      var last = pages(fnMatched.length, FUNCTION_PAGE) - 1;
      if (fnPage > last) fnPage = last;
      var start = fnPage * FUNCTION_PAGE, end = Math.min(fnMatched.length, start + FUNCTION_PAGE);
      var fragment = document.createDocumentFragment();
      for (var k = start; k < end; k++) {
        var f = D.functions[fnMatched[k]], r = resources[f[0]];
        var tr = el("tr");
        var name = el("td", "resource", r[0]);
        name.title = arnOf(r);
        tr.appendChild(name);
        tr.appendChild(el("td", "nowrap", D.regions[r[2]]));
        tr.appendChild(el("td", "nowrap", f[1]));
        tr.appendChild(fnCell(f[3])); tr.appendChild(fnCell(f[4])); tr.appendChild(fnCell(f[5])); tr.appendChild(fnCell(f[2]));
        var grade = el("td", "grade-cell");
        grade.appendChild(el("span", "grade grade-" + (f[6] || "none"), f[6] || "n/a"));
        if (f[9] >= 0) grade.appendChild(el("span", "capnote", D.gradeNotes[f[9]]));
        tr.appendChild(grade);
        tr.appendChild(el("td", "score", f[7]));
        tr.appendChild(el("td", "score", f[8]));
        fragment.appendChild(tr);
      }
      if (fnMatched.length === 0) {
        var empty = el("tr", "empty");
        var td = el("td", null, D.functions.length ? "No function matches." : "No functions were found.");
        td.colSpan = 11;
        empty.appendChild(td);
        fragment.appendChild(empty);
      }
      fnBody.textContent = "";
      fnBody.appendChild(fragment);
      fnCount.textContent = thousands(fnMatched.length) + " of " + thousands(D.functions.length) + " functions" +
        (fnMatched.length > 0 ? "; rows " + thousands(start + 1) + "\u2013" + thousands(end) : "");
      byId("fn-prev").disabled = fnPage === 0;
      byId("fn-next").disabled = fnPage >= last;
    };
    var fnFilter = function () {
      var query = fnText.value.trim().toLowerCase();
      if (query && !fnLower) fnLower = D.functions.map(function (f) { var r = resources[f[0]]; return [r[0], arnOf(r), D.regions[r[2]], f[1]].join("\n").toLowerCase(); });
      fnMatched = [];
      for (var k = 0; k < D.functions.length; k++) if (!query || fnLower[k].indexOf(query) >= 0) fnMatched.push(k);
      fnPage = 0;
      fnRender();
    };
    fnText.addEventListener("input", fnFilter);
    byId("fn-prev").addEventListener("click", function () { fnPage -= 1; fnRender(); });
    byId("fn-next").addEventListener("click", function () { fnPage += 1; fnRender(); });
    fnFilter();
  }

  document.documentElement.classList.add("js");
  refresh();
  // The search tables after the page has loaded, so that the first search answers as fast as the next.
  window.addEventListener("load", function () { setTimeout(lowerTables, 0); });
})();
`;
