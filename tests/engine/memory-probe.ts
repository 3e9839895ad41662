/**
 * Child process of the memory pitfall test: counts live device buffers of jax-js's WASM backend (by wrapping its
 * malloc/incRef/decRef) during eager gradient calls and during 1,000 jit'ed train steps. Exact and independent of
 * machine load, unlike RSS. Prints one JSON line.
 */
import { readdirSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { pathToFileURL } from "node:url";
import {
  adam,
  initEngine,
  jnn,
  type MlpParams,
  mlp,
  np,
  softmaxCrossEntropy,
  Trainer,
  valueAndGrad,
} from "../../src/engine/index.js";
import { Rng } from "../../src/util/rng.js";

await initEngine();

// The backend module is internal to jax-js (a hashed chunk next to its entry point); find getBackend by name.
const dist = dirname(createRequire(import.meta.url).resolve("@jax-js/jax"));
const chunk = readdirSync(dist).find((f) => /^backend-.*\.js$/.test(f));
if (!chunk) throw new Error("jax-js backend chunk not found");
const mod = (await import(pathToFileURL(join(dist, chunk)).href)) as Record<string, unknown>;
const getBackend = Object.values(mod).find((v) => typeof v === "function" && v.name === "getBackend") as (
  d: string,
) => Record<string, (...a: unknown[]) => unknown>;
const backend = getBackend("wasm");
const refs = new Map<number, number>();
const wrap = (name: string, fn: (slot: number, r: unknown) => void) => {
  const orig = backend[name].bind(backend);
  backend[name] = (...args: unknown[]) => {
    const r = orig(...args);
    fn(args[0] as number, r);
    return r;
  };
};
wrap("malloc", (_size, slot) => refs.set(slot as number, 1));
wrap("incRef", (slot) => refs.set(slot, (refs.get(slot) ?? 1) + 1));
wrap("decRef", (slot) => {
  const r = (refs.get(slot) ?? 1) - 1;
  if (r <= 0) refs.delete(slot);
  else refs.set(slot, r);
});
const live = () => refs.size;

// Eager: 200 gradient calls of a softmax over a division.
const x = np.ones([64, 64]);
await x.ref.data();
const e0 = live();
for (let i = 0; i < 200; i++) {
  const [v, g] = valueAndGrad((a: np.Array) => jnn.softmax(a.ref.div(a.add(1)), -1).sum())(x.ref);
  await v.data();
  g.dispose();
}
const eagerLeakedBuffers = live() - e0;

// Jit: 1,000 train steps of an MLP on batch 64, after 50 warm-up steps.
const rng = new Rng(0);
const tr = new Trainer({
  params: mlp.init(rng, [32, 64, 4]),
  optimizer: adam(),
  lr: 1e-3,
  loss: (p: MlpParams, b) => softmaxCrossEntropy(mlp.apply(p, b.x), b.y),
});
const bx = new Float32Array(64 * 32).map(() => rng.normal());
const by = new Int32Array(64).map((_, i) => i % 4);
const batch = () => ({ x: { shape: [64, 32], data: bx }, y: { shape: [64], data: by } });
let lossFirst = 0;
for (let i = 0; i < 50; i++) {
  const r = await tr.step(batch());
  if (i === 0) lossFirst = r.loss;
}
const j0 = live();
let lossLast = 0;
for (let i = 0; i < 1000; i++) lossLast = (await tr.step(batch())).loss;
const jitLeakedBuffers = live() - j0;
console.log(
  JSON.stringify({ eagerLeakedBuffers, jitLeakedBuffers, liveAfterJit: live(), lossFirst, lossLast }),
);
process.exit(0);
