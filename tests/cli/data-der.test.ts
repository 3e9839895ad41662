import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { test } from "node:test";

const run = (args: string[]) => spawnSync(process.execPath, ["bin/sltk.mjs", ...args], { encoding: "utf8" });

test("sltk der prints the total and per-file breakdown as JSON; a missing file is exit 2", () => {
  const dir = mkdtempSync(join(tmpdir(), "sltk-der-"));
  writeFileSync(
    join(dir, "ref.rttm"),
    "SPEAKER f 1 0 10 <NA> <NA> A <NA> <NA>\nSPEAKER f 1 12 8 <NA> <NA> B <NA> <NA>\n",
  );
  writeFileSync(
    join(dir, "hyp.rttm"),
    "SPEAKER f 1 0 12 <NA> <NA> x <NA> <NA>\nSPEAKER f 1 12 8 <NA> <NA> y <NA> <NA>\n",
  );
  const r = run(["der", "--ref", join(dir, "ref.rttm"), "--hyp", join(dir, "hyp.rttm"), "--json"]);
  assert.equal(r.status, 0, r.stderr);
  const out = JSON.parse(r.stdout);
  assert.ok(Math.abs(out.total.der - 2 / 18) < 1e-9);
  assert.ok(Math.abs(out.files.f.falseAlarm - 2) < 1e-9);
  const bad = run(["der", "--ref", join(dir, "nope.rttm"), "--hyp", join(dir, "hyp.rttm")]);
  assert.equal(bad.status, 2);
  assert.match(bad.stderr, /nope\.rttm: cannot read file/);
  const collar = run([
    "der",
    "--ref",
    join(dir, "ref.rttm"),
    "--hyp",
    join(dir, "hyp.rttm"),
    "--collar",
    "x",
  ]);
  assert.equal(collar.status, 2);
  assert.match(collar.stderr, /--collar/);
});

test("sltk data list and verify (with the shared data)", { skip: !process.env.SLTK_DATA }, () => {
  const list = run(["data", "list", "--json"]);
  assert.equal(list.status, 0, list.stderr);
  const rows = JSON.parse(list.stdout) as { name: string; found: string | null; nonCommercial: boolean }[];
  assert.ok(rows.every((r) => r.found));
  assert.equal(rows.find((r) => r.name === "molecules/odor")?.nonCommercial, true);
  const v = run(["data", "verify", "fairness/fico", "--json"]);
  assert.equal(v.status, 0, v.stderr);
  assert.equal(JSON.parse(v.stdout)[0].ok, 3);
  const unknown = run(["data", "path", "nope"]);
  assert.equal(unknown.status, 2);
  assert.match(unknown.stderr, /unknown data set 'nope'/);
});
