/**
 * Rendering: an avatar spec to SVG (DiceBear's Lorelei style for the face, sltk's own moustaches on top) and SVG
 * to PNG with resvg (transparent background unless the SVG paints one).
 */
import { existsSync } from "node:fs";
import { createAvatar } from "@dicebear/core";
import { Resvg } from "@resvg/resvg-js";
import { moustacheSvg } from "./art.js";
import { STYLE } from "./catalogue.js";
import type { AvatarSpec } from "./spec.js";

/** The viewBox size of the face drawing (Lorelei draws on 980 x 980). */
export const FACE_VIEWBOX = 980;

const CHOICES = [
  "head",
  "hair",
  "eyes",
  "eyebrows",
  "nose",
  "mouth",
  "glasses",
  "beard",
  "earrings",
  "freckles",
  "hairAccessories",
];
const OPTIONAL = new Set(["glasses", "beard", "earrings", "freckles", "hairAccessories"]);
const COLOURS = ["skinColor", "hairColor", "eyesColor", "glassesColor"];

/** DiceBear options that draw exactly the spec's components (no random choice is left). */
export function styleOptions(
  components: Record<string, string>,
  background: boolean,
): Record<string, unknown> {
  const o: Record<string, unknown> = { seed: "sltk" };
  for (const id of CHOICES) {
    const v = components[id];
    if (OPTIONAL.has(id)) {
      o[`${id}Probability`] = v && v !== "none" ? 100 : 0;
      if (v && v !== "none") o[id] = [v];
    } else if (v) o[id] = [v];
  }
  for (const id of COLOURS) if (components[id]) o[id] = [components[id].replace(/^#/, "")];
  o.eyebrowsColor = ["000000"];
  o.backgroundColor = [
    background && components.backgroundColor ? components.backgroundColor.replace(/^#/, "") : "transparent",
  ];
  return o;
}

/** The avatar as an SVG document (980 x 980 viewBox). `background: false` leaves it transparent. */
export function avatarSvg(
  spec: AvatarSpec,
  opts: { overrides?: Record<string, string>; background?: boolean; size?: number } = {},
): string {
  const c = { ...spec.components, ...(opts.overrides ?? {}) };
  const options = styleOptions(c, opts.background ?? true);
  if (opts.size) options.size = opts.size;
  let svg = createAvatar(STYLE, options as Parameters<typeof createAvatar>[1]).toString();
  const m = c.moustache && c.moustache !== "none" ? moustacheSvg(c.moustache, c.hairColor ?? "#333333") : "";
  if (m) svg = svg.replace(/<\/svg>\s*$/, `${m}</svg>`);
  return svg;
}

/** The inner markup of an avatar SVG (without the outer `<svg>` element), to nest inside another drawing. */
export function svgInner(svg: string): string {
  const start = svg.indexOf(">", svg.indexOf("<svg")) + 1;
  const end = svg.lastIndexOf("</svg>");
  return svg.slice(start, end);
}

const FONT_FILES = [
  "/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf",
  "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf",
];
let fonts: { loadSystemFonts: boolean; fontFiles?: string[]; defaultFontFamily: string } | null = null;

/** Fonts for captions: DejaVu Sans files when present (loading two files is faster than scanning all system fonts). */
function fontOptions() {
  if (!fonts) {
    const files = FONT_FILES.filter((f) => existsSync(f));
    fonts =
      files.length === FONT_FILES.length
        ? { loadSystemFonts: false, fontFiles: files, defaultFontFamily: "DejaVu Sans" }
        : { loadSystemFonts: true, defaultFontFamily: "DejaVu Sans" };
  }
  return fonts;
}

/** Renders SVG markup to PNG bytes at `width` pixels (height follows the aspect ratio). */
export function renderPng(svg: string, width: number): Uint8Array {
  const r = new Resvg(svg, { fitTo: { mode: "width", value: width }, font: fontOptions() });
  return r.render().asPng();
}
