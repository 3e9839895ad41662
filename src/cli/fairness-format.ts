/** Text and JSON output of `sltk fairness fit` and `sltk fairness fico`. */
import {
  type AdultStudyResult,
  type Constraint,
  FICO_REFERENCE,
  FICO_REFERENCE_CUTOFFS,
  type FicoResult,
  type FitReport,
  thresholdToJson,
} from "../fairness/index.js";

const f4 = (x: number | null | undefined) => (x === null || x === undefined ? "-" : x.toFixed(4));
const thr = (t: number | string) => (typeof t === "number" ? String(+t.toPrecision(6)) : t);

/** The authors' code's fraction at this target (computed for 0.82 and 5/6 only). */
function referenceFraction(target: number, c: Constraint): number | null {
  if (target === 0.82) return FICO_REFERENCE[c].code082;
  if (Math.abs(target - 5 / 6) < 1e-9) return FICO_REFERENCE[c].code56;
  return null;
}

/** Formats rows as an aligned text table. */
function textTable(columns: string[], rows: string[][]): string {
  const w = columns.map((c, j) => Math.max(c.length, ...rows.map((r) => r[j].length)));
  const line = (r: string[]) => r.map((c, j) => c.padEnd(w[j])).join("  ");
  return [line(columns), line(w.map((k) => "-".repeat(k))), ...rows.map(line)].join("\n");
}

/** Human-readable fit report. */
export function fitText(r: FitReport): string {
  const rows = Object.entries(r.groups).map(([g, v]) => [
    g,
    v.thresholds.map(thr).join(" | "),
    v.thresholds.length > 1 ? v.mix.toFixed(4) : "-",
    v.p_constant > 0 ? `${v.p_constant.toFixed(4)} @ ${v.constant_rate.toFixed(4)}` : "-",
    f4(v.tpr),
    f4(v.fpr),
    f4(v.selection_rate),
    String(v.n),
  ]);
  const gap = (x: number | null) => (x === null ? "-" : x.toFixed(4));
  return [
    `constraint ${r.constraint}, objective ${r.objective}: accuracy ${f4(r.accuracy)}, objective ${f4(r.objective_value)}`,
    textTable(["group", "thresholds (score > t)", "mix", "constant", "TPR", "FPR", "selection", "n"], rows),
    `gaps: selection ${f4(r.gaps.selection_rate)}, TPR ${f4(r.gaps.tpr)}, FPR ${f4(r.gaps.fpr)}; constraint gap ${gap(r.constraint_gap)}`,
    `before (best single threshold): accuracy ${f4(r.before.accuracy)}, objective ${f4(r.before.objective_value)}, constraint gap ${gap(r.before.constraint_gap)}`,
    `deterministic mode: accuracy ${f4(r.deterministic.accuracy)}, objective ${f4(r.deterministic.objective_value)}, constraint gap ${gap(r.deterministic.constraint_gap)}`,
  ].join("\n");
}

/** Human-readable FICO table. */
export function ficoText(r: FicoResult): string {
  const rows = r.strategies.map((s) => {
    const ref = FICO_REFERENCE[s.constraint];
    return [
      s.constraint,
      s.fraction.toFixed(4),
      referenceFraction(r.target, s.constraint)?.toFixed(4) ?? "-",
      ref.paper.toFixed(3),
      s.cutoffs.map((c) => thr(thresholdToJson(c))).join(" / "),
      (FICO_REFERENCE_CUTOFFS[s.constraint] ?? []).join(" / ") || "-",
      s.rates.map((x) => x.tpr.toFixed(3)).join(" / "),
      `${s.deterministic.fraction.toFixed(4)} (gap ${s.deterministic.gap === null ? "-" : s.deterministic.gap.toFixed(4)})`,
    ];
  });
  return [
    `FICO: lend iff P(non-default) >= ${r.target}; groups ${r.groups.join(" / ")}`,
    textTable(
      [
        "criterion",
        "profit/max",
        "reference code",
        "paper",
        "cutoffs (score >=)",
        "reference cutoffs",
        "TPR",
        "deterministic",
      ],
      rows,
    ),
    "randomised groups lend to a fraction of the bin just below the cutoff (see --json: thresholds, mix).",
  ].join("\n");
}

/** JSON form of the FICO study. */
export function ficoJson(r: FicoResult) {
  return {
    target: r.target,
    groups: r.groups,
    totals: Object.fromEntries(r.groups.map((g, a) => [g, r.totals[a]])),
    base_rates: Object.fromEntries(r.groups.map((g, a) => [g, r.baseRates[a]])),
    strategies: r.strategies.map((s) => ({
      constraint: s.constraint,
      fraction_of_max_profit: s.fraction,
      reference_fraction: referenceFraction(r.target, s.constraint),
      paper_fraction: FICO_REFERENCE[s.constraint].paper,
      profit_per_applicant: s.profit,
      ...(s.target !== undefined ? { target: s.target } : {}),
      ...(s.point ? { point: s.point } : {}),
      deterministic: {
        fraction_of_max_profit: s.deterministic.fraction,
        constraint_gap: s.deterministic.gap,
        cutoffs: Object.fromEntries(r.groups.map((g, a) => [g, thresholdToJson(s.deterministic.cutoffs[a])])),
      },
      groups: Object.fromEntries(
        r.groups.map((g, a) => {
          const d = s.decisions[a];
          const x = s.rates[a];
          return [
            g,
            {
              cutoff: thresholdToJson(s.cutoffs[a]),
              thresholds: d.thresholds.map(thresholdToJson),
              mix: d.mix,
              p_constant: d.pConstant,
              constant_rate: d.constantRate,
              tpr: x.tpr,
              fpr: x.fpr,
              selection_rate: x.selectionRate,
            },
          ];
        }),
      ),
    })),
  };
}

/** Human-readable Adult study. */
export function adultText(r: AdultStudyResult): string {
  const rows = r.attributes.flatMap((a) =>
    a.rows.map((x) => [
      a.attribute,
      x.criterion,
      f4(x.accuracy),
      f4(x.sampledAccuracy),
      f4(x.tprGap),
      f4(x.fprGap),
      f4(x.selectionGap),
      x.fitGap === null ? "-" : x.fitGap.toExponential(1),
    ]),
  );
  return [
    `Adult: logistic regression on ${r.rows.train} rows (${r.features} features, ${r.model.iterations} Newton steps): test accuracy ${f4(r.model.testAccuracy)}, AUROC ${f4(r.model.testAuroc)}`,
    `post-processors fitted on ${r.rows.validation} validation rows (objective ${r.objective}), evaluated on ${r.rows.test} test rows (expected over the randomisation; seeded draw beside)`,
    textTable(
      ["group by", "criterion", "accuracy", "seeded draw", "TPR gap", "FPR gap", "selection gap", "fit gap"],
      rows,
    ),
  ].join("\n");
}

/** JSON form of the Adult study (without the curves). */
export function adultJson(r: AdultStudyResult) {
  return {
    seed: r.seed,
    objective: r.objective,
    rows: r.rows,
    features: r.features,
    model: r.model,
    attributes: r.attributes.map((a) => ({ attribute: a.attribute, groups: a.groups, rows: a.rows })),
  };
}
