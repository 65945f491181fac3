import { describe, expect, it } from "vitest";
import { terminalSafe, terminalSafeLine } from "../../src/text/terminal.js";

/** Everything a terminal may act on, and nothing printable. */
const HOSTILE = ["\u001b]0;owned\u0007", "\u001b[2J", "\u009b31m", "\u0000", "\u007f", "\u202eevil\u202c", "\u2066x\u2069", "\u200b", "\ufeff", "\r", "\t"];
const UNSAFE = /[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u061c\u200b-\u200f\u2028-\u202e\u2060-\u2069\ufeff]/;

describe("terminalSafe", () => {
  it.each(HOSTILE)("shows %j as visible escapes", (text) => {
    const safe = terminalSafe(`a${text}b`);
    expect(safe).not.toMatch(UNSAFE);
    expect(safe.startsWith("a") && safe.endsWith("b")).toBe(true);
    expect(safe).toMatch(/\\(x[0-9a-f]{2}|u[0-9a-f]{4})/);
  });

  it("keeps ordinary text, other scripts, emoji and line breaks as they are", () => {
    const text = "función λ 関数 → … · 🚀\nsecond line";
    expect(terminalSafe(text)).toBe(text);
  });

  it("escapes line breaks in one-line values", () => {
    expect(terminalSafeLine("name\nFAKE: all clear")).toBe("name\\x0aFAKE: all clear");
    expect(terminalSafeLine("\u2028")).toBe("\\u2028");
  });
});
