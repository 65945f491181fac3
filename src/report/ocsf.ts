import { FRAMEWORK_NAMES } from "../data/frameworks.js";
import type { Severity } from "../engine/check.js";
import type { OrganizationResult } from "../engine/organization.js";
import { expandedFindings } from "../engine/result-index.js";
import type { Finding, ScanResult } from "../engine/result-schema.js";
import { AccountDirectory, isOrganizationalUnitId } from "./accounts.js";
import { FRAMEWORK_KEYS, findingHeadline, frameworkIds, remediationUrl } from "./finding-fields.js";
import type { Reporter } from "./types.js";

/**
 * OCSF Detection Finding (class 2004, category Findings) records, one per failed finding.
 * Schema: https://schema.ocsf.io/1.3.0/classes/detection_finding
 * The account and organisation of each finding (read 2026-11-30): `cloud.account` is the Account
 * object (`uid` the AWS account id, `name` the account name, `type_id` 10 "AWS Account"),
 * `cloud.org` the Organization object (`uid` the AWS Organization id, `ou_uid` the OU id), per
 * https://schema.ocsf.io/1.3.0/objects/cloud, /objects/account and /objects/organization
 * (github.com/ocsf/ocsf-schema objects/account.json, objects/organization.json).
 * `finding_info.title` says what is wrong (the message); the check's title, the desired state, is the
 * analytic's name. `remediation.references` holds the link to the check's documentation
 * (Remediation object: desc, references; https://schema.ocsf.io/1.3.0/objects/remediation, read 2026-12-01).
 */
export const OCSF_SCHEMA_VERSION = "1.3.0";

const SEVERITY_IDS: Readonly<Record<Severity, { id: number; name: string }>> = {
  info: { id: 1, name: "Informational" },
  low: { id: 2, name: "Low" },
  medium: { id: 3, name: "Medium" },
  high: { id: 4, name: "High" },
  critical: { id: 5, name: "Critical" },
};

const RESOURCE_TYPE_NAMES: Readonly<Record<Finding["resource"]["type"], string>> = {
  function: "AWS::Lambda::Function",
  alias: "AWS::Lambda::Alias",
  version: "AWS::Lambda::Version",
  role: "AWS::IAM::Role",
  apiStage: "AWS::ApiGateway::Stage",
  layerVersion: "AWS::Lambda::LayerVersion",
};

export interface OcsfDetectionFinding {
  activity_id: 1;
  activity_name: "Create";
  category_uid: 2;
  category_name: "Findings";
  class_uid: 2004;
  class_name: "Detection Finding";
  type_uid: 200401;
  type_name: "Detection Finding: Create";
  severity_id: number;
  severity: string;
  status_id: 1 | 3;
  status: "New" | "Suppressed";
  status_detail?: string;
  time: number;
  message: string;
  is_alert: boolean;
  metadata: {
    version: string;
    uid: string;
    event_code: string;
    product: { name: string; vendor_name: string; version: string };
  };
  finding_info: {
    uid: string;
    title: string;
    desc: string;
    types: string[];
    created_time: number;
    analytic: { uid: string; name: string; type_id: 1; type: "Rule" };
  };
  resources: Array<{ uid: string; name: string; type: string; region?: string; cloud_partition: string; data: Record<string, unknown> }>;
  remediation: { desc: string; references: string[] };
  cloud: {
    provider: "AWS";
    account: { uid: string; name?: string; type_id: 10; type: "AWS Account" };
    org?: { uid: string; ou_uid?: string };
    region?: string;
  };
  compliance?: { standards: string[]; requirements: string[]; control: string; status_id: 3; status: "Fail" };
  unmapped: Record<string, unknown>;
}

/** What an organisation report knows about the finding's account beyond its id. */
export interface OcsfAccountContext {
  accounts: AccountDirectory;
  organizationId: string | null;
}

/** The finding's account (its own, not the report's) and, when known, its organisation and OU. */
function ocsfCloud(finding: Finding, region: string | undefined, context?: OcsfAccountContext): OcsfDetectionFinding["cloud"] {
  const name = context?.accounts.name(finding.accountId) ?? "";
  const parentId = context?.accounts.parentId(finding.accountId) ?? null;
  // The Organization object needs its uid; a parent that is a root (r-...) is not an OU.
  const org = context?.organizationId
    ? { uid: context.organizationId, ...(isOrganizationalUnitId(parentId) ? { ou_uid: parentId } : {}) }
    : undefined;
  return {
    provider: "AWS",
    account: { uid: finding.accountId, ...(name ? { name } : {}), type_id: 10, type: "AWS Account" },
    ...(org ? { org } : {}),
    ...(region ? { region } : {}),
  };
}

export function toOcsf(finding: Finding, result: ScanResult, context?: OcsfAccountContext): OcsfDetectionFinding {
  const time = Date.parse(result.finishedAt);
  const severity = SEVERITY_IDS[finding.severity];
  const region = finding.resource.region === "global" ? undefined : finding.resource.region;
  const standards = FRAMEWORK_KEYS.filter((key) => (finding.frameworks[key] ?? []).length > 0).map((key) => FRAMEWORK_NAMES[key]);
  const requirements = frameworkIds(finding.frameworks);
  return {
    activity_id: 1,
    activity_name: "Create",
    category_uid: 2,
    category_name: "Findings",
    class_uid: 2004,
    class_name: "Detection Finding",
    type_uid: 200401,
    type_name: "Detection Finding: Create",
    severity_id: severity.id,
    severity: severity.name,
    status_id: finding.suppressed ? 3 : 1,
    status: finding.suppressed ? "Suppressed" : "New",
    ...(finding.suppressed ? { status_detail: finding.suppressed.reason } : {}),
    time,
    message: finding.message,
    is_alert: !finding.suppressed,
    metadata: {
      version: OCSF_SCHEMA_VERSION,
      uid: `${result.scanId}/${finding.checkId}/${finding.resource.arn}`,
      event_code: finding.checkId,
      product: { name: result.tool.name, vendor_name: result.tool.name, version: result.tool.version },
    },
    finding_info: {
      // Stable across scans so that a lake can follow one finding over time.
      uid: `${result.tool.name}/${finding.checkId}/${finding.resource.arn}`,
      title: findingHeadline(finding),
      desc: `${finding.message} Control: ${finding.title}.`,
      types: ["Software and Configuration Checks", `${finding.layer} layer`, `${finding.phase} phase`],
      created_time: time,
      analytic: { uid: finding.checkId, name: finding.title, type_id: 1, type: "Rule" },
    },
    resources: [
      {
        uid: finding.resource.arn,
        name: finding.resource.name,
        type: RESOURCE_TYPE_NAMES[finding.resource.type],
        ...(region ? { region } : {}),
        cloud_partition: result.partition,
        data: { evidence: finding.evidence },
      },
    ],
    remediation: { desc: finding.remediation, references: [remediationUrl(finding.checkId)] },
    cloud: ocsfCloud(finding, region, context),
    ...(requirements.length > 0
      ? { compliance: { standards, requirements, control: finding.checkId, status_id: 3 as const, status: "Fail" as const } }
      : {}),
    unmapped: {
      reason: finding.reason,
      layer: finding.layer,
      phase: finding.phase,
      function_arns: finding.functionArns,
      ...(context?.accounts.parentId(finding.accountId) ? { account_parent_id: context.accounts.parentId(finding.accountId) } : {}),
      ...(finding.suppressed?.expires ? { suppression_expires: finding.suppressed.expires } : {}),
    },
  };
}

/**
 * Every failed finding as an OCSF Detection Finding; suppressed ones carry status Suppressed. With
 * an organisation, each names its own account, the account's name and its OU.
 */
export function renderOcsf(result: ScanResult, organization?: OrganizationResult): OcsfDetectionFinding[] {
  const context = organization ? { accounts: new AccountDirectory(organization), organizationId: organization.organization?.id ?? null } : undefined;
  return expandedFindings(result, (finding) => finding.status === "fail").map((finding) => toOcsf(finding, result, context));
}

export const ocsfReporter: Reporter = {
  format: "ocsf",
  extension: "ocsf.json",
  description: "OCSF 1.3 Detection Finding (class 2004) records, one per failed finding, as a JSON array",
  binary: false,
  render: ({ result, organization }) => `${JSON.stringify(renderOcsf(result, organization), null, 2)}\n`,
};
