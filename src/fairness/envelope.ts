/**
 * The lower envelope min_a U_a(x) of several piecewise-linear functions (groups' ROC hulls), with every
 * breakpoint: the vertices of each function and the crossings of two functions between vertices. For ROC hulls
 * the region under the envelope and above the diagonal is the intersection of the groups' feasible sets, and
 * its upper boundary's breakpoints are the candidate optima of a linear objective (equalized odds).
 */
import { evaluateSorted, type Hull } from "./hull.js";

/** Breakpoints (x ascending) of the lower envelope and its value at each. */
export interface Envelope {
  x: Float64Array;
  y: Float64Array;
}

/** Sorted union of the x coordinates of several hulls, duplicates removed. */
export function mergedVertices(hulls: Hull[]): Float64Array {
  let total = 0;
  for (const h of hulls) total += h.x.length;
  const all = new Float64Array(total);
  let o = 0;
  for (const h of hulls) {
    all.set(h.x, o);
    o += h.x.length;
  }
  all.sort();
  let m = 0;
  for (let i = 0; i < all.length; i++) if (i === 0 || all[i] !== all[m - 1]) all[m++] = all[i];
  return all.slice(0, m);
}

/** Lower envelope of hulls over the union of their x ranges (each hull is clamped outside its own range). */
export function lowerEnvelope(hulls: Hull[]): Envelope {
  const xs = mergedVertices(hulls);
  const G = hulls.length;
  const vals = hulls.map((h) => evaluateSorted(h, xs));
  const outX: number[] = [];
  const outY: number[] = [];
  const minAt = (i: number): number => {
    let v = vals[0][i];
    for (let a = 1; a < G; a++) if (vals[a][i] < v) v = vals[a][i];
    return v;
  };
  for (let i = 0; i < xs.length; i++) {
    outX.push(xs[i]);
    outY.push(minAt(i));
    if (i + 1 === xs.length) break;
    // On (xs[i], xs[i+1]) every function is linear: walk the crossings of the minimum.
    const x0 = xs[i];
    const dx = xs[i + 1] - x0;
    const slope = new Float64Array(G);
    for (let a = 0; a < G; a++) slope[a] = (vals[a][i + 1] - vals[a][i]) / dx;
    const at = (a: number, x: number) => vals[a][i] + slope[a] * (x - x0);
    // Current argmin at x0 (ties: the smaller slope stays lowest to the right).
    let cur = 0;
    for (let a = 1; a < G; a++) {
      const d = vals[a][i] - vals[cur][i];
      if (d < 0 || (d === 0 && slope[a] < slope[cur])) cur = a;
    }
    let x = x0;
    for (let guard = 0; guard < G; guard++) {
      let next = -1;
      let nx = xs[i + 1];
      for (let a = 0; a < G; a++) {
        if (a === cur || !(slope[a] < slope[cur])) continue;
        const cx = x0 + (vals[a][i] - vals[cur][i]) / (slope[cur] - slope[a]);
        if (cx > x && cx < nx) {
          nx = cx;
          next = a;
        }
      }
      if (next < 0) break;
      outX.push(nx);
      outY.push(at(cur, nx));
      cur = next;
      x = nx;
    }
  }
  return { x: Float64Array.from(outX), y: Float64Array.from(outY) };
}
