/**
 * Example: choose the attribute classifiers' L2 penalty and embedding weight by cross-validation on a synthetic draw
 * that the shipped classifiers never see (seed 5, 72 photos; the shipped ones use seed 0). Uses the true edits as
 * labels (no rater noise), so that the grid measures the features, not the raters.
 * Run: SLTK_DATA=../shared/data node --import tsx examples/avatars-tune-classifiers.ts
 */
import { join } from "node:path";
import {
  EMBEDDING_DIM,
  type FaceFeatures,
  featureVector,
  REGION_FEATURE_NAMES,
} from "../src/avatars/features.js";
import {
  analyseImage,
  attributeDef,
  crossValidate,
  type FeatureSet,
  LEARNED,
  loadFaceModel,
  prepareBase,
  readImage,
  syntheticSet,
} from "../src/avatars/index.js";
import { ASTRONAUT_TRUTH } from "../src/avatars/synthetic.js";
import { resolveDataset } from "../src/data/registry.js";

const model = await loadFaceModel();
const photo = join(await resolveDataset("faces", { required: ["astronaut.png"] }), "astronaut.png");
const base = await prepareBase((await readImage(photo)).image, model, ASTRONAUT_TRUTH);
const items = await syntheticSet(base, { n: 72, seed: 5 });
const rows: { f: FaceFeatures; truth: Record<string, string | null> }[] = [];
for (const it of items) {
  try {
    rows.push({ f: (await analyseImage(it.image, model)).features, truth: it.truth });
  } catch {
    // no face found in this variant: left out
  }
}
console.log(`${rows.length} of ${items.length} synthetic photos have a detected face`);
const configs: [FeatureSet, number][] = [
  ["regions", 1],
  ["embedding", 1],
  ["both", 1],
  ["both", 0.3],
  ["both", 0.1],
];
for (const a of LEARNED) {
  const ids = attributeDef(a.id).classes.map((c) => c.id);
  const y = rows.map((r) => ids.indexOf(r.truth[a.id]!));
  for (const l2 of [0.003, 0.03, 0.3]) {
    const cells = configs.map(([set, w]) => {
      const scale =
        set === "both"
          ? [...new Array(EMBEDDING_DIM).fill(w), ...new Array(REGION_FEATURE_NAMES.length).fill(1)]
          : undefined;
      const X = rows.map((r) => featureVector(r.f, set));
      const cv = crossValidate(X, y, ids, 5, 0, { l2, featureScale: scale });
      return `${set}${set === "both" ? `(w=${w})` : ""} ${(cv.accuracy * 100).toFixed(1)}`;
    });
    console.log(`${a.id.padEnd(10)} l2=${l2}: ${cells.join(" | ")}`);
  }
}
