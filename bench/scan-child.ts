import { writeFile } from "node:fs/promises";
import { ALL_CHECKS } from "../checks/index.js";
import { collectSnapshot } from "../src/collect/index.js";
import { evaluateSnapshot } from "../src/engine/evaluate.js";
import { prepareRolePermissionAnalysis } from "../src/engine/lookups/role-permissions.js";
import { defaultCheckSettings } from "../src/engine/settings.js";

/**
 * Stand-in for `lambda-posture scan --regions R --format json --output FILE` while the CLI has no
 * `scan` command: the same library calls (collect, then the engine) in a child process configured by
 * the environment only. Usage: node dist/bench/scan-child.js REGIONS OUTPUT_FILE
 */
const [regions = "", output = ""] = process.argv.slice(2);
try {
  const { snapshot } = await collectSnapshot({ regions: regions.split(",") });
  await prepareRolePermissionAnalysis();
  const result = evaluateSnapshot(snapshot, { checks: ALL_CHECKS, settings: defaultCheckSettings });
  await writeFile(output, JSON.stringify(result), { mode: 0o600 });
} catch (error) {
  process.stderr.write(`scan-child: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exitCode = 3;
}
