import { parseArn } from "../arn.js";
import type { Severity } from "../engine/check.js";
import type { OrganizationResult } from "../engine/organization.js";
import { expandedFindings } from "../engine/result-index.js";
import type { Finding, ScanResult } from "../engine/result-schema.js";
import { AccountDirectory } from "./accounts.js";
import { remediationSummary, remediationUrl, truncate } from "./finding-fields.js";
import type { Reporter } from "./types.js";

/**
 * AWS Security Finding Format documents for `aws securityhub batch-import-findings`, one per failed
 * finding. The scanner never writes to AWS; docs/report-formats.md shows the import command.
 * Field limits: https://docs.aws.amazon.com/securityhub/1.0/APIReference/API_AwsSecurityFinding.html
 * Each finding carries its own account (read 2026-11-30): with the default product ARN,
 * BatchImportFindings must be called from the account that equals the finding's `AwsAccountId`
 * (https://docs.aws.amazon.com/securityhub/latest/userguide/finding-update-batchimportfindings.html),
 * so an organisation's findings name their account in `AwsAccountId` and in the ProductArn, and are
 * imported per account. `AwsAccountName` (1 to 50 characters) is the account's name; ASFF has no OU
 * field, so the OU goes to ProductFields.
 * Title and Description (read 2026-12-01, https://docs.aws.amazon.com/securityhub/latest/partnerguide/guidelines-asff-mapping.html):
 * the Title names what is wrong with the resource (the finding's message; the check's title, which
 * states the desired state, is in ProductFields and opens the Description). Remediation.Recommendation
 * has Text (up to 512) and Url (https://docs.aws.amazon.com/securityhub/1.0/APIReference/API_Recommendation.html):
 * the text is cut at a sentence, never inside a command, and the Url leads to the whole of it.
 */
export const ASFF_LIMITS = {
  title: 256,
  description: 1024,
  recommendationText: 512,
  noteText: 512,
  relatedRequirements: 32,
  productFields: 50,
  productFieldValue: 2048,
  accountName: 50,
} as const;

const SEVERITY_LABELS: Readonly<Record<Severity, AsffFinding["Severity"]["Label"]>> = {
  critical: "CRITICAL",
  high: "HIGH",
  medium: "MEDIUM",
  low: "LOW",
  info: "INFORMATIONAL",
};

const REQUIREMENT_PREFIXES = {
  nist80053: "NIST.800-53.r5",
  owaspServerless: "OWASP Serverless Top 10",
  hipaa: "HIPAA",
  fsbp: "AWS FSBP",
  cis: "CIS AWS Compute Services",
} as const;

const STANDARD_TYPES: Partial<Record<keyof typeof REQUIREMENT_PREFIXES, string>> = {
  nist80053: "Software and Configuration Checks/Industry and Regulatory Standards/NIST 800-53 Controls",
  hipaa: "Software and Configuration Checks/Industry and Regulatory Standards/HIPAA Controls",
  fsbp: "Software and Configuration Checks/Industry and Regulatory Standards/AWS-Foundational-Security-Best-Practices",
};

export interface AsffFinding {
  SchemaVersion: "2018-10-08";
  Id: string;
  ProductArn: string;
  ProductName: string;
  CompanyName: string;
  GeneratorId: string;
  AwsAccountId: string;
  AwsAccountName?: string;
  Region: string;
  Types: string[];
  CreatedAt: string;
  UpdatedAt: string;
  FirstObservedAt: string;
  LastObservedAt: string;
  Severity: { Label: "CRITICAL" | "HIGH" | "MEDIUM" | "LOW" | "INFORMATIONAL"; Original: string };
  Title: string;
  Description: string;
  Remediation: { Recommendation: { Text: string; Url: string } };
  ProductFields: Record<string, string>;
  Resources: Array<{ Type: string; Id: string; Partition: string; Region: string }>;
  Compliance: { Status: "FAILED"; RelatedRequirements?: string[] };
  Workflow: { Status: "NEW" | "SUPPRESSED" };
  RecordState: "ACTIVE";
  Note?: { Text: string; UpdatedBy: string; UpdatedAt: string };
}

/** ASFF resource types: https://docs.aws.amazon.com/securityhub/latest/userguide/asff-resources.html */
export function asffResourceType(resource: Finding["resource"]): string {
  switch (resource.type) {
    case "function":
    case "alias":
    case "version":
      // ASFF has no type of its own for an alias or a version: the qualified ARN says which.
      return "AwsLambdaFunction";
    case "role":
      return "AwsIamRole";
    case "layerVersion":
      return "AwsLambdaLayerVersion";
    case "apiStage":
      // REST stages are arn:...:/restapis/ID/stages/NAME, HTTP API stages arn:...:/apis/ID/stages/NAME.
      return resource.arn.includes(":/apis/") ? "AwsApiGatewayV2Stage" : "AwsApiGatewayStage";
    default:
      return "Other";
  }
}

/**
 * Security Hub imports a finding into the Region of its ProductArn. IAM roles are global: their
 * findings go to the Region of a function that uses the role (read from the function's ARN, so an
 * organisation report, which has no function list, places them the same), else the first scanned Region.
 */
function homeRegion(finding: Finding, result: ScanResult): string {
  if (finding.resource.region !== "global") return finding.resource.region;
  const linked = result.functions.find((fn) => finding.functionArns.includes(fn.arn));
  if (linked) return linked.region;
  const fromArn = finding.functionArns.map((arn) => parseArn(arn)?.region).find((region) => region);
  return fromArn ?? result.regions[0] ?? "us-east-1";
}

function productFields(finding: Finding, result: ScanResult, accounts?: AccountDirectory): Record<string, string> {
  const fields: Record<string, string> = {
    "lambda-posture/CheckId": finding.checkId,
    "lambda-posture/Control": truncate(finding.title, ASFF_LIMITS.productFieldValue),
    "lambda-posture/Reason": finding.reason,
    "lambda-posture/Layer": finding.layer,
    "lambda-posture/Phase": finding.phase,
    "lambda-posture/ScanId": result.scanId,
    "lambda-posture/ToolVersion": result.tool.version,
  };
  const parentId = accounts?.parentId(finding.accountId);
  if (parentId) fields["lambda-posture/AccountParentId"] = parentId;
  for (const [key, value] of Object.entries(finding.evidence)) {
    if (Object.keys(fields).length >= ASFF_LIMITS.productFields) break;
    const text = typeof value === "string" ? value : JSON.stringify(value);
    fields[truncate(`lambda-posture/evidence/${key}`, 128)] = truncate(text ?? "null", ASFF_LIMITS.productFieldValue);
  }
  return fields;
}

export function toAsff(finding: Finding, result: ScanResult, accounts?: AccountDirectory): AsffFinding {
  const region = homeRegion(finding, result);
  const account = finding.accountId;
  const accountName = (accounts?.name(account) ?? "").trim();
  const requirements = (Object.keys(REQUIREMENT_PREFIXES) as (keyof typeof REQUIREMENT_PREFIXES)[]).flatMap((key) =>
    (finding.frameworks[key] ?? []).map((id) => `${REQUIREMENT_PREFIXES[key]} ${id}`),
  );
  const types = [
    "Software and Configuration Checks/AWS Security Best Practices",
    ...(Object.keys(STANDARD_TYPES) as (keyof typeof STANDARD_TYPES)[])
      .filter((key) => (finding.frameworks[key] ?? []).length > 0)
      .map((key) => STANDARD_TYPES[key] as string),
  ];
  return {
    SchemaVersion: "2018-10-08",
    // Stable across scans, so that a re-import updates the finding instead of duplicating it.
    Id: truncate(`${result.tool.name}/${finding.checkId}/${finding.resource.arn}`, 512),
    ProductArn: `arn:${result.partition}:securityhub:${region}:${account}:product/${account}/default`,
    ProductName: result.tool.name,
    CompanyName: result.tool.name,
    GeneratorId: `${result.tool.name}/${finding.checkId}`,
    AwsAccountId: account,
    ...(accountName ? { AwsAccountName: truncate(accountName, ASFF_LIMITS.accountName) } : {}),
    Region: region,
    Types: types,
    CreatedAt: result.finishedAt,
    UpdatedAt: result.finishedAt,
    FirstObservedAt: result.collectedAt,
    LastObservedAt: result.collectedAt,
    Severity: { Label: SEVERITY_LABELS[finding.severity], Original: finding.severity },
    Title: truncate(`${finding.message || finding.title} (${finding.resource.name})`, ASFF_LIMITS.title),
    Description: truncate(`${finding.message} Control: ${finding.title}. Resource: ${finding.resource.arn}.`, ASFF_LIMITS.description),
    Remediation: {
      Recommendation: { Text: remediationSummary(finding.remediation, ASFF_LIMITS.recommendationText), Url: remediationUrl(finding.checkId) },
    },
    ProductFields: productFields(finding, result, accounts),
    Resources: [
      {
        Type: asffResourceType(finding.resource),
        Id: finding.resource.arn,
        Partition: result.partition,
        Region: region,
      },
    ],
    Compliance: {
      Status: "FAILED",
      ...(requirements.length > 0 ? { RelatedRequirements: requirements.slice(0, ASFF_LIMITS.relatedRequirements) } : {}),
    },
    Workflow: { Status: finding.suppressed ? "SUPPRESSED" : "NEW" },
    RecordState: "ACTIVE",
    ...(finding.suppressed
      ? {
          Note: {
            Text: truncate(
              `Suppressed: ${finding.suppressed.reason}${finding.suppressed.expires ? ` (until ${finding.suppressed.expires})` : ""}`,
              ASFF_LIMITS.noteText,
            ),
            UpdatedBy: result.tool.name,
            UpdatedAt: result.finishedAt,
          },
        }
      : {}),
  };
}

/** Every failed finding; with an organisation, each in its own account, with the account's name and OU. */
export function renderAsff(result: ScanResult, organization?: OrganizationResult): AsffFinding[] {
  const accounts = organization ? new AccountDirectory(organization) : undefined;
  return expandedFindings(result, (finding) => finding.status === "fail").map((finding) => toAsff(finding, result, accounts));
}

export const asffReporter: Reporter = {
  format: "asff",
  extension: "asff.json",
  description: "AWS Security Finding Format array for `aws securityhub batch-import-findings` (failed findings)",
  binary: false,
  render: ({ result, organization }) => `${JSON.stringify(renderAsff(result, organization), null, 2)}\n`,
};
