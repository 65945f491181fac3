/**
 * Text from AWS, a snapshot, a config or a suppressions file can carry characters a terminal acts
 * on: ESC sequences that move the cursor, recolour or retitle the window, C1 controls that some
 * terminals treat as ESC, and Unicode bidirectional overrides that make text read differently from
 * what it is (Trojan Source, CVE-2021-42574). They are shown as visible escapes instead.
 */

/** C0 and C1 controls, DEL, bidi embeddings/overrides/isolates/marks, line and paragraph separators, zero-width and BOM. */
// eslint-disable-next-line no-control-regex
const UNSAFE = /[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u061c\u200b-\u200f\u2028-\u202e\u2060-\u2069\ufeff]/g;
// eslint-disable-next-line no-control-regex
const UNSAFE_IN_LINE = /[\u0000-\u001f\u007f-\u009f\u061c\u200b-\u200f\u2028-\u202e\u2060-\u2069\ufeff]/g;

function escape(char: string): string {
  const code = char.charCodeAt(0);
  return code < 0x100 ? `\\x${code.toString(16).padStart(2, "0")}` : `\\u${code.toString(16).padStart(4, "0")}`;
}

/** The text with every unsafe character shown as `\x1b` or `\u202e`; line breaks are kept. */
export function terminalSafe(text: string): string {
  return text.replace(UNSAFE, escape);
}

/** The same for a value that must stay on one line (names, ARNs, codes): line breaks are escaped too. */
export function terminalSafeLine(text: string): string {
  return text.replace(UNSAFE_IN_LINE, escape);
}
