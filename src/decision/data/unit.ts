/** Runs one unit of collection work (in a worker thread or in-process): plays, records, writes the chunk. */
import { createHash } from "node:crypto";
import { join } from "node:path";
import { writeFileAtomic } from "../../util/fs.js";
import { makePolicy } from "../games/policies.js";
import { getGame } from "../games/registry.js";
import {
  type ChunkEntry,
  type CollectConfig,
  chunkFile,
  type EvalEntry,
  episodeSeed,
  unitKey,
  type WorkUnit,
} from "./manifest.js";
import { ChunkBuilder, playEpisode } from "./record.js";

/** Called after each episode of a unit. */
export type EpisodeCallback = (ret: number, steps: number) => void;

/** SHA-256 of bytes, hex. */
export function sha256(bytes: Uint8Array): string {
  return createHash("sha256").update(bytes).digest("hex");
}

/** Plays a unit's episodes; a chunk unit writes its file under `dir` (atomically) and returns its entry. */
export function runUnit(
  unit: WorkUnit,
  config: CollectConfig,
  dir: string,
  onEpisode?: EpisodeCallback,
): ChunkEntry | EvalEntry {
  const t0 = performance.now();
  const game = getGame(unit.game);
  const opts = { maxSteps: config.maxSteps, sticky: config.sticky, ramping: config.ramping };
  const returns: number[] = [];
  const lengths: number[] = [];
  const salt = unit.kind === "eval" ? `${unit.skill}/eval` : unit.skill;
  const builder = unit.kind === "chunk" ? new ChunkBuilder(game, unit.skill) : null;
  for (let i = unit.start; i < unit.start + unit.count; i++) {
    const policy = makePolicy(game, unit.skill, episodeSeed(config.seed, game.name, salt, i, "policy"));
    const envSeed = episodeSeed(config.seed, game.name, salt, i, "env");
    const r = builder ? builder.record(policy, i, envSeed, opts) : playEpisode(game, policy, envSeed, opts);
    returns.push(r.return);
    lengths.push(r.steps);
    onEpisode?.(r.return, r.steps);
  }
  const seconds = (performance.now() - t0) / 1000;
  const key = unitKey(unit);
  if (!builder) return { key, game: game.name, skill: unit.skill, returns, lengths, seconds };
  const bytes = builder.encode();
  const file = chunkFile(unit);
  writeFileAtomic(join(dir, file), bytes);
  return {
    key,
    file,
    game: game.name,
    skill: unit.skill,
    start: unit.start,
    count: unit.count,
    steps: builder.totalSteps,
    bytes: bytes.length,
    sha256: sha256(bytes),
    returns,
    lengths,
    seconds,
  };
}
