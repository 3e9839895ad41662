/**
 * Diarization data laid out as pyannote's databases: a `.lst` of recording ids (uris), `<uri>.wav` files, and RTTM
 * speaker turns and UEM scored regions keyed by the same ids; and the AMI debug set (speech/ami-debug) in that
 * layout. Ids are matched exactly, then up to Unicode normalisation (NFC/NFD), then with diacritics removed: the AMI
 * debug set lists and names `trñ00` while its RTTM and UEM say `trn00`.
 */
import { readFileSync } from "node:fs";
import { InputError } from "../util/errors.js";
import { existingPath, resolveDataset } from "./registry.js";
import { type RttmSegment, readRttm, readUem, type UemSegment } from "./rttm.js";

/** One recording: its id, audio file, reference turns and scored regions. */
export interface DiarizationRecording {
  uri: string;
  /** Path of `<uri>.wav`, or null when absent. */
  audio: string | null;
  /** The id used in the RTTM/UEM for this recording (differs from `uri` only when matched loosely). */
  annotationId: string;
  /** How the annotation id was matched: "exact", "unicode" (NFC/NFD) or "diacritics" (accents removed). */
  matchedBy: "exact" | "unicode" | "diacritics" | "none";
  turns: RttmSegment[];
  uem: UemSegment[];
}

/** A name without diacritics (NFD, combining marks removed, NFC). */
export function foldDiacritics(s: string): string {
  return s.normalize("NFD").replace(/\p{M}/gu, "").normalize("NFC");
}

/** Finds the annotation id that names `uri` among `ids`. */
export function matchId(
  uri: string,
  ids: Iterable<string>,
): { id: string; by: DiarizationRecording["matchedBy"] } | null {
  const all = [...ids];
  if (all.includes(uri)) return { id: uri, by: "exact" };
  const nfc = uri.normalize("NFC");
  const u = all.find((i) => i.normalize("NFC") === nfc);
  if (u !== undefined) return { id: u, by: "unicode" };
  const folded = foldDiacritics(uri);
  const d = all.filter((i) => foldDiacritics(i) === folded);
  if (d.length === 1) return { id: d[0], by: "diacritics" };
  return null;
}

/** Reads a list of recordings with their RTTM and (optional) UEM annotations from `dir`. */
export function loadRttmList(
  dir: string,
  files: { list: string; rttm: string; uem?: string },
): DiarizationRecording[] {
  const path = (f: string) => {
    const p = existingPath(dir, f);
    if (!p) throw new InputError(`missing file ${f}`, dir);
    return p;
  };
  const listPath = path(files.list);
  const uris = readFileSync(listPath, "utf8")
    .split(/\r?\n/)
    .map((l) => l.trim())
    .filter((l) => l && !l.startsWith("#"));
  const turns = readRttm(path(files.rttm));
  const uem = files.uem ? readUem(path(files.uem)) : [];
  const ids = new Set([...turns.map((t) => t.file), ...uem.map((u) => u.file)]);
  return uris.map((uri) => {
    const m = matchId(uri, ids);
    const id = m?.id ?? uri;
    return {
      uri,
      audio: existingPath(dir, `${uri}.wav`),
      annotationId: id,
      matchedBy: m?.by ?? "none",
      turns: turns.filter((t) => t.file === id),
      uem: uem.filter((u) => u.file === id),
    };
  });
}

/** The AMI debug recordings (10 train, 2 development; 30 s each) with their turns, UEM and audio paths. */
export async function loadAmiDebug(
  subset: "train" | "development",
  opts: { path?: string } = {},
): Promise<DiarizationRecording[]> {
  const files = { list: `debug.${subset}.lst`, rttm: `debug.${subset}.rttm`, uem: `debug.${subset}.uem` };
  const dir = await resolveDataset("speech/ami-debug", {
    path: opts.path,
    required: [files.list, files.rttm, files.uem],
  });
  return loadRttmList(dir, files);
}
