/**
 * The jit-compiled train step and batched inference. A model is a pair of pure functions over parameter trees;
 * the trainer owns the device arrays (parameters, optimiser state, non-trainable state such as batch-norm
 * statistics) and runs one compiled function per step: loss, gradients, optional global-norm clipping and the
 * optimiser update, with the learning rate, step number and a dropout key passed in as arrays (no recompilation).
 */

import { initEngine } from "./device.js";
import { KeyStream } from "./layers/dropout.js";
import { clipByGlobalNorm, type Optimizer } from "./optim.js";
import type { Schedule } from "./schedule.js";
import {
  type Arr,
  disposeTree,
  fromHost,
  type HostTensor,
  isArr,
  jit,
  mapTree,
  namedLeaves,
  np,
  refTree,
  type Tree,
  toHost,
  upload,
  valueAndGrad,
} from "./tensor.js";

/** What a loss function receives besides parameters and the batch. */
export interface LossContext<S extends Tree> {
  /** A stream of PRNG keys for dropout and other noise (fresh every step). */
  keys: KeyStream;
  /** Non-trainable state (e.g. batch-norm statistics). */
  state: S;
}

/** A loss function may return the scalar loss, or the loss with new state and extra scalar metrics. */
export type LossOutput<S extends Tree> = Arr | { loss: Arr; state?: S; metrics?: Record<string, Arr> };

/** A batch: a tree of arrays on the host (uploaded each step) or already on the device. */
export type Batch = Record<string, HostTensor | Arr>;

/** Trainer options. */
export interface TrainerOptions<P extends Tree, S extends Tree> {
  params: P;
  state?: S;
  loss: (params: P, batch: Record<string, Arr>, ctx: LossContext<S>) => LossOutput<S>;
  optimizer: Optimizer;
  /** Learning rate: a number or a schedule of the (0-based) step. */
  lr: number | Schedule;
  /** Global-norm gradient clipping threshold. */
  clipNorm?: number;
  /** Seed of the per-step PRNG keys. */
  seed?: number;
}

/** The result of one step (host numbers). */
export interface StepResult {
  step: number;
  loss: number;
  lr: number;
  gradNorm?: number;
  metrics: Record<string, number>;
}

function uploadBatch(batch: Batch): Record<string, Arr> {
  const out: Record<string, Arr> = {};
  for (const [k, v] of Object.entries(batch)) out[k] = isArr(v) ? v : upload(v as HostTensor);
  return out;
}

/** A PRNG key (uint32[2]) for a (seed, step) pair: same seed and step, same dropout masks. */
export function stepKey(seed: number, step: number): Arr {
  return fromHost(new Uint32Array([seed >>> 0, step >>> 0]), [2]);
}

/** Owns a model's device arrays and runs the compiled train step. */
export class Trainer<P extends Tree, S extends Tree = Record<string, never>> {
  params: P;
  state: S;
  optState: Tree;
  /** Number of completed steps. */
  stepCount = 0;
  readonly optimizer: Optimizer;
  private readonly opts: TrainerOptions<P, S>;
  private readonly compiled: (...args: unknown[]) => unknown;

  constructor(opts: TrainerOptions<P, S>) {
    this.opts = opts;
    this.params = opts.params;
    this.state = (opts.state ?? {}) as S;
    this.optimizer = opts.optimizer;
    this.optState = opts.optimizer.init(opts.params);
    const clip = opts.clipNorm;
    const lossFn = opts.loss;
    const optimizer = opts.optimizer;
    const stepFn = (
      params: P,
      optState: Tree,
      state: S,
      batch: Record<string, Arr>,
      lr: Arr,
      step: Arr,
      key: Arr,
    ) => {
      const wrapped = (p: P) => {
        const out = lossFn(p, batch, { keys: new KeyStream(key), state });
        if (isArr(out))
          return [out, { state, metrics: {} }] as [Arr, { state: S; metrics: Record<string, Arr> }];
        return [out.loss, { state: out.state ?? state, metrics: out.metrics ?? {} }] as [
          Arr,
          { state: S; metrics: Record<string, Arr> },
        ];
      };
      const [[loss, aux], grads] = (valueAndGrad as any)(wrapped, { hasAux: true })(
        refTree(params),
      ) as unknown as [[Arr, { state: S; metrics: Record<string, Arr> }], Tree];
      let g = grads;
      let norm: Arr = np.array(0);
      if (clip) {
        norm.dispose();
        const c = clipByGlobalNorm(g, clip);
        g = c.grads;
        norm = c.norm;
      }
      const upd = optimizer.update(g, optState, params, { lr, step });
      return [upd.params, upd.state, aux.state, loss, aux.metrics, norm];
    };
    this.compiled = jit(stepFn as never) as unknown as (...args: unknown[]) => unknown;
  }

  /** The learning rate at a (0-based) step. */
  lrAt(step: number): number {
    const lr = this.opts.lr;
    return typeof lr === "number" ? lr : lr(step);
  }

  /** Runs one optimisation step on a batch; returns the loss and metrics as numbers. */
  async step(batch: Batch): Promise<StepResult> {
    await initEngine();
    const lr = this.lrAt(this.stepCount);
    const t = this.stepCount + 1;
    const out = this.compiled(
      this.params,
      this.optState,
      this.state,
      uploadBatch(batch),
      np.array(lr),
      np.array(t),
      stepKey(this.opts.seed ?? 0, this.stepCount),
    ) as [P, Tree, S, Arr, Record<string, Arr>, Arr];
    const [params, optState, state, loss, metrics, norm] = out;
    this.params = params;
    this.optState = optState;
    this.state = state;
    this.stepCount = t;
    const result: StepResult = { step: t, loss: (await toHost(loss))[0], lr, metrics: {} };
    const n = (await toHost(norm))[0];
    if (this.opts.clipNorm) result.gradNorm = n;
    for (const [k, v] of Object.entries(metrics)) result.metrics[k] = (await toHost(v))[0];
    return result;
  }

  /** Replaces parameters/state (e.g. restored from a checkpoint), releasing the old arrays. */
  setWeights(w: { params?: P; state?: S; optState?: Tree; stepCount?: number }): void {
    if (w.params) {
      disposeTree(this.params);
      this.params = w.params;
    }
    if (w.state) {
      disposeTree(this.state);
      this.state = w.state;
    }
    if (w.optState) {
      disposeTree(this.optState);
      this.optState = w.optState;
    }
    if (w.stepCount !== undefined) this.stepCount = w.stepCount;
  }

  /** Releases every device array the trainer holds. */
  dispose(): void {
    disposeTree(this.params);
    disposeTree(this.optState);
    disposeTree(this.state);
    (this.compiled as unknown as { dispose?: () => void }).dispose?.();
  }
}

/**
 * Batched, jit-compiled inference over host data. `fn(params, state, inputs)` maps a batch of inputs (leading
 * axis = batch) to a record of outputs with the same leading axis. The last partial batch is padded (with the
 * first example) so that one compiled shape serves every call; padded rows are dropped from the result.
 */
export class Predictor<P extends Tree, S extends Tree = Record<string, never>> {
  private readonly compiled: (...args: unknown[]) => unknown;
  constructor(
    fn: (params: P, state: S, inputs: Record<string, Arr>) => Record<string, Arr>,
    readonly batchSize: number,
  ) {
    this.compiled = jit(fn as never) as unknown as (...args: unknown[]) => unknown;
  }

  /** Runs the model over `n` examples given as host tensors with leading dimension n. Does not consume params. */
  async run(params: P, state: S, inputs: Record<string, HostTensor>): Promise<Record<string, HostTensor>> {
    await initEngine();
    const names = Object.keys(inputs);
    const n = inputs[names[0]].shape[0];
    const B = this.batchSize;
    const out: Record<string, { shape: number[]; parts: Float32Array[] }> = {};
    for (let start = 0; start < n; start += B) {
      const m = Math.min(B, n - start);
      const batch: Record<string, Arr> = {};
      for (const k of names) batch[k] = upload(sliceRows(inputs[k], start, m, B));
      const res = this.compiled(refTree(params), refTree(state), batch) as Record<string, Arr>;
      for (const [k, v] of Object.entries(res)) {
        const shape = [...v.shape];
        const data = await toHost(v);
        const per = data.length / shape[0];
        out[k] ??= { shape: shape.slice(1), parts: [] };
        out[k].parts.push(data.subarray(0, m * per));
      }
    }
    const result: Record<string, HostTensor> = {};
    for (const [k, { shape, parts }] of Object.entries(out)) {
      const total = parts.reduce((s, p) => s + p.length, 0);
      const data = new Float32Array(total);
      let off = 0;
      for (const p of parts) {
        data.set(p, off);
        off += p.length;
      }
      result[k] = { shape: [n, ...shape], data };
    }
    return result;
  }

  /** Frees the compiled function's constants. */
  dispose(): void {
    (this.compiled as unknown as { dispose?: () => void }).dispose?.();
  }
}

/** Rows [start, start+m) of a host tensor, zero-padded... with the first row repeated up to `size` rows. */
export function sliceRows(t: HostTensor, start: number, m: number, size: number): HostTensor {
  const per = t.shape.slice(1).reduce((a, b) => a * b, 1);
  const Ctor = t.data.constructor as new (n: number) => HostTensor["data"];
  const data = new Ctor(size * per);
  data.set(t.data.subarray(start * per, (start + m) * per), 0);
  for (let r = m; r < size; r++) data.set(t.data.subarray(start * per, start * per + per), r * per);
  return { shape: [size, ...t.shape.slice(1)], data };
}

/** Copies a tree (new device arrays with the same values). */
export function cloneTree<T extends Tree>(t: T): T {
  return mapTree(t, (a) => a.ref.add(0)) as T;
}

/** Names and shapes of a tree's leaves (for logs and model summaries). */
export function describeTree(t: Tree): { name: string; shape: number[] }[] {
  return namedLeaves(t).map(([name, a]) => ({ name, shape: [...a.shape] }));
}
