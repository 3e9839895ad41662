import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, test } from "node:test";

const run = (args: string[]) => spawnSync(process.execPath, ["bin/sltk.mjs", ...args], { encoding: "utf8" });
const root = mkdtempSync(join(tmpdir(), "sltk-dt-cli-"));
after(() => rmSync(root, { recursive: true, force: true }));

test("sltk dt collect + stats: a small collection, its table and its chart", () => {
  const out = join(root, "c");
  const r = run([
    "dt",
    "collect",
    "--games",
    "breakout,freeway",
    "--skills",
    "random,budget2",
    "--episodes",
    "2",
    "--max-steps",
    "200",
    "--norm-episodes",
    "1",
    "--workers",
    "1",
    "--out",
    out,
    "--json",
  ]);
  assert.equal(r.status, 0, r.stderr);
  const res = JSON.parse(r.stdout);
  assert.equal(res.stats.episodes, 8);
  const s = run(["dt", "stats", out, "--out", join(root, "stats")]);
  assert.equal(s.status, 0, s.stderr);
  assert.match(s.stdout, /breakout\s+random\s+2/);
  assert.ok(existsSync(join(root, "stats", "returns.svg")));
});

test("sltk dt: bad input is a one-line error with exit code 2", () => {
  const noOut = run(["dt", "collect", "--episodes", "1"]);
  assert.equal(noOut.status, 2);
  assert.match(noOut.stderr, /--out: is required/);
  const badSkill = run(["dt", "collect", "--skills", "random,wizard", "--out", join(root, "x")]);
  assert.equal(badSkill.status, 2);
  assert.match(badSkill.stderr, /--skills: unknown skill 'wizard'/);
  const badGame = run(["dt", "score", "--games", "pong"]);
  assert.equal(badGame.status, 2);
  assert.match(badGame.stderr, /unknown game 'pong'/);
  const notData = run(["dt", "stats", root]);
  assert.equal(notData.status, 2);
  assert.match(notData.stderr, /no manifest\.json here/);
});

test("sltk dt render draws an episode as ASCII and as a GIF", () => {
  const gif = join(root, "ep.gif");
  const r = run([
    "dt",
    "render",
    "--game",
    "space_invaders",
    "--skill",
    "random",
    "--steps",
    "20",
    "--out",
    gif,
  ]);
  assert.equal(r.status, 0, r.stderr);
  assert.match(r.stdout, /SpaceInvaders random: return/);
  assert.ok(existsSync(gif));
});
