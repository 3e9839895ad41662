/**
 * RTTM speaker turns (`SPEAKER <file> <channel> <onset> <duration> <NA> <NA> <speaker> <NA> <NA>`) and UEM scored
 * regions (`<file> <channel> <onset> <offset>`): read, parse and write, with file:line errors.
 */
import { readFileSync } from "node:fs";
import { at, InputError } from "../util/errors.js";
import { writeFileAtomic } from "../util/fs.js";

/** One speaker turn. */
export interface RttmSegment {
  file: string;
  channel: string;
  onset: number;
  duration: number;
  speaker: string;
}

/** One scored region. */
export interface UemSegment {
  file: string;
  channel: string;
  onset: number;
  offset: number;
}

function readText(path: string): string {
  try {
    return readFileSync(path, "utf8");
  } catch (e) {
    throw new InputError(
      `cannot read file (${(e as NodeJS.ErrnoException).code ?? (e as Error).message})`,
      path,
    );
  }
}

function num(v: string | undefined, what: string, where: string): number {
  const x = Number(v);
  if (v === undefined || v === "" || !Number.isFinite(x))
    throw new InputError(`expected a number for ${what}, found '${v ?? ""}'`, where);
  return x;
}

/** Parses RTTM text (`file` names the source in errors). Only SPEAKER lines are kept; others are skipped. */
export function parseRttm(text: string, file: string): RttmSegment[] {
  const out: RttmSegment[] = [];
  text.split(/\r?\n/).forEach((raw, i) => {
    const line = raw.trim();
    if (!line || line.startsWith("#") || line.startsWith(";;")) return;
    const f = line.split(/\s+/);
    const where = at(file, i + 1);
    if (f[0] !== "SPEAKER") return;
    if (f.length < 8)
      throw new InputError(`an RTTM SPEAKER line needs at least 8 fields, found ${f.length}`, where);
    const onset = num(f[3], "onset", at(file, i + 1, 4));
    const duration = num(f[4], "duration", at(file, i + 1, 5));
    if (onset < 0 || duration < 0)
      throw new InputError(`negative onset or duration (${onset}, ${duration})`, where);
    out.push({ file: f[1].normalize("NFC"), channel: f[2], onset, duration, speaker: f[7] });
  });
  return out;
}

/** Reads an RTTM file. */
export function readRttm(path: string): RttmSegment[] {
  return parseRttm(readText(path), path);
}

/** Formats segments as RTTM text (times with 3 decimals). */
export function formatRttm(segments: RttmSegment[]): string {
  return segments
    .map(
      (s) =>
        `SPEAKER ${s.file} ${s.channel || "1"} ${s.onset.toFixed(3)} ${s.duration.toFixed(3)} <NA> <NA> ${s.speaker} <NA> <NA>\n`,
    )
    .join("");
}

/** Writes an RTTM file atomically. */
export function writeRttm(path: string, segments: RttmSegment[]): void {
  writeFileAtomic(path, formatRttm(segments));
}

/** Parses UEM text. */
export function parseUem(text: string, file: string): UemSegment[] {
  const out: UemSegment[] = [];
  text.split(/\r?\n/).forEach((raw, i) => {
    const line = raw.trim();
    if (!line || line.startsWith("#") || line.startsWith(";;")) return;
    const f = line.split(/\s+/);
    if (f.length < 4)
      throw new InputError(
        `a UEM line needs 4 fields (file channel onset offset), found ${f.length}`,
        at(file, i + 1),
      );
    const onset = num(f[2], "onset", at(file, i + 1, 3));
    const offset = num(f[3], "offset", at(file, i + 1, 4));
    if (offset < onset) throw new InputError(`offset ${offset} is before onset ${onset}`, at(file, i + 1));
    out.push({ file: f[0].normalize("NFC"), channel: f[1], onset, offset });
  });
  return out;
}

/** Reads a UEM file. */
export function readUem(path: string): UemSegment[] {
  return parseUem(readText(path), path);
}

/** Writes a UEM file atomically. */
export function writeUem(path: string, segments: UemSegment[]): void {
  writeFileAtomic(
    path,
    segments
      .map((s) => `${s.file} ${s.channel || "NA"} ${s.onset.toFixed(3)} ${s.offset.toFixed(3)}\n`)
      .join(""),
  );
}
