/**
 * The learned-attribute classifiers as a file: one logistic regression per learned attribute over a chosen feature
 * set, with the cross-validated accuracy and a description of the data it was trained on. Loading validates the
 * file; prediction turns features into attribute estimates.
 */
import { existsSync, readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { InputError } from "../util/errors.js";
import { writeFileAtomic } from "../util/fs.js";
import { type AttributeEstimate, attributeDef, estimateFrom } from "./attributes.js";
import {
  EMBEDDING_DIM,
  type FaceFeatures,
  type FeatureSet,
  featureVector,
  REGION_FEATURE_NAMES,
} from "./features.js";
import { type CvResult, type LogRegModel, predictProba } from "./logreg.js";

/** One attribute's classifier. */
export interface AttributeClassifier {
  attribute: string;
  featureSet: FeatureSet;
  model: LogRegModel;
  /** Cross-validated accuracy per feature set that was tried (the model uses `featureSet`). */
  cv: Partial<Record<FeatureSet, CvResult>>;
  /** Training examples per class. */
  classCounts: Record<string, number>;
}

/** A classifier file. */
export interface ClassifierFile {
  format: "sltk-avatar-classifiers";
  version: 1;
  created: string;
  /** The command that produced it. */
  command: string;
  /** What the labels and images were (honest provenance). */
  trainedOn: string;
  featureDims: { embedding: number; regions: number };
  regionFeatureNames: string[];
  /** Agreement of the raters on the training labels, per attribute. */
  agreement?: Record<string, unknown>;
  classifiers: Record<string, AttributeClassifier>;
}

/** Where the classifiers shipped with sltk live (trained by `sltk avatar train --synthetic`, see the README). */
export const DEFAULT_CLASSIFIERS = fileURLToPath(new URL("./models/classifiers.json", import.meta.url));

function round(x: number, digits: number): number {
  if (x === 0 || !Number.isFinite(x)) return x;
  const k = 10 ** (digits - Math.ceil(Math.log10(Math.abs(x))));
  return Math.round(x * k) / k;
}

/** Rounds a model's numbers to `digits` significant digits (smaller files; predictions change very little). */
export function compactModel(m: LogRegModel, digits = 4): LogRegModel {
  return {
    classes: m.classes,
    mean: m.mean.map((v) => round(v, digits)),
    std: m.std.map((v) => round(v, digits)),
    weights: m.weights.map((w) => w.map((v) => round(v, digits))),
    bias: m.bias.map((v) => round(v, digits)),
  };
}

/** Writes a classifier file atomically. */
export function saveClassifiers(path: string, file: ClassifierFile): void {
  const compact: ClassifierFile = {
    ...file,
    classifiers: Object.fromEntries(
      Object.entries(file.classifiers).map(([k, c]) => [k, { ...c, model: compactModel(c.model) }]),
    ),
  };
  // Compact JSON (one line): pretty-printing thousands of weights one per line would triple the file.
  writeFileAtomic(path, `${JSON.stringify(compact)}\n`);
}

/** Reads and checks a classifier file; a one-line error names the file and the problem. */
export function loadClassifiers(path: string): ClassifierFile {
  if (!existsSync(path)) throw new InputError("classifier file not found", path);
  let f: ClassifierFile;
  try {
    f = JSON.parse(readFileSync(path, "utf8"));
  } catch (e) {
    throw new InputError(`not valid JSON (${(e as Error).message.split("\n")[0]})`, path);
  }
  if (f?.format !== "sltk-avatar-classifiers" || f.version !== 1)
    throw new InputError("not an sltk avatar classifier file (format/version)", path);
  if (f.featureDims?.embedding !== EMBEDDING_DIM || f.featureDims?.regions !== REGION_FEATURE_NAMES.length)
    throw new InputError(
      `feature dimensions ${JSON.stringify(f.featureDims)} do not match this version (${EMBEDDING_DIM} + ${REGION_FEATURE_NAMES.length}); retrain`,
      path,
    );
  for (const [id, c] of Object.entries(f.classifiers ?? {})) {
    const def = attributeDef(id);
    const expect = dimsOf(c.featureSet);
    const m = c.model;
    if (
      m.mean.length !== expect ||
      m.weights.length !== def.classes.length ||
      m.weights.some((w) => w.length !== expect) ||
      m.classes.join() !== def.classes.map((x) => x.id).join()
    )
      throw new InputError(`classifier '${id}' has the wrong shape or classes`, path);
  }
  return f;
}

function dimsOf(set: FeatureSet): number {
  return set === "embedding"
    ? EMBEDDING_DIM
    : set === "regions"
      ? REGION_FEATURE_NAMES.length
      : EMBEDDING_DIM + REGION_FEATURE_NAMES.length;
}

/** The learned attribute estimates of one face. */
export function predictLearned(
  file: ClassifierFile,
  features: FaceFeatures,
): Record<string, AttributeEstimate> {
  const out: Record<string, AttributeEstimate> = {};
  for (const [id, c] of Object.entries(file.classifiers)) {
    const probs = predictProba(c.model, featureVector(features, c.featureSet));
    const cv = c.cv[c.featureSet];
    out[id] = estimateFrom(
      attributeDef(id),
      probs,
      `logistic regression on ${c.featureSet} features${cv ? ` (CV accuracy ${(cv.accuracy * 100).toFixed(0)} %)` : ""}`,
    );
  }
  return out;
}
