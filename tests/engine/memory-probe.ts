/** Child process of the memory pitfall test (needs --expose-gc): eager leak vs flat jit'ed training. */
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
const gc = (globalThis as { gc?: () => void }).gc!;
const mb = (x: number) => Math.round((x / 1e6) * 10) / 10;

// Eager: softmax of a division, 200 gradient calls on 256x256.
const x = np.ones([256, 256]);
gc();
const e0 = process.memoryUsage().rss;
for (let i = 0; i < 200; i++) {
  const [v, g] = valueAndGrad((a: np.Array) => jnn.softmax(a.ref.div(a.add(1)), -1).sum())(x.ref);
  await v.data();
  g.dispose();
}
gc();
const eagerRssMB = mb(process.memoryUsage().rss - e0);

// Jit: 1,000 train steps of an MLP on batch 64.
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
for (let i = 0; i < 50; i++)
  lossFirst = i === 0 ? (await tr.step(batch())).loss : (await tr.step(batch())).loss;
gc();
const j0 = process.memoryUsage();
let lossLast = 0;
for (let i = 0; i < 1000; i++) lossLast = (await tr.step(batch())).loss;
gc();
const j1 = process.memoryUsage();
console.log(
  JSON.stringify({
    eagerRssMB,
    jitRssMB: mb(j1.rss - j0.rss),
    jitHeapMB: mb(j1.heapUsed - j0.heapUsed),
    lossFirst,
    lossLast,
  }),
);
process.exit(0);
