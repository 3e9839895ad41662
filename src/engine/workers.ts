/**
 * A Web Worker shim over node:worker_threads, so that jax-js's WASM backend can run its kernels on several
 * threads in Node 20 (which has no global `Worker`). jax-js creates its workers from `blob:` URLs; the shim keeps
 * the Blob of every object URL and ships its source to a small bootstrap that emulates the worker globals.
 */
import { Worker as NodeWorker } from "node:worker_threads";

const BOOT = `
const { parentPort } = require("node:worker_threads");
globalThis.self = globalThis;
globalThis.postMessage = (m) => parentPort.postMessage(m);
let ready = false;
const queue = [];
parentPort.on("message", (m) => {
  if (!ready) {
    if (m && typeof m.__sltkWorkerSource === "string") {
      (0, eval)(m.__sltkWorkerSource);
      ready = true;
      for (const q of queue) self.onmessage({ data: q });
      queue.length = 0;
    } else queue.push(m);
    return;
  }
  self.onmessage({ data: m });
});`;

const blobs = new Map<string, Blob>();
const live = new Set<NodeWorker>();
let installed = false;

/** A minimal `Worker` with the browser's `onmessage`/`onerror`/`postMessage` surface. */
class ShimWorker {
  onmessage: ((e: { data: unknown }) => void) | null = null;
  onerror: ((e: { message: string }) => void) | null = null;
  private readonly worker: NodeWorker;

  constructor(url: string | URL) {
    const blob = blobs.get(String(url));
    if (!blob) throw new Error(`sltk worker shim: unknown worker URL ${String(url)}`);
    this.worker = new NodeWorker(BOOT, { eval: true });
    live.add(this.worker);
    this.worker.unref();
    this.worker.on("message", (data) => this.onmessage?.({ data }));
    this.worker.on("error", (e) => this.onerror?.({ message: String(e) }));
    void blob.text().then((src) => this.worker.postMessage({ __sltkWorkerSource: src }));
  }

  postMessage(message: unknown): void {
    this.worker.postMessage(message);
  }

  terminate(): Promise<number> {
    live.delete(this.worker);
    return this.worker.terminate();
  }
}

/** Installs the shim (idempotent) with `threads` workers; returns false where a real `Worker` already exists. */
export function installWorkerShim(threads: number): boolean {
  if (installed) return true;
  if (typeof (globalThis as { Worker?: unknown }).Worker !== "undefined") return false;
  const create = URL.createObjectURL.bind(URL);
  URL.createObjectURL = (obj: Blob) => {
    const url = create(obj);
    blobs.set(url, obj);
    return url;
  };
  (globalThis as { Worker?: unknown }).Worker = ShimWorker;
  // jax-js sizes its pool from navigator.hardwareConcurrency (absent in Node 20).
  const nav = (globalThis as { navigator?: { hardwareConcurrency?: number } }).navigator;
  if (nav === undefined) (globalThis as { navigator?: unknown }).navigator = { hardwareConcurrency: threads };
  else if (nav.hardwareConcurrency !== threads) {
    try {
      Object.defineProperty(nav, "hardwareConcurrency", { value: threads, configurable: true });
    } catch {
      /* keep the platform's value */
    }
  }
  installed = true;
  return true;
}

/** Terminates every shim worker (the process can then exit promptly). */
export async function terminateWorkers(): Promise<void> {
  await Promise.all([...live].map((w) => w.terminate()));
  live.clear();
}
