import assert from "node:assert/strict";
import { test } from "node:test";
import { PNG } from "pngjs";
import { ATTRIBUTES } from "../../src/avatars/attributes.js";
import { artLicences, components, STYLE } from "../../src/avatars/catalogue.js";
import { avatarSvg, renderPng } from "../../src/avatars/render.js";
import { defaultSpec, specFromAttributes, validateSpec } from "../../src/avatars/spec.js";
import { STICKERS, stickerPack, stickerPng } from "../../src/avatars/stickers.js";
import { InputError } from "../../src/util/errors.js";

function opaqueShare(png: Uint8Array): number {
  const p = PNG.sync.read(Buffer.from(png));
  let n = 0;
  for (let i = 3; i < p.data.length; i += 4) if (p.data[i] > 128) n++;
  return n / (p.width * p.height);
}

test("the face art is a CC0 DiceBear style; licences are read from the style metadata", () => {
  assert.equal((STYLE.meta as { license: { name: string } }).license.name, "CC0 1.0");
  const lic = artLicences();
  assert.equal(lic[0].license, "CC0 1.0");
  assert.match(lic[0].licenseUrl, /publicdomain\/zero/);
  assert.ok(lic.every((l) => l.license && l.component));
});

test("every attribute class maps to valid components, and the spec validates", () => {
  const ids = new Set(components().map((c) => c.id));
  for (const a of ATTRIBUTES)
    for (const c of a.classes) {
      for (const k of Object.keys(c.components))
        assert.ok(ids.has(k), `${a.id}.${c.id} sets unknown component ${k}`);
      validateSpec({ components: c.components });
    }
  const s = specFromAttributes({
    hairLength: { value: "long", confidence: 1, probabilities: {}, method: "" },
    glasses: { value: "sunglasses", confidence: 1, probabilities: {}, method: "" },
    facialHair: { value: "moustache", confidence: 1, probabilities: {}, method: "" },
  });
  assert.equal(s.components.hair, "variant35");
  assert.equal(s.components.glasses, "variant02");
  assert.equal(s.components.moustache, "walrus");
  assert.equal(Object.keys(s.components).length, components().length, "one choice per component");
});

test("spec validation names the bad component in one line", () => {
  assert.throws(
    () => validateSpec({ components: { tail: "long" } }, "s.json"),
    (e: Error) => e instanceof InputError && /s\.json: unknown component 'tail'/.test(e.message),
  );
  assert.throws(() => validateSpec({ components: { hairColor: "brown" } }), /hairColor.*#rrggbb/);
  assert.throws(
    () => validateSpec({ components: { glasses: "monocle" } }),
    /glasses.*'monocle' is not one of/,
  );
  assert.throws(() => validateSpec([]), /must be a JSON object/);
  assert.throws(() => validateSpec({ version: 2 }), /unsupported spec version/);
  assert.equal(validateSpec({ components: { hairColor: "#AABBCC" } }).components.hairColor, "#aabbcc");
});

test("the avatar draws exactly the spec: colours and the original moustache appear in the SVG", () => {
  const spec = defaultSpec();
  spec.components.hairColor = "#123456";
  spec.components.moustache = "handlebar";
  const svg = avatarSvg(spec);
  assert.match(svg, /^<svg/);
  assert.match(svg, /#123456/i);
  assert.equal(avatarSvg(spec), svg, "deterministic");
  const plain = avatarSvg({ ...spec, components: { ...spec.components, moustache: "none" } });
  assert.ok(svg.length > plain.length);
  assert.ok(opaqueShare(renderPng(svg, 128)) > 0.3);
});

test("the sticker pack has >= 12 distinct stickers with captions, rendered to non-blank transparent PNGs", () => {
  const pack = stickerPack(defaultSpec());
  assert.ok(pack.length >= 12);
  assert.equal(new Set(pack.map((s) => s.id)).size, pack.length);
  assert.equal(new Set(pack.map((s) => s.svg)).size, pack.length, "all different");
  assert.ok(new Set(STICKERS.map((s) => s.pose.name)).size >= 8, "several poses");
  for (const s of pack.slice(0, 4)) {
    assert.match(
      s.svg,
      new RegExp(`>${s.caption.replace(/[.*+?^${}()|[\]\\]/g, "\\$&").replace("'", "&#39;")}</text>`),
    );
    const png = stickerPng(s, 256);
    const share = opaqueShare(png);
    assert.ok(share > 0.15 && share < 0.95, `opaque share ${share}`);
  }
});
