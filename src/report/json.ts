import type { ScanResult } from "../engine/result-schema.js";
import type { Reporter } from "./types.js";

/** Arrays that grow with the account: one element per line, so large results stream and diff well. */
const LARGE_ARRAYS = new Set<string>(["functions", "resources", "findings", "accounts", "gaps"]);

const indent = (text: string, prefix: string) => text.replace(/\n/g, `\n${prefix}`);

/**
 * The scan result (or the organisation result) as JSON, in pieces. Small members are pretty-printed; each function, resource and
 * finding is one compact line. The text parses to exactly the result object.
 */
export function* jsonChunks(result: ScanResult | object): Generator<string> {
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

export const jsonReporter: Reporter = {
  format: "json",
  extension: "json",
  description: "The complete scan result (DESIGN section 5): every finding, scores, gaps, compliance view",
  binary: false,
  render: ({ result }) => [...jsonChunks(result)].join(""),
  stream: ({ result }) => jsonChunks(result),
};
