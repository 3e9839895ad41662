/**
 * Prediction difference (PD) between models trained identically but for seed or data order (Shamir et al. 2020):
 * absolute and relative PD of binary probabilities, total-variation PD and top-1 disagreement of class
 * distributions, PD on the true label, and the mean and standard deviation over all pairs of several runs.
 */
import { InputError } from "../util/errors.js";

function same(a: ArrayLike<number>, b: ArrayLike<number>, what: string): void {
  if (a.length === 0) throw new InputError(`${what}: empty input`);
  if (a.length !== b.length)
    throw new InputError(`${what}: runs have ${a.length} and ${b.length} predictions`);
}

/** Mean |p1 - p2| over examples. */
export function absolutePD(p1: ArrayLike<number>, p2: ArrayLike<number>): number {
  same(p1, p2, "absolute PD");
  let s = 0;
  for (let i = 0; i < p1.length; i++) s += Math.abs(p1[i] - p2[i]);
  return s / p1.length;
}

/** Mean |p1 - p2| / ((p1 + p2) / 2), a term being 0 where both probabilities are 0. */
export function relativePD(p1: ArrayLike<number>, p2: ArrayLike<number>): number {
  same(p1, p2, "relative PD");
  let s = 0;
  for (let i = 0; i < p1.length; i++) {
    const m = (p1[i] + p2[i]) / 2;
    if (m > 0) s += Math.abs(p1[i] - p2[i]) / m;
  }
  return s / p1.length;
}

/** Mean total-variation distance between class distributions [n, k]: (1/2n) sum |P1 - P2|. */
export function multiclassPD(P1: ArrayLike<number>, P2: ArrayLike<number>, k: number): number {
  same(P1, P2, "multiclass PD");
  if (P1.length % k) throw new InputError(`multiclass PD: ${P1.length} values are not rows of ${k}`);
  let s = 0;
  for (let i = 0; i < P1.length; i++) s += Math.abs(P1[i] - P2[i]);
  return s / 2 / (P1.length / k);
}

function argmaxRow(P: ArrayLike<number>, i: number, k: number): number {
  let b = 0;
  for (let j = 1; j < k; j++) if (P[i * k + j] > P[i * k + b]) b = j;
  return b;
}

/** Fraction of examples whose top-1 class differs between the runs (churn). */
export function top1Disagreement(P1: ArrayLike<number>, P2: ArrayLike<number>, k: number): number {
  same(P1, P2, "top-1 disagreement");
  const n = P1.length / k;
  let d = 0;
  for (let i = 0; i < n; i++) if (argmaxRow(P1, i, k) !== argmaxRow(P2, i, k)) d++;
  return d / n;
}

/** Mean |P1(y) - P2(y)| of the probability given to the true label. */
export function trueLabelPD(
  P1: ArrayLike<number>,
  P2: ArrayLike<number>,
  labels: ArrayLike<number>,
  k: number,
): number {
  same(P1, P2, "true-label PD");
  if (labels.length * k !== P1.length)
    throw new InputError(`true-label PD: ${labels.length} labels for ${P1.length / k} rows`);
  let s = 0;
  for (let i = 0; i < labels.length; i++) s += Math.abs(P1[i * k + labels[i]] - P2[i * k + labels[i]]);
  return s / labels.length;
}

/** A PD statistic over all pairs of runs: mean, sample standard deviation and the number of pairs. */
export function pairwisePD<T>(
  runs: T[],
  fn: (a: T, b: T) => number,
): { mean: number; std: number; pairs: number } {
  if (runs.length < 2) throw new InputError(`PD needs at least two runs, got ${runs.length}`);
  const v: number[] = [];
  for (let i = 0; i < runs.length; i++)
    for (let j = i + 1; j < runs.length; j++) v.push(fn(runs[i], runs[j]));
  const mean = v.reduce((a, b) => a + b, 0) / v.length;
  const std = v.length > 1 ? Math.sqrt(v.reduce((a, b) => a + (b - mean) ** 2, 0) / (v.length - 1)) : 0;
  return { mean, std, pairs: v.length };
}
