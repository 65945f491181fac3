import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { POSSIBLE_SECRET_THRESHOLDS, SECRET_KINDS } from "../../src/snapshot/secrets.js";

const docs = readFileSync(join(import.meta.dirname, "..", "..", "docs", "secrets.md"), "utf8");

describe("docs/secrets.md", () => {
  it.each(Object.keys(SECRET_KINDS))("lists the kind %s", (kind) => {
    expect(docs).toContain(`| \`${kind}\` |`);
  });

  it("states the entropy rule's thresholds", () => {
    const t = POSSIBLE_SECRET_THRESHOLDS;
    expect(docs).toContain(`| length | ${t.minLength} to ${t.maxLength} characters |`);
    expect(docs).toContain(`≥ ${t.minEntropy} bits per character`);
    expect(docs).toContain(`≥ ${t.minClasses} |`);
    expect(docs).toContain(`≤ ${t.maxMeanRun}, or ≤ ${t.maxMeanRunOneCase} when the letters are all one case`);
    expect(docs).toContain(`< ${t.minWordShareOfName} |`);
  });
});
