/**
 * `sltk demo` section: the FICO case study (table, ROC curves with the operating points, objective by criterion,
 * the interactive explorer) and the Adult before/after study for sex and race. Every number comes from the run;
 * the paper's and the reference code's numbers are shown beside ours.
 */
import { resolveDataset } from "../data/registry.js";
import type { Block, DemoContext, DemoEntry, ReportSection, TableBlock } from "../report/types.js";
import { type AdultStudyResult, runAdultStudy } from "./adult.js";
import { barChartSpec, type OperatingPoint, rocChartSpec } from "./charts.js";
import { explorerFromCurves } from "./explorer.js";
import {
  FICO_FILES,
  FICO_REFERENCE,
  FICO_REFERENCE_CUTOFFS,
  type FicoResult,
  ficoCurves,
  loadFico,
  runFico,
} from "./fico.js";

const LABEL: Record<string, string> = {
  before: "before (score > 0.5)",
  none: "max objective (per-group thresholds)",
  single_threshold: "single threshold",
  demographic_parity: "demographic parity",
  equal_opportunity: "equal opportunity",
  equalized_odds: "equalized odds",
};

const fmtCut = (x: number) => (Number.isFinite(x) ? String(x) : x > 0 ? "nobody" : "everybody");

function ficoBlocks(r: FicoResult, dir: string): Block[] {
  const curves = ficoCurves(loadFico(dir));
  const table: TableBlock = {
    kind: "table",
    title: `FICO: fraction of the maximum profit at break-even P(non-default) = ${r.target}`,
    columns: [
      "criterion",
      "ours",
      "reference code",
      "paper",
      `cutoff ${r.groups.join(" / ")}`,
      "reference cutoffs",
      "randomised (mix)",
      "TPR",
      "deterministic mode (gap)",
    ],
    rows: r.strategies.map((s) => [
      LABEL[s.constraint],
      s.fraction,
      FICO_REFERENCE[s.constraint].code082,
      FICO_REFERENCE[s.constraint].paper,
      s.cutoffs.map(fmtCut).join(" / "),
      (FICO_REFERENCE_CUTOFFS[s.constraint] ?? []).join(" / ") || "randomised",
      s.decisions
        .map(
          (d) =>
            (d.thresholds.length > 1 ? d.mix.toFixed(2) : "-") +
            (d.pConstant > 0 ? `+c${d.pConstant.toFixed(2)}` : ""),
        )
        .join(" / "),
      s.rates.map((x) => x.tpr.toFixed(3)).join(" / "),
      `${s.deterministic.fraction.toFixed(4)} (${s.deterministic.gap === null ? "-" : s.deterministic.gap.toFixed(4)})`,
    ]),
    digits: 4,
    caption:
      "Cutoff: lowest TransRisk score lent to with certainty (lend iff score >= cutoff); where a criterion randomises, the bin below is lent to with probability 'mix' (+c: probability of the constant predictor). Reference code: the authors' criteria.py on the same files (its parity criteria are approximate; ours are exact, hence up to 0.3 points lower).",
  };
  const points: OperatingPoint[] = r.strategies.flatMap((s) =>
    r.groups.map((g, a) => ({
      group: g,
      criterion: LABEL[s.constraint],
      fpr: s.rates[a].fpr,
      tpr: s.rates[a].tpr,
    })),
  );
  return [
    table,
    {
      kind: "reference",
      title: "FICO: ours beside the paper (fractions of the maximum profit)",
      rows: [
        ...r.strategies
          .filter((s) => s.constraint !== "none")
          .map((s) => ({
            quantity: LABEL[s.constraint],
            ours: +s.fraction.toFixed(4),
            paper: FICO_REFERENCE[s.constraint].paper,
            note: `authors' code on these files: ${FICO_REFERENCE[s.constraint].code082}`,
          })),
        ...(() => {
          const eo = r.strategies.find((s) => s.constraint === "equalized_odds")!;
          return [
            {
              quantity: "equalized odds: common TPR",
              ours: +eo.point!.tpr.toFixed(4),
              paper: null,
              note: "authors' code: 0.7198",
            },
            {
              quantity: "equalized odds: common FPR",
              ours: +eo.point!.fpr.toFixed(4),
              paper: null,
              note: "authors' code: 0.1192",
            },
          ];
        })(),
      ],
    },
    {
      kind: "chart",
      title: "FICO: per-group ROC curves (non-default = positive) and each criterion's operating points",
      spec: rocChartSpec(curves, points),
      caption:
        "Compare the paper's Figure 8: equal opportunity shares a TPR, equalized odds shares (FPR, TPR).",
    },
    {
      kind: "chart",
      title: "FICO: profit by criterion",
      spec: barChartSpec(
        r.strategies.map((s) => ({ criterion: LABEL[s.constraint], value: s.fraction })),
        { valueTitle: "fraction of the maximum profit", domain: [0, 1] },
      ),
    },
    {
      kind: "page",
      title: "Explorer: drag a group's threshold or snap to a criterion (FICO, profit at 0.82)",
      html: explorerFromCurves(curves, {
        objective: "profit",
        gain: 1 - r.target,
        cost: r.target,
        title: `FICO, lend iff P(non-default) >= ${r.target}`,
        scoreLabel: "TransRisk score",
      }),
      height: 640,
    },
  ];
}

function adultBlocks(a: AdultStudyResult): Block[] {
  const rows = a.attributes.flatMap((att) =>
    att.rows.map((x) => [
      att.attribute,
      LABEL[x.criterion],
      x.accuracy,
      x.sampledAccuracy,
      x.tprGap,
      x.fprGap,
      x.selectionGap,
      x.fitGap === null ? "-" : x.fitGap.toExponential(1),
    ]),
  );
  const sex = a.attributes.find((x) => x.attribute === "sex");
  const blocks: Block[] = [
    {
      kind: "table",
      title: "Adult test set: accuracy and between-group gaps before and after post-processing",
      columns: [
        "group by",
        "criterion",
        "accuracy",
        "accuracy (seeded draw)",
        "TPR gap",
        "FPR gap",
        "selection gap",
        "gap on fitting split",
      ],
      rows,
      digits: 4,
      caption: `Logistic regression (${a.features} one-hot/standardised features, Newton, ${a.model.iterations} steps) on ${a.rows.train} rows of adult.data: test accuracy ${a.model.testAccuracy.toFixed(4)}, AUROC ${a.model.testAuroc.toFixed(4)}. Post-processors fitted on the other ${a.rows.validation} rows (objective ${a.objective}), evaluated on the ${a.rows.test} rows of adult.test; rates are exact expectations over the randomisation. Criteria hold exactly on the fitting split (last column) and approximately on test; small race groups (Amer-Indian-Eskimo, Other: ~150 test rows) make race gaps noisy.`,
    },
    {
      kind: "table",
      title: "Adult test set: per-group rates by race",
      columns: ["criterion", "group", "n", "TPR", "FPR", "selection rate"],
      rows: (a.attributes.find((x) => x.attribute === "race")?.rows ?? []).flatMap((x) =>
        Object.entries(x.groups).map(([g, v]) => [LABEL[x.criterion], g, v.n, v.tpr, v.fpr, v.selectionRate]),
      ),
      digits: 3,
    },
    {
      kind: "chart",
      title: "Adult: test accuracy by criterion",
      spec: barChartSpec(
        a.attributes.flatMap((att) =>
          att.rows.map((x) => ({
            criterion: LABEL[x.criterion],
            value: x.accuracy,
            series: `by ${att.attribute}`,
          })),
        ),
        { valueTitle: "test accuracy", domain: [0.7, 0.9] },
      ),
    },
  ];
  if (sex) {
    const pts: OperatingPoint[] = sex.rows.flatMap((x) =>
      Object.entries(x.groups).map(([g, v]) => ({
        group: g,
        criterion: LABEL[x.criterion],
        fpr: v.fpr,
        tpr: v.tpr,
      })),
    );
    blocks.push(
      {
        kind: "chart",
        title: "Adult (test): ROC curves by sex with each criterion's operating points",
        spec: rocChartSpec(sex.testCurves, pts),
      },
      {
        kind: "page",
        title: "Explorer: Adult validation scores by sex (accuracy)",
        html: explorerFromCurves(sex.fitCurves, {
          objective: a.objective,
          title: "Adult (validation split), logistic-regression score by sex",
          scoreLabel: "P(income > 50K)",
        }),
        height: 640,
      },
    );
  }
  return blocks;
}

/** Runs the section. */
export async function runFairnessDemo(ctx: DemoContext): Promise<ReportSection> {
  const dir = await resolveDataset("fairness/fico", { required: Object.values(FICO_FILES) });
  ctx.log("fairness: FICO case study (five criteria at target 0.82)");
  const fico = runFico(loadFico(dir), 0.82);
  ctx.log("fairness: Adult (logistic regression, post-processing by sex and race)");
  const adult = await runAdultStudy({ seed: ctx.seed });
  return {
    id: "fairness",
    title: "Equality of opportunity: group-aware threshold post-processing",
    paper:
      "Hardt, Price & Srebro, Equality of Opportunity in Supervised Learning, NeurIPS 2016 (arXiv 1610.02413)",
    summary:
      "Exact post-processing on per-group ROC hulls for five criteria (no constraint, single threshold, demographic parity, equal opportunity, equalized odds): the FICO credit-score case study at the paper's break-even of 0.82 and a logistic-regression score on Adult.",
    blocks: [...ficoBlocks(fico, dir), ...adultBlocks(adult)],
  };
}

/** The demo entry. */
export const fairnessDemo: DemoEntry = {
  id: "fairness",
  title: "Equality of opportunity (Hardt, Price & Srebro 2016)",
  run: runFairnessDemo,
};
