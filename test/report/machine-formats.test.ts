import { suppressedCounts } from "../../src/report/finding-fields.js";
import { describe, expect, it } from "vitest";
import type { Finding, ScanResult } from "../../src/engine/result-schema.js";
import { ASFF_LIMITS, asffReporter, asffResourceType, renderAsff, toAsff } from "../../src/report/asff.js";
import { markdownReporter, renderMarkdown } from "../../src/report/markdown.js";
import { ocsfReporter, renderOcsf } from "../../src/report/ocsf.js";
import { REPORTERS } from "../../src/report/index.js";
import { HOSTILE_NAMES, contextFor, demoScanResult, fixtureScanResult } from "./scan-results.js";
import { expandedFindings } from "../../src/engine/result-index.js";
import type { ResultFinding } from "../../src/engine/result-schema.js";

const result = fixtureScanResult();
const failed = expandedFindings(result).filter((f) => f.status === "fail");

async function renderText(reporter: { render: (c: ReturnType<typeof contextFor>) => unknown }, scan: ScanResult): Promise<string> {
  const out = await reporter.render(contextFor(scan));
  expect(typeof out).toBe("string");
  return out as string;
}

describe("registry", () => {
  it("lists every format once, with distinct file extensions", () => {
    const formats = REPORTERS.map((r) => r.format);
    for (const format of ["xlsx", "html", "markdown", "ocsf", "asff"]) expect(formats).toContain(format);
    expect(new Set(formats).size).toBe(formats.length);
    expect(new Set(REPORTERS.map((r) => r.extension)).size).toBe(REPORTERS.length);
  });
});

describe("ocsf reporter", () => {
  it("writes one Detection Finding per failed finding with the OCSF 1.x required fields", async () => {
    const records = JSON.parse(await renderText(ocsfReporter, result)) as Array<Record<string, any>>;
    expect(records).toHaveLength(failed.length);
    expect(records).toHaveLength(result.summary.counts.byStatus.fail);
    const severityIds: Record<Finding["severity"], number> = { info: 1, low: 2, medium: 3, high: 4, critical: 5 };
    records.forEach((record, index) => {
      const finding = failed[index]!;
      expect(record).toMatchObject({
        class_uid: 2004,
        class_name: "Detection Finding",
        category_uid: 2,
        activity_id: 1,
        type_uid: 200401,
        severity_id: severityIds[finding.severity],
        status_id: finding.suppressed ? 3 : 1,
        time: Date.parse(result.finishedAt),
        metadata: { version: expect.stringMatching(/^1\.\d+\.\d+$/), product: { name: "lambda-posture", vendor_name: expect.any(String), version: result.tool.version } },
        // What is wrong leads; the check's title (the desired state) is the analytic's name.
        finding_info: {
          uid: `lambda-posture/${finding.checkId}/${finding.resource.arn}`,
          title: finding.message,
          desc: `${finding.message} Control: ${finding.title}.`,
          types: expect.any(Array),
          analytic: expect.objectContaining({ name: finding.title }),
        },
        resources: [{ uid: finding.resource.arn, name: finding.resource.name }],
        remediation: { desc: finding.remediation, references: [`https://github.com/lambda-posture/lambda-posture/blob/main/docs/checks.md#${finding.checkId}`] },
        cloud: { provider: "AWS", account: { uid: result.accountId } },
      });
      expect(record.type_uid).toBe(record.class_uid * 100 + record.activity_id);
      expect(Number.isInteger(record.time)).toBe(true);
      if (finding.resource.region !== "global") expect(record.cloud.region).toBe(finding.resource.region);
    });
  });

  it("maps frameworks into compliance and marks suppressed findings", () => {
    const records = renderOcsf(result);
    const url = records.find((r) => r.finding_info.analytic.uid === "function-url-auth-none" && r.status === "New")!;
    expect(url.compliance).toMatchObject({ status_id: 3, requirements: expect.arrayContaining(["AWS FSBP Lambda.1", "NIST 800-53 AC-3"]) });
    const suppressed = records.filter((r) => r.status_id === 3);
    expect(suppressed).toHaveLength(expandedFindings(result).filter((f) => f.status === "fail" && f.suppressed).length);
    expect(suppressed[0]!.status_detail).toContain("signature checked");
  });

  it("keeps hostile names as plain JSON strings", async () => {
    const text = await renderText(ocsfReporter, result);
    const names = (JSON.parse(text) as Array<{ resources: Array<{ name: string }> }>).map((r) => r.resources[0]!.name);
    expect(names).toContain(HOSTILE_NAMES.script);
    expect(names).toContain(HOSTILE_NAMES.formula);
  });
});

describe("asff reporter", () => {
  it("writes BatchImportFindings-ready findings, one per failed finding", async () => {
    const findings = JSON.parse(await renderText(asffReporter, result)) as ReturnType<typeof renderAsff>;
    expect(findings).toHaveLength(failed.length);
    const ids = new Set<string>();
    findings.forEach((asff, index) => {
      const finding = failed[index]!;
      expect(asff.SchemaVersion).toBe("2018-10-08");
      expect(asff.ProductArn).toBe(`arn:aws:securityhub:${asff.Region}:${result.accountId}:product/${result.accountId}/default`);
      expect(asff.AwsAccountId).toMatch(/^\d{12}$/);
      expect(asff.GeneratorId).toBe(`lambda-posture/${finding.checkId}`);
      expect(asff.Severity.Label).toBe(finding.severity === "info" ? "INFORMATIONAL" : finding.severity.toUpperCase());
      expect(asff.Title.length).toBeLessThanOrEqual(ASFF_LIMITS.title);
      expect(asff.Description.length).toBeLessThanOrEqual(ASFF_LIMITS.description);
      expect(asff.Remediation.Recommendation.Text.length).toBeLessThanOrEqual(ASFF_LIMITS.recommendationText);
      expect(asff.Types.length).toBeGreaterThan(0);
      for (const type of asff.Types) expect(type.split("/").length).toBeLessThanOrEqual(3);
      expect(Date.parse(asff.CreatedAt)).not.toBeNaN();
      expect(Date.parse(asff.UpdatedAt)).toBeGreaterThanOrEqual(Date.parse(asff.CreatedAt));
      expect(asff.Resources).toEqual([{ Type: "AwsLambdaFunction", Id: finding.resource.arn, Partition: "aws", Region: finding.resource.region }]);
      expect(asff.Compliance.Status).toBe("FAILED");
      expect(asff.Compliance.RelatedRequirements?.length ?? 0).toBeLessThanOrEqual(ASFF_LIMITS.relatedRequirements);
      expect(asff.RecordState).toBe("ACTIVE");
      expect(asff.Workflow.Status).toBe(finding.suppressed ? "SUPPRESSED" : "NEW");
      expect(Object.keys(asff.ProductFields).length).toBeLessThanOrEqual(ASFF_LIMITS.productFields);
      for (const value of Object.values(asff.ProductFields)) expect(typeof value).toBe("string");
      ids.add(asff.Id);
    });
    expect(ids.size).toBe(findings.length);
  });

  it("truncates long text to the ASFF limits and sends global resources to a scanned region", () => {
    const base = failed[0]!;
    const long: Finding = {
      ...base,
      title: "t".repeat(400),
      message: "m".repeat(2000),
      remediation: "r".repeat(900),
      resource: { arn: "arn:aws:iam::111122223333:role/app", name: "app", region: "global", type: "role" },
      functionArns: [result.functions.find((fn) => fn.region === "us-east-1")!.arn],
    };
    const asff = toAsff(long, result);
    expect(asff.Title).toHaveLength(ASFF_LIMITS.title);
    expect(asff.Title.endsWith("…")).toBe(true);
    expect(asff.Description).toHaveLength(ASFF_LIMITS.description);
    expect(asff.Remediation.Recommendation.Text).toHaveLength(ASFF_LIMITS.recommendationText);
    expect(asff.Remediation.Recommendation.Url).toBe(`https://github.com/lambda-posture/lambda-posture/blob/main/docs/checks.md#${base.checkId}`);
    expect(asff.Resources[0]).toMatchObject({ Type: "AwsIamRole", Region: "us-east-1" });
    expect(asff.ProductArn).toContain(":securityhub:us-east-1:");
  });

  it("titles each finding with what is wrong and keeps the control title; cuts remediation whole, never inside a command", () => {
    for (const finding of failed) {
      const asff = toAsff(finding, result);
      expect(asff.Title.startsWith(finding.message.slice(0, 100))).toBe(true);
      expect(asff.Description).toContain(`Control: ${finding.title}.`);
      expect(asff.ProductFields["lambda-posture/Control"]).toBe(finding.title);
      const text = asff.Remediation.Recommendation.Text;
      expect(text.length).toBeLessThanOrEqual(ASFF_LIMITS.recommendationText);
      expect(text.split("`").length % 2, `${finding.checkId}: ${text}`).toBe(1);
      if (text !== finding.remediation) expect(text).toMatch(/[.;:,\w`]…$/);
    }
  });

  it("names resource types as Security Hub does", () => {
    const ref = (type: Finding["resource"]["type"], arn: string) => ({ type, arn, name: "x", region: "eu-west-1" });
    expect(asffResourceType(ref("apiStage", "arn:aws:apigateway:eu-west-1::/restapis/abc/stages/prod"))).toBe("AwsApiGatewayStage");
    expect(asffResourceType(ref("apiStage", "arn:aws:apigateway:eu-west-1::/apis/abc/stages/prod"))).toBe("AwsApiGatewayV2Stage");
    expect(asffResourceType(ref("layerVersion", "arn:aws:lambda:eu-west-1:1:layer:x:1"))).toBe("AwsLambdaLayerVersion");
  });
});

describe("markdown reporter", () => {
  it("summarises scores and counts that match the JSON result", async () => {
    const text = await renderText(markdownReporter, result);
    expect(text).toContain(`account ${result.accountId}: score ${result.summary.score!.toFixed(1)} (grade ${result.summary.grade})`);
    const counts = result.summary.counts.failedBySeverity;
    expect(text).toContain(`**Open failures:** ${counts.critical} critical, ${counts.high} high, ${counts.medium} medium, ${counts.low} low, ${counts.info} info.`);
    const actionable = expandedFindings(result).filter((f) => f.status === "fail" || f.status === "unknown").length;
    expect(text).toContain(`### Findings (${actionable} failed or unknown)`);
    expect(text).toContain(`### Collection gaps (${result.gaps.length})`);
    expect(text).toContain(`### Notes (${result.notes!.length})`);
    expect(text).toContain("lambda:ListCodeSigningConfigs in eu-west-1");
    expect(text).not.toContain("<h1>");
    // Short enough for a ticket: the table, and the first three findings' evidence in words.
    expect(text.split("\n").length).toBeLessThan(120);
    expect(text).toContain("#### Details of the first 3");
    expect(text).toContain("<details><summary>Raw evidence</summary>");
    expect(text).toMatch(/- Fix: .*\(\[how\]\(https:\/\/github\.com\/lambda-posture\/lambda-posture\/blob\/main\/docs\/checks\.md#[a-z-]+\)\)/);
    const suppressed = suppressedCounts(result);
    expect(text).toContain(`Accepted risks (suppressed failures) ${suppressed.failures}, suppressed passes ${suppressed.passes}`);
  });

  it("escapes names so they render as text", () => {
    const hostile = new Set<string>(Object.values(HOSTILE_NAMES));
    const onHostile = (f: ResultFinding) => hostile.has(result.resources[f.resource]!.name) && f.checkId === "function-code-signing-disabled";
    expect(expandedFindings(result, onHostile).map((f) => f.resource.name).sort()).toEqual([...hostile].sort());
    const text = renderMarkdown({ ...result, findings: result.findings.filter(onHostile) });
    expect(text).not.toContain("<script>");
    expect(text).not.toContain("<img");
    expect(text).not.toContain("[click](");
    expect(text).toContain("&lt;script&gt;alert(1)&lt;/script&gt;");
    expect(text).toContain("\\[click\\](https://evil.example) \\*\\*bold\\*\\* \\| pipe \\`tick\\`");
    // Every table row still has its six cells: no name broke the table.
    for (const line of text.split("\n").filter((l) => l.startsWith("| **"))) expect(line.split(/(?<!\\)\|/).length - 2).toBe(6);
  });

  it("renders the demo account", async () => {
    const { result: demo } = await demoScanResult();
    expect(renderMarkdown(demo)).toContain(`account ${demo.accountId}`);
  });
});
