/**
 * Writes docs/checks.md from the check metadata: `npm run docs` (tsc, then this script).
 * test/checks/index.test.ts fails when the checked-in file differs from what this writes.
 */
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { ALL_CHECKS } from "../checks/index.js";
import { packageRoot } from "../src/package-info.js";
import { renderChecksDoc } from "./generate-checks-doc.js";

const target = join(packageRoot, "docs", "checks.md");
writeFileSync(target, renderChecksDoc(ALL_CHECKS));
process.stdout.write(`wrote ${target}\n`);
