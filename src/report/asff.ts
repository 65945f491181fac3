import type { Severity } from "../engine/check.js";
import { expandedFindings } from "../engine/result-index.js";
import type { Finding, ScanResult } from "../engine/result-schema.js";
import { truncate } from "./finding-fields.js";
import type { Reporter } from "./types.js";

/**
 * AWS Security Finding Format documents for `aws securityhub batch-import-findings`, one per failed
 * finding. The scanner never writes to AWS; docs/report-formats.md shows the import command.
 * Field limits: https://docs.aws.amazon.com/securityhub/1.0/APIReference/API_AwsSecurityFinding.html
 */
export const ASFF_LIMITS = {
  title: 256,
  description: 1024,
  recommendationText: 512,
  noteText: 512,
  relatedRequirements: 32,
  productFields: 50,
  productFieldValue: 2048,
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
  Region: string;
  Types: string[];
  CreatedAt: string;
  UpdatedAt: string;
  FirstObservedAt: string;
  LastObservedAt: string;
  Severity: { Label: "CRITICAL" | "HIGH" | "MEDIUM" | "LOW" | "INFORMATIONAL"; Original: string };
  Title: string;
  Description: string;
  Remediation: { Recommendation: { Text: string } };
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
 * findings go to the Region of a function that uses the role, else the first scanned Region.
 */
function homeRegion(finding: Finding, result: ScanResult): string {
  if (finding.resource.region !== "global") return finding.resource.region;
  const linked = result.functions.find((fn) => finding.functionArns.includes(fn.arn));
  return linked?.region ?? result.regions[0] ?? "us-east-1";
}

function productFields(finding: Finding, result: ScanResult): Record<string, string> {
  const fields: Record<string, string> = {
    "lambda-posture/CheckId": finding.checkId,
    "lambda-posture/Reason": finding.reason,
    "lambda-posture/Layer": finding.layer,
    "lambda-posture/Phase": finding.phase,
    "lambda-posture/ScanId": result.scanId,
    "lambda-posture/ToolVersion": result.tool.version,
  };
  for (const [key, value] of Object.entries(finding.evidence)) {
    if (Object.keys(fields).length >= ASFF_LIMITS.productFields) break;
    const text = typeof value === "string" ? value : JSON.stringify(value);
    fields[truncate(`lambda-posture/evidence/${key}`, 128)] = truncate(text ?? "null", ASFF_LIMITS.productFieldValue);
  }
  return fields;
}

export function toAsff(finding: Finding, result: ScanResult): AsffFinding {
  const region = homeRegion(finding, result);
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
    ProductArn: `arn:${result.partition}:securityhub:${region}:${result.accountId}:product/${result.accountId}/default`,
    ProductName: result.tool.name,
    CompanyName: result.tool.name,
    GeneratorId: `${result.tool.name}/${finding.checkId}`,
    AwsAccountId: result.accountId,
    Region: region,
    Types: types,
    CreatedAt: result.finishedAt,
    UpdatedAt: result.finishedAt,
    FirstObservedAt: result.collectedAt,
    LastObservedAt: result.collectedAt,
    Severity: { Label: SEVERITY_LABELS[finding.severity], Original: finding.severity },
    Title: truncate(finding.title, ASFF_LIMITS.title),
    Description: truncate(finding.message, ASFF_LIMITS.description),
    Remediation: { Recommendation: { Text: truncate(finding.remediation, ASFF_LIMITS.recommendationText) } },
    ProductFields: productFields(finding, result),
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

export function renderAsff(result: ScanResult): AsffFinding[] {
  return expandedFindings(result, (finding) => finding.status === "fail").map((finding) => toAsff(finding, result));
}

export const asffReporter: Reporter = {
  format: "asff",
  extension: "asff.json",
  description: "AWS Security Finding Format array for `aws securityhub batch-import-findings` (failed findings)",
  binary: false,
  render: ({ result }) => `${JSON.stringify(renderAsff(result), null, 2)}\n`,
};
