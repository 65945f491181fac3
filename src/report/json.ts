import type { Finding, ScanResult } from "../engine/result-schema.js";
import type { Reporter } from "./types.js";

/** Arrays that grow with the account: one element per line, so large results stream and diff well. */
const LARGE_ARRAYS = new Set<string>(["functions", "findings"]);

const indent = (text: string, prefix: string) => text.replace(/\n/g, `\n${prefix}`);

/** Members every finding of a check shares; serialised once per check instead of once per finding. */
const CHECK_MEMBERS = ["title", "severity", "layer", "phase", "remediation", "frameworks"] as const;

function findingSerialiser(): (finding: Finding) => string {
  const shared = new Map<string, string>();
  // The engine shares one resource object and one linked-functions array among every result on a
  // resource, so their text is worth keeping too.
  const objects = new WeakMap<object, string>();
  const cachedJson = (value: object) => {
    let text = objects.get(value);
    if (text === undefined) {
      text = JSON.stringify(value);
      objects.set(value, text);
    }
    return text;
  };
  return (finding) => {
    const key = finding.checkId;
    let members = shared.get(key);
    if (members === undefined) {
      members = CHECK_MEMBERS.map((member) => `${JSON.stringify(member)}:${JSON.stringify(finding[member])}`).join(",");
      shared.set(key, members);
    }
    // Member order of the Finding type; `suppressed` only when present, as JSON.stringify would.
    return (
      `{"checkId":${JSON.stringify(finding.checkId)},"status":"${finding.status}","reason":${JSON.stringify(finding.reason)},` +
      `"message":${JSON.stringify(finding.message)},"resource":${cachedJson(finding.resource)},` +
      `"functionArns":${cachedJson(finding.functionArns)},"evidence":${JSON.stringify(finding.evidence)},` +
      `${finding.suppressed === undefined ? "" : `"suppressed":${JSON.stringify(finding.suppressed)},`}${members}}`
    );
  };
}

/**
 * The scan result as JSON, in pieces. Small members are pretty-printed; each function and finding is
 * one compact line. The text parses to exactly the result object.
 */
export function* jsonChunks(result: ScanResult): Generator<string> {
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
      const serialiseFinding = findingSerialiser();
      const serialise = key === "findings" ? (item: unknown) => serialiseFinding(item as Finding) : (item: unknown) => JSON.stringify(item);
      for (let i = 0; i < value.length; i += 1) yield `    ${serialise(value[i])}${i < value.length - 1 ? "," : ""}\n`;
      yield `  ]${comma}\n`;
    } else {
      yield `  ${JSON.stringify(key)}: ${indent(JSON.stringify(value, null, 2), "  ")}${comma}\n`;
    }
  }
  yield "}\n";
}

export const jsonReporter: Reporter = {
  format: "json",
  extension: "json",
  description: "The complete scan result (DESIGN section 5): every finding, scores, gaps, compliance view",
  binary: false,
  render: ({ result }) => [...jsonChunks(result)].join(""),
  stream: ({ result }) => jsonChunks(result),
};
