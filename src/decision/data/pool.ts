/**
 * Runs units of collection work on a pool of worker threads (node:worker_threads; each worker loads the
 * TypeScript sources through tsx), or in this thread when `workers` is 0.
 */
import { availableParallelism } from "node:os";
import { Worker } from "node:worker_threads";
import type { ChunkEntry, CollectConfig, EvalEntry, WorkUnit } from "./manifest.js";
import { runUnit } from "./unit.js";
import type { FromWorker } from "./worker.js";

/** How to run units and where their results go. */
export interface RunUnitsOptions {
  workers: number;
  /** Modules each worker imports first (they register extra games). */
  modules?: string[];
  onEpisode?: (game: string, skill: string, ret: number, steps: number) => void;
  onDone?: (entry: ChunkEntry | EvalEntry) => void;
}

/** The default number of workers: both cores of the reference machine, or fewer where there are fewer. */
export function defaultWorkers(): number {
  return Math.min(2, availableParallelism());
}

/** Runs every unit; resolves when all are done, rejects on the first failure (stopping the workers). */
export async function runUnits(
  units: WorkUnit[],
  config: CollectConfig,
  dir: string,
  opts: RunUnitsOptions,
): Promise<void> {
  const n = Math.max(0, Math.min(opts.workers, units.length));
  if (n === 0) {
    for (const u of units) {
      opts.onDone?.(runUnit(u, config, dir, (r, s) => opts.onEpisode?.(u.game, u.skill, r, s)));
      await new Promise((r) => setImmediate(r));
    }
    return;
  }
  await runPool(units, n, config, dir, opts);
}

/**
 * Worker bootstrap: registers tsx's ESM hooks in the worker, then imports worker.ts. (On Node 20.20,
 * `execArgv: ["--import", "tsx"]` does not reach the worker's module loader: "Unknown file extension .ts".)
 */
const WORKER_BOOT = `import("tsx/esm/api").then((m) => { m.register(); return import(${JSON.stringify(
  new URL("./worker.ts", import.meta.url).href,
)}); })`;

function runPool(
  units: WorkUnit[],
  n: number,
  config: CollectConfig,
  dir: string,
  opts: RunUnitsOptions,
): Promise<void> {
  const queue = [...units];
  const pool: Worker[] = [];
  return new Promise<void>((resolveAll, rejectAll) => {
    let active = 0;
    let failed = false;
    const finish = (err?: Error) => {
      if (failed) return;
      if (err) failed = true;
      for (const w of pool) void w.terminate();
      if (err) rejectAll(err);
      else resolveAll();
    };
    const feed = (w: Worker) => {
      const unit = queue.shift();
      if (!unit) {
        if (--active === 0) finish();
        return;
      }
      w.postMessage({ type: "unit", unit, config, dir });
    };
    for (let i = 0; i < n; i++) {
      const w = new Worker(WORKER_BOOT, { eval: true, workerData: { modules: opts.modules ?? [] } });
      pool.push(w);
      active++;
      w.on("message", (m: FromWorker) => {
        if (m.type === "ready") feed(w);
        else if (m.type === "episode") opts.onEpisode?.(m.game, m.skill, m.ret, m.steps);
        else if (m.type === "done") {
          opts.onDone?.(m.entry);
          feed(w);
        } else if (m.type === "error")
          finish(
            new Error(
              `collect failed on ${m.unit.game} ${m.unit.skill} episodes ${m.unit.start}+: ${m.message}`,
            ),
          );
      });
      w.on("error", (e) => finish(new Error(`collect worker failed: ${e.message}`)));
      w.on("exit", (code) => {
        if (code !== 0 && !failed && active > 0) finish(new Error(`collect worker exited with code ${code}`));
      });
    }
  });
}
