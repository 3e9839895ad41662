/** Dense layers, MLPs and embeddings as pure init/apply pairs over parameter trees. */
import type { Rng } from "../../util/rng.js";
import { type ActivationSpec, activate, parseActivation } from "../activations.js";
import { type WeightInit, weightInit, zerosInit } from "../init.js";
import { type Arr, jnn, np } from "../tensor.js";
import { dropout, type KeyStream } from "./dropout.js";

/** Dense parameters: `w` [in, out], optional `b` [out]. */
export interface DenseParams {
  w: Arr;
  b?: Arr;
}

/** Options of a dense layer. */
export interface DenseOptions {
  bias?: boolean;
  init?: WeightInit;
  /** Initial bias value (default 0). */
  biasInit?: number;
}

/** Dense layer: y = x w + b over the last axis (any leading shape). */
export const dense = {
  init(rng: Rng, inDim: number, outDim: number, opts: DenseOptions = {}): DenseParams {
    const p: DenseParams = { w: weightInit(rng, [inDim, outDim], opts.init ?? "glorot") };
    if (opts.bias !== false) {
      p.b = opts.biasInit ? np.full([outDim], opts.biasInit) : zerosInit([outDim]);
    }
    return p;
  },
  apply(p: DenseParams, x: Arr): Arr {
    const inDim = p.w.shape[0];
    const outDim = p.w.shape[1];
    const lead = x.shape.slice(0, -1);
    const x2 = lead.length === 1 ? x : x.reshape([-1, inDim]);
    let y = np.matmul(x2, p.w.ref);
    if (p.b) y = y.add(p.b.ref);
    return lead.length === 1 ? y : y.reshape([...lead, outDim]);
  },
};

/** MLP parameters: a list of dense layers. */
export interface MlpParams {
  layers: DenseParams[];
}

/** Options of an MLP forward pass. */
export interface MlpApplyOptions {
  /** Hidden activation (config string, e.g. `relu`, `smelu:1`); default relu. */
  activation?: string | ActivationSpec;
  /** Activation after the last layer (default none). */
  finalActivation?: string | ActivationSpec;
  /** Dropout rate after each hidden activation (needs `keys`). */
  dropout?: number;
  keys?: KeyStream | null;
}

/** Multi-layer perceptron: dense layers of `sizes` ([in, h1, ..., out]) with an activation between them. */
export const mlp = {
  init(rng: Rng, sizes: number[], opts: DenseOptions = {}): MlpParams {
    const layers: DenseParams[] = [];
    for (let i = 0; i + 1 < sizes.length; i++)
      layers.push(dense.init(rng.fork(`layer${i}`), sizes[i], sizes[i + 1], opts));
    return { layers };
  },
  apply(p: MlpParams, x: Arr, opts: MlpApplyOptions = {}): Arr {
    const act =
      typeof opts.activation === "string"
        ? parseActivation(opts.activation)
        : (opts.activation ?? parseActivation("relu"));
    let h = x;
    p.layers.forEach((layer, i) => {
      h = dense.apply(layer, h);
      if (i + 1 < p.layers.length) {
        h = activate(h, act);
        if (opts.dropout && opts.keys) h = dropout(h, opts.dropout, opts.keys.next());
      } else if (opts.finalActivation) h = activate(h, opts.finalActivation);
    });
    return h;
  },
};

/** Embedding parameters: `table` [vocab, dim]. */
export interface EmbeddingParams {
  table: Arr;
}

/**
 * Embedding lookup as a one-hot matmul (jax-js 0.1.25 cannot jit the gradient of `take` when it feeds a
 * reshape or matmul; see the engine pitfall tests). `ids` is an int32 array of any shape.
 */
export const embedding = {
  init(rng: Rng, vocab: number, dim: number, opts: { init?: WeightInit } = {}): EmbeddingParams {
    return { table: weightInit(rng, [vocab, dim], opts.init ?? { truncatedStd: 0.02 }) };
  },
  apply(p: EmbeddingParams, ids: Arr): Arr {
    const [vocab, dim] = p.table.shape;
    const lead = ids.shape;
    const oneHot = jnn.oneHot(ids.reshape([-1]), vocab);
    return np.matmul(oneHot, p.table.ref).reshape([...lead, dim]);
  },
};
