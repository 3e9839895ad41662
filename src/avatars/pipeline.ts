/**
 * Selfie to avatar: detect faces, pick one (the largest, or `--face N`), locate regions, estimate every attribute
 * (measured colours and shape, learned classifiers), and build the avatar spec. Bad input fails with one line.
 */

import { InputError } from "../util/errors.js";
import type { AttributeEstimate } from "./attributes.js";
import { type ClassifierFile, predictLearned } from "./classifiers.js";
import { estimateWhiteBalance, type WhiteBalance } from "./colour.js";
import { colourAttributes } from "./colour-attributes.js";
import type { DetectedFace, FaceModel } from "./face-model.js";
import { estimateFaceShape } from "./face-shape.js";
import { type FaceFeatures, faceFeatures } from "./features.js";
import { limitSize, type RgbImage } from "./image.js";
import { faceRegions } from "./regions.js";
import { type AvatarSpec, specFromAttributes } from "./spec.js";

/** Faces narrower than this (pixels, after downscaling) are too small to analyse. */
export const MIN_FACE_PX = 48;
/** Photos are analysed at most this large (longer side, pixels). */
export const ANALYSIS_MAX_SIDE = 1280;

/** A face found in the photo, numbered left to right from 1. */
export interface FaceSummary {
  number: number;
  box: [number, number, number, number];
  score: number;
}

/** Everything learned about one photo. */
export interface Analysis {
  image: { width: number; height: number; analysedScale: number };
  faces: FaceSummary[];
  /** Number (1-based, left to right) of the face used. */
  chosen: number;
  warnings: string[];
  attributes: Record<string, AttributeEstimate>;
  spec: AvatarSpec;
  whiteBalance: WhiteBalance;
  face: { age: number | null; rotationDeg: { roll: number; yaw: number; pitch: number } };
  features: FaceFeatures;
  timings: { detectMs: number; attributesMs: number };
}

/** Options of {@link analyseImage}. */
export interface AnalyseOptions {
  /** 1-based face number (left to right); default: the largest face. */
  face?: number;
  /** Trained classifiers for the learned attributes; without them those attributes are left out. */
  classifiers?: ClassifierFile | null;
  /** Name of the input for messages. */
  where?: string;
}

/** Numbers faces left to right and picks one; throws a one-line error for no face, a bad number or a tiny face. */
export function pickFace(
  faces: DetectedFace[],
  opts: { face?: number; where?: string; scale?: number },
): { face: DetectedFace; summaries: FaceSummary[]; chosen: number; warnings: string[] } {
  const where = opts.where ?? "image";
  if (faces.length === 0) throw new InputError("no face found in the image", where);
  const order = faces
    .map((f, i) => ({ f, i, cx: f.box[0] + f.box[2] / 2 }))
    .sort((a, b) => a.cx - b.cx || a.i - b.i)
    .map((x) => x.f);
  const summaries = order.map((f, k) => ({
    number: k + 1,
    box: f.box.map((v) => Math.round(v)) as [number, number, number, number],
    score: Math.round(f.score * 1000) / 1000,
  }));
  const warnings: string[] = [];
  let idx: number;
  if (opts.face !== undefined) {
    if (!Number.isInteger(opts.face) || opts.face < 1 || opts.face > order.length)
      throw new InputError(
        `face ${opts.face} does not exist; the image has ${order.length} face(s), numbered 1-${order.length} left to right`,
        "--face",
      );
    idx = opts.face - 1;
  } else {
    idx = 0;
    for (let k = 1; k < order.length; k++)
      if (order[k].box[2] * order[k].box[3] > order[idx].box[2] * order[idx].box[3]) idx = k;
    if (order.length > 1)
      warnings.push(
        `${order.length} faces found; using face ${idx + 1} (the largest, ${Math.round(order[idx].box[2])} px wide); choose another with --face N (numbered left to right)`,
      );
  }
  const face = order[idx];
  if (face.box[2] < MIN_FACE_PX) {
    const at = opts.scale && opts.scale < 1 ? ` at the ${ANALYSIS_MAX_SIDE}-px analysis size` : "";
    throw new InputError(
      `face too small (${Math.round(face.box[2])} px wide${at}); need at least ${MIN_FACE_PX} px`,
      where,
    );
  }
  return { face, summaries, chosen: idx + 1, warnings };
}

/** Analyses one decoded photo with a loaded face network. */
export async function analyseImage(
  input: RgbImage,
  model: FaceModel,
  opts: AnalyseOptions = {},
): Promise<Analysis> {
  const { image, scale } = limitSize(input, ANALYSIS_MAX_SIDE);
  const t0 = performance.now();
  const faces = await model.detect(image);
  const t1 = performance.now();
  const { face, summaries, chosen, warnings } = pickFace(faces, { ...opts, scale });
  const wb = estimateWhiteBalance(image);
  const regions = faceRegions(image, face);
  const colours = colourAttributes(image, regions, wb);
  const attributes: Record<string, AttributeEstimate> = {
    skinTone: colours.skinTone,
    hairColour: colours.hairColour,
    eyeColour: colours.eyeColour,
    faceShape: estimateFaceShape(face),
  };
  const features = faceFeatures(image, face, regions, wb, colours.skin, colours.hair);
  if (opts.classifiers) Object.assign(attributes, predictLearned(opts.classifiers, features));
  else
    warnings.push(
      "no attribute classifiers loaded: hair length, glasses and facial hair keep their defaults",
    );
  const deg = (r: number) => Math.round((r * 1800) / Math.PI) / 10;
  const t2 = performance.now();
  return {
    image: { width: input.width, height: input.height, analysedScale: scale },
    faces: summaries.map((s) => ({
      ...s,
      box: s.box.map((v) => Math.round(v / scale)) as FaceSummary["box"],
    })),
    chosen,
    warnings,
    attributes,
    spec: specFromAttributes(attributes),
    whiteBalance: wb,
    face: {
      age: face.age,
      rotationDeg: {
        roll: deg(face.rotation.roll),
        yaw: deg(face.rotation.yaw),
        pitch: deg(face.rotation.pitch),
      },
    },
    features,
    timings: { detectMs: t1 - t0, attributesMs: t2 - t1 },
  };
}
