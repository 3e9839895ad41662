/**
 * Rater agreement: consensus labels (plurality with a minimum share; ties give no consensus), Fleiss' kappa
 * (Fleiss 1971) for many raters per item, and mean pairwise percent agreement.
 */

/** One item's votes: class id -> number of raters who chose it. */
export type Votes = Record<string, number>;

/** An item's consensus. */
export interface Consensus {
  /** The winning class, or null on a tie or when it has less than the required share. */
  label: string | null;
  /** Share of the raters who chose the winner. */
  share: number;
  raters: number;
}

/** Plurality consensus of one item's votes. */
export function consensus(votes: Votes, minShare = 0.5, minRaters = 1): Consensus {
  const entries = Object.entries(votes).filter(([, n]) => n > 0);
  const raters = entries.reduce((s, [, n]) => s + n, 0);
  if (raters < minRaters || entries.length === 0) return { label: null, share: 0, raters };
  entries.sort((a, b) => b[1] - a[1]);
  const [best, n] = entries[0];
  const tie = entries.length > 1 && entries[1][1] === n;
  const share = n / raters;
  return { label: tie || share < minShare ? null : best, share, raters };
}

/** Result of {@link fleissKappa}. */
export interface KappaResult {
  kappa: number;
  /** Mean observed agreement P-bar. */
  observed: number;
  /** Chance agreement P-bar_e. */
  expected: number;
  /** Items used (those with at least two raters). */
  items: number;
  /** Share of all assignments per category. */
  categoryShares: number[];
}

/**
 * Fleiss' kappa from an items x categories count matrix. Items may have different numbers of raters (each item's
 * agreement uses its own count, as in Fleiss' definition with n_i in place of n); items with fewer than two
 * raters are skipped. Returns NaN kappa when chance agreement is 1 (everyone always picks one category).
 */
export function fleissKappa(counts: readonly (readonly number[])[]): KappaResult {
  const rows = counts.filter((r) => r.reduce((a, b) => a + b, 0) >= 2);
  const K = counts[0]?.length ?? 0;
  const totals = new Array(K).fill(0);
  let assignments = 0;
  let pBar = 0;
  for (const r of rows) {
    const n = r.reduce((a, b) => a + b, 0);
    let s = 0;
    for (let j = 0; j < K; j++) {
      s += r[j] * (r[j] - 1);
      totals[j] += r[j];
    }
    assignments += n;
    pBar += s / (n * (n - 1));
  }
  const N = rows.length;
  if (N === 0)
    return {
      kappa: Number.NaN,
      observed: Number.NaN,
      expected: Number.NaN,
      items: 0,
      categoryShares: totals,
    };
  pBar /= N;
  const shares = totals.map((t) => t / assignments);
  const pe = shares.reduce((s, p) => s + p * p, 0);
  const kappa = pe >= 1 ? Number.NaN : (pBar - pe) / (1 - pe);
  return { kappa, observed: pBar, expected: pe, items: N, categoryShares: shares };
}

/** Mean over items of the share of rater pairs that agree (items with at least two raters). */
export function pairwiseAgreement(counts: readonly (readonly number[])[]): number {
  let sum = 0;
  let n = 0;
  for (const r of counts) {
    const m = r.reduce((a, b) => a + b, 0);
    if (m < 2) continue;
    sum += r.reduce((s, c) => s + c * (c - 1), 0) / (m * (m - 1));
    n++;
  }
  return n ? sum / n : Number.NaN;
}

/** Landis & Koch's (1977) words for a kappa value. */
export function kappaWords(k: number): string {
  if (!Number.isFinite(k)) return "undefined";
  if (k < 0) return "poor";
  if (k <= 0.2) return "slight";
  if (k <= 0.4) return "fair";
  if (k <= 0.6) return "moderate";
  if (k <= 0.8) return "substantial";
  return "almost perfect";
}
