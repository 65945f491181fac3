import { describe, expect, it } from "vitest";
import { evidenceFacts } from "../../src/report/evidence-facts.js";
import { findingHeadline, remediationSummary, remediationUrl } from "../../src/report/finding-fields.js";
import { ALL_CHECKS } from "../../checks/index.js";

describe("findingHeadline", () => {
  const title = "Function URL requires IAM authentication";
  it.each([
    ["fail", "The function URL accepts unauthenticated requests.", "The function URL accepts unauthenticated requests."],
    ["unknown", "The URL configuration could not be read.", "The URL configuration could not be read."],
    ["pass", "The URL requires IAM.", title],
    ["not_applicable", "The function has no URL.", title],
    ["fail", "", title],
  ] as const)("%s with message %j leads with %j", (status, message, expected) => {
    expect(findingHeadline({ status, message, title })).toBe(expected);
  });
});

describe("remediationSummary", () => {
  const text =
    "Detach AdministratorAccess and grant only the actions the function uses. IAM Access Analyzer can generate a policy. " +
    "Run `aws iam detach-role-policy --role-name ROLE --policy-arn arn:aws:iam::aws:policy/AdministratorAccess` to detach it.";

  it("keeps text that fits", () => {
    expect(remediationSummary(text, text.length)).toBe(text);
  });

  it("cuts at a sentence boundary when one fits", () => {
    expect(remediationSummary(text, 130)).toBe("Detach AdministratorAccess and grant only the actions the function uses. IAM Access Analyzer can generate a policy.…");
  });

  it("never cuts inside a command, at any length", () => {
    for (let max = 10; max < text.length; max += 1) {
      const summary = remediationSummary(text, max);
      expect(summary.length).toBeLessThanOrEqual(max);
      expect(summary.split("`").length % 2, `backticks balanced at ${max}: ${summary}`).toBe(1);
    }
  });

  it("never cuts inside a command in any check's remediation (the 200-character ASFF limit and a narrower one)", () => {
    for (const check of ALL_CHECKS) {
      for (const max of [200, 120]) {
        const summary = remediationSummary(check.remediation, max);
        expect(summary.length).toBeLessThanOrEqual(max);
        expect(summary.split("`").length % 2, `${check.id} at ${max}`).toBe(1);
        if (summary !== check.remediation) expect(summary.endsWith("…")).toBe(true);
      }
    }
  });
});

describe("remediationUrl", () => {
  it("points at the check's heading in docs/checks.md on the project's repository", () => {
    expect(remediationUrl("role-admin-access")).toBe("https://github.com/lambda-posture/lambda-posture/blob/main/docs/checks.md#role-admin-access");
  });
});

describe("evidenceFacts", () => {
  it("states a resource-policy statement in words: statement, principal, actions, deciding condition, rule", () => {
    const facts = evidenceFacts({
      statements: [
        {
          statement: 'statement 1 (Sid "partner-invoke")',
          classification: "cross-account",
          reason: "accountPrincipal",
          actions: { kind: "Action", patterns: ["lambda:InvokeFunction"] },
          principals: [{ principal: "AWS:arn:aws:iam::444455556666:root", classification: "cross-account", reason: "accountPrincipal", accountIds: ["444455556666"] }],
          decidingConditions: ["StringEquals aws:SourceAccount"],
          ignoredConditions: [],
        },
      ],
      crossAccountPrincipals: ["444455556666"],
    });
    expect(facts).toEqual([
      { label: "Statement", value: 'statement 1 (Sid "partner-invoke")' },
      { label: "Principal", value: "AWS:arn:aws:iam::444455556666:root (cross account)" },
      { label: "Actions", value: "lambda:InvokeFunction" },
      { label: "Deciding condition", value: "StringEquals aws:SourceAccount" },
      { label: "Rule applied", value: "cross account: account principal" },
      { label: "Cross account principals", value: "444455556666" },
    ]);
  });

  it("names the grant, the dated rule and the missing data", () => {
    expect(
      evidenceFacts({
        grantedBy: [{ policy: "arn:aws:iam::aws:policy/AdministratorAccess", statement: "statement 1 of policy AdministratorAccess", resources: ["*"], conditional: false }],
        rule: { id: "dual-permission-all", summary: "From 2026-11-01 every function URL needs both permissions.", source: "https://example.com/rule" },
        gaps: [{ operation: "iam:GetRole", region: "global", resourceArn: "arn:aws:iam::1:role/r", errorCode: "AccessDenied" }],
        "url.authType": "NONE",
        retentionInDays: null,
        isLogging: true,
      }),
    ).toEqual([
      { label: "Granted by", value: "statement 1 of policy AdministratorAccess on *" },
      { label: "Rule applied", value: "From 2026-11-01 every function URL needs both permissions." },
      { label: "Rule source", value: "https://example.com/rule" },
      { label: "Missing data", value: "iam:GetRole (AccessDenied) on arn:aws:iam::1:role/r" },
      { label: "URL auth type", value: "NONE" },
      { label: "Retention in days", value: "none" },
      { label: "Is logging", value: "yes" },
    ]);
  });

  it("stays bounded however large the evidence", () => {
    const evidence: Record<string, unknown> = Object.fromEntries(Array.from({ length: 100 }, (_, i) => [`field${i}`, "x".repeat(5000)]));
    evidence.statements = Array.from({ length: 50 }, (_, i) => ({ statement: `statement ${i}`, principals: [], decidingConditions: [] }));
    const facts = evidenceFacts(evidence);
    expect(facts.length).toBeLessThanOrEqual(14);
    for (const fact of facts) expect(fact.value.length).toBeLessThanOrEqual(300);
  });
});
