import type { Reporter } from "./types.js";

export const jsonReporter: Reporter = {
  format: "json",
  extension: "json",
  description: "The complete scan result (DESIGN section 5): every finding, scores, gaps, compliance view",
  binary: false,
  render: ({ result }) => `${JSON.stringify(result, null, 2)}\n`,
};
