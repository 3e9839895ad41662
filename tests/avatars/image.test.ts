import assert from "node:assert/strict";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { test } from "node:test";
import {
  applyOrientation,
  decodeImage,
  encodeJpeg,
  encodePng,
  readImage,
  resize,
} from "../../src/avatars/image.js";
import { InputError } from "../../src/util/errors.js";
import { jpegWithOrientation, meanRgb, rotateCcw, solid } from "./helpers.js";

const red: [number, number, number] = [220, 30, 30];
const grey: [number, number, number] = [128, 128, 128];

test("PNG and JPEG decode to the same RGB pixels (JPEG within compression error)", async () => {
  const img = solid(80, 64, grey, { x: 0, y: 0, w: 40, h: 32, rgb: red });
  const png = await decodeImage(encodePng(img));
  assert.deepEqual([png.image.width, png.image.height], [80, 64]);
  assert.deepEqual(Array.from(png.image.data), Array.from(img.data));
  const jpg = await decodeImage(encodeJpeg(img, 95));
  const m = meanRgb(jpg.image, 4, 4, 30, 24);
  assert.ok(Math.abs(m[0] - 220) < 8 && Math.abs(m[1] - 30) < 8, `red corner after JPEG: ${m}`);
});

test("EXIF orientation 6 (rotate 90 degrees clockwise) is undone on decode", async () => {
  // Upright: red block top-left. The camera stores the pixels rotated counter-clockwise and tags orientation 6.
  const upright = solid(96, 64, grey, { x: 0, y: 0, w: 32, h: 24, rgb: red });
  const stored = rotateCcw(upright);
  assert.deepEqual([stored.width, stored.height], [64, 96]);
  const { image, orientation } = await decodeImage(jpegWithOrientation(stored, 6));
  assert.equal(orientation, 6);
  assert.deepEqual([image.width, image.height], [96, 64]);
  assert.ok(meanRgb(image, 2, 2, 24, 16)[0] > 180, "red block back at the top left");
  assert.ok(meanRgb(image, 60, 40, 30, 20)[0] < 150, "grey elsewhere");
});

test("applyOrientation covers all eight EXIF values", () => {
  // 2 x 3 image with distinct pixel values 0..5 (stored in the red channel).
  const img = { width: 2, height: 3, data: new Uint8Array(18) };
  for (let i = 0; i < 6; i++) img.data[i * 3] = i;
  const red = (o: number) => {
    const r = applyOrientation(img, o);
    return { w: r.width, h: r.height, v: Array.from({ length: 6 }, (_, i) => r.data[i * 3]) };
  };
  assert.deepEqual(red(1), { w: 2, h: 3, v: [0, 1, 2, 3, 4, 5] });
  assert.deepEqual(red(2), { w: 2, h: 3, v: [1, 0, 3, 2, 5, 4] });
  assert.deepEqual(red(3), { w: 2, h: 3, v: [5, 4, 3, 2, 1, 0] });
  assert.deepEqual(red(4), { w: 2, h: 3, v: [4, 5, 2, 3, 0, 1] });
  assert.deepEqual(red(5), { w: 3, h: 2, v: [0, 2, 4, 1, 3, 5] });
  assert.deepEqual(red(6), { w: 3, h: 2, v: [4, 2, 0, 5, 3, 1] });
  assert.deepEqual(red(7), { w: 3, h: 2, v: [5, 3, 1, 4, 2, 0] });
  assert.deepEqual(red(8), { w: 3, h: 2, v: [1, 3, 5, 0, 2, 4] });
});

test("bad input gives one-line InputErrors that name the file", async () => {
  const dir = mkdtempSync(join(tmpdir(), "sltk-avatar-img-"));
  const text = join(dir, "notes.txt");
  writeFileSync(text, "hello, not an image\n");
  await assert.rejects(
    readImage(text),
    (e: Error) => e instanceof InputError && /notes\.txt: not a PNG or JPEG/.test(e.message),
  );
  const bad = encodePng(solid(80, 80, grey)).slice(0, 60);
  writeFileSync(join(dir, "cut.png"), bad);
  await assert.rejects(
    readImage(join(dir, "cut.png")),
    (e: Error) => e instanceof InputError && /corrupt PNG/.test(e.message),
  );
  const badJpg = encodeJpeg(solid(80, 80, grey)).slice(0, 200);
  await assert.rejects(
    decodeImage(badJpg, "x.jpg"),
    (e: Error) => e instanceof InputError && /x\.jpg: corrupt JPEG/.test(e.message),
  );
  await assert.rejects(decodeImage(encodePng(solid(40, 200, grey)), "tiny.png"), /too small \(40x200\)/);
  await assert.rejects(readImage(join(dir, "missing.png")), /missing\.png: no such file/);
  await assert.rejects(readImage(dir), /is a folder/);
  await assert.rejects(decodeImage(new Uint8Array(0), "empty.jpg"), /empty file/);
  for (const p of [text]) {
    try {
      await readImage(p);
    } catch (e) {
      assert.ok(!(e as Error).message.includes("\n"), "one line");
    }
  }
});

test("resize averages when shrinking", () => {
  const img = solid(100, 100, [0, 0, 0], { x: 0, y: 0, w: 50, h: 100, rgb: [200, 200, 200] });
  const r = resize(img, 10, 10);
  assert.equal(r.data[0], 200);
  assert.equal(r.data[9 * 3], 0);
});
