import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { copyFileSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { test } from "node:test";

const run = (args: string[], env: Record<string, string> = {}) =>
  spawnSync(process.execPath, ["bin/sltk.mjs", ...args], {
    encoding: "utf8",
    env: { ...process.env, SLTK_OFFLINE: "1", ...env },
  });
const data = process.env.SLTK_DATA;

test("sltk data list --json names every data set with its license", () => {
  const r = run(["data", "list", "--json"]);
  assert.equal(r.status, 0, r.stderr);
  const rows = JSON.parse(r.stdout) as { name: string; license: string; found: string | null }[];
  assert.ok(rows.some((x) => x.name === "speech/ami-debug" && x.license.includes("CC BY")));
});

test("sltk data path: found (exit 0) and missing (exit 2, one line naming the file)", () => {
  const empty = mkdtempSync(join(tmpdir(), "sltk-cli-"));
  const miss = run(["data", "path", "fairness/fico"], { SLTK_DATA: empty, SLTK_CACHE: empty });
  assert.equal(miss.status, 2);
  assert.match(miss.stderr, /^sltk: data set fairness\/fico: file \S+ not found/);
  assert.equal(miss.stderr.trim().split("\n").length, 1);
  if (data) {
    const ok = run(["data", "path", "fico", "--json"]);
    assert.equal(ok.status, 0);
    assert.match(JSON.parse(ok.stdout).path, /fairness[/\\]fico$/);
  }
});

test("sltk data verify: a corrupted copy fails with exit 1 and names the file", { skip: !data }, () => {
  const dir = mkdtempSync(join(tmpdir(), "sltk-verify-"));
  for (const f of ["totals.csv", "transrisk_cdf_by_race_ssa.csv", "transrisk_performance_by_race_ssa.csv"])
    copyFileSync(join(data!, "fairness/fico", f), join(dir, f));
  const good = run(["data", "verify", "fairness/fico", "--data", dir]);
  assert.equal(good.status, 0, good.stdout + good.stderr);
  writeFileSync(join(dir, "totals.csv"), "tampered\n");
  const bad = run(["data", "verify", "fairness/fico", "--data", dir]);
  assert.equal(bad.status, 1);
  assert.match(bad.stdout, /mismatch in .*totals\.csv/);
});

test("sltk der: per-file and total DER as JSON; a bad RTTM line is exit 2 with file:line:column", () => {
  const dir = mkdtempSync(join(tmpdir(), "sltk-der-"));
  const ref = join(dir, "ref.rttm");
  const hyp = join(dir, "hyp.rttm");
  writeFileSync(ref, "SPEAKER f1 1 0 10 <NA> <NA> A <NA> <NA>\nSPEAKER f1 1 12 8 <NA> <NA> B <NA> <NA>\n");
  writeFileSync(hyp, "SPEAKER f1 1 0 10 <NA> <NA> x <NA> <NA>\nSPEAKER f1 1 12 4 <NA> <NA> y <NA> <NA>\n");
  const r = run(["der", "--ref", ref, "--hyp", hyp, "--json"]);
  assert.equal(r.status, 0, r.stderr);
  const out = JSON.parse(r.stdout);
  assert.equal(out.total.der, 4 / 18);
  assert.equal(out.files.f1.missed, 4);
  assert.equal(out.collarPerSide, 0);
  const human = run(["der", "--ref", ref, "--hyp", hyp, "--collar", "0.25"]);
  assert.match(human.stdout, /TOTAL\s+DER\s+\d+\.\d\d%/);
  writeFileSync(hyp, "SPEAKER f1 1 0 10 <NA> <NA> x <NA> <NA>\nSPEAKER f1 1 zero 4 <NA> <NA> y <NA> <NA>\n");
  const bad = run(["der", "--ref", ref, "--hyp", hyp]);
  assert.equal(bad.status, 2);
  assert.match(bad.stderr, /hyp\.rttm:2:4: expected a number for onset, found 'zero'/);
});
