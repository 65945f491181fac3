import { describe, expect, it } from "vitest";
import { expandedFindings } from "../../src/engine/result-index.js";
import type { ScanResult } from "../../src/engine/result-schema.js";
import { relativeLink } from "../../src/report/html-accounts.js";
import { htmlReporter, renderHtml } from "../../src/report/html.js";
import { compareWorstFirst, gradeCapNote } from "../../src/engine/score.js";
import { evidenceFacts } from "../../src/report/evidence-facts.js";
import { findingHeadline, remediationUrl, suppressedCounts } from "../../src/report/finding-fields.js";
import type { TrendPoint } from "../../src/report/types.js";
import { HOSTILE_NAMES, contextFor, fixtureScanResult } from "./scan-results.js";
import { organizationView } from "../../src/engine/organization.js";
import { fixtureOrganization } from "./organization-results.js";
import { vlq } from "../../src/report/html-data.js";
import { decodedFindings, embeddedData, unvlq } from "./html-page.js";

const result = fixtureScanResult();
const html = renderHtml(result);

const key = (f: { checkId: string; resourceArn: string }) => `${f.checkId} ${f.resourceArn}`;

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
    expect(html).toContain("User is not authorized &lt;img src=x onerror=alert(3)&gt;");
    expect(html).not.toMatch(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\u2028\u2029]/);
  });

  it("keeps a value that closes the script element, or a line separator, inside the JSON", () => {
    const hostile = structuredClone(result);
    const failed = hostile.findings.find((f) => f.status === "fail")!;
    failed.message = "</script><script>alert(9)</script><!-- \u2028\u2029";
    failed.evidence = { note: "</SCRIPT >", "<b>": "&amp;" };
    const page = renderHtml(hostile);
    expect(page.match(/<script\b/gi)).toHaveLength(2);
    expect(page).not.toMatch(/[\u2028\u2029]/);
    const decoded = decodedFindings(embeddedData(page));
    expect(decoded.map((f) => f.headline)).toContain(failed.message);
    expect(decoded.map((f) => f.evidence)).toContainEqual({ note: "</SCRIPT >", "<b>": "&amp;" });
  });

  it("embeds every result once, compactly, and each spelled out again equals the result's finding", () => {
    const data = embeddedData(html);
    const decoded = decodedFindings(data);
    const expected = expandedFindings(result);
    expect(data.total).toBe(expected.length);
    expect(decoded).toHaveLength(expected.length);
    const byKey = new Map(decoded.map((f) => [key(f), f]));
    expect(byKey.size).toBe(expected.length);
    for (const f of expected) {
      const d = byKey.get(key({ checkId: f.checkId, resourceArn: f.resource.arn }))!;
      expect(d).toMatchObject({ status: f.status, severity: f.severity, reason: f.reason, title: f.title, resourceName: f.resource.name, region: f.resource.region, accountId: f.accountId });
      expect(d.headline).toBe(findingHeadline(f));
      expect(d.suppressed).toEqual(f.suppressed ? [f.suppressed.reason, f.suppressed.expires ?? ""] : null);
      const hasEvidence = Object.keys(f.evidence).length > 0;
      expect(d.evidence).toEqual(hasEvidence ? f.evidence : null);
      expect(d.facts).toEqual(hasEvidence ? evidenceFacts(f.evidence).map((fact) => [fact.label, fact.value]) : null);
    }
    expect(decoded.map((f) => f.resourceName)).toContain(HOSTILE_NAMES.script);
    // Each check's metadata once, with its remediation URL.
    expect(data.checks.map((c) => c[0])).toEqual([...result.checks.map((c) => c.id)].sort());
    for (const c of data.checks) expect(c[6]).toBe(remediationUrl(c[0]));
  });

  it("orders the data most urgent first: open failures, unknowns, suppressed, then passes", () => {
    const decoded = decodedFindings(embeddedData(html));
    const rank = (f: (typeof decoded)[number]) => (f.suppressed ? 10 : 0) + ["fail", "unknown", "pass", "not_applicable"].indexOf(f.status);
    const ranks = decoded.map(rank);
    expect(ranks).toEqual([...ranks].sort((a, b) => a - b));
    expect(decoded[0]!.status).toBe("fail");
  });

  it("lists the functions worst first, with the grade cap explained", () => {
    const data = embeddedData(html);
    expect(data.functions).toHaveLength(result.functions.length);
    const names = data.functions.map((row) => data.resources[row[0]]![0]);
    const expected = [...result.functions].sort((a, b) => compareWorstFirst({ grade: a.grade, score: a.scores.overall }, { grade: b.grade, score: b.scores.overall }));
    expect(names).toEqual(expected.map((fn) => fn.name));
    for (const [i, row] of data.functions.entries()) {
      const fn = expected[i]!;
      expect(row[9] === -1 ? null : data.gradeNotes[row[9]]).toBe(gradeCapNote(fn.scores.overall, fn.grade));
    }
  });

  it("shows the account score with its grade note, the layer scores, the gaps and the notes", () => {
    const note = gradeCapNote(result.summary.score, result.summary.grade);
    expect(html).toContain(`${result.summary.score!.toFixed(1)} <span class="grade grade-${result.summary.grade}">${result.summary.grade}</span>${note ? `<span class="capnote">${note}</span>` : ""}`);
    for (const layer of ["provider", "customer", "shared"] as const) {
      const score = result.summary.scoresByLayer[layer];
      expect(html).toContain(`${layer} layer</div><div class="value">${score === null ? "n/a" : score.toFixed(1)}`);
    }
    expect(html).toContain(`Collection gaps (${result.gaps.length})`);
    const gaps = /<table id="gaps">[\s\S]*?<\/table>/.exec(html)![0];
    expect(gaps.match(/<tr>/g)!.length - 1).toBe(result.gaps.length);
    const notes = /<ul id="notes">([\s\S]*?)<\/ul>/.exec(html)![1]!;
    expect(notes.match(/<li>/g)).toHaveLength(result.notes!.length);
    expect(notes).toContain("lambda:ListCodeSigningConfigs in eu-west-1: not available at this endpoint (UnparseableResponse, HTTP 404 &lt;h1&gt;Not Found&lt;/h1&gt;)");
  });

  it("explains a capped grade where it is shown", () => {
    const capped: ScanResult = { ...result, summary: { ...result.summary, score: 87.9, grade: "D" } };
    const page = renderHtml(capped);
    const note = gradeCapNote(87.9, "D");
    expect(note).not.toBeNull();
    expect(page).toContain(`87.9 <span class="grade grade-D">D</span><span class="capnote">${note}</span>`);
  });

  it("counts suppressed failures and suppressed passes apart", () => {
    const counts = suppressedCounts(result);
    expect(counts.failures).toBeGreaterThan(0);
    const line = /<p class="counts" id="counts">([\s\S]*?)<\/p>/.exec(html)![1]!;
    expect(line).toContain(`suppressed: ${counts.failures} failure(s) (accepted risks), ${counts.passes} pass(es)`);
  });

  it("shows accepted risks as their own column of the compliance view", () => {
    const withAccepted: ScanResult = {
      ...result,
      compliance: result.compliance.map((control, i) => (i === 0 ? { ...control, fail: 0, unknown: 0, accepted: 3 } : control)),
    };
    const page = renderHtml(withAccepted);
    const table = /<table id="compliance">[\s\S]*?<\/table>/.exec(page)![0];
    expect(table).toContain("<th>Fail</th><th>Accepted</th><th>Unknown</th><th>Pass</th>");
    const first = withAccepted.compliance[0]!;
    expect(table).toContain(`<td class="mono">${first.control}</td>`);
    expect(table).toContain(`<td class="score">0</td><td class="score">3</td><td class="score">0</td><td class="score">${first.pass}</td>`);
  });

  it("draws severity bars whose numbers are the JSON result's open failures", () => {
    const label = /aria-label="By severity: ([^"]+)"/.exec(html)![1]!;
    const counts = result.summary.counts.failedBySeverity;
    expect(label).toBe(`critical ${counts.critical}, high ${counts.high}, medium ${counts.medium}, low ${counts.low}, info ${counts.info}`);
  });

  it("draws the trend of stored scans only when there are two or more", () => {
    const point = (scanId: string, finishedAt: string, score: number, newFindings: number | null, resolvedFindings: number | null): TrendPoint => ({
      scanId,
      finishedAt,
      score,
      grade: "B",
      scoresByLayer: { provider: score - 5, customer: score + 2, shared: null },
      newFindings,
      resolvedFindings,
    });
    expect(renderHtml(result, undefined, [point("a", "2026-11-01T00:00:00Z", 80, null, null)])).not.toContain('id="h-trend"');
    const page = renderHtml(result, undefined, [point("a", "2026-11-01T00:00:00Z", 80, null, null), point("b", "2026-11-08T00:00:00Z", 84.5, 3, 7)]);
    const section = /<section aria-labelledby="h-trend">[\s\S]*?<\/section>/.exec(page)![0];
    expect(section).toContain("Trend over 2 scans");
    expect(section).toMatch(/<svg class="trend" viewBox="[^"]+" role="img" aria-label="Account score from 80.0 on 2026-11-01 to 84.5 on 2026-11-08 over 2 scans">/);
    expect(section.match(/<path class="trend-line /g)).toHaveLength(4);
    // A layer without scores draws nothing rather than a line at zero.
    expect(section).toContain('<path class="trend-line trend-shared" d=""/>');
    const rows = /<table id="trend-scans">[\s\S]*?<\/table>/.exec(section)![0].split("<tr>").slice(2);
    expect(rows[0]).toContain('<td class="score">–</td><td class="score">–</td>');
    expect(rows[1]).toContain('<td class="score">3</td><td class="score">7</td>');
    // B at 84.5 is its score's band; a D at 84.5 says why.
    expect(rows[1]).not.toContain("capnote");
    const capped = renderHtml(result, undefined, [point("a", "2026-11-01T00:00:00Z", 80, null, null), { ...point("b", "2026-11-08T00:00:00Z", 84.5, 3, 7), grade: "D" }]);
    expect(capped).toContain(`<span class="grade grade-D">D</span><span class="capnote">${gradeCapNote(84.5, "D")}</span>`);
  });

  it("links an account's report only by a plain relative path", () => {
    expect(relativeLink("accounts/444455556666/lambda-posture-444455556666-20261130T235501Z.html")).toBe("accounts/444455556666/lambda-posture-444455556666-20261130T235501Z.html");
    expect(relativeLink("accounts\\1\\a b#c.html")).toBe("accounts/1/a%20b%23c.html");
    for (const bad of ["javascript:alert(1)", "https://evil.example/x.html", "/etc/passwd", "../x.html", "accounts//x.html", "C:\\x.html", undefined]) {
      expect(relativeLink(bad)).toBe("");
    }
  });

  it("has print styles and tables that scroll in their own box", () => {
    expect(html).toMatch(/@media print \{[\s\S]*\.controls[\s\S]*display: none/);
    for (const id of ["functions", "findings", "gaps", "compliance"]) expect(html).toMatch(new RegExp(`<div class="scroll"><table[^>]* id="${id}"`));
  });
});

describe("html of an organisation", () => {
  it("orders the account heat map by grade, then score, and says why a grade is capped", () => {
    const base = fixtureOrganization();
    const [first, second] = base.accounts.filter((entry) => entry.summary !== null);
    const organization = {
      ...base,
      accounts: base.accounts.map((entry) =>
        entry === first ? { ...entry, summary: { ...entry.summary!, score: 87.9, grade: "D" as const } } : entry === second ? { ...entry, summary: { ...entry.summary!, score: 75, grade: "C" as const } } : entry,
      ),
    };
    const page = renderHtml(organizationView(organization), organization);
    const heat = /<table class="heat" id="heatmap">[\s\S]*?<\/table>/.exec(page)![0];
    const rows = heat.split("<tr").slice(2);
    expect(rows[0]).toContain(first!.accountId);
    expect(rows[0]).toContain(`<span class="capnote">${gradeCapNote(87.9, "D")}</span>`);
    expect(rows[1]).toContain(second!.accountId);
    expect(rows[2]).toContain("Not scanned");
  });
});

describe("html data encoding", () => {
  it("writes integers as vlq text that reads back exactly", () => {
    const values = [0, 1, -1, 15, 16, -16, 31, 32, 1000, -1000, 1_048_575, 2 ** 31, -(2 ** 31), 9_999_999_999];
    expect(unvlq(vlq(values))).toEqual(values);
    expect(vlq([0, 1, 15])).toHaveLength(3);
    expect(vlq([])).toBe("");
  });
});
