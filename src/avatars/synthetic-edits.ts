/**
 * Known edits of a portrait, placed by its landmarks: recolour skin or hair, shave the head, lengthen the hair,
 * paint a moustache or a beard, draw glasses or sunglasses. They turn one public-domain photo into many labelled
 * variants (the labels are the edits), for tests, the demo and the shipped classifiers.
 */
import { deltaE, type Lab, labToRgb8, medianLab, rgb8ToLab } from "./colour.js";
import type { DetectedFace } from "./face-model.js";
import type { RgbImage } from "./image.js";
import { beardPolygon, type FaceFrame, moustachePolygon, POINT, pt } from "./landmarks.js";
import { blurMask, hairTexture, type Mask, paint, recolour, regionMask, valueNoise } from "./paint.js";
import { annulusRegion, type FaceRegions, polygonRegion, regionLab, subtract, union } from "./regions.js";

/** What the edits need to know about the base portrait. */
export interface BaseFace {
  face: DetectedFace;
  regions: FaceRegions;
  skin: Lab;
  hair: Lab;
  /** Soft mask of the hair (head area, hair-coloured, not skin). */
  hairMask: Mask;
  /** Soft mask of visible skin (face and neck, skin-coloured; eyes and lips excluded). */
  skinMask: Mask;
  /** Median colour of the background around the head. */
  background: Lab;
}

/** Locates hair, skin and background of the base portrait (no white balance: edits work on raw pixels). */
export function describeBase(
  img: RgbImage,
  face: DetectedFace,
  regions: FaceRegions,
  skin: Lab,
  hair: Lab,
): BaseFace {
  const W = img.width;
  const H = img.height;
  const f = regions.frame;
  const vTop = f.toFrame(...pt(face, POINT.foreheadTop))[1];
  const head = polygonRegion(W, H, [
    f.toImage(-2, vTop - 1.7),
    f.toImage(2, vTop - 1.7),
    f.toImage(2, 1.2),
    f.toImage(-2, 1.2),
  ]);
  const hairMask = new Float32Array(W * H);
  const skinMask = new Float32Array(W * H);
  const bg: Lab[] = [];
  const hairAB = Math.hypot(hair[1], hair[2]);
  for (const p of head) {
    const i = p * 3;
    const lab = rgb8ToLab(img.data[i], img.data[i + 1], img.data[i + 2]);
    const dab = Math.hypot(lab[1] - hair[1], lab[2] - hair[2]);
    const dSkin = deltaE(lab, skin);
    if (dSkin > 12 && dab < 12 + 0.15 * hairAB && lab[0] > 4 && lab[0] < hair[0] + 18) hairMask[p] = 1;
    else if (dSkin > 15) bg.push(lab);
  }
  const faceOrNeck = union(
    regions.face,
    polygonRegion(W, H, [f.toImage(-1, 1), f.toImage(1, 1), f.toImage(0.9, 3), f.toImage(-0.9, 3)]),
  );
  const exclude = union(
    regions.eyes,
    regions.lips,
    annulusRegion(W, H, pt(face, POINT.noseTip), 0.08 * f.iod),
  );
  for (const p of subtract(faceOrNeck, exclude)) {
    const i = p * 3;
    if (deltaE(rgb8ToLab(img.data[i], img.data[i + 1], img.data[i + 2]), skin) < 22) skinMask[p] = 1;
  }
  // Inside the face outline only the upper forehead can be hair (a fringe); brows and below never are.
  for (const p of regions.face) hairMask[p] *= frameV(f, p, W) < vTop + 0.25 ? 1 : 0;
  return {
    face,
    regions,
    skin,
    hair,
    hairMask: blurMask(hairMask, W, H, 1),
    skinMask: blurMask(skinMask, W, H, 1),
    background: bg.length ? medianLab(bg) : [80, 0, 0],
  };
}

function frameV(f: FaceFrame, p: number, W: number): number {
  const x = p % W;
  return f.toFrame(x + 0.5, (p - x) / W + 0.5)[1];
}

/** Recolours the skin to a target colour (texture kept). */
export function recolourSkin(img: RgbImage, base: BaseFace, target: Lab): void {
  recolour(img, base.skinMask, base.skin, target, 1);
}

/** Recolours the hair (and any mask of painted hair) to a target colour. */
export function recolourHair(img: RgbImage, mask: Mask, from: Lab, target: Lab): void {
  recolour(img, mask, from, target, Math.min(1, Math.max(0.35, target[0] / Math.max(1, from[0]))));
}

function frameMask(
  img: RgbImage,
  f: FaceFrame,
  inside: (u: number, v: number) => number,
  box: [number, number, number, number],
): Mask {
  const W = img.width;
  const m = new Float32Array(W * img.height);
  const poly = polygonRegion(W, img.height, [
    f.toImage(box[0], box[1]),
    f.toImage(box[2], box[1]),
    f.toImage(box[2], box[3]),
    f.toImage(box[0], box[3]),
  ]);
  for (const p of poly) {
    const x = p % W;
    const [u, v] = f.toFrame(x + 0.5, (p - x) / W + 0.5);
    m[p] = Math.min(1, Math.max(0, inside(u, v)));
  }
  return m;
}

/** Shaves the head: hair inside the skull outline becomes scalp (shaded skin), hair outside becomes background. */
export function shaveHead(img: RgbImage, base: BaseFace, skin: Lab, seed: number): void {
  const f = base.regions.frame;
  const vTop = f.toFrame(...pt(base.face, POINT.foreheadTop))[1];
  const cv = vTop + 0.2;
  const rv = 1.15;
  const ru = 1.08;
  const skull = frameMask(
    img,
    f,
    (u, v) => ((u / ru) ** 2 + ((v - cv) / rv) ** 2 < 1 && v < cv + 0.3 ? 1 : 0),
    [-1.2, cv - 1.2, 1.2, cv + 0.4],
  );
  const soft = blurMask(skull, img.width, img.height, 1);
  const W = img.width;
  const scalp = new Float32Array(soft.length);
  const outside = new Float32Array(soft.length);
  for (let p = 0; p < soft.length; p++) {
    const h = Math.max(base.hairMask[p], 0);
    scalp[p] = Math.max(h, soft[p] > 0.5 && frameV(f, p, W) < vTop + 0.1 ? 1 : 0) * soft[p];
    outside[p] = h * (1 - soft[p]);
  }
  // Grow the outside mask a little so that light hair tips at the old outline go too.
  const grown = blurMask(outside, W, img.height, 3).map((v) => Math.min(1, 3 * v));
  for (let p = 0; p < grown.length; p++) grown[p] *= 1 - soft[p];
  paint(img, grown, (x, y) =>
    labToRgb8([
      base.background[0] + 6 * (valueNoise(x, y, 9, seed) - 0.5),
      base.background[1],
      base.background[2],
    ]),
  );
  paint(img, scalp, (x, y) => {
    const [u, v] = f.toFrame(x + 0.5, y + 0.5);
    const r2 = (u / ru) ** 2 + ((v - cv) / rv) ** 2;
    return labToRgb8([skin[0] - 10 * r2 + 3 * (valueNoise(x, y, 5, seed) - 0.5), skin[1] + 2 * r2, skin[2]]);
  });
}

/** Paints hair falling beside the face down to frame depth `vEnd` (1.7: chin, medium; 3.2: shoulders, long). */
export function lengthenHair(img: RgbImage, base: BaseFace, hair: Lab, vEnd: number, seed: number): Mask {
  const f = base.regions.frame;
  const vTop = f.toFrame(...pt(base.face, POINT.foreheadTop))[1];
  const v0 = vTop + 0.1;
  const inside = (u: number, v: number) => {
    if (v < v0 || v > vEnd + 0.15) return 0;
    const t = (v - v0) / (vEnd - v0);
    const outer = 1.5 + 0.3 * t + 0.06 * Math.sin(v * 9 + seed);
    const bottom = vEnd + 0.08 * Math.sin(u * 7 + seed);
    const au = Math.abs(u);
    return au > 0.9 && au < outer && v < bottom ? 1 : 0;
  };
  let m = frameMask(img, f, inside, [-2.1, v0, 2.1, vEnd + 0.2]);
  for (const p of base.regions.face) m[p] = 0;
  m = blurMask(m, img.width, img.height, 1);
  const dir: [number, number] = [f.ey[0], f.ey[1]];
  paint(img, m, hairTexture(hair, Math.max(2, f.iod / 14), seed, dir));
  return m;
}

/** Paints facial hair in the given colour: `moustache` (above the upper lip) or `beard` (chin, jaw and moustache). */
export function paintFacialHair(
  img: RgbImage,
  base: BaseFace,
  kind: "moustache" | "beard",
  colour: Lab,
  seed: number,
): void {
  const W = img.width;
  const H = img.height;
  const f = base.regions.frame;
  const face = base.face;
  let region = polygonRegion(W, H, moustachePolygon(face));
  if (kind === "beard") {
    const vMouth = f.toFrame(...pt(face, POINT.upperLipTop))[1];
    const jawBand = base.regions.face.filter((p) => {
      const x = p % W;
      const [u, v] = f.toFrame(x + 0.5, (p - x) / W + 0.5);
      return v > vMouth - 0.35 && (Math.abs(u) > 0.62 || v > vMouth + 0.25);
    });
    region = union(region, polygonRegion(W, H, beardPolygon(face)), jawBand);
    region = subtract(region, base.regions.lips);
  }
  const mask = blurMask(regionMask(img, region), W, H, Math.max(1, f.iod / 40));
  const dark: Lab = [Math.max(8, colour[0] - 4), colour[1], colour[2]];
  paint(
    img,
    mask,
    hairTexture(dark, Math.max(1.5, f.iod / 30), seed, [f.ey[0], f.ey[1]]),
    kind === "beard" ? 0.92 : 0.95,
  );
}

/** Glasses styles the synthetic set draws. */
export interface GlassesStyle {
  kind: "glasses" | "sunglasses";
  shape: "round" | "rect";
  /** Frame thickness in IODs. */
  thickness: number;
  frame: Lab;
  lens: Lab;
}

/** Draws glasses (frames, bridge, temples; tinted or dark lenses) aligned to the eyes. */
export function drawGlasses(img: RgbImage, base: BaseFace, g: GlassesStyle): void {
  const f = base.regions.frame;
  const a = g.shape === "round" ? 0.34 : 0.42;
  const b = g.shape === "round" ? 0.3 : 0.26;
  const rr = 0.1;
  const sd = (u: number, v: number): number => {
    // Signed distance (IOD units) to the nearer lens outline; negative inside.
    const cu = Math.abs(u) - 0.5;
    const cv = v - 0.04;
    if (g.shape === "round") return (Math.hypot(cu / a, cv / b) - 1) * Math.min(a, b);
    const qx = Math.abs(cu) - (a - rr);
    const qy = Math.abs(cv) - (b - rr);
    return Math.hypot(Math.max(qx, 0), Math.max(qy, 0)) + Math.min(Math.max(qx, qy), 0) - rr;
  };
  const px = 1 / f.iod;
  const t = g.thickness;
  const lensMask = frameMask(img, f, (u, v) => 0.5 - sd(u, v) / px, [-1.05, -0.45, 1.05, 0.5]);
  const frameMaskM = frameMask(
    img,
    f,
    (u, v) => {
      const ring = t / 2 + px / 2 - Math.abs(sd(u, v));
      const bridge = Math.abs(u) < 0.5 - a + 0.02 ? t / 2 + px / 2 - Math.abs(v + 0.02) : -1;
      const temple =
        Math.abs(u) > 0.5 + a - 0.02 && Math.abs(u) < 1.02
          ? t / 2 + px / 2 - Math.abs(v + 0.04 + 0.02 * (Math.abs(u) - 0.9))
          : -1;
      return Math.max(ring, bridge, temple) / px;
    },
    [-1.1, -0.45, 1.1, 0.5],
  );
  if (g.kind === "sunglasses")
    paint(
      img,
      lensMask,
      (x, y) => labToRgb8([g.lens[0] + 6 * (valueNoise(x, y, 12, 3) - 0.5), g.lens[1], g.lens[2]]),
      0.9,
    );
  else paint(img, lensMask, () => labToRgb8(g.lens), 0.1);
  const frameRgb = labToRgb8(g.frame);
  paint(img, frameMaskM, () => frameRgb, 1);
}

/** The hair colour of a region of an edited image (for checks). */
export function meanHairLab(img: RgbImage, base: BaseFace): Lab {
  return medianLab(regionLab(img, base.regions.hairBand, null));
}
