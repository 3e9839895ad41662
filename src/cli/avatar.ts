/**
 * `sltk avatar make|label|train|edit`: selfie -> sticker pack, the labelling page, classifier training and the
 * customisation page (Google Allo 2017 avatars).
 */
import { readdirSync, statSync } from "node:fs";
import { extname, join, resolve } from "node:path";
import type { Command } from "commander";
import type { FeatureSet } from "../avatars/features.js";
import {
  analyseItems,
  attributeDef,
  classifierFile,
  defaultSpec,
  kappaWords,
  LabelStore,
  LEARNED,
  loadFaceModel,
  makeAvatar,
  readSpec,
  runSyntheticExperiment,
  saveClassifiers,
  startEditServer,
  startLabelServer,
  trainClassifiers,
} from "../avatars/index.js";
import { InputError } from "../util/errors.js";
import { writeJsonAtomic } from "../util/fs.js";
import { log } from "../util/progress.js";
import { action, choiceOption, emit, intOption, withCommonOptions } from "./common.js";

function pct(x: number | null | undefined): string {
  return x === null || x === undefined || Number.isNaN(x) ? "-" : `${(x * 100).toFixed(1)} %`;
}

function imageFiles(dir: string): string[] {
  let names: string[];
  try {
    names = readdirSync(dir);
  } catch {
    throw new InputError("cannot read the folder", dir);
  }
  const files = names
    .filter((n) => [".png", ".jpg", ".jpeg"].includes(extname(n).toLowerCase()))
    .map((n) => resolve(dir, n))
    .filter((p) => statSync(p).isFile())
    .sort();
  if (!files.length) throw new InputError("no .png/.jpg/.jpeg images in the folder", dir);
  return files;
}

function attributeList(v: string | undefined): string[] {
  if (!v) return LEARNED.map((a) => a.id);
  const ids = v
    .split(",")
    .map((s) => s.trim())
    .filter(Boolean);
  for (const id of ids)
    try {
      attributeDef(id);
    } catch (e) {
      throw new InputError((e as Error).message, "--attributes");
    }
  return ids;
}

/** Waits until SIGINT/SIGTERM, then runs `stop`. */
function untilInterrupted(stop: () => Promise<void>): Promise<void> {
  return new Promise((done) => {
    const handler = async () => {
      process.off("SIGINT", handler);
      process.off("SIGTERM", handler);
      await stop();
      done();
    };
    process.on("SIGINT", handler);
    process.on("SIGTERM", handler);
  });
}

/** Registers `sltk avatar ...`. */
export function register(program: Command): void {
  const avatar = program
    .command("avatar")
    .description("selfie -> illustrated avatar and sticker pack (Google Allo 2017)");

  withCommonOptions(
    avatar
      .command("make")
      .description("detect the face, estimate attributes, write the avatar and a 16-sticker pack (SVG + PNG)")
      .argument("<photo>", "JPEG or PNG photo (EXIF orientation respected)")
      .option("--spec-out <file>", "also write the avatar spec (JSON) here")
      .option("--face <n>", "use face N (numbered left to right) instead of the largest", intOption("--face"))
      .option("--classifiers <file>", "classifier file from `sltk avatar train` (default: the shipped one)")
      .option("--png-size <px>", "PNG width of the avatar and stickers", intOption("--png-size"), 512),
  ).action(
    action(
      async (
        photo: string,
        opts: {
          out?: string;
          specOut?: string;
          face?: number;
          classifiers?: string;
          pngSize: number;
          json?: boolean;
        },
      ) => {
        if (!opts.out) throw new InputError("missing --out DIR (where the sticker pack goes)", "--out");
        if (opts.pngSize < 32 || opts.pngSize > 4096) throw new InputError("must be 32-4096", "--png-size");
        const r = await makeAvatar(photo, {
          out: opts.out,
          specOut: opts.specOut,
          face: opts.face,
          classifiers: opts.classifiers,
          pngSize: opts.pngSize,
        });
        for (const w of r.analysis.warnings) log(`warning: ${w}`);
        emit({ ...r.analysis, manifest: r.manifest, timings: r.timings }, opts, () => {
          const lines = [`face ${r.analysis.chosen} of ${r.analysis.faces.length}; attributes:`];
          for (const [k, a] of Object.entries(r.analysis.attributes))
            lines.push(
              `  ${k.padEnd(11)} ${a.value.padEnd(11)} confidence ${a.confidence.toFixed(2)}${a.measured ? `  measured ${a.measured.hex}` : ""}${a.note ? `  (${a.note})` : ""}`,
            );
          lines.push(
            `wrote avatar + ${r.manifest.stickers.length} stickers (SVG + PNG) and pack.json to ${resolve(opts.out!)}`,
          );
          if (opts.specOut) lines.push(`spec: ${resolve(opts.specOut)}`);
          lines.push(`art: ${r.manifest.licences.map((l) => `${l.title} - ${l.license}`).join("; ")}`);
          return lines.join("\n");
        });
      },
    ),
  );

  withCommonOptions(
    avatar
      .command("label")
      .description(
        "serve the labelling page on 127.0.0.1: raters pick the closest illustration for each photo",
      )
      .requiredOption("--db <file>", "SQLite label database (created if missing)")
      .option("--images <dir>", "register the .png/.jpg photos in this folder for labelling")
      .option(
        "--attributes <ids>",
        "comma-separated attributes to label (default: hairLength,glasses,facialHair)",
      )
      .option("--rater <name>", "prefill the rater name")
      .option("--port <n>", "port (default: any free port)", intOption("--port"), 0)
      .option("--stats", "print consensus and agreement statistics and exit"),
    { out: false },
  ).action(
    action(
      async (opts: {
        db: string;
        images?: string;
        attributes?: string;
        rater?: string;
        port: number;
        stats?: boolean;
        json?: boolean;
      }) => {
        const attributes = attributeList(opts.attributes);
        const store = new LabelStore(opts.db);
        try {
          if (opts.images) for (const f of imageFiles(opts.images)) store.addItem(f);
          if (opts.stats) {
            const rows = attributes.map((a) => store.agreement(a));
            emit(rows, opts, () =>
              rows
                .map(
                  (s) =>
                    `${s.attribute.padEnd(11)} items ${s.items}, labels ${s.labels}, raters ${s.raters}, Fleiss kappa ${Number.isNaN(s.kappa.kappa) ? "-" : s.kappa.kappa.toFixed(3)} (${kappaWords(s.kappa.kappa)}), pairwise agreement ${pct(s.pairwise)}, consensus on ${s.withConsensus}`,
                )
                .join("\n"),
            );
            return;
          }
          if (!store.items().length)
            throw new InputError("no photos registered; pass --images DIR", "--images");
          const server = await startLabelServer({ store, attributes, port: opts.port, rater: opts.rater });
          log(
            `labelling page: ${server.url}  (${store.items().length} photos, attributes ${attributes.join(", ")}; Ctrl-C to stop)`,
          );
          emit({ url: server.url }, opts);
          await untilInterrupted(() => server.close());
        } finally {
          store.close();
        }
      },
    ),
  );

  withCommonOptions(
    avatar
      .command("train")
      .description(
        "fit the attribute classifiers from rater labels (or from generated data) with cross-validated accuracy",
      )
      .option("--db <file>", "label database from `sltk avatar label`")
      .option(
        "--synthetic <n>",
        "generate N labelled variants of the public-domain portrait instead",
        intOption("--synthetic"),
      )
      .option("--raters <n>", "simulated raters for --synthetic", intOption("--raters"), 3)
      .option(
        "--images-out <dir>",
        "with --synthetic: also write the generated photos here (e.g. to label them by hand)",
      )
      .option("--folds <k>", "cross-validation folds", intOption("--folds"), 5)
      .option(
        "--feature-set <set>",
        "features of the final models",
        choiceOption("--feature-set", ["both", "embedding", "regions"] as const),
        "both",
      )
      .option("--attributes <ids>", "comma-separated attributes (default: hairLength,glasses,facialHair)"),
  ).action(
    action(
      async (opts: {
        db?: string;
        synthetic?: number;
        raters: number;
        imagesOut?: string;
        folds: number;
        featureSet: FeatureSet;
        attributes?: string;
        out?: string;
        seed: number;
        json?: boolean;
      }) => {
        if (!opts.out) throw new InputError("missing --out DIR (where classifiers.json goes)", "--out");
        if (!opts.db && opts.synthetic === undefined)
          throw new InputError("give --db FILE (human labels) or --synthetic N", "--db");
        if (opts.folds < 2) throw new InputError("need at least 2 folds", "--folds");
        const attributes = attributeList(opts.attributes);
        const model = await loadFaceModel();
        const command = `sltk avatar train ${process.argv.slice(4).join(" ")}`.trim();
        let report: Record<string, unknown>;
        let file: ReturnType<typeof classifierFile>;
        if (opts.synthetic !== undefined) {
          if (opts.synthetic < 12) throw new InputError("need at least 12 generated photos", "--synthetic");
          const r = await runSyntheticExperiment(model, {
            n: opts.synthetic,
            raters: opts.raters,
            seed: opts.seed,
            db: opts.db,
            imagesOut: opts.imagesOut,
            folds: opts.folds,
            use: opts.featureSet,
            attributes,
            log,
          });
          file = { ...r.file, command };
          report = {
            summaries: r.summaries,
            agreement: r.agreement,
            measured: r.measured,
            skipped: r.skipped,
            timings: r.timings,
            labels: r.labels,
          };
        } else {
          const store = new LabelStore(opts.db!);
          try {
            const { analyses, skipped } = await analyseItems(store.items(), model, undefined, log);
            const t = trainClassifiers(store, analyses, {
              folds: opts.folds,
              seed: opts.seed,
              use: opts.featureSet,
              attributes,
            });
            file = classifierFile(t.classifiers, {
              command,
              trainedOn: `${analyses.size} photos in ${resolve(opts.db!)} labelled by human raters (plurality consensus)`,
              agreement: Object.fromEntries(
                Object.entries(t.agreement).map(([k, v]) => [
                  k,
                  { kappa: v.kappa.kappa, pairwise: v.pairwise, items: v.items, raters: v.raters },
                ]),
              ),
            });
            report = { summaries: t.summaries, agreement: t.agreement, skipped };
          } finally {
            store.close();
          }
        }
        if (!Object.keys(file.classifiers).length)
          throw new InputError("no attribute had enough consensus labels to train", "--db");
        saveClassifiers(join(opts.out, "classifiers.json"), file);
        writeJsonAtomic(join(opts.out, "training-report.json"), {
          command,
          trainedOn: file.trainedOn,
          ...report,
        });
        const summaries = report.summaries as {
          attribute: string;
          examples: number;
          cv: Record<string, { accuracy: number; majorityBaseline: number }>;
          note?: string;
        }[];
        emit({ out: resolve(opts.out!), ...report }, opts, () =>
          [
            ...summaries.map(
              (s) =>
                `${s.attribute.padEnd(11)} n=${s.examples}  CV accuracy: ${Object.entries(s.cv)
                  .map(([k, v]) => `${k} ${pct(v.accuracy)}`)
                  .join(
                    ", ",
                  )}  (majority ${pct(Object.values(s.cv)[0]?.majorityBaseline)})${s.note ? `  ${s.note}` : ""}`,
            ),
            `wrote ${join(resolve(opts.out!), "classifiers.json")} and training-report.json`,
          ].join("\n"),
        );
      },
    ),
  );

  withCommonOptions(
    avatar
      .command("edit")
      .description(
        "serve the customisation page on 127.0.0.1: edit any component with live preview, export the pack to --out",
      )
      .option("--spec <file>", "start from this avatar spec (e.g. from `make --spec-out`)")
      .option("--port <n>", "port (default: any free port)", intOption("--port"), 0),
  ).action(
    action(async (opts: { spec?: string; out?: string; port: number; json?: boolean }) => {
      const spec = opts.spec ? readSpec(opts.spec) : defaultSpec();
      const server = await startEditServer({
        spec,
        outDir: opts.out ? resolve(opts.out) : undefined,
        port: opts.port,
        onExport: (dir, n) => log(`exported ${n} files to ${dir}`),
      });
      log(
        `customisation page: ${server.url}${opts.out ? ` (exports to ${resolve(opts.out)})` : " (start with --out DIR to export)"}; Ctrl-C to stop`,
      );
      emit({ url: server.url }, opts);
      await untilInterrupted(() => server.close());
    }),
  );
}
