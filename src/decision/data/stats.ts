/**
 * Summary statistics of a collection, from the manifest alone (no chunk is read): episodes, steps and returns
 * per game and skill, normalised means, and a Vega-Lite chart of the return histograms.
 */
import type { Manifest } from "./manifest.js";
import { normalisedScore } from "./manifest.js";

/** Statistics of one game and skill. */
export interface SkillStats {
  game: string;
  skill: string;
  episodes: number;
  steps: number;
  meanReturn: number;
  stdReturn: number;
  minReturn: number;
  maxReturn: number;
  meanLength: number;
  /** (mean - random) / (expert - random) under the manifest's means; null without them. */
  normalised: number | null;
}

/** Statistics of a collection. */
export interface CollectionStats {
  episodes: number;
  steps: number;
  bytes: number;
  rows: SkillStats[];
  normalisation: Manifest["normalisation"];
}

/** Computes the statistics of a manifest's finished chunks. */
export function collectionStats(m: Manifest): CollectionStats {
  const groups = new Map<string, { game: string; skill: string; returns: number[]; lengths: number[] }>();
  for (const c of m.chunks) {
    const key = `${c.game}\u0000${c.skill}`;
    const g = groups.get(key) ?? { game: c.game, skill: c.skill, returns: [], lengths: [] };
    g.returns.push(...c.returns);
    g.lengths.push(...c.lengths);
    groups.set(key, g);
  }
  const skillOrder = m.config.skills;
  const rows = [...groups.values()]
    .sort((a, b) =>
      a.game !== b.game
        ? a.game < b.game
          ? -1
          : 1
        : skillOrder.indexOf(a.skill) - skillOrder.indexOf(b.skill),
    )
    .map((g): SkillStats => {
      const n = g.returns.length;
      const mean = g.returns.reduce((s, x) => s + x, 0) / n;
      const sd = Math.sqrt(g.returns.reduce((s, x) => s + (x - mean) ** 2, 0) / Math.max(1, n - 1));
      const steps = g.lengths.reduce((s, x) => s + x, 0);
      return {
        game: g.game,
        skill: g.skill,
        episodes: n,
        steps,
        meanReturn: mean,
        stdReturn: sd,
        minReturn: Math.min(...g.returns),
        maxReturn: Math.max(...g.returns),
        meanLength: steps / n,
        normalised: m.normalisation[g.game] ? normalisedScore(m, g.game, mean) : null,
      };
    });
  return {
    episodes: rows.reduce((s, r) => s + r.episodes, 0),
    steps: rows.reduce((s, r) => s + r.steps, 0),
    bytes: m.chunks.reduce((s, c) => s + c.bytes, 0),
    rows,
    normalisation: m.normalisation,
  };
}

/** A Vega-Lite spec: return histograms, one panel per game (own bins), stacked bars coloured by skill. */
export function returnHistogramSpec(m: Manifest): Record<string, unknown> {
  const values = m.chunks.flatMap((c) => c.returns.map((r) => ({ game: c.game, skill: c.skill, return: r })));
  const games = [...new Set(m.chunks.map((c) => c.game))];
  return {
    data: { values },
    hconcat: games.map((game) => ({
      title: game,
      width: 150,
      height: 120,
      transform: [{ filter: { field: "game", equal: game } }],
      mark: { type: "bar" },
      encoding: {
        x: { field: "return", type: "quantitative", bin: { maxbins: 15 }, title: "episode return" },
        y: { aggregate: "count", type: "quantitative", title: "episodes" },
        color: { field: "skill", type: "nominal", sort: m.config.skills, title: "skill" },
      },
    })),
  };
}

/** The statistics as a fixed-width text table. */
export function formatStats(s: CollectionStats): string {
  const head = [
    "game",
    "skill",
    "episodes",
    "steps",
    "mean return",
    "std",
    "min",
    "max",
    "mean length",
    "normalised",
  ];
  const rows = s.rows.map((r) => [
    r.game,
    r.skill,
    String(r.episodes),
    String(r.steps),
    r.meanReturn.toFixed(2),
    r.stdReturn.toFixed(2),
    String(r.minReturn),
    String(r.maxReturn),
    r.meanLength.toFixed(1),
    r.normalised === null ? "-" : r.normalised.toFixed(3),
  ]);
  const widths = head.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
  const line = (cells: string[]) =>
    cells.map((c, i) => (i < 2 ? c.padEnd(widths[i]) : c.padStart(widths[i]))).join("  ");
  return [
    line(head),
    ...rows.map(line),
    `total: ${s.episodes} episodes, ${s.steps} steps, ${(s.bytes / 1e6).toFixed(1)} MB of chunks`,
  ].join("\n");
}
