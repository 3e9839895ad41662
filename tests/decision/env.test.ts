import assert from "node:assert/strict";
import { test } from "node:test";
import { Env } from "../../src/decision/games/env.js";
import { A, H_LAST_ACTION } from "../../src/decision/games/game.js";
import { getGame, MINATAR_GAMES, registerGame } from "../../src/decision/games/registry.js";
import { VecEnv } from "../../src/decision/games/vec-env.js";
import { Rng } from "../../src/util/rng.js";

function play(env: Env, actions: number[]): { rewards: number[]; frames: string[] } {
  const rewards: number[] = [];
  const frames: string[] = [];
  for (const a of actions) {
    if (env.terminal) env.reset();
    frames.push(Buffer.from(env.observe()).toString("base64"));
    rewards.push(env.step(a));
  }
  return { rewards, frames };
}

const actions = (n: number, seed: number) => {
  const r = new Rng(seed);
  return Array.from({ length: n }, () => r.int(6));
};

for (const name of MINATAR_GAMES) {
  test(`${name}: same seed and actions give the same episode; clones and snapshots replay it exactly`, () => {
    const game = getGame(name);
    const acts = actions(400, 7);
    const a = play(new Env(game, { seed: 11 }).reset(), acts);
    const b = play(new Env(game, { seed: 11 }).reset(), acts);
    assert.deepEqual(a, b);
    const c = play(new Env(game, { seed: 12 }).reset(), acts);
    assert.notDeepEqual(a.frames, c.frames, "another seed gives another episode");

    const env = new Env(game, { seed: 11 }).reset();
    play(env, acts.slice(0, 150));
    const clone = env.clone();
    const snap = JSON.parse(JSON.stringify(env.snapshot()));
    const restored = new Env(game).restore(snap);
    const rest = acts.slice(150);
    const x = play(env, rest);
    assert.deepEqual(play(clone, rest), x);
    assert.deepEqual(play(restored, rest), x);
  });
}

test("sticky actions repeat the last executed action, which survives a reset", () => {
  const env = new Env(getGame("breakout"), { seed: 1, sticky: 1 }).reset();
  env.step(A.RIGHT); // last action starts at 0: no-op is executed
  assert.equal(env.state[H_LAST_ACTION], A.NOOP);
  const never = new Env(getGame("breakout"), { seed: 1, sticky: 0 }).reset();
  never.step(A.RIGHT);
  assert.equal(never.state[H_LAST_ACTION], A.RIGHT);
  never.reset();
  assert.equal(never.state[H_LAST_ACTION], A.RIGHT, "not reset between episodes");
  const some = new Env(getGame("asterix"), { seed: 2, sticky: 0.1 }).reset();
  let repeated = 0;
  const r = new Rng(3);
  let prev = 0;
  for (let t = 0; t < 20000; t++) {
    if (some.terminal) some.reset();
    const a = r.int(5);
    some.step(a);
    if (some.state[H_LAST_ACTION] !== a && some.state[H_LAST_ACTION] === prev) repeated++;
    prev = some.state[H_LAST_ACTION];
  }
  // The sticky draw fires with p = 0.1 and changes the action 4 times in 5.
  assert.ok(Math.abs(repeated / 20000 - 0.08) < 0.01, `repeat rate ${repeated / 20000}`);
});

test("the vector env steps N environments exactly like N single environments", () => {
  const game = getGame("space_invaders");
  const vec = new VecEnv(game, 4, { seed: 5 });
  const singles = [0, 1, 2, 3].map((i) => new Env(game, { seed: 5 + i }).reset());
  const rewards = new Float32Array(4);
  const dones = new Uint8Array(4);
  const acts = new Int32Array(4);
  const r = new Rng(9);
  let episodes = 0;
  for (let t = 0; t < 500; t++) {
    for (let i = 0; i < 4; i++) acts[i] = r.int(6);
    vec.step(acts, rewards, dones);
    for (let i = 0; i < 4; i++) {
      assert.equal(rewards[i], singles[i].step(acts[i]));
      assert.equal(dones[i] === 1, singles[i].terminal);
      if (singles[i].terminal) {
        episodes++;
        singles[i].reset();
      }
    }
  }
  assert.ok(episodes > 10);
  const obs = vec.observe();
  for (let i = 0; i < 4; i++) assert.deepEqual(obs.subarray(i * 600, (i + 1) * 600), singles[i].observe());
});

test("the registry rejects bad games and names unknown ones", () => {
  assert.throws(() => getGame("pong"), /unknown game 'pong'; known: asterix/);
  assert.equal(getGame("SpaceInvaders").name, "space_invaders");
  assert.throws(() => registerGame({ ...getGame("breakout") }), /already registered/);
  assert.throws(() => registerGame({ ...getGame("breakout"), name: "bad name" }), /lower-case/);
  assert.throws(
    () => registerGame({ ...getGame("breakout"), name: "b2", drawOrder: [0, 0, 1, 2] }),
    /drawOrder/,
  );
  assert.throws(
    () => new Env(getGame("breakout")).reset().step(6),
    /action: expected an action in 0\.\.5, got 6/,
  );
  assert.throws(
    () => new Env(getGame("breakout")).restore({ game: "asterix", state: [], rng: [], sticky: 0 }),
    /asterix/,
  );
});
