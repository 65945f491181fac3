import { FRAMEWORK_NAMES } from "../data/frameworks.js";
import type { Severity } from "../engine/check.js";
import { expandedFindings } from "../engine/result-index.js";
import type { Finding, ScanResult } from "../engine/result-schema.js";
import { FRAMEWORK_KEYS, frameworkIds } from "./finding-fields.js";
import type { Reporter } from "./types.js";

/**
 * OCSF Detection Finding (class 2004, category Findings) records, one per failed finding.
 * Schema: https://schema.ocsf.io/1.3.0/classes/detection_finding
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
  remediation: { desc: string };
  cloud: { provider: "AWS"; account: { uid: string; type_id: 10; type: "AWS Account" }; region?: string };
  compliance?: { standards: string[]; requirements: string[]; control: string; status_id: 3; status: "Fail" };
  unmapped: Record<string, unknown>;
}

export function toOcsf(finding: Finding, result: ScanResult): OcsfDetectionFinding {
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
      title: finding.title,
      desc: finding.message,
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
    remediation: { desc: finding.remediation },
    cloud: { provider: "AWS", account: { uid: result.accountId, type_id: 10, type: "AWS Account" }, ...(region ? { region } : {}) },
    ...(requirements.length > 0
      ? { compliance: { standards, requirements, control: finding.checkId, status_id: 3 as const, status: "Fail" as const } }
      : {}),
    unmapped: {
      reason: finding.reason,
      layer: finding.layer,
      phase: finding.phase,
      function_arns: finding.functionArns,
      ...(finding.suppressed?.expires ? { suppression_expires: finding.suppressed.expires } : {}),
    },
  };
}

/** Every failed finding as an OCSF Detection Finding; suppressed ones carry status Suppressed. */
export function renderOcsf(result: ScanResult): OcsfDetectionFinding[] {
  return expandedFindings(result, (finding) => finding.status === "fail").map((finding) => toOcsf(finding, result));
}

export const ocsfReporter: Reporter = {
  format: "ocsf",
  extension: "ocsf.json",
  description: "OCSF 1.3 Detection Finding (class 2004) records, one per failed finding, as a JSON array",
  binary: false,
  render: ({ result }) => `${JSON.stringify(renderOcsf(result), null, 2)}\n`,
};
