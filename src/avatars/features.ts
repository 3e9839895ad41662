/**
 * Features for the learned attributes: the FaceRes embedding of the face crop (1024 values, L2-normalised) and
 * hand-made region descriptors (darkness, colour difference from the skin, hair-likeness, texture and edges in the
 * eye band, bridge, lens area, moustache and beard areas, temples and the sides of the head), each relative to the
 * face's own skin colour so that they do not depend on skin tone or exposure.
 */
import { balancedLab, deltaE, type Lab, type WhiteBalance } from "./colour.js";
import type { DetectedFace } from "./face-model.js";
import type { RgbImage } from "./image.js";
import type { FaceRegions, Region } from "./regions.js";

/** The regions described, in feature order. */
export const FEATURE_REGIONS = [
  "eyeBand",
  "bridge",
  "lens",
  "moustache",
  "beard",
  "temples",
  "sides",
  "hairBand",
  "hairline",
] as const;
/** The statistics per region, in feature order. */
export const REGION_STATS = ["dL", "darkFrac", "dE", "nonSkinFrac", "hairFrac", "texture", "edges"] as const;

/** Names of the region features, in order. */
export const REGION_FEATURE_NAMES: string[] = FEATURE_REGIONS.flatMap((r) =>
  REGION_STATS.map((s) => `${r}.${s}`),
);

/** Length of the embedding part. */
export const EMBEDDING_DIM = 1024;

/** The features of one face. */
export interface FaceFeatures {
  embedding: Float32Array;
  regions: Float64Array;
}

/** Lightness (CIELAB L) of the pixels in a box (default: the whole image), white-balanced; 0 elsewhere. */
export function lightnessMap(
  img: RgbImage,
  wb: WhiteBalance | null,
  box: [number, number, number, number] = [0, 0, img.width - 1, img.height - 1],
): Float32Array {
  const W = img.width;
  const out = new Float32Array(W * img.height);
  const [x0, y0, x1, y1] = box;
  for (let y = Math.max(0, y0); y <= Math.min(img.height - 1, y1); y++)
    for (let x = Math.max(0, x0); x <= Math.min(W - 1, x1); x++) {
      const p = y * W + x;
      const i = p * 3;
      out[p] = balancedLab(img.data[i], img.data[i + 1], img.data[i + 2], wb)[0];
    }
  return out;
}

/** Bounding box `[x0, y0, x1, y1]` of regions' pixels, grown by `pad`. */
function regionsBox(regions: Region[], width: number, pad: number): [number, number, number, number] {
  let x0 = Number.POSITIVE_INFINITY;
  let y0 = Number.POSITIVE_INFINITY;
  let x1 = -1;
  let y1 = -1;
  for (const r of regions)
    for (const p of r) {
      const x = p % width;
      const y = (p - x) / width;
      if (x < x0) x0 = x;
      if (x > x1) x1 = x;
      if (y < y0) y0 = y;
      if (y > y1) y1 = y;
    }
  return [x0 - pad, y0 - pad, x1 + pad, y1 + pad];
}

function describe(
  img: RgbImage,
  Lmap: Float32Array,
  region: Region,
  wb: WhiteBalance | null,
  skin: Lab,
  hair: Lab,
  scale: number,
): number[] {
  const n = region.length;
  if (n === 0) return [0, 0, 0, 0, 0, 0, 0];
  const W = img.width;
  const H = img.height;
  let dL = 0;
  let dark = 0;
  let dE = 0;
  let nonSkin = 0;
  let hairLike = 0;
  let tex = 0;
  let edges = 0;
  const d = img.data;
  for (let k = 0; k < n; k++) {
    const p = region[k];
    const i = p * 3;
    const lab = balancedLab(d[i], d[i + 1], d[i + 2], wb);
    dL += lab[0] - skin[0];
    if (lab[0] < skin[0] - 25) dark++;
    const e = deltaE(lab, skin);
    dE += e;
    if (e > 15) nonSkin++;
    if (deltaE(lab, hair) < 15 && e > 10) hairLike++;
    const x = p % W;
    const y = (p - x) / W;
    if (x > 0 && y > 0 && x < W - 1 && y < H - 1) {
      const c = Lmap[p];
      const l = Lmap[p - 1];
      const r = Lmap[p + 1];
      const u = Lmap[p - W];
      const b = Lmap[p + W];
      tex += Math.abs(4 * c - l - r - u - b);
      edges += Math.hypot(r - l, b - u);
    }
  }
  // Texture and edge energy are per pixel, multiplied by the face scale so that they do not depend on resolution.
  return [dL / n, dark / n, dE / n, nonSkin / n, hairLike / n, (tex / n) * scale, (edges / n) * scale];
}

/**
 * Computes the features of one face. `skin` and `hair` are the measured colours (see `colour-attributes.ts`).
 */
export function faceFeatures(
  img: RgbImage,
  face: DetectedFace,
  regions: FaceRegions,
  wb: WhiteBalance | null,
  skin: Lab,
  hair: Lab,
): FaceFeatures {
  const Lmap = lightnessMap(
    img,
    wb,
    regionsBox(
      FEATURE_REGIONS.map((r) => regions[r]),
      img.width,
      1,
    ),
  );
  // One inter-ocular distance is ~60 px in a typical selfie; texture is expressed per 1/60 IOD.
  const scale = regions.frame.iod / 60;
  const out: number[] = [];
  for (const r of FEATURE_REGIONS) out.push(...describe(img, Lmap, regions[r], wb, skin, hair, scale));
  const emb = face.embedding;
  let norm = 0;
  for (const v of emb) norm += v * v;
  norm = Math.sqrt(norm) || 1;
  const embedding = new Float32Array(EMBEDDING_DIM);
  for (let i = 0; i < Math.min(EMBEDDING_DIM, emb.length); i++) embedding[i] = emb[i] / norm;
  return { embedding, regions: Float64Array.from(out) };
}

/** Which features a classifier uses. */
export type FeatureSet = "embedding" | "regions" | "both";

/** Concatenates the chosen parts of the features into one vector. */
export function featureVector(f: FaceFeatures, set: FeatureSet): Float64Array {
  if (set === "embedding") return Float64Array.from(f.embedding);
  if (set === "regions") return Float64Array.from(f.regions);
  const out = new Float64Array(f.embedding.length + f.regions.length);
  out.set(f.embedding, 0);
  out.set(f.regions, f.embedding.length);
  return out;
}

/**
 * Weight of the embedding block in the `both` set (after standardisation). 1024 embedding values would otherwise
 * take most of the L2 budget from the 63 region features; 0.3 was chosen by cross-validation on a separate
 * synthetic draw (seed 5, 72 images; see the README), not on the data the shipped classifiers were trained on.
 */
export const EMBEDDING_WEIGHT = 0.3;

/** Per-feature scales for a feature set (see {@link EMBEDDING_WEIGHT}); undefined when all are 1. */
export function featureScale(set: FeatureSet): number[] | undefined {
  if (set !== "both") return undefined;
  return [
    ...new Array(EMBEDDING_DIM).fill(EMBEDDING_WEIGHT),
    ...new Array(REGION_FEATURE_NAMES.length).fill(1),
  ];
}
