import type { OrganizationResult } from "../engine/organization.js";
import { toResultDocument, type ScanResultDocument } from "../engine/result-document.js";
import type { ScanResult } from "../engine/result-schema.js";
import type { Reporter } from "./types.js";

/**
 * Arrays that grow with the account (or the organisation): one element per line, so large results
 * stream and diff well. `accounts` exists only in an organisation result.
 */
const LARGE_ARRAYS = new Set<string>(["functions", "resources", "findings", "compactFindings", "accounts", "gaps"]);

const indent = (text: string, prefix: string) => text.replace(/\n/g, `\n${prefix}`);

/**
 * A document as JSON, in pieces. Small members are pretty-printed; each function, account, resource,
 * finding, compact finding group and gap is one compact line. The text parses to exactly the document.
 */
export function* jsonChunks(result: ScanResultDocument | OrganizationResult): Generator<string> {
  const entries = Object.entries(result);
  yield "{\n";
  for (const [index, [key, value]] of entries.entries()) {
    const comma = index < entries.length - 1 ? "," : "";
    if (LARGE_ARRAYS.has(key) && Array.isArray(value)) {
      if (value.length === 0) {
        yield `  ${JSON.stringify(key)}: []${comma}\n`;
        continue;
      }
      yield `  ${JSON.stringify(key)}: [\n`;
      // Unindented: at 10,000 functions, four spaces a line would be 1.5 MB of the file.
      for (let i = 0; i < value.length; i += 1) yield `${JSON.stringify(value[i])}${i < value.length - 1 ? "," : ""}\n`;
      yield `  ]${comma}\n`;
    } else {
      yield `  ${JSON.stringify(key)}: ${indent(JSON.stringify(value, null, 2), "  ")}${comma}\n`;
    }
  }
  yield "}\n";
}

/** A scan result as its JSON document (schemaVersion 3: passed and not-applicable findings grouped). */
export function scanResultJsonChunks(result: ScanResult): Generator<string> {
  return jsonChunks(toResultDocument(result));
}

export const jsonReporter: Reporter = {
  format: "json",
  extension: "json",
  description: "The complete scan result (DESIGN section 5): every finding, scores, gaps, compliance view",
  binary: false,
  // An organisation report writes the organisation result itself (kind lambda-posture-organization),
  // not the view the other reporters read: `merge` and other tools read it back.
  render: ({ result, organization }) => [...(organization ? jsonChunks(organization) : scanResultJsonChunks(result))].join(""),
  stream: ({ result, organization }) => (organization ? jsonChunks(organization) : scanResultJsonChunks(result)),
};
