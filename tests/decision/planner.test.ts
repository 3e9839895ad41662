import assert from "node:assert/strict";
import { test } from "node:test";
import { Env } from "../../src/decision/games/env.js";
import { Planner } from "../../src/decision/games/planner.js";
import { ExpertPolicy, expertConfig, makePolicy, parseSkill } from "../../src/decision/games/policies.js";
import { getGame, MINATAR_GAMES } from "../../src/decision/games/registry.js";

test("skills parse, and bad skill tags are one-line errors naming --skills", () => {
  assert.deepEqual(parseSkill("random"), { tag: "random", epsilon: 1, budget: 0 });
  assert.equal(parseSkill("eps0.05", getGame("breakout")).epsilon, 0.05);
  assert.equal(parseSkill("budget8").budget, 8);
  assert.equal(parseSkill("expert", getGame("seaquest")).budget, expertConfig(getGame("seaquest")).budget);
  assert.throws(() => parseSkill("eps2"), /--skills: unknown skill 'eps2'/);
  assert.throws(() => parseSkill("godlike"), /unknown skill/);
});

test("planning leaves the root environment untouched and is reproducible from its seed", () => {
  const game = getGame("asterix");
  const env = new Env(game, { seed: 4 }).reset();
  for (let t = 0; t < 20; t++) env.step(t % 5);
  const before = env.snapshot();
  const a = new Planner(game, expertConfig(game, 16), 9).decide(env);
  assert.deepEqual(env.snapshot(), before);
  const b = new Planner(game, expertConfig(game, 16), 9).decide(env);
  assert.deepEqual(a, b);
});

for (const name of MINATAR_GAMES) {
  test(`${name}: a small-budget expert beats the random policy over the same steps`, () => {
    const game = getGame(name);
    const steps = name === "freeway" ? 300 : 250;
    const score = (skill: string) => {
      let total = 0;
      for (let e = 0; e < 2; e++) {
        const env = new Env(game, { seed: 50 + e }).reset();
        const policy = makePolicy(game, skill, 60 + e);
        while (env.t < steps && !env.terminal) total += env.step(policy.act(env));
      }
      return total / 2;
    };
    const expert = score("budget16");
    const random = score("random");
    assert.ok(expert > random + 1, `expert ${expert} vs random ${random}`);
  });
}

test("an epsilon expert takes random actions at about its epsilon", () => {
  const game = getGame("breakout");
  const p = new ExpertPolicy(game, parseSkill("eps0.5", game), 1);
  let planned = 0;
  const original = p.planner.decide.bind(p.planner);
  p.planner.decide = (root) => {
    planned++;
    return original(root);
  };
  const env = new Env(game, { seed: 1 }).reset();
  for (let t = 0; t < 400; t++) {
    if (env.terminal) env.reset();
    env.step(p.act(env));
  }
  assert.ok(Math.abs(planned / 400 - 0.5) < 0.08, `planned ${planned} of 400`);
});
