/**
 * Training the learned-attribute classifiers from rater labels: features of every labelled image (the face
 * network's embedding and region descriptors), consensus labels per attribute, stratified k-fold cross-validated
 * accuracy for each feature set, and a final fit on all examples. Also scores the measured attributes against
 * known truths when the images are generated.
 */
import type { AttributeEstimate } from "./attributes.js";
import { attributeDef, LEARNED } from "./attributes.js";
import type { AttributeClassifier, ClassifierFile } from "./classifiers.js";
import type { FaceModel } from "./face-model.js";
import {
  EMBEDDING_DIM,
  type FaceFeatures,
  type FeatureSet,
  featureScale,
  featureVector,
  REGION_FEATURE_NAMES,
} from "./features.js";
import { type RgbImage, readImage } from "./image.js";
import type { AttributeAgreement, LabelItem, LabelStore } from "./labels-db.js";
import { crossValidate, fitLogReg, type LogRegOptions } from "./logreg.js";
import { analyseImage } from "./pipeline.js";

/** L2 penalty of the attribute classifiers (chosen with the embedding weight, see `features.ts`). */
export const DEFAULT_L2 = 0.03;

/** Features and measured attributes of one labelled image. */
export interface ItemAnalysis {
  itemId: number;
  features: FaceFeatures;
  measured: Record<string, AttributeEstimate>;
}

/** Analyses every item (skipping, with a warning, those without a usable face). */
export async function analyseItems(
  items: LabelItem[],
  model: FaceModel,
  load: (item: LabelItem) => Promise<RgbImage> = async (it) => (await readImage(it.path)).image,
  log: (m: string) => void = () => {},
): Promise<{ analyses: Map<number, ItemAnalysis>; skipped: string[] }> {
  const analyses = new Map<number, ItemAnalysis>();
  const skipped: string[] = [];
  let k = 0;
  for (const it of items) {
    k++;
    try {
      const a = await analyseImage(await load(it), model, { where: it.path });
      analyses.set(it.id, { itemId: it.id, features: a.features, measured: a.attributes });
    } catch (e) {
      const msg = (e as Error).message.split("\n")[0];
      skipped.push(msg.startsWith(it.path) ? msg : `${it.path}: ${msg}`);
    }
    if (k % 20 === 0) log(`features: ${k}/${items.length} images`);
  }
  return { analyses, skipped };
}

/** Options of {@link trainClassifiers}. */
export interface TrainOptions extends LogRegOptions {
  folds?: number;
  seed?: number;
  /** Feature sets to cross-validate (default all three). */
  featureSets?: FeatureSet[];
  /** The feature set of the final model (default `both`). */
  use?: FeatureSet;
  attributes?: string[];
  minShare?: number;
}

/** One attribute's training summary. */
export interface TrainSummary {
  attribute: string;
  examples: number;
  classCounts: Record<string, number>;
  cv: Partial<
    Record<
      FeatureSet,
      { accuracy: number; majorityBaseline: number; perFold: number[]; confusion: number[][] }
    >
  >;
  /** Share of consensus labels that match the known truth (generated data only). */
  labelAccuracy: number | null;
  /** Why no classifier was trained, if so. */
  note?: string;
}

/** Fits one classifier per learned attribute from the store's consensus labels and the items' features. */
export function trainClassifiers(
  store: LabelStore,
  analyses: Map<number, ItemAnalysis>,
  opts: TrainOptions = {},
): {
  classifiers: Record<string, AttributeClassifier>;
  summaries: TrainSummary[];
  agreement: Record<string, AttributeAgreement>;
} {
  const attributes = opts.attributes ?? LEARNED.map((a) => a.id);
  const sets = opts.featureSets ?? (["regions", "embedding", "both"] as FeatureSet[]);
  const use = opts.use ?? "both";
  const classifiers: Record<string, AttributeClassifier> = {};
  const summaries: TrainSummary[] = [];
  const agreement: Record<string, AttributeAgreement> = {};
  for (const a of attributes) {
    const def = attributeDef(a);
    const ids = def.classes.map((c) => c.id);
    agreement[a] = store.agreement(a, opts.minShare);
    const rows: { f: FaceFeatures; y: number; truth: string | null }[] = [];
    for (const [itemId, c] of store.consensus(a, opts.minShare)) {
      const an = analyses.get(itemId);
      if (!c.label || !an) continue;
      rows.push({
        f: an.features,
        y: ids.indexOf(c.label),
        truth: (store.item(itemId)?.truth?.[a] as string | null) ?? null,
      });
    }
    const classCounts = Object.fromEntries(ids.map((id, k) => [id, rows.filter((r) => r.y === k).length]));
    const known = rows.filter((r) => r.truth);
    const labelAccuracy = known.length
      ? known.filter((r) => ids[r.y] === r.truth).length / known.length
      : null;
    const summary: TrainSummary = { attribute: a, examples: rows.length, classCounts, cv: {}, labelAccuracy };
    summaries.push(summary);
    const present = Object.values(classCounts).filter((n) => n > 0).length;
    if (rows.length < 4 || present < 2) {
      summary.note = `too few labelled examples (${rows.length}, ${present} classes) to train`;
      continue;
    }
    const cvResults: AttributeClassifier["cv"] = {};
    for (const s of sets) {
      const X = rows.map((r) => featureVector(r.f, s));
      const cv = crossValidate(
        X,
        rows.map((r) => r.y),
        ids,
        opts.folds ?? 5,
        opts.seed ?? 0,
        {
          l2: DEFAULT_L2,
          ...opts,
          featureScale: featureScale(s),
        },
      );
      cvResults[s] = cv;
      summary.cv[s] = {
        accuracy: cv.accuracy,
        majorityBaseline: cv.majorityBaseline,
        perFold: cv.perFold,
        confusion: cv.confusion,
      };
    }
    const model = fitLogReg(
      rows.map((r) => featureVector(r.f, use)),
      rows.map((r) => r.y),
      ids,
      { l2: DEFAULT_L2, ...opts, featureScale: featureScale(use) },
    );
    classifiers[a] = { attribute: a, featureSet: use, model, cv: cvResults, classCounts };
  }
  return { classifiers, summaries, agreement };
}

/** Accuracy of the measured attributes against known truths (generated images only). */
export function measuredAccuracy(
  store: LabelStore,
  analyses: Map<number, ItemAnalysis>,
  attributes: string[],
) {
  const out: Record<string, { n: number; accuracy: number; withinOne: number | null }> = {};
  for (const a of attributes) {
    const ids = attributeDef(a).classes.map((c) => c.id);
    let n = 0;
    let right = 0;
    let near = 0;
    for (const [id, an] of analyses) {
      const t = store.item(id)?.truth?.[a];
      const m = an.measured[a]?.value;
      if (!t || !m) continue;
      n++;
      if (t === m) right++;
      if (Math.abs(ids.indexOf(t) - ids.indexOf(m)) <= 1) near++;
    }
    out[a] = {
      n,
      accuracy: n ? right / n : Number.NaN,
      withinOne: attributeDef(a).ordinal && n ? near / n : null,
    };
  }
  return out;
}

/** Assembles a classifier file. */
export function classifierFile(
  classifiers: Record<string, AttributeClassifier>,
  meta: { command: string; trainedOn: string; agreement?: Record<string, unknown> },
): ClassifierFile {
  return {
    format: "sltk-avatar-classifiers",
    version: 1,
    created: new Date().toISOString(),
    command: meta.command,
    trainedOn: meta.trainedOn,
    featureDims: { embedding: EMBEDDING_DIM, regions: REGION_FEATURE_NAMES.length },
    regionFeatureNames: REGION_FEATURE_NAMES,
    agreement: meta.agreement,
    classifiers,
  };
}
