import assert from "node:assert/strict";
import { test } from "node:test";
import { buildReportHtml, escapeHtml, formatCell, svgToPng, vegaLiteToSvg } from "../../src/report/index.js";

test("vega-lite renders to SVG in Node and SVG to PNG", async () => {
  const svg = await vegaLiteToSvg({
    data: {
      values: [
        { a: "x", b: 3 },
        { a: "y", b: 5 },
      ],
    },
    mark: "bar",
    encoding: { x: { field: "a", type: "nominal" }, y: { field: "b", type: "quantitative" } },
  });
  assert.match(svg, /^<svg/);
  assert.match(svg, /<path|<rect/);
  const png = svgToPng(svg);
  assert.deepEqual(Array.from(png.slice(1, 4)), [0x50, 0x4e, 0x47]); // "PNG"
});

test("report HTML is self-contained and escapes text", async () => {
  const html = await buildReportHtml([
    {
      id: "s1",
      title: "A <b> section",
      blocks: [
        { kind: "text", text: "x < y & z" },
        {
          kind: "table",
          columns: ["k", "v"],
          rows: [
            ["a", 0.12345],
            ["b", 3],
          ],
          digits: 2,
        },
        { kind: "reference", rows: [{ quantity: "AUROC", ours: 0.9, paper: 0.91 }] },
      ],
    },
  ]);
  assert.match(html, /A &lt;b&gt; section/);
  assert.match(html, /x &lt; y &amp; z/);
  assert.match(html, /<td>0.12<\/td>/);
  assert.doesNotMatch(html, /https?:\/\/(?!www\.w3\.org)/);
  assert.equal(escapeHtml(`"'`), "&quot;&#39;");
  assert.equal(formatCell(null), "—");
  assert.equal(formatCell(2), "2");
});
