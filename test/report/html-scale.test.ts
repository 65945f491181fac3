import { describe, expect, it } from "vitest";
import { join } from "node:path";
import { ALL_CHECKS } from "../../checks/index.js";
import { organizationView } from "../../src/engine/organization.js";
import { expandedFindings } from "../../src/engine/result-index.js";
import { generateSyntheticAccount, syntheticSnapshot } from "../../stub/synthetic.js";
import { evaluateForTest } from "../support/evaluate.js";
import { OUTPUT_DIR, PAGE, useReportBrowser, visibleRows } from "./html-browser.js";
import { fixtureOrganization } from "./organization-results.js";
import { demoScanResult } from "./scan-results.js";

/**
 * The HTML report at the sizes that broke it: a phone's width (360 and 420 px) and a few thousand
 * functions, where the page must keep one page of rows in the DOM and every filter must still reach
 * every finding (the filters run on the data, not on rows).
 */
describe("html report at phone widths and at scale, in headless Chromium", () => {
  const load = useReportBrowser();

  it("fits 360 and 420 px screens: no sideways page scroll, names unbroken, an expanded row readable", async () => {
    const { result } = await demoScanResult();
    const organization = fixtureOrganization();
    for (const [name, page] of [
      ["account", (await load(result, "narrow", undefined, 360)).page],
      ["organisation", (await load(organizationView(organization), "narrow-org", organization, 360)).page],
    ] as const) {
      await page.locator("#findings tbody tr.finding button.expand").first().click();
      await page.locator("#findings tbody tr.detail details summary").first().click();
      for (const width of [360, 420]) {
        await page.setViewportSize({ width, height: 900 });
        const layout = (await page.evaluate(`({
          scrollWidth: document.documentElement.scrollWidth,
          innerWidth: window.innerWidth,
          names: [...new Set([...document.querySelectorAll("td.resource")].map((cell) => getComputedStyle(cell).whiteSpace))],
          detailRight: document.querySelector("tr.detail .detail-box").getBoundingClientRect().right,
        })`)) as { scrollWidth: number; innerWidth: number; names: string[]; detailRight: number };
        expect(layout.innerWidth).toBe(width);
        expect(layout.scrollWidth, `${name} report at ${width} px`).toBeLessThanOrEqual(layout.innerWidth);
        expect(layout.names).toEqual(["nowrap"]);
        expect(layout.detailRight).toBeLessThanOrEqual(width);
        if (name === "account") await page.screenshot({ path: join(OUTPUT_DIR, `html-report-${width}.png`), fullPage: false });
      }
      await page.close();
    }
  });

  it("keeps the DOM to one page of rows at a few thousand functions, and every filter reaches every finding", async () => {
    const account = generateSyntheticAccount({ functions: 2000, regions: ["us-east-1", "eu-west-1", "ap-south-1"], seed: 7 });
    const result = await evaluateForTest(syntheticSnapshot(account, "2026-11-01T00:00:00.000Z"), { checks: ALL_CHECKS });
    const all = expandedFindings(result);
    expect(all.length).toBeGreaterThan(50_000);
    const history = [
      { scanId: "a", finishedAt: "2026-10-25T00:00:00Z", score: 61.2, grade: "D" as const, scoresByLayer: { provider: 70, customer: 55, shared: 60 }, newFindings: null, resolvedFindings: null },
      { scanId: "b", finishedAt: "2026-11-01T00:00:00Z", score: result.summary.score, grade: result.summary.grade, scoresByLayer: result.summary.scoresByLayer, newFindings: 40, resolvedFindings: 12 },
    ];
    const { page, problems } = await load(result, "large", undefined, 1366, history);
    const rowsInDom = async () => Number(await page.evaluate('document.querySelectorAll("tr").length'));
    await expect(visibleRows(page).count()).resolves.toBe(PAGE);
    // One page of findings, one of functions, and the small static tables (scores, gaps, compliance).
    expect(await rowsInDom()).toBeLessThan(PAGE + 50 + 200);
    await expect(page.locator("#functions tbody tr").count()).resolves.toBe(50);
    await expect(page.locator("svg.trend path.trend-line").count()).resolves.toBe(4);

    const count = (test: (f: (typeof all)[number]) => boolean) => all.filter(test).length;
    // Every choice of one select, in the page: the number of results each matches.
    const matchedFor = async (select: string, values: readonly string[]) =>
      (await page.evaluate(`(${JSON.stringify({ select, values })}).values.map((value) => {
        const control = document.getElementById("${select}");
        control.value = value;
        control.dispatchEvent(new Event("change"));
        return Number(document.getElementById("f-count").getAttribute("data-matched"));
      })`)) as number[];
    const statuses = {
      "": (f: (typeof all)[number]) => f.status === "fail" || f.status === "unknown",
      open: (f: (typeof all)[number]) => f.status === "fail" && !f.suppressed,
      fail: (f: (typeof all)[number]) => f.status === "fail",
      unknown: (f: (typeof all)[number]) => f.status === "unknown",
      suppressed: (f: (typeof all)[number]) => f.suppressed !== undefined,
      pass: (f: (typeof all)[number]) => f.status === "pass",
      not_applicable: (f: (typeof all)[number]) => f.status === "not_applicable",
      all: () => true,
    };
    expect(await matchedFor("f-status", Object.keys(statuses))).toEqual(Object.values(statuses).map(count));
    const severities = ["critical", "high", "medium", "low", "info"];
    expect(await matchedFor("f-severity", severities.map((_, i) => String(i)))).toEqual(severities.map((s) => count((f) => f.severity === s)));
    await page.selectOption("#f-severity", "");
    const checkIds = (await page.locator("#f-check option").allTextContents()).slice(1);
    expect(new Set(checkIds)).toEqual(new Set(result.checks.map((c) => c.id)));
    const perCheck = await matchedFor("f-check", checkIds.map((_, i) => String(i)));
    expect(perCheck).toEqual(checkIds.map((id) => count((f) => f.checkId === id)));
    expect(perCheck.reduce((a, b) => a + b, 0)).toBe(all.length);
    await page.selectOption("#f-check", "");
    // The last page holds the rest, and paging never adds rows to the DOM.
    const pages = Math.ceil(all.length / PAGE);
    await expect(page.locator("#f-page").textContent()).resolves.toBe(`Page 1 of ${pages}`);
    for (let i = 0; i < 3; i++) await page.click("#f-next");
    await expect(page.locator("#f-page").textContent()).resolves.toBe("Page 4 of 4".replace("4 of 4", `4 of ${pages}`));
    expect(await rowsInDom()).toBeLessThan(PAGE + 50 + 200);
    expect(problems).toEqual([]);
    await page.close();
  });

});
