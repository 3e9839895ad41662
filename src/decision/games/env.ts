/**
 * One environment: a game, its state words and its one seeded generator, with sticky actions. An episode is
 * reproducible from (game, seed, actions): the generator drives both the sticky-action draws and the game's
 * randomness, in a fixed order (sticky draw first, then the game step).
 */
import { InputError } from "../../util/errors.js";
import { Rng } from "../../util/rng.js";
import {
  type Game,
  H_LAST_ACTION,
  H_RAMPING,
  H_STEP,
  H_TERMINAL,
  HEADER,
  NUM_ACTIONS,
  observationSize,
} from "./game.js";

/** Options of an environment. */
export interface EnvOptions {
  /** Seed of the environment's generator. */
  seed?: number;
  /** Probability that the previous executed action is repeated instead of the chosen one (default 0.1). */
  sticky?: number;
  /** Difficulty ramping (default true). */
  ramping?: boolean;
}

/** A JSON-serialisable snapshot of an environment (state words, generator state, sticky probability). */
export interface EnvSnapshot {
  game: string;
  state: number[];
  rng: number[];
  sticky: number;
}

/** Checks an action id, with a one-line error naming it. */
export function checkAction(action: number, where = "action"): void {
  if (!Number.isInteger(action) || action < 0 || action >= NUM_ACTIONS)
    throw new InputError(`expected an action in 0..${NUM_ACTIONS - 1}, got ${action}`, where);
}

/** A single environment with sticky actions over a {@link Game}. Call {@link Env.reset} before the first step. */
export class Env {
  readonly game: Game;
  readonly state: Int32Array;
  rng: Rng;
  sticky: number;
  private obs: Uint8Array | null = null;

  constructor(game: Game, opts: EnvOptions = {}) {
    this.game = game;
    this.state = new Int32Array(game.stateSize);
    this.rng = new Rng(opts.seed ?? 0);
    this.sticky = opts.sticky ?? 0.1;
    if (!(this.sticky >= 0 && this.sticky <= 1))
      throw new InputError(`sticky must be in [0, 1], got ${this.sticky}`);
    this.state[H_RAMPING] = opts.ramping === false ? 0 : 1;
    this.state[H_TERMINAL] = 1;
  }

  /** Starts a new episode (the last executed action and the generator carry over, as in the original). */
  reset(): this {
    resetState(this.game, this.state, this.rng);
    return this;
  }

  /** True once the episode has ended. */
  get terminal(): boolean {
    return this.state[H_TERMINAL] !== 0;
  }

  /** Steps taken in this episode. */
  get t(): number {
    return this.state[H_STEP];
  }

  /** Takes one step with the chosen action (0..5); returns the reward (0 once terminal). */
  step(action: number): number {
    if (!(action >= 0 && action < NUM_ACTIONS)) checkAction(action);
    return stepState(this.game, this.state, action, this.rng, this.sticky);
  }

  /** The current observation as bytes (0/1) [10, 10, C]; reuses one buffer unless `out` is given. */
  observe(out?: Uint8Array): Uint8Array {
    const o = out ?? (this.obs ??= new Uint8Array(observationSize(this.game)));
    o.fill(0);
    this.game.observe(this.state, o, 0);
    return o;
  }

  /** An independent copy (state and generator). */
  clone(): Env {
    const e = new Env(this.game, { sticky: this.sticky });
    e.copyFrom(this);
    return e;
  }

  /** Overwrites this environment with another of the same game (no allocation of state). */
  copyFrom(other: Env): void {
    this.state.set(other.state);
    this.rng.setState(other.rng.getState());
    this.sticky = other.sticky;
  }

  /** A JSON-serialisable snapshot. */
  snapshot(): EnvSnapshot {
    return {
      game: this.game.name,
      state: Array.from(this.state),
      rng: this.rng.getState(),
      sticky: this.sticky,
    };
  }

  /** Restores a snapshot taken from an environment of the same game. */
  restore(s: EnvSnapshot): this {
    if (s.game !== this.game.name)
      throw new InputError(`snapshot is of game '${s.game}', not '${this.game.name}'`);
    if (!Array.isArray(s.state) || s.state.length !== this.game.stateSize)
      throw new InputError(
        `snapshot state has ${s.state?.length} words, ${this.game.name} needs ${this.game.stateSize}`,
      );
    if (!Array.isArray(s.rng) || s.rng.length !== 4) throw new InputError("snapshot rng must hold 4 words");
    this.state.set(s.state);
    this.rng.setState(s.rng);
    this.sticky = s.sticky;
    return this;
  }
}

/** Resets a state in place: clears the game words, keeps the last action and the ramping flag. */
export function resetState(game: Game, s: Int32Array, rng: Rng): void {
  s.fill(0, HEADER);
  s[H_TERMINAL] = 0;
  s[H_STEP] = 0;
  game.reset(s, rng);
}

/** One step on a state array with sticky actions: the shared inner loop of {@link Env} and the vector env. */
export function stepState(game: Game, s: Int32Array, action: number, rng: Rng, sticky: number): number {
  if (s[H_TERMINAL] !== 0) return 0;
  let a = action;
  if (sticky > 0 && rng.next() < sticky) a = s[H_LAST_ACTION];
  s[H_LAST_ACTION] = a;
  s[H_STEP]++;
  return game.step(s, a, rng);
}
