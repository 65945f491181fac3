import { truncate } from "./finding-fields.js";

/**
 * Evidence as a reviewer reads it: short labelled facts in words (the statement, its principal and
 * actions, the condition that decided, the rule applied) instead of a JSON dump. The raw evidence stays
 * available beside these facts in every format that shows them; these are a reading aid, bounded in
 * number and length so one policy with hundreds of statements cannot flood a report row.
 */

export interface EvidenceFact {
  label: string;
  value: string;
}

const MAX_FACTS = 14;
const MAX_VALUE_LENGTH = 300;
const MAX_LIST_ITEMS = 5;
/** Policy-shaped evidence lists statements; the first few say what decided, the rest are counted. */
const MAX_STATEMENTS = 3;

type Json = Record<string, unknown>;

const isRecord = (value: unknown): value is Json => typeof value === "object" && value !== null && !Array.isArray(value);

export function evidenceFacts(evidence: Record<string, unknown>): EvidenceFact[] {
  const facts: EvidenceFact[] = [];
  const add = (label: string, value: string) => {
    if (facts.length < MAX_FACTS && value !== "") facts.push({ label, value: truncate(value, MAX_VALUE_LENGTH) });
  };
  const rest: [string, unknown][] = [];
  for (const [key, value] of Object.entries(evidence)) {
    switch (key) {
      case "statements":
        addStatements(value, add);
        break;
      case "grantedBy":
        add("Granted by", listText(asArray(value).map(grantText)));
        break;
      case "adminReasons":
        for (const item of asArray(value).filter(isRecord).slice(0, MAX_STATEMENTS)) {
          add("Rule applied", words(String(item.reason)));
          if (isRecord(item.grantedBy)) add("Granted by", grantText(item.grantedBy));
        }
        break;
      case "rule":
        add("Rule applied", isRecord(value) ? String(value.summary ?? value.id ?? "") : scalarText(value));
        if (isRecord(value) && typeof value.source === "string") add("Rule source", value.source);
        break;
      case "gaps":
        add("Missing data", listText(asArray(value).filter(isRecord).map((gap) => `${gap.operation} (${gap.errorCode})${gap.resourceArn ? ` on ${gap.resourceArn}` : ""}`)));
        break;
      case "capabilities":
        add("Actions", listText(asArray(value).filter(isRecord).map((capability) => String(capability.action))));
        break;
      case "paths":
        add("Escalation paths", listText(asArray(value).filter(isRecord).map((path) => String(path.description ?? path.id))));
        break;
      default:
        rest.push([key, value]);
    }
  }
  for (const [key, value] of rest) add(labelOf(key), valueText(value));
  return facts;
}

function addStatements(value: unknown, add: (label: string, value: string) => void): void {
  const statements = asArray(value).filter(isRecord);
  for (const statement of statements.slice(0, MAX_STATEMENTS)) {
    add("Statement", String(statement.statement ?? statement.policy ?? ""));
    if (typeof statement.effect === "string") add("Effect", statement.effect);
    const principals = asArray(statement.principals).filter(isRecord);
    if (principals.length > 0) add("Principal", listText(principals.map((p) => `${p.principal}${p.classification ? ` (${words(String(p.classification))})` : ""}`)));
    const actions = statement.actions;
    if (isRecord(actions)) add(actions.kind === "NotAction" ? "Every action except" : "Actions", listText(asArray(actions.patterns).map(String)));
    else if (Array.isArray(statement.notActions)) add("Every action except", listText(statement.notActions.map(String)));
    if (Array.isArray(statement.decidingConditions)) {
      add("Deciding condition", statement.decidingConditions.length === 0 ? "none: the statement applies unconditionally" : listText(statement.decidingConditions.map(String)));
    }
    if (typeof statement.reason === "string") add("Rule applied", `${words(String(statement.classification ?? ""))}: ${words(statement.reason)}`);
    if (Array.isArray(statement.resources)) add("Resources", listText(statement.resources.map(String)));
  }
  if (statements.length > MAX_STATEMENTS) add("More statements", `${statements.length - MAX_STATEMENTS} more in the raw evidence`);
}

function grantText(grant: unknown): string {
  if (!isRecord(grant)) return scalarText(grant);
  const resources = Array.isArray(grant.resources) ? ` on ${listText(grant.resources.map(String))}` : "";
  return `${grant.statement ?? grant.policy}${resources}${grant.conditional === true ? " (with conditions)" : ""}`;
}

function valueText(value: unknown): string {
  if (Array.isArray(value)) {
    if (value.length === 0) return "none";
    return listText(value.map((item) => (isRecord(item) ? recordText(item) : scalarText(item))));
  }
  return isRecord(value) ? recordText(value) : scalarText(value);
}

/** A nested object in one line: its scalar fields as `key value`, nested structure left to the raw JSON. */
function recordText(record: Json): string {
  return Object.entries(record)
    .filter(([, value]) => !isRecord(value) && !Array.isArray(value))
    .map(([key, value]) => `${words(key)} ${scalarText(value)}`)
    .join(", ");
}

function scalarText(value: unknown): string {
  if (value === null || value === undefined) return "none";
  if (typeof value === "boolean") return value ? "yes" : "no";
  return String(value);
}

function listText(items: readonly string[]): string {
  if (items.length === 0) return "none";
  const shown = items.slice(0, MAX_LIST_ITEMS).join(", ");
  return items.length > MAX_LIST_ITEMS ? `${shown} and ${items.length - MAX_LIST_ITEMS} more` : shown;
}

function asArray(value: unknown): unknown[] {
  return Array.isArray(value) ? value : value === undefined || value === null ? [] : [value];
}

/** `url.cors.allowOrigins` → `URL CORS allow origins`; `retentionInDays` → `Retention in days`. */
function labelOf(key: string): string {
  const text = words(key.replaceAll(".", " "));
  return text.charAt(0).toUpperCase() + text.slice(1);
}

const ACRONYMS = new Set(["url", "arn", "api", "id", "kms", "vpc", "az", "cors", "dlq", "esm", "iam", "waf", "os"]);

function words(identifier: string): string {
  return identifier
    .replace(/([a-z0-9])([A-Z])/g, "$1 $2")
    .split(/[\s_-]+/)
    .filter((word) => word !== "")
    .map((word) => (ACRONYMS.has(word.toLowerCase()) ? word.toUpperCase() : word.toLowerCase()))
    .join(" ");
}
