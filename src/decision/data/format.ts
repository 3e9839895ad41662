/**
 * The chunk file: one game, one skill, a run of whole episodes, laid out for random access.
 *
 *   bytes 0..7     magic "SLTKTRJ1"
 *   bytes 8..11    u32 little-endian: length H of the JSON header
 *   bytes 12..     the JSON header ({@link ChunkHeader}), space-padded so that the sections start 8-aligned
 *   sections       stepOffsets u32[E + 1] | rewards f32[S] | actions u8[S] | observations u8[S * obsBytes]
 *                  (each section 8-aligned; offsets and lengths are in the header)
 *
 * Step t of an episode is chunk step `stepOffsets[e] + t`: its observation is the frame the policy saw, its
 * action the action the policy chose (the environment then applied sticky actions), its reward the reward of
 * that step. Observations are bit-packed [10, 10, C] (see games/observation.ts). All numbers are little-endian.
 */
import { endianness } from "node:os";
import { InputError } from "../../util/errors.js";

/** File magic and version. */
export const CHUNK_MAGIC = "SLTKTRJ1";

/** One episode's record in a chunk header. */
export interface EpisodeMeta {
  /** Episode index within its (game, skill) series. */
  index: number;
  /** Seed of the environment (with the stored actions it replays the episode exactly). */
  envSeed: number;
  steps: number;
  return: number;
  /** True if the game ended the episode; false if it was cut at the step limit. */
  terminal: boolean;
}

/** Offsets (bytes from the file start) and lengths of the sections. */
export interface ChunkSections {
  stepOffsets: [number, number];
  rewards: [number, number];
  actions: [number, number];
  observations: [number, number];
}

/** The JSON header of a chunk. */
export interface ChunkHeader {
  format: 1;
  game: string;
  skill: string;
  channels: number;
  obsBytes: number;
  steps: number;
  episodes: EpisodeMeta[];
  sections: ChunkSections;
}

/** A decoded chunk: the header and typed views on its sections (no copies). */
export interface Chunk {
  header: ChunkHeader;
  stepOffsets: Uint32Array;
  rewards: Float32Array;
  actions: Uint8Array;
  observations: Uint8Array;
}

const align8 = (n: number) => (n + 7) & ~7;

function checkEndianness(): void {
  if (endianness() !== "LE") throw new Error("trajectory chunks need a little-endian machine");
}

/** Encodes a chunk from its parts (the observations already bit-packed). */
export function encodeChunk(
  meta: Omit<ChunkHeader, "format" | "steps" | "sections">,
  stepOffsets: Uint32Array,
  rewards: Float32Array,
  actions: Uint8Array,
  observations: Uint8Array,
): Uint8Array {
  checkEndianness();
  const steps = rewards.length;
  if (actions.length !== steps || observations.length !== steps * meta.obsBytes)
    throw new Error("encodeChunk: section lengths disagree");
  if (stepOffsets.length !== meta.episodes.length + 1 || stepOffsets[meta.episodes.length] !== steps)
    throw new Error("encodeChunk: step offsets disagree with the episodes");
  // The header length depends on the section offsets it holds, which depend on the header length: fix the
  // point by estimating generously (offsets are at most 12 digits each).
  const sizes = [stepOffsets.byteLength, rewards.byteLength, actions.byteLength, observations.byteLength];
  const draft = JSON.stringify({ format: 1, ...meta, steps, sections: {} });
  const headerSpace = align8(12 + Buffer.byteLength(draft) + 200) - 12;
  let off = 12 + headerSpace;
  const ranges: [number, number][] = [];
  for (const n of sizes) {
    ranges.push([off, n]);
    off = align8(off + n);
  }
  const sections: ChunkSections = {
    stepOffsets: ranges[0],
    rewards: ranges[1],
    actions: ranges[2],
    observations: ranges[3],
  };
  const header: ChunkHeader = { format: 1, ...meta, steps, sections };
  const json = Buffer.from(JSON.stringify(header), "utf8");
  if (json.length > headerSpace) throw new Error("encodeChunk: header estimate too small");
  const out = new Uint8Array(off);
  out.set(Buffer.from(CHUNK_MAGIC, "latin1"), 0);
  new DataView(out.buffer).setUint32(8, headerSpace, true);
  out.fill(0x20, 12, 12 + headerSpace);
  out.set(json, 12);
  const parts = [stepOffsets, rewards, actions, observations];
  for (let i = 0; i < 4; i++) {
    const p = parts[i];
    out.set(new Uint8Array(p.buffer, p.byteOffset, p.byteLength), ranges[i][0]);
  }
  return out;
}

/** Decodes a chunk (views into `bytes`, copied once if misaligned); `name` is used in error messages. */
export function decodeChunk(bytes: Uint8Array, name: string): Chunk {
  checkEndianness();
  const bad = (msg: string) =>
    new InputError(`${msg}; the file is damaged: delete it and re-run collect`, name);
  if (bytes.length < 12 || Buffer.from(bytes.subarray(0, 8)).toString("latin1") !== CHUNK_MAGIC)
    throw bad("not a trajectory chunk (bad magic)");
  // A plain Uint8Array view (not a Buffer), copied once if the sections would be misaligned.
  const buf =
    bytes.byteOffset % 8 === 0
      ? new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.length)
      : Uint8Array.from(bytes);
  const hlen = new DataView(buf.buffer, buf.byteOffset).getUint32(8, true);
  if (12 + hlen > buf.length) throw bad("truncated header");
  let header: ChunkHeader;
  try {
    header = JSON.parse(Buffer.from(buf.subarray(12, 12 + hlen)).toString("utf8"));
  } catch {
    throw bad("unreadable JSON header");
  }
  const s = header.sections;
  const E = header.episodes?.length ?? -1;
  const S = header.steps;
  const fits = (r: [number, number], n: number) =>
    r && r[1] === n && r[0] + r[1] <= buf.length && r[0] % 4 === 0;
  if (
    header.format !== 1 ||
    E < 0 ||
    !fits(s.stepOffsets, 4 * (E + 1)) ||
    !fits(s.rewards, 4 * S) ||
    !fits(s.actions, S) ||
    !fits(s.observations, S * header.obsBytes)
  )
    throw bad("sections do not match the header");
  const base = buf.byteOffset;
  return {
    header,
    stepOffsets: new Uint32Array(buf.buffer, base + s.stepOffsets[0], E + 1),
    rewards: new Float32Array(buf.buffer, base + s.rewards[0], S),
    actions: buf.subarray(s.actions[0], s.actions[0] + S),
    observations: buf.subarray(s.observations[0], s.observations[0] + S * header.obsBytes),
  };
}
