/**
 * N environments of one game stepped in a loop over one typed array of states (N * stateSize words), with one
 * generator each. Episodes that end are reset automatically (the step that ends an episode reports done = 1
 * and its reward; the next observation is the first of the new episode).
 */
import { Rng } from "../../util/rng.js";
import { resetState, stepState } from "./env.js";
import { type Game, H_RAMPING, H_STEP, H_TERMINAL, observationSize } from "./game.js";
import { packBits, packedSize } from "./observation.js";

/** Options of a vector of environments. */
export interface VecEnvOptions {
  /** Environment i is seeded with `seed + i` (default 0). */
  seed?: number;
  sticky?: number;
  ramping?: boolean;
}

/** A vector of N environments of one game. */
export class VecEnv {
  readonly game: Game;
  readonly n: number;
  /** All states, environment i at words [i * stateSize, (i + 1) * stateSize). */
  readonly states: Int32Array;
  /** One view per environment into {@link states}. */
  readonly views: Int32Array[];
  readonly rngs: Rng[];
  readonly sticky: number;
  /** Sum of rewards of each environment's current episode. */
  readonly episodeReturns: Float64Array;
  /** Return and length of the episode that ended in environment i at the last step where `dones[i]` was 1. */
  readonly finishedReturns: Float64Array;
  readonly finishedLengths: Int32Array;

  constructor(game: Game, n: number, opts: VecEnvOptions = {}) {
    this.game = game;
    this.n = n;
    this.sticky = opts.sticky ?? 0.1;
    const size = game.stateSize;
    this.states = new Int32Array(n * size);
    this.views = [];
    this.rngs = [];
    this.episodeReturns = new Float64Array(n);
    this.finishedReturns = new Float64Array(n);
    this.finishedLengths = new Int32Array(n);
    for (let i = 0; i < n; i++) {
      const v = this.states.subarray(i * size, (i + 1) * size);
      v[H_RAMPING] = opts.ramping === false ? 0 : 1;
      this.views.push(v);
      this.rngs.push(new Rng((opts.seed ?? 0) + i));
      resetState(game, v, this.rngs[i]);
    }
  }

  /**
   * Steps every environment with `actions[i]`; writes `rewards[i]` and `dones[i]` (1 where the episode ended,
   * after which that environment was reset). Allocates nothing.
   */
  step(actions: ArrayLike<number>, rewards: Float32Array, dones: Uint8Array): void {
    const { game, views, rngs, sticky } = this;
    for (let i = 0; i < this.n; i++) {
      const s = views[i];
      const r = stepState(game, s, actions[i], rngs[i], sticky);
      rewards[i] = r;
      this.episodeReturns[i] += r;
      if (s[H_TERMINAL] !== 0) {
        dones[i] = 1;
        this.finishedReturns[i] = this.episodeReturns[i];
        this.finishedLengths[i] = s[H_STEP];
        this.episodeReturns[i] = 0;
        resetState(game, s, rngs[i]);
      } else dones[i] = 0;
    }
  }

  /** Steps taken in environment i's current episode. */
  stepsOf(i: number): number {
    return this.views[i][H_STEP];
  }

  /** Writes all observations, bytes [N, 10, 10, C], into `out` (allocated unless given). */
  observe(out?: Uint8Array): Uint8Array {
    const size = observationSize(this.game);
    const o = out ?? new Uint8Array(this.n * size);
    o.fill(0, 0, this.n * size);
    for (let i = 0; i < this.n; i++) this.game.observe(this.views[i], o, i * size);
    return o;
  }

  /** Writes all observations bit-packed, [N, packedSize(C)] bytes; `scratch` holds one unpacked frame. */
  observePacked(out: Uint8Array, scratch: Uint8Array): void {
    const size = observationSize(this.game);
    const bytes = packedSize(this.game.channels.length);
    for (let i = 0; i < this.n; i++) {
      scratch.fill(0, 0, size);
      this.game.observe(this.views[i], scratch, 0);
      packBits(scratch, 0, size, out, i * bytes);
    }
  }
}
