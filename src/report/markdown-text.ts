/**
 * Markdown that shows AWS-supplied text literally. GitHub, GitLab and Jira render inline HTML and
 * link syntax, so a function named `<img src=x onerror=...>` or `[click](https://evil)` must not
 * become markup: HTML-significant characters become entities (so no autolink or tag can open),
 * the punctuation of emphasis, code, table cells and link brackets is backslash-escaped (without a
 * `[`, parentheses and `!` cannot form a link or image, so they stay readable), and line breaks
 * (which would end a table row) become spaces.
 */
export function markdownText(value: string): string {
  return (
    value
      // eslint-disable-next-line no-control-regex
      .replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/g, "")
      .replace(/\r\n|\r|\n|\t/g, " ")
      .replace(/&/g, "&amp;")
      .replace(/</g, "&lt;")
      .replace(/>/g, "&gt;")
      .replace(/[\\`*_[\]|~]/g, (character) => `\\${character}`)
  );
}

/**
 * Inline code for identifiers (check ids, ARNs). Backticks inside become quotes so the span cannot
 * end early; in a GFM table a `|` ends the cell even inside code, so it is escaped there.
 */
export function markdownCode(value: string, options: { inTable?: boolean } = {}): string {
  // eslint-disable-next-line no-control-regex
  let clean = value.replace(/[\u0000-\u001f\u007f]/g, " ").replace(/`/g, "'");
  if (options.inTable) clean = clean.replace(/\|/g, "\\|");
  return `\`${clean}\``;
}
