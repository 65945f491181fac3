/**
 * The script of the HTML report, as text: it is inlined into the page (no file to fetch) and
 * allowed by its SHA-256 hash in the page's Content-Security-Policy. It reads the findings from the
 * <script type="application/json"> block and builds the table with textContent only, so no value
 * from AWS is ever parsed as HTML. Plain ES2017, no template literals (this is a TS template string).
 */
export const HTML_REPORT_SCRIPT = String.raw`
(function () {
  "use strict";
  var SEVERITIES = ["critical", "high", "medium", "low", "info"];
  var STATUS_RANK = { fail: 0, unknown: 1 };
  var data = JSON.parse(document.getElementById("report-data").textContent);
  var findings = data.findings;
  var tbody = document.querySelector("#findings tbody");
  var byId = function (id) { return document.getElementById(id); };
  var controls = {
    severity: byId("f-severity"), status: byId("f-status"), check: byId("f-check"),
    region: byId("f-region"), layer: byId("f-layer"), phase: byId("f-phase"), text: byId("f-text")
  };
  // Only an organisation report has an account filter and column.
  var byAccount = byId("f-account");
  if (byAccount) controls.account = byAccount;
  var columns = document.querySelectorAll("#findings thead th").length;
  var countEl = byId("f-count");
  var sortKey = "severity";
  var sortDir = 1;
  var expanded = {};

  function el(tag, className, text) {
    var node = document.createElement(tag);
    if (className) node.className = className;
    if (text !== undefined && text !== null) node.textContent = String(text);
    return node;
  }
  function cmp(a, b) { return a < b ? -1 : a > b ? 1 : 0; }
  function severityRank(s) { var i = SEVERITIES.indexOf(s); return i < 0 ? 99 : i; }
  function distinct(key) {
    var seen = {};
    findings.forEach(function (f) { seen[f[key]] = true; });
    return Object.keys(seen).sort();
  }
  function fill(select, values) {
    values.forEach(function (value) { var option = el("option", null, value); option.value = value; select.appendChild(option); });
  }
  fill(controls.check, distinct("checkId"));
  fill(controls.region, distinct("region"));
  if (byAccount) {
    var names = {};
    findings.forEach(function (f) { names[f.accountId] = f.accountName; });
    distinct("accountId").forEach(function (id) {
      var option = el("option", null, names[id] ? id + " " + names[id] : id);
      option.value = id;
      byAccount.appendChild(option);
    });
  }

  findings.forEach(function (f) {
    f.search = [f.checkId, f.title, f.resourceName, f.resourceArn, f.region, f.message, f.reason, f.layer, f.phase, f.severity, f.accountId, f.accountName]
      .concat(f.frameworks).join("\n").toLowerCase();
  });

  var comparators = {
    severity: function (a, b) { return severityRank(a.severity) - severityRank(b.severity); },
    status: function (a, b) { return (STATUS_RANK[a.status] - STATUS_RANK[b.status]) || (Number(a.suppressed) - Number(b.suppressed)); },
    check: function (a, b) { return cmp(a.checkId, b.checkId); },
    title: function (a, b) { return cmp(a.title, b.title); },
    account: function (a, b) { return cmp(a.accountId, b.accountId); },
    resource: function (a, b) { return cmp(a.resourceName.toLowerCase(), b.resourceName.toLowerCase()); },
    region: function (a, b) { return cmp(a.region, b.region); },
    layer: function (a, b) { return cmp(a.layer, b.layer); },
    phase: function (a, b) { return cmp(a.phase, b.phase); }
  };

  function matches(f) {
    var status = controls.status.value;
    if (controls.severity.value && f.severity !== controls.severity.value) return false;
    if (status === "open" && (f.status !== "fail" || f.suppressed)) return false;
    if (status === "unknown" && f.status !== "unknown") return false;
    if (status === "suppressed" && !f.suppressed) return false;
    if (controls.check.value && f.checkId !== controls.check.value) return false;
    if (controls.region.value && f.region !== controls.region.value) return false;
    if (controls.account && controls.account.value && f.accountId !== controls.account.value) return false;
    if (controls.layer.value && f.layer !== controls.layer.value) return false;
    if (controls.phase.value && f.phase !== controls.phase.value) return false;
    var query = controls.text.value.trim().toLowerCase();
    return !query || f.search.indexOf(query) >= 0;
  }

  function detailItem(list, label, value) {
    list.appendChild(el("dt", null, label));
    var dd = el("dd");
    if (value instanceof Node) dd.appendChild(value); else dd.textContent = String(value);
    list.appendChild(dd);
  }

  function detailRow(f) {
    var tr = el("tr", "detail");
    tr.id = "d-" + f.id;
    tr.hidden = !expanded[f.id];
    var td = el("td");
    td.colSpan = columns;
    var list = el("dl");
    detailItem(list, "Finding", f.message + " (" + f.reason + ")");
    detailItem(list, "Resource", f.resourceArn + " (" + f.resourceType + ")");
    if (byAccount) detailItem(list, "Account", f.accountId + (f.accountName ? " (" + f.accountName + ")" : ""));
    var evidenceKeys = Object.keys(f.evidence);
    detailItem(list, "Evidence", evidenceKeys.length ? el("pre", "evidence", JSON.stringify(f.evidence, null, 2)) : "none recorded");
    detailItem(list, "Remediation", el("p", "remediation", f.remediation));
    var frameworks = el("ul", "frameworks");
    f.frameworks.forEach(function (id) { frameworks.appendChild(el("li", null, id)); });
    detailItem(list, "Frameworks", f.frameworks.length ? frameworks : "none");
    if (f.suppressed) {
      detailItem(list, "Suppressed", f.suppressionReason + (f.suppressionExpires ? " (until " + f.suppressionExpires + ")" : ""));
    }
    td.appendChild(list);
    tr.appendChild(td);
    return tr;
  }

  function findingRow(f, detail) {
    var tr = el("tr", "finding" + (f.suppressed ? " suppressed" : ""));
    tr.setAttribute("data-severity", f.severity);
    var toggleCell = el("td", "toggle");
    var button = el("button", "expand", expanded[f.id] ? "\u25BE" : "\u25B8");
    button.type = "button";
    button.setAttribute("aria-expanded", expanded[f.id] ? "true" : "false");
    button.setAttribute("aria-controls", detail.id);
    button.setAttribute("aria-label", "Details of " + f.checkId + " on " + f.resourceName);
    button.addEventListener("click", function () {
      expanded[f.id] = !expanded[f.id];
      detail.hidden = !expanded[f.id];
      button.setAttribute("aria-expanded", expanded[f.id] ? "true" : "false");
      button.textContent = expanded[f.id] ? "\u25BE" : "\u25B8";
    });
    toggleCell.appendChild(button);
    tr.appendChild(toggleCell);
    var severity = el("td");
    var badge = el("span", "badge", f.severity);
    if (SEVERITIES.indexOf(f.severity) >= 0) badge.classList.add("sev-" + f.severity);
    severity.appendChild(badge);
    tr.appendChild(severity);
    var status = el("td", null, f.status === "not_applicable" ? "n/a" : f.status);
    if (f.suppressed) status.appendChild(el("span", "tag", "suppressed"));
    tr.appendChild(status);
    tr.appendChild(el("td", "mono", f.checkId));
    tr.appendChild(el("td", null, f.title));
    if (byAccount) {
      var account = el("td", "resource");
      account.appendChild(el("span", "mono", f.accountId));
      if (f.accountName) { account.appendChild(el("br")); account.appendChild(el("span", "note", f.accountName)); }
      tr.appendChild(account);
    }
    tr.appendChild(el("td", "resource", f.resourceName));
    tr.appendChild(el("td", "nowrap", f.region));
    tr.appendChild(el("td", null, f.layer));
    tr.appendChild(el("td", null, f.phase));
    return tr;
  }

  function render() {
    var rows = findings.filter(matches).sort(function (a, b) {
      return comparators[sortKey](a, b) * sortDir || comparators.severity(a, b) || comparators.status(a, b) ||
        cmp(a.checkId, b.checkId) || cmp(a.resourceArn, b.resourceArn);
    });
    tbody.textContent = "";
    var fragment = document.createDocumentFragment();
    rows.forEach(function (f) {
      var detail = detailRow(f);
      fragment.appendChild(findingRow(f, detail));
      fragment.appendChild(detail);
    });
    if (rows.length === 0) {
      var tr = el("tr", "empty");
      var td = el("td", null, findings.length ? "No finding matches the filters." : "No failed or unknown findings.");
      td.colSpan = columns;
      tr.appendChild(td);
      fragment.appendChild(tr);
    }
    tbody.appendChild(fragment);
    countEl.textContent = "Showing " + rows.length + " of " + findings.length + " findings";
  }

  Object.keys(controls).forEach(function (key) {
    controls[key].addEventListener(key === "text" ? "input" : "change", render);
  });
  byId("f-reset").addEventListener("click", function () {
    Object.keys(controls).forEach(function (key) { controls[key].value = ""; });
    render();
  });
  function setAll(open) {
    findings.forEach(function (f) { expanded[f.id] = open; });
    render();
  }
  byId("f-expand").addEventListener("click", function () { setAll(true); });
  byId("f-collapse").addEventListener("click", function () { setAll(false); });

  var headers = document.querySelectorAll("#findings th[data-sort]");
  Array.prototype.forEach.call(headers, function (th) {
    var button = th.querySelector("button");
    button.addEventListener("click", function () {
      var key = th.getAttribute("data-sort");
      sortDir = key === sortKey ? -sortDir : 1;
      sortKey = key;
      Array.prototype.forEach.call(headers, function (other) { other.removeAttribute("aria-sort"); });
      th.setAttribute("aria-sort", sortDir === 1 ? "ascending" : "descending");
      render();
    });
  });
  document.documentElement.classList.add("js");
  render();
})();
`;
