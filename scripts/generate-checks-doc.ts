/**
 * Renders docs/checks.md from check metadata. Pure: the same checks always give the same text, so a
 * test can compare the checked-in file with a fresh rendering (run `npm run docs` to regenerate).
 */
import { z } from "zod";
import { FRAMEWORK_NAMES, controlTitle, type FrameworkKey } from "../src/data/frameworks.js";
import { LAYERS, PHASES, SEVERITIES, type AnyCheck, type Layer, type Phase } from "../src/engine/check.js";
import { ENGINE_REASONS } from "../src/engine/run-checks.js";
import { engineSettingsSchema } from "../src/engine/settings.js";

const PHASE_TITLES: Record<Phase, string> = {
  trigger: "Trigger and invocation",
  execution: "Execution context",
  dependency: "Dependency resolution",
  output: "Output, data and downstream",
};

const LAYER_TITLES: Record<Layer, string> = {
  provider: "Provider layer (AWS patches, the customer keeps it in play)",
  customer: "Customer layer",
  shared: "Shared boundary",
};

const RESOURCE_TITLES: Record<string, string> = {
  function: "function",
  invokeTarget: "function, alias or version",
  role: "execution role",
  apiStage: "API Gateway stage",
  layerVersion: "layer version",
};

/** Markdown table cells must not break the row. */
const cell = (text: string) => text.replace(/\|/g, "\\|").replace(/\n/g, " ");

function frameworkLines(check: AnyCheck): string[] {
  const lines: string[] = [];
  for (const framework of Object.keys(FRAMEWORK_NAMES) as FrameworkKey[]) {
    const controls = check.frameworks[framework] ?? [];
    if (controls.length === 0) continue;
    const described = controls.map((control) => `${control} (${controlTitle(framework, control) ?? "unknown control"})`);
    lines.push(`  - ${FRAMEWORK_NAMES[framework]}: ${described.join("; ")}`);
  }
  return lines;
}

/** A setting's default, as a user would write it in the config file. */
function defaultOf(field: z.core.$ZodType): string {
  const parsed = z.object({ value: field as z.ZodType }).parse({});
  return JSON.stringify(parsed.value);
}

function describeOf(field: z.core.$ZodType): string {
  return (field as z.ZodType).description ?? "";
}

function settingLines(check: AnyCheck): string[] {
  const shape = check.settings?.shape ?? {};
  return Object.entries(shape).map(([key, field]) => `  - \`${key}\` (default \`${defaultOf(field)}\`): ${describeOf(field)}`);
}

function renderCheck(check: AnyCheck): string[] {
  const lines = [
    `#### \`${check.id}\``,
    "",
    `**${check.title}**`,
    "",
    `- Severity: ${check.severity} · Resource: ${RESOURCE_TITLES[check.resourceType] ?? check.resourceType}`,
    `- Reads: ${check.requires.map((operation) => `\`${operation}\``).join(", ")}`,
  ];
  const frameworks = frameworkLines(check);
  if (frameworks.length > 0) lines.push("- Frameworks:", ...frameworks);
  const settings = settingLines(check);
  if (settings.length > 0) lines.push("- Settings (`checkSettings` in the config file):", ...settings);
  lines.push("", `**Why it matters.** ${check.rationale}`, "", `**How to fix.** ${check.remediation}`);
  if (check.limitations) lines.push("", `**Limitations.** ${check.limitations}`);
  lines.push("", "**Results.**", "", "| reason | sentence |", "| --- | --- |");
  for (const [reason, sentence] of Object.entries(check.reasons)) lines.push(`| \`${reason}\` | ${cell(sentence)} |`);
  lines.push("");
  return lines;
}

export function renderChecksDoc(checks: readonly AnyCheck[]): string {
  const sorted = [...checks].sort((left, right) => left.id.localeCompare(right.id));
  const lines = [
    "# Checks",
    "",
    "<!-- Generated from check metadata by scripts/generate-docs.ts: do not edit; run `npm run docs`. -->",
    "",
    `lambda-posture runs ${sorted.length} checks. Each one reports pass, fail, unknown (the data it needs could ` +
      "not be read) or not applicable, per resource. They are grouped below by the phase of an attack on a " +
      "function in which the weakness is exploited, then by who is responsible for the control.",
    "",
    "| Check | Severity | Phase | Layer | Resource | Title |",
    "| --- | --- | --- | --- | --- | --- |",
  ];
  const bySeverity = (left: AnyCheck, right: AnyCheck) =>
    SEVERITIES.indexOf(left.severity) - SEVERITIES.indexOf(right.severity) || left.id.localeCompare(right.id);
  for (const phase of PHASES) {
    for (const layer of LAYERS) {
      for (const check of sorted.filter((c) => c.phase === phase && c.layer === layer).sort(bySeverity)) {
        lines.push(
          `| [\`${check.id}\`](#${check.id}) | ${check.severity} | ${phase} | ${layer} | ${RESOURCE_TITLES[check.resourceType] ?? check.resourceType} | ${cell(check.title)} |`,
        );
      }
    }
  }
  lines.push(
    "",
    "Besides its own reasons (listed with each check; `{name}` stands for a value of the result), every check " +
      "can give these results, which the engine decides:",
    "",
    "| reason | status | sentence |",
    "| --- | --- | --- |",
    ...Object.entries(ENGINE_REASONS).map(([reason, sentence]) => `| \`${reason}\` | unknown | ${cell(sentence)} |`),
    "",
    "## Settings",
    "",
    "Thresholds are set in the config file's `checkSettings` (see the README). Settings shared by the engine's analyses:",
    "",
    ...Object.entries(engineSettingsSchema.shape).map(([key, field]) => `- \`${key}\` (default \`${defaultOf(field)}\`): ${describeOf(field)}`),
    "",
    "Each check's own settings are listed with the check.",
    "",
  );
  for (const phase of PHASES) {
    const inPhase = sorted.filter((check) => check.phase === phase);
    if (inPhase.length === 0) continue;
    lines.push(`## ${PHASE_TITLES[phase]} (${phase})`, "");
    for (const layer of LAYERS) {
      const group = inPhase.filter((check) => check.layer === layer).sort(bySeverity);
      if (group.length === 0) continue;
      lines.push(`### ${LAYER_TITLES[layer]}`, "");
      for (const check of group) lines.push(...renderCheck(check));
    }
  }
  return `${lines.join("\n").trimEnd()}\n`;
}
