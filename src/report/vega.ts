/** Server-side rendering of Vega-Lite specifications to SVG (and PNG through resvg). */
import { Resvg } from "@resvg/resvg-js";
import * as vega from "vega";
import * as vl from "vega-lite";

/** Renders a Vega-Lite spec to an SVG string, headless (no canvas needed). */
export async function vegaLiteToSvg(spec: Record<string, unknown>): Promise<string> {
  const full = { $schema: "https://vega.github.io/schema/vega-lite/v6.json", ...spec } as vl.TopLevelSpec;
  const compiled = vl.compile(full).spec;
  const view = new vega.View(vega.parse(compiled), { renderer: "none" });
  try {
    return await view.toSVG();
  } finally {
    view.finalize();
  }
}

/** Renders SVG markup to PNG bytes. */
export function svgToPng(svg: string, opts: { width?: number; background?: string } = {}): Uint8Array {
  const r = new Resvg(svg, {
    fitTo: opts.width ? { mode: "width", value: opts.width } : { mode: "original" },
    background: opts.background ?? "white",
    font: { loadSystemFonts: true },
  });
  return r.render().asPng();
}
