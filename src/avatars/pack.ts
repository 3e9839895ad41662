/**
 * Writing a sticker pack to a folder: the avatar (SVG + PNG), every sticker (SVG + PNG) and `pack.json` (the spec,
 * the attributes when made from a photo, the art licences). Only the folder the user names is written; the photo
 * itself is never copied.
 */
import { join } from "node:path";
import { ensureDir, writeFileAtomic, writeJsonAtomic } from "../util/fs.js";
import type { AttributeEstimate } from "./attributes.js";
import { type ArtLicence, artLicences } from "./catalogue.js";
import { avatarSvg, renderPng } from "./render.js";
import type { AvatarSpec } from "./spec.js";
import { type Sticker, stickerPack, stickerPng } from "./stickers.js";

/** What `pack.json` holds. */
export interface PackManifest {
  format: "sltk-sticker-pack";
  version: 1;
  spec: AvatarSpec;
  attributes?: Record<
    string,
    Omit<AttributeEstimate, "probabilities"> & { probabilities: Record<string, number> }
  >;
  stickers: {
    id: string;
    caption: string;
    pose: string;
    expression: Record<string, string>;
    svg: string;
    png: string;
  }[];
  avatar: { svg: string; png: string };
  licences: ArtLicence[];
  notes: string[];
}

/** A rendered pack in memory. */
export interface RenderedPack {
  avatarSvg: string;
  avatarPng: Uint8Array;
  stickers: (Sticker & { png: Uint8Array })[];
}

/** Renders the avatar and every sticker (PNG at `pngSize` pixels). */
export function renderPack(spec: AvatarSpec, pngSize = 512): RenderedPack {
  const svg = avatarSvg(spec);
  return {
    avatarSvg: svg,
    avatarPng: renderPng(svg, pngSize),
    stickers: stickerPack(spec).map((s) => ({ ...s, png: stickerPng(s, pngSize) })),
  };
}

function roundProbs(a: AttributeEstimate) {
  return {
    ...a,
    confidence: Math.round(a.confidence * 1000) / 1000,
    probabilities: Object.fromEntries(
      Object.entries(a.probabilities).map(([k, v]) => [k, Math.round(v * 1000) / 1000]),
    ),
  };
}

/** Writes a rendered pack into `outDir` (created if needed); returns the manifest. */
export function writePack(
  outDir: string,
  spec: AvatarSpec,
  pack: RenderedPack,
  extra: { attributes?: Record<string, AttributeEstimate>; notes?: string[] } = {},
): PackManifest {
  ensureDir(join(outDir, "stickers"));
  writeFileAtomic(join(outDir, "avatar.svg"), pack.avatarSvg);
  writeFileAtomic(join(outDir, "avatar.png"), pack.avatarPng);
  const stickers = pack.stickers.map((s, i) => {
    const base = `${String(i + 1).padStart(2, "0")}-${s.id}`;
    writeFileAtomic(join(outDir, "stickers", `${base}.svg`), s.svg);
    writeFileAtomic(join(outDir, "stickers", `${base}.png`), s.png);
    return {
      id: s.id,
      caption: s.caption,
      pose: s.pose,
      expression: s.expression,
      svg: `stickers/${base}.svg`,
      png: `stickers/${base}.png`,
    };
  });
  const manifest: PackManifest = {
    format: "sltk-sticker-pack",
    version: 1,
    spec,
    attributes: extra.attributes
      ? Object.fromEntries(Object.entries(extra.attributes).map(([k, v]) => [k, roundProbs(v)]))
      : undefined,
    stickers,
    avatar: { svg: "avatar.svg", png: "avatar.png" },
    licences: artLicences(),
    notes: extra.notes ?? [],
  };
  writeJsonAtomic(join(outDir, "pack.json"), manifest);
  return manifest;
}
