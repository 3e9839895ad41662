/**
 * Engine setup: the jax-js WASM device, its thread count and float32 defaults. Every engine entry point calls
 * {@link initEngine} first; it is idempotent. Threads: `SLTK_THREADS` (default 1), read when the engine is first
 * imported (see threads.ts). With more than one thread jax-js dispatches kernels to worker threads, and array reads
 * must be asynchronous (`await toHost(x)`), which the engine's own helpers always are.
 */

import { defaultDevice, init } from "@jax-js/jax";
import { requestedThreads, threadsActive } from "./threads.js";
import { terminateWorkers } from "./workers.js";

/** What the engine runs on. */
export interface EngineInfo {
  device: string;
  threads: number;
  jaxVersion: string;
}

let ready: Promise<EngineInfo> | null = null;
let info: EngineInfo | null = null;

/** The pinned jax-js version (kept in step with package.json). */
export const JAX_VERSION = "0.1.25";

/** Initialises the WASM device once. */
export function initEngine(): Promise<EngineInfo> {
  if (ready) return ready;
  ready = (async () => {
    const used = threadsActive ? requestedThreads : 1;
    const devices = await init("wasm");
    if (!devices.includes("wasm")) throw new Error("jax-js: the wasm device did not initialise");
    defaultDevice("wasm");
    info = { device: "wasm", threads: used, jaxVersion: JAX_VERSION };
    return info;
  })();
  return ready;
}

/** The engine's setup, or null before {@link initEngine} resolved. */
export function engineInfo(): EngineInfo | null {
  return info;
}

/** Stops worker threads, if any (call before exiting a long-lived process). */
export async function shutdownEngine(): Promise<void> {
  await terminateWorkers();
}
