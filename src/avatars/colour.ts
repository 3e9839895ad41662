/**
 * Colour science for attribute sampling: sRGB <-> linear <-> CIE XYZ (D65) <-> CIELAB, hex strings, colour
 * difference, robust statistics of pixel sets, and illuminant estimation for colour constancy (the grey-edge
 * hypothesis of van de Weijer, Gevers & Gijsenij 2007, with the shades-of-grey Minkowski norm).
 */
import type { RgbImage } from "./image.js";

/** A CIELAB colour `[L, a, b]` (D65 white). */
export type Lab = [number, number, number];

/** sRGB component (0..1) to linear light. */
export function srgbToLinear(c: number): number {
  return c <= 0.04045 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
}

/** Linear light to sRGB component (0..1). */
export function linearToSrgb(c: number): number {
  const v = c <= 0.0031308 ? 12.92 * c : 1.055 * c ** (1 / 2.4) - 0.055;
  return Math.min(1, Math.max(0, v));
}

const LIN = new Float64Array(256);
for (let i = 0; i < 256; i++) LIN[i] = srgbToLinear(i / 255);

/** Linear light of an 8-bit sRGB value (table lookup). */
export function lin8(v: number): number {
  return LIN[v];
}

const XN = 0.95047;
const YN = 1.0;
const ZN = 1.08883;
const f = (t: number) => (t > 216 / 24389 ? Math.cbrt(t) : ((24389 / 27) * t + 16) / 116);
const finv = (t: number) => (t ** 3 > 216 / 24389 ? t ** 3 : (116 * t - 16) / (24389 / 27));

/** Linear RGB (0..1) to CIELAB. */
export function linearRgbToLab(r: number, g: number, b: number): Lab {
  const x = 0.4124564 * r + 0.3575761 * g + 0.1804375 * b;
  const y = 0.2126729 * r + 0.7151522 * g + 0.072175 * b;
  const z = 0.0193339 * r + 0.119192 * g + 0.9503041 * b;
  const fx = f(x / XN);
  const fy = f(y / YN);
  const fz = f(z / ZN);
  return [116 * fy - 16, 500 * (fx - fy), 200 * (fy - fz)];
}

/** CIELAB to linear RGB (0..1, unclamped). */
export function labToLinearRgb(lab: Lab): [number, number, number] {
  const fy = (lab[0] + 16) / 116;
  const fx = fy + lab[1] / 500;
  const fz = fy - lab[2] / 200;
  const x = XN * finv(fx);
  const y = YN * finv(fy);
  const z = ZN * finv(fz);
  return [
    3.2404542 * x - 1.5371385 * y - 0.4985314 * z,
    -0.969266 * x + 1.8760108 * y + 0.041556 * z,
    0.0556434 * x - 0.2040259 * y + 1.0572252 * z,
  ];
}

/** 8-bit sRGB to CIELAB. */
export function rgb8ToLab(r: number, g: number, b: number): Lab {
  return linearRgbToLab(LIN[r], LIN[g], LIN[b]);
}

/** CIELAB to 8-bit sRGB (clamped). */
export function labToRgb8(lab: Lab): [number, number, number] {
  const l = labToLinearRgb(lab);
  return [
    Math.round(linearToSrgb(l[0]) * 255),
    Math.round(linearToSrgb(l[1]) * 255),
    Math.round(linearToSrgb(l[2]) * 255),
  ];
}

/** `#rrggbb` to 8-bit RGB. */
export function hexToRgb(hex: string): [number, number, number] {
  const h = hex.replace(/^#/, "");
  return [
    Number.parseInt(h.slice(0, 2), 16),
    Number.parseInt(h.slice(2, 4), 16),
    Number.parseInt(h.slice(4, 6), 16),
  ];
}

/** 8-bit RGB to `#rrggbb`. */
export function rgbToHex(rgb: readonly number[]): string {
  return `#${rgb
    .slice(0, 3)
    .map((v) =>
      Math.round(Math.min(255, Math.max(0, v)))
        .toString(16)
        .padStart(2, "0"),
    )
    .join("")}`;
}

/** `#rrggbb` to CIELAB. */
export function hexToLab(hex: string): Lab {
  const [r, g, b] = hexToRgb(hex);
  return rgb8ToLab(r, g, b);
}

/** CIE76 colour difference (Euclidean distance in CIELAB). */
export function deltaE(a: Lab, b: Lab): number {
  return Math.hypot(a[0] - b[0], a[1] - b[1], a[2] - b[2]);
}

/** Chroma and hue angle (degrees, 0..360) of a CIELAB colour. */
export function lch(lab: Lab): { L: number; C: number; h: number } {
  const h = (Math.atan2(lab[2], lab[1]) * 180) / Math.PI;
  return { L: lab[0], C: Math.hypot(lab[1], lab[2]), h: h < 0 ? h + 360 : h };
}

/** The q-quantile (0..1) of numbers (linear interpolation); NaN for an empty list. */
export function quantile(values: ArrayLike<number>, q: number): number {
  const n = values.length;
  if (n === 0) return Number.NaN;
  const s = Float64Array.from(values).sort();
  const pos = Math.min(Math.max(q, 0), 1) * (n - 1);
  const lo = Math.floor(pos);
  const hi = Math.min(lo + 1, n - 1);
  return s[lo] + (s[hi] - s[lo]) * (pos - lo);
}

/** Channel-wise median of a set of CIELAB colours. */
export function medianLab(labs: readonly Lab[]): Lab {
  return [0, 1, 2].map((c) =>
    quantile(
      Float64Array.from(labs, (x) => x[c]),
      0.5,
    ),
  ) as Lab;
}

/** Per-channel gains that undo an illuminant colour (von Kries), and the illuminant estimate itself. */
export interface WhiteBalance {
  /** Estimated illuminant in linear RGB, normalised to mean 1. */
  illuminant: [number, number, number];
  /** Gains applied to linear RGB (inverse illuminant, clamped to [1/maxGain, maxGain], then renormalised). */
  gains: [number, number, number];
  /** Exposure factor applied after the gains (white-patch: the bright end of the image maps to near white). */
  exposure: number;
  method: string;
}

/** Options for {@link estimateWhiteBalance}. */
export interface WhiteBalanceOptions {
  /** 0 = shades of grey on pixel values, 1 = grey edge on gradients (default 1). */
  order?: 0 | 1;
  /** Minkowski norm (default 6). */
  p?: number;
  /** Largest gain per channel (default 1.5): strong casts are only partly undone. */
  maxGain?: number;
  /** Largest exposure boost (default 1.6; never darkens). */
  maxExposure?: number;
}

/**
 * Estimates the scene illuminant of an image (grey-edge/shades-of-grey, computed on a subsampled grid, clipped
 * pixels ignored) and the white-patch exposure, and returns the corrections to apply to sampled face colours.
 */
export function estimateWhiteBalance(img: RgbImage, opts: WhiteBalanceOptions = {}): WhiteBalance {
  const order = opts.order ?? 1;
  const p = opts.p ?? 6;
  const maxGain = opts.maxGain ?? 1.5;
  const { width: W, height: H, data } = img;
  // About 60k sampled pixels are plenty for a global estimate.
  const step = Math.max(1, Math.round(Math.sqrt((W * H) / 60_000)));
  const pow = p === 6 ? (v: number) => (v * v) ** 3 : (v: number) => v ** p;
  const acc = [0, 0, 0];
  let n = 0;
  const clipped = (i: number) => data[i] >= 250 || data[i + 1] >= 250 || data[i + 2] >= 250;
  for (let y = step; y < H - step; y += step) {
    for (let x = step; x < W - step; x += step) {
      const i = (y * W + x) * 3;
      if (clipped(i)) continue;
      if (order === 0) {
        for (let c = 0; c < 3; c++) acc[c] += pow(LIN[data[i + c]]);
      } else {
        const r = i + step * 3;
        const d = i + step * W * 3;
        if (clipped(r) || clipped(d)) continue;
        for (let c = 0; c < 3; c++) {
          const gx = LIN[data[r + c]] - LIN[data[i + c]];
          const gy = LIN[data[d + c]] - LIN[data[i + c]];
          acc[c] += pow(Math.sqrt(gx * gx + gy * gy));
        }
      }
      n++;
    }
  }
  let e = acc.map((v) => (n > 0 ? (v / n) ** (1 / p) : 1));
  if (!e.every((v) => v > 1e-9)) e = [1, 1, 1];
  const mean = (e[0] + e[1] + e[2]) / 3;
  const illuminant = e.map((v) => v / mean) as [number, number, number];
  let gains = illuminant.map((v) => Math.min(maxGain, Math.max(1 / maxGain, 1 / v)));
  const gm = Math.cbrt(gains[0] * gains[1] * gains[2]);
  gains = gains.map((g) => g / gm);
  // White patch: the 99th percentile of the brightest channel (after gains) should reach 0.9 in linear light.
  // Percentile from a 1024-bin histogram of the sampled pixels.
  const bins = new Float64Array(1024);
  let total = 0;
  for (let y = 0; y < H; y += step)
    for (let x = 0; x < W; x += step) {
      const i = (y * W + x) * 3;
      const v = Math.max(LIN[data[i]] * gains[0], LIN[data[i + 1]] * gains[1], LIN[data[i + 2]] * gains[2]);
      bins[Math.min(1023, Math.floor(v * 1023))]++;
      total++;
    }
  let cum = 0;
  let p99 = 1;
  for (let b = 0; b < 1024; b++) {
    cum += bins[b];
    if (cum >= 0.99 * total) {
      p99 = (b + 0.5) / 1023;
      break;
    }
  }
  const exposure = Math.min(opts.maxExposure ?? 1.6, Math.max(1, p99 > 0 ? 0.9 / p99 : 1));
  return {
    illuminant,
    gains: gains as [number, number, number],
    exposure,
    method: `${order === 1 ? "grey-edge" : "shades-of-grey"} p=${p}, gains clamped to ${maxGain}, white-patch exposure`,
  };
}

/** The CIELAB colour of an 8-bit pixel after a white balance correction. */
export function balancedLab(r: number, g: number, b: number, wb: WhiteBalance | null): Lab {
  if (!wb) return rgb8ToLab(r, g, b);
  const k = wb.exposure;
  return linearRgbToLab(
    Math.min(1, LIN[r] * wb.gains[0] * k),
    Math.min(1, LIN[g] * wb.gains[1] * k),
    Math.min(1, LIN[b] * wb.gains[2] * k),
  );
}

/** Softmax of scores with a temperature; returns probabilities in the same order. */
export function softmax(scores: readonly number[], temperature = 1): number[] {
  const m = Math.max(...scores);
  const e = scores.map((s) => Math.exp((s - m) / temperature));
  const z = e.reduce((a, b) => a + b, 0);
  return e.map((v) => v / z);
}
