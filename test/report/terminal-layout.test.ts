import { beforeAll, describe, expect, it } from "vitest";
import { expandedFindings } from "../../src/engine/result-index.js";
import type { ScanResult } from "../../src/engine/result-schema.js";
import { check, demoSnapshotPath, readSnapshot, readSuppressionsFile } from "../../src/index.js";
import { demoSuppressionsPath } from "../../src/package-info.js";
import { findingHeadline, suppressedCounts } from "../../src/report/finding-fields.js";
import { renderTerminal, renderTerminalSummary } from "../../src/report/terminal.js";

/**
 * The demo account with its suppressions (accepted failures, suppressed passes, an expired entry and
 * a critical failure that caps the grade), plus gaps about resources with long names.
 */
let result: ScanResult;
const longName = `orders-${"very-long-function-name-".repeat(2)}end`;
const longArn = `arn:aws:lambda:eu-west-1:123456789012:function:${longName}`;

beforeAll(async () => {
  const snapshot = await readSnapshot(demoSnapshotPath);
  snapshot.gaps.push(
    { service: "lambda", operation: "GetFunctionUrlConfig", region: "eu-west-1", resourceArn: longArn, errorCode: "AccessDeniedException", message: "denied" },
    { service: "lambda", operation: "GetFunctionUrlConfig", region: "eu-west-1", resourceArn: `${longArn}-2`, errorCode: "AccessDeniedException", message: "denied" },
    { service: "logs", operation: "DescribeLogGroups", region: "us-east-1", errorCode: "ThrottlingException", message: "slow down" },
  );
  result = await check(snapshot, { suppressions: await readSuppressionsFile(demoSuppressionsPath), startedAt: new Date("2026-11-30T00:00:00Z") });
});

const lines = (text: string) => text.split("\n");

describe("terminal report layout", () => {
  it("fits the width it is given, 80 for a file, 100 and 120 on wider terminals", () => {
    for (const width of [60, 80, 100, 120]) {
      for (const line of lines(renderTerminal(result, { color: false, width }))) expect(line.length, line).toBeLessThanOrEqual(width);
      for (const line of lines(renderTerminalSummary(result, { width, written: [`/tmp/${"deep/".repeat(30)}lambda-posture.json`] }))) {
        expect(line.length, line).toBeLessThanOrEqual(width);
      }
    }
  });

  it("explains a capped grade next to it and counts accepted failures apart from suppressed passes", () => {
    const text = renderTerminal(result, { color: false, width: 80 });
    expect(result.summary.grade).toBe("D");
    expect(text).toMatch(/grade D +coverage .*\n {2}grade capped at D by an open critical failure \(the score alone gives [A-C]\)/);
    const suppressed = suppressedCounts(result);
    expect(suppressed.failures).toBeGreaterThan(0);
    expect(suppressed.passes).toBeGreaterThan(0);
    expect(text).toContain(`Suppressed: ${suppressed.failures} failure(s) accepted · ${suppressed.passes} pass(es)`);
    expect(text).not.toMatch(/suppressed \d/);
  });

  it("lists functions worst first: by grade, then by score", () => {
    const text = renderTerminal(result, { color: false, width: 80 });
    const section = text.slice(text.indexOf("Worst functions"), text.indexOf("Top failed findings"));
    const rows = lines(section).slice(2).filter((line) => /^ {2}[A-F-] /.test(line)).map((line) => ({ grade: line[2]!, score: Number(line.slice(8, 13)) }));
    expect(rows.length).toBeGreaterThan(3);
    const rank = (grade: string) => "FDCBA".indexOf(grade);
    for (let i = 1; i < rows.length; i += 1) {
      const [a, b] = [rows[i - 1]!, rows[i]!];
      expect(rank(a.grade) < rank(b.grade) || (a.grade === b.grade && a.score <= b.score), `${a.grade} ${a.score} before ${b.grade} ${b.score}`).toBe(true);
    }
  });

  it("leads each failed row with what is wrong, and keeps the check and its title under it", () => {
    const text = renderTerminal(result, { color: false, width: 120 });
    const top = lines(text.slice(text.indexOf("Top failed findings")));
    const first = expandedFindings(result, (finding) => finding.status === "fail" && !finding.suppressed).find((finding) => finding.severity === "critical")!;
    expect(top[1]).toContain(`CRITICAL ${first.resource.name}: ${findingHeadline(first).slice(0, 40)}`);
    expect(findingHeadline(first)).not.toBe(first.title);
    expect(top[2]!.trim().startsWith(`${first.checkId} · ${first.title.slice(0, 30)}`)).toBe(true);
  });

  it("names the resources of each gap, and says when a gap covers a whole region", () => {
    const text = renderTerminal(result, { color: false, width: 80 });
    // A long head: the names go on the next line.
    const at = lines(text).findIndex((line) => line === "  lambda:GetFunctionUrlConfig AccessDeniedException eu-west-1 ×2:");
    expect(at).toBeGreaterThan(0);
    expect(lines(text)[at + 1]).toBe(`    ${longName}, +1 more`);
    const narrow = renderTerminal(result, { color: false, width: 60 });
    const narrowAt = lines(narrow).findIndex((line) => line.startsWith("  lambda:GetFunctionUrlConfig AccessDenied"));
    expect(lines(narrow)[narrowAt + 1]).toMatch(/^ {4}orders-very-long-.*…, \+1 more$/);
    expect(lines(text)).toContain("  lambda:GetPolicy AccessDeniedException eu-west-1: fraud-scorer");
    expect(lines(text).find((line) => line.includes("logs:DescribeLogGroups"))).toContain(": the whole region");
  });

  it("shortens a suppression's ARN from the left, so the function's name survives", () => {
    const text = renderTerminal(result, { color: false, width: 60 });
    const expired = lines(text.slice(text.indexOf("Expired suppressions")))[1]!;
    expect(expired).toContain("function-concurrency-unreserved (expired 2026-09-30)");
    const resource = lines(text.slice(text.indexOf("Expired suppressions")))[2]!;
    expect(resource).toMatch(/^ {4}…[^ ]*:123456789012:function:legacy-report$/);
    expect(resource.length).toBeLessThanOrEqual(60);
  });

  it("points to more findings only in reports that were written, or says how to write them", () => {
    const open = expandedFindings(result, (finding) => finding.status === "fail" && !finding.suppressed).length;
    expect(open).toBeGreaterThan(10);
    expect(renderTerminal(result, { color: false, width: 80, companions: ["lambda-posture.json", "lambda-posture.sarif"] })).toContain(`… ${open - 10} more in lambda-posture.json\n`);
    const alone = renderTerminal(result, { color: false, width: 80, companions: [] });
    expect(alone).toContain(`… ${open - 10} more: add --format json, csv or html to list them all`);
    expect(alone).not.toMatch(/in the JSON, CSV or HTML report/);
  });

  it("the stderr summary: score, grade and why, counts, top failures, gaps and the files written", () => {
    const text = renderTerminalSummary(result, { width: 80, written: ["/out/lambda-posture.txt", "/out/lambda-posture.html"] });
    expect(text).toMatch(/Account score [\d.]+ +grade D/);
    expect(text).toContain("grade capped at D");
    expect(text).toContain("Open failures: critical");
    expect(text).toMatch(/Top failed findings \(\d+ open\):\n {2}CRITICAL /);
    expect(text).toContain("more in lambda-posture.html");
    expect(text).toContain(`Gaps: ${result.gaps.length} read(s) failed`);
    expect(text).toMatch(/Wrote:\n {2}\/out\/lambda-posture\.txt\n {2}\/out\/lambda-posture\.html\n$/);
  });

  it("shows the trend of stored scans when there is one", () => {
    const point = (score: number, newFindings: number | null) => ({
      scanId: String(score), finishedAt: "2026-11-30T00:00:00Z", score, grade: "C" as const,
      scoresByLayer: { provider: null, customer: score, shared: null }, newFindings, resolvedFindings: newFindings === null ? null : 2,
    });
    const text = renderTerminal(result, { color: false, width: 80, history: [point(70, null), point(75.5, 3)] });
    expect(text).toContain("Trend of 2 stored scans: 70.0 → 75.5\n  since the previous scan: 3 new, 2 resolved");
    expect(renderTerminal(result, { color: false, width: 80, history: [point(70, null)] })).not.toContain("Trend");
  });
});
