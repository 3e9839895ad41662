/** Loss functions (mean over examples unless stated), numerically stable, for use inside jit. */
import { type Arr, jnn, np } from "./tensor.js";

/**
 * Softmax cross-entropy. `labels`: int32 class ids [N] or one-hot/soft targets [N, K]. Optional per-example
 * `weights` [N] (the mean is then a weighted mean) and label smoothing.
 */
export function softmaxCrossEntropy(
  logits: Arr,
  labels: Arr,
  opts: { weights?: Arr; labelSmoothing?: number } = {},
): Arr {
  const k = logits.shape[logits.shape.length - 1];
  let target = labels.shape.length === logits.shape.length ? labels : jnn.oneHot(labels, k);
  if (opts.labelSmoothing) target = target.mul(1 - opts.labelSmoothing).add(opts.labelSmoothing / k);
  const nll = jnn.logSoftmax(logits, -1).mul(target).sum(-1).mul(-1);
  if (opts.weights) return nll.mul(opts.weights.ref).sum().div(opts.weights.sum());
  return np.mean(nll);
}

/**
 * Sigmoid binary cross-entropy on logits, element-wise: max(x, 0) - x t + log(1 + exp(-|x|)).
 * Optional element weights (e.g. per-label weights broadcast over the batch, or a mask); returns the mean over
 * all elements (weighted: sum(w l) / sum(w) when `normalize` is true, else sum(w l) / count).
 */
export function sigmoidBinaryCrossEntropy(
  logits: Arr,
  targets: Arr,
  opts: { weights?: Arr; normalize?: boolean } = {},
): Arr {
  const l = np
    .maximum(logits.ref, 0)
    .sub(logits.ref.mul(targets))
    .add(np.log1p(np.exp(np.abs(logits).mul(-1))));
  if (!opts.weights) return np.mean(l);
  const wl = l.mul(opts.weights.ref);
  if (opts.normalize) return wl.sum().div(np.broadcastTo(opts.weights, logits.shape).sum());
  opts.weights.dispose();
  return np.mean(wl);
}

/** Mean squared error. */
export function meanSquaredError(pred: Arr, target: Arr): Arr {
  return np.mean(np.square(pred.sub(target)));
}

/** Classification accuracy of logits [N, K] against int32 labels [N] (a float32 scalar, not differentiable). */
export function accuracyFromLogits(logits: Arr, labels: Arr): Arr {
  return np.mean(np.argmax(logits, -1).equal(labels).astype(np.float32));
}
