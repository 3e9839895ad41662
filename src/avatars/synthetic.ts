/**
 * Synthetic labelled photos: variants of one portrait with known hair length, glasses, facial hair, hair colour and
 * skin tone (a balanced design over the learned attributes, random colours), then a random pose, crop, colour
 * cast, exposure, noise and JPEG compression. This is the only labelled face data available offline; it measures
 * whether the pipeline recovers the edits, not how it does on real people.
 */

import { Rng } from "../util/rng.js";
import { ATTRIBUTES, attributeDef } from "./attributes.js";
import { hexToLab, type Lab } from "./colour.js";
import { colourAttributes } from "./colour-attributes.js";
import type { FaceModel } from "./face-model.js";
import { cloneImage, decodeImage, encodeJpeg, type RgbImage } from "./image.js";
import { affine, photometric } from "./paint.js";
import { pickFace } from "./pipeline.js";
import { faceRegions } from "./regions.js";
import {
  type BaseFace,
  describeBase,
  drawGlasses,
  type GlassesStyle,
  lengthenHair,
  paintFacialHair,
  recolourHair,
  recolourSkin,
  shaveHead,
} from "./synthetic-edits.js";

/** Ground truth of a synthetic variant: class id per attribute (`null` where undefined, e.g. hair colour when bald). */
export type Truth = Record<string, string | null>;

/** One synthetic photo. */
export interface SyntheticItem {
  id: string;
  image: RgbImage;
  truth: Truth;
  /** The random choices, for the record. */
  params: Record<string, number | string | boolean>;
}

/** The base portrait prepared for editing. */
export interface SyntheticBase {
  image: RgbImage;
  base: BaseFace;
  /** What the base photo itself shows (its own labels). */
  truth: Truth;
}

/** Detects the face of the base portrait and locates hair, skin and background for the edits. */
export async function prepareBase(image: RgbImage, model: FaceModel, truth: Truth): Promise<SyntheticBase> {
  const { face } = pickFace(await model.detect(image), { where: "synthetic base image" });
  const regions = faceRegions(image, face);
  const colours = colourAttributes(image, regions, null);
  return { image, base: describeBase(image, face, regions, colours.skin, colours.hair), truth };
}

/** What the astronaut portrait (faces/astronaut.png) shows, as labelled by the sltk authors. */
export const ASTRONAUT_TRUTH: Truth = { hairLength: "short", glasses: "none", facialHair: "none" };

const GLASSES_FRAMES: Lab[] = [
  [10, 0, 0],
  [22, 8, 12],
  [18, 4, -18],
  [30, 14, 22],
  [62, 4, 30],
  [66, 0, 0],
];

function designCells(n: number, rng: Rng): { hairLength: string; glasses: string; facialHair: string }[] {
  const cells: { hairLength: string; glasses: string; facialHair: string }[] = [];
  const ids = (a: string) => attributeDef(a).classes.map((c) => c.id);
  for (const h of ids("hairLength"))
    for (const g of ids("glasses"))
      for (const f of ids("facialHair")) cells.push({ hairLength: h, glasses: g, facialHair: f });
  const out: typeof cells = [];
  while (out.length < n) out.push(...(rng.shuffle([...cells]) as typeof cells));
  return out.slice(0, n);
}

/** Options of {@link syntheticSet}. */
export interface SyntheticOptions {
  n: number;
  seed: number;
  /** Output side in pixels (default: random 384-512). */
  size?: number;
  /** Apply pose/crop/colour/noise/JPEG augmentation (default true). */
  augment?: boolean;
}

/** Generates `n` labelled variants of the base portrait (balanced over hair length x glasses x facial hair). */
export async function syntheticSet(sb: SyntheticBase, opts: SyntheticOptions): Promise<SyntheticItem[]> {
  const rng = new Rng(opts.seed);
  const cells = designCells(opts.n, rng.fork("design"));
  const hairClasses = attributeDef("hairColour").classes;
  const skinClasses = attributeDef("skinTone").classes;
  const items: SyntheticItem[] = [];
  for (let k = 0; k < opts.n; k++) {
    const r = rng.fork(`item-${k}`);
    const cell = cells[k];
    const img = cloneImage(sb.image);
    const base = sb.base;
    const skinIdx = r.int(skinClasses.length);
    const skinTarget = hexToLab(skinClasses[skinIdx].components.skinColor);
    recolourSkin(img, base, skinTarget);
    const hairIdx = r.int(hairClasses.length);
    const hairTarget = hairClasses[hairIdx].photoLab!;
    let hairMask = base.hairMask;
    if (cell.hairLength === "bald") shaveHead(img, base, skinTarget, k);
    else if (cell.hairLength === "medium" || cell.hairLength === "long") {
      const painted = lengthenHair(img, base, base.hair, cell.hairLength === "medium" ? 1.7 : 3.2, k);
      hairMask = hairMask.map((v, p) => Math.max(v, painted[p]));
    }
    if (cell.hairLength !== "bald") recolourHair(img, hairMask, base.hair, hairTarget);
    if (cell.facialHair !== "none")
      paintFacialHair(img, base, cell.facialHair as "moustache" | "beard", hairTarget, k);
    const params: SyntheticItem["params"] = { skin: skinClasses[skinIdx].id, hair: hairClasses[hairIdx].id };
    if (cell.glasses !== "none") {
      const g: GlassesStyle = {
        kind: cell.glasses as "glasses" | "sunglasses",
        shape: r.next() < 0.5 ? "round" : "rect",
        thickness: 0.025 + 0.05 * r.next(),
        frame: GLASSES_FRAMES[r.int(GLASSES_FRAMES.length)],
        lens: cell.glasses === "sunglasses" ? [8 + 14 * r.next(), 2, 4] : [85, -2, -4],
      };
      drawGlasses(img, base, g);
      Object.assign(params, { glassesShape: g.shape, frameThickness: Math.round(g.thickness * 1000) / 1000 });
    }
    let out = img;
    if (opts.augment ?? true) {
      const size = opts.size ?? 384 + 32 * r.int(5);
      const geo = {
        scale: 0.85 + 0.35 * r.next(),
        rotateDeg: -10 + 20 * r.next(),
        tx: -0.06 + 0.12 * r.next(),
        ty: -0.06 + 0.12 * r.next(),
        flip: r.next() < 0.5,
      };
      out = affine(img, geo, size, size);
      const gains = [0.85 + 0.3 * r.next(), 0.92 + 0.16 * r.next(), 0.85 + 0.3 * r.next()];
      const exposure = 0.75 + 0.5 * r.next();
      const noise = 3 * r.next();
      photometric(out, gains, exposure, noise, r);
      const jpegQ = r.next() < 0.5 ? 70 + r.int(26) : 0;
      if (jpegQ) out = (await decodeImage(encodeJpeg(out, jpegQ))).image;
      Object.assign(params, {
        size,
        scale: round2(geo.scale),
        rotateDeg: round2(geo.rotateDeg),
        flip: geo.flip,
        gains: gains.map(round2).join(","),
        exposure: round2(exposure),
        noise: round2(noise),
        jpegQuality: jpegQ,
      });
    } else if (opts.size && opts.size !== img.width) {
      out = affine(img, { scale: 1, rotateDeg: 0, tx: 0, ty: 0, flip: false }, opts.size, opts.size);
    }
    const truth: Truth = {
      ...cell,
      hairColour: cell.hairLength === "bald" ? null : hairClasses[hairIdx].id,
      skinTone: skinClasses[skinIdx].id,
    };
    items.push({ id: `synthetic-${String(k + 1).padStart(4, "0")}`, image: out, truth, params });
  }
  return items;
}

function round2(x: number): number {
  return Math.round(x * 100) / 100;
}

/** The attributes a synthetic item has a truth for. */
export const SYNTHETIC_ATTRIBUTES = ATTRIBUTES.filter(
  (a) => a.id !== "eyeColour" && a.id !== "faceShape",
).map((a) => a.id);
