import { LAYERS, SEVERITIES } from "../engine/check.js";
import type { OrganizationResult } from "../engine/organization.js";
import type { Finding, ScanResult } from "../engine/result-schema.js";
import { gradeCapNote } from "../engine/score.js";
import { AccountDirectory, accountsWorstFirst, notScannedText, openFailures, organizationLabel } from "./accounts.js";
import { evidenceFacts } from "./evidence-facts.js";
import {
  compareFunctionsWorstFirst,
  STATUS_LABELS,
  actionableFindings,
  findingHeadline,
  formatPercent,
  formatScore,
  remediationSummary,
  remediationUrl,
  suppressedCounts,
} from "./finding-fields.js";
import { markdownCode, markdownText } from "./markdown-text.js";
import { noteText } from "./notes.js";
import type { Reporter } from "./types.js";

export const MARKDOWN_LIMITS = { findings: 15, details: 3, functions: 5, gaps: 5, accounts: 20, remediation: 300 } as const;

const row = (cells: readonly string[]) => `| ${cells.join(" | ")} |`;

/**
 * A short summary for a ticket or chat message; the JSON, XLSX or HTML report has the rest. With
 * `organization` (the result is then its view) an accounts table, worst first and with the accounts
 * not scanned and why, comes before the findings, and each finding names its account.
 */
export function renderMarkdown(result: ScanResult, organization?: OrganizationResult): string {
  const { summary } = result;
  const counts = summary.counts;
  const out: string[] = [];
  const scope = organization ? organizationLabel(organization) : `account ${result.accountId}`;
  out.push(`## Lambda posture: ${markdownText(scope)}: score ${formatScore(summary.score)} (grade ${summary.grade ?? "n/a"})`);
  out.push("");
  const capNote = gradeCapNote(summary.score, summary.grade);
  if (capNote) out.push(`Grade ${capNote}.`, "");
  if (organization) {
    const { accounts } = organization.summary;
    out.push(
      `${accounts.total} account(s): ${accounts.scanned} scanned, ${accounts.failed} failed, ${accounts.skipped} skipped; ` +
        `${summary.functions} function(s) in ${markdownText(result.regions.join(", ") || "no regions")}, scanned ` +
        `${markdownText(organization.startedAt)} to ${markdownText(organization.finishedAt)} by ${markdownText(`${result.tool.name} ${result.tool.version}`)}.`,
    );
  } else {
    out.push(
      `${summary.functions} function(s) in ${markdownText(result.regions.join(", ") || "no regions")}, configuration collected ` +
        `${markdownText(result.collectedAt)} by ${markdownText(`${result.tool.name} ${result.tool.version}`)}.`,
    );
  }
  out.push("");
  out.push(row(["Layer", ...LAYERS.map((layer) => layer), "Overall", "Coverage"]));
  out.push(row(["---", ...LAYERS.map(() => "---:"), "---:", "---:"]));
  out.push(row(["Score", ...LAYERS.map((layer) => formatScore(summary.scoresByLayer[layer])), formatScore(summary.score), formatPercent(summary.coverage)]));
  out.push("");
  const suppressed = suppressedCounts(result);
  out.push(
    `**Open failures:** ${SEVERITIES.map((s) => `${counts.failedBySeverity[s]} ${s}`).join(", ")}. ` +
      `Accepted risks (suppressed failures) ${suppressed.failures}, suppressed passes ${suppressed.passes}` +
      `${suppressed.other > 0 ? `, other suppressed ${suppressed.other}` : ""}, unknown ${counts.byStatus.unknown}, collection gaps ${counts.gaps}` +
      `${counts.checkErrors > 0 ? `, check errors ${counts.checkErrors}` : ""}.`,
  );

  if (organization) out.push(...accountsTable(organization));

  const findings = actionableFindings(result);
  out.push("", `### Findings (${findings.length} failed or unknown${result.filters.minimumSeverity !== "info" ? `, ${result.filters.minimumSeverity} and above` : ""})`);
  if (findings.length > 0) {
    const accounts = organization ? new AccountDirectory(organization) : undefined;
    const headers = ["Severity", "Finding", "Status", "Control", ...(accounts ? ["Account"] : []), "Resource", "Region"];
    out.push("", row(headers), row(headers.map(() => "---")));
    for (const f of findings.slice(0, MARKDOWN_LIMITS.findings)) {
      const account = accounts ? [markdownText(accounts.name(f.accountId) ? `${f.accountId} ${accounts.name(f.accountId)}` : f.accountId)] : [];
      out.push(
        row([
          `**${f.severity}**`,
          markdownText(findingHeadline(f)),
          `${STATUS_LABELS[f.status]}${f.suppressed ? " (accepted risk)" : ""}`,
          `${markdownText(f.title)} (${markdownCode(f.checkId, { inTable: true })})`,
          ...account,
          markdownText(f.resource.name),
          markdownText(f.resource.region),
        ]),
      );
    }
    if (findings.length > MARKDOWN_LIMITS.findings) out.push("", `… and ${findings.length - MARKDOWN_LIMITS.findings} more in the full report.`);
    out.push(...findingDetails(findings.slice(0, MARKDOWN_LIMITS.details)));
  }

  const worst = [...result.functions]
    .filter((fn) => fn.scores.overall !== null)
    .sort((a, b) => compareFunctionsWorstFirst(a, b) || a.arn.localeCompare(b.arn))
    .slice(0, MARKDOWN_LIMITS.functions);
  if (worst.length > 0) {
    out.push("", "### Worst functions (grade, then score)", "", row(["Function", "Region", "Score", "Grade", "Failed"]), row(["---", "---", "---:", "---", "---:"]));
    for (const fn of worst) {
      const cap = gradeCapNote(fn.scores.overall, fn.grade);
      out.push(row([markdownText(fn.name), markdownText(fn.region), formatScore(fn.scores.overall), `${fn.grade ?? "n/a"}${cap ? ` (${markdownText(cap)})` : ""}`, String(fn.counts.failed)]));
    }
  }

  // An organisation's gaps are its accounts that could not be scanned: in the accounts table.
  if (result.gaps.length > 0 && !organization) {
    out.push("", `### Collection gaps (${result.gaps.length})`, "", "Results that depend on these reads are reported as unknown, not as passes.", "");
    for (const gap of result.gaps.slice(0, MARKDOWN_LIMITS.gaps)) {
      out.push(
        `- ${markdownCode(`${gap.service}:${gap.operation}`)} in ${markdownText(gap.region)}` +
          `${gap.resourceArn ? ` for ${markdownCode(gap.resourceArn)}` : ""}: ${markdownText(gap.errorCode)}`,
      );
    }
    if (result.gaps.length > MARKDOWN_LIMITS.gaps) out.push(`- … and ${result.gaps.length - MARKDOWN_LIMITS.gaps} more`);
  }
  const notes = result.notes ?? [];
  if (notes.length > 0) {
    out.push("", `### Notes (${notes.length})`, "", "Reads that took a slower path; nothing is unknown because of them.", "");
    for (const note of notes.slice(0, MARKDOWN_LIMITS.gaps)) out.push(`- ${markdownText(noteText(note))}`);
    if (notes.length > MARKDOWN_LIMITS.gaps) out.push(`- … and ${notes.length - MARKDOWN_LIMITS.gaps} more`);
  }
  return `${out.join("\n")}\n`;
}

/**
 * The most urgent findings spelled out for a reviewer: the evidence as labelled facts, the raw JSON
 * folded away (GitHub, GitLab and Jira render <details>), remediation cut whole with its link.
 */
function findingDetails(findings: readonly Finding[]): string[] {
  const out: string[] = [];
  if (findings.length === 0) return out;
  out.push("", `#### Details of the first ${findings.length}`);
  for (const f of findings) {
    out.push("", `**${markdownText(findingHeadline(f))}** (${markdownCode(f.checkId)} on ${markdownText(`${f.resource.name} in ${f.resource.region}`)})`, "");
    for (const fact of evidenceFacts(f.evidence)) out.push(`- ${markdownText(fact.label)}: ${markdownText(fact.value)}`);
    out.push(`- Fix: ${markdownText(remediationSummary(f.remediation, MARKDOWN_LIMITS.remediation))} ([how](${remediationUrl(f.checkId)}))`);
    if (Object.keys(f.evidence).length > 0) out.push("", "<details><summary>Raw evidence</summary>", "", ...fencedJson(f.evidence), "", "</details>");
  }
  return out;
}

/** A fenced block the content cannot close: the fence is longer than any backtick run inside. */
function fencedJson(value: unknown): string[] {
  // eslint-disable-next-line no-control-regex
  const text = JSON.stringify(value).replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/g, "");
  const longestRun = Math.max(0, ...[...text.matchAll(/`+/g)].map((match) => match[0].length));
  const fence = "`".repeat(Math.max(3, longestRun + 1));
  return [`${fence}json`, text, fence];
}

/**
 * The accounts, worst grade first and then lowest score, then those not scanned with why. Each group is cut at
 * MARKDOWN_LIMITS.accounts rows on its own, so a large organisation's unscanned accounts still show.
 */
function accountsTable(organization: OrganizationResult): string[] {
  const ranked = accountsWorstFirst(organization.accounts);
  const scanned = ranked.filter((entry) => entry.status === "scanned");
  const notScanned = ranked.filter((entry) => entry.status !== "scanned");
  const shown = [...scanned.slice(0, MARKDOWN_LIMITS.accounts), ...notScanned.slice(0, MARKDOWN_LIMITS.accounts)];
  const out = [
    "",
    `### Accounts (${scanned.length} scanned, worst first; ${notScanned.length} not scanned)`,
    "",
    row(["Account", "Name", "Parent (OU)", "Status", "Score", "Grade", "Open failures", "Unknown", "Functions"]),
    row(["---", "---", "---", "---", "---:", "---", "---:", "---:", "---:"]),
  ];
  for (const entry of shown) {
    const summary = entry.summary;
    out.push(
      row([
        markdownCode(entry.accountId, { inTable: true }),
        markdownText(entry.name ?? ""),
        entry.parentId ? markdownCode(entry.parentId, { inTable: true }) : "",
        markdownText(notScannedText(entry)),
        formatScore(summary?.score ?? null),
        summary?.grade ?? "n/a",
        summary ? String(openFailures(entry)) : "",
        summary ? String(summary.counts.byStatus.unknown) : "",
        summary ? String(summary.functions) : "",
      ]),
    );
  }
  const hiddenScanned = scanned.length - Math.min(scanned.length, MARKDOWN_LIMITS.accounts);
  const hiddenNotScanned = notScanned.length - Math.min(notScanned.length, MARKDOWN_LIMITS.accounts);
  if (hiddenScanned + hiddenNotScanned > 0) {
    out.push("", `… and ${hiddenScanned} more scanned and ${hiddenNotScanned} more not scanned account(s) in the full report.`);
  }
  return out;
}

export const markdownReporter: Reporter = {
  format: "markdown",
  extension: "md",
  description: "Short Markdown summary for a ticket or chat message",
  binary: false,
  render: ({ result, organization }) => renderMarkdown(result, organization),
};
