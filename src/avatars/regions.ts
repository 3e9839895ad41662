/**
 * Pixel regions located by landmarks: polygons and disks rasterised to pixel index lists, set operations on them,
 * and the named regions the attributes sample (skin patches, hair band, irises, eye band, moustache and beard areas,
 * the sides of the head below the ears).
 */
import { balancedLab, type Lab, type WhiteBalance } from "./colour.js";
import type { DetectedFace } from "./face-model.js";
import type { RgbImage } from "./image.js";
import {
  beardPolygon,
  eyeOpening,
  type FaceFrame,
  faceFrame,
  frameRect,
  iris,
  lipsPolygon,
  MESH,
  moustachePolygon,
  POINT,
  type Pt,
  pt,
  silhouettePolygon,
} from "./landmarks.js";

/** Pixel indices (y * width + x) of a region. */
export type Region = Int32Array;

/** Pixels whose centres lie inside a polygon (even-odd rule), clipped to the image. */
export function polygonRegion(width: number, height: number, poly: readonly Pt[]): Region {
  if (poly.length < 3) return new Int32Array(0);
  let ymin = Number.POSITIVE_INFINITY;
  let ymax = Number.NEGATIVE_INFINITY;
  for (const p of poly) {
    ymin = Math.min(ymin, p[1]);
    ymax = Math.max(ymax, p[1]);
  }
  const out: number[] = [];
  const y0 = Math.max(0, Math.ceil(ymin - 0.5));
  const y1 = Math.min(height - 1, Math.floor(ymax - 0.5));
  const xs: number[] = [];
  for (let y = y0; y <= y1; y++) {
    const yc = y + 0.5;
    xs.length = 0;
    for (let i = 0, j = poly.length - 1; i < poly.length; j = i++) {
      const [xi, yi] = poly[i];
      const [xj, yj] = poly[j];
      if (yi > yc !== yj > yc) xs.push(xi + ((yc - yi) * (xj - xi)) / (yj - yi));
    }
    xs.sort((a, b) => a - b);
    for (let k = 0; k + 1 < xs.length; k += 2) {
      const xa = Math.max(0, Math.ceil(xs[k] - 0.5));
      const xb = Math.min(width - 1, Math.floor(xs[k + 1] - 0.5));
      for (let x = xa; x <= xb; x++) out.push(y * width + x);
    }
  }
  return Int32Array.from(out);
}

/** Pixels whose centres lie within `[r0, r1]` of a point (a disk when r0 = 0). */
export function annulusRegion(width: number, height: number, c: Pt, r1: number, r0 = 0): Region {
  const out: number[] = [];
  const ya = Math.max(0, Math.floor(c[1] - r1));
  const yb = Math.min(height - 1, Math.ceil(c[1] + r1));
  const xa = Math.max(0, Math.floor(c[0] - r1));
  const xb = Math.min(width - 1, Math.ceil(c[0] + r1));
  for (let y = ya; y <= yb; y++)
    for (let x = xa; x <= xb; x++) {
      const d = Math.hypot(x + 0.5 - c[0], y + 0.5 - c[1]);
      if (d <= r1 && d >= r0) out.push(y * width + x);
    }
  return Int32Array.from(out);
}

/** Pixels of `a` that are also in `b`. */
export function intersect(a: Region, b: Region): Region {
  const set = new Set(b);
  return a.filter((i) => set.has(i));
}

/** Pixels of `a` that are not in any of `others`. */
export function subtract(a: Region, ...others: Region[]): Region {
  const set = new Set<number>();
  for (const o of others) for (const i of o) set.add(i);
  return a.filter((i) => !set.has(i));
}

/** Union of regions (sorted, no duplicates). */
export function union(...regions: Region[]): Region {
  const set = new Set<number>();
  for (const r of regions) for (const i of r) set.add(i);
  return Int32Array.from([...set].sort((a, b) => a - b));
}

/** White-balanced CIELAB colours of a region's pixels. */
export function regionLab(img: RgbImage, region: Region, wb: WhiteBalance | null): Lab[] {
  const out: Lab[] = new Array(region.length);
  const d = img.data;
  for (let k = 0; k < region.length; k++) {
    const i = region[k] * 3;
    out[k] = balancedLab(d[i], d[i + 1], d[i + 2], wb);
  }
  return out;
}

/** The named regions of one face that attributes and features sample. */
export interface FaceRegions {
  frame: FaceFrame;
  /** Cheek and forehead patches (skin tone). */
  skin: Region;
  /** Band above the forehead, inside the head outline (hair colour; skin when bald). */
  hairBand: Region;
  /** Thin strip right above the top of the face mesh. */
  hairline: Region;
  /** Both irises, inside the eye openings, pupil excluded. */
  irises: Region;
  /** Both eye openings. */
  eyes: Region;
  /** Band across the eyes and brows (glasses). */
  eyeBand: Region;
  /** Between the irises over the nose bridge (glasses bridge). */
  bridge: Region;
  /** Under-eye lens area (lens tint). */
  lens: Region;
  /** Between nose and upper lip. */
  moustache: Region;
  /** Chin and jaw below the lips. */
  beard: Region;
  /** Beside the jaw and neck, left and right (long hair). */
  sides: Region;
  /** Beside the temples at ear level (medium hair). */
  temples: Region;
  /** The whole face outline. */
  face: Region;
  lips: Region;
}

/** Locates all regions of a face. Frame coordinates are in inter-ocular distances (see `landmarks.ts`). */
export function faceRegions(img: RgbImage, face: DetectedFace): FaceRegions {
  const { width: W, height: H } = img;
  const frame = faceFrame(face);
  const iod = frame.iod;
  const poly = (p: Pt[]) => polygonRegion(W, H, p);
  const rect = (u0: number, v0: number, u1: number, v1: number) => poly(frameRect(frame, u0, v0, u1, v1));
  const face_ = poly(silhouettePolygon(face));
  const lips = poly(lipsPolygon(face));
  const eyes = union(poly(eyeOpening(face, "right")), poly(eyeOpening(face, "left")));

  const cheekR = annulusRegion(W, H, pt(face, MESH.rightCheek[0]), 0.22 * iod);
  const cheekL = annulusRegion(W, H, pt(face, MESH.leftCheek[0]), 0.22 * iod);
  const forehead = annulusRegion(W, H, pt(face, POINT.forehead), 0.2 * iod);
  const skin = intersect(union(cheekR, cheekL, forehead), face_);

  const vTop = frame.toFrame(...pt(face, POINT.foreheadTop))[1];
  const hairBand = subtract(rect(-0.8, vTop - 0.65, 0.8, vTop - 0.12), face_);
  const hairline = subtract(rect(-0.5, vTop - 0.3, 0.5, vTop - 0.05), face_);

  const irisRegion = (side: "right" | "left") => {
    const { centre, radius } = iris(face, side);
    const r = Math.max(radius, 1.2);
    return intersect(annulusRegion(W, H, centre, 0.95 * r, 0.3 * r), poly(eyeOpening(face, side)));
  };
  const irises = union(irisRegion("right"), irisRegion("left"));

  const eyeBand = rect(-1.25, -0.5, 1.25, 0.45);
  const bridge = rect(-0.14, -0.12, 0.14, 0.12);
  const lens = subtract(union(rect(-0.75, 0.12, -0.25, 0.38), rect(0.25, 0.12, 0.75, 0.38)), eyes);
  const moustache = poly(moustachePolygon(face));
  const beard = subtract(poly(beardPolygon(face)), lips);
  const sides = subtract(union(rect(-1.75, 0.9, -1.15, 2.4), rect(1.15, 0.9, 1.75, 2.4)), face_);
  const temples = subtract(union(rect(-1.45, -0.4, -1.1, 0.6), rect(1.1, -0.4, 1.45, 0.6)), face_);
  return {
    frame,
    skin,
    hairBand,
    hairline,
    irises,
    eyes,
    eyeBand,
    bridge,
    lens,
    moustache,
    beard,
    sides,
    temples,
    face: face_,
    lips,
  };
}
