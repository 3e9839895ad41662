/**
 * Raster painting and augmentation primitives for the synthetic photo variants: soft masks, alpha blending,
 * Lab-space recolouring that keeps texture, value noise for hair texture, and photometric/geometric augmentation.
 */

import type { Rng } from "../util/rng.js";
import { type Lab, labToRgb8, lin8, linearToSrgb, rgb8ToLab } from "./colour.js";
import type { RgbImage } from "./image.js";
import { sampleBilinear } from "./image.js";
import type { Region } from "./regions.js";

/** A per-pixel weight map (0..1), same size as the image. */
export type Mask = Float32Array;

/** A mask that is 1 on a region's pixels. */
export function regionMask(img: RgbImage, region: Region, value = 1): Mask {
  const m = new Float32Array(img.width * img.height);
  for (const p of region) m[p] = value;
  return m;
}

/** Box-blurs a mask (radius in pixels, separable, two passes) for soft edges. */
export function blurMask(m: Mask, width: number, height: number, radius: number): Mask {
  const r = Math.max(0, Math.round(radius));
  if (r === 0) return m;
  let cur = m;
  for (let pass = 0; pass < 2; pass++) {
    const tmp = new Float32Array(cur.length);
    for (let y = 0; y < height; y++) {
      let s = 0;
      for (let x = -r; x <= r; x++) s += cur[y * width + Math.min(width - 1, Math.max(0, x))];
      for (let x = 0; x < width; x++) {
        tmp[y * width + x] = s / (2 * r + 1);
        s += cur[y * width + Math.min(width - 1, x + r + 1)] - cur[y * width + Math.max(0, x - r)];
      }
    }
    const out = new Float32Array(cur.length);
    for (let x = 0; x < width; x++) {
      let s = 0;
      for (let y = -r; y <= r; y++) s += tmp[Math.min(height - 1, Math.max(0, y)) * width + x];
      for (let y = 0; y < height; y++) {
        out[y * width + x] = s / (2 * r + 1);
        s += tmp[Math.min(height - 1, y + r + 1) * width + x] - tmp[Math.max(0, y - r) * width + x];
      }
    }
    cur = out;
  }
  return cur;
}

/** Paints `colour(x, y)` over the image with per-pixel opacity `mask * alpha`. */
export function paint(
  img: RgbImage,
  mask: Mask,
  colour: (x: number, y: number) => readonly number[],
  alpha = 1,
): void {
  const W = img.width;
  for (let p = 0; p < mask.length; p++) {
    const a = mask[p] * alpha;
    if (a <= 0.002) continue;
    const x = p % W;
    const y = (p - x) / W;
    const c = colour(x, y);
    const i = p * 3;
    for (let k = 0; k < 3; k++)
      img.data[i + k] = Math.round(img.data[i + k] * (1 - a) + Math.min(255, Math.max(0, c[k])) * a);
  }
}

/**
 * Recolours masked pixels in CIELAB: moves their colour distribution from `from` to `to`, keeping texture (the
 * lightness deviations are scaled by `texture`, the chroma deviations kept), blended by the mask.
 */
export function recolour(img: RgbImage, mask: Mask, from: Lab, to: Lab, texture = 1): void {
  const d = img.data;
  for (let p = 0; p < mask.length; p++) {
    const a = mask[p];
    if (a <= 0.002) continue;
    const i = p * 3;
    const lab = rgb8ToLab(d[i], d[i + 1], d[i + 2]);
    const out = labToRgb8([
      to[0] + (lab[0] - from[0]) * texture,
      to[1] + (lab[1] - from[1]) * 0.6,
      to[2] + (lab[2] - from[2]) * 0.6,
    ]);
    for (let k = 0; k < 3; k++) d[i + k] = Math.round(d[i + k] * (1 - a) + out[k] * a);
  }
}

function hash2(x: number, y: number, seed: number): number {
  let h = (Math.imul(x, 374761393) + Math.imul(y, 668265263) + Math.imul(seed, 2246822519)) | 0;
  h = Math.imul(h ^ (h >>> 13), 1274126177);
  return ((h ^ (h >>> 16)) >>> 0) / 4294967296;
}

/** Smooth value noise in [0, 1) on a lattice of `cell` pixels (deterministic in `seed`). */
export function valueNoise(x: number, y: number, cell: number, seed: number): number {
  const fx = x / cell;
  const fy = y / cell;
  const x0 = Math.floor(fx);
  const y0 = Math.floor(fy);
  const tx = fx - x0;
  const ty = fy - y0;
  const sx = tx * tx * (3 - 2 * tx);
  const sy = ty * ty * (3 - 2 * ty);
  const a = hash2(x0, y0, seed);
  const b = hash2(x0 + 1, y0, seed);
  const c = hash2(x0, y0 + 1, seed);
  const e = hash2(x0 + 1, y0 + 1, seed);
  return (a * (1 - sx) + b * sx) * (1 - sy) + (c * (1 - sx) + e * sx) * sy;
}

/** A hair-like colour function: strands along `dir` (unit vector), around a base colour. */
export function hairTexture(base: Lab, cell: number, seed: number, dir: [number, number] = [0, 1]) {
  return (x: number, y: number): number[] => {
    // Coordinates across (u) and along (v) the strands.
    const u = x * dir[1] - y * dir[0];
    const v = x * dir[0] + y * dir[1];
    const n = valueNoise(u, v * 0.15, cell, seed) - 0.5;
    const fine = valueNoise(u * 3, v * 0.5, cell, seed + 1) - 0.5;
    return labToRgb8([base[0] + 16 * n + 8 * fine, base[1] * (1 + 0.3 * n), base[2] * (1 + 0.3 * n)]);
  };
}

/** Geometric augmentation parameters. */
export interface AffineParams {
  scale: number;
  rotateDeg: number;
  /** Translation as a fraction of the output size. */
  tx: number;
  ty: number;
  flip: boolean;
}

/** Resamples the image through a similarity transform about its centre into `outW` x `outH` (edges replicated). */
export function affine(img: RgbImage, p: AffineParams, outW: number, outH: number): RgbImage {
  const out = new Uint8Array(outW * outH * 3);
  const k = Math.min(img.width / outW, img.height / outH) / p.scale;
  const t = (p.rotateDeg * Math.PI) / 180;
  const cos = Math.cos(t);
  const sin = Math.sin(t);
  const px = [0, 0, 0];
  for (let y = 0; y < outH; y++)
    for (let x = 0; x < outW; x++) {
      let dx = x + 0.5 - outW / 2 - p.tx * outW;
      const dy = y + 0.5 - outH / 2 - p.ty * outH;
      if (p.flip) dx = -dx;
      const sx = img.width / 2 + k * (cos * dx + sin * dy) - 0.5;
      const sy = img.height / 2 + k * (-sin * dx + cos * dy) - 0.5;
      sampleBilinear(img, sx, sy, px);
      const d = (y * outW + x) * 3;
      out[d] = px[0];
      out[d + 1] = px[1];
      out[d + 2] = px[2];
    }
  return { width: outW, height: outH, data: out };
}

/** Applies a colour cast (per-channel gains in linear light), an exposure factor and Gaussian noise, in place. */
export function photometric(
  img: RgbImage,
  gains: readonly number[],
  exposure: number,
  noiseSigma: number,
  rng: Rng,
): void {
  const lut = [0, 1, 2].map((c) => {
    const t = new Uint8Array(256);
    for (let v = 0; v < 256; v++)
      t[v] = Math.round(linearToSrgb(Math.min(1, lin8(v) * gains[c] * exposure)) * 255);
    return t;
  });
  const d = img.data;
  for (let i = 0; i < d.length; i += 3) {
    for (let c = 0; c < 3; c++) {
      let v = lut[c][d[i + c]];
      if (noiseSigma > 0) v += noiseSigma * rng.normal();
      d[i + c] = Math.min(255, Math.max(0, Math.round(v)));
    }
  }
}
