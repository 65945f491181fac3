import { LAYERS, SEVERITIES } from "../engine/check.js";
import type { ScanResult } from "../engine/result-schema.js";
import { STATUS_LABELS, actionableFindings, formatPercent, formatScore } from "./finding-fields.js";
import { markdownCode, markdownText } from "./markdown-text.js";
import { noteText } from "./notes.js";
import type { Reporter } from "./types.js";

export const MARKDOWN_LIMITS = { findings: 15, functions: 5, gaps: 5 } as const;

const row = (cells: readonly string[]) => `| ${cells.join(" | ")} |`;

/** A short summary for a ticket or chat message; the JSON, XLSX or HTML report has the rest. */
export function renderMarkdown(result: ScanResult): string {
  const { summary } = result;
  const counts = summary.counts;
  const out: string[] = [];
  out.push(`## Lambda posture: account ${markdownText(result.accountId)}: score ${formatScore(summary.score)} (grade ${summary.grade ?? "n/a"})`);
  out.push("");
  out.push(
    `${summary.functions} function(s) in ${markdownText(result.regions.join(", ") || "no regions")}, configuration collected ` +
      `${markdownText(result.collectedAt)} by ${markdownText(`${result.tool.name} ${result.tool.version}`)}.`,
  );
  out.push("");
  out.push(row(["Layer", ...LAYERS.map((layer) => layer), "Overall", "Coverage"]));
  out.push(row(["---", ...LAYERS.map(() => "---:"), "---:", "---:"]));
  out.push(row(["Score", ...LAYERS.map((layer) => formatScore(summary.scoresByLayer[layer])), formatScore(summary.score), formatPercent(summary.coverage)]));
  out.push("");
  out.push(
    `**Open failures:** ${SEVERITIES.map((s) => `${counts.failedBySeverity[s]} ${s}`).join(", ")}. ` +
      `Suppressed ${counts.suppressed}, unknown ${counts.byStatus.unknown}, collection gaps ${counts.gaps}` +
      `${counts.checkErrors > 0 ? `, check errors ${counts.checkErrors}` : ""}.`,
  );

  const findings = actionableFindings(result);
  out.push("", `### Findings (${findings.length} failed or unknown${result.filters.minimumSeverity !== "info" ? `, ${result.filters.minimumSeverity} and above` : ""})`);
  if (findings.length > 0) {
    out.push("", row(["Severity", "Status", "Check", "Resource", "Region", "Finding"]), row(["---", "---", "---", "---", "---", "---"]));
    for (const f of findings.slice(0, MARKDOWN_LIMITS.findings)) {
      out.push(
        row([
          `**${f.severity}**`,
          `${STATUS_LABELS[f.status]}${f.suppressed ? " (suppressed)" : ""}`,
          markdownCode(f.checkId, { inTable: true }),
          markdownText(f.resource.name),
          markdownText(f.resource.region),
          markdownText(f.message),
        ]),
      );
    }
    if (findings.length > MARKDOWN_LIMITS.findings) out.push("", `… and ${findings.length - MARKDOWN_LIMITS.findings} more in the full report.`);
  }

  const worst = [...result.functions]
    .filter((fn) => fn.scores.overall !== null)
    .sort((a, b) => (a.scores.overall ?? 0) - (b.scores.overall ?? 0) || a.arn.localeCompare(b.arn))
    .slice(0, MARKDOWN_LIMITS.functions);
  if (worst.length > 0) {
    out.push("", "### Lowest-scoring functions", "", row(["Function", "Region", "Score", "Grade", "Failed"]), row(["---", "---", "---:", "---", "---:"]));
    for (const fn of worst) {
      out.push(row([markdownText(fn.name), markdownText(fn.region), formatScore(fn.scores.overall), fn.grade ?? "n/a", String(fn.counts.failed)]));
    }
  }

  if (result.gaps.length > 0) {
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

export const markdownReporter: Reporter = {
  format: "markdown",
  extension: "md",
  description: "Short Markdown summary for a ticket or chat message",
  binary: false,
  render: ({ result }) => renderMarkdown(result),
};
