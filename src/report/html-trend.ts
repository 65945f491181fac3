import { LAYERS } from "../engine/check.js";
import { gradeCapNote } from "../engine/score.js";
import { formatScore } from "./finding-fields.js";
import { escapeHtml, gradeBadge } from "./html-text.js";
import type { TrendPoint } from "./types.js";

/**
 * The trend of scheduled scans (`--history DIR`): the account score and each layer's score over the
 * stored scans as one inline SVG line chart (no library, no script), then the same numbers with the
 * new and resolved findings of each scan as a table, which is also what a screen reader reads.
 */

const WIDTH = 640;
const HEIGHT = 200;
const LEFT = 34;
const RIGHT = 12;
const TOP = 10;
const BOTTOM = 26;

const SERIES: ReadonlyArray<{ key: "overall" | (typeof LAYERS)[number]; label: string; className: string }> = [
  { key: "overall", label: "account score", className: "trend-overall" },
  ...LAYERS.map((layer) => ({ key: layer, label: `${layer} layer`, className: `trend-${layer}` })),
];

const valueOf = (point: TrendPoint, key: (typeof SERIES)[number]["key"]) => (key === "overall" ? point.score : point.scoresByLayer[key]);

/** `2026-11-30` from an ISO time; the whole text when it is not one. */
function day(iso: string): string {
  return /^\d{4}-\d{2}-\d{2}/.test(iso) ? iso.slice(0, 10) : iso;
}

/** One polyline per run of known scores: a scan without a score breaks the line rather than drawing 0. */
function path(points: readonly TrendPoint[], key: (typeof SERIES)[number]["key"], x: (i: number) => number, y: (v: number) => number): string {
  let d = "";
  let drawing = false;
  points.forEach((point, i) => {
    const value = valueOf(point, key);
    if (value === null) {
      drawing = false;
      return;
    }
    d += `${drawing ? "L" : "M"}${x(i).toFixed(1)} ${y(value).toFixed(1)} `;
    drawing = true;
  });
  return d.trim();
}

export function trendChart(points: readonly TrendPoint[]): string {
  const plotWidth = WIDTH - LEFT - RIGHT;
  const plotHeight = HEIGHT - TOP - BOTTOM;
  const x = (i: number) => LEFT + (points.length === 1 ? plotWidth / 2 : (i * plotWidth) / (points.length - 1));
  const y = (value: number) => TOP + plotHeight - (value / 100) * plotHeight;
  const grid = [0, 25, 50, 75, 100]
    .map((v) => `<line class="trend-grid" x1="${LEFT}" x2="${WIDTH - RIGHT}" y1="${y(v)}" y2="${y(v)}"/><text x="${LEFT - 6}" y="${y(v) + 4}" text-anchor="end">${v}</text>`)
    .join("");
  // Dates under the first and the last scan (and the middle one when there is room): never overlapping.
  const labelled = points.length <= 2 ? points.map((_, i) => i) : [0, Math.floor((points.length - 1) / 2), points.length - 1];
  const dates = [...new Set(labelled)]
    .map((i) => `<text x="${x(i).toFixed(1)}" y="${HEIGHT - 8}" text-anchor="${i === 0 ? "start" : i === points.length - 1 ? "end" : "middle"}">${escapeHtml(day(points[i]!.finishedAt))}</text>`)
    .join("");
  const lines = SERIES.map((series) => `<path class="trend-line ${series.className}" d="${path(points, series.key, x, y)}"/>`).join("");
  const dots = points
    .map((point, i) => (point.score === null ? "" : `<circle class="trend-overall-dot" cx="${x(i).toFixed(1)}" cy="${y(point.score).toFixed(1)}" r="3"/>`))
    .join("");
  const last = points[points.length - 1]!;
  const first = points[0]!;
  const description = `Account score from ${formatScore(first.score)} on ${day(first.finishedAt)} to ${formatScore(last.score)} on ${day(last.finishedAt)} over ${points.length} scans`;
  return `<svg class="trend" viewBox="0 0 ${WIDTH} ${HEIGHT}" role="img" aria-label="${escapeHtml(description)}">${grid}${lines}${dots}${dates}</svg>`;
}

function legend(): string {
  return `<p class="legend">${SERIES.map((series) => `<span class="key ${series.className}-key"></span>${escapeHtml(series.label)}`).join(" ")}</p>`;
}

function capNote(point: TrendPoint): string {
  const note = gradeCapNote(point.score, point.grade);
  return note ? `<span class="capnote">${escapeHtml(note)}</span>` : "";
}

const count = (value: number | null) => (value === null ? "–" : String(value));

function trendTable(points: readonly TrendPoint[]): string {
  const rows = points
    .map(
      (point) =>
        `<tr><td class="nowrap">${escapeHtml(point.finishedAt)}</td><td class="score">${escapeHtml(formatScore(point.score))}</td><td>${gradeBadge(point.grade)}${capNote(point)}</td>` +
        LAYERS.map((layer) => `<td class="score">${escapeHtml(formatScore(point.scoresByLayer[layer]))}</td>`).join("") +
        `<td class="score">${count(point.newFindings)}</td><td class="score">${count(point.resolvedFindings)}</td></tr>`,
    )
    .join("\n");
  return (
    `<div class="scroll"><table id="trend-scans"><thead><tr><th>Scan finished</th><th>Score</th><th>Grade</th>${LAYERS.map((l) => `<th>${escapeHtml(l)}</th>`).join("")}<th>New</th><th>Resolved</th></tr></thead>` +
    `<tbody>\n${rows}\n</tbody></table></div>`
  );
}

/** The trend section, oldest scan first; new and resolved are against the scan before (– for the first). */
export function trendSection(points: readonly TrendPoint[]): string {
  return `<section aria-labelledby="h-trend">
<h2 id="h-trend">Trend over ${points.length} scans</h2>
<figure class="chart trend-chart">${trendChart(points)}${legend()}</figure>
${trendTable(points)}
</section>
`;
}
