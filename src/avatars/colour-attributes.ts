/**
 * Measured colour attributes: skin tone, hair colour and eye colour, each from the pixels of a landmark-located
 * region after white balance (grey-edge illuminant estimate on the whole photo, white-patch exposure), summarised
 * by a robust median and matched to the class prototypes with a softmax over colour distances.
 */
import {
  ATTRIBUTES,
  type AttributeDef,
  type AttributeEstimate,
  attributeDef,
  estimateFrom,
} from "./attributes.js";
import {
  deltaE,
  hexToLab,
  type Lab,
  labToRgb8,
  medianLab,
  quantile,
  rgbToHex,
  softmax,
  type WhiteBalance,
} from "./colour.js";
import type { RgbImage } from "./image.js";
import { type FaceRegions, regionLab } from "./regions.js";

/** Weighted colour distance: lightness differences count fully, chroma differences by `wab`. */
export function labDistance(a: Lab, b: Lab, wab = 1): number {
  return Math.sqrt((a[0] - b[0]) ** 2 + wab * ((a[1] - b[1]) ** 2 + (a[2] - b[2]) ** 2));
}

function classify(
  def: AttributeDef,
  lab: Lab,
  protos: Lab[],
  temperature: number,
  wab: number,
  method: string,
) {
  const probs = softmax(
    protos.map((p) => -labDistance(lab, p, wab)),
    temperature,
  );
  return estimateFrom(def, probs, method);
}

function measured(lab: Lab, pixels: number) {
  return { hex: rgbToHex(labToRgb8(lab)), lab: lab.map((v) => Math.round(v * 10) / 10) as Lab, pixels };
}

/** Keeps the pixels whose lightness lies within [qlo, qhi] quantiles (drops highlights and deep shadows). */
export function trimByLightness(labs: Lab[], qlo: number, qhi: number): Lab[] {
  if (labs.length < 5) return labs;
  const L = labs.map((x) => x[0]);
  const lo = quantile(L, qlo);
  const hi = quantile(L, qhi);
  return labs.filter((x) => x[0] >= lo && x[0] <= hi);
}

/** The robust skin colour of a face (median of cheek and forehead pixels, 10-90 % lightness). */
export function skinColour(
  img: RgbImage,
  regions: FaceRegions,
  wb: WhiteBalance | null,
): { lab: Lab; pixels: number } {
  const labs = trimByLightness(regionLab(img, regions.skin, wb), 0.1, 0.9);
  return { lab: labs.length ? medianLab(labs) : [60, 10, 15], pixels: labs.length };
}

/** Skin tone: the measured skin colour against the skin swatches (lightness weighs most). */
export function estimateSkinTone(
  img: RgbImage,
  regions: FaceRegions,
  wb: WhiteBalance | null,
): AttributeEstimate {
  const def = attributeDef("skinTone");
  const skin = skinColour(img, regions, wb);
  const protos = def.classes.map((c) => hexToLab(c.components.skinColor));
  const est = classify(def, skin.lab, protos, 3, 0.35, "median of cheek+forehead pixels after white balance");
  est.measured = measured(skin.lab, skin.pixels);
  if (skin.pixels < 30) est.note = `only ${skin.pixels} skin pixels`;
  return est;
}

/**
 * The hair colour: pixels of the band above the forehead that do not look like skin (CIE76 distance > 12 to the
 * skin colour), lightness-trimmed (20-90 %), median. Returns the share of non-skin pixels as coverage (low when
 * bald or when the band shows forehead).
 */
export function hairColour(
  img: RgbImage,
  regions: FaceRegions,
  wb: WhiteBalance | null,
  skin: Lab,
): { lab: Lab; pixels: number; coverage: number } {
  const band = regionLab(img, regions.hairBand, wb);
  const hair = band.filter((x) => deltaE(x, skin) > 12);
  const coverage = band.length ? hair.length / band.length : 0;
  const trimmed = trimByLightness(hair, 0.2, 0.9);
  return { lab: trimmed.length ? medianLab(trimmed) : skin, pixels: trimmed.length, coverage };
}

/** Hair colour against the hair classes' photographed prototypes. */
export function estimateHairColour(
  img: RgbImage,
  regions: FaceRegions,
  wb: WhiteBalance | null,
  skin: Lab,
): AttributeEstimate {
  const def = attributeDef("hairColour");
  const h = hairColour(img, regions, wb, skin);
  const protos = def.classes.map((c) => c.photoLab!);
  const est = classify(
    def,
    h.lab,
    protos,
    4,
    1,
    "median of non-skin pixels above the forehead after white balance",
  );
  est.measured = measured(h.lab, h.pixels);
  if (h.coverage < 0.25) {
    est.note = `little hair above the forehead (${Math.round(h.coverage * 100)} % of the band)`;
    est.confidence *= Math.max(0.2, h.coverage / 0.25);
  }
  return est;
}

/**
 * Eye colour: iris pixels (annulus 0.3-0.95 of the iris radius, inside the eyelids), dropping specular highlights
 * and lashes (lightness 15-85 %), median, against the eye classes' photographed prototypes.
 */
export function estimateEyeColour(
  img: RgbImage,
  regions: FaceRegions,
  wb: WhiteBalance | null,
): AttributeEstimate {
  const def = attributeDef("eyeColour");
  const labs = trimByLightness(regionLab(img, regions.irises, wb), 0.15, 0.85);
  const lab: Lab = labs.length ? medianLab(labs) : [35, 5, 10];
  const protos = def.classes.map((c) => c.photoLab!);
  const est = classify(
    def,
    lab,
    protos,
    4,
    1,
    "median of iris pixels (iris landmarks, eyelids excluded) after white balance",
  );
  est.measured = measured(lab, labs.length);
  if (labs.length < 12) {
    est.note = `only ${labs.length} iris pixels (small or closed eyes)`;
    est.confidence *= 0.5;
  }
  return est;
}

/** All measured colour attributes of one face. */
export function colourAttributes(
  img: RgbImage,
  regions: FaceRegions,
  wb: WhiteBalance | null,
): {
  skinTone: AttributeEstimate;
  hairColour: AttributeEstimate;
  eyeColour: AttributeEstimate;
  skin: Lab;
  hair: Lab;
} {
  const skin = skinColour(img, regions, wb).lab;
  const skinTone = estimateSkinTone(img, regions, wb);
  const hair = estimateHairColour(img, regions, wb, skin);
  return {
    skinTone,
    hairColour: hair,
    eyeColour: estimateEyeColour(img, regions, wb),
    skin,
    hair: hair.measured!.lab,
  };
}

/** The ids of the colour attributes, for tables. */
export const COLOUR_ATTRIBUTE_IDS = ATTRIBUTES.filter(
  (a) => a.id.endsWith("Colour") || a.id === "skinTone",
).map((a) => a.id);
