/**
 * `collect`: plays episodes of every game at every skill on worker threads and writes a chunked trajectory
 * collection (chunks/ + manifest.json). Resumable: units already in the manifest whose files still match their
 * sha256 are not redone; the manifest is rewritten (atomically) after every finished unit.
 */
import { existsSync, readFileSync, rmSync } from "node:fs";
import { join, resolve } from "node:path";
import { InputError } from "../../util/errors.js";
import { ensureDir, writeJsonAtomic } from "../../util/fs.js";
import { progressBar } from "../../util/progress.js";
import { parseSkill } from "../games/policies.js";
import { getGame, MINATAR_GAMES } from "../games/registry.js";
import {
  type ChunkEntry,
  type CollectConfig,
  computeNormalisation,
  type EvalEntry,
  MANIFEST,
  type Manifest,
  newManifest,
  planUnits,
  readManifest,
  unitKey,
} from "./manifest.js";
import { defaultWorkers, runUnits } from "./pool.js";
import { sha256 } from "./unit.js";

/** Options of {@link collect}: the settings (defaults below) plus how to run. */
export interface CollectOptions extends Partial<CollectConfig> {
  out: string;
  /** Worker threads (default: min(2, cores)); 0 runs in this thread. */
  workers?: number;
  /** Modules to import in each worker before it plays (they register extra games). */
  modules?: string[];
  /** Show a progress bar (default: when stderr is a TTY). */
  progress?: boolean;
  log?: (message: string) => void;
}

/** What a collect run did. */
export interface CollectSummary {
  out: string;
  manifest: Manifest;
  /** Units run now and units found done. */
  ran: number;
  skipped: number;
  episodes: number;
  steps: number;
  seconds: number;
  stepsPerSecond: number;
}

/** Default settings: all five games, the five skills of the issue, 20 episodes each. */
export const COLLECT_DEFAULTS: CollectConfig = {
  games: [...MINATAR_GAMES],
  skills: ["random", "eps0.5", "eps0.2", "eps0.05", "expert"],
  episodes: 20,
  chunkEpisodes: 10,
  seed: 0,
  sticky: 0.1,
  ramping: true,
  maxSteps: 5000,
  normEpisodes: 20,
};

function resolveConfig(o: CollectOptions): CollectConfig {
  const c: CollectConfig = { ...COLLECT_DEFAULTS };
  for (const k of Object.keys(COLLECT_DEFAULTS) as (keyof CollectConfig)[])
    if (o[k] !== undefined) (c as unknown as Record<string, unknown>)[k] = o[k];
  c.games = c.games.map((g) => getGame(g).name);
  if (new Set(c.games).size !== c.games.length) throw new InputError("a game is listed twice", "--games");
  for (const s of c.skills) parseSkill(s);
  if (new Set(c.skills).size !== c.skills.length) throw new InputError("a skill is listed twice", "--skills");
  const positive = (v: number, name: string) => {
    if (!Number.isInteger(v) || v < 1) throw new InputError(`must be a positive integer, got ${v}`, name);
  };
  positive(c.episodes, "--episodes");
  positive(c.chunkEpisodes, "--chunk-episodes");
  positive(c.maxSteps, "--max-steps");
  if (!(c.sticky >= 0 && c.sticky <= 1))
    throw new InputError(`must be in [0, 1], got ${c.sticky}`, "--sticky");
  return c;
}

/** Settings that must match to resume (the episode count may grow). */
function sameSettings(a: CollectConfig, b: CollectConfig): string | null {
  for (const k of ["games", "skills", "chunkEpisodes", "seed", "sticky", "ramping", "maxSteps"] as const)
    if (JSON.stringify(a[k]) !== JSON.stringify(b[k])) return k;
  return null;
}

/** Runs (or resumes) a collection into `opts.out`. */
export async function collect(opts: CollectOptions): Promise<CollectSummary> {
  const log = opts.log ?? (() => {});
  const out = resolve(opts.out);
  const config = resolveConfig(opts);
  ensureDir(join(out, "chunks"));
  let manifest: Manifest;
  if (existsSync(join(out, MANIFEST))) {
    manifest = readManifest(out);
    const diff = sameSettings(manifest.config, config);
    if (diff)
      throw new InputError(`holds a collection with another '${diff}' setting; use another folder`, out);
    manifest.config = config;
  } else manifest = newManifest(config);

  // Keep finished work that is still planned and intact; drop the rest.
  const units = planUnits(config);
  const planned = new Set(units.map(unitKey));
  const kept: ChunkEntry[] = [];
  for (const c of manifest.chunks) {
    const path = join(out, c.file);
    const intact = planned.has(c.key) && existsSync(path) && sha256(readFileSync(path)) === c.sha256;
    if (intact) kept.push(c);
    else {
      if (planned.has(c.key)) log(`collect: redoing ${c.file} (missing or damaged)`);
      rmSync(path, { force: true });
    }
  }
  manifest.chunks = kept;
  manifest.evaluations = manifest.evaluations.filter((e) => planned.has(e.key));
  const done = new Set([...kept.map((c) => c.key), ...manifest.evaluations.map((e) => e.key)]);
  const pending = units.filter((u) => !done.has(unitKey(u)));
  manifest.complete = false;
  const save = () => {
    manifest.normalisation = computeNormalisation(manifest);
    manifest.updatedAt = new Date().toISOString();
    writeJsonAtomic(join(out, MANIFEST), manifest);
  };
  save();

  const total = pending.reduce((s, u) => s + u.count, 0);
  const bar = progressBar("collect", total, { enabled: opts.progress });
  let episodes = 0;
  let steps = 0;
  const t0 = performance.now();
  const startedAt = new Date().toISOString();
  const onEpisode = (game: string, skill: string, ret: number, n: number) => {
    episodes++;
    steps += n;
    bar.tick(1, { info: `${game} ${skill} R=${ret}` });
  };
  const onDone = (entry: ChunkEntry | EvalEntry) => {
    if ("file" in entry) manifest.chunks.push(entry);
    else manifest.evaluations.push(entry);
    save();
  };
  const workers = Math.min(opts.workers ?? defaultWorkers(), pending.length);
  try {
    await runUnits(pending, config, out, { workers, modules: opts.modules, onEpisode, onDone });
  } finally {
    bar.stop();
  }
  const seconds = (performance.now() - t0) / 1000;
  manifest.complete = true;
  if (pending.length) {
    manifest.runs ??= [];
    manifest.runs.push({ startedAt, seconds, steps, episodes, workers: Math.max(1, workers) });
  }
  save();
  return {
    out,
    manifest,
    ran: pending.length,
    skipped: units.length - pending.length,
    episodes,
    steps,
    seconds,
    stepsPerSecond: seconds > 0 ? steps / seconds : 0,
  };
}
