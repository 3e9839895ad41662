/** Report blocks (tables, Vega-Lite charts, attention heat maps) for the decision transformer's experiments. */
import type { Block } from "../../report/types.js";
import { heatmapPng } from "./attention-map.js";
import type { ExperimentResults } from "./experiments.js";

const pct = (v: number) => Math.round(1000 * v) / 10;

/** Blocks for the report section from a finished (or partial) experiment run. */
export function experimentBlocks(r: ExperimentResults, note: string): Block[] {
  const blocks: Block[] = [{ kind: "text", text: note }];
  const methods: [string, string][] = [
    ["mgdt-s/expert", "multi-game DT, expert action inference (kappa 10)"],
    ["mgdt-s/no-bias", "multi-game DT, no optimality bias"],
    ["bc-s", "behaviour cloning (same network and data)"],
    ["expert-only-s", "multi-game DT trained on expert data only"],
  ];
  const rows: (string | number)[][] = [];
  const bars: { method: string; game: string; normalised: number }[] = [];
  for (const [key, label] of methods) {
    const s = r.scores[key];
    if (!s) continue;
    rows.push([
      label,
      pct(s.meanNormalised),
      `[${pct(s.meanCI[0])}, ${pct(s.meanCI[1])}]`,
      pct(s.iqmNormalised),
      `[${pct(s.iqmCI[0])}, ${pct(s.iqmCI[1])}]`,
      ...s.games.map((g) => `${g.mean.toFixed(1)} (${pct(g.normalised)}%)`),
    ]);
    for (const g of s.games) bars.push({ method: label, game: g.game, normalised: pct(g.normalised) });
  }
  const singles = r.plan.trainGames.map((g) => r.scores[`single-${g}`]?.games[0]).filter(Boolean);
  if (singles.length === r.plan.trainGames.length) {
    const norms = singles.map((g) => g!.normalised);
    rows.push([
      "single-game DTs (one per game)",
      pct(norms.reduce((a, b) => a + b, 0) / norms.length),
      "",
      "",
      "",
      ...singles.map((g) => `${g!.mean.toFixed(1)} (${pct(g!.normalised)}%)`),
    ]);
    for (const g of singles)
      bars.push({ method: "single-game DTs (one per game)", game: g!.game, normalised: pct(g!.normalised) });
  }
  blocks.push({
    kind: "table",
    title: "Normalised score on the training games ((score - random) / (expert - random), %)",
    columns: ["method", "mean %", "95% CI", "IQM %", "95% CI", ...r.plan.trainGames],
    rows,
    digits: 1,
    caption: `${r.plan.episodes} episodes per game, episodes capped at ${r.plan.maxSteps} steps; bootstrap intervals resample episodes within games.`,
  });
  if (bars.length)
    blocks.push({
      kind: "chart",
      title: "Normalised score per game and method",
      spec: {
        data: { values: bars },
        mark: "bar",
        encoding: {
          x: { field: "game", type: "nominal" },
          xOffset: { field: "method" },
          y: { field: "normalised", type: "quantitative", title: "normalised score (%)" },
          color: { field: "method", type: "nominal", legend: { orient: "bottom", columns: 1 } },
        },
        width: 520,
        height: 240,
      },
    });
  const scaling = Object.entries(r.models)
    .filter(([k]) => k.startsWith("mgdt-"))
    .map(([k, m]) => ({
      name: k,
      params: m.params,
      score: r.scores[k.endsWith("scaling") ? k : `${k}/expert`],
    }))
    .filter((x) => x.score);
  if (scaling.length > 1)
    blocks.push({
      kind: "chart",
      title: "Scaling: normalised score against parameters",
      spec: {
        data: {
          values: scaling.map((x) => ({
            model: x.name,
            params: x.params,
            normalised: pct(x.score!.meanNormalised),
          })),
        },
        mark: { type: "line", point: true },
        encoding: {
          x: { field: "params", type: "quantitative", scale: { type: "log" }, title: "parameters" },
          y: { field: "normalised", type: "quantitative", title: "mean normalised score (%)" },
          tooltip: [{ field: "model" }],
        },
        width: 360,
        height: 220,
      },
    });
  if (r.fineTune?.pretrained?.length) {
    const pts = [
      ...r.fineTune.pretrained.map((p) => ({
        start: "pretrained multi-game DT",
        step: p.step,
        score: p.score,
      })),
      ...r.fineTune.scratch.map((p) => ({ start: "from scratch", step: p.step, score: p.score })),
    ];
    blocks.push({
      kind: "chart",
      title: `Fine-tuning on ${r.plan.heldOut} with ${r.fineTune.dataSteps} steps of data (${r.plan.fraction * 100}% of a training game's)`,
      spec: {
        data: { values: pts },
        mark: { type: "line", point: true },
        encoding: {
          x: { field: "step", type: "quantitative", title: "fine-tuning steps" },
          y: { field: "score", type: "quantitative", title: "mean score" },
          color: { field: "start", type: "nominal" },
        },
        width: 360,
        height: 220,
      },
    });
  }
  for (const a of r.attention ?? []) {
    const frame = Uint8Array.from(a.frame);
    blocks.push({
      kind: "image",
      title: `Attention of the action prediction over the frame: ${a.game}, step ${a.step}`,
      png: heatmapPng(frame, { height: 10, width: 10 }, a.channels, a.mean, a.gridRows, a.gridCols, 20),
      alt: `attention map ${a.game}`,
      caption: `mean over layers and heads; share of attention on the current frame per layer: ${a.frameShare.map((v) => v.toFixed(2)).join(", ")}`,
      width: 200,
    });
  }
  return blocks;
}
