/**
 * The artist catalogue: the drawing style and its components. Artwork is DiceBear's "Lorelei" style by Lisa
 * Wischofsky (CC0 1.0, read from `style.meta.license` at run time) plus original sltk components (moustaches,
 * sticker props), so every sticker can be redistributed. Each component has a closed list of choices, or is a
 * colour (`#rrggbb`, with a suggested palette).
 */
import { lorelei } from "@dicebear/collection";

/** The DiceBear style used for the face. */
export const STYLE = lorelei;

/** Licence and credits of each piece of artwork a pack uses (written into every pack). */
export interface ArtLicence {
  component: string;
  title: string;
  creator: string;
  license: string;
  licenseUrl: string;
  source: string;
}

/** The licences of the artwork: the DiceBear style's own metadata, and sltk's original components. */
export function artLicences(): ArtLicence[] {
  const m = STYLE.meta as {
    title?: string;
    creator?: string;
    source?: string;
    license?: { name?: string; url?: string };
  };
  return [
    {
      component:
        "face, hair, eyes, eyebrows, mouth, nose, glasses, beard, earrings, freckles, hair accessories",
      title: `DiceBear ${m.title ?? "Lorelei"} (@dicebear/collection 9.4.3)`,
      creator: m.creator ?? "",
      license: m.license?.name ?? "unknown",
      licenseUrl: m.license?.url ?? "",
      source: m.source ?? "",
    },
    {
      component: "moustaches, sticker props, captions, sticker layout",
      title: "sltk original artwork (src/avatars/art.ts)",
      creator: "sltk authors",
      license: "MIT (same as the sltk code)",
      licenseUrl: "https://opensource.org/license/mit",
      source: "src/avatars/art.ts",
    },
  ];
}

/** One component of the avatar. */
export interface ComponentDef {
  id: string;
  label: string;
  kind: "choice" | "colour";
  /** Allowed values (`none` = absent) for a choice; suggested swatches for a colour. */
  options: string[];
}

function schemaEnum(name: string): string[] {
  const p = (STYLE.schema.properties as Record<string, { items?: { enum?: string[] } }>)[name];
  const e = p?.items?.enum;
  if (!e) throw new Error(`DiceBear style lacks component '${name}'`);
  return [...e].sort();
}

/** Moustaches drawn for sltk (original SVG; the Lorelei style has beards only). */
export const MOUSTACHES = ["none", "walrus", "pencil", "handlebar"] as const;

/** Every editable component, in the order the customisation page shows them. */
export function components(): ComponentDef[] {
  return [
    { id: "skinColor", label: "Skin tone", kind: "colour", options: SKIN_SWATCHES },
    { id: "head", label: "Face shape", kind: "choice", options: schemaEnum("head") },
    { id: "hair", label: "Hair style", kind: "choice", options: schemaEnum("hair") },
    { id: "hairColor", label: "Hair colour", kind: "colour", options: HAIR_SWATCHES },
    { id: "eyes", label: "Eyes", kind: "choice", options: schemaEnum("eyes") },
    { id: "eyesColor", label: "Eye colour", kind: "colour", options: EYE_SWATCHES },
    { id: "eyebrows", label: "Eyebrows", kind: "choice", options: schemaEnum("eyebrows") },
    { id: "nose", label: "Nose", kind: "choice", options: schemaEnum("nose") },
    { id: "mouth", label: "Mouth", kind: "choice", options: schemaEnum("mouth") },
    { id: "glasses", label: "Glasses", kind: "choice", options: ["none", ...schemaEnum("glasses")] },
    {
      id: "glassesColor",
      label: "Glasses colour",
      kind: "colour",
      options: ["#000000", "#5b3a29", "#1f3a93", "#b08d57"],
    },
    { id: "beard", label: "Beard", kind: "choice", options: ["none", ...schemaEnum("beard")] },
    { id: "moustache", label: "Moustache", kind: "choice", options: [...MOUSTACHES] },
    { id: "earrings", label: "Earrings", kind: "choice", options: ["none", ...schemaEnum("earrings")] },
    { id: "freckles", label: "Freckles", kind: "choice", options: ["none", ...schemaEnum("freckles")] },
    {
      id: "hairAccessories",
      label: "Hair accessories",
      kind: "choice",
      options: ["none", ...schemaEnum("hairAccessories")],
    },
    {
      id: "backgroundColor",
      label: "Background",
      kind: "colour",
      options: ["#ffffff", "#b6e3f4", "#c0aede", "#d1d4f9", "#ffd5dc", "#ffdfbf"],
    },
  ];
}

/** Skin tone swatches, lightest to deepest (sltk palette; the classes of the skin-tone attribute). */
export const SKIN_SWATCHES = [
  "#ffe0c4",
  "#f5cba7",
  "#e8b48f",
  "#d39a6a",
  "#b97d4b",
  "#9a6237",
  "#7a4a2a",
  "#553322",
];
/** Hair colour swatches (the drawing colours of the hair-colour classes). */
export const HAIR_SWATCHES = [
  "#2c1b18",
  "#4a312c",
  "#724133",
  "#a0764a",
  "#d6b370",
  "#b0482b",
  "#9e9e9e",
  "#e8e1e1",
];
/** Eye colour swatches (the drawing colours of the eye-colour classes). */
export const EYE_SWATCHES = ["#3d2314", "#6b4226", "#8a6d2f", "#4f7d3c", "#4f7fb3", "#7d8b94"];
