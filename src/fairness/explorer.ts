/**
 * The interactive explorer: a self-contained HTML page (no network, no libraries) with each group's ROC curve,
 * a threshold slider per group, live TPR / FPR / selection rate / accuracy / objective, and one button per
 * criterion that snaps to the exact solution fitted here. Served on 127.0.0.1 by `sltk fairness explore` and
 * embedded in the report as a `page` block.
 */
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { curveFromBins, type GroupCurve } from "./curve.js";
import { explorerHtml } from "./explorer-page.js";
import { fitCurves } from "./fit.js";
import type { ObjectiveSpec } from "./objective.js";
import { linearObjective } from "./objective.js";
import { thresholdToJson } from "./postprocessor.js";
import { CONSTRAINTS } from "./solve.js";

/** Options of the explorer page. */
export interface ExplorerOptions extends ObjectiveSpec {
  title: string;
  /** Axis label of the score. */
  scoreLabel: string;
  /** At most this many score bins (pooled quantiles) are kept; default 600. */
  maxBins?: number;
}

/**
 * Coarsens curves to at most `maxBins` common score bins (pooled weighted quantiles); each bin is represented by
 * its lowest score. Curves with fewer distinct pooled scores are returned unchanged.
 */
export function binCurves(curves: GroupCurve[], maxBins: number): GroupCurve[] {
  const all: number[] = [];
  const w: number[] = [];
  for (const c of curves)
    for (let i = 0; i < c.scores.length; i++) {
      all.push(c.scores[i]);
      w.push(c.pos[i] + c.neg[i]);
    }
  const order = Array.from(all.keys()).sort((a, b) => all[b] - all[a]);
  const distinct = new Set(all).size;
  if (distinct <= maxBins) return curves;
  let total = 0;
  for (const x of w) total += x;
  // Lower edges (descending): a bin closes once it holds total / maxBins weight and the score changes.
  const edges: number[] = [];
  let acc = 0;
  for (let q = 0; q < order.length; q++) {
    const i = order[q];
    acc += w[i];
    const next = q + 1 < order.length ? all[order[q + 1]] : Number.NEGATIVE_INFINITY;
    if (next !== all[i] && (acc >= total / maxBins || q + 1 === order.length)) {
      edges.push(all[i]);
      acc = 0;
    }
  }
  return curves.map((c) => {
    const pos = new Float64Array(edges.length);
    const neg = new Float64Array(edges.length);
    let b = 0;
    for (let i = 0; i < c.scores.length; i++) {
      while (c.scores[i] < edges[b]) b++;
      pos[b] += c.pos[i];
      neg[b] += c.neg[i];
    }
    const keep: number[] = [];
    for (let j = 0; j < edges.length; j++) if (pos[j] + neg[j] > 0) keep.push(j);
    return curveFromBins(
      c.name,
      Float64Array.from(keep, (j) => edges[j]),
      Float64Array.from(keep, (j) => pos[j]),
      Float64Array.from(keep, (j) => neg[j]),
    );
  });
}

const round = (x: number) => +x.toPrecision(7);

/** The data the page needs: binned curves and the exact solution of every criterion on them. */
export function explorerData(curves: GroupCurve[], opts: ExplorerOptions) {
  const binned = binCurves(curves, opts.maxBins ?? 600);
  const lin = linearObjective(binned, opts);
  const solutions: Record<string, unknown> = {};
  for (const c of CONSTRAINTS) {
    const needPos = c === "equal_opportunity" || c === "equalized_odds";
    const needNeg = c === "equalized_odds";
    if (binned.some((g) => (needPos && g.P === 0) || (needNeg && g.N === 0))) continue;
    const r = fitCurves(binned, { ...opts, constraint: c });
    solutions[c] = {
      objective: r.report.objective_value,
      groups: binned.map((g) => {
        const d = r.postProcessor.model.decisions[g.name];
        return { t: d.thresholds.map(thresholdToJson), mix: d.mix, pc: d.pConstant, cr: d.constantRate };
      }),
    };
  }
  return {
    title: opts.title,
    scoreLabel: opts.scoreLabel,
    objective: opts.objective,
    gain: opts.gain ?? 1,
    cost: opts.cost ?? 1,
    lin,
    groups: binned.map((g) => ({
      name: g.name,
      scores: Array.from(g.scores, round),
      pos: Array.from(g.pos, round),
      neg: Array.from(g.neg, round),
    })),
    solutions,
  };
}

/** The explorer page for groups' curves (fits all five criteria on them). */
export function explorerFromCurves(curves: GroupCurve[], opts: ExplorerOptions): string {
  return explorerHtml(explorerData(curves, opts));
}

/** A running explorer server. */
export interface ExplorerServer {
  port: number;
  close(): Promise<void>;
}

/** Serves a page at `/` on 127.0.0.1 only (port 0: any free port). */
export function serveExplorer(html: string, port: number): Promise<ExplorerServer> {
  const server = createServer((req, res) => {
    const path = (req.url ?? "/").split("?")[0];
    if (req.method === "GET" && (path === "/" || path === "/index.html")) {
      res.writeHead(200, { "content-type": "text/html; charset=utf-8", "cache-control": "no-store" });
      res.end(html);
    } else {
      res.writeHead(404, { "content-type": "text/plain" });
      res.end("not found\n");
    }
  });
  return new Promise((resolve, reject) => {
    server.once("error", reject);
    server.listen(port, "127.0.0.1", () => {
      const p = (server.address() as AddressInfo).port;
      resolve({
        port: p,
        close: () =>
          new Promise<void>((r) => {
            server.closeAllConnections();
            server.close(() => r());
          }),
      });
    });
  });
}
