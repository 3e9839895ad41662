/**
 * The end-to-end labelling experiment on generated data: synthetic variants of the public-domain portrait ->
 * label store -> simulated rater panel -> consensus and agreement -> features from the face network ->
 * cross-validated classifiers, plus the accuracy of the measured colour attributes against the known edits.
 */
import { join } from "node:path";
import { resolveDataset } from "../data/registry.js";
import { writeFileAtomic } from "../util/fs.js";
import type { FaceModel } from "./face-model.js";
import { encodePng, type RgbImage, readImage } from "./image.js";
import { LabelStore } from "./labels-db.js";
import { raterPanel, simulateLabels } from "./raters.js";
import {
  ASTRONAUT_TRUTH,
  prepareBase,
  SYNTHETIC_ATTRIBUTES,
  type SyntheticItem,
  syntheticSet,
} from "./synthetic.js";
import {
  analyseItems,
  classifierFile,
  measuredAccuracy,
  type TrainOptions,
  trainClassifiers,
} from "./train.js";

/** Options of {@link runSyntheticExperiment}. */
export interface SyntheticExperimentOptions extends TrainOptions {
  /** Number of generated photos. */
  n: number;
  /** Number of simulated raters (default 3) and their accuracy range. */
  raters?: number;
  raterAccuracy?: [number, number];
  seed: number;
  /** Label database path (default: in memory). */
  db?: string;
  /** Folder to write the generated photos to (for human labelling); default: kept in memory only. */
  imagesOut?: string;
  /** Base portrait (default: the `faces` data set's astronaut.png). */
  basePath?: string;
  log?: (m: string) => void;
}

/** Runs the experiment; returns the classifier file, the summaries and timings. */
export async function runSyntheticExperiment(model: FaceModel, opts: SyntheticExperimentOptions) {
  const log = opts.log ?? (() => {});
  const t0 = performance.now();
  const basePath =
    opts.basePath ?? join(await resolveDataset("faces", { required: ["astronaut.png"] }), "astronaut.png");
  const base = await prepareBase((await readImage(basePath)).image, model, ASTRONAUT_TRUTH);
  log(`synthetic: generating ${opts.n} variants of ${basePath}`);
  const items = await syntheticSet(base, { n: opts.n, seed: opts.seed });
  const t1 = performance.now();
  const store = new LabelStore(opts.db ?? ":memory:");
  const images = new Map<number, RgbImage>();
  try {
    for (const it of items) {
      const png = encodePng(it.image);
      const path = opts.imagesOut ? join(opts.imagesOut, `${it.id}.png`) : `memory:${it.id}.png`;
      if (opts.imagesOut) writeFileAtomic(path, png);
      const rec = store.addItem(path, it.truth, png);
      images.set(rec.id, it.image);
    }
    const panel = raterPanel(opts.raters ?? 3, ...(opts.raterAccuracy ?? [0.75, 0.95]));
    const nLabels = simulateLabels(store, SYNTHETIC_ATTRIBUTES, panel, opts.seed + 1);
    log(`synthetic: ${panel.length} simulated raters gave ${nLabels} labels; extracting features`);
    const { analyses, skipped } = await analyseItems(
      store.items(),
      model,
      async (it) => images.get(it.id)!,
      log,
    );
    const t2 = performance.now();
    const trained = trainClassifiers(store, analyses, opts);
    const measured = measuredAccuracy(store, analyses, ["skinTone", "hairColour"]);
    const measuredAgreement = Object.fromEntries(
      ["skinTone", "hairColour"].map((a) => [a, store.agreement(a, opts.minShare)]),
    );
    const t3 = performance.now();
    const trainedOn = `${items.length} synthetic variants of one public-domain portrait (faces/astronaut.png) with painted hair length, glasses and facial hair, recoloured hair and skin, random pose/crop/colour cast/exposure/noise/JPEG; labels from ${panel.length} simulated raters (accuracy ${panel.map((p) => p.accuracy.toFixed(2)).join(", ")}), plurality consensus. Not real people: accuracy measures recovery of the edits only.`;
    return {
      file: classifierFile(trained.classifiers, {
        command: "",
        trainedOn,
        agreement: Object.fromEntries(
          Object.entries(trained.agreement).map(([k, v]) => [
            k,
            { kappa: v.kappa.kappa, pairwise: v.pairwise, items: v.items, raters: v.raters },
          ]),
        ),
      }),
      summaries: trained.summaries,
      agreement: { ...trained.agreement, ...measuredAgreement },
      measured,
      skipped,
      items: items as SyntheticItem[],
      panel,
      labels: nLabels,
      timings: {
        generateMs: t1 - t0,
        featuresMs: t2 - t1,
        trainMs: t3 - t2,
        perImageMs: (t2 - t1) / Math.max(1, items.length),
      },
    };
  } finally {
    store.close();
  }
}
