/**
 * Optimal assignment (Hungarian / Kuhn-Munkres with potentials, O(n^2 m)) for rectangular cost matrices, and the
 * sequence accuracy of two labelings after optimal one-to-one label matching (UIS-RNN's evaluation).
 */
import { InputError } from "../util/errors.js";

/**
 * Minimum-cost assignment of rows to columns of a `rows` x `cols` cost matrix (row-major). Every row of the smaller
 * side gets a distinct partner; `rowToCol[r]` is -1 for rows left unassigned (when rows > cols).
 */
export function hungarian(
  cost: ArrayLike<number> | number[][],
  rows: number,
  cols: number,
): { rowToCol: Int32Array; cost: number } {
  const flat = Array.isArray(cost[0] as unknown)
    ? (cost as number[][]).flat()
    : Array.from(cost as ArrayLike<number>);
  if (flat.length !== rows * cols)
    throw new InputError(`hungarian: ${flat.length} costs for a ${rows} x ${cols} matrix`);
  const transpose = rows > cols;
  const n = transpose ? cols : rows;
  const m = transpose ? rows : cols;
  const a = (i: number, j: number) => (transpose ? flat[j * cols + i] : flat[i * cols + j]);
  // Potentials u (rows 1..n), v (cols 0..m), matching p[col] = row (1-based), col 0 is a sentinel.
  const u = new Float64Array(n + 1);
  const v = new Float64Array(m + 1);
  const p = new Int32Array(m + 1);
  const way = new Int32Array(m + 1);
  for (let i = 1; i <= n; i++) {
    p[0] = i;
    let j0 = 0;
    const minv = new Float64Array(m + 1).fill(Number.POSITIVE_INFINITY);
    const used = new Uint8Array(m + 1);
    do {
      used[j0] = 1;
      const i0 = p[j0];
      let delta = Number.POSITIVE_INFINITY;
      let j1 = 0;
      for (let j = 1; j <= m; j++) {
        if (used[j]) continue;
        const cur = a(i0 - 1, j - 1) - u[i0] - v[j];
        if (cur < minv[j]) {
          minv[j] = cur;
          way[j] = j0;
        }
        if (minv[j] < delta) {
          delta = minv[j];
          j1 = j;
        }
      }
      for (let j = 0; j <= m; j++) {
        if (used[j]) {
          u[p[j]] += delta;
          v[j] -= delta;
        } else minv[j] -= delta;
      }
      j0 = j1;
    } while (p[j0] !== 0);
    do {
      const j1 = way[j0];
      p[j0] = p[j1];
      j0 = j1;
    } while (j0);
  }
  const rowToCol = new Int32Array(rows).fill(-1);
  let total = 0;
  for (let j = 1; j <= m; j++) {
    if (!p[j]) continue;
    const r = transpose ? j - 1 : p[j] - 1;
    const c = transpose ? p[j] - 1 : j - 1;
    rowToCol[r] = c;
    total += flat[r * cols + c];
  }
  return { rowToCol, cost: total };
}

/**
 * Fraction of positions where two labelings agree after the best one-to-one mapping between their label sets
 * (e.g. [0,0,1,2,2] vs [3,3,4,4,1] -> 0.8). Labels may be numbers or strings.
 */
export function matchedAccuracy(ref: ArrayLike<number | string>, hyp: ArrayLike<number | string>): number {
  if (ref.length === 0 || hyp.length === 0) throw new InputError("matched accuracy: empty sequence");
  if (ref.length !== hyp.length)
    throw new InputError(`matched accuracy: sequences of length ${ref.length} and ${hyp.length}`);
  const ri = new Map<string, number>();
  const hi = new Map<string, number>();
  for (let t = 0; t < ref.length; t++) {
    const r = String(ref[t]);
    const h = String(hyp[t]);
    if (!ri.has(r)) ri.set(r, ri.size);
    if (!hi.has(h)) hi.set(h, hi.size);
  }
  const R = ri.size;
  const H = hi.size;
  const count = new Float64Array(R * H);
  for (let t = 0; t < ref.length; t++) count[ri.get(String(ref[t]))! * H + hi.get(String(hyp[t]))!]++;
  const { cost } = hungarian(
    Array.from(count, (c) => -c),
    R,
    H,
  );
  return -cost / ref.length;
}
