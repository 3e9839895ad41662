/**
 * The collection manifest (`manifest.json` beside the `chunks/` folder): the settings, the games' shapes, one
 * entry per finished chunk (file, sha256, episode returns and lengths) and the per-game normalisation means.
 * Work is planned as units (a chunk of episodes of one game and skill, or an evaluation-only run for a
 * normalisation mean that the collected skills do not provide); a unit's key names its exact episode range, so
 * a resumed collection skips the units that are already in the manifest.
 */
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { InputError } from "../../util/errors.js";
import { hashString } from "../../util/rng.js";
import { packedSize } from "../games/observation.js";
import { getGame } from "../games/registry.js";

/** Settings of a collection. */
export interface CollectConfig {
  games: string[];
  skills: string[];
  /** Episodes per game and skill. */
  episodes: number;
  /** Episodes per chunk file. */
  chunkEpisodes: number;
  seed: number;
  sticky: number;
  ramping: boolean;
  /** Episodes longer than this are cut (and marked not terminal). */
  maxSteps: number;
  /** Episodes of each evaluation-only run for a missing normalisation mean. */
  normEpisodes: number;
}

/** A unit of work. */
export interface WorkUnit {
  kind: "chunk" | "eval";
  game: string;
  skill: string;
  /** First episode index and number of episodes. */
  start: number;
  count: number;
}

/** A finished chunk. */
export interface ChunkEntry {
  key: string;
  file: string;
  game: string;
  skill: string;
  start: number;
  count: number;
  steps: number;
  bytes: number;
  sha256: string;
  returns: number[];
  lengths: number[];
  seconds: number;
}

/** A finished evaluation-only run (returns only, no trajectories stored). */
export interface EvalEntry {
  key: string;
  game: string;
  skill: string;
  returns: number[];
  lengths: number[];
  seconds: number;
}

/** Means behind the normalised score (score - random) / (expert - random) of a game. */
export interface NormEntry {
  random: number;
  expert: number;
  randomEpisodes: number;
  expertEpisodes: number;
  /** `collected`: from the stored episodes; `evaluated`: from evaluation-only runs. */
  source: { random: "collected" | "evaluated"; expert: "collected" | "evaluated" };
}

/** The manifest file. */
export interface Manifest {
  format: "sltk-trajectories";
  version: 1;
  config: CollectConfig;
  games: Record<string, { title: string; channels: string[]; obsBytes: number; minimalActions: number[] }>;
  chunks: ChunkEntry[];
  evaluations: EvalEntry[];
  normalisation: Record<string, NormEntry>;
  complete: boolean;
  createdAt: string;
  updatedAt: string;
  /** One record per collect invocation that ran work: wall-clock seconds, steps and episodes played. */
  runs: { startedAt: string; seconds: number; steps: number; episodes: number; workers: number }[];
}

/** The manifest's file name. */
export const MANIFEST = "manifest.json";

/** A unit's key: kind, game, skill and episode range. */
export function unitKey(u: WorkUnit): string {
  return `${u.kind}:${u.game}:${u.skill}:${u.start}+${u.count}`;
}

/** The chunk file of a unit, relative to the collection folder. */
export function chunkFile(u: WorkUnit): string {
  return `chunks/${u.game}/${u.skill}-${String(u.start).padStart(6, "0")}-${u.count}.traj`;
}

/** The seed of episode i of a game and skill (environment or policy stream). */
export function episodeSeed(
  seed: number,
  game: string,
  skill: string,
  i: number,
  stream: "env" | "policy",
): number {
  return hashString(`${seed}:${game}:${skill}:${i}:${stream}`);
}

/** All units of a collection: chunks for every game x skill, and evaluation runs for missing means. */
export function planUnits(c: CollectConfig): WorkUnit[] {
  const units: WorkUnit[] = [];
  for (const game of c.games) {
    for (const skill of c.skills)
      for (let start = 0; start < c.episodes; start += c.chunkEpisodes)
        units.push({
          kind: "chunk",
          game,
          skill,
          start,
          count: Math.min(c.chunkEpisodes, c.episodes - start),
        });
    for (const skill of ["random", "expert"])
      if (!c.skills.includes(skill) && c.normEpisodes > 0)
        units.push({ kind: "eval", game, skill, start: 0, count: c.normEpisodes });
  }
  return units;
}

/** A new, empty manifest for a configuration. */
export function newManifest(c: CollectConfig): Manifest {
  const games: Manifest["games"] = {};
  for (const name of c.games) {
    const g = getGame(name);
    games[g.name] = {
      title: g.title,
      channels: [...g.channels],
      obsBytes: packedSize(g.channels.length),
      minimalActions: [...g.minimalActions],
    };
  }
  const now = new Date().toISOString();
  return {
    format: "sltk-trajectories",
    version: 1,
    config: c,
    games,
    chunks: [],
    evaluations: [],
    normalisation: {},
    complete: false,
    runs: [],
    createdAt: now,
    updatedAt: now,
  };
}

/** Reads and checks a manifest; a missing or malformed file is a one-line input error naming it. */
export function readManifest(dir: string): Manifest {
  const path = join(dir, MANIFEST);
  if (!existsSync(path)) throw new InputError(`no ${MANIFEST} here: not a trajectory collection`, dir);
  let m: Manifest;
  try {
    m = JSON.parse(readFileSync(path, "utf8"));
  } catch (e) {
    throw new InputError(`unreadable JSON (${(e as Error).message.split("\n")[0]})`, path);
  }
  if (m?.format !== "sltk-trajectories" || m.version !== 1 || !Array.isArray(m.chunks) || !m.config)
    throw new InputError("not a version-1 sltk trajectory manifest", path);
  return m;
}

const mean = (a: number[]) => (a.length ? a.reduce((x, y) => x + y, 0) / a.length : Number.NaN);

/** Recomputes the normalisation means of every game from the finished chunks and evaluation runs. */
export function computeNormalisation(m: Manifest): Record<string, NormEntry> {
  const out: Record<string, NormEntry> = {};
  for (const game of m.config.games) {
    const key = getGame(game).name;
    const pick = (skill: string) => {
      const collected = m.chunks.filter((c) => c.game === key && c.skill === skill).flatMap((c) => c.returns);
      if (collected.length) return { returns: collected, source: "collected" as const };
      const evald = m.evaluations
        .filter((e) => e.game === key && e.skill === skill)
        .flatMap((e) => e.returns);
      return { returns: evald, source: "evaluated" as const };
    };
    const r = pick("random");
    const e = pick("expert");
    if (!r.returns.length || !e.returns.length) continue;
    out[key] = {
      random: mean(r.returns),
      expert: mean(e.returns),
      randomEpisodes: r.returns.length,
      expertEpisodes: e.returns.length,
      source: { random: r.source, expert: e.source },
    };
  }
  return out;
}

/** The normalised score (score - random) / (expert - random) of a game under a manifest's means. */
export function normalisedScore(m: Pick<Manifest, "normalisation">, game: string, score: number): number {
  const n = m.normalisation[getGame(game).name];
  if (!n) throw new InputError(`the collection has no normalisation means for '${game}'`);
  const span = n.expert - n.random;
  return span !== 0 ? (score - n.random) / span : Number.NaN;
}
