/**
 * Upper concave hulls of point sequences sorted by x, and exact evaluation on them. Mixing the two operating
 * points at the ends of a hull segment reaches every point of the segment, so a hull is the best trade-off a
 * randomised threshold rule can realise.
 */

/** An upper concave hull: vertices with strictly increasing x and the index of the input point of each. */
export interface Hull {
  x: Float64Array;
  y: Float64Array;
  /** Index into the input points of each vertex. */
  idx: Int32Array;
}

/**
 * Upper concave hull of points (x[k], y[k]) given with x non-decreasing in k (Andrew's monotone chain).
 * Among points with equal x only the highest is kept (the first one on ties); collinear middle points are
 * dropped, as in fairlearn (`(y1 - y0)(x2 - x0) <= (y2 - y0)(x1 - x0)` drops point 1).
 */
export function upperHull(x: ArrayLike<number>, y: ArrayLike<number>): Hull {
  const n = x.length;
  const hx = new Float64Array(n);
  const hy = new Float64Array(n);
  const hi = new Int32Array(n);
  let h = 0;
  let k = 0;
  while (k < n) {
    // Best point of the run of equal x.
    let best = k;
    let e = k + 1;
    while (e < n && x[e] === x[k]) {
      if (y[e] > y[best]) best = e;
      e++;
    }
    if (h > 0 && x[k] < hx[h - 1]) throw new RangeError("upperHull: x must be non-decreasing");
    const px = x[best];
    const py = y[best];
    while (h >= 2) {
      const x0 = hx[h - 2];
      const y0 = hy[h - 2];
      const x1 = hx[h - 1];
      const y1 = hy[h - 1];
      if ((y1 - y0) * (px - x0) <= (py - y0) * (x1 - x0)) h--;
      else break;
    }
    hx[h] = px;
    hy[h] = py;
    hi[h] = best;
    h++;
    k = e;
  }
  return { x: hx.slice(0, h), y: hy.slice(0, h), idx: hi.slice(0, h) };
}

/** Where x falls on a hull: the two bracketing vertices and the weight on the upper one. */
export interface HullLocation {
  /** Vertex index (into the hull) at or left of x. */
  lo: number;
  /** Vertex index at or right of x (equal to lo when x is a vertex). */
  hi: number;
  /** Weight of vertex hi: x = (1 - w) * x[lo] + w * x[hi]. */
  w: number;
  /** The hull's value at x. */
  y: number;
}

/** Locates x on a hull (clamped to its x range). Exact at vertices. */
export function locateOnHull(h: Hull, x: number): HullLocation {
  const n = h.x.length;
  if (x <= h.x[0]) return { lo: 0, hi: 0, w: 0, y: h.y[0] };
  if (x >= h.x[n - 1]) return { lo: n - 1, hi: n - 1, w: 0, y: h.y[n - 1] };
  let lo = 0;
  let hi = n - 1;
  // Invariant: h.x[lo] < x < h.x[hi] unless found.
  while (hi - lo > 1) {
    const mid = (lo + hi) >> 1;
    if (h.x[mid] === x) return { lo: mid, hi: mid, w: 0, y: h.y[mid] };
    if (h.x[mid] < x) lo = mid;
    else hi = mid;
  }
  const w = (x - h.x[lo]) / (h.x[hi] - h.x[lo]);
  return { lo, hi, w, y: (1 - w) * h.y[lo] + w * h.y[hi] };
}

/** Evaluates a hull at sorted query points with one forward pass (queries must be non-decreasing). */
export function evaluateSorted(
  h: Hull,
  xs: ArrayLike<number>,
  out = new Float64Array(xs.length),
): Float64Array {
  const n = h.x.length;
  let s = 0;
  for (let q = 0; q < xs.length; q++) {
    const x = xs[q];
    if (x <= h.x[0]) {
      out[q] = h.y[0];
      continue;
    }
    if (x >= h.x[n - 1]) {
      out[q] = h.y[n - 1];
      continue;
    }
    while (s + 1 < n && h.x[s + 1] < x) s++;
    const x0 = h.x[s];
    const x1 = h.x[s + 1];
    if (x === x1) out[q] = h.y[s + 1];
    else out[q] = h.y[s] + ((h.y[s + 1] - h.y[s]) * (x - x0)) / (x1 - x0);
  }
  return out;
}
