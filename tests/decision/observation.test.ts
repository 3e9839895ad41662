import assert from "node:assert/strict";
import { test } from "node:test";
import { PNG } from "pngjs";
import { Env } from "../../src/decision/games/env.js";
import { MAX_CHANNELS } from "../../src/decision/games/game.js";
import {
  packedSize,
  packObservation,
  padChannels,
  unpackObservation,
  unpackPadded,
} from "../../src/decision/games/observation.js";
import { getGame, MINATAR_GAMES } from "../../src/decision/games/registry.js";
import { renderAscii, renderGif, renderPng } from "../../src/decision/games/render.js";

for (const name of MINATAR_GAMES) {
  test(`${name}: bit-packing round-trips and the padded view keeps the channels and zero-fills the rest`, () => {
    const game = getGame(name);
    const C = game.channels.length;
    const env = new Env(game, { seed: 3 }).reset();
    for (let t = 0; t < 30 && !env.terminal; t++) env.step(t % 6);
    const obs = env.observe().slice();
    const packed = packObservation(obs, C);
    assert.equal(packed.length, packedSize(C));
    assert.deepEqual(unpackObservation(packed, C), obs);
    const padded = new Float32Array(100 * MAX_CHANNELS).fill(7);
    unpackPadded(packed, 0, C, padded, 0);
    const viaBytes = padChannels(obs, C);
    for (let cell = 0; cell < 100; cell++)
      for (let c = 0; c < MAX_CHANNELS; c++) {
        const want = c < C ? obs[cell * C + c] : 0;
        assert.equal(padded[cell * MAX_CHANNELS + c], want);
        assert.equal(viaBytes[cell * MAX_CHANNELS + c], want);
      }
  });
}

test("rendering: ASCII is 10x10 glyphs, PNG decodes to the frame size with the channel colours, GIF is a GIF", () => {
  const game = getGame("breakout");
  const env = new Env(game, { seed: 1 }).reset();
  const frames = [env.observe().slice()];
  for (let t = 0; t < 5; t++) {
    env.step(0);
    frames.push(env.observe().slice());
  }
  const text = renderAscii(game, frames[0]);
  const lines = text.split("\n");
  assert.equal(lines.length, 10);
  assert.ok(lines.every((l) => [...l].length === 10));
  assert.equal(lines[1], "##########");
  assert.equal(lines[9][4], "=");
  const png = PNG.sync.read(Buffer.from(renderPng(game, frames[0], { scale: 8 })));
  assert.equal(png.width, 80);
  const px = (x: number, y: number) => [...png.data.subarray(4 * (y * 80 + x), 4 * (y * 80 + x) + 3)];
  assert.deepEqual(px(4 * 8 + 3, 9 * 8 + 3), [...game.colors[0]], "paddle colour");
  assert.deepEqual(px(3, 1 * 8 + 3), [...game.colors[3]], "brick colour");
  const gif = renderGif(game, frames);
  assert.equal(Buffer.from(gif.subarray(0, 6)).toString("latin1"), "GIF89a");
});
