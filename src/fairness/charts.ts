/**
 * Vega-Lite charts of the study: per-group ROC curves with each criterion's operating points (as in the paper's
 * figures) and a bar chart of the objective by criterion.
 */
import { fprAt, type GroupCurve, pointCount, tprAt } from "./curve.js";

/** One operating point: a group's (FPR, TPR) under a criterion. */
export interface OperatingPoint {
  group: string;
  criterion: string;
  fpr: number;
  tpr: number;
}

/** ROC points of a curve, thinned to at most `max` points (keeping both ends). */
export function rocPoints(c: GroupCurve, max = 300): { fpr: number; tpr: number }[] {
  const K = pointCount(c);
  const step = Math.max(1, Math.ceil(K / max));
  const out: { fpr: number; tpr: number }[] = [];
  for (let k = 0; k < K; k += step) out.push({ fpr: fprAt(c, k), tpr: tprAt(c, k) });
  if ((K - 1) % step !== 0) out.push({ fpr: fprAt(c, K - 1), tpr: tprAt(c, K - 1) });
  return out;
}

/** Per-group ROC curves (lines) with the operating points of each criterion (shapes). */
export function rocChartSpec(
  curves: GroupCurve[],
  points: OperatingPoint[],
  opts: { title?: string; zoom?: { fpr: [number, number]; tpr: [number, number] } } = {},
): Record<string, unknown> {
  const lines = curves.flatMap((c) =>
    rocPoints(c).map((p, order) => ({ group: c.name, order, fpr: p.fpr, tpr: p.tpr })),
  );
  const x = {
    field: "fpr",
    type: "quantitative",
    title: "false positive rate",
    scale: { domain: opts.zoom?.fpr ?? [0, 1] },
  };
  const y = {
    field: "tpr",
    type: "quantitative",
    title: "true positive rate",
    scale: { domain: opts.zoom?.tpr ?? [0, 1] },
  };
  return {
    title: opts.title,
    width: 380,
    height: 380,
    layer: [
      {
        data: { values: lines },
        mark: { type: "line", clip: true, strokeWidth: 1.5 },
        encoding: {
          x,
          y,
          order: { field: "order", type: "quantitative" },
          color: { field: "group", type: "nominal", title: "group" },
        },
      },
      {
        data: { values: points },
        mark: { type: "point", filled: true, size: 90, clip: true, opacity: 0.9 },
        encoding: {
          x,
          y,
          color: { field: "group", type: "nominal" },
          shape: { field: "criterion", type: "nominal", title: "criterion" },
        },
      },
    ],
  };
}

/** Horizontal bars of a value per criterion (optionally split by a series). */
export function barChartSpec(
  rows: { criterion: string; value: number; series?: string }[],
  opts: { title?: string; valueTitle: string; domain?: [number, number] },
): Record<string, unknown> {
  const series = rows.some((r) => r.series !== undefined);
  return {
    title: opts.title,
    width: 380,
    data: { values: rows },
    mark: { type: "bar" },
    encoding: {
      y: { field: "criterion", type: "nominal", sort: null, title: null },
      x: {
        field: "value",
        type: "quantitative",
        title: opts.valueTitle,
        ...(opts.domain ? { scale: { domain: opts.domain } } : {}),
      },
      ...(series
        ? {
            yOffset: { field: "series", type: "nominal" },
            color: { field: "series", type: "nominal", title: null },
          }
        : {}),
      tooltip: [{ field: "value", type: "quantitative", format: ".4f" }],
    },
  };
}
