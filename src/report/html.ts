/** Assembles report sections into one self-contained HTML file (inline SVG, data URLs, no network). */
import type { Block, ReportSection, TableBlock } from "./types.js";
import { vegaLiteToSvg } from "./vega.js";

/** Escapes text for HTML. */
export function escapeHtml(s: string): string {
  return s.replace(
    /[&<>"']/g,
    (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[c]!,
  );
}

/** Formats a table cell: numbers with a fixed number of decimals (integers as is). */
export function formatCell(v: string | number | null | undefined, digits = 3): string {
  if (v === null || v === undefined) return "—";
  if (typeof v === "number") {
    if (!Number.isFinite(v)) return String(v);
    return Number.isInteger(v) ? String(v) : v.toFixed(digits);
  }
  return v;
}

function tableHtml(t: Pick<TableBlock, "columns" | "rows" | "digits">): string {
  const head = t.columns.map((c) => `<th>${escapeHtml(c)}</th>`).join("");
  const body = t.rows
    .map((r) => `<tr>${r.map((c) => `<td>${escapeHtml(formatCell(c, t.digits ?? 3))}</td>`).join("")}</tr>`)
    .join("\n");
  return `<table><thead><tr>${head}</tr></thead><tbody>${body}</tbody></table>`;
}

function caption(c?: string): string {
  return c ? `<p class="caption">${escapeHtml(c)}</p>` : "";
}

function title(t?: string): string {
  return t ? `<h3>${escapeHtml(t)}</h3>` : "";
}

async function blockHtml(b: Block): Promise<string> {
  switch (b.kind) {
    case "text":
      return b.html ?? `<p>${escapeHtml(b.text ?? "")}</p>`;
    case "table":
      return `${title(b.title)}${tableHtml(b)}${caption(b.caption)}`;
    case "reference":
      return `${title(b.title ?? "Ours beside the paper")}${tableHtml({
        columns: ["quantity", "ours", "paper", "note"],
        rows: b.rows.map((r) => [r.quantity, r.ours, r.paper, r.note ?? ""]),
        digits: 4,
      })}`;
    case "chart": {
      let svg: string;
      try {
        svg = await vegaLiteToSvg(b.spec);
      } catch (e) {
        svg = `<p class="error">chart failed: ${escapeHtml(String((e as Error).message))}</p>`;
      }
      return `${title(b.title)}<div class="chart">${svg}</div>${caption(b.caption)}`;
    }
    case "image": {
      const w = b.width ? ` width="${b.width}"` : "";
      let inner = "";
      if (b.svg) inner = `<div class="svgimg">${b.svg}</div>`;
      else if (b.png)
        inner = `<img alt="${escapeHtml(b.alt)}"${w} src="data:image/png;base64,${Buffer.from(b.png).toString("base64")}">`;
      else if (b.gif)
        inner = `<img alt="${escapeHtml(b.alt)}"${w} src="data:image/gif;base64,${Buffer.from(b.gif).toString("base64")}">`;
      return `${title(b.title)}<figure>${inner}${caption(b.caption)}</figure>`;
    }
    case "page":
      return `${title(b.title)}<iframe class="page" style="height:${b.height ?? 600}px" sandbox="allow-scripts" srcdoc="${escapeHtml(b.html)}"></iframe>`;
  }
}

const STYLE = `body{font-family:system-ui,-apple-system,Segoe UI,Roboto,sans-serif;max-width:1100px;margin:2em auto;padding:0 1em;color:#222}
h1{border-bottom:2px solid #444}h2{margin-top:2.5em;border-bottom:1px solid #ccc}h3{margin-bottom:.3em}
table{border-collapse:collapse;margin:.5em 0;font-size:.9em}td,th{border:1px solid #ccc;padding:3px 8px;text-align:right}
th{background:#f3f3f3}td:first-child,th:first-child{text-align:left}.caption{color:#555;font-size:.85em;margin-top:0}
.error{color:#a00}.meta{color:#666;font-size:.85em}nav a{margin-right:1em}figure{margin:.5em 0}
iframe.page{width:100%;border:1px solid #ccc}.svgimg svg{max-width:100%;height:auto}`;

/** Builds the whole report page. */
export async function buildReportHtml(
  sections: ReportSection[],
  meta: { title?: string; created?: string; command?: string; seed?: number } = {},
): Promise<string> {
  const parts: string[] = [];
  for (const s of sections) {
    const blocks: string[] = [];
    if (s.error) blocks.push(`<p class="error">${escapeHtml(s.error)}</p>`);
    for (const b of s.blocks) blocks.push(await blockHtml(b));
    const paper = s.paper ? `<p class="meta">Paper: ${escapeHtml(s.paper)}</p>` : "";
    const secs = s.seconds !== undefined ? `<p class="meta">Computed in ${s.seconds.toFixed(1)} s.</p>` : "";
    const summary = s.summary ? `<p>${escapeHtml(s.summary)}</p>` : "";
    parts.push(
      `<section id="${escapeHtml(s.id)}"><h2>${escapeHtml(s.title)}</h2>${paper}${summary}${blocks.join("\n")}${secs}</section>`,
    );
  }
  const nav = sections.map((s) => `<a href="#${escapeHtml(s.id)}">${escapeHtml(s.title)}</a>`).join(" ");
  const t = meta.title ?? "sltk report";
  const info = [
    meta.created && `created ${meta.created}`,
    meta.command && `command: ${meta.command}`,
    meta.seed !== undefined && `seed ${meta.seed}`,
  ]
    .filter(Boolean)
    .join(" · ");
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>${escapeHtml(t)}</title><style>${STYLE}</style></head>
<body><h1>${escapeHtml(t)}</h1><p class="meta">${escapeHtml(info)}</p><nav>${nav}</nav>
${parts.join("\n")}
</body></html>\n`;
}
