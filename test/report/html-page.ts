import { expect } from "vitest";
import { HTML_STATUS_ORDER, VLQ_DIGITS, type HtmlReportData, type HtmlShaped } from "../../src/report/html-data.js";

/**
 * Reads an HTML report as its script does: the embedded data, and each finding spelled out from the
 * groups. Tests compare that with the scan result, so the compact encoding is checked end to end.
 */

export function embeddedData(page: string): HtmlReportData {
  const match = /<script type="application\/json" id="report-data">([\s\S]*?)<\/script>/.exec(page);
  expect(match).not.toBeNull();
  return JSON.parse(match![1]!) as HtmlReportData;
}

export interface DecodedFinding {
  checkId: string;
  title: string;
  status: (typeof HTML_STATUS_ORDER)[number];
  severity: string;
  reason: string;
  headline: string;
  resourceName: string;
  resourceArn: string;
  region: string;
  accountId: string;
  suppressed: [string, string] | null;
  evidence: Record<string, unknown> | null;
  facts: Array<[string, unknown]> | null;
}

function unshape(shaped: HtmlShaped, shapes: string[][]): Array<[string, unknown]> {
  return shapes[shaped[0]]!.map((key, i) => [key, shaped[i + 1]]);
}

/** The integers of a `vlq` text, decoded here independently of the page's script. */
export function unvlq(text: string): number[] {
  const out: number[] = [];
  let value = 0;
  let shift = 1;
  for (const character of text) {
    const digit = VLQ_DIGITS.indexOf(character);
    expect(digit).toBeGreaterThanOrEqual(0);
    value += (digit & 31) * shift;
    if (digit & 32) {
      shift *= 32;
      continue;
    }
    out.push(value % 2 ? -(value - 1) / 2 : value / 2);
    value = 0;
    shift = 1;
  }
  expect(shift).toBe(1);
  return out;
}

/** A fact's value: a number refers to the evidence value it shows. */
function factValue(value: unknown, evidence: HtmlShaped): string {
  const shown = typeof value === "number" ? evidence[value + 1] : value;
  return typeof shown === "string" ? shown : JSON.stringify(shown);
}

export function decodedFindings(data: HtmlReportData): DecodedFinding[] {
  const severities = ["critical", "high", "medium", "low", "info"];
  const out: DecodedFinding[] = [];
  for (const [check, status, reason, headline, suppression, deltaText, evidenceText] of data.groups) {
    const deltas = unvlq(deltaText);
    const evidence = unvlq(evidenceText);
    const c = data.checks[check]!;
    let resource = 0;
    let evidenceAt = 0;
    deltas.forEach((delta, k) => {
      resource += delta;
      const r = data.resources[resource]!;
      if (evidence.length) evidenceAt += evidence[k]!;
      const e = evidence.length ? evidenceAt - 1 : -1;
      out.push({
        checkId: c[0],
        title: c[1],
        status: HTML_STATUS_ORDER[status]!,
        severity: severities[c[2]]!,
        reason: data.reasons[reason]!,
        headline: data.headlines[headline]!,
        resourceName: r[0],
        resourceArn: typeof r[1] === "number" ? data.arnPrefixes[r[1]]! + r[0] : r[1],
        region: data.regions[r[2]]!,
        accountId: data.accounts[r[4]]![0],
        suppressed: suppression >= 0 ? data.suppressions[suppression]! : null,
        evidence: e >= 0 ? Object.fromEntries(unshape(data.evidence[e]!, data.evidenceKeys)) : null,
        facts: e >= 0 ? unshape(data.facts[e]!, data.factLabels).map(([label, value]) => [label, factValue(value, data.evidence[e]!)]) : null,
      });
    });
  }
  return out;
}
