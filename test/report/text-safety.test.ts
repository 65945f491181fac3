import { describe, expect, it } from "vitest";
import { looksLikeFormula, neutraliseCsvCell, xlsxText, MAX_CELL_LENGTH } from "../../src/report/cells.js";
import { escapeHtml, jsonForScript } from "../../src/report/html.js";
import { markdownCode, markdownText } from "../../src/report/markdown-text.js";

describe("spreadsheet cells", () => {
  it.each(["=1+1", "+1", "-1", "@SUM(A1)", "\tx", "\rx"])("%j looks like a formula and is neutralised for CSV", (value) => {
    expect(looksLikeFormula(value)).toBe(true);
    expect(neutraliseCsvCell(value)).toBe(`'${value}`);
  });

  it.each(["payments-api", "", "a=b", " =1", "arn:aws:lambda:eu-west-1:1:function:x"])("%j is left as it is", (value) => {
    expect(looksLikeFormula(value)).toBe(false);
    expect(neutraliseCsvCell(value)).toBe(value);
  });

  it("xlsx text drops XML-illegal characters, normalises CR and respects Excel's cell limit", () => {
    expect(xlsxText("a\u0000b\u001fc\td\ne\r\nf\rg")).toBe("a\uFFFDb\uFFFDc\td\ne\nf\ng");
    expect(xlsxText("\uD83D\uDE00 ok")).toBe("\uD83D\uDE00 ok");
    expect(xlsxText("x".repeat(MAX_CELL_LENGTH + 10))).toHaveLength(MAX_CELL_LENGTH);
  });
});

describe("html text", () => {
  it("escapes text and attribute metacharacters", () => {
    expect(escapeHtml(`<script>alert("x")</script> & 'y'`)).toBe("&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &#39;y&#39;");
  });

  it("JSON for a script block cannot close the element and parses back to the same value", () => {
    const value = { name: "</script><script>alert(1)</script><!--", line: "\u2028\u2029", amp: "a&b" };
    const text = jsonForScript(value);
    expect(text).not.toMatch(/[<>&\u2028\u2029]/);
    expect(JSON.parse(text)).toEqual(value);
  });
});

describe("markdown text", () => {
  it("shows markup as text", () => {
    expect(markdownText("<script>alert(1)</script>")).toBe("&lt;script&gt;alert(1)&lt;/script&gt;");
    expect(markdownText("[x](https://evil) ![i](x) **b** _i_ `c` | d ~e~")).toBe("\\[x\\](https://evil) !\\[i\\](x) \\*\\*b\\*\\* \\_i\\_ \\`c\\` \\| d \\~e\\~");
    expect(markdownText("a\nb\r\nc\td")).toBe("a b c d");
    expect(markdownText("&amp;")).toBe("&amp;amp;");
  });

  it("inline code cannot end early or split a table cell", () => {
    expect(markdownCode("a`b")).toBe("`a'b`");
    expect(markdownCode("a|b", { inTable: true })).toBe("`a\\|b`");
  });
});
