/**
 * `sltk avatar make`: photo file -> attributes -> avatar spec -> sticker pack on disk (library entry point).
 */
import { existsSync } from "node:fs";
import { writeJsonAtomic } from "../util/fs.js";
import { type ClassifierFile, DEFAULT_CLASSIFIERS, loadClassifiers } from "./classifiers.js";
import { loadFaceModel } from "./face-model.js";
import { readImage } from "./image.js";
import { type PackManifest, renderPack, writePack } from "./pack.js";
import { type Analysis, analyseImage } from "./pipeline.js";

/** Options of {@link makeAvatar}. */
export interface MakeOptions {
  /** Folder for the pack (created). */
  out: string;
  /** Also write the spec here. */
  specOut?: string;
  /** 1-based face number (left to right); default the largest. */
  face?: number;
  /** Classifier file (default: the one shipped in src/avatars/models, if present). */
  classifiers?: string;
  /** PNG size of the stickers (default 512). */
  pngSize?: number;
}

/** The result of {@link makeAvatar}. */
export interface MakeResult {
  analysis: Omit<Analysis, "features">;
  manifest: PackManifest;
  timings: { modelLoadMs: number; decodeMs: number; analyseMs: number; renderMs: number; writeMs: number };
}

/** Loads the classifier file to use: an explicit path, else the shipped default, else none. */
export function resolveClassifiers(path?: string): ClassifierFile | null {
  if (path) return loadClassifiers(path);
  return existsSync(DEFAULT_CLASSIFIERS) ? loadClassifiers(DEFAULT_CLASSIFIERS) : null;
}

/** Runs the whole pipeline on one photo file and writes the pack. */
export async function makeAvatar(photo: string, opts: MakeOptions): Promise<MakeResult> {
  const classifiers = resolveClassifiers(opts.classifiers);
  const t0 = performance.now();
  const { image } = await readImage(photo);
  const t1 = performance.now();
  const model = await loadFaceModel();
  const t2 = performance.now();
  const analysis = await analyseImage(image, model, { face: opts.face, classifiers, where: photo });
  const t3 = performance.now();
  const pack = renderPack(analysis.spec, opts.pngSize ?? 512);
  const t4 = performance.now();
  const notes = [...analysis.warnings];
  if (classifiers) notes.push(`learned attributes: ${classifiers.trainedOn}`);
  const manifest = writePack(opts.out, analysis.spec, pack, { attributes: analysis.attributes, notes });
  if (opts.specOut) writeJsonAtomic(opts.specOut, analysis.spec);
  const t5 = performance.now();
  const { features: _f, ...rest } = analysis;
  return {
    analysis: rest,
    manifest,
    timings: {
      modelLoadMs: t2 - t1,
      decodeMs: t1 - t0,
      analyseMs: t3 - t2,
      renderMs: t4 - t3,
      writeMs: t5 - t4,
    },
  };
}
