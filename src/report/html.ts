import { createHash } from "node:crypto";
import { LAYERS, PHASES, SEVERITIES, type Layer, type Phase, type Severity } from "../engine/check.js";
import type { OrganizationResult } from "../engine/organization.js";
import type { ScanResult } from "../engine/result-schema.js";
import { gradeCapNote } from "../engine/score.js";
import { FRAMEWORK_NAMES } from "../data/frameworks.js";
import { organizationLabel } from "./accounts.js";
import { formatPercent, formatScore, suppressedCounts } from "./finding-fields.js";
import { HTML_REPORT_SCRIPT } from "./html-client.js";
import { accountHeatMap, accountMeta } from "./html-accounts.js";
import { htmlReportData } from "./html-data.js";
import { escapeHtml, gradeBadge, jsonForScript } from "./html-text.js";
import { trendSection } from "./html-trend.js";
import { noteText } from "./notes.js";
import type { Reporter, TrendPoint } from "./types.js";

export { escapeHtml, jsonForScript };

/**
 * One self-contained HTML page: inline CSS, inline SVG charts, inline script, no request to
 * anything. Values from AWS reach the page in two ways only: through `escapeHtml` in the static
 * parts, and as JSON in a <script type="application/json"> block that the script turns into DOM
 * text nodes. A Content-Security-Policy that allows only this page's own style and script (by
 * hash) and no network at all backs both up.
 */

const CSS = `
:root { --fg: #1b1f24; --muted: #59636e; --line: #d1d9e0; --bg: #ffffff; --panel: #f6f8fa;
  --critical: #8e0000; --high: #d84315; --medium: #f9a825; --low: #1565c0; --info: #9e9e9e; }
* { box-sizing: border-box; }
body { margin: 0; font: 14px/1.45 system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif; color: var(--fg); background: var(--bg); }
main { max-width: 1280px; margin: 0 auto; padding: 16px 24px 48px; overflow-wrap: break-word; }
h1 { font-size: 22px; margin: 8px 0 4px; }
h2 { font-size: 17px; margin: 28px 0 8px; border-bottom: 1px solid var(--line); padding-bottom: 4px; }
.meta { color: var(--muted); margin: 0 0 12px; }
.mono, code, pre { font-family: ui-monospace, SFMono-Regular, Menlo, Consolas, monospace; font-size: 12.5px; }
.cards { display: grid; grid-template-columns: repeat(auto-fit, minmax(150px, 1fr)); gap: 12px; }
.card { background: var(--panel); border: 1px solid var(--line); border-radius: 8px; padding: 12px 14px; min-width: 0; }
.card .label { color: var(--muted); font-size: 12px; text-transform: uppercase; letter-spacing: .04em; }
.card .value { font-size: 28px; font-weight: 650; }
.card .value small { font-size: 14px; font-weight: 500; color: var(--muted); }
.capnote { display: block; font-size: 12px; font-weight: 400; color: var(--muted); white-space: normal; min-width: 14em; }
.card .capnote { min-width: 0; }
.grade { display: inline-block; min-width: 1.6em; text-align: center; border-radius: 6px; padding: 0 6px; color: #fff; }
.grade-A, .grade-B { background: #2e7d32; } .grade-C { background: #b26a00; } .grade-D, .grade-F { background: #b71c1c; } .grade-none { background: #757575; }
.counts { margin: 12px 0 0; color: var(--muted); }
.charts { display: grid; grid-template-columns: repeat(auto-fit, minmax(min(300px, 100%), 1fr)); gap: 16px; }
.nowrap { white-space: nowrap; }
.chart { margin: 0; background: var(--panel); border: 1px solid var(--line); border-radius: 8px; padding: 8px 12px; min-width: 0; }
.chart h3 { font-size: 14px; margin: 4px 0; }
.chart svg { width: 100%; height: auto; }
.chart text { font-size: 12px; fill: var(--fg); }
.bar-critical { fill: var(--critical); } .bar-high { fill: var(--high); } .bar-medium { fill: var(--medium); } .bar-low { fill: var(--low); } .bar-info { fill: var(--info); } .bar-plain { fill: #455a64; } .bar-track { fill: #e6eaef; }
.trend-grid { stroke: #e0e4e8; stroke-width: 1; } .trend-line { fill: none; stroke-width: 2; }
.trend-overall { stroke: #1b1f24; stroke-width: 3; } .trend-provider { stroke: #1565c0; stroke-dasharray: 6 3; } .trend-customer { stroke: #d84315; stroke-dasharray: 2 3; } .trend-shared { stroke: #2e7d32; stroke-dasharray: 8 3 2 3; }
.trend-overall-dot { fill: #1b1f24; }
.legend { margin: 4px 0 0; font-size: 12px; color: var(--muted); } .legend .key { display: inline-block; width: 18px; height: 0; margin: 0 4px 3px 10px; border-top: 3px solid; vertical-align: middle; }
.trend-overall-key { border-color: #1b1f24; } .trend-provider-key { border-top-style: dashed !important; border-color: #1565c0; } .trend-customer-key { border-top-style: dotted !important; border-color: #d84315; } .trend-shared-key { border-top-style: dashed !important; border-color: #2e7d32; }
.scroll { overflow-x: auto; max-width: 100%; }
table { border-collapse: collapse; width: 100%; }
th, td { text-align: left; vertical-align: top; padding: 5px 8px; border-bottom: 1px solid var(--line); }
th { background: var(--panel); font-weight: 600; white-space: nowrap; }
td.resource, td.check, td.account, td.mono { white-space: nowrap; }
td.headline { min-width: 16em; } td.control, td.text { min-width: 12em; }
td.control .check { display: block; color: var(--muted); font-size: 11.5px; white-space: nowrap; }
th button { font: inherit; font-weight: 600; background: none; border: 0; padding: 0; cursor: pointer; color: inherit; }
th[aria-sort="ascending"] button::after { content: " \\25B2"; } th[aria-sort="descending"] button::after { content: " \\25BC"; }
.heat td.score { text-align: center; font-variant-numeric: tabular-nums; width: 90px; }
.heat-A { background: #c8e6c9; } .heat-B { background: #dcedc8; } .heat-C { background: #fff9c4; } .heat-D { background: #ffe0b2; } .heat-F { background: #ffcdd2; } .heat-none { background: #eeeeee; color: var(--muted); }
.controls { display: flex; flex-wrap: wrap; gap: 8px; align-items: end; margin: 8px 0; }
.controls label { display: flex; flex-direction: column; font-size: 12px; color: var(--muted); min-width: 0; }
.controls select, .controls input, .controls button { font: inherit; padding: 4px 6px; border: 1px solid var(--line); border-radius: 6px; background: #fff; color: var(--fg); max-width: 100%; }
.controls input[type="search"] { min-width: 200px; }
.controls select { max-width: 18em; }
.pager { display: inline-flex; gap: 6px; align-items: center; }
.count { color: var(--muted); }
.badge { display: inline-block; border-radius: 4px; padding: 0 6px; font-weight: 600; font-size: 12px; color: #fff; background: var(--info); }
.sev-critical { background: var(--critical); } .sev-high { background: var(--high); } .sev-medium { background: var(--medium); color: #000; } .sev-low { background: var(--low); } .sev-info { background: var(--info); color: #000; }
.tag { display: inline-block; margin-left: 6px; font-size: 11px; border: 1px solid var(--muted); border-radius: 4px; padding: 0 4px; color: var(--muted); }
tr.suppressed td { color: var(--muted); }
td.toggle { width: 28px; } button.expand { border: 0; background: none; cursor: pointer; font-size: 14px; padding: 0 4px; }
tr.detail td { background: #fbfcfd; }
tr.detail .detail-box { position: sticky; left: 8px; max-width: min(60rem, calc(100vw - 48px)); }
tr.detail dl { display: grid; grid-template-columns: minmax(6em, 120px) minmax(0, 1fr); gap: 4px 12px; margin: 4px 0; }
tr.detail dt { font-weight: 600; color: var(--muted); } tr.detail dd { margin: 0; overflow-wrap: anywhere; white-space: normal; }
tr.detail dl.facts { grid-template-columns: max-content minmax(0, 1fr); margin: 0 0 4px; }
tr.detail dl.facts dt { font-weight: 500; }
pre.evidence { margin: 4px 0 0; white-space: pre-wrap; overflow-wrap: anywhere; background: var(--panel); padding: 6px; border-radius: 4px; }
p.remediation { margin: 0 0 4px; white-space: pre-wrap; }
ul.frameworks { margin: 0; padding-left: 18px; columns: 2; }
.note { color: var(--muted); }
.noscript { padding: 8px; background: #fff3e0; border: 1px solid #ffb74d; border-radius: 6px; }
@media (max-width: 800px) { main { padding: 8px; } .controls input[type="search"] { min-width: 0; width: 100%; } .controls label { flex: 1 1 9em; } .controls select { max-width: none; width: 100%; }
  tr.detail dl, tr.detail dl.facts { grid-template-columns: minmax(0, 1fr); } tr.detail dl.facts dt { margin-top: 4px; } }
@media print {
  body { font-size: 10pt; } main { max-width: none; padding: 0; }
  .controls, td.toggle, th.toggle { display: none; }
  .scroll { overflow: visible; }
  tr, .card, .chart { break-inside: avoid; }
  h2 { break-after: avoid; }
  .badge, .grade, .heat td, .bar-critical, .bar-high, .bar-medium, .bar-low, .bar-info { print-color-adjust: exact; -webkit-print-color-adjust: exact; }
}
`;

interface Bar {
  label: string;
  value: number;
  className: string;
}

/** A horizontal bar chart: labels are the fixed enum names, values counts; nothing from AWS. */
function barChart(title: string, bars: readonly Bar[]): string {
  const rowHeight = 26;
  const labelWidth = 80;
  const width = 330;
  const barWidth = width - labelWidth - 50;
  const max = Math.max(1, ...bars.map((bar) => bar.value));
  const height = bars.length * rowHeight + 8;
  const rows = bars
    .map((bar, index) => {
      const y = 4 + index * rowHeight;
      const length = Math.round((bar.value / max) * barWidth);
      return (
        `<text x="0" y="${y + 17}">${escapeHtml(bar.label)}</text>` +
        `<rect class="bar-track" x="${labelWidth}" y="${y + 4}" width="${barWidth}" height="18" rx="3"/>` +
        `<rect class="${escapeHtml(bar.className)}" x="${labelWidth}" y="${y + 4}" width="${length}" height="18" rx="3"/>` +
        `<text x="${labelWidth + barWidth + 8}" y="${y + 17}">${bar.value}</text>`
      );
    })
    .join("");
  const description = bars.map((bar) => `${bar.label} ${bar.value}`).join(", ");
  return (
    `<figure class="chart"><h3>${escapeHtml(title)}</h3>` +
    `<svg viewBox="0 0 ${width} ${height}" role="img" aria-label="${escapeHtml(`${title}: ${description}`)}">${rows}</svg></figure>`
  );
}

function card(label: string, value: string): string {
  return `<div class="card"><div class="label">${escapeHtml(label)}</div><div class="value">${value}</div></div>`;
}

function option(value: string, label = value): string {
  return `<option value="${escapeHtml(value)}">${escapeHtml(label)}</option>`;
}

function sha256(text: string): string {
  return `'sha256-${createHash("sha256").update(text, "utf8").digest("base64")}'`;
}

/** Open (not suppressed) failures by severity, layer and phase, counted on the compact findings. */
function openFailureCounts(result: ScanResult): { bySeverity: Record<Severity, number>; byLayer: Record<Layer, number>; byPhase: Record<Phase, number> } {
  const zero = <K extends string>(keys: readonly K[]) => Object.fromEntries(keys.map((key) => [key, 0])) as Record<K, number>;
  const counts = { bySeverity: zero(SEVERITIES), byLayer: zero(LAYERS), byPhase: zero(PHASES) };
  const checks = new Map(result.checks.map((check) => [check.id, check]));
  for (const finding of result.findings) {
    const check = checks.get(finding.checkId);
    if (finding.status !== "fail" || finding.suppressed || !check) continue;
    counts.bySeverity[check.severity] += 1;
    counts.byLayer[check.layer] += 1;
    counts.byPhase[check.phase] += 1;
  }
  return counts;
}

/** The grade with, when it is below its score's band, the sentence that says why. */
function gradeWithNote(score: number | null, grade: ScanResult["summary"]["grade"]): string {
  const note = gradeCapNote(score, grade);
  return `${escapeHtml(formatScore(score))} ${gradeBadge(grade)}${note ? `<span class="capnote">${escapeHtml(note)}</span>` : ""}`;
}

/** A table that scrolls inside its own box on a narrow screen, so the page never scrolls sideways. */
function scrollTable(table: string): string {
  return `<div class="scroll">${table}</div>`;
}

function statusOptions(): string {
  return [
    option("", "failed or unknown"),
    option("open", "failed (open)"),
    option("fail", "failed (all)"),
    option("unknown"),
    option("suppressed"),
    option("pass", "passed"),
    option("not_applicable", "not applicable"),
    option("all", "every result"),
  ].join("");
}

/**
 * The page. With `organization` (the result is then its view) the title names the organisation,
 * an account × layer heat map with links to each account's own report replaces the function table,
 * the findings table gets an account column and filter, and the gaps are the accounts that could not
 * be scanned. With `history` (two or more stored scans) a trend chart follows the scores.
 */
export function renderHtml(result: ScanResult, organization?: OrganizationResult, history?: readonly TrendPoint[]): string {
  const { summary } = result;
  const counts = summary.counts;
  const data = htmlReportData(result, organization);
  const { bySeverity, byLayer, byPhase } = openFailureCounts(result);
  const title = `Lambda posture: ${organization ? organizationLabel(organization) : `account ${result.accountId}`}`;
  const filterNote = result.filters.minimumSeverity === "info" ? "" : ` Findings below ${result.filters.minimumSeverity} are not listed (scores count them).`;
  const suppressed = suppressedCounts(result);

  // An organisation's gaps are one per account that could not be scanned, each naming its account.
  const gapAccount = (gap: (typeof result.gaps)[number]) =>
    organization ? `<td class="mono">${escapeHtml((gap as { accountId?: string }).accountId ?? "")}</td>` : "";
  const gapRows = result.gaps
    .map(
      (gap) =>
        `<tr>${gapAccount(gap)}<td class="mono">${escapeHtml(`${gap.service}:${gap.operation}`)}</td><td>${escapeHtml(gap.region)}</td>` +
        `<td class="resource mono">${escapeHtml(gap.resourceArn ?? "(whole region)")}</td><td class="mono">${escapeHtml(gap.errorCode)}</td>` +
        `<td class="text">${escapeHtml(gap.message)}${gap.partial ? " (partial list kept)" : ""}</td></tr>`,
    )
    .join("\n");

  const noteItems = (result.notes ?? []).map((note) => `<li>${escapeHtml(noteText(note))}</li>`).join("\n");

  const checkErrorRows = result.checkErrors
    .map((e) => `<tr><td class="mono">${escapeHtml(e.checkId)}</td><td class="resource mono">${escapeHtml(e.resourceArn)}</td><td class="text">${escapeHtml(e.message)}</td></tr>`)
    .join("\n");

  const suppressionRows = [
    ...result.suppressions.expired.map((s) => ({ ...s, state: "expired" })),
    ...result.suppressions.unmatched.map((s) => ({ ...s, state: "matched nothing" })),
  ]
    .map(
      (s) =>
        `<tr><td>${escapeHtml(s.state)}</td><td class="mono">${escapeHtml(s.checkId)}</td><td class="resource mono">${escapeHtml(s.resource)}</td>` +
        `<td class="text">${escapeHtml(s.reason)}</td><td>${escapeHtml(s.expires ?? "")}</td></tr>`,
    )
    .join("\n");

  const complianceRows = result.compliance
    .filter((control) => control.fail > 0 || control.unknown > 0 || (control.accepted ?? 0) > 0)
    .map(
      (control) =>
        `<tr><td>${escapeHtml(FRAMEWORK_NAMES[control.framework as keyof typeof FRAMEWORK_NAMES] ?? control.framework)}</td>` +
        `<td class="mono">${escapeHtml(control.control)}</td><td class="text">${escapeHtml(control.title)}</td>` +
        `<td class="score">${control.fail}</td><td class="score">${control.accepted ?? 0}</td><td class="score">${control.unknown}</td><td class="score">${control.pass}</td></tr>`,
    )
    .join("\n");

  const findingColumns: Array<[string, string]> = [
    ["severity", "Severity"], ["status", "Status"], ["headline", "Finding"], ["title", "Control (check)"],
    ...(organization ? [["account", "Account"] as [string, string]] : []),
    ["resource", "Resource"], ["region", "Region"], ["layer", "Layer"], ["phase", "Phase"],
  ];

  const functionTable = `<section aria-labelledby="h-functions">
<h2 id="h-functions">Functions, worst first</h2>
<p class="note">Score per responsibility layer (100 = every weighted check passed); worst grade first, then lowest score. n/a: nothing in that layer could be evaluated.</p>
<div class="controls"><label>Function<input id="fn-text" type="search" placeholder="name, region, runtime…" autocomplete="off"></label>
<span class="pager"><button type="button" id="fn-prev">Previous</button><button type="button" id="fn-next">Next</button></span><span id="fn-count" class="count" aria-live="polite"></span></div>
${scrollTable(`<table class="heat" id="functions"><thead><tr><th>Function</th><th>Region</th><th>Runtime</th>${LAYERS.map((l) => `<th>${escapeHtml(l)}</th>`).join("")}<th>Overall</th><th>Grade</th><th>Failed</th><th>Unknown</th></tr></thead>
<tbody></tbody></table>`)}
</section>`;
  const accountsCard = organization
    ? `\n${card("Accounts scanned", `${organization.summary.accounts.scanned} <small>of ${organization.summary.accounts.total}</small>`)}`
    : "";
  const trend = history && history.length >= 2 ? trendSection(history) : "";

  const body = `<main>
<header>
<h1>${escapeHtml(title)}</h1>
<p class="meta">${organization ? accountMeta(organization, result) : escapeHtml(`${summary.functions} function(s) in ${result.regions.join(", ") || "no regions"} · partition ${result.partition} · configuration collected ${result.collectedAt} · scan ${result.scanId} · ${result.tool.name} ${result.tool.version}`)}</p>
</header>
<section aria-labelledby="h-scores">
<h2 id="h-scores">Scores</h2>
<div class="cards">
${card(organization ? "Organisation score" : "Account score", gradeWithNote(summary.score, summary.grade))}${accountsCard}
${LAYERS.map((layer) => card(`${layer} layer`, `${escapeHtml(formatScore(summary.scoresByLayer[layer]))} <small>/ 100</small>`)).join("\n")}
${card("Coverage", `${escapeHtml(formatPercent(summary.coverage))} <small>decided</small>`)}
</div>
<p class="counts" id="counts">Open failures: ${SEVERITIES.map((s) => `${counts.failedBySeverity[s]} ${escapeHtml(s)}`).join(" · ")} — results: ${counts.byStatus.pass} pass, ${counts.byStatus.fail} fail, ${counts.byStatus.unknown} unknown, ${counts.byStatus.not_applicable} not applicable · suppressed: ${suppressed.failures} failure(s) (accepted risks), ${suppressed.passes} pass(es)${suppressed.other > 0 ? `, ${suppressed.other} other` : ""} · ${counts.gaps} collection gap(s) · ${counts.checkErrors} check error(s).${escapeHtml(filterNote)}</p>
</section>
${trend}<section aria-labelledby="h-charts">
<h2 id="h-charts">Open failures</h2>
<div class="charts">
${barChart("By severity", SEVERITIES.map((s) => ({ label: s, value: bySeverity[s], className: `bar-${s}` })))}
${barChart("By layer", LAYERS.map((l) => ({ label: l, value: byLayer[l], className: "bar-plain" })))}
${barChart("By phase", PHASES.map((p) => ({ label: p, value: byPhase[p], className: "bar-plain" })))}
</div>
</section>
${organization ? accountHeatMap(organization) : functionTable}
<section aria-labelledby="h-findings">
<h2 id="h-findings">Findings</h2>
<p class="note">Failed and unknown results first; passed and not-applicable ones under Status. Unknown means the data to decide could not be read (${organization ? "each account's own report lists its collection gaps" : "see the gaps below"}).${organization ? " Passed results are in each account's own report." : ""}${escapeHtml(filterNote)}</p>
<noscript><p class="noscript">The findings table needs JavaScript. The JSON, CSV and XLSX reports list the same findings.</p></noscript>
<div class="controls" role="search">
<label>Status<select id="f-status">${statusOptions()}</select></label>
<label>Severity<select id="f-severity">${option("", "all")}${SEVERITIES.map((s, i) => option(String(i), s)).join("")}</select></label>
<label>Check<select id="f-check">${option("", "all")}</select></label>
<label>Region<select id="f-region">${option("", "all")}</select></label>${organization ? `\n<label>Account<select id="f-account">${option("", "all")}</select></label>` : ""}
<label>Layer<select id="f-layer">${option("", "all")}${LAYERS.map((l) => option(l)).join("")}</select></label>
<label>Phase<select id="f-phase">${option("", "all")}${PHASES.map((p) => option(p)).join("")}</select></label>
<label>Search<input id="f-text" type="search" placeholder="function, check, text…" autocomplete="off"></label>
<button type="button" id="f-reset">Reset</button>
<button type="button" id="f-expand">Expand page</button>
<button type="button" id="f-collapse">Collapse page</button>
</div>
<div class="controls"><span class="pager"><button type="button" id="f-prev">Previous</button><span id="f-page"></span><button type="button" id="f-next">Next</button></span><span id="f-count" class="count" aria-live="polite"></span></div>
${scrollTable(`<table id="findings"><thead><tr><th class="toggle"><span class="note">+</span></th>${findingColumns.map(([key, label]) => `<th data-sort="${key}"><button type="button">${label}</button></th>`).join("")}</tr></thead>
<tbody></tbody></table>`)}
</section>
<section aria-labelledby="h-gaps">
<h2 id="h-gaps">${organization ? "Accounts not scanned" : "Collection gaps"} (${result.gaps.length})</h2>
<p class="note">${organization ? "Accounts whose scan failed; each account's own report lists its collection gaps." : "Reads that failed. Checks that need them report unknown rather than pass."}</p>
${gapRows ? scrollTable(`<table id="gaps"><thead><tr>${organization ? "<th>Account</th>" : ""}<th>Operation</th><th>Region</th><th>Resource</th><th>Error</th><th>Message</th></tr></thead><tbody>\n${gapRows}\n</tbody></table>`) : `<p class="note">${organization ? "None: no account's scan failed." : "None: every read succeeded."}</p>`}
${noteItems ? `<h2 id="h-notes">Notes (${result.notes?.length ?? 0})</h2><p class="note">Reads that took a slower path; nothing is unknown because of them.</p><ul id="notes">\n${noteItems}\n</ul>` : ""}
${checkErrorRows ? `<h2>Check errors (${result.checkErrors.length})</h2>${scrollTable(`<table><thead><tr><th>Check</th><th>Resource</th><th>Error</th></tr></thead><tbody>\n${checkErrorRows}\n</tbody></table>`)}` : ""}
${suppressionRows ? `<h2>Suppressions to review</h2>${scrollTable(`<table><thead><tr><th>State</th><th>Check</th><th>Resource</th><th>Reason</th><th>Expires</th></tr></thead><tbody>\n${suppressionRows}\n</tbody></table>`)}` : ""}
</section>
<section aria-labelledby="h-compliance">
<h2 id="h-compliance">Framework controls with failed, accepted or unknown results</h2>
<p class="note">Fail counts open failures; accepted counts failures suppressed as accepted risks.</p>
${complianceRows ? scrollTable(`<table id="compliance"><thead><tr><th>Framework</th><th>Control</th><th>Title</th><th>Fail</th><th>Accepted</th><th>Unknown</th><th>Pass</th></tr></thead><tbody>\n${complianceRows}\n</tbody></table>`) : `<p class="note">None.</p>`}
</section>
</main>`;

  const csp = [
    "default-src 'none'",
    `style-src ${sha256(CSS)}`,
    `script-src ${sha256(HTML_REPORT_SCRIPT)}`,
    "img-src data:",
    "base-uri 'none'",
    "form-action 'none'",
  ].join("; ");

  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta http-equiv="Content-Security-Policy" content="${csp}">
<meta name="referrer" content="no-referrer">
<meta name="generator" content="${escapeHtml(`${result.tool.name} ${result.tool.version}`)}">
<title>${escapeHtml(title)}</title>
<style>${CSS}</style>
</head>
<body>
${body}
<script type="application/json" id="report-data">${jsonForScript(data)}</script>
<script>${HTML_REPORT_SCRIPT}</script>
</body>
</html>
`;
}

export const htmlReporter: Reporter = {
  format: "html",
  extension: "html",
  description: "Self-contained HTML posture report: scores, trend, charts, worst functions, filterable findings, gaps",
  binary: false,
  render: ({ result, organization, history }) => renderHtml(result, organization, history),
};
