import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { test } from "node:test";
import { encodePng } from "../../src/avatars/image.js";
import { solid } from "./helpers.js";

const BIN = resolve("bin/sltk.mjs");
const run = (args: string[], cwd: string) =>
  spawnSync(process.execPath, [BIN, ...args], { cwd, encoding: "utf8", env: { ...process.env } });

test("sltk avatar make: portrait -> pack on disk; writes nothing but what was asked", {
  skip: !process.env.SLTK_DATA,
}, () => {
  const cwd = mkdtempSync(join(tmpdir(), "sltk-avatar-cli-"));
  const photo = join(process.env.SLTK_DATA!, "faces", "astronaut.png");
  const r = run(["avatar", "make", photo, "--out", "pack", "--spec-out", "spec.json", "--json"], cwd);
  assert.equal(r.status, 0, r.stderr);
  assert.deepEqual(readdirSync(cwd).sort(), ["pack", "spec.json"], "only the requested outputs");
  const out = JSON.parse(r.stdout);
  assert.equal(out.faces.length, 1);
  assert.ok(out.attributes.skinTone && out.attributes.hairLength);
  const pack = JSON.parse(readFileSync(join(cwd, "pack", "pack.json"), "utf8"));
  assert.equal(pack.stickers.length, 16);
  assert.equal(pack.licences[0].license, "CC0 1.0");
  const files = readdirSync(join(cwd, "pack", "stickers"));
  assert.equal(files.filter((f) => f.endsWith(".png")).length, 16);
  assert.equal(files.filter((f) => f.endsWith(".svg")).length, 16);
  const spec = JSON.parse(readFileSync(join(cwd, "spec.json"), "utf8"));
  assert.deepEqual(spec, pack.spec);
  const edit = run(["avatar", "edit", "--spec", join(cwd, "spec.json"), "--port", "-5"], cwd);
  assert.equal(edit.status, 2, "bad port is a usage error");
});

test("sltk avatar make: blank, non-image and missing options exit 2 with one line", () => {
  const cwd = mkdtempSync(join(tmpdir(), "sltk-avatar-cli-"));
  writeFileSync(join(cwd, "blank.png"), encodePng(solid(200, 160, [240, 240, 240])));
  writeFileSync(join(cwd, "notes.txt"), "not an image");
  const blank = run(["avatar", "make", "blank.png", "--out", "p"], cwd);
  assert.equal(blank.status, 2);
  assert.equal(blank.stderr.trim(), "sltk: blank.png: no face found in the image");
  const text = run(["avatar", "make", "notes.txt", "--out", "p"], cwd);
  assert.equal(text.status, 2);
  assert.match(text.stderr, /^sltk: notes\.txt: not a PNG or JPEG image[^\n]*\n$/);
  const noOut = run(["avatar", "make", "blank.png"], cwd);
  assert.equal(noOut.status, 2);
  assert.match(noOut.stderr, /--out/);
  writeFileSync(join(cwd, "bad-spec.json"), JSON.stringify({ components: { hair: "mullet" } }));
  const bad = run(["avatar", "edit", "--spec", "bad-spec.json"], cwd);
  assert.equal(bad.status, 2);
  assert.match(bad.stderr, /bad-spec\.json: component 'hair': 'mullet' is not one of/);
  assert.deepEqual(
    readdirSync(cwd).sort(),
    ["bad-spec.json", "blank.png", "notes.txt"],
    "nothing written on failure",
  );
  const stats = run(["avatar", "label", "--db", "l.sqlite", "--stats", "--attributes", "glasses"], cwd);
  assert.equal(stats.status, 0, stats.stderr);
  assert.match(stats.stdout, /glasses\s+items 0, labels 0/);
  const badAttr = run(["avatar", "label", "--db", "l.sqlite", "--attributes", "tail"], cwd);
  assert.equal(badAttr.status, 2);
  assert.match(badAttr.stderr, /--attributes: unknown attribute 'tail'/);
});
