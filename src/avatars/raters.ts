/**
 * Simulated raters for generated data: each rater picks the true class with probability `accuracy`, otherwise a
 * wrong class (for ordered attributes, usually a neighbouring one). Used only where no human labels exist (tests,
 * the demo, the shipped classifiers); their labels are marked `simulated` in the store.
 */

import { Rng } from "../util/rng.js";
import { attributeDef } from "./attributes.js";
import type { LabelStore } from "./labels-db.js";

/** One simulated rater. */
export interface SimulatedRater {
  name: string;
  accuracy: number;
}

/** A panel of raters with accuracies spread over `[lo, hi]`. */
export function raterPanel(count: number, lo = 0.75, hi = 0.95): SimulatedRater[] {
  return Array.from({ length: count }, (_, k) => ({
    name: `sim-rater-${k + 1}`,
    accuracy: count === 1 ? hi : lo + ((hi - lo) * k) / (count - 1),
  }));
}

/** A simulated rater's choice for an item whose true class is `truth`. */
export function simulatedChoice(attribute: string, truth: string, accuracy: number, rng: Rng): string {
  const def = attributeDef(attribute);
  const ids = def.classes.map((c) => c.id);
  if (rng.next() < accuracy) return truth;
  const t = ids.indexOf(truth);
  const others = ids.map((_, k) => k).filter((k) => k !== t);
  const w = others.map((k) => (def.ordinal ? 1 / Math.abs(k - t) ** 2 : 1));
  return ids[others[rng.categorical(w)]];
}

/** Has every rater label every item with a known truth for each attribute; returns the number of labels added. */
export function simulateLabels(
  store: LabelStore,
  attributes: string[],
  raters: SimulatedRater[],
  seed: number,
): number {
  const rng = new Rng(seed);
  const rows: { itemId: number; rater: string; attribute: string; choice: string; kind: "simulated" }[] = [];
  for (const item of store.items()) {
    for (const a of attributes) {
      const t = item.truth?.[a];
      if (!t) continue;
      for (const r of raters) {
        rows.push({
          itemId: item.id,
          rater: r.name,
          attribute: a,
          choice: simulatedChoice(a, t, r.accuracy, rng),
          kind: "simulated",
        });
      }
    }
  }
  store.addLabels(rows);
  return rows.length;
}
