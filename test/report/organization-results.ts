import { ALL_CHECKS } from "../../checks/index.js";
import { OrganizationResultBuilder, organizationView, type OrganizationResult } from "../../src/engine/organization.js";
import { scanResultSchema, type ScanResult } from "../../src/engine/result-schema.js";
import type { ReportContext } from "../../src/report/types.js";
import { evaluateWithoutRoles } from "../support/evaluate.js";
import { REGION, functionArn, secureFunction, snapshotWith } from "../support/fixtures.js";
import { ACCOUNT_ID, fixtureScanResult } from "./scan-results.js";

/** The accounts of the fixture organisation: two scanned, one whose role could not be assumed, one suspended. */
export const ORG_ACCOUNTS = {
  payments: ACCOUNT_ID,
  billing: "444455556666",
  failed: "777788889999",
  skipped: "222233334444",
} as const;
export const ORGANIZATION_ID = "o-a1b2c3d4e5";
export const PAYMENTS_OU = "ou-a1b2-payments";

/** An account name from AWS Organizations that tries a terminal escape, markup and a formula. */
export const HOSTILE_ACCOUNT_NAME = "=cmd|' /C calc'!A0 <img src=x onerror=alert(7)> \u001b[2J[x](https://evil.example)";

/** The second account: a small real scan with a public function URL and a function without tracing. */
export function billingScanResult(): ScanResult {
  const account = ORG_ACCOUNTS.billing;
  const snapshot = snapshotWith({
    accountId: account,
    functions: [
      secureFunction({ name: "billing-api", arn: functionArn("billing-api", REGION, account), url: { authType: "NONE", cors: null } }),
      secureFunction({ name: "billing-worker", arn: functionArn("billing-worker", REGION, account), tracingMode: "PassThrough" }),
      secureFunction({ name: "billing-ok", arn: functionArn("billing-ok", REGION, account) }),
    ],
  });
  const result = evaluateWithoutRoles(snapshot, {
    checks: ALL_CHECKS,
    now: new Date("2026-11-01T12:30:00.000Z"),
    startedAt: new Date("2026-11-01T12:29:30.000Z"),
    scanId: "billing-scan",
  });
  return scanResultSchema.parse(result);
}

/**
 * An organisation of four accounts built as an organisation scan builds it: the fixture account
 * (every kind of finding, hostile function names) and the billing account scanned, one account whose
 * role could not be assumed (a gap) and one suspended (skipped).
 */
export function fixtureOrganization(): OrganizationResult {
  const builder = new OrganizationResultBuilder();
  builder.addUnscanned({
    identity: { accountId: ORG_ACCOUNTS.skipped, name: "closed-sandbox", state: "SUSPENDED", parentId: "r-a1b2" },
    status: "skipped",
    reason: "the account is SUSPENDED in AWS Organizations",
    errorCode: null,
  });
  builder.addScanned({
    identity: { accountId: ORG_ACCOUNTS.billing, name: HOSTILE_ACCOUNT_NAME, state: "ACTIVE", parentId: "r-a1b2" },
    result: billingScanResult(),
    files: { json: `${ORG_ACCOUNTS.billing}/lambda-posture.json` },
  });
  builder.addUnscanned({
    identity: { accountId: ORG_ACCOUNTS.failed, name: "legacy", state: "ACTIVE", parentId: PAYMENTS_OU },
    status: "failed",
    reason: "the role lambda-posture-readonly could not be assumed",
    errorCode: "AccessDenied",
    gap: {
      service: "sts",
      operation: "AssumeRole",
      region: "us-east-1",
      resourceArn: `arn:aws:iam::${ORG_ACCOUNTS.failed}:role/lambda-posture-readonly`,
      errorCode: "AccessDenied",
      message: "not authorized to perform sts:AssumeRole",
    },
  });
  builder.addScanned({
    identity: { accountId: ORG_ACCOUNTS.payments, name: "payments-prod", state: "ACTIVE", parentId: PAYMENTS_OU },
    result: fixtureScanResult(),
    files: { json: `${ORG_ACCOUNTS.payments}/lambda-posture.json` },
  });
  return builder.build({
    scanId: "org-scan",
    tool: { name: "lambda-posture", version: "test" },
    startedAt: "2026-11-01T12:29:00.000Z",
    finishedAt: "2026-11-01T12:31:00.000Z",
    partition: "aws",
    organization: { id: ORGANIZATION_ID, managementAccountId: ORG_ACCOUNTS.payments },
    selection: { source: "organization", organizationalUnits: [], excluded: [], shard: null },
  });
}

/** The report context of an organisation: its view as the result, the organisation beside it. */
export function organizationContext(organization: OrganizationResult = fixtureOrganization()): ReportContext {
  return { result: organizationView(organization), organization, checks: ALL_CHECKS, color: false, width: 100 };
}
