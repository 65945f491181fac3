import { LAYERS } from "../engine/check.js";
import type { AccountEntry, OrganizationResult } from "../engine/organization.js";
import type { ScanResult } from "../engine/result-schema.js";
import { gradeCapNote } from "../engine/score.js";
import { accountsWorstFirst, notScannedText, openFailures } from "./accounts.js";
import { formatScore } from "./finding-fields.js";
import { escapeHtml, gradeBadge, gradeOf } from "./html-text.js";

/** The line under an organisation report's title: accounts, functions, regions, times, tool. */
export function accountMeta(organization: OrganizationResult, result: ScanResult): string {
  const { accounts } = organization.summary;
  return escapeHtml(
    `${accounts.total} account(s): ${accounts.scanned} scanned, ${accounts.failed} failed, ${accounts.skipped} skipped · ` +
      `${result.summary.functions} function(s) in ${result.regions.join(", ") || "no regions"} · partition ${result.partition} · ` +
      `scanned ${organization.startedAt} to ${organization.finishedAt} · scan ${result.scanId} · ${result.tool.name} ${result.tool.version}`,
  );
}

/** Columns of the account heat map after the account's id: name, parent, then one score per layer. */
const HEAT_COLUMNS = ["Name", "Parent (OU)", ...LAYERS, "Overall", "Grade", "Failed", "Unknown", "Functions", "Report"];

function scoreCell(score: number | null): string {
  // The score is the cell's text; the colour only repeats its grade band.
  return `<td class="score heat-${gradeOf(score)}">${escapeHtml(formatScore(score))}</td>`;
}

/**
 * The account's own HTML report, relative to the organisation report (the run writes both under
 * --output-dir: accounts/ACCOUNT/…html). Only a plain relative path becomes a link: no scheme, no
 * absolute path, no `..`, each segment URL-encoded.
 */
export function relativeLink(path: string | undefined): string {
  if (!path || /^[a-z][a-z0-9+.-]*:|^[\\/]/i.test(path)) return "";
  const segments = path.split(/[\\/]/);
  if (segments.some((segment) => segment === ".." || segment === "")) return "";
  return segments.map(encodeURIComponent).join("/");
}

function accountRow(entry: AccountEntry): string {
  const head =
    `<th scope="row" class="mono">${escapeHtml(entry.accountId)}</th><td class="resource">${escapeHtml(entry.name ?? "")}</td>` +
    `<td class="mono">${escapeHtml(entry.parentId ?? "")}</td>`;
  const summary = entry.summary;
  if (!summary) {
    // Not scanned: one cell across the scores says why, in words.
    return `<tr class="not-scanned">${head}<td class="heat-none" colspan="${HEAT_COLUMNS.length - 2}">${escapeHtml(`Not scanned: ${notScannedText(entry)}`)}</td></tr>`;
  }
  const note = gradeCapNote(summary.score, summary.grade);
  const link = relativeLink(entry.files.html);
  return (
    `<tr>${head}${LAYERS.map((layer) => scoreCell(summary.scoresByLayer[layer])).join("")}${scoreCell(summary.score)}` +
    `<td>${gradeBadge(summary.grade)}${note ? `<span class="capnote">${escapeHtml(note)}</span>` : ""}</td><td class="score">${openFailures(entry) ?? 0}</td>` +
    `<td class="score">${summary.counts.byStatus.unknown}</td><td class="score">${summary.functions}</td>` +
    `<td>${link ? `<a class="account-report" href="${escapeHtml(link)}">report</a>` : ""}</td></tr>`
  );
}

/**
 * The account × responsibility-layer heat map: one row per account, lowest overall score first, then
 * the accounts that were not scanned with why. Each cell shows its score as text (the colour is the
 * grade band, never the only cue); per-function scores are in each account's own report.
 */
export function accountHeatMap(organization: OrganizationResult): string {
  const rows = accountsWorstFirst(organization.accounts).map(accountRow).join("\n");
  return `<section aria-labelledby="h-heat">
<h2 id="h-heat">Accounts × layers</h2>
<p class="note">Score per responsibility layer (100 = every weighted check passed); worst grade first, then lowest overall score, then the accounts that were not scanned and why. n/a: nothing in that layer could be evaluated. Each account's own report (the Report link) has its functions and passed results.</p>
<div class="scroll"><table class="heat" id="heatmap"><caption class="note">Accounts by score per layer</caption><thead><tr><th scope="col">Account</th>${HEAT_COLUMNS.map((label) => `<th scope="col">${escapeHtml(label)}</th>`).join("")}</tr></thead>
<tbody>
${rows || `<tr><td colspan="${HEAT_COLUMNS.length + 1}">No accounts.</td></tr>`}
</tbody></table></div>
</section>`;
}
