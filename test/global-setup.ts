import { execFileSync } from "node:child_process";
import { existsSync } from "node:fs";
import { join } from "node:path";

/**
 * Tests that spawn the CLI run the compiled JavaScript, as users do. Build once per test run.
 * Type errors are reported by `npm test`'s own `tsc --noEmit` step; here only the output matters.
 */
export default function setup(): void {
  const root = join(import.meta.dirname, "..");
  try {
    execFileSync(process.execPath, [join(root, "node_modules", "typescript", "bin", "tsc"), "-p", join(root, "tsconfig.json")], {
      cwd: root,
      stdio: "pipe",
    });
  } catch (error) {
    // tsc still emits when only types are wrong; the CLI file below is what the tests need.
    if (!existsSync(join(root, "dist", "src", "cli", "main.js"))) throw error;
  }
}
