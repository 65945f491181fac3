import { csvReporter } from "./csv.js";
import { jsonReporter } from "./json.js";
import { terminalReporter } from "./terminal.js";
import type { Reporter } from "./types.js";

/** Every output format, by name. Register a reporter here to make `--format NAME` accept it. */
export const REPORTERS: readonly Reporter[] = Object.freeze([terminalReporter, jsonReporter, csvReporter]);

export function reporterFor(format: string): Reporter | undefined {
  return REPORTERS.find((reporter) => reporter.format === format);
}
