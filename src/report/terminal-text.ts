import { terminalSafeLine } from "../text/terminal.js";

/**
 * Fitting text into a terminal's columns. Every string from the result (AWS data, file contents)
 * passes through `printable` before it is shown, and is cut after that, so an escape is never split.
 */
export const printable = terminalSafeLine;

/** Shortens to `width` columns, padding to it; strings from AWS may be long (ARNs, names up to 64 characters). */
export function fit(text: string, width: number): string {
  if (width <= 1) return text.slice(0, Math.max(0, width));
  return text.length <= width ? text.padEnd(width) : `${text.slice(0, width - 1)}…`;
}

/** Cut to `width` without padding. */
export function clip(text: string, width: number): string {
  return text.length <= width ? text : `${text.slice(0, Math.max(0, width - 1))}…`;
}

/**
 * Shortened from the left, for ARNs and paths: what identifies them (the function's name, the file's
 * name) is at the end, and the partition, service and account at the start are the same on every line.
 */
export function clipLeft(text: string, width: number): string {
  return text.length <= width ? text : `…${text.slice(text.length - Math.max(0, width - 1))}`;
}

/** The resource's name: the last part of its ARN (a function, role, API or stage), or the ARN. */
export function nameOfArn(arn: string): string {
  const name = arn.replace(/:(\$LATEST|\d+)$/, "").split(/[:/]/).pop();
  return name !== undefined && name !== "" ? name : arn;
}

/**
 * `items` joined by ", " within `width`, then `+N more` for the rest: a list always says how much of
 * it is not shown.
 */
export function fitList(items: readonly string[], width: number): string {
  let text = "";
  for (const [index, item] of items.entries()) {
    const rest = items.length - index - 1;
    const candidate = `${text}${index > 0 ? ", " : ""}${item}`;
    const tail = rest > 0 ? `, +${rest} more` : "";
    if (candidate.length + tail.length > width) {
      // The first item is always shown, cut if need be: a list that names nothing says little.
      if (index === 0) return `${clip(item, Math.max(4, width - tail.length))}${tail}`;
      return `${text}, +${items.length - index} more`;
    }
    text = candidate;
  }
  return text;
}

/**
 * `text` folded at spaces onto lines no wider than `width` (a word longer than that is cut); used for
 * the title column of `checks` and the grade's explanation.
 */
export function wrap(text: string, width: number): string[] {
  const lines: string[] = [];
  let current = "";
  for (const word of text.split(/\s+/).filter((part) => part !== "")) {
    const piece = word.length > width ? clip(word, width) : word;
    if (current === "") current = piece;
    else if (current.length + 1 + piece.length <= width) current += ` ${piece}`;
    else {
      lines.push(current);
      current = piece;
    }
  }
  if (current !== "" || lines.length === 0) lines.push(current);
  return lines;
}
