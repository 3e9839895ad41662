/**
 * The sticker pack: 16 stickers, each an expression (eyes, brows and mouth of the style), a pose (tilt, jump, lean,
 * peek) and props and a caption, composed around the user's avatar on a 512 x 512 transparent canvas with a white
 * die-cut outline. Rendered as SVG and PNG.
 */
import * as art from "./art.js";
import { avatarSvg, FACE_VIEWBOX, renderPng, svgInner } from "./render.js";
import type { AvatarSpec } from "./spec.js";

/** Sticker canvas size (pixels). */
export const STICKER_SIZE = 512;
/** Width of the white die-cut border around the figure (pixels at 512). */
export const OUTLINE_PX = 7;

/** One sticker's design. */
export interface StickerDef {
  id: string;
  caption: string;
  /** Component overrides that make the expression. */
  expression: Record<string, string>;
  /** Avatar placement: centre, size (px) and rotation (degrees). */
  pose: { name: string; x: number; y: number; size: number; rotate: number };
  /** Props drawn behind (`back`) or in front of (`front`) the avatar; `skin` is the avatar's skin colour. */
  props?: (skin: string) => { back?: string; front?: string };
}

const N = { name: "upright", x: 256, y: 226, size: 400, rotate: 0 };

/** The pack's designs, in order. */
export const STICKERS: StickerDef[] = [
  {
    id: "hi",
    caption: "Hi!",
    expression: { eyes: "variant02", mouth: "happy05", eyebrows: "variant09" },
    pose: { ...N, name: "tilt left", x: 236, rotate: -6 },
    props: (skin) => ({
      front: art.hand(420, 230, 62, skin, 15) + art.burstLines(420, 230, 80, 100, [-80, -50, -20]),
    }),
  },
  {
    id: "lol",
    caption: "LOL",
    expression: { eyes: "variant01", mouth: "happy16", eyebrows: "variant09" },
    pose: { ...N, name: "tilt back", rotate: 9 },
    props: () => ({ front: art.drop(150, 210, 22, "#6ec6ff", -30) + art.drop(355, 205, 22, "#6ec6ff", 30) }),
  },
  {
    id: "love",
    caption: "Love it",
    expression: { eyes: "variant09", mouth: "happy01" },
    pose: N,
    props: () => ({
      front:
        art.heart(95, 120, 36, "#e8344e", -15) +
        art.heart(420, 90, 28, "#ff7b9c", 12) +
        art.heart(440, 250, 22),
    }),
  },
  {
    id: "thanks",
    caption: "Thanks!",
    expression: { eyes: "variant01", mouth: "happy03", eyebrows: "variant07" },
    pose: { ...N, name: "lean", x: 230, rotate: -4 },
    props: (skin) => ({
      front: art.thumbsUp(410, 300, 70, skin) + art.sparkle(430, 120, 22) + art.sparkle(380, 70, 14),
    }),
  },
  {
    id: "wink",
    caption: "OK ;)",
    expression: { eyes: "variant15", mouth: "happy09" },
    pose: { ...N, name: "tilt right", rotate: 6 },
    props: () => ({ front: art.sparkle(100, 110, 20) }),
  },
  {
    id: "wow",
    caption: "Wow!",
    expression: { eyes: "variant05", mouth: "sad01", eyebrows: "variant09" },
    pose: { ...N, name: "upright, lifted", y: 236 },
    props: () => ({
      front:
        art.burstLines(256, 200, 175, 205, [-150, -125, -55, -30]) +
        art.mark("!", 440, 150, 110, "#ff5c5c", 12),
    }),
  },
  {
    id: "sorry",
    caption: "Sorry",
    expression: { eyes: "variant12", mouth: "sad02", eyebrows: "variant12" },
    pose: { ...N, name: "head down", y: 236, rotate: -8 },
    props: () => ({ front: art.drop(185, 250, 18, "#6ec6ff", 0) }),
  },
  {
    id: "hmm",
    caption: "Hmm...",
    expression: { eyes: "variant17", mouth: "sad03", eyebrows: "variant01" },
    pose: { ...N, name: "tilt, thinking", x: 226, rotate: -10 },
    props: () => ({ front: art.mark("?", 430, 170, 130, "#5a8dee", 15) }),
  },
  {
    id: "goodnight",
    caption: "Good night",
    expression: { eyes: "variant19", mouth: "happy03", eyebrows: "variant05" },
    pose: { name: "sleeping lean", x: 240, y: 240, size: 390, rotate: 22 },
    props: () => ({ front: art.zzz(370, 150, 1.2) }),
  },
  {
    id: "cool",
    caption: "Cool",
    expression: { glasses: "variant02", mouth: "happy13", eyebrows: "variant05" },
    pose: { ...N, name: "chin up", rotate: -5 },
    props: () => ({ front: art.sparkle(430, 110, 26) + art.sparkle(95, 300, 16) }),
  },
  {
    id: "grr",
    caption: "Grr!",
    expression: { eyes: "variant22", mouth: "sad06", eyebrows: "variant13" },
    pose: { ...N, name: "leaning in", size: 420 },
    props: () => ({ front: art.steam(420, 130, 60) + art.steam(95, 140, 45) }),
  },
  {
    id: "congrats",
    caption: "Congrats!",
    expression: { eyes: "variant01", mouth: "happy05", eyebrows: "variant09" },
    pose: { ...N, name: "upright, lower", y: 250, size: 370 },
    props: () => ({ back: art.confetti(20, 20, 470, 300, 26), front: art.partyHat(292, 122, 80, 16) }),
  },
  {
    id: "yay",
    caption: "Yay!",
    expression: { eyes: "variant01", mouth: "happy16", eyebrows: "variant07" },
    pose: { name: "jump", x: 256, y: 196, size: 370, rotate: -3 },
    props: () => ({
      back: `<path d="M150 350 l-34 22 M140 385 l-40 8 M362 350 l34 22 M372 385 l40 8" stroke="#1b1b1b" stroke-width="7" fill="none" stroke-linecap="round"/>`,
      front: art.sparkle(90, 90, 24) + art.sparkle(430, 80, 20) + art.sparkle(440, 260, 14),
    }),
  },
  {
    id: "omw",
    caption: "On my way",
    expression: { eyes: "variant02", mouth: "happy05" },
    pose: { name: "dashing in", x: 300, y: 226, size: 380, rotate: 12 },
    props: () => ({ back: art.speedLines(20, 150, 120, 36, 5) }),
  },
  {
    id: "ugh",
    caption: "Ugh",
    expression: { eyes: "variant03", mouth: "sad07", eyebrows: "variant12" },
    pose: { ...N, name: "slouch", y: 240, rotate: 4 },
    props: () => ({ front: art.drop(390, 120, 24, "#8fd3ff", 15) }),
  },
  {
    id: "bye",
    caption: "Bye!",
    expression: { eyes: "variant15", mouth: "happy05" },
    pose: { ...N, name: "tilt, waving", x: 226, rotate: -9 },
    props: (skin) => ({
      front: art.hand(425, 200, 58, skin, 25) + art.burstLines(425, 200, 76, 96, [-70, -40, -10]),
    }),
  },
];

/** A rendered sticker. */
export interface Sticker {
  id: string;
  caption: string;
  pose: string;
  expression: Record<string, string>;
  svg: string;
}

/** Composes one sticker as a standalone SVG document. */
export function stickerSvg(spec: AvatarSpec, def: StickerDef): string {
  const face = svgInner(avatarSvg(spec, { overrides: def.expression, background: false }));
  const { x, y, size, rotate } = def.pose;
  const props = def.props?.(spec.components.skinColor ?? "#e8b48f") ?? {};
  const s = size / FACE_VIEWBOX;
  const place = `translate(${x} ${y}) rotate(${rotate}) translate(${-size / 2} ${-size / 2}) scale(${s.toFixed(5)})`;
  // Die-cut white border: a copy of the figure painted white with a wide stroke, underneath (the CSS rule overrides
  // the copy's presentation attributes). Much cheaper to rasterise than an SVG morphology filter. Props keep their
  // own dark outlines.
  const border = ((OUTLINE_PX * 2) / s).toFixed(1);
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${STICKER_SIZE}" height="${STICKER_SIZE}" viewBox="0 0 ${STICKER_SIZE} ${STICKER_SIZE}">
<style>.cut *{fill:#ffffff;stroke:#ffffff;stroke-width:${border};stroke-linejoin:round;stroke-linecap:round}</style>
${props.back ?? ""}<g class="cut" transform="${place}">${face}</g><g transform="${place}">${face}</g>${props.front ?? ""}
${art.caption(def.caption, 256, 488, 460)}
</svg>`;
}

/** Renders the whole pack as SVG documents. */
export function stickerPack(spec: AvatarSpec, defs: StickerDef[] = STICKERS): Sticker[] {
  return defs.map((d) => ({
    id: d.id,
    caption: d.caption,
    pose: d.pose.name,
    expression: d.expression,
    svg: stickerSvg(spec, d),
  }));
}

/** PNG bytes of a sticker at `width` pixels. */
export function stickerPng(sticker: Sticker, width = STICKER_SIZE): Uint8Array {
  return renderPng(sticker.svg, width);
}
