/** GPT-style pre-LayerNorm transformer blocks: h += Attn(LN(h)); h += MLP(LN(h)). */
import type { Rng } from "../../util/rng.js";
import { activate } from "../activations.js";
import type { WeightInit } from "../init.js";
import type { Arr } from "../tensor.js";
import { type AttentionParams, attention } from "./attention.js";
import { dropout, type KeyStream } from "./dropout.js";
import { type DenseParams, dense } from "./linear.js";
import { type LayerNormParams, layerNorm } from "./norm.js";

/** One block's parameters. */
export interface BlockParams {
  ln1: LayerNormParams;
  attn: AttentionParams;
  ln2: LayerNormParams;
  fc: DenseParams;
  proj: DenseParams;
}

/** Options of a block's forward pass. */
export interface BlockApplyOptions {
  heads: number;
  /** Additive attention mask bias broadcastable to [B, heads, T, T]. */
  bias?: Arr | null;
  /** MLP activation (default `gelu_tanh`). */
  activation?: string;
  /** Residual dropout rate (needs `keys`). */
  dropout?: number;
  keys?: KeyStream | null;
  returnWeights?: boolean;
}

/** A pre-LN transformer block with an MLP of width `mlpRatio * dModel`. */
export const transformerBlock = {
  init(
    rng: Rng,
    dModel: number,
    heads: number,
    opts: { mlpRatio?: number; init?: WeightInit; outInit?: WeightInit } = {},
  ): BlockParams {
    const hidden = (opts.mlpRatio ?? 4) * dModel;
    return {
      ln1: layerNorm.init(dModel),
      attn: attention.init(rng.fork("attn"), dModel, heads, { init: opts.init, outInit: opts.outInit }),
      ln2: layerNorm.init(dModel),
      fc: dense.init(rng.fork("fc"), dModel, hidden, { init: opts.init }),
      proj: dense.init(rng.fork("proj"), hidden, dModel, { init: opts.outInit ?? opts.init }),
    };
  },
  apply(p: BlockParams, h: Arr, opts: BlockApplyOptions): { h: Arr; weights?: Arr } {
    const rate = opts.dropout ?? 0;
    const drop = (x: Arr) => (rate > 0 && opts.keys ? dropout(x, rate, opts.keys.next()) : x);
    const a = attention.apply(p.attn, layerNorm.apply(p.ln1, h.ref), opts.heads, {
      bias: opts.bias,
      returnWeights: opts.returnWeights,
    });
    h = h.add(drop(a.y));
    const m = dense.apply(
      p.proj,
      activate(dense.apply(p.fc, layerNorm.apply(p.ln2, h.ref)), opts.activation ?? "gelu_tanh"),
    );
    return { h: h.add(drop(m)), weights: a.weights };
  },
};
