import { LAYERS, PHASES, SEVERITIES, STATUSES, type Severity } from "../engine/check.js";
import { GRADE_BANDS, gradeCapNote } from "../engine/score.js";
import type { OrganizationResult } from "../engine/organization.js";
import type { ResultFinding, ResultResource, ScanResult } from "../engine/result-schema.js";
import { AccountDirectory } from "./accounts.js";
import { evidenceFacts } from "./evidence-facts.js";
import { compareFunctionsWorstFirst, findingHeadline, frameworkIds, remediationUrl } from "./finding-fields.js";
import { relativeLink } from "./html-accounts.js";

/**
 * The data an HTML report's script renders, as compact JSON. A 10,000-function result has half a
 * million findings; spelled out one object each the page was over 100 MB and took a minute to open.
 * Here every repeated string is stored once in a table (checks, resources, regions, reasons,
 * headlines, evidence) and findings are grouped by what they share: a group is one check, status,
 * reason, headline and suppression with the list of its resources (ascending index deltas) and, for
 * failed and unknown results, each one's evidence index. The script expands it into typed arrays.
 *
 * Resources are numbered in report order (account, name, ARN) and groups come most urgent first, so
 * the data's own order is the table's default order and every sort is by an integer rank.
 */

/** Status order of the findings table: what to act on first, then what was decided either way. */
export const HTML_STATUS_ORDER = ["fail", "unknown", "pass", "not_applicable"] as const satisfies readonly (typeof STATUSES)[number][];

/**
 * A group: check, status (index into HTML_STATUS_ORDER), reason, headline, suppression (-1: none),
 * resource indices as deltas, and evidence indices + 1 (0: none) as deltas (empty when none has
 * any); both as `vlq` text.
 */
export type HtmlGroup = [number, number, number, number, number, string, string];

/**
 * Integers as text, 5 bits a character with a continuation bit (the VLQ of source maps), zigzag for
 * the sign: the deltas of half a million findings are mostly below 16, one character each instead
 * of a number and a comma in a JSON array, and a string parses faster than an array.
 */
export const VLQ_DIGITS = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

export function vlq(values: readonly number[]): string {
  let out = "";
  for (const value of values) {
    let rest = value < 0 ? -value * 2 + 1 : value * 2;
    do {
      let digit = rest & 31;
      rest = Math.floor(rest / 32);
      if (rest > 0) digit |= 32;
      out += VLQ_DIGITS[digit];
    } while (rest > 0);
  }
  return out;
}

/** A function row: resource index, runtime, overall/provider/customer/shared scores, grade, failed, unknown, grade note (-1: none). */
export type HtmlFunctionRow = [number, string, number | null, number | null, number | null, number | null, string | null, number, number, number];

/** An object stored as its shape (index into a table of key lists) then its values: `{a: 1, b: 2}` is `[k, 1, 2]`. */
export type HtmlShaped = [number, ...unknown[]];

export interface HtmlReportData {
  /** Report kind: "account" or "organization" (an account column and filter). */
  kind: "account" | "organization";
  checks: Array<[string, string, number, number, number, string, string, string[]]>;
  regions: string[];
  types: string[];
  /** Account id, account name, relative link to the account's own HTML report ("" when none). */
  accounts: Array<[string, string, string]>;
  /**
   * Per resource: name, ARN, region index, type index, account index. The ARN is an index into
   * `arnPrefixes` when it is that prefix followed by the name (nearly always), else the ARN itself.
   */
  resources: Array<[string, number | string, number, number, number]>;
  arnPrefixes: string[];
  reasons: string[];
  headlines: string[];
  /**
   * Evidence objects (shaped by `evidenceKeys`), and the same evidence as labelled facts (shaped by
   * `factLabels`; a number is the index of the evidence value the fact shows, text as in the evidence).
   */
  evidence: HtmlShaped[];
  evidenceKeys: string[][];
  facts: HtmlShaped[];
  factLabels: string[][];
  suppressions: Array<[string, string]>;
  groups: HtmlGroup[];
  /** Worst first. */
  functions: HtmlFunctionRow[];
  /** Grade notes (why a grade is below its score's band), referenced by function rows (-1: none). */
  gradeNotes: string[];
  /** Counts of the data, for the page's "n of N" line. */
  total: number;
  /** Grade bands (grade, lowest score), for the heat colours of the function table. */
  bands: Array<[string, number]>;
}

/** Strings stored once, referred to by index, in first-seen order. */
class Table<T = string> {
  readonly values: T[] = [];
  private readonly index = new Map<string, number>();
  constructor(private readonly key: (value: T) => string = String) {}
  add(value: T): number {
    const key = this.key(value);
    let found = this.index.get(key);
    if (found === undefined) {
      found = this.values.length;
      this.values.push(value);
      this.index.set(key, found);
    }
    return found;
  }
}

const byText = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/** Strings sorted, so that an index compares as the string does (sorting by headline is by index). */
function sortedTable(values: Iterable<string>): { values: string[]; index: Map<string, number> } {
  const sorted = [...new Set(values)].sort(byText);
  return { values: sorted, index: new Map(sorted.map((value, i) => [value, i])) };
}

/**
 * The evidence as labelled facts. Most facts show one of the evidence's own values unchanged: such a
 * value is stored as the number of that evidence value (facts' values are otherwise always text).
 */
function factsReferringToEvidence(evidence: Record<string, unknown>): Array<readonly [string, string | number]> {
  const values = Object.values(evidence).map((value) => (typeof value === "string" ? value : JSON.stringify(value)));
  return evidenceFacts(evidence).map((fact) => {
    const at = values.indexOf(fact.value);
    return [fact.label, at >= 0 && fact.value.length > String(at).length ? at : fact.value] as const;
  });
}

/** Objects stored as shape + values; the shapes (key lists) once each. */
class Shapes {
  readonly keys = new Table<string[]>((keys) => JSON.stringify(keys));
  shape(entries: ReadonlyArray<readonly [string, unknown]>): HtmlShaped {
    return [this.keys.add(entries.map(([key]) => key)), ...entries.map(([, value]) => value)];
  }
}

/**
 * The findings' resources and the functions (a function without findings still has a row), in report
 * order: account, name, ARN. Returns the rows and the new index of each result resource.
 */
function resourceTable(result: ScanResult, accountIndex: ReadonlyMap<string, number>, regions: ReadonlyMap<string, number>, types: ReadonlyMap<string, number>) {
  const all: Array<Pick<ResultResource, "arn" | "name" | "region" | "type"> & { account: number }> = result.resources.map((r) => ({ ...r, account: accountIndex.get(r.accountId ?? result.accountId) ?? 0 }));
  const known = new Set(result.resources.map((r) => r.arn));
  for (const fn of result.functions) {
    if (!known.has(fn.arn)) all.push({ arn: fn.arn, name: fn.name, region: fn.region, type: "function", account: accountIndex.get(result.accountId) ?? 0 });
  }
  const sorted = all.map((_, i) => i).sort((a, b) => {
    const ra = all[a]!;
    const rb = all[b]!;
    return ra.account - rb.account || byText(ra.name.toLowerCase(), rb.name.toLowerCase()) || byText(ra.arn, rb.arn);
  });
  const order = new Int32Array(all.length);
  sorted.forEach((original, position) => (order[original] = position));
  const prefixes = new Table();
  const rows = sorted.map((i): [string, number | string, number, number, number] => {
    const r = all[i]!;
    const arn = r.arn.endsWith(r.name) && r.name.length > 0 ? prefixes.add(r.arn.slice(0, r.arn.length - r.name.length)) : r.arn;
    return [r.name, arn, regions.get(r.region)!, types.get(r.type)!, r.account];
  });
  const byArn = new Map<string, number>();
  all.forEach((r, i) => {
    if (r.type === "function" && !byArn.has(r.arn)) byArn.set(r.arn, order[i]!);
  });
  return { rows, order, prefixes: prefixes.values, functionIndex: byArn };
}

export function htmlReportData(result: ScanResult, organization?: OrganizationResult): HtmlReportData {
  const directory = new AccountDirectory(organization);
  const checks = [...result.checks].sort((a, b) => byText(a.id, b.id));
  const checkIndex = new Map(checks.map((check, i) => [check.id, i]));

  // Accounts: the organisation's, in id order; or the one account.
  const accountIds = organization
    ? [...new Set([...organization.accounts.map((entry) => entry.accountId), ...result.resources.map((r) => r.accountId ?? result.accountId)])].sort(byText)
    : [result.accountId];
  const accountIndex = new Map(accountIds.map((id, i) => [id, i]));
  const accounts = accountIds.map((id): [string, string, string] => [id, directory.name(id), relativeLink(directory.entry(id)?.files.html)]);

  const regions = sortedTable([...result.resources.map((r) => r.region), ...result.functions.map((fn) => fn.region)]);
  const types = sortedTable([...result.resources.map((r) => r.type), ...(result.functions.length > 0 ? ["function"] : [])]);
  const resources = resourceTable(result, accountIndex, regions.index, types.index);

  // Headlines and reasons, sorted so their index is their sort rank.
  const headlineOf = (finding: ResultFinding) => findingHeadline({ status: finding.status, message: finding.message ?? "", title: checks[checkIndex.get(finding.checkId)!]!.title });
  const headlines = sortedTable(result.findings.map(headlineOf));
  const reasons = sortedTable(result.findings.map((finding) => finding.reason));
  const evidenceIndex = new Map<string, number>();
  const evidence: HtmlShaped[] = [];
  const facts: HtmlShaped[] = [];
  const evidenceShapes = new Shapes();
  const factShapes = new Shapes();
  const suppressions = new Table<[string, string]>((s) => JSON.stringify(s));

  interface Open {
    key: [number, number, number, number, number];
    resources: number[];
    evidence: number[];
  }
  const groups = new Map<string, Open>();
  for (const finding of result.findings) {
    const status = HTML_STATUS_ORDER.indexOf(finding.status);
    const suppression = finding.suppressed ? suppressions.add([finding.suppressed.reason, finding.suppressed.expires ?? ""]) : -1;
    const key: Open["key"] = [checkIndex.get(finding.checkId)!, status, reasons.index.get(finding.reason)!, headlines.index.get(headlineOf(finding))!, suppression];
    const id = key.join(",");
    let group = groups.get(id);
    if (!group) groups.set(id, (group = { key, resources: [], evidence: [] }));
    group.resources.push(resources.order[finding.resource]!);
    let index = -1;
    if (finding.evidence && Object.keys(finding.evidence).length > 0) {
      const raw = JSON.stringify(finding.evidence);
      index = evidenceIndex.get(raw) ?? -1;
      if (index < 0) {
        index = evidence.length;
        evidenceIndex.set(raw, index);
        evidence.push(evidenceShapes.shape(Object.entries(finding.evidence)));
        facts.push(factShapes.shape(factsReferringToEvidence(finding.evidence)));
      }
    }
    group.evidence.push(index);
  }

  // Most urgent first: open before suppressed, then status, severity, check, reason, headline.
  const severityOf = (check: number) => SEVERITIES.indexOf(checks[check]!.severity as Severity);
  const sortedGroups = [...groups.values()].sort((a, b) => {
    const [ca, sa, ra, ha, xa] = a.key;
    const [cb, sb, rb, hb, xb] = b.key;
    return Number(xa >= 0) - Number(xb >= 0) || sa - sb || severityOf(ca) - severityOf(cb) || ca - cb || ra - rb || ha - hb || xa - xb;
  });
  const encoded = sortedGroups.map((group): HtmlGroup => {
    const pairs = group.resources.map((resource, i) => [resource, group.evidence[i]!] as const).sort((a, b) => a[0] - b[0]);
    let previous = 0;
    const deltas = pairs.map(([resource]) => {
      const delta = resource - previous;
      previous = resource;
      return delta;
    });
    // Evidence indices + 1 (0: none) as deltas: within a group they mostly grow.
    let last = 0;
    const evidenceIndices = pairs.some(([, e]) => e >= 0)
      ? pairs.map(([, e]) => {
          const delta = e + 1 - last;
          last = e + 1;
          return delta;
        })
      : [];
    return [...group.key, vlq(deltas), vlq(evidenceIndices)];
  });

  const gradeNotes = new Table();
  const functions = [...result.functions].sort((a, b) => compareFunctionsWorstFirst(a, b)).map((fn): HtmlFunctionRow => {
    const note = gradeCapNote(fn.scores.overall, fn.grade);
    return [
      resources.functionIndex.get(fn.arn)!,
      fn.runtime ?? "container image",
      fn.scores.overall,
      fn.scores.provider,
      fn.scores.customer,
      fn.scores.shared,
      fn.grade,
      fn.counts.failed,
      fn.counts.unknown,
      note === null ? -1 : gradeNotes.add(note),
    ];
  });

  return {
    kind: organization ? "organization" : "account",
    checks: checks.map((check) => [
      check.id,
      check.title,
      SEVERITIES.indexOf(check.severity),
      LAYERS.indexOf(check.layer),
      PHASES.indexOf(check.phase),
      check.remediation,
      remediationUrl(check.id),
      frameworkIds(check.frameworks),
    ]),
    regions: regions.values,
    types: types.values,
    accounts,
    resources: resources.rows,
    arnPrefixes: resources.prefixes,
    reasons: reasons.values,
    headlines: headlines.values,
    evidence,
    evidenceKeys: evidenceShapes.keys.values,
    facts,
    factLabels: factShapes.keys.values,
    suppressions: suppressions.values,
    groups: encoded,
    functions,
    gradeNotes: gradeNotes.values,
    total: result.findings.length,
    bands: GRADE_BANDS.map((band) => [band.grade, band.minimumScore]),
  };
}
