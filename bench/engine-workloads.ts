/**
 * Engine benchmark workloads, run in a child process (the thread count of jax-js is fixed when it loads):
 * float32 GEMM, an MLP train step and a small causal transformer train step. Prints one JSON line.
 * Usage: SLTK_THREADS=N node --import tsx bench/engine-workloads.ts
 */
import {
  adam,
  causalBias,
  dense,
  embedding,
  engineInfo,
  fromHost,
  initEngine,
  jit,
  layerNorm,
  type MlpParams,
  mlp,
  np,
  softmaxCrossEntropy,
  Trainer,
  transformerBlock,
  weightInit,
} from "../src/engine/index.js";
import { Rng } from "../src/util/rng.js";

await initEngine();

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[s.length >> 1];
}

async function gemm(n: number, reps: number): Promise<{ n: number; ms: number; gflops: number }> {
  const rng = new Rng(n);
  const a = fromHost(
    new Float32Array(n * n).map(() => rng.normal()),
    [n, n],
  );
  const b = fromHost(
    new Float32Array(n * n).map(() => rng.normal()),
    [n, n],
  );
  const mm = jit((x: np.Array, y: np.Array) => np.matmul(x, y));
  const times: number[] = [];
  for (let i = 0; i < reps + 3; i++) {
    const t0 = performance.now();
    await mm(a.ref, b.ref).data();
    if (i >= 3) times.push(performance.now() - t0);
  }
  const ms = median(times);
  return { n, ms, gflops: (2 * n ** 3) / ms / 1e6 };
}

async function timeSteps(step: () => Promise<number>, warmup: number, reps: number) {
  const t0 = performance.now();
  const firstLoss = await step();
  const firstMs = performance.now() - t0;
  for (let i = 1; i < warmup; i++) await step();
  const times: number[] = [];
  let lastLoss = firstLoss;
  for (let i = 0; i < reps; i++) {
    const t = performance.now();
    lastLoss = await step();
    times.push(performance.now() - t);
  }
  return { msPerStep: median(times), firstStepMs: firstMs, firstLoss, lastLoss, steps: warmup + reps };
}

async function mlpStep() {
  const rng = new Rng(1);
  const tr = new Trainer({
    params: mlp.init(rng, [784, 256, 256, 10], { init: "he" }),
    optimizer: adam(),
    lr: 1e-3,
    loss: (p: MlpParams, b) => softmaxCrossEntropy(mlp.apply(p, b.x, { activation: "relu" }), b.y),
  });
  const x = new Float32Array(256 * 784).map(() => rng.next());
  const y = new Int32Array(256).map(() => rng.int(10));
  const batch = { x: { shape: [256, 784], data: x }, y: { shape: [256], data: y } };
  return timeSteps(async () => (await tr.step(batch)).loss, 10, 40);
}

async function transformerStep() {
  const V = 64;
  const D = 128;
  const H = 4;
  const T = 128;
  const B = 16;
  const rng = new Rng(2);
  const params = {
    tok: embedding.init(rng.fork("tok"), V, D),
    pos: weightInit(rng.fork("pos"), [T, D], { truncatedStd: 0.02 }),
    blocks: [0, 1].map((i) => transformerBlock.init(rng.fork(`b${i}`), D, H)),
    lnf: layerNorm.init(D),
    head: dense.init(rng.fork("head"), D, V, { bias: false }),
  };
  const bias = causalBias(T);
  const tr = new Trainer({
    params,
    optimizer: adam(),
    lr: 1e-3,
    loss: (p: typeof params, b) => {
      let h = embedding.apply(p.tok, b.x).add(p.pos.ref);
      for (const blk of p.blocks) h = transformerBlock.apply(blk, h, { heads: H, bias }).h;
      const logits = dense.apply(p.head, layerNorm.apply(p.lnf, h));
      return softmaxCrossEntropy(logits.reshape([B * T, V]), b.y.reshape([B * T]));
    },
  });
  const x = new Int32Array(B * T).map(() => rng.int(V));
  const y = new Int32Array(B * T).map(() => rng.int(V));
  const batch = { x: { shape: [B, T], data: x }, y: { shape: [B, T], data: y } };
  return timeSteps(async () => (await tr.step(batch)).loss, 3, 12);
}

const result = {
  engine: engineInfo(),
  gemm: [await gemm(512, 20), await gemm(1024, 6)],
  mlp: await mlpStep(),
  transformer: await transformerStep(),
  rssMB: Math.round(process.memoryUsage().rss / 1e6),
};
console.log(JSON.stringify(result));
process.exit(0);
