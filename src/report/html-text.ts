import { gradeBand } from "../engine/score.js";

/**
 * The HTML report's text helpers: every value from AWS that reaches the static part of the page goes
 * through `escapeHtml`; the findings reach the script as `jsonForScript` data.
 */

const HTML_ESCAPES: Readonly<Record<string, string>> = { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" };

/** Text for an HTML text node or a quoted attribute value. */
export function escapeHtml(value: string | number): string {
  return String(value).replace(/[&<>"']/g, (character) => HTML_ESCAPES[character] ?? character);
}

/**
 * JSON for a <script type="application/json"> block: `<` is escaped so that no value can close the
 * script element (`</script>`) or open a comment; U+2028/9 for old parsers.
 */
export function jsonForScript(value: unknown): string {
  return JSON.stringify(value)
    .replace(/</g, "\\u003c")
    .replace(/>/g, "\\u003e")
    .replace(/&/g, "\\u0026")
    .replace(/\u2028/g, "\\u2028")
    .replace(/\u2029/g, "\\u2029");
}

/** The grade band of a score, for the heat map's cell class ("none" when nothing was evaluated). */
export function gradeOf(score: number | null): string {
  return score === null ? "none" : gradeBand(score);
}

export function gradeBadge(grade: string | null): string {
  return `<span class="grade grade-${grade ?? "none"}">${escapeHtml(grade ?? "n/a")}</span>`;
}
