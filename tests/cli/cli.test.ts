import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { test } from "node:test";

const run = (args: string[]) => spawnSync(process.execPath, ["bin/sltk.mjs", ...args], { encoding: "utf8" });

test("sltk --help lists commands and exits 0", () => {
  const r = run(["--help"]);
  assert.equal(r.status, 0);
  assert.match(r.stdout, /demo/);
});

test("an unknown option is a usage error with exit code 2", () => {
  const r = run(["demo", "--no-such-option"]);
  assert.equal(r.status, 2);
  assert.match(r.stderr, /unknown option/);
});

test("a bad --seed value names the option and exits 2", () => {
  const r = run(["demo", "--seed", "abc", "--only", "none"]);
  assert.equal(r.status, 2);
  assert.match(r.stderr, /--seed/);
});
