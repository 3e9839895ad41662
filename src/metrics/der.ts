/**
 * Diarization error rate (md-eval conventions): DER = (missed + false alarm + confusion) / total reference speech,
 * overlapping speech counted once per speaker, with an optimal one-to-one speaker mapping (Hungarian on overlap
 * durations). `collar` is the no-score zone on EACH side of every reference boundary (md-eval's `-c`; pyannote's
 * `collar` is the total width, so pyannote 0.5 = ours 0.25). `skipOverlap` drops regions where the reference has
 * more than one speaker. Without UEM the scored region is the extent of reference and hypothesis together.
 */
import type { RttmSegment, UemSegment } from "../data/rttm.js";
import { InputError } from "../util/errors.js";
import { hungarian } from "./hungarian.js";

/** A speaker turn. */
export interface Turn {
  onset: number;
  offset: number;
  speaker: string;
}

/** Options of the DER computation. */
export interface DerOptions {
  /** Scored regions [onset, offset]. */
  uem?: [number, number][];
  /** Seconds excluded on each side of every reference boundary. */
  collar?: number;
  skipOverlap?: boolean;
}

/** DER and its parts (seconds), with the speaker mapping used. */
export interface DerResult {
  der: number;
  missed: number;
  falseAlarm: number;
  confusion: number;
  correct: number;
  total: number;
  mapping: Record<string, string>;
}

type Interval = [number, number];

function mergeIntervals(xs: Interval[]): Interval[] {
  const s = xs.filter(([a, b]) => b > a).sort((p, q) => p[0] - q[0]);
  const out: Interval[] = [];
  for (const iv of s) {
    const last = out[out.length - 1];
    if (last && iv[0] <= last[1]) last[1] = Math.max(last[1], iv[1]);
    else out.push([iv[0], iv[1]]);
  }
  return out;
}

function subtract(base: Interval[], cut: Interval[]): Interval[] {
  const out: Interval[] = [];
  const c = mergeIntervals(cut);
  for (const [a0, b] of base) {
    let a = a0;
    for (const [x, y] of c) {
      if (y <= a || x >= b) continue;
      if (x > a) out.push([a, x]);
      a = Math.max(a, y);
      if (a >= b) break;
    }
    if (a < b) out.push([a, b]);
  }
  return out;
}

interface Piece {
  d: number;
  r: number[];
  h: number[];
}

/**
 * Cuts the scored time into elementary pieces (between consecutive boundaries of turns and scored regions) with
 * the reference and hypothesis speakers active in each: one sweep over sorted boundaries, O((turns + pieces) log).
 */
function scoredPieces(
  ref: Turn[],
  hyp: Turn[],
  refIdx: Map<string, number>,
  hypIdx: Map<string, number>,
  scored: Interval[],
  skipOverlap: boolean,
): Piece[] {
  type Ev = { t: number; side: 0 | 1; spk: number; delta: 1 | -1 };
  const events: Ev[] = [];
  const addTurns = (turns: Turn[], idx: Map<string, number>, side: 0 | 1) => {
    for (const t of turns) {
      if (!(t.offset > t.onset)) continue;
      const spk = idx.get(t.speaker)!;
      events.push({ t: t.onset, side, spk, delta: 1 }, { t: t.offset, side, spk, delta: -1 });
    }
  };
  addTurns(ref, refIdx, 0);
  addTurns(hyp, hypIdx, 1);
  events.sort((a, b) => a.t - b.t);
  const cuts = new Set<number>(events.map((e) => e.t));
  for (const [a, b] of scored) cuts.add(a).add(b);
  const times = [...cuts].sort((a, b) => a - b);
  const count = [new Int32Array(refIdx.size), new Int32Array(hypIdx.size)];
  const active = [new Set<number>(), new Set<number>()];
  const pieces: Piece[] = [];
  let e = 0;
  let si = 0;
  for (let k = 0; k + 1 < times.length; k++) {
    const a = times[k];
    for (; e < events.length && events[e].t <= a; e++) {
      const { side, spk, delta } = events[e];
      count[side][spk] += delta;
      if (count[side][spk] > 0) active[side].add(spk);
      else active[side].delete(spk);
    }
    const b = times[k + 1];
    const mid = (a + b) / 2;
    while (si < scored.length && scored[si][1] <= mid) si++;
    if (si >= scored.length || scored[si][0] > mid) continue;
    if (skipOverlap && active[0].size > 1) continue;
    if (!active[0].size && !active[1].size) continue;
    pieces.push({ d: b - a, r: [...active[0]], h: [...active[1]] });
  }
  return pieces;
}

/** DER of one recording. */
export function diarizationError(ref: Turn[], hyp: Turn[], opts: DerOptions = {}): DerResult {
  for (const t of [...ref, ...hyp]) {
    if (!Number.isFinite(t.onset) || !Number.isFinite(t.offset))
      throw new InputError(`turn of ${t.speaker} has a non-finite time (${t.onset}, ${t.offset})`);
    if (!(t.offset >= t.onset))
      throw new InputError(`turn of ${t.speaker} ends (${t.offset}) before it starts (${t.onset})`);
  }
  let scored: Interval[];
  if (opts.uem) scored = mergeIntervals(opts.uem.map(([a, b]) => [a, b]));
  else {
    let lo = Number.POSITIVE_INFINITY;
    let hi = Number.NEGATIVE_INFINITY;
    for (const t of [...ref, ...hyp]) {
      lo = Math.min(lo, t.onset);
      hi = Math.max(hi, t.offset);
    }
    scored = hi > lo ? [[lo, hi]] : [];
  }
  const collar = opts.collar ?? 0;
  if (!(collar >= 0)) throw new InputError(`collar must be >= 0 seconds, got ${collar}`);
  if (collar > 0)
    scored = subtract(
      scored,
      ref.flatMap((t) => [
        [t.onset - collar, t.onset + collar] as Interval,
        [t.offset - collar, t.offset + collar] as Interval,
      ]),
    );
  const refSpk = [...new Set(ref.map((t) => t.speaker))];
  const hypSpk = [...new Set(hyp.map((t) => t.speaker))];
  const pieces = scoredPieces(
    ref,
    hyp,
    new Map(refSpk.map((s, i) => [s, i])),
    new Map(hypSpk.map((s, i) => [s, i])),
    scored,
    Boolean(opts.skipOverlap),
  );
  // Optimal mapping: maximise co-occurrence time.
  const co = new Float64Array(refSpk.length * hypSpk.length);
  for (const p of pieces) for (const r of p.r) for (const h of p.h) co[r * hypSpk.length + h] += p.d;
  const map = new Int32Array(refSpk.length).fill(-1);
  if (refSpk.length && hypSpk.length) {
    const { rowToCol } = hungarian(
      Array.from(co, (v) => -v),
      refSpk.length,
      hypSpk.length,
    );
    rowToCol.forEach((c, r) => {
      if (c >= 0 && co[r * hypSpk.length + c] > 0) map[r] = c;
    });
  }
  let total = 0;
  let missed = 0;
  let fa = 0;
  let conf = 0;
  let correct = 0;
  for (const p of pieces) {
    const nr = p.r.length;
    const nh = p.h.length;
    const hset = new Set(p.h);
    const ok = p.r.filter((r) => map[r] >= 0 && hset.has(map[r])).length;
    total += p.d * nr;
    missed += p.d * Math.max(nr - nh, 0);
    fa += p.d * Math.max(nh - nr, 0);
    conf += p.d * (Math.min(nr, nh) - ok);
    correct += p.d * ok;
  }
  const err = missed + fa + conf;
  const mapping: Record<string, string> = {};
  map.forEach((c, r) => {
    if (c >= 0) mapping[refSpk[r]] = hypSpk[c];
  });
  return {
    der: total > 0 ? err / total : err > 0 ? 1 : 0,
    missed,
    falseAlarm: fa,
    confusion: conf,
    correct,
    total,
    mapping,
  };
}

/** Turns of one file from RTTM segments. */
export function turnsOf(segments: RttmSegment[], file: string): Turn[] {
  return segments
    .filter((s) => s.file === file)
    .map((s) => ({ onset: s.onset, offset: s.onset + s.duration, speaker: s.speaker }));
}

/** DER per file and over all files (parts summed over files), and the files only one side names. */
export interface DerFilesResult {
  total: DerResult;
  files: Record<string, DerResult>;
  /** Files with hypothesis turns but no reference turns (all false alarm) and the reverse (all missed). */
  hypOnly: string[];
  refOnly: string[];
}

function byFile<T extends { file: string }>(xs: T[]): Map<string, T[]> {
  const m = new Map<string, T[]>();
  for (const x of xs) {
    const l = m.get(x.file);
    if (l) l.push(x);
    else m.set(x.file, [x]);
  }
  return m;
}

/**
 * DER of RTTM hypothesis against RTTM reference, per file and in total. Every file named by the reference, the
 * UEM or the hypothesis is scored (a file that the UEM does not cover is scored over the extent of its turns).
 */
export function diarizationErrorFiles(
  ref: RttmSegment[],
  hyp: RttmSegment[],
  opts: { uem?: UemSegment[]; collar?: number; skipOverlap?: boolean } = {},
): DerFilesResult {
  const refBy = byFile(ref);
  const hypBy = byFile(hyp);
  const uemBy = byFile(opts.uem ?? []);
  const names = [...new Set([...refBy.keys(), ...uemBy.keys(), ...hypBy.keys()])].sort();
  const files: Record<string, DerResult> = {};
  const sum = { missed: 0, falseAlarm: 0, confusion: 0, correct: 0, total: 0 };
  const turns = (segs: RttmSegment[] | undefined): Turn[] =>
    (segs ?? []).map((s) => ({ onset: s.onset, offset: s.onset + s.duration, speaker: s.speaker }));
  for (const f of names) {
    const uem = uemBy.get(f)?.map((u) => [u.onset, u.offset] as [number, number]);
    const r = diarizationError(turns(refBy.get(f)), turns(hypBy.get(f)), {
      collar: opts.collar,
      skipOverlap: opts.skipOverlap,
      uem,
    });
    files[f] = r;
    sum.missed += r.missed;
    sum.falseAlarm += r.falseAlarm;
    sum.confusion += r.confusion;
    sum.correct += r.correct;
    sum.total += r.total;
  }
  const err = sum.missed + sum.falseAlarm + sum.confusion;
  return {
    total: { ...sum, der: sum.total > 0 ? err / sum.total : err > 0 ? 1 : 0, mapping: {} },
    files,
    hypOnly: [...hypBy.keys()].filter((f) => !refBy.has(f)).sort(),
    refOnly: [...refBy.keys()].filter((f) => !hypBy.has(f)).sort(),
  };
}
