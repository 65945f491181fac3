import { existsSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { chromium, type BrowserContext, type Page } from "playwright-core";
import { afterAll, beforeAll } from "vitest";
import type { OrganizationResult } from "../../src/engine/organization.js";
import type { ScanResult } from "../../src/engine/result-schema.js";
import { renderHtml } from "../../src/report/html.js";
import type { TrendPoint } from "../../src/report/types.js";
import { ROOT } from "../support/cli.js";

/**
 * A real headless Chromium (Debian's `chromium` package; .ci/run installs it) for the HTML report's
 * tests: each page is written to a file and opened offline, with every request, console error,
 * script error and dialog recorded.
 */
const CHROMIUM = process.env.LAMBDA_POSTURE_CHROMIUM ?? "/usr/bin/chromium";
const ARGS = [
  "--headless",
  "--no-sandbox",
  "--disable-gpu",
  "--disable-quic",
  "--no-first-run",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
];
export const OUTPUT_DIR = join(ROOT, "test-output");
/** Rows of findings the page shows at once (html-client.ts PAGE). */
export const PAGE = 100;

export interface LoadedPage {
  page: Page;
  url: string;
  requests: string[];
  problems: string[];
}

export interface ReportBrowser {
  load(result: ScanResult, name: string, organization?: OrganizationResult, width?: number, history?: readonly TrendPoint[]): Promise<LoadedPage>;
  close(): Promise<void>;
}

/**
 * One browser for the calling describe block, opened before its tests and closed after them; the
 * returned `load` renders and opens a report in it.
 */
export function useReportBrowser(): ReportBrowser["load"] {
  let browser: ReportBrowser | undefined;
  beforeAll(async () => {
    browser = await openReportBrowser();
  });
  afterAll(async () => {
    await browser?.close();
  });
  return (...args) => (browser as ReportBrowser).load(...args);
}

export async function openReportBrowser(): Promise<ReportBrowser> {
  if (!existsSync(CHROMIUM)) {
    throw new Error(`${CHROMIUM} not found: install Debian's chromium (apt-get install -y chromium) or set LAMBDA_POSTURE_CHROMIUM`);
  }
  const workDir = mkdtempSync(join(tmpdir(), "lp-html-"));
  // launchPersistentContext gives the browser a fresh --user-data-dir of our own.
  const context: BrowserContext = await chromium.launchPersistentContext(join(workDir, "profile"), {
    executablePath: CHROMIUM,
    headless: true,
    args: ARGS,
    viewport: { width: 1366, height: 900 },
    offline: true,
  });
  return {
    async load(result, name, organization, width = 1366, history) {
      const file = join(workDir, `${name}.html`);
      writeFileSync(file, renderHtml(result, organization, history));
      const url = pathToFileURL(file).href;
      const page = await context.newPage();
      await page.setViewportSize({ width, height: 900 });
      const requests: string[] = [];
      const problems: string[] = [];
      page.on("request", (request) => requests.push(request.url()));
      page.on("console", (message) => {
        if (message.type() === "error" || message.type() === "warning") problems.push(`console ${message.type()}: ${message.text()}`);
      });
      page.on("pageerror", (error) => problems.push(`page error: ${error.message}`));
      page.on("dialog", async (dialog) => {
        problems.push(`dialog opened (script injection): ${dialog.message()}`);
        await dialog.dismiss();
      });
      await page.goto(url, { waitUntil: "load" });
      await page.waitForSelector("#findings tbody tr");
      await page.waitForSelector("#f-count[data-matched]");
      return { page, url, requests, problems };
    },
    async close() {
      await context.close();
      rmSync(workDir, { recursive: true, force: true });
    },
  };
}

export const visibleRows = (page: Page) => page.locator("#findings tbody tr.finding");
/** How many results match the filters, as the page counted them. */
export const matched = async (page: Page) => Number(await page.locator("#f-count").getAttribute("data-matched"));
