import assert from "node:assert/strict";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, test } from "node:test";
import { pathToFileURL } from "node:url";
import { catchGame } from "../../examples/decision/catch-game.js";
import { collect } from "../../src/decision/data/collect.js";
import { TrajectoryDataset } from "../../src/decision/data/dataset.js";
import { allocWindows } from "../../src/decision/data/windows.js";
import { Env } from "../../src/decision/games/env.js";
import { getGame } from "../../src/decision/games/registry.js";
import { renderAscii } from "../../src/decision/games/render.js";
import { Rng } from "../../src/util/rng.js";

const root = mkdtempSync(join(tmpdir(), "sltk-dt-six-"));
after(() => rmSync(root, { recursive: true, force: true }));

test("a sixth game in one file: registered by name, played, rendered, collected on a worker, padded to 10 channels", async () => {
  assert.equal(getGame("catch"), catchGame);
  const env = new Env(catchGame, { seed: 3 }).reset();
  assert.equal(renderAscii(catchGame, env.observe()).split("\n")[9][4], "=");
  const r = await collect({
    out: join(root, "c"),
    games: ["catch"],
    skills: ["random", "budget8"],
    episodes: 2,
    maxSteps: 100,
    normEpisodes: 2,
    workers: 1,
    modules: [pathToFileURL(join(process.cwd(), "examples/decision/catch-game.ts")).href],
  });
  assert.equal(r.episodes, 6);
  const index = TrajectoryDataset.open(join(root, "c")).load();
  const out = index.sampleWindows(new Rng(1), allocWindows(8, 4));
  for (let i = 0; i < 32; i++) {
    if (!out.mask[i]) continue;
    let ones = 0;
    for (let cell = 0; cell < 100; cell++)
      for (let c = 2; c < 10; c++) ones += out.obs[i * 1000 + cell * 10 + c];
    assert.equal(ones, 0, "channels 2..9 are padding");
  }
});
