/**
 * L2-regularised logistic regression fitted by Newton's method (IRLS) in plain TypeScript, on sparse rows (one-hot
 * tabular features have few non-zeros, so the Hessian costs O(n * nnz^2) per step). Deterministic: no randomness.
 * It is the score model of the Adult study; the post-processor only sees its scores.
 */

/** A fitted model: weights per feature and an intercept. */
export interface LogisticModel {
  weights: Float64Array;
  bias: number;
  /** Newton steps taken and whether the step size fell under the tolerance. */
  iterations: number;
  converged: boolean;
}

/** Rows in compressed sparse form. */
interface Csr {
  ptr: Int32Array;
  idx: Int32Array;
  val: Float64Array;
}

function toCsr(x: ArrayLike<number>, n: number, d: number): Csr {
  let nnz = 0;
  for (let i = 0; i < n * d; i++) if (x[i] !== 0) nnz++;
  const ptr = new Int32Array(n + 1);
  const idx = new Int32Array(nnz);
  const val = new Float64Array(nnz);
  let o = 0;
  for (let r = 0; r < n; r++) {
    for (let j = 0; j < d; j++) {
      const v = x[r * d + j];
      if (v !== 0) {
        idx[o] = j;
        val[o++] = v;
      }
    }
    ptr[r + 1] = o;
  }
  return { ptr, idx, val };
}

/** Solves A x = b for a symmetric positive-definite A given by its lower triangle (row-major, size m); A is overwritten. */
function choleskySolve(A: Float64Array, b: Float64Array, m: number): Float64Array {
  for (let j = 0; j < m; j++) {
    let s = A[j * m + j];
    for (let k = 0; k < j; k++) s -= A[j * m + k] * A[j * m + k];
    if (!(s > 0)) throw new Error("logistic regression: Hessian is not positive definite");
    const l = Math.sqrt(s);
    A[j * m + j] = l;
    for (let i = j + 1; i < m; i++) {
      let t = A[i * m + j];
      for (let k = 0; k < j; k++) t -= A[i * m + k] * A[j * m + k];
      A[i * m + j] = t / l;
    }
  }
  const y = new Float64Array(m);
  for (let i = 0; i < m; i++) {
    let t = b[i];
    for (let k = 0; k < i; k++) t -= A[i * m + k] * y[k];
    y[i] = t / A[i * m + i];
  }
  const x = new Float64Array(m);
  for (let i = m - 1; i >= 0; i--) {
    let t = y[i];
    for (let k = i + 1; k < m; k++) t -= A[k * m + i] * x[k];
    x[i] = t / A[i * m + i];
  }
  return x;
}

const sigmoid = (z: number) => (z >= 0 ? 1 / (1 + Math.exp(-z)) : Math.exp(z) / (1 + Math.exp(z)));

/**
 * Fits logistic regression on n rows of d features (row-major) with labels 0/1, minimising the mean log loss plus
 * (l2 / 2) * ||w||^2 (the intercept is not penalised). Newton steps until the largest update is below `tol`.
 */
export function fitLogistic(
  x: ArrayLike<number>,
  y: ArrayLike<number>,
  d: number,
  opts: { l2?: number; maxIter?: number; tol?: number } = {},
): LogisticModel {
  const n = y.length;
  if (x.length !== n * d) throw new RangeError(`fitLogistic: x has ${x.length} values, expected ${n} x ${d}`);
  const l2 = opts.l2 ?? 1e-4;
  const maxIter = opts.maxIter ?? 30;
  const tol = opts.tol ?? 1e-8;
  const X = toCsr(x, n, d);
  const m = d + 1; // last coordinate: intercept
  const w = new Float64Array(m);
  let it = 0;
  let converged = false;
  while (it < maxIter && !converged) {
    it++;
    const g = new Float64Array(m);
    const H = new Float64Array(m * m);
    for (let r = 0; r < n; r++) {
      let z = w[d];
      for (let o = X.ptr[r]; o < X.ptr[r + 1]; o++) z += w[X.idx[o]] * X.val[o];
      const p = sigmoid(z);
      const e = (p - y[r]) / n;
      const h = (p * (1 - p)) / n;
      g[d] += e;
      H[d * m + d] += h;
      for (let o = X.ptr[r]; o < X.ptr[r + 1]; o++) {
        const j = X.idx[o];
        const vj = X.val[o];
        g[j] += e * vj;
        H[d * m + j] += h * vj;
        for (let q = X.ptr[r]; q <= o; q++) H[j * m + X.idx[q]] += h * vj * X.val[q];
      }
    }
    for (let j = 0; j < d; j++) {
      g[j] += l2 * w[j];
      H[j * m + j] += l2;
    }
    // Only the lower triangle of H is filled (row indices ascend within a row; the intercept is last): Cholesky
    // reads nothing else.
    const step = choleskySolve(H, g, m);
    let big = 0;
    for (let j = 0; j < m; j++) {
      w[j] -= step[j];
      big = Math.max(big, Math.abs(step[j]));
    }
    converged = big < tol;
  }
  return { weights: w.slice(0, d), bias: w[d], iterations: it, converged };
}

/** P(y = 1) for each of n rows of d features. */
export function predictLogistic(model: LogisticModel, x: ArrayLike<number>, d: number): Float64Array {
  const n = x.length / d;
  const out = new Float64Array(n);
  for (let r = 0; r < n; r++) {
    let z = model.bias;
    for (let j = 0; j < d; j++) {
      const v = x[r * d + j];
      if (v !== 0) z += model.weights[j] * v;
    }
    out[r] = sigmoid(z);
  }
  return out;
}
