import { terminalSafeLine } from "../text/terminal.js";
import { LAYERS, SEVERITIES } from "../engine/check.js";
import type { Finding } from "../engine/result-schema.js";
import { markdownCode, markdownText } from "../report/markdown-text.js";
import type { FindingChange, NewFinding, ResolvedFinding, ScanDiff, ScoreChange } from "./diff.js";

export const DIFF_FORMATS = ["terminal", "json", "markdown"] as const;
export type DiffFormat = (typeof DIFF_FORMATS)[number];

export interface RenderDiffOptions {
  /** ANSI colour (terminal only). */
  color?: boolean;
  /** Longest list of still-open findings printed by the terminal and Markdown renderers. */
  maxStillOpen?: number;
}

const DEFAULT_MAX_STILL_OPEN = 20;

const ANSI = { reset: "\u001b[0m", bold: "\u001b[1m", red: "\u001b[31m", green: "\u001b[32m", yellow: "\u001b[33m", dim: "\u001b[2m" } as const;

function score(value: number | null): string {
  return value === null ? "n/a" : value.toFixed(1);
}

function delta(change: ScoreChange): string {
  if (change.delta === null) return change.old === change.new ? "" : "(new score)";
  if (change.delta === 0) return "±0";
  return change.delta > 0 ? `+${change.delta.toFixed(1)}` : change.delta.toFixed(1);
}

function scoreLine(change: ScoreChange, grade?: { old: string | null; new: string | null }): string {
  const gradeOf = (g: string | null | undefined) => (grade ? ` (${g ?? "-"})` : "");
  return `${score(change.old)}${gradeOf(grade?.old)} → ${score(change.new)}${gradeOf(grade?.new)} ${delta(change)}`.trimEnd();
}

function newNote(entry: NewFinding): string {
  const notes: string[] = [];
  if (entry.resourceAdded) notes.push("new resource");
  else if (entry.checkAdded) notes.push("new check");
  else notes.push(entry.previousStatus === "absent" ? "not listed before" : `was ${entry.previousStatus.replace("_", " ")}`);
  if (entry.finding.suppressed) notes.push("suppressed");
  return notes.join(", ");
}

function resolvedNote(entry: ResolvedFinding): string {
  if (entry.resourceRemoved) return "resource gone";
  if (entry.checkRemoved) return "check not run";
  return entry.currentStatus === "absent" ? "not listed" : `now ${entry.currentStatus.replace("_", " ")}`;
}

function changeNote(change: FindingChange): string {
  const parts: string[] = [];
  if (change.changes.includes("status")) parts.push(`status ${change.old.status} → ${change.new.status}`);
  if (change.changes.includes("severity")) parts.push(`severity ${change.old.severity} → ${change.new.severity}`);
  if (change.changes.includes("suppression")) parts.push(change.new.suppressed ? "now suppressed" : "no longer suppressed");
  return parts.join("; ");
}

function severitySummary(diff: ScanDiff): string {
  const parts = SEVERITIES.filter((s) => diff.counts.newBySeverity[s] > 0).map((s) => `${diff.counts.newBySeverity[s]} ${s}`);
  return parts.length > 0 ? ` (${parts.join(", ")})` : "";
}

function renderTerminalDiff(diff: ScanDiff, options: RenderDiffOptions): string {
  // Every line is made safe for a terminal before it is coloured: result files carry data from AWS.
  const paint = (colour: keyof typeof ANSI, text: string) => (options.color ? `${ANSI[colour]}${terminalSafeLine(text)}${ANSI.reset}` : terminalSafeLine(text));
  const maxStillOpen = options.maxStillOpen ?? DEFAULT_MAX_STILL_OPEN;
  const where = (f: Pick<Finding, "resource">) => `${f.resource.name} (${f.resource.region})`;
  const lines: string[] = [];
  lines.push(paint("bold", `lambda-posture diff · account ${diff.new.accountId}`));
  lines.push(terminalSafeLine(`  old: collected ${diff.old.collectedAt}  scan ${diff.old.scanId}`));
  lines.push(terminalSafeLine(`  new: collected ${diff.new.collectedAt}  scan ${diff.new.scanId}`));
  for (const warning of diff.warnings) lines.push(paint("yellow", `warning: ${warning}`));
  lines.push("");
  lines.push(terminalSafeLine(`Account score ${scoreLine(diff.account.score, diff.account.grade)}`));
  lines.push(terminalSafeLine(`  ${LAYERS.map((layer) => `${layer} ${scoreLine(diff.account.byLayer[layer])}`).join(" · ")}`));
  lines.push("");

  lines.push(paint("bold", `New findings: ${diff.counts.new}${severitySummary(diff)}`));
  for (const entry of diff.findings.new) {
    const f = entry.finding;
    lines.push(paint(f.suppressed ? "dim" : "red", `  + ${f.severity.toUpperCase().padEnd(8)} ${f.checkId}  ${where(f)}  [${newNote(entry)}]`));
  }
  lines.push(paint("bold", `Resolved findings: ${diff.counts.resolved}`));
  for (const entry of diff.findings.resolved) {
    const f = entry.finding;
    lines.push(paint("green", `  - ${f.severity.toUpperCase().padEnd(8)} ${f.checkId}  ${where(f)}  [${resolvedNote(entry)}]`));
  }
  lines.push(paint("bold", `Still open: ${diff.counts.stillOpen}`));
  for (const f of diff.findings.stillOpen.slice(0, maxStillOpen)) {
    lines.push(terminalSafeLine(`  = ${f.severity.toUpperCase().padEnd(8)} ${f.checkId}  ${where(f)}${f.suppressed ? "  [suppressed]" : ""}`));
  }
  if (diff.counts.stillOpen > maxStillOpen) lines.push(terminalSafeLine(`  … and ${diff.counts.stillOpen - maxStillOpen} more (--format json lists all)`));
  lines.push(paint("bold", `Changed: ${diff.counts.changed}`));
  for (const change of diff.findings.changed) {
    lines.push(terminalSafeLine(`  ~ ${change.checkId}  ${where(change)}  ${changeNote(change)}`));
  }
  lines.push(paint("bold", `Functions added: ${diff.counts.functionsAdded}, removed: ${diff.counts.functionsRemoved}`));
  for (const fn of diff.functions.added) lines.push(terminalSafeLine(`  + ${fn.name} (${fn.region})  score ${score(fn.scores.overall)} (${fn.grade ?? "-"})`));
  for (const fn of diff.functions.removed) lines.push(terminalSafeLine(`  - ${fn.name} (${fn.region})`));
  if (diff.functions.scoreChanges.length > 0) {
    lines.push(paint("bold", `Function score changes: ${diff.functions.scoreChanges.length}`));
    for (const change of diff.functions.scoreChanges) {
      const direction = (change.overall.delta ?? 0) < 0 ? "red" : "green";
      lines.push(paint(direction, `  ${change.name} (${change.region})  ${scoreLine(change.overall, change.grade)}`));
    }
  }
  return `${lines.join("\n")}\n`;
}

function renderMarkdownDiff(diff: ScanDiff, options: RenderDiffOptions): string {
  const maxStillOpen = options.maxStillOpen ?? DEFAULT_MAX_STILL_OPEN;
  const row = (cells: string[]) => `| ${cells.join(" | ")} |`;
  const resourceCell = (f: Pick<Finding, "resource">) => `${markdownText(f.resource.name)} (${markdownText(f.resource.region)})`;
  const out: string[] = [];
  out.push(`## lambda-posture diff: account ${markdownText(diff.new.accountId)}`);
  out.push("");
  out.push(
    `Comparing the configuration collected ${markdownText(diff.old.collectedAt)} (scan ${markdownCode(diff.old.scanId)}) ` +
      `with the one collected ${markdownText(diff.new.collectedAt)} (scan ${markdownCode(diff.new.scanId)}).`,
  );
  for (const warning of diff.warnings) out.push("", `> **Warning:** ${markdownText(warning)}`);
  out.push("");
  out.push(row(["", "Old", "New", "Change"]));
  out.push(row(["---", "---:", "---:", "---:"]));
  const scoreRow = (label: string, change: ScoreChange, grade?: { old: string | null; new: string | null }) =>
    row([
      label,
      `${score(change.old)}${grade ? ` (${grade.old ?? "-"})` : ""}`,
      `${score(change.new)}${grade ? ` (${grade.new ?? "-"})` : ""}`,
      delta(change) || "–",
    ]);
  out.push(scoreRow("**Account score**", diff.account.score, diff.account.grade));
  for (const layer of LAYERS) out.push(scoreRow(`${layer} layer`, diff.account.byLayer[layer]));
  out.push("");
  out.push(
    `**${diff.counts.new} new**${severitySummary(diff)}, **${diff.counts.resolved} resolved**, ${diff.counts.stillOpen} still open, ` +
      `${diff.counts.changed} changed; functions ${diff.counts.functionsAdded} added, ${diff.counts.functionsRemoved} removed.`,
  );

  const findingTable = (title: string, entries: { finding: Finding; note: string }[], limit = Infinity) => {
    out.push("", `### ${title} (${entries.length})`);
    if (entries.length === 0) return;
    out.push("", row(["Severity", "Check", "Resource", "Note"]), row(["---", "---", "---", "---"]));
    for (const { finding, note } of entries.slice(0, limit)) {
      out.push(row([finding.severity, markdownCode(finding.checkId, { inTable: true }), resourceCell(finding), markdownText(note)]));
    }
    if (entries.length > limit) out.push("", `… and ${entries.length - limit} more.`);
  };
  findingTable("New findings", diff.findings.new.map((entry) => ({ finding: entry.finding, note: newNote(entry) })));
  findingTable("Resolved findings", diff.findings.resolved.map((entry) => ({ finding: entry.finding, note: resolvedNote(entry) })));
  findingTable(
    "Still open",
    diff.findings.stillOpen.map((finding) => ({ finding, note: finding.suppressed ? "suppressed" : "" })),
    maxStillOpen,
  );
  out.push("", `### Changed (${diff.findings.changed.length})`);
  if (diff.findings.changed.length > 0) {
    out.push("", row(["Check", "Resource", "Change"]), row(["---", "---", "---"]));
    for (const change of diff.findings.changed) {
      out.push(row([markdownCode(change.checkId, { inTable: true }), resourceCell(change), markdownText(changeNote(change))]));
    }
  }
  out.push("", `### Functions (${diff.counts.functionsAdded} added, ${diff.counts.functionsRemoved} removed, ${diff.functions.scoreChanges.length} score changes)`);
  const functionRows = [
    ...diff.functions.added.map((fn) => [markdownText(fn.name), markdownText(fn.region), "added", `${score(fn.scores.overall)} (${fn.grade ?? "-"})`]),
    ...diff.functions.removed.map((fn) => [markdownText(fn.name), markdownText(fn.region), "removed", ""]),
    ...diff.functions.scoreChanges.map((c) => [markdownText(c.name), markdownText(c.region), "score", scoreLine(c.overall, c.grade)]),
  ];
  if (functionRows.length > 0) {
    out.push("", row(["Function", "Region", "Change", "Score"]), row(["---", "---", "---", "---"]));
    for (const cells of functionRows) out.push(row(cells));
  }
  return `${out.join("\n")}\n`;
}

/** The diff in one of the formats `diff --format` accepts. JSON is the complete diff. */
export function renderDiff(diff: ScanDiff, format: DiffFormat, options: RenderDiffOptions = {}): string {
  switch (format) {
    case "json":
      return `${JSON.stringify(diff, null, 2)}\n`;
    case "markdown":
      return renderMarkdownDiff(diff, options);
    case "terminal":
      return renderTerminalDiff(diff, options);
  }
}

export function isDiffFormat(value: string): value is DiffFormat {
  return (DIFF_FORMATS as readonly string[]).includes(value);
}
