/**
 * Rendering of observations: ASCII for the terminal, PNG frames (pngjs) and animated GIFs of an episode (gifenc),
 * with one colour per channel. Input frames are unpacked observations, bytes [10, 10, C].
 */
import gifenc from "gifenc";
import { PNG } from "pngjs";
import { CELLS, type Game, GRID, type Rgb } from "./game.js";

const BACKGROUND: Rgb = [18, 18, 26];
const GAP: Rgb = [34, 34, 46];

/** Options of raster frames. */
export interface RasterOptions {
  /** Pixels per cell side (default 16). */
  scale?: number;
}

function order(game: Game): readonly number[] {
  return game.drawOrder ?? game.channels.map((_, i) => i);
}

/** For each cell, the index of the channel drawn on top (or -1): the palette index map of a frame. */
export function topChannels(game: Game, obs: Uint8Array, out = new Int8Array(CELLS)): Int8Array {
  const C = game.channels.length;
  const ord = order(game);
  for (let cell = 0; cell < CELLS; cell++) {
    let top = -1;
    for (const c of ord) if (obs[cell * C + c] !== 0) top = c;
    out[cell] = top;
  }
  return out;
}

/** A frame as text: 10 lines of 10 glyphs (one per cell; `·` where every channel is off). */
export function renderAscii(game: Game, obs: Uint8Array): string {
  const top = topChannels(game, obs);
  const lines: string[] = [];
  for (let y = 0; y < GRID; y++) {
    let line = "";
    for (let x = 0; x < GRID; x++) {
      const c = top[y * GRID + x];
      line += c < 0 ? "·" : game.glyphs[c];
    }
    lines.push(line);
  }
  return lines.join("\n");
}

/** Palette index image of a frame: 0 background, 1 cell gap, 2 + c channel c. */
function indexImage(game: Game, obs: Uint8Array, scale: number, out: Uint8Array): void {
  const top = topChannels(game, obs);
  const side = GRID * scale;
  for (let py = 0; py < side; py++) {
    const y = (py / scale) | 0;
    const edgeY = py % scale === scale - 1;
    for (let px = 0; px < side; px++) {
      const x = (px / scale) | 0;
      const c = top[y * GRID + x];
      out[py * side + px] = edgeY || px % scale === scale - 1 ? 1 : c < 0 ? 0 : 2 + c;
    }
  }
}

function palette(game: Game): number[][] {
  return [BACKGROUND, GAP, ...game.colors].map((c) => [c[0], c[1], c[2]]);
}

/** A frame as PNG bytes. */
export function renderPng(game: Game, obs: Uint8Array, opts: RasterOptions = {}): Uint8Array {
  const scale = opts.scale ?? 16;
  const side = GRID * scale;
  const index = new Uint8Array(side * side);
  indexImage(game, obs, scale, index);
  const pal = palette(game);
  const png = new PNG({ width: side, height: side });
  for (let i = 0; i < index.length; i++) {
    const c = pal[index[i]];
    png.data[4 * i] = c[0];
    png.data[4 * i + 1] = c[1];
    png.data[4 * i + 2] = c[2];
    png.data[4 * i + 3] = 255;
  }
  return new Uint8Array(PNG.sync.write(png));
}

/** An animated GIF of a sequence of frames (looping; `delayMs` per frame, default 100). */
export function renderGif(
  game: Game,
  frames: Uint8Array[],
  opts: RasterOptions & { delayMs?: number } = {},
): Uint8Array {
  const scale = opts.scale ?? 16;
  const side = GRID * scale;
  const enc = gifenc.GIFEncoder();
  const pal = palette(game);
  const index = new Uint8Array(side * side);
  for (const f of frames) {
    indexImage(game, f, scale, index);
    enc.writeFrame(index, side, side, { palette: pal, delay: opts.delayMs ?? 100, repeat: 0 });
  }
  enc.finish();
  return enc.bytes();
}
