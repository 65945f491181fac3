import { describe, expect, it } from "vitest";
import { htmlFindingData, htmlReporter, renderHtml } from "../../src/report/html.js";
import { HOSTILE_NAMES, contextFor, fixtureScanResult } from "./scan-results.js";

const result = fixtureScanResult();
const html = renderHtml(result);

function embeddedData(page: string): { findings: ReturnType<typeof htmlFindingData> } {
  const match = /<script type="application\/json" id="report-data">([\s\S]*?)<\/script>/.exec(page);
  expect(match).not.toBeNull();
  return JSON.parse(match![1]!);
}

describe("html reporter (static)", () => {
  it("is registered as a text format", async () => {
    expect(htmlReporter).toMatchObject({ format: "html", extension: "html", binary: false });
    expect(await htmlReporter.render(contextFor(result))).toBe(html);
  });

  it("is self-contained: no URL to fetch, and a CSP that forbids any network", () => {
    expect(html).not.toMatch(/<(link|img|iframe|object|embed|base)\b/i);
    expect(html).not.toMatch(/<[^>]*\s(src|href)\s*=/i);
    expect(html).not.toMatch(/@import|url\(/i);
    const csp = /<meta http-equiv="Content-Security-Policy" content="([^"]+)">/.exec(html)?.[1];
    expect(csp).toContain("default-src 'none'");
    expect(csp).toMatch(/script-src 'sha256-[A-Za-z0-9+/=]+'/);
    expect(csp).not.toContain("unsafe-inline");
  });

  it("escapes every hostile value: exactly two script elements, hostile names only as text", () => {
    expect(html.match(/<script\b/g)).toHaveLength(2);
    expect(html).not.toContain(HOSTILE_NAMES.script);
    expect(html).not.toContain("<img");
    expect(html).toContain("&lt;script&gt;alert(1)&lt;/script&gt;");
    expect(html).toContain("&quot;&gt;&lt;img src=x onerror=alert(2)&gt;");
    expect(html).toContain("User is not authorized &lt;img src=x onerror=alert(3)&gt;");
  });

  it("embeds the failed and unknown findings as JSON that round-trips", () => {
    const data = embeddedData(html);
    const expected = result.findings.filter((f) => f.status === "fail" || f.status === "unknown");
    expect(data.findings).toHaveLength(expected.length);
    expect(data.findings.filter((f) => f.suppressed)).toHaveLength(result.summary.counts.suppressed);
    expect(data.findings.map((f) => f.resourceName)).toContain(HOSTILE_NAMES.script);
    expect(data.findings).toEqual(JSON.parse(JSON.stringify(htmlFindingData(result))));
  });

  it("shows the account score, the layer scores, one heat-map row per function and the gaps", () => {
    expect(html).toContain(`${result.summary.score!.toFixed(1)} <span class="grade grade-${result.summary.grade}">`);
    for (const layer of ["provider", "customer", "shared"] as const) {
      const score = result.summary.scoresByLayer[layer];
      expect(html).toContain(`${layer} layer</div><div class="value">${score === null ? "n/a" : score.toFixed(1)}`);
    }
    const heat = /<table class="heat" id="heatmap">[\s\S]*?<\/table>/.exec(html)![0];
    expect(heat.match(/<tr>/g)!.length - 1).toBe(result.functions.length);
    expect(html).toContain(`Collection gaps (${result.gaps.length})`);
    const gaps = /<table id="gaps">[\s\S]*?<\/table>/.exec(html)![0];
    expect(gaps.match(/<tr>/g)!.length - 1).toBe(result.gaps.length);
    const notes = /<ul id="notes">([\s\S]*?)<\/ul>/.exec(html)![1]!;
    expect(notes.match(/<li>/g)).toHaveLength(result.notes!.length);
    expect(notes).toContain("lambda:ListCodeSigningConfigs in eu-west-1: not available at this endpoint (UnparseableResponse, HTTP 404 &lt;h1&gt;Not Found&lt;/h1&gt;)");
  });

  it("draws severity bars whose numbers are the JSON result's open failures", () => {
    const label = /aria-label="By severity: ([^"]+)"/.exec(html)![1]!;
    const counts = result.summary.counts.failedBySeverity;
    expect(label).toBe(`critical ${counts.critical}, high ${counts.high}, medium ${counts.medium}, low ${counts.low}, info ${counts.info}`);
  });

  it("has print styles", () => {
    expect(html).toMatch(/@media print \{[\s\S]*\.controls[\s\S]*display: none/);
  });
});
