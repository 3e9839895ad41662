/**
 * Attention maps (as in the paper's appendix figures): for one context window, the attention of the action
 * prediction — the return token of the last timestep, whose output feeds the action head — over the patch tokens
 * of the current frame, per layer and head and averaged over heads, shown as a heat map over the game frame.
 */
import { PNG } from "pngjs";
import { type Arr, jit, refTree, toHost, upload } from "../../engine/index.js";
import { type MgdtConfig, patchesPerFrame } from "./config.js";
import type { MgdtBatch } from "./episodes.js";
import { applyMgdt, type MgdtParams, mgdtMask } from "./model.js";
import { layout } from "./tokens.js";

/** Attention of the action query over the current frame's patches. */
export interface AttentionMap {
  /** [layer][head][patch]: attention probability on each patch of the current frame. */
  perHead: number[][][];
  /** [layer][patch]: mean over heads. */
  perLayer: number[][];
  /** [patch]: mean over layers and heads. */
  mean: number[];
  /** Share of the action query's attention that lands on the current frame's patches, per layer. */
  frameShare: number[];
  gridRows: number;
  gridCols: number;
}

/** Computes the attention map for the first window of a batch (batch size 1 is enough). */
export async function attentionMap(
  params: MgdtParams,
  c: MgdtConfig,
  window: MgdtBatch,
): Promise<AttentionMap> {
  const mask = mgdtMask(c);
  const lay = layout(c);
  const P = patchesPerFrame(c);
  const q = (c.context - 1) * lay.perStep + P; // return token of the last timestep
  const f = jit((p: MgdtParams, patches, returns, actions, rewards) => {
    const o = applyMgdt(p, c, { patches, returns, actions, rewards }, { mask, returnWeights: true });
    o.returnLogits.dispose();
    o.actionLogits.dispose();
    o.rewardLogits.dispose();
    return o.weights!.map((w) => w.slice(0, [], q)); // [heads, N] per layer
  });
  const one = (t: { shape: number[]; data: Float32Array | Int32Array }) => ({
    shape: [1, ...t.shape.slice(1)],
    data: t.data.subarray(0, t.data.length / t.shape[0]),
  });
  const rows = f(
    refTree(params),
    upload(one(window.patches)),
    upload(one(window.returns)),
    upload(one(window.actions)),
    upload(one(window.rewards)),
  ) as unknown as Arr[];
  const perHead: number[][][] = [];
  const frameShare: number[] = [];
  const start = (c.context - 1) * lay.perStep;
  for (const r of rows) {
    const w = await toHost(r);
    const N = lay.length;
    const heads = w.length / N;
    const layer: number[][] = [];
    let share = 0;
    for (let h = 0; h < heads; h++) {
      const row = Array.from(w.subarray(h * N + start, h * N + start + P));
      share += row.reduce((a, b) => a + b, 0) / heads;
      layer.push(row);
    }
    perHead.push(layer);
    frameShare.push(share);
  }
  const perLayer = perHead.map((layer) =>
    Array.from({ length: P }, (_, i) => layer.reduce((s, h) => s + h[i], 0) / layer.length),
  );
  const mean = Array.from({ length: P }, (_, i) => perLayer.reduce((s, l) => s + l[i], 0) / perLayer.length);
  return { perHead, perLayer, mean, frameShare, gridRows: c.height / c.patch, gridCols: c.width / c.patch };
}

/** A colour per game channel (RGB), cycling for many channels. */
const PALETTE: [number, number, number][] = [
  [240, 200, 60],
  [80, 160, 255],
  [120, 120, 120],
  [230, 80, 80],
  [90, 200, 120],
  [200, 120, 220],
  [250, 140, 40],
  [60, 220, 220],
  [180, 180, 60],
  [255, 255, 255],
];

/**
 * Renders a frame [H, W, C] (0/1) with a heat overlay of `values` on a `gridRows` x `gridCols` patch grid
 * (scaled from its minimum to its maximum, so uniform attention shows no heat) as PNG bytes; `cell` pixels per cell.
 */
export function heatmapPng(
  frame: Uint8Array,
  c: Pick<MgdtConfig, "height" | "width">,
  channels: number,
  values: number[],
  gridRows: number,
  gridCols: number,
  cell = 24,
): Uint8Array {
  const W = c.width * cell;
  const H = c.height * cell;
  const png = new PNG({ width: W, height: H });
  const max = Math.max(...values);
  const min = Math.min(...values);
  const _span = max - min > 1e-12 ? max - min : Number.POSITIVE_INFINITY;
  for (let y = 0; y < H; y++) {
    for (let x = 0; x < W; x++) {
      const gy = Math.floor(y / cell);
      const gx = Math.floor(x / cell);
      let rgb: [number, number, number] = [20, 20, 28];
      for (let ch = 0; ch < channels; ch++)
        if (frame[(gy * c.width + gx) * channels + ch]) rgb = PALETTE[ch % PALETTE.length];
      const v =
        values[Math.floor((gy * gridRows) / c.height) * gridCols + Math.floor((gx * gridCols) / c.width)] /
        max;
      const a = 0.65 * v;
      const i = (y * W + x) * 4;
      png.data[i] = Math.round(rgb[0] * (1 - a) + 255 * a);
      png.data[i + 1] = Math.round(rgb[1] * (1 - a) + 40 * a);
      png.data[i + 2] = Math.round(rgb[2] * (1 - a) + 40 * a);
      png.data[i + 3] = 255;
    }
  }
  return new Uint8Array(PNG.sync.write(png));
}
