/**
 * Worker-thread entry of `collect`: imports the modules that register extra games, then runs the units it is
 * sent and reports each episode and each finished unit. Started with `execArgv: ["--import", "tsx"]`.
 */
import { parentPort, workerData } from "node:worker_threads";
import type { CollectConfig, WorkUnit } from "./manifest.js";
import { runUnit } from "./unit.js";

/** Messages from the main thread. */
export type ToWorker = { type: "unit"; unit: WorkUnit; config: CollectConfig; dir: string };
/** Messages to the main thread. */
export type FromWorker =
  | { type: "ready" }
  | { type: "episode"; game: string; skill: string; ret: number; steps: number }
  | { type: "done"; entry: ReturnType<typeof runUnit>; unit: WorkUnit }
  | { type: "error"; message: string; unit: WorkUnit };

const port = parentPort;
if (port) {
  const modules: string[] = (workerData as { modules?: string[] } | undefined)?.modules ?? [];
  for (const m of modules) await import(m);
  port.on("message", (msg: ToWorker) => {
    if (msg.type !== "unit") return;
    const { unit } = msg;
    try {
      const entry = runUnit(unit, msg.config, msg.dir, (ret, steps) =>
        port.postMessage({
          type: "episode",
          game: unit.game,
          skill: unit.skill,
          ret,
          steps,
        } satisfies FromWorker),
      );
      port.postMessage({ type: "done", entry, unit } satisfies FromWorker);
    } catch (e) {
      port.postMessage({
        type: "error",
        message: String((e as Error).message ?? e),
        unit,
      } satisfies FromWorker);
    }
  });
  port.postMessage({ type: "ready" } satisfies FromWorker);
}
