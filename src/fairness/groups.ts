/**
 * Row-level inputs of a post-processor: validation of scores, labels and group names, and the split of the rows
 * into one ROC curve per group (O(n log n): one numeric sort per group and label).
 */
import { InputError } from "../util/errors.js";
import { curveFromLabelledScores, type GroupCurve } from "./curve.js";

/** Group names encoded as integer codes into a sorted list of names. */
export interface EncodedGroups {
  codes: Int32Array;
  names: string[];
}

/** Encodes group names (names sorted by code-point order, codes index them). */
export function encodeGroups(groups: ArrayLike<string> | EncodedGroups): EncodedGroups {
  if (!isArrayLikeStrings(groups)) return groups;
  const set = new Set<string>();
  for (let i = 0; i < groups.length; i++) set.add(groups[i]);
  const names = [...set].sort();
  const index = new Map(names.map((n, i) => [n, i]));
  const codes = new Int32Array(groups.length);
  for (let i = 0; i < groups.length; i++) codes[i] = index.get(groups[i])!;
  return { codes, names };
}

function isArrayLikeStrings(g: ArrayLike<string> | EncodedGroups): g is ArrayLike<string> {
  return !("codes" in g && "names" in g);
}

/** Checks lengths, finite scores, 0/1 labels, both classes present and at least two groups. */
export function validateRows(
  scores: ArrayLike<number>,
  labels: ArrayLike<number>,
  groups: EncodedGroups,
): void {
  const n = scores.length;
  if (labels.length !== n) throw new InputError(`labels have ${labels.length} rows, scores ${n}`);
  if (groups.codes.length !== n) throw new InputError(`groups have ${groups.codes.length} rows, scores ${n}`);
  if (n === 0) throw new InputError("no rows");
  let positives = 0;
  for (let i = 0; i < n; i++) {
    if (!Number.isFinite(scores[i]))
      throw new InputError(`score is not a finite number: ${scores[i]}`, `row ${i}`);
    const y = labels[i];
    if (y !== 0 && y !== 1) throw new InputError(`label must be 0 or 1, got ${y}`, `row ${i}`);
    positives += y;
  }
  if (positives === 0 || positives === n)
    throw new InputError(`labels are not binary: every row has label ${positives === 0 ? 0 : 1}`);
  if (groups.names.length < 2)
    throw new InputError(
      `only one group ('${groups.names[0]}'): group-aware post-processing needs at least two groups`,
    );
}

/** Splits rows into one curve per group (in the order of `groups.names`). */
export function groupCurves(
  scores: ArrayLike<number>,
  labels: ArrayLike<number>,
  groups: EncodedGroups,
): GroupCurve[] {
  const G = groups.names.length;
  const nPos = new Int32Array(G);
  const nNeg = new Int32Array(G);
  const n = scores.length;
  for (let i = 0; i < n; i++) {
    if (labels[i] === 1) nPos[groups.codes[i]]++;
    else nNeg[groups.codes[i]]++;
  }
  const pos = Array.from(nPos, (k) => new Float64Array(k));
  const neg = Array.from(nNeg, (k) => new Float64Array(k));
  const fp = new Int32Array(G);
  const fn = new Int32Array(G);
  for (let i = 0; i < n; i++) {
    const a = groups.codes[i];
    if (labels[i] === 1) pos[a][fp[a]++] = scores[i];
    else neg[a][fn[a]++] = scores[i];
  }
  return groups.names.map((name, a) => curveFromLabelledScores(name, pos[a], neg[a]));
}
