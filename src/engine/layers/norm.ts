/** Layer normalisation and batch normalisation. */
import { constantInit, zerosInit } from "../init.js";
import { type Arr, np } from "../tensor.js";

/** Layer-norm parameters: `scale` and `offset` [dim]. */
export interface LayerNormParams {
  scale: Arr;
  offset: Arr;
}

/** Layer normalisation over the last axis (eps 1e-5, as PyTorch and Haiku). */
export const layerNorm = {
  init(dim: number): LayerNormParams {
    return { scale: constantInit([dim], 1), offset: zerosInit([dim]) };
  },
  apply(p: LayerNormParams, x: Arr, eps = 1e-5): Arr {
    const axis = x.shape.length - 1;
    const mean = np.mean(x.ref, axis, { keepdims: true });
    const centred = x.sub(mean);
    const variance = np.mean(np.square(centred.ref), axis, { keepdims: true });
    const y = centred.mul(np.reciprocal(np.sqrt(variance.add(eps))));
    return y.mul(p.scale.ref).add(p.offset.ref);
  },
};

/** Batch-norm parameters (`scale`, `offset`) and running statistics (`mean`, `var`), per channel. */
export interface BatchNormParams {
  scale: Arr;
  offset: Arr;
}
/** Batch-norm running statistics. */
export interface BatchNormState {
  mean: Arr;
  var: Arr;
}

/**
 * Batch normalisation over every axis but `channelAxis` (1 for NCHW images, -1 for [N, F] features). In
 * training it normalises with the batch statistics and returns updated running statistics (momentum 0.9).
 */
export const batchNorm = {
  init(channels: number): { params: BatchNormParams; state: BatchNormState } {
    return {
      params: { scale: constantInit([channels], 1), offset: zerosInit([channels]) },
      state: { mean: zerosInit([channels]), var: constantInit([channels], 1) },
    };
  },
  apply(
    p: BatchNormParams,
    s: BatchNormState,
    x: Arr,
    opts: { training: boolean; channelAxis?: number; momentum?: number; eps?: number },
  ): { y: Arr; state: BatchNormState } {
    const rank = x.shape.length;
    const ch = ((opts.channelAxis ?? -1) + rank) % rank;
    const axes = [...Array(rank).keys()].filter((a) => a !== ch);
    const bshape = x.shape.map((d, i) => (i === ch ? d : 1));
    const eps = opts.eps ?? 1e-5;
    const m = opts.momentum ?? 0.9;
    let mean: Arr;
    let variance: Arr;
    let state: BatchNormState;
    if (opts.training) {
      mean = np.mean(x.ref, axes);
      variance = np.mean(np.square(x.ref.sub(mean.ref.reshape(bshape))), axes);
      state = {
        mean: s.mean.ref.mul(m).add(mean.ref.mul(1 - m)),
        var: s.var.ref.mul(m).add(variance.ref.mul(1 - m)),
      };
    } else {
      mean = s.mean.ref;
      variance = s.var.ref;
      state = { mean: s.mean.ref, var: s.var.ref };
    }
    const inv = np.reciprocal(np.sqrt(variance.add(eps))).mul(p.scale.ref);
    const y = x.sub(mean.reshape(bshape)).mul(inv.reshape(bshape)).add(p.offset.ref.reshape(bshape));
    return { y, state };
  },
};
