/**
 * Decides the engine's thread count before jax-js loads: jax-js builds its WASM backend (shared memory and a
 * worker pool, or neither) when its module is first evaluated, so the Worker shim must be installed earlier.
 * Import this module before `@jax-js/jax` (tensor.ts does). Threads come from `SLTK_THREADS` (default 1).
 */
import { installWorkerShim } from "./workers.js";

/** Threads requested through SLTK_THREADS when the engine was first imported. */
export const requestedThreads = Math.max(1, Math.floor(Number(process.env.SLTK_THREADS ?? 1)) || 1);

/** Whether the worker shim is active (threads > 1 and no native Worker). */
export const threadsActive = requestedThreads > 1 && installWorkerShim(requestedThreads);
