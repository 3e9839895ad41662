/**
 * Seeded data splits: shuffles, train/validation/test fractions, k-fold, stratified versions for single-label
 * data, and iterative stratification for multi-label data (Sechidis, Tsoumakas & Vlahavas 2011), by default over
 * second-order label combinations (Szymanski & Kajdanowicz 2017; scikit-multilearn's order=2, where a combination
 * may repeat a label so that single-label examples count too).
 */
import { InputError } from "../util/errors.js";
import type { Rng } from "../util/rng.js";

/** A random permutation of 0..n-1. */
export function shuffledIndices(n: number, rng: Rng): Int32Array {
  return rng.permutation(n);
}

function checkFractions(fractions: number[]): void {
  if (
    !fractions.length ||
    fractions.some((f) => !(f >= 0)) ||
    Math.abs(fractions.reduce((a, b) => a + b, 0) - 1) > 1e-9
  )
    throw new InputError(`split fractions must be non-negative and sum to 1, got ${fractions.join(", ")}`);
}

/** Sizes of parts for fractions of n (largest remainders, so they sum to n). */
export function partSizes(n: number, fractions: number[]): number[] {
  checkFractions(fractions);
  const exact = fractions.map((f) => f * n);
  const sizes = exact.map(Math.floor);
  let left = n - sizes.reduce((a, b) => a + b, 0);
  const order = exact.map((e, i) => [e - Math.floor(e), i]).sort((a, b) => b[0] - a[0] || a[1] - b[1]);
  for (let k = 0; left > 0; k++, left--) sizes[order[k % order.length][1]]++;
  return sizes;
}

/** Random disjoint parts of 0..n-1 with the given fractions (e.g. [0.8, 0.1, 0.1]). */
export function trainValTestSplit(n: number, fractions: number[], rng: Rng): Int32Array[] {
  const perm = rng.permutation(n);
  const out: Int32Array[] = [];
  let off = 0;
  for (const s of partSizes(n, fractions)) {
    out.push(perm.slice(off, off + s).sort());
    off += s;
  }
  return out;
}

/** One fold: indices to train on and to test on. */
export interface Fold {
  train: Int32Array;
  test: Int32Array;
}

/** Folds from a fold assignment (fold id per example). */
export function foldsFromAssignment(assign: Int32Array, k: number): Fold[] {
  return Array.from({ length: k }, (_, f) => {
    const test: number[] = [];
    const train: number[] = [];
    assign.forEach((a, i) => {
      (a === f ? test : train).push(i);
    });
    return { train: Int32Array.from(train), test: Int32Array.from(test) };
  });
}

/** Random k-fold cross-validation folds. */
export function kFold(n: number, k: number, rng: Rng): Fold[] {
  if (!(k >= 2 && k <= n)) throw new InputError(`k-fold needs 2 <= k <= n, got k=${k}, n=${n}`);
  const perm = rng.permutation(n);
  const assign = new Int32Array(n);
  perm.forEach((idx, pos) => {
    assign[idx] = pos % k;
  });
  return foldsFromAssignment(assign, k);
}

/** Fold assignment that keeps each class's share equal across folds (classes dealt round-robin after a shuffle). */
export function stratifiedAssignment(labels: ArrayLike<number | string>, k: number, rng: Rng): Int32Array {
  const n = labels.length;
  const byClass = new Map<string, number[]>();
  for (let i = 0; i < n; i++) {
    const key = String(labels[i]);
    if (!byClass.has(key)) byClass.set(key, []);
    byClass.get(key)!.push(i);
  }
  const assign = new Int32Array(n);
  let offset = 0;
  for (const key of [...byClass.keys()].sort()) {
    const idx = byClass.get(key)!;
    rng.shuffle(idx);
    idx.forEach((i, pos) => {
      assign[i] = (pos + offset) % k;
    });
    offset += idx.length;
  }
  return assign;
}

/** Stratified k-fold folds for single-label data. */
export function stratifiedKFold(labels: ArrayLike<number | string>, k: number, rng: Rng): Fold[] {
  if (!(k >= 2 && k <= labels.length))
    throw new InputError(`k-fold needs 2 <= k <= n, got k=${k}, n=${labels.length}`);
  return foldsFromAssignment(stratifiedAssignment(labels, k, rng), k);
}

/** Stratified parts with the given fractions for single-label data. */
export function stratifiedSplit(
  labels: ArrayLike<number | string>,
  fractions: number[],
  rng: Rng,
): Int32Array[] {
  checkFractions(fractions);
  const byClass = new Map<string, number[]>();
  for (let i = 0; i < labels.length; i++) {
    const key = String(labels[i]);
    if (!byClass.has(key)) byClass.set(key, []);
    byClass.get(key)!.push(i);
  }
  const parts: number[][] = fractions.map(() => []);
  for (const key of [...byClass.keys()].sort()) {
    const idx = byClass.get(key)!;
    rng.shuffle(idx);
    let off = 0;
    partSizes(idx.length, fractions).forEach((s, p) => {
      parts[p].push(...idx.slice(off, off + s));
      off += s;
    });
  }
  return parts.map((p) => Int32Array.from(p).sort());
}

/** Label sets per example from a 0/1 matrix [n, L] (flat) or per-example label lists. */
function labelSets(labels: ArrayLike<number> | number[][], nLabels?: number): number[][] {
  if (Array.isArray(labels) && Array.isArray(labels[0])) {
    const rows = labels as number[][];
    // A list of 0/1 rows if every row has the same length and only 0/1 values, else lists of label ids.
    const L = rows[0].length;
    const binary = rows.every((r) => r.length === L && r.every((v) => v === 0 || v === 1));
    return binary ? rows.map((r) => r.flatMap((v, j) => (v ? [j] : []))) : rows.map((r) => [...new Set(r)]);
  }
  const flat = labels as ArrayLike<number>;
  if (!nLabels || flat.length % nLabels)
    throw new InputError("iterative stratification: a flat label matrix needs nLabels dividing its length");
  const n = flat.length / nLabels;
  return Array.from({ length: n }, (_, i) => {
    const s: number[] = [];
    for (let j = 0; j < nLabels; j++) if (flat[i * nLabels + j]) s.push(j);
    return s;
  });
}

/** Label combinations of an example: single labels (order 1) or pairs with repetition (order 2). */
function combinations(set: number[], order: 1 | 2): string[] {
  if (order === 1) return set.map(String);
  const out: string[] = [];
  for (let a = 0; a < set.length; a++) for (let b = a; b < set.length; b++) out.push(`${set[a]},${set[b]}`);
  return out;
}

/**
 * Iterative stratification: assigns each example to one of `fractions.length` parts so that every label
 * combination is spread across parts in proportion to the fractions. Returns the part id of each example.
 */
export function iterativeStratification(
  labels: ArrayLike<number> | number[][],
  fractions: number[],
  rng: Rng,
  opts: { nLabels?: number; order?: 1 | 2 } = {},
): Int32Array {
  checkFractions(fractions);
  const sets = labelSets(labels, opts.nLabels);
  const n = sets.length;
  const k = fractions.length;
  const combos = sets.map((s) => combinations(s, opts.order ?? 2));
  // Examples per combination, and desired counts per part.
  const holders = new Map<string, Set<number>>();
  combos.forEach((cs, i) => {
    for (const c of cs) {
      if (!holders.has(c)) holders.set(c, new Set());
      holders.get(c)!.add(i);
    }
  });
  const desired = new Map<string, number[]>();
  for (const [c, h] of holders)
    desired.set(
      c,
      fractions.map((f) => f * h.size),
    );
  const capacity = fractions.map((f) => f * n);
  const assign = new Int32Array(n).fill(-1);
  let remaining = n;
  const place = (i: number, part: number) => {
    assign[i] = part;
    remaining--;
    capacity[part]--;
    for (const c of combos[i]) {
      desired.get(c)![part]--;
      holders.get(c)!.delete(i);
    }
  };
  const bestPart = (scores: number[] | null): number => {
    let cands = [...Array(k).keys()];
    if (scores) {
      const m = Math.max(...cands.map((p) => scores[p]));
      cands = cands.filter((p) => scores[p] === m);
    }
    const mc = Math.max(...cands.map((p) => capacity[p]));
    cands = cands.filter((p) => capacity[p] === mc);
    return cands[rng.int(cands.length)];
  };
  while (remaining > 0) {
    // The combination with the fewest (but at least one) unassigned examples; ties at random.
    let min = Number.POSITIVE_INFINITY;
    let ties: string[] = [];
    for (const [c, h] of holders) {
      if (h.size === 0) continue;
      if (h.size < min) {
        min = h.size;
        ties = [c];
      } else if (h.size === min) ties.push(c);
    }
    if (!ties.length) break;
    ties.sort();
    const c = ties[rng.int(ties.length)];
    const members = [...holders.get(c)!].sort((a, b) => a - b);
    rng.shuffle(members);
    for (const i of members) place(i, bestPart(desired.get(c)!));
  }
  // Examples without labels go where capacity is largest.
  for (let i = 0; i < n; i++) if (assign[i] < 0) place(i, bestPart(null));
  return assign;
}

/** Multi-label k-fold folds by iterative stratification. */
export function iterativeKFold(
  labels: ArrayLike<number> | number[][],
  k: number,
  rng: Rng,
  opts: { nLabels?: number; order?: 1 | 2 } = {},
): Fold[] {
  const assign = iterativeStratification(labels, new Array(k).fill(1 / k), rng, opts);
  return foldsFromAssignment(assign, k);
}

/** Multi-label parts with the given fractions (e.g. 80/10/10) by iterative stratification. */
export function iterativeSplit(
  labels: ArrayLike<number> | number[][],
  fractions: number[],
  rng: Rng,
  opts: { nLabels?: number; order?: 1 | 2 } = {},
): Int32Array[] {
  const assign = iterativeStratification(labels, fractions, rng, opts);
  return fractions.map((_, p) => Int32Array.from(Array.from(assign).flatMap((a, i) => (a === p ? [i] : []))));
}
