import { asffReporter } from "./asff.js";
import { csvReporter } from "./csv.js";
import { htmlReporter } from "./html.js";
import { jsonReporter } from "./json.js";
import { markdownReporter } from "./markdown.js";
import { ocsfReporter } from "./ocsf.js";
import { terminalReporter } from "./terminal.js";
import { xlsxReporter } from "./xlsx.js";
import type { Reporter } from "./types.js";

/** Every output format, by name. Register a reporter here to make `--format NAME` accept it. */
export const REPORTERS: readonly Reporter[] = Object.freeze([
  terminalReporter,
  jsonReporter,
  csvReporter,
  xlsxReporter,
  htmlReporter,
  markdownReporter,
  ocsfReporter,
  asffReporter,
]);

export function reporterFor(format: string): Reporter | undefined {
  return REPORTERS.find((reporter) => reporter.format === format);
}
