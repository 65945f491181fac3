/**
 * docs/html-report.png: the demo account's HTML report as a reader first sees it, in a headless
 * Chromium (Debian's `chromium`, or LAMBDA_POSTURE_CHROMIUM) through playwright-core.
 * `npm run screenshot` builds, writes the demo's HTML to a temporary directory with the real CLI, and
 * replaces docs/html-report.png (the only file it writes outside that directory).
 */
import { execFileSync } from "node:child_process";
import { existsSync } from "node:fs";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { chromium } from "playwright-core";
import { packageRoot } from "../src/package-info.js";

const CHROMIUM = process.env.LAMBDA_POSTURE_CHROMIUM ?? "/usr/bin/chromium";
const OUTPUT = join(packageRoot, "docs", "html-report.png");
const VIEWPORT = { width: 1400, height: 1000 };

async function main(): Promise<void> {
  if (!existsSync(CHROMIUM)) throw new Error(`${CHROMIUM} not found: install Debian's chromium or set LAMBDA_POSTURE_CHROMIUM`);
  const dir = await mkdtemp(join(tmpdir(), "lambda-posture-screenshot-"));
  try {
    const cli = join(packageRoot, "dist", "src", "cli", "main.js");
    execFileSync(process.execPath, [cli, "demo", "--format", "html", "--output-dir", dir, "--quiet"], { stdio: "inherit", timeout: 60_000 });
    const browser = await chromium.launch({ executablePath: CHROMIUM, args: ["--no-sandbox"], timeout: 60_000 });
    try {
      const page = await browser.newPage({ viewport: VIEWPORT, deviceScaleFactor: 1 });
      await page.goto(pathToFileURL(join(dir, "lambda-posture.html")).href, { waitUntil: "load", timeout: 60_000 });
      await page.screenshot({ path: OUTPUT, fullPage: false, timeout: 60_000 });
    } finally {
      await browser.close();
    }
    console.log(`wrote ${OUTPUT}`);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

main().catch((error: unknown) => {
  console.error(`screenshot: ${error instanceof Error ? error.message : String(error)}`);
  process.exitCode = 1;
});
