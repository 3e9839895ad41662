/**
 * The face attributes and their classes. Each class names the avatar components it selects, so that an attribute's
 * label space is the artist catalogue itself (as in Allo, where raters picked the closest illustration).
 * Measured attributes come from pixel colours and landmark geometry; learned attributes come from classifiers
 * trained on rater labels.
 */

import { EYE_SWATCHES, HAIR_SWATCHES, SKIN_SWATCHES } from "./catalogue.js";
import type { Lab } from "./colour.js";

/** One class of an attribute. */
export interface AttributeClass {
  id: string;
  label: string;
  /** Components this class sets in the avatar spec. */
  components: Record<string, string>;
  /** For colour classes: the typical colour of this class as photographed (CIELAB, hand-set). */
  photoLab?: Lab;
}

/** An attribute of a face. */
export interface AttributeDef {
  id: string;
  label: string;
  kind: "measured" | "learned";
  /** Whether classes are ordered (neighbouring classes are near misses). */
  ordinal: boolean;
  /** The question a rater answers on the labelling page. */
  question: string;
  classes: AttributeClass[];
}

const skinNames = [
  "very light",
  "light",
  "light-medium",
  "medium",
  "medium-tan",
  "tan",
  "brown",
  "deep brown",
];

/** All attributes, measured first. */
export const ATTRIBUTES: AttributeDef[] = [
  {
    id: "skinTone",
    label: "Skin tone",
    kind: "measured",
    ordinal: true,
    question: "Which skin tone is closest to this face?",
    classes: SKIN_SWATCHES.map((hex, i) => ({
      id: `tone${i + 1}`,
      label: `tone ${i + 1} (${skinNames[i]})`,
      components: { skinColor: hex },
    })),
  },
  {
    id: "hairColour",
    label: "Hair colour",
    kind: "measured",
    ordinal: false,
    question: "Which hair colour is closest?",
    classes: [
      ["black", "black", [17, 1, 2]],
      ["darkBrown", "dark brown", [27, 5, 10]],
      ["brown", "brown", [38, 9, 18]],
      ["lightBrown", "light brown", [52, 6, 22]],
      ["blonde", "blonde", [68, 4, 30]],
      ["red", "red / auburn", [42, 26, 32]],
      ["grey", "grey", [60, 0, 3]],
      ["white", "white", [82, 0, 4]],
    ].map(([id, label, lab], i) => ({
      id: id as string,
      label: label as string,
      components: { hairColor: HAIR_SWATCHES[i] },
      photoLab: lab as Lab,
    })),
  },
  {
    id: "eyeColour",
    label: "Eye colour",
    kind: "measured",
    ordinal: false,
    question: "Which eye colour is closest?",
    classes: [
      ["darkBrown", "dark brown", [21, 5, 9]],
      ["brown", "brown", [31, 9, 17]],
      ["hazel", "hazel", [42, 5, 24]],
      ["green", "green", [44, -9, 16]],
      ["blue", "blue", [48, -4, -13]],
      ["grey", "grey", [52, -2, -2]],
    ].map(([id, label, lab], i) => ({
      id: id as string,
      label: label as string,
      components: { eyesColor: EYE_SWATCHES[i] },
      photoLab: lab as Lab,
    })),
  },
  {
    id: "faceShape",
    label: "Face shape",
    kind: "measured",
    ordinal: false,
    question: "Which face shape is closest?",
    classes: [
      { id: "oval", label: "oval", components: { head: "variant04" } },
      { id: "round", label: "round", components: { head: "variant02" } },
      { id: "square", label: "square", components: { head: "variant01" } },
      { id: "long", label: "long", components: { head: "variant03" } },
      { id: "heart", label: "heart", components: { head: "variant04" } },
    ],
  },
  {
    id: "hairLength",
    label: "Hair length",
    kind: "learned",
    ordinal: true,
    question: "Which hairstyle is closest in length?",
    classes: [
      { id: "bald", label: "bald / shaved", components: { hair: "variant34" } },
      { id: "short", label: "short", components: { hair: "variant12" } },
      { id: "medium", label: "medium (chin)", components: { hair: "variant19" } },
      { id: "long", label: "long (shoulders)", components: { hair: "variant35" } },
    ],
  },
  {
    id: "glasses",
    label: "Glasses",
    kind: "learned",
    ordinal: false,
    question: "Does this person wear glasses?",
    classes: [
      { id: "none", label: "no glasses", components: { glasses: "none" } },
      { id: "glasses", label: "glasses", components: { glasses: "variant04" } },
      { id: "sunglasses", label: "sunglasses", components: { glasses: "variant02" } },
    ],
  },
  {
    id: "facialHair",
    label: "Facial hair",
    kind: "learned",
    ordinal: false,
    question: "Which facial hair is closest?",
    classes: [
      { id: "none", label: "none", components: { beard: "none", moustache: "none" } },
      { id: "moustache", label: "moustache", components: { beard: "none", moustache: "walrus" } },
      { id: "beard", label: "beard", components: { beard: "variant01", moustache: "none" } },
    ],
  },
];

/** The learned attributes (classifiers on the face embedding and region features). */
export const LEARNED = ATTRIBUTES.filter((a) => a.kind === "learned");

/** Looks up an attribute by id. */
export function attributeDef(id: string): AttributeDef {
  const a = ATTRIBUTES.find((x) => x.id === id);
  if (!a) throw new Error(`unknown attribute '${id}'; known: ${ATTRIBUTES.map((x) => x.id).join(", ")}`);
  return a;
}

/** An attribute's estimate: the chosen class, its confidence and the probability of each class. */
export interface AttributeEstimate {
  value: string;
  confidence: number;
  probabilities: Record<string, number>;
  /** How the value was obtained (e.g. "iris pixels, grey-edge white balance", "logistic regression"). */
  method: string;
  /** For colours: the measured colour of the region after white balance. */
  measured?: { hex: string; lab: Lab; pixels: number };
  /** For face shape: the geometric ratios. */
  ratios?: Record<string, number>;
  /** Set when the estimate is unreliable (too few pixels, no classifier, ...). */
  note?: string;
}

/** Builds an estimate from class probabilities (in class order). */
export function estimateFrom(def: AttributeDef, probs: readonly number[], method: string): AttributeEstimate {
  let best = 0;
  for (let k = 1; k < probs.length; k++) if (probs[k] > probs[best]) best = k;
  const probabilities: Record<string, number> = {};
  def.classes.forEach((c, k) => {
    probabilities[c.id] = probs[k];
  });
  return { value: def.classes[best].id, confidence: probs[best], probabilities, method };
}
