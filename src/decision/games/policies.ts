/**
 * Policies across the skill range: uniform random, the search expert with a budget, and epsilon-noisy experts.
 * A skill is named by a short tag, used on the command line and in data sets:
 *   `random`       uniform over the six actions (the reference random policy);
 *   `expert`       the game's planner at its full budget (see {@link expertConfig});
 *   `eps<e>`       the expert, but a uniform random action with probability e (e.g. `eps0.2`);
 *   `budget<n>`    the expert with n simulations per decision (e.g. `budget8`).
 */
import { InputError } from "../../util/errors.js";
import { Rng } from "../../util/rng.js";
import type { Env } from "./env.js";
import { type Game, NUM_ACTIONS } from "./game.js";
import { Planner, type PlannerConfig } from "./planner.js";

/** A policy picks the next action for an environment (it may plan on clones; it never changes `env`). */
export interface Policy {
  readonly skill: string;
  act(env: Env): number;
}

/** A parsed skill tag. */
export interface SkillSpec {
  tag: string;
  /** Probability of a uniform random action (1 for `random`). */
  epsilon: number;
  /** Planner simulations per decision (0 for `random`). */
  budget: number;
}

const DEFAULTS: PlannerConfig = {
  budget: 64,
  horizon: 20,
  treeDepth: 6,
  gamma: 0.98,
  exploration: 1,
  deathValue: -10,
  heuristicWeight: 0,
  rolloutRepeat: 0.5,
  backup: "mean",
};

/**
 * The expert planner settings per game (full budget), chosen on seeded evaluation runs (README: "Experts").
 * Games whose rollout hint plays sensibly (Asterix, Breakout, Freeway, Seaquest) search best with mean
 * backups; Space Invaders, with uniform random rollouts, needs the max backup.
 */
const EXPERTS: Record<string, Partial<PlannerConfig>> = {
  asterix: { budget: 64, horizon: 20, treeDepth: 6, exploration: 1 },
  breakout: { budget: 64, horizon: 20, treeDepth: 8, exploration: 0.5 },
  freeway: { budget: 64, horizon: 12, treeDepth: 6, exploration: 0.5, deathValue: 0, heuristicWeight: 1 },
  seaquest: { budget: 96, horizon: 24, treeDepth: 6, exploration: 1, heuristicWeight: 1 },
  space_invaders: { budget: 64, horizon: 20, treeDepth: 6, exploration: 0.5, backup: "max" },
};

/** The expert planner configuration of a game, optionally with another budget. */
export function expertConfig(game: Game, budget?: number): PlannerConfig {
  const c = { ...DEFAULTS, ...(EXPERTS[game.name] ?? {}) };
  if (budget !== undefined) c.budget = budget;
  return c;
}

/** Parses a skill tag (`random`, `expert`, `eps0.2`, `budget8`); a bad tag is a one-line input error. */
export function parseSkill(tag: string, game?: Game): SkillSpec {
  const full = game ? expertConfig(game).budget : DEFAULTS.budget;
  if (tag === "random") return { tag, epsilon: 1, budget: 0 };
  if (tag === "expert") return { tag, epsilon: 0, budget: full };
  let m = /^eps(0(\.\d+)?|1(\.0+)?)$/.exec(tag);
  if (m) return { tag, epsilon: Number(m[1]), budget: full };
  m = /^budget([1-9]\d*)$/.exec(tag);
  if (m) return { tag, epsilon: 0, budget: Number(m[1]) };
  throw new InputError(
    `unknown skill '${tag}'; expected random, expert, eps<e> (e.g. eps0.2) or budget<n>`,
    "--skills",
  );
}

/** Uniform random over the six actions. */
export class RandomPolicy implements Policy {
  readonly skill = "random";
  private readonly rng: Rng;
  constructor(seed: number) {
    this.rng = new Rng(seed);
  }
  act(): number {
    return this.rng.int(NUM_ACTIONS);
  }
}

/** The planner expert, with an optional epsilon of uniform random actions (no planning on those steps). */
export class ExpertPolicy implements Policy {
  readonly skill: string;
  readonly planner: Planner;
  private readonly epsilon: number;
  private readonly rng: Rng;
  constructor(game: Game, spec: SkillSpec, seed: number, config?: Partial<PlannerConfig>) {
    this.skill = spec.tag;
    this.epsilon = spec.epsilon;
    this.rng = new Rng(seed);
    this.planner = new Planner(game, { ...expertConfig(game, spec.budget), ...config }, this.rng.nextU32());
  }
  act(env: Env): number {
    if (this.epsilon > 0 && this.rng.next() < this.epsilon) return this.rng.int(NUM_ACTIONS);
    return this.planner.decide(env).action;
  }
}

/** The policy of a skill tag for a game, seeded. */
export function makePolicy(game: Game, skill: string | SkillSpec, seed: number): Policy {
  const spec = typeof skill === "string" ? parseSkill(skill, game) : skill;
  if (spec.budget === 0) return new RandomPolicy(seed);
  return new ExpertPolicy(game, spec, seed);
}
