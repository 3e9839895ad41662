/**
 * Multi-head self-attention written with matmuls (jax-js `dotProductAttention` needs Node >= 22) and attention
 * masks: a mask is an additive bias (0 where allowed, -1e9 where not) broadcastable to [B, heads, T, T].
 */
import type { Rng } from "../../util/rng.js";
import type { WeightInit } from "../init.js";
import { type Arr, fromHost, jnn, np } from "../tensor.js";
import { dropout } from "./dropout.js";
import { type DenseParams, dense } from "./linear.js";

/** Attention parameters: fused q/k/v projection and output projection. */
export interface AttentionParams {
  qkv: DenseParams;
  out: DenseParams;
}

/** Options of an attention forward pass. */
export interface AttentionApplyOptions {
  /** Additive bias broadcastable to [B, heads, T, T] (see {@link maskBias}). */
  bias?: Arr | null;
  /** Dropout on the attention probabilities (with `key`). */
  dropout?: number;
  key?: Arr | null;
  /** Also return the attention probabilities [B, heads, T, T]. */
  returnWeights?: boolean;
}

/** Multi-head self-attention with `heads` heads of size `dModel / heads` (or `headDim`). */
export const attention = {
  init(
    rng: Rng,
    dModel: number,
    heads: number,
    opts: { headDim?: number; init?: WeightInit; outInit?: WeightInit; bias?: boolean } = {},
  ): AttentionParams {
    const hd = opts.headDim ?? dModel / heads;
    if (!Number.isInteger(hd))
      throw new RangeError(`attention: dModel ${dModel} is not divisible by ${heads} heads`);
    return {
      qkv: dense.init(rng.fork("qkv"), dModel, 3 * heads * hd, { init: opts.init, bias: opts.bias }),
      out: dense.init(rng.fork("out"), heads * hd, dModel, {
        init: opts.outInit ?? opts.init,
        bias: opts.bias,
      }),
    };
  },
  apply(
    p: AttentionParams,
    x: Arr,
    heads: number,
    opts: AttentionApplyOptions = {},
  ): { y: Arr; weights?: Arr } {
    const [B, T] = x.shape;
    const inner = p.qkv.w.shape[1] / 3;
    const hd = inner / heads;
    const qkv = dense.apply(p.qkv, x).reshape([B, T, 3, heads, hd]).transpose([2, 0, 3, 1, 4]); // [3,B,H,T,hd]
    const q = qkv.ref.slice(0).mul(1 / Math.sqrt(hd));
    const k = qkv.ref.slice(1);
    const v = qkv.slice(2);
    let scores = np.matmul(q, k.transpose([0, 1, 3, 2])); // [B,H,T,T]
    if (opts.bias) scores = scores.add(opts.bias.ref);
    let probs = jnn.softmax(scores, -1);
    const weights = opts.returnWeights ? probs.ref : undefined;
    if (opts.dropout && opts.key) probs = dropout(probs, opts.dropout, opts.key);
    const ctx = np.matmul(probs, v).transpose([0, 2, 1, 3]).reshape([B, T, inner]);
    return { y: dense.apply(p.out, ctx), weights };
  },
};

/** Additive mask bias [T, T] from a predicate `allowed(query, key)`. */
export function maskBias(T: number, allowed: (query: number, key: number) => boolean): Arr {
  const d = new Float32Array(T * T);
  for (let i = 0; i < T; i++) for (let j = 0; j < T; j++) d[i * T + j] = allowed(i, j) ? 0 : -1e9;
  return fromHost(d, [T, T]);
}

/** Causal mask bias: a token sees itself and earlier tokens. */
export function causalBias(T: number): Arr {
  return maskBias(T, (i, j) => j <= i);
}

/**
 * Block-causal predicate: causal, except that tokens with the same non-negative block id see each other
 * (e.g. the patches of one frame). `blockIds[t]` = -1 for tokens outside any block.
 */
export function blockCausalAllowed(blockIds: ArrayLike<number>): (query: number, key: number) => boolean {
  return (i, j) => j <= i || (blockIds[i] >= 0 && blockIds[i] === blockIds[j]);
}
