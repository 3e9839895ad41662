/**
 * `sltk fairness fit | predict | fico | explore`: group-aware threshold post-processing (Hardt, Price & Srebro 2016).
 */
import { existsSync, readFileSync, statSync } from "node:fs";
import type { Command } from "commander";
import { resolveDataset } from "../data/registry.js";
import {
  CONSTRAINTS,
  type Constraint,
  explorerFromCurves,
  FICO_FILES,
  ficoCurves,
  fitPostProcessor,
  loadFico,
  OBJECTIVES,
  type Objective,
  PostProcessor,
  readScoreTable,
  runAdultStudy,
  runFico,
  serveExplorer,
} from "../fairness/index.js";
import { InputError } from "../util/errors.js";
import { writeFileAtomic, writeJsonAtomic } from "../util/fs.js";
import { log } from "../util/progress.js";
import { action, choiceOption, emit, intOption, numberOption, withCommonOptions } from "./common.js";
import { adultJson, adultText, ficoJson, ficoText, fitText } from "./fairness-format.js";

interface FitOpts {
  data: string;
  score: string;
  label: string;
  group: string;
  constraint: Constraint;
  objective: Objective;
  gain?: number;
  cost?: number;
  positiveLabel?: string;
  save?: string;
  seed: number;
  json?: boolean;
}

function checkProfitOptions(o: { objective: Objective; gain?: number; cost?: number }): void {
  if (o.objective !== "profit" && (o.gain !== undefined || o.cost !== undefined))
    throw new InputError(
      "--gain and --cost apply to --objective profit only",
      o.gain !== undefined ? "--gain" : "--cost",
    );
  if (o.gain !== undefined && !(o.gain >= 0)) throw new InputError(`must be >= 0, got ${o.gain}`, "--gain");
  if (o.cost !== undefined && !(o.cost >= 0)) throw new InputError(`must be >= 0, got ${o.cost}`, "--cost");
}

/** Reads the CSV of a fit and fits; shared by `fit` and `explore`. */
export function fitFromCsv(o: Omit<FitOpts, "seed" | "save" | "json">) {
  checkProfitOptions(o);
  const t = readScoreTable(o.data, {
    score: o.score,
    label: o.label,
    group: o.group,
    positiveLabel: o.positiveLabel,
  });
  const names = [...new Set(t.groups)];
  if (names.length < 2)
    throw new InputError(
      `only one group ('${names[0]}') in column ${o.group}: group-aware post-processing needs at least two`,
      o.data,
    );
  try {
    return fitPostProcessor(t.scores, t.labels!, t.groups, {
      constraint: o.constraint,
      objective: o.objective,
      gain: o.gain,
      cost: o.cost,
    });
  } catch (e) {
    if (e instanceof InputError) throw new InputError(e.message, o.data);
    throw e;
  }
}

/** Registers `sltk fairness ...`. */
export function register(program: Command): void {
  const fairness = program
    .command("fairness")
    .description(
      "equality of opportunity: group-aware threshold post-processing (Hardt, Price & Srebro 2016)",
    );

  withCommonOptions(
    fairness
      .command("fit")
      .description("fit a post-processor on (score, label, group) rows of a CSV file")
      .requiredOption("--data <file.csv>", "CSV file with a header row")
      .requiredOption("--score <col>", "score column")
      .requiredOption("--label <col>", "label column (0/1, or see --positive-label)")
      .requiredOption("--group <col>", "group column")
      .requiredOption(
        "--constraint <c>",
        `one of ${CONSTRAINTS.join(", ")}`,
        choiceOption("--constraint", CONSTRAINTS),
      )
      .requiredOption(
        "--objective <o>",
        `one of ${OBJECTIVES.join(", ")}`,
        choiceOption("--objective", OBJECTIVES),
      )
      .option("--gain <g>", "profit of a true positive (objective profit; default 1)", numberOption("--gain"))
      .option("--cost <c>", "cost of a false positive (objective profit; default 1)", numberOption("--cost"))
      .option("--positive-label <value>", "label value that counts as positive")
      .option("--save <post.json>", "write the fitted post-processor as JSON"),
    { out: false },
  ).action(
    action(async (o: FitOpts) => {
      const r = fitFromCsv(o);
      if (o.save) writeJsonAtomic(o.save, r.postProcessor.toJSON());
      emit(r.report, o, () => fitText(r.report) + (o.save ? `\nsaved: ${o.save}` : ""));
    }),
  );

  withCommonOptions(
    fairness
      .command("predict")
      .description("apply a saved post-processor to (score, group) rows; writes decisions to a CSV file")
      .requiredOption("--model <post.json>", "post-processor saved by `sltk fairness fit --save`")
      .requiredOption("--data <file.csv>", "CSV file with a header row")
      .requiredOption("--score <col>", "score column")
      .requiredOption("--group <col>", "group column")
      .requiredOption("--out <preds.csv>", "output CSV: row, group, score, probability, prediction")
      .option("--deterministic", "pure thresholds nearest to the randomised rule (no randomness)"),
    { out: false },
  ).action(
    action(
      async (o: {
        model: string;
        data: string;
        score: string;
        group: string;
        out: string;
        seed: number;
        json?: boolean;
        deterministic?: boolean;
      }) => {
        let raw: unknown;
        try {
          raw = JSON.parse(readFileSync(o.model, "utf8"));
        } catch (e) {
          if ((e as NodeJS.ErrnoException).code) throw e;
          throw new InputError(`not valid JSON (${(e as Error).message.split("\n")[0]})`, o.model);
        }
        const pp = PostProcessor.fromJSON(raw, o.model);
        const t = readScoreTable(o.data, { score: o.score, group: o.group });
        const known = new Set(pp.groups);
        t.groups.forEach((g, i) => {
          if (!known.has(g))
            throw new InputError(
              `group '${g}' was not seen in fit (known: ${pp.groups.join(", ")})`,
              `${o.data}:${t.lines[i]}`,
            );
        });
        const prob = pp.predictProba(t.scores, t.groups, { deterministic: o.deterministic });
        const pred = pp.predict(t.scores, t.groups, { seed: o.seed, deterministic: o.deterministic });
        const esc = (s: string) => (/[",\n\r]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s);
        const lines = ["row,group,score,probability,prediction"];
        for (let i = 0; i < pred.length; i++)
          lines.push(`${i},${esc(t.groups[i])},${t.scores[i]},${prob[i]},${pred[i]}`);
        writeFileAtomic(o.out, `${lines.join("\n")}\n`);
        const byGroup: Record<string, { n: number; positives: number }> = {};
        t.groups.forEach((g, i) => {
          byGroup[g] ??= { n: 0, positives: 0 };
          byGroup[g].n++;
          byGroup[g].positives += pred[i];
        });
        const summary = {
          rows: pred.length,
          positives: pred.reduce((a, b) => a + b, 0),
          out: o.out,
          groups: Object.fromEntries(
            Object.entries(byGroup).map(([g, v]) => [g, { ...v, selection_rate: v.positives / v.n }]),
          ),
        };
        emit(summary, o, `${summary.rows} rows, ${summary.positives} positive; wrote ${o.out}`);
      },
    ),
  );

  withCommonOptions(
    fairness
      .command("fico")
      .description("the FICO case study: five criteria as fractions of the maximum profit")
      .option("--data <dir>", "folder with the three FICO tables (default: data set fairness/fico)")
      .option(
        "--target <p>",
        "break-even non-default rate: lend iff P(non-default) >= p",
        numberOption("--target"),
        0.82,
      ),
    { out: false },
  ).action(
    action(async (o: { data?: string; target: number; seed: number; json?: boolean }) => {
      const dir = await resolveDataset("fairness/fico", {
        path: o.data,
        required: Object.values(FICO_FILES),
      });
      const r = runFico(loadFico(dir), o.target);
      emit(ficoJson(r), o, () => ficoText(r));
    }),
  );

  withCommonOptions(
    fairness
      .command("adult")
      .description("the Adult study: logistic-regression score, post-processed by sex and by race")
      .option("--data <dir>", "folder with adult.data and adult.test (default: data set fairness/adult)")
      .option(
        "--objective <o>",
        `one of ${OBJECTIVES.join(", ")}`,
        choiceOption("--objective", OBJECTIVES),
        "accuracy",
      ),
    { out: false },
  ).action(
    action(async (o: { data?: string; objective: Objective; seed: number; json?: boolean }) => {
      const r = await runAdultStudy({ seed: o.seed, objective: o.objective, path: o.data });
      emit(adultJson(r), o, () => adultText(r));
    }),
  );

  withCommonOptions(
    fairness
      .command("explore")
      .description("serve the interactive explorer on 127.0.0.1 (a CSV of scores, or a FICO folder)")
      .requiredOption("--data <file.csv|dir>", "CSV file (needs --score --label --group) or FICO folder")
      .option("--score <col>", "score column")
      .option("--label <col>", "label column")
      .option("--group <col>", "group column")
      .option("--positive-label <value>", "label value that counts as positive")
      .option("--objective <o>", `one of ${OBJECTIVES.join(", ")}`, choiceOption("--objective", OBJECTIVES))
      .option("--gain <g>", "profit of a true positive", numberOption("--gain"))
      .option("--cost <c>", "cost of a false positive", numberOption("--cost"))
      .option("--target <p>", "FICO: break-even non-default rate", numberOption("--target"), 0.82)
      .option("--port <n>", "port on 127.0.0.1 (0: any free port)", intOption("--port"), 8765),
    { out: false },
  ).action(
    action(async (o: ExploreOpts) => {
      await explore(o);
    }),
  );
}

interface ExploreOpts {
  data: string;
  score?: string;
  label?: string;
  group?: string;
  positiveLabel?: string;
  objective?: Objective;
  gain?: number;
  cost?: number;
  target: number;
  port: number;
  seed: number;
  json?: boolean;
}

async function explore(o: ExploreOpts): Promise<void> {
  if (o.port < 0 || o.port > 65535) throw new InputError(`must be in 0..65535, got ${o.port}`, "--port");
  let html: string;
  if (existsSync(o.data) && statSync(o.data).isDirectory()) {
    const d = loadFico(o.data);
    html = explorerFromCurves(ficoCurves(d), {
      objective: "profit",
      gain: 1 - o.target,
      cost: o.target,
      title: `FICO: lend iff P(non-default) >= ${o.target}`,
      scoreLabel: "TransRisk score",
    });
  } else {
    for (const k of ["score", "label", "group"] as const)
      if (!o[k]) throw new InputError(`required with a CSV file`, `--${k}`);
    const objective = o.objective ?? "accuracy";
    checkProfitOptions({ objective, gain: o.gain, cost: o.cost });
    const t = readScoreTable(o.data, {
      score: o.score!,
      label: o.label!,
      group: o.group!,
      positiveLabel: o.positiveLabel,
    });
    const r = fitPostProcessor(t.scores, t.labels!, t.groups, {
      constraint: "none",
      objective,
      gain: o.gain,
      cost: o.cost,
    });
    html = explorerFromCurves(r.curves, {
      objective,
      gain: o.gain,
      cost: o.cost,
      title: o.data,
      scoreLabel: o.score!,
    });
  }
  const server = await serveExplorer(html, o.port);
  const url = `http://127.0.0.1:${server.port}/`;
  emit({ url }, o, `explorer: ${url} (Ctrl-C to stop)`);
  log("serving on 127.0.0.1 only; Ctrl-C stops");
  await new Promise<void>((resolve) => {
    process.once("SIGINT", () => resolve());
    process.once("SIGTERM", () => resolve());
  });
  await server.close();
}
