/**
 * The training loop: seeded shuffled batches per epoch, periodic evaluation, early stopping on a monitored metric
 * (restoring the best weights), a progress bar on TTYs, and checkpoints every N steps that a killed run resumes
 * from exactly (same batches, same dropout keys, same result).
 */
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { InputError } from "../util/errors.js";
import { writeJsonAtomic } from "../util/fs.js";
import { progressBar } from "../util/progress.js";
import { Rng } from "../util/rng.js";
import { diffTensors, tensorsToTree, treesToTensors } from "./checkpoint.js";
import { readSafetensors, writeSafetensors } from "./safetensors.js";
import type { HostTensor, Tree } from "./tensor.js";
import type { Batch, StepResult, Trainer } from "./train.js";

/** Training data: its size and a function that assembles a host batch from example indices. */
export interface TrainData {
  size: number;
  batch(indices: Int32Array): Batch;
}

/** Early stopping on a metric returned by `evaluate`. */
export interface Monitor {
  metric: string;
  mode: "max" | "min";
  /** Evaluations without improvement before stopping (default: never stop, only keep the best). */
  patience?: number;
  minDelta?: number;
  /** Restore the best weights at the end (default true). */
  restoreBest?: boolean;
}

/** Options of {@link fit}. */
export interface FitOptions {
  data: TrainData;
  batchSize: number;
  /** Train for this many epochs, or (if given) this many steps. */
  epochs?: number;
  steps?: number;
  /** Seed of the batch order (epoch e uses a permutation derived from (seed, e)). */
  seed: number;
  /** Evaluation, returning named metrics (e.g. validation AUROC). */
  evaluate?: () => Promise<Record<string, number>>;
  /** Evaluate every N steps (default: at the end of every epoch). */
  evalEvery?: number;
  monitor?: Monitor;
  /** Checkpoint folder: `checkpoint.safetensors` + `checkpoint.json`; resumed from when present. */
  checkpointDir?: string;
  /** Checkpoint every N steps (default: every evaluation / epoch end). */
  checkpointEvery?: number;
  /** Progress bar label (TTY only); false for none. */
  progress?: string | false;
  /** Called after every step. */
  onStep?: (r: StepResult) => void;
  /** Drop the last partial batch of an epoch (default true: one compiled shape). */
  dropLast?: boolean;
}

/** One history entry: training loss (mean since the last entry) and evaluation metrics. */
export interface HistoryEntry {
  step: number;
  epoch: number;
  trainLoss: number;
  metrics: Record<string, number>;
}

/** What {@link fit} returns. */
export interface FitResult {
  steps: number;
  epochs: number;
  history: HistoryEntry[];
  best?: { step: number; value: number; metrics: Record<string, number> };
  stoppedEarly: boolean;
  resumedFromStep: number | null;
  seconds: number;
}

interface LoopState {
  step: number;
  epoch: number;
  batchInEpoch: number;
  history: HistoryEntry[];
  best?: { step: number; value: number; metrics: Record<string, number> };
  sinceBest: number;
  lossSum: number;
  lossCount: number;
}

/** The permutation of epoch `e` for a seed (reproducible, independent of what ran before). */
export function epochOrder(n: number, seed: number, epoch: number): Int32Array {
  return new Rng(seed).fork(`epoch${epoch}`).permutation(n);
}

/** Trains `trainer` on `data`; see {@link FitOptions}. */
export async function fit<P extends Tree, S extends Tree>(
  trainer: Trainer<P, S>,
  opts: FitOptions,
): Promise<FitResult> {
  const t0 = performance.now();
  const n = opts.data.size;
  const B = opts.batchSize;
  const perEpoch = opts.dropLast === false ? Math.ceil(n / B) : Math.floor(n / B);
  if (perEpoch < 1)
    throw new InputError(`batch size ${B} is larger than the ${n} training examples`, "--batch");
  const totalSteps = opts.steps ?? perEpoch * (opts.epochs ?? 1);
  const evalEvery = opts.evalEvery ?? perEpoch;
  const ckEvery = opts.checkpointEvery ?? evalEvery;
  const st: LoopState = {
    step: 0,
    epoch: 0,
    batchInEpoch: 0,
    history: [],
    sinceBest: 0,
    lossSum: 0,
    lossCount: 0,
  };
  let resumedFromStep: number | null = null;
  let best: Map<string, HostTensor> | null = null;
  if (opts.checkpointDir && existsSync(join(opts.checkpointDir, "checkpoint.json"))) {
    best = restore(trainer, opts.checkpointDir, st);
    resumedFromStep = st.step;
  }
  const bar = opts.progress === false ? null : progressBar(opts.progress ?? "train", totalSteps);
  bar?.update(st.step);
  let order = epochOrder(n, opts.seed, st.epoch);
  let stopped = false;
  while (st.step < totalSteps && !stopped) {
    if (st.batchInEpoch >= perEpoch) {
      st.epoch++;
      st.batchInEpoch = 0;
      order = epochOrder(n, opts.seed, st.epoch);
    }
    const start = st.batchInEpoch * B;
    const idx = order.subarray(start, Math.min(n, start + B));
    const r = await trainer.step(opts.data.batch(idx));
    if (!Number.isFinite(r.loss)) throw new Error(`training diverged: loss ${r.loss} at step ${r.step}`);
    st.step++;
    st.batchInEpoch++;
    st.lossSum += r.loss;
    st.lossCount++;
    opts.onStep?.(r);
    bar?.tick(1, { info: `loss ${r.loss.toFixed(4)}` });
    const atEval = st.step % evalEvery === 0 || st.step === totalSteps;
    if (atEval) {
      const metrics = opts.evaluate ? await opts.evaluate() : {};
      st.history.push({
        step: st.step,
        epoch: st.epoch,
        trainLoss: st.lossSum / Math.max(1, st.lossCount),
        metrics,
      });
      st.lossSum = 0;
      st.lossCount = 0;
      if (opts.monitor) {
        const v = metrics[opts.monitor.metric];
        if (v === undefined) throw new Error(`evaluate() returned no metric '${opts.monitor.metric}'`);
        const d = opts.monitor.minDelta ?? 0;
        const better =
          !st.best || (opts.monitor.mode === "max" ? v > st.best.value + d : v < st.best.value - d);
        if (better) {
          st.best = { step: st.step, value: v, metrics };
          st.sinceBest = 0;
          best = await treesToTensors({ params: trainer.params, state: trainer.state });
        } else {
          st.sinceBest++;
          if (opts.monitor.patience !== undefined && st.sinceBest >= opts.monitor.patience) stopped = true;
        }
      }
    }
    if (opts.checkpointDir && (st.step % ckEvery === 0 || st.step === totalSteps || stopped)) {
      await save(trainer, opts.checkpointDir, st, best);
    }
  }
  bar?.stop();
  if (opts.monitor && (opts.monitor.restoreBest ?? true) && best) {
    trainer.setWeights({
      params: tensorsToTree(trainer.params, best, "params"),
      state: Object.keys(trainer.state as object).length
        ? tensorsToTree(trainer.state, best, "state")
        : undefined,
    });
  }
  return {
    steps: st.step,
    epochs: st.epoch + (st.batchInEpoch > 0 ? 1 : 0),
    history: st.history,
    best: st.best,
    stoppedEarly: stopped,
    resumedFromStep,
    seconds: (performance.now() - t0) / 1000,
  };
}

async function save<P extends Tree, S extends Tree>(
  trainer: Trainer<P, S>,
  dir: string,
  st: LoopState,
  best: Map<string, HostTensor> | null,
): Promise<void> {
  const tensors = await treesToTensors({
    params: trainer.params,
    state: trainer.state,
    opt: trainer.optState,
  });
  if (best) for (const [k, v] of best) tensors.set(`best.${k}`, v);
  writeSafetensors(join(dir, "checkpoint.safetensors"), tensors, { step: String(st.step) });
  writeJsonAtomic(join(dir, "checkpoint.json"), { ...st, trainerStep: trainer.stepCount });
}

function restore<P extends Tree, S extends Tree>(
  trainer: Trainer<P, S>,
  dir: string,
  st: LoopState,
): Map<string, HostTensor> | null {
  const metaPath = join(dir, "checkpoint.json");
  const meta = JSON.parse(readFileSync(metaPath, "utf8")) as LoopState & { trainerStep: number };
  const file = join(dir, "checkpoint.safetensors");
  const { tensors, metadata } = readSafetensors(file);
  if (Number(metadata.step) !== meta.step)
    throw new InputError(
      `checkpoint step ${metadata.step} does not match checkpoint.json step ${meta.step}`,
      file,
    );
  const problems = [
    ...diffTensors(trainer.params, tensors, "params"),
    ...diffTensors(trainer.state, tensors, "state"),
    ...diffTensors(trainer.optState, tensors, "opt"),
  ];
  if (problems.length)
    throw new InputError(`checkpoint does not match the model: ${problems.slice(0, 6).join("; ")}`, file);
  trainer.setWeights({
    params: tensorsToTree(trainer.params, tensors, "params"),
    state: Object.keys(trainer.state as object).length
      ? tensorsToTree(trainer.state, tensors, "state")
      : undefined,
    optState: tensorsToTree(trainer.optState, tensors, "opt"),
    stepCount: meta.trainerStep,
  });
  Object.assign(st, { ...meta });
  let best: Map<string, HostTensor> | null = null;
  for (const [k, v] of tensors) {
    if (!k.startsWith("best.")) continue;
    best ??= new Map();
    best.set(k.slice(5), v);
  }
  return best;
}
