/**
 * Face shape from landmark geometry: three ratios of 3-D mesh distances (face length, jaw width and forehead width,
 * each over the cheekbone width), compared with hand-set class prototypes by a Gaussian likelihood. The prototypes
 * encode the usual descriptions (long: length well above width; round: short with a soft jaw; square: wide jaw;
 * heart: wide forehead, narrow jaw; oval: in between); they are not fitted to population data.
 */
import { type AttributeEstimate, attributeDef, estimateFrom } from "./attributes.js";
import { softmax } from "./colour.js";
import type { DetectedFace } from "./face-model.js";
import { dist } from "./landmarks.js";

/** The geometric ratios of a face. */
export interface FaceRatios {
  /** Forehead top (mesh 10) to chin (152) over cheek-to-cheek width (234-454). */
  length: number;
  /** Jaw angle to jaw angle (172-397) over cheek width. */
  jaw: number;
  /** Temple to temple (54-284) over cheek width. */
  forehead: number;
}

/** Measures the ratios (3-D distances, so a small head turn changes them little). */
export function faceRatios(face: DetectedFace): FaceRatios {
  const m = face.mesh;
  const width = Math.max(1e-6, dist(m[234], m[454]));
  return {
    length: dist(m[10], m[152]) / width,
    jaw: dist(m[172], m[397]) / width,
    forehead: dist(m[54], m[284]) / width,
  };
}

/** Class prototypes (length, jaw, forehead) and the spread of each ratio. */
const PROTOTYPES: Record<string, FaceRatios> = {
  oval: { length: 1.19, jaw: 0.8, forehead: 0.86 },
  round: { length: 1.07, jaw: 0.84, forehead: 0.87 },
  square: { length: 1.1, jaw: 0.9, forehead: 0.9 },
  long: { length: 1.32, jaw: 0.83, forehead: 0.86 },
  heart: { length: 1.17, jaw: 0.74, forehead: 0.92 },
};
const SPREAD: FaceRatios = { length: 0.05, jaw: 0.035, forehead: 0.035 };

/** Face shape with class probabilities from the ratios. */
export function estimateFaceShape(face: DetectedFace): AttributeEstimate {
  const def = attributeDef("faceShape");
  const r = faceRatios(face);
  const logLik = def.classes.map((c) => {
    const p = PROTOTYPES[c.id];
    let s = 0;
    for (const k of ["length", "jaw", "forehead"] as const) s += ((r[k] - p[k]) / SPREAD[k]) ** 2;
    return -0.5 * s;
  });
  const est = estimateFrom(
    def,
    softmax(logLik),
    "landmark ratios (length, jaw, forehead over cheek width) vs hand-set prototypes",
  );
  est.ratios = { length: round3(r.length), jaw: round3(r.jaw), forehead: round3(r.forehead) };
  const yawDeg = Math.abs((face.rotation.yaw * 180) / Math.PI);
  if (yawDeg > 20) {
    est.note = `head turned ${yawDeg.toFixed(0)} degrees; shape less reliable`;
    est.confidence *= 0.5;
  }
  return est;
}

function round3(x: number): number {
  return Math.round(x * 1000) / 1000;
}
