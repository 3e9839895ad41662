/**
 * Reading a trajectory collection: as a stream of episodes (one chunk in memory at a time) or loaded into a
 * {@link TrajectoryIndex} for random access (training windows of T consecutive steps). Every chunk is checked
 * against the sha256 in the manifest when it is read; a mismatch is a one-line error naming the chunk file.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { InputError } from "../../util/errors.js";
import { type Chunk, decodeChunk } from "./format.js";
import { type ChunkEntry, type Manifest, readManifest } from "./manifest.js";
import { sha256 } from "./unit.js";
import { TrajectoryIndex } from "./windows.js";

/** Which episodes to read. */
export interface DatasetFilter {
  games?: string[];
  skills?: string[];
  /** Keep only the first ceil(fraction * n) of the n episodes of each game and skill (e.g. 0.01). */
  fraction?: number;
}

/** One episode, with views into its chunk (bit-packed observations). */
export interface EpisodeView {
  game: string;
  skill: string;
  index: number;
  envSeed: number;
  steps: number;
  return: number;
  terminal: boolean;
  channels: number;
  obsBytes: number;
  /** steps * obsBytes bytes. */
  observations: Uint8Array;
  actions: Uint8Array;
  rewards: Float32Array;
}

/** A trajectory collection on disk. */
export class TrajectoryDataset {
  readonly dir: string;
  readonly manifest: Manifest;

  private constructor(dir: string, manifest: Manifest) {
    this.dir = dir;
    this.manifest = manifest;
  }

  /** Opens a collection folder (reads and checks its manifest). */
  static open(dir: string): TrajectoryDataset {
    return new TrajectoryDataset(dir, readManifest(dir));
  }

  /**
   * The chunk entries selected by a filter, in order (game, skill, first episode), each with the number of its
   * leading episodes to keep (all of them unless `fraction` cuts the series short).
   */
  selection(filter: DatasetFilter = {}): { entry: ChunkEntry; take: number }[] {
    const games = filter.games?.map((g) => g.toLowerCase().replace(/-/g, "_"));
    const entries = this.manifest.chunks
      .filter(
        (c) => (!games || games.includes(c.game)) && (!filter.skills || filter.skills.includes(c.skill)),
      )
      .sort((a, b) =>
        a.game !== b.game
          ? a.game < b.game
            ? -1
            : 1
          : a.skill !== b.skill
            ? a.skill < b.skill
              ? -1
              : 1
            : a.start - b.start,
      );
    if (filter.fraction === undefined) return entries.map((entry) => ({ entry, take: entry.count }));
    if (!(filter.fraction > 0 && filter.fraction <= 1))
      throw new InputError(`must be in (0, 1], got ${filter.fraction}`, "fraction");
    const totals = new Map<string, number>();
    for (const c of entries)
      totals.set(`${c.game}/${c.skill}`, (totals.get(`${c.game}/${c.skill}`) ?? 0) + c.count);
    const left = new Map([...totals].map(([k, n]) => [k, Math.max(1, Math.ceil(filter.fraction! * n))]));
    const out: { entry: ChunkEntry; take: number }[] = [];
    for (const entry of entries) {
      const k = `${entry.game}/${entry.skill}`;
      const take = Math.min(entry.count, left.get(k)!);
      if (take > 0) out.push({ entry, take });
      left.set(k, left.get(k)! - take);
    }
    return out;
  }

  /** Reads, checks and decodes one chunk. */
  readChunk(entry: ChunkEntry): Chunk {
    const path = join(this.dir, entry.file);
    let bytes: Uint8Array;
    try {
      bytes = readFileSync(path);
    } catch {
      throw new InputError("chunk file is missing; re-run collect on this folder to redo it", path);
    }
    const got = sha256(bytes);
    if (got !== entry.sha256)
      throw new InputError(
        `bad checksum (sha256 ${got.slice(0, 12)}... != manifest ${entry.sha256.slice(0, 12)}...): the chunk is damaged; re-run collect on this folder to redo it`,
        path,
      );
    return decodeChunk(bytes, path);
  }

  /** Streams the selected episodes, one chunk in memory at a time. */
  *episodes(filter: DatasetFilter = {}): Generator<EpisodeView> {
    for (const { entry, take } of this.selection(filter)) {
      const chunk = this.readChunk(entry);
      const h = chunk.header;
      for (let e = 0; e < take; e++) {
        const a = chunk.stepOffsets[e];
        const b = chunk.stepOffsets[e + 1];
        const m = h.episodes[e];
        yield {
          game: h.game,
          skill: h.skill,
          index: m.index,
          envSeed: m.envSeed,
          steps: m.steps,
          return: m.return,
          terminal: m.terminal,
          channels: h.channels,
          obsBytes: h.obsBytes,
          observations: chunk.observations.subarray(a * h.obsBytes, b * h.obsBytes),
          actions: chunk.actions.subarray(a, b),
          rewards: chunk.rewards.subarray(a, b),
        };
      }
    }
  }

  /** Loads the selected chunks into memory with an index for random access. */
  load(filter: DatasetFilter = {}): TrajectoryIndex {
    const sel = this.selection(filter);
    if (!sel.length) throw new InputError("no episodes match the selection", this.dir);
    return new TrajectoryIndex(
      sel.map((s) => this.readChunk(s.entry)),
      this.manifest,
      sel.map((s) => s.take),
    );
  }
}
