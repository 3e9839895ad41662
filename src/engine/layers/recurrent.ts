/**
 * GRU with PyTorch's layout and gate order (r, z, n):
 * r = s(x Wir + bir + h Whr + bhr), z = s(x Wiz + biz + h Whz + bhz), n = tanh(x Win + bin + r * (h Whn + bhn)),
 * h' = (1 - z) * n + z * h. Sequences are unrolled inside jit (compile time grows with length; bucket lengths).
 */
import type { Rng } from "../../util/rng.js";
import { uniformInit, type WeightInit, weightInit, zerosInit } from "../init.js";
import { type Arr, jnn, np } from "../tensor.js";

/** GRU parameters: `wi` [in, 3H], `wh` [H, 3H], `bi`, `bh` [3H]. */
export interface GruParams {
  wi: Arr;
  wh: Arr;
  bi: Arr;
  bh: Arr;
}

function gates(gi: Arr, gh: Arr, h: Arr, H: number): Arr {
  const r = jnn.sigmoid(gi.ref.slice([], [0, H]).add(gh.ref.slice([], [0, H])));
  const z = jnn.sigmoid(gi.ref.slice([], [H, 2 * H]).add(gh.ref.slice([], [H, 2 * H])));
  const n = np.tanh(gi.slice([], [2 * H, 3 * H]).add(r.mul(gh.slice([], [2 * H, 3 * H]))));
  return n.mul(z.ref.mul(-1).add(1)).add(z.mul(h));
}

/** A GRU cell and an unrolled sequence pass. */
export const gru = {
  init(rng: Rng, inDim: number, hidden: number, opts: { init?: WeightInit } = {}): GruParams {
    const kind = opts.init ?? "torch";
    // PyTorch initialises every GRU tensor Uniform(+-1/sqrt(hidden)); other kinds apply to weights, biases start at 0.
    const a = 1 / Math.sqrt(hidden);
    const mk = (shape: number[], label: string) =>
      kind === "torch"
        ? uniformInit(rng.fork(label), shape, -a, a)
        : shape.length === 1
          ? zerosInit(shape)
          : weightInit(rng.fork(label), shape, kind);
    return {
      wi: mk([inDim, 3 * hidden], "wi"),
      wh: mk([hidden, 3 * hidden], "wh"),
      bi: mk([3 * hidden], "bi"),
      bh: mk([3 * hidden], "bh"),
    };
  },
  /** One step: x [B, in], h [B, H] -> h' [B, H]. */
  step(p: GruParams, x: Arr, h: Arr): Arr {
    const H = p.wh.shape[0];
    const gi = np.matmul(x, p.wi.ref).add(p.bi.ref);
    const gh = np.matmul(h.ref, p.wh.ref).add(p.bh.ref);
    return gates(gi, gh, h, H);
  },
  /** Runs a sequence xs [B, T, in] from h0 [B, H]; returns all states [B, T, H]. */
  sequence(p: GruParams, xs: Arr, h0: Arr): Arr {
    const [B, T, D] = xs.shape;
    const H = p.wh.shape[0];
    // Input projections of every step in one matmul.
    const gis = np
      .matmul(xs.reshape([B * T, D]), p.wi.ref)
      .add(p.bi.ref)
      .reshape([B, T, 3 * H]);
    let h = h0;
    const outs: Arr[] = [];
    for (let t = 0; t < T; t++) {
      const gh = np.matmul(h.ref, p.wh.ref).add(p.bh.ref);
      h = gates(gis.ref.slice([], t), gh, h, H);
      outs.push(h.ref);
    }
    h.dispose();
    gis.dispose();
    return np.stack(outs, 1);
  },
};
