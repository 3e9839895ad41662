/**
 * One group's ROC curve on a score: the distinct scores in descending order with the (weighted) number of
 * positives and negatives at each, and the operating points of every threshold. Operating point k (0..m) predicts
 * positive iff `score > threshold(k)` and accepts exactly the k highest distinct scores. As in fairlearn, the
 * thresholds are +Infinity (nobody), the midpoints between consecutive distinct scores, and -Infinity (everybody).
 */

/** A group's score distribution split by label, with cumulative counts per threshold. */
export interface GroupCurve {
  /** Group name. */
  name: string;
  /** Distinct scores, strictly descending (length m). */
  scores: Float64Array;
  /** Positive (label 1) weight at each distinct score. */
  pos: Float64Array;
  /** Negative (label 0) weight at each distinct score. */
  neg: Float64Array;
  /** cumPos[k] = positive weight with score >= scores[k-1] (length m + 1, cumPos[0] = 0). */
  cumPos: Float64Array;
  /** cumNeg[k] = negative weight with score >= scores[k-1] (length m + 1, cumNeg[0] = 0). */
  cumNeg: Float64Array;
  /** Total positive weight. */
  P: number;
  /** Total negative weight. */
  N: number;
}

/** Builds a curve from distinct descending scores and the positive/negative weight at each. */
export function curveFromBins(
  name: string,
  scores: Float64Array,
  pos: Float64Array,
  neg: Float64Array,
): GroupCurve {
  const m = scores.length;
  if (pos.length !== m || neg.length !== m) throw new RangeError("curveFromBins: length mismatch");
  for (let i = 1; i < m; i++)
    if (!(scores[i] < scores[i - 1]))
      throw new RangeError("curveFromBins: scores must be strictly descending");
  const cumPos = new Float64Array(m + 1);
  const cumNeg = new Float64Array(m + 1);
  for (let i = 0; i < m; i++) {
    cumPos[i + 1] = cumPos[i] + pos[i];
    cumNeg[i + 1] = cumNeg[i] + neg[i];
  }
  return { name, scores, pos, neg, cumPos, cumNeg, P: cumPos[m], N: cumNeg[m] };
}

/**
 * Builds a curve from the scores of a group's positives and of its negatives (each row weighs 1).
 * The arrays are sorted in place. O(n log n).
 */
export function curveFromLabelledScores(
  name: string,
  posScores: Float64Array,
  negScores: Float64Array,
): GroupCurve {
  posScores.sort();
  negScores.sort();
  const cap = posScores.length + negScores.length;
  const scores = new Float64Array(cap);
  const pos = new Float64Array(cap);
  const neg = new Float64Array(cap);
  let i = posScores.length - 1;
  let j = negScores.length - 1;
  let m = 0;
  while (i >= 0 || j >= 0) {
    const s = i < 0 ? negScores[j] : j < 0 ? posScores[i] : Math.max(posScores[i], negScores[j]);
    let p = 0;
    let q = 0;
    while (i >= 0 && posScores[i] === s) {
      p++;
      i--;
    }
    while (j >= 0 && negScores[j] === s) {
      q++;
      j--;
    }
    scores[m] = s;
    pos[m] = p;
    neg[m] = q;
    m++;
  }
  return curveFromBins(name, scores.slice(0, m), pos.slice(0, m), neg.slice(0, m));
}

/** Number of operating points of a curve (m + 1). */
export function pointCount(c: GroupCurve): number {
  return c.cumPos.length;
}

/** The threshold of operating point k: predict positive iff score > threshold. */
export function thresholdAt(c: GroupCurve, k: number): number {
  const m = c.scores.length;
  if (k <= 0) return Number.POSITIVE_INFINITY;
  if (k >= m) return Number.NEGATIVE_INFINITY;
  const hi = c.scores[k - 1];
  const lo = c.scores[k];
  const mid = lo + (hi - lo) / 2;
  // Adjacent doubles: the midpoint rounds to an end; the lower score still separates them.
  return mid < hi ? mid : lo;
}

/** True positive rate of point k (NaN when the group has no positives). */
export function tprAt(c: GroupCurve, k: number): number {
  return c.P > 0 ? c.cumPos[k] / c.P : Number.NaN;
}

/** False positive rate of point k (NaN when the group has no negatives). */
export function fprAt(c: GroupCurve, k: number): number {
  return c.N > 0 ? c.cumNeg[k] / c.N : Number.NaN;
}

/** Selection rate (fraction predicted positive) of point k. */
export function selectionRateAt(c: GroupCurve, k: number): number {
  const n = c.P + c.N;
  return n > 0 ? (c.cumPos[k] + c.cumNeg[k]) / n : Number.NaN;
}

/** The operating point index for a threshold t (predict positive iff score > t), by binary search. */
export function pointForThreshold(c: GroupCurve, t: number): number {
  // Count distinct scores > t: scores are descending.
  let lo = 0;
  let hi = c.scores.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (c.scores[mid] > t) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
