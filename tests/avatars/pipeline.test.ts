import assert from "node:assert/strict";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { before, test } from "node:test";
import { attributeDef } from "../../src/avatars/attributes.js";
import { hexToLab } from "../../src/avatars/colour.js";
import { type FaceModel, loadFaceModel } from "../../src/avatars/face-model.js";
import { type RgbImage, readImage, resize } from "../../src/avatars/image.js";
import { MESH } from "../../src/avatars/landmarks.js";
import { resolveClassifiers } from "../../src/avatars/make.js";
import { analyseImage } from "../../src/avatars/pipeline.js";
import { ASTRONAUT_TRUTH, prepareBase, type SyntheticBase } from "../../src/avatars/synthetic.js";
import { recolourHair, recolourSkin } from "../../src/avatars/synthetic-edits.js";
import { InputError } from "../../src/util/errors.js";
import { jpegWithOrientation, rotateCcw, solid } from "./helpers.js";

const DATA = process.env.SLTK_DATA;
const skip = !DATA;
let model: FaceModel;
let astronaut: RgbImage;
let base: SyntheticBase;

before(async () => {
  if (skip) return;
  const fetchBefore = globalThis.fetch;
  model = await loadFaceModel();
  assert.equal(globalThis.fetch, fetchBefore, "the file:// fetch shim is removed after loading");
  astronaut = (await readImage(join(DATA!, "faces", "astronaut.png"))).image;
  base = await prepareBase(astronaut, model, ASTRONAUT_TRUTH);
});

const tone = (id: string) => attributeDef("skinTone").classes.findIndex((c) => c.id === id);

test("astronaut portrait: one face and plausible attributes", { skip }, async () => {
  assert.equal(model.backend, "wasm");
  const a = await analyseImage(astronaut, model, { classifiers: resolveClassifiers() });
  assert.equal(a.faces.length, 1);
  assert.deepEqual(a.warnings, []);
  const [x, y, w] = a.faces[0].box;
  assert.ok(x > 120 && x < 190 && y > 20 && y < 90 && w > 110 && w < 190, `box ${a.faces[0].box}`);
  assert.ok(tone(a.attributes.skinTone.value) <= 3, `skin ${a.attributes.skinTone.value}`);
  assert.ok(
    ["lightBrown", "brown", "darkBrown", "blonde"].includes(a.attributes.hairColour.value),
    a.attributes.hairColour.value,
  );
  assert.ok(
    ["brown", "darkBrown", "hazel"].includes(a.attributes.eyeColour.value),
    a.attributes.eyeColour.value,
  );
  assert.ok(a.attributes.faceShape.ratios && a.attributes.faceShape.ratios.length > 1);
  assert.equal(a.attributes.glasses?.value, "none");
  assert.equal(a.attributes.facialHair?.value, "none");
  for (const est of Object.values(a.attributes)) assert.ok(est.confidence > 0 && est.confidence <= 1);
  assert.equal(a.features.embedding.length, 1024);
});

test("the landmark index table matches the network's own annotations", { skip }, async () => {
  const [f] = await model.detect(astronaut);
  for (const k of [
    "silhouette",
    "rightEyeUpper0",
    "leftEyeLower0",
    "rightEyebrowUpper",
    "rightEyeIris",
    "leftEyeIris",
  ] as const) {
    const ann = f.annotations[k];
    MESH[k].forEach((i, j) => {
      assert.ok(
        Math.abs(f.mesh[i][0] - ann[j][0]) <= 1 && Math.abs(f.mesh[i][1] - ann[j][1]) <= 1,
        `${k}[${j}]`,
      );
    });
  }
});

test("hair recoloured programmatically: the hair-colour attribute follows", { skip }, async () => {
  const hair = attributeDef("hairColour");
  for (const target of ["black", "red", "blonde", "grey"]) {
    const img = { ...astronaut, data: astronaut.data.slice() };
    recolourHair(
      img,
      base.base.hairMask,
      base.base.hair,
      hair.classes.find((c) => c.id === target)!.photoLab!,
    );
    const a = await analyseImage(img, model);
    assert.equal(
      a.attributes.hairColour.value,
      target,
      `recoloured to ${target}: measured ${JSON.stringify(a.attributes.hairColour.measured)}`,
    );
  }
});

test("skin tone shifted programmatically: the skin-tone attribute follows", { skip }, async () => {
  const orig = tone((await analyseImage(astronaut, model)).attributes.skinTone.value);
  const shifted: number[] = [];
  for (const target of ["tone1", "tone6", "tone8"]) {
    const img = { ...astronaut, data: astronaut.data.slice() };
    recolourSkin(
      img,
      base.base,
      hexToLab(attributeDef("skinTone").classes[tone(target)].components.skinColor),
    );
    shifted.push(tone((await analyseImage(img, model)).attributes.skinTone.value));
  }
  assert.ok(shifted[0] < orig || shifted[0] === 0, `lighter: ${shifted[0]} vs ${orig}`);
  assert.ok(shifted[1] >= 4 && shifted[1] <= 6, `tone6 measured as index ${shifted[1]}`);
  assert.ok(shifted[2] >= 6, `tone8 measured as index ${shifted[2]}`);
});

test("a blank image is a clear error; faces too small are refused", { skip }, async () => {
  await assert.rejects(
    analyseImage(solid(320, 240, [200, 200, 200]), model, { where: "blank.png" }),
    (e: Error) => e instanceof InputError && e.message === "blank.png: no face found in the image",
  );
  const small = resize(astronaut, 150, 150);
  await assert.rejects(analyseImage(small, model, { where: "small.png" }), (e: Error) =>
    /^small\.png: face too small \(\d+ px wide\); need at least 48 px$/.test(e.message),
  );
});

test("several faces: the largest is used and named; --face N picks another", { skip }, async () => {
  const W = 768;
  const canvas = solid(W, 512, [190, 190, 190]);
  const smallFace = resize(astronaut, 256, 256);
  const paste = (img: RgbImage, ox: number, oy: number) => {
    for (let y = 0; y < img.height; y++)
      canvas.data.set(img.data.subarray(y * img.width * 3, (y + 1) * img.width * 3), ((oy + y) * W + ox) * 3);
  };
  paste(smallFace, 0, 0);
  paste(astronaut, 256, 0);
  const a = await analyseImage(canvas, model);
  assert.equal(a.faces.length, 2);
  assert.equal(a.chosen, 2);
  assert.match(a.warnings[0], /2 faces found; using face 2 \(the largest/);
  const b = await analyseImage(canvas, model, { face: 1 });
  assert.equal(b.chosen, 1);
  assert.ok(!b.warnings.some((w) => /faces found/.test(w)), "no 'largest' warning when the user chose");
  await assert.rejects(
    analyseImage(canvas, model, { face: 3 }),
    /--face: face 3 does not exist; the image has 2 face\(s\)/,
  );
});

test("EXIF orientation is respected: a sideways-stored JPEG finds the upright face", { skip }, async () => {
  const dir = mkdtempSync(join(tmpdir(), "sltk-avatar-exif-"));
  const file = join(dir, "rotated.jpg");
  writeFileSync(file, jpegWithOrientation(rotateCcw(astronaut), 6));
  const { image, orientation } = await readImage(file);
  assert.equal(orientation, 6);
  const a = await analyseImage(image, model);
  assert.equal(a.faces.length, 1);
  const [x, y] = a.faces[0].box;
  assert.ok(Math.abs(x - 152) < 15 && Math.abs(y - 49) < 15, `box ${a.faces[0].box}`);
  assert.ok(Math.abs(a.face.rotationDeg.roll) < 15, `roll ${a.face.rotationDeg.roll}`);
});
