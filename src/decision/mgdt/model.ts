/**
 * The Multi-Game Decision Transformer as a pair of pure functions. Tokens per timestep: linearly projected patches
 * with a learned per-patch position embedding, then return-to-go, action and reward embeddings; one learned
 * position table over the whole context; pre-LN GPT blocks with a block-causal mask; three next-token heads.
 */
import {
  type Arr,
  type BlockParams,
  type DenseParams,
  dense,
  type EmbeddingParams,
  embedding,
  type KeyStream,
  type LayerNormParams,
  layerNorm,
  maskBias,
  np,
  transformerBlock,
  weightInit,
} from "../../engine/index.js";
import type { Rng } from "../../util/rng.js";
import { type MgdtConfig, patchesPerFrame, returnBins } from "./config.js";
import { allowed, layout } from "./tokens.js";

/** Parameters of the model. */
export interface MgdtParams {
  patchProj: DenseParams;
  patchPos: Arr;
  returnEmb: EmbeddingParams;
  actionEmb: EmbeddingParams;
  rewardEmb: EmbeddingParams;
  pos: Arr;
  blocks: BlockParams[];
  lnf: LayerNormParams;
  returnHead: DenseParams;
  actionHead: DenseParams;
  rewardHead: DenseParams;
}

/** A batch of context windows: patches [B, T, P, patch*patch*C]; int32 [B, T] return bins, actions, reward classes. */
export interface MgdtInputs {
  patches: Arr;
  returns: Arr;
  actions: Arr;
  rewards: Arr;
}

/** The heads' logits per timestep. */
export interface MgdtOutputs {
  returnLogits: Arr;
  actionLogits: Arr;
  rewardLogits: Arr;
  /** Attention probabilities per block [B, heads, N, N] (when asked). */
  weights?: Arr[];
}

/** Initialises the parameters (truncated normal 0.02 embeddings; scaled init of residual projections). */
export function initMgdt(rng: Rng, c: MgdtConfig): MgdtParams {
  const P = patchesPerFrame(c);
  const lay = layout(c);
  const pdim = c.patch * c.patch * c.channels;
  const emb = { truncatedStd: 0.02 } as const;
  const resid = { truncatedStd: 0.02 / Math.sqrt(2 * c.layers) } as const;
  return {
    patchProj: dense.init(rng.fork("patch"), pdim, c.dModel, { init: "lecun" }),
    patchPos: weightInit(rng.fork("patchPos"), [P, c.dModel], emb),
    returnEmb: embedding.init(rng.fork("ret"), returnBins(c), c.dModel),
    actionEmb: embedding.init(rng.fork("act"), c.actions, c.dModel),
    rewardEmb: embedding.init(rng.fork("rew"), 4, c.dModel),
    pos: weightInit(rng.fork("pos"), [lay.length, c.dModel], emb),
    blocks: Array.from({ length: c.layers }, (_, i) =>
      transformerBlock.init(rng.fork(`block${i}`), c.dModel, c.heads, {
        mlpRatio: c.mlpRatio,
        init: emb,
        outInit: resid,
      }),
    ),
    lnf: layerNorm.init(c.dModel),
    returnHead: dense.init(rng.fork("retHead"), c.dModel, returnBins(c), { init: emb }),
    actionHead: dense.init(rng.fork("actHead"), c.dModel, c.actions, { init: emb }),
    rewardHead: dense.init(rng.fork("rewHead"), c.dModel, 4, { init: emb }),
  };
}

/** The additive attention mask of a configuration (block-causal over the whole context). */
export function mgdtMask(c: MgdtConfig): Arr {
  const lay = layout(c);
  return maskBias(lay.length, (q, k) => allowed(lay, q, k));
}

/** Options of a forward pass. */
export interface ApplyOptions {
  /** Additive mask from {@link mgdtMask} (built once per model). */
  mask: Arr;
  /** Dropout keys (training only). */
  keys?: KeyStream | null;
  /** Feed the return-to-go (false: behaviour cloning, the return token carries no information). */
  returnConditioning?: boolean;
  returnWeights?: boolean;
}

/** Forward pass: logits of the three heads at every timestep of the window. */
export function applyMgdt(p: MgdtParams, c: MgdtConfig, x: MgdtInputs, opts: ApplyOptions): MgdtOutputs {
  const [B, T, P] = x.patches.shape;
  const D = c.dModel;
  const pe = dense.apply(p.patchProj, x.patches).add(p.patchPos.ref); // [B,T,P,D]
  let re = embedding.apply(p.returnEmb, x.returns).reshape([B, T, 1, D]);
  if (opts.returnConditioning === false) re = re.mul(0);
  const ae = embedding.apply(p.actionEmb, x.actions).reshape([B, T, 1, D]);
  const we = embedding.apply(p.rewardEmb, x.rewards).reshape([B, T, 1, D]);
  const L = P + 3;
  let h = np
    .concatenate([pe, re, ae, we], 2)
    .reshape([B, T * L, D])
    .add(p.pos.ref);
  const weights: Arr[] = [];
  for (const blk of p.blocks) {
    const r = transformerBlock.apply(blk, h, {
      heads: c.heads,
      bias: opts.mask,
      activation: c.activation,
      dropout: opts.keys ? c.dropout : 0,
      keys: opts.keys ?? null,
      returnWeights: opts.returnWeights,
    });
    h = r.h;
    if (r.weights) weights.push(r.weights);
  }
  const hs = layerNorm.apply(p.lnf, h).reshape([B, T, L, D]);
  return {
    returnLogits: dense.apply(p.returnHead, hs.ref.slice([], [], P - 1)),
    actionLogits: dense.apply(p.actionHead, hs.ref.slice([], [], P)),
    rewardLogits: dense.apply(p.rewardHead, hs.slice([], [], P + 1)),
    weights: opts.returnWeights ? weights : undefined,
  };
}
