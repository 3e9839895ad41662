/**
 * Multinomial logistic regression in plain TypeScript (the attribute classifiers are small: tens to hundreds of
 * examples, about a thousand features): standardised inputs, L2 penalty, full-batch gradient descent with Adam,
 * deterministic. Also stratified k-fold cross-validation.
 */
import { Rng } from "../util/rng.js";

/** A fitted model: `p(class | x) = softmax(W (x - mean) / std + b)`. */
export interface LogRegModel {
  classes: string[];
  mean: number[];
  std: number[];
  /** Row-major `[classes][features]`. */
  weights: number[][];
  bias: number[];
}

/** Training options. */
export interface LogRegOptions {
  /** L2 penalty on the weights (per example; default 1e-2). */
  l2?: number;
  /** Gradient steps (default 200). */
  steps?: number;
  /** Adam learning rate (default 0.05). */
  lr?: number;
  /** Per-example weights (e.g. rater agreement); default 1. */
  sampleWeights?: number[];
  /**
   * Per-feature scale applied after standardising (default 1). A scale below 1 shrinks a feature group's share of
   * the L2 budget (used to keep 1024 embedding values from drowning 63 region features); stored in `std`.
   */
  featureScale?: number[];
}

/** Column means and standard deviations (std floored at 1e-6). */
export function standardiser(X: readonly Float64Array[]): { mean: number[]; std: number[] } {
  const d = X[0]?.length ?? 0;
  const mean = new Array(d).fill(0);
  const std = new Array(d).fill(0);
  for (const x of X) for (let j = 0; j < d; j++) mean[j] += x[j];
  for (let j = 0; j < d; j++) mean[j] /= Math.max(1, X.length);
  for (const x of X) for (let j = 0; j < d; j++) std[j] += (x[j] - mean[j]) ** 2;
  for (let j = 0; j < d; j++) std[j] = Math.max(1e-6, Math.sqrt(std[j] / Math.max(1, X.length)));
  return { mean, std };
}

/** Fits a multinomial logistic regression to rows `X` with integer labels `y` in `[0, classes.length)`. */
export function fitLogReg(
  X: readonly Float64Array[],
  y: readonly number[],
  classes: string[],
  opts: LogRegOptions = {},
): LogRegModel {
  const n = X.length;
  const K = classes.length;
  if (n === 0) throw new Error("fitLogReg: no examples");
  const d = X[0].length;
  const { mean, std } = standardiser(X);
  if (opts.featureScale) for (let j = 0; j < d; j++) std[j] /= opts.featureScale[j] ?? 1;
  const Z = X.map((x) => {
    const z = new Float64Array(d);
    for (let j = 0; j < d; j++) z[j] = (x[j] - mean[j]) / std[j];
    return z;
  });
  const l2 = opts.l2 ?? 1e-2;
  const steps = opts.steps ?? 200;
  const lr = opts.lr ?? 0.05;
  const sw = opts.sampleWeights ?? new Array(n).fill(1);
  const wsum = sw.reduce((a, b) => a + b, 0);
  const P = K * (d + 1);
  const theta = new Float64Array(P); // [k * (d + 1) + j], j = d is the bias
  const m = new Float64Array(P);
  const v = new Float64Array(P);
  const g = new Float64Array(P);
  const logits = new Float64Array(K);
  const b1 = 0.9;
  const b2 = 0.999;
  for (let t = 1; t <= steps; t++) {
    g.fill(0);
    for (let i = 0; i < n; i++) {
      const z = Z[i];
      for (let k = 0; k < K; k++) {
        let s = theta[k * (d + 1) + d];
        const off = k * (d + 1);
        for (let j = 0; j < d; j++) s += theta[off + j] * z[j];
        logits[k] = s;
      }
      let mx = Number.NEGATIVE_INFINITY;
      for (let k = 0; k < K; k++) mx = Math.max(mx, logits[k]);
      let zsum = 0;
      for (let k = 0; k < K; k++) zsum += logits[k] = Math.exp(logits[k] - mx);
      const w = sw[i] / wsum;
      for (let k = 0; k < K; k++) {
        const r = (logits[k] / zsum - (y[i] === k ? 1 : 0)) * w;
        if (r === 0) continue;
        const off = k * (d + 1);
        for (let j = 0; j < d; j++) g[off + j] += r * z[j];
        g[off + d] += r;
      }
    }
    for (let k = 0; k < K; k++) for (let j = 0; j < d; j++) g[k * (d + 1) + j] += l2 * theta[k * (d + 1) + j];
    const c1 = 1 - b1 ** t;
    const c2 = 1 - b2 ** t;
    for (let p = 0; p < P; p++) {
      m[p] = b1 * m[p] + (1 - b1) * g[p];
      v[p] = b2 * v[p] + (1 - b2) * g[p] * g[p];
      theta[p] -= (lr * (m[p] / c1)) / (Math.sqrt(v[p] / c2) + 1e-8);
    }
  }
  const weights: number[][] = [];
  const bias: number[] = [];
  for (let k = 0; k < K; k++) {
    weights.push(Array.from(theta.subarray(k * (d + 1), k * (d + 1) + d)));
    bias.push(theta[k * (d + 1) + d]);
  }
  return { classes: [...classes], mean, std, weights, bias };
}

/** Class probabilities for one row. */
export function predictProba(model: LogRegModel, x: ArrayLike<number>): number[] {
  const K = model.classes.length;
  const d = model.mean.length;
  if (x.length !== d) throw new Error(`predictProba: expected ${d} features, got ${x.length}`);
  const logits = new Array(K).fill(0);
  for (let k = 0; k < K; k++) {
    let s = model.bias[k];
    const w = model.weights[k];
    for (let j = 0; j < d; j++) s += (w[j] * (x[j] - model.mean[j])) / model.std[j];
    logits[k] = s;
  }
  const mx = Math.max(...logits);
  const e = logits.map((l) => Math.exp(l - mx));
  const z = e.reduce((a, b) => a + b, 0);
  return e.map((v) => v / z);
}

/** Index of the largest value. */
export function argmax(p: readonly number[]): number {
  let b = 0;
  for (let k = 1; k < p.length; k++) if (p[k] > p[b]) b = k;
  return b;
}

/** Stratified k-fold assignment: `fold[i]` in `[0, k)`, classes spread evenly over folds (seeded shuffle). */
export function stratifiedFolds(y: readonly number[], k: number, seed: number): number[] {
  const rng = new Rng(seed);
  const fold = new Array(y.length).fill(0);
  const byClass = new Map<number, number[]>();
  y.forEach((c, i) => {
    if (!byClass.has(c)) byClass.set(c, []);
    byClass.get(c)!.push(i);
  });
  let offset = 0;
  for (const c of [...byClass.keys()].sort((a, b) => a - b)) {
    const idx = byClass.get(c)!;
    rng.shuffle(idx);
    idx.forEach((i, r) => {
      fold[i] = (r + offset) % k;
    });
    offset += idx.length;
  }
  return fold;
}

/** Result of cross-validation. */
export interface CvResult {
  folds: number;
  accuracy: number;
  /** Accuracy of always predicting the most frequent training class. */
  majorityBaseline: number;
  perFold: number[];
  /** `confusion[true][predicted]` counts. */
  confusion: number[][];
  n: number;
}

/** Stratified k-fold cross-validated accuracy of logistic regression. */
export function crossValidate(
  X: readonly Float64Array[],
  y: readonly number[],
  classes: string[],
  k: number,
  seed: number,
  opts: LogRegOptions = {},
): CvResult {
  const K = classes.length;
  const folds = Math.max(2, Math.min(k, y.length));
  const fold = stratifiedFolds(y, folds, seed);
  const confusion = Array.from({ length: K }, () => new Array(K).fill(0));
  const perFold: number[] = [];
  let correct = 0;
  let majority = 0;
  for (let f = 0; f < folds; f++) {
    const tr = y.map((_, i) => i).filter((i) => fold[i] !== f);
    const te = y.map((_, i) => i).filter((i) => fold[i] === f);
    if (te.length === 0 || tr.length === 0) continue;
    const sw = opts.sampleWeights;
    const model = fitLogReg(
      tr.map((i) => X[i]),
      tr.map((i) => y[i]),
      classes,
      { ...opts, sampleWeights: sw ? tr.map((i) => sw[i]) : undefined },
    );
    const counts = new Array(K).fill(0);
    for (const i of tr) counts[y[i]]++;
    const maj = argmax(counts);
    let c = 0;
    for (const i of te) {
      const p = argmax(predictProba(model, X[i]));
      confusion[y[i]][p]++;
      if (p === y[i]) c++;
      if (maj === y[i]) majority++;
    }
    correct += c;
    perFold.push(c / te.length);
  }
  return {
    folds,
    accuracy: correct / y.length,
    majorityBaseline: majority / y.length,
    perFold,
    confusion,
    n: y.length,
  };
}
