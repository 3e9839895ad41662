/**
 * A sixth game in one file: "catch". A ball falls from the top row in a random column, one row per step; the
 * paddle in the bottom row catches it (+1, a new ball appears) or misses it (the episode ends). Importing this
 * module registers it, so `sltk`'s library sees it by name (`getGame("catch")`); worker threads load it through
 * `collect({ modules: [url] })`.
 * Run: node --import tsx examples/decision/catch-game.ts
 */
import {
  A,
  collect,
  Env,
  type Game,
  GRID,
  H_TERMINAL,
  HEADER,
  makePolicy,
  registerGame,
  renderAscii,
} from "../../src/decision/index.js";
import type { Rng } from "../../src/util/rng.js";

const PADDLE = HEADER;
const BALL_X = HEADER + 1;
const BALL_Y = HEADER + 2;

/** The catch game: 2 channels (paddle, ball), actions no-op/left/right. */
export const catchGame: Game = {
  name: "catch",
  title: "Catch",
  channels: ["paddle", "ball"],
  minimalActions: [A.NOOP, A.LEFT, A.RIGHT],
  stateSize: HEADER + 3,
  colors: [
    [230, 230, 230],
    [255, 120, 40],
  ],
  glyphs: "=o",
  reset(s: Int32Array, rng: Rng) {
    s[PADDLE] = 4;
    s[BALL_X] = rng.int(GRID);
    s[BALL_Y] = 0;
  },
  step(s: Int32Array, action: number, rng: Rng) {
    if (action === A.LEFT && s[PADDLE] > 0) s[PADDLE]--;
    else if (action === A.RIGHT && s[PADDLE] < GRID - 1) s[PADDLE]++;
    if (++s[BALL_Y] < GRID - 1) return 0;
    if (s[BALL_X] !== s[PADDLE]) {
      s[H_TERMINAL] = 1;
      return 0;
    }
    s[BALL_X] = rng.int(GRID);
    s[BALL_Y] = 0;
    return 1;
  },
  // Planner hint: rollouts follow the ball (without it the generic planner rolls out uniformly at random).
  rolloutAction(s: Int32Array) {
    return s[BALL_X] < s[PADDLE] ? A.LEFT : s[BALL_X] > s[PADDLE] ? A.RIGHT : A.NOOP;
  },
  observe(s: Int32Array, out: Uint8Array, o: number) {
    out[o + ((GRID - 1) * GRID + s[PADDLE]) * 2] = 1;
    out[o + (s[BALL_Y] * GRID + s[BALL_X]) * 2 + 1] = 1;
  },
};

registerGame(catchGame, { replace: true });

if (import.meta.url === `file://${process.argv[1]}`) {
  const env = new Env(catchGame, { seed: 1 }).reset();
  const expert = makePolicy(catchGame, "expert", 2);
  let total = 0;
  while (!env.terminal && env.t < 200) total += env.step(expert.act(env));
  console.log(renderAscii(catchGame, env.observe()));
  console.log(`catch: the planner (budget 64) scored ${total} in ${env.t} steps`);
  const r = await collect({
    out: "runs/catch-data",
    games: ["catch"],
    skills: ["random", "expert"],
    episodes: 5,
    maxSteps: 200,
    modules: [import.meta.url],
  });
  console.log(
    `collected ${r.episodes} episodes into ${r.out}; normalisation`,
    r.manifest.normalisation.catch,
  );
}
