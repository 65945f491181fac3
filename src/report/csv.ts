import { stringify } from "csv-stringify/sync";
import type { OrganizationResult } from "../engine/organization.js";
import { AccountDirectory } from "./accounts.js";
import { neutraliseCsvCell } from "./cells.js";
import { evidenceText, findingHeadline, frameworkIds, remediationUrl } from "./finding-fields.js";
import { ResultIndex } from "../engine/result-index.js";
import type { ScanResult } from "../engine/result-schema.js";
import type { Reporter } from "./types.js";

export const CSV_COLUMNS = [
  "severity",
  "status",
  // What is wrong (the message) for failed and unknown rows, the control title otherwise: a row read
  // alone in a spreadsheet must not say "fail | <the desired state>".
  "finding",
  "check",
  "title",
  "function",
  "resource_type",
  "resource_arn",
  "region",
  "layer",
  "phase",
  "reason",
  "message",
  "evidence",
  "remediation",
  "frameworks",
  "suppression",
  // Appended (not inserted) so that scripts reading columns by position keep working; present in
  // single-account reports too, so the CSVs of several accounts concatenate into one sheet.
  "account_id",
  "account_name",
  "remediation_url",
] as const;

/**
 * RFC 4180: comma-separated, CRLF line ends, quotes doubled, one row per finding. Opens cleanly in
 * LibreOffice and Excel (a semicolon CSV does not); every cell is neutralised against formulas.
 */
export const csvReporter: Reporter = {
  format: "csv",
  extension: "csv",
  description: "One row per finding (RFC 4180), for spreadsheets and ticket imports",
  binary: false,
  render: (context) => [...csvChunks(context.result, context.organization)].join(""),
  stream: (context) => csvChunks(context.result, context.organization),
};

const CSV_OPTIONS = { record_delimiter: "windows", quoted_match: /[",\r\n]/ } as const;

/**
 * The CSV in pieces of up to 1,000 rows, each piece RFC 4180 on its own. With an organisation, each
 * row's account name comes from AWS Organizations (empty when not known, and for a single account).
 */
export function* csvChunks(result: ScanResult, organization?: OrganizationResult): Generator<string> {
  yield stringify([[...CSV_COLUMNS]], CSV_OPTIONS);
  const BATCH = 1_000;
  const index = new ResultIndex(result);
  const accounts = new AccountDirectory(organization);
  for (let start = 0; start < result.findings.length; start += BATCH) {
    const rows = result.findings.slice(start, start + BATCH).map((stored) => {
      const finding = index.expand(stored);
      const cells = [
        finding.severity,
        finding.status,
        findingHeadline(finding),
        finding.checkId,
        finding.title,
        finding.resource.name,
        finding.resource.type,
        finding.resource.arn,
        finding.resource.region,
        finding.layer,
        finding.phase,
        finding.reason,
        finding.message,
        evidenceText(finding.evidence).replace(/\n/g, "; "),
        finding.remediation,
        frameworkIds(finding.frameworks).join("; "),
        finding.suppressed
          ? `${finding.status === "fail" ? "accepted risk" : "suppressed"}: ${finding.suppressed.reason}${finding.suppressed.expires ? ` (until ${finding.suppressed.expires})` : ""}`
          : "",
        finding.accountId,
        accounts.name(finding.accountId),
        remediationUrl(finding.checkId),
      ];
      return cells.map(neutraliseCsvCell);
    });
    yield stringify(rows, CSV_OPTIONS);
  }
}
