import assert from "node:assert/strict";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { test } from "node:test";
import {
  accuracyFromLogits,
  adam,
  causalBias,
  dense,
  embedding,
  fit,
  initEngine,
  layerNorm,
  type MlpParams,
  mlp,
  Predictor,
  softmaxCrossEntropy,
  Trainer,
  toHost,
  transformerBlock,
  warmupCosine,
  weightInit,
} from "../../src/engine/index.js";
import { Rng } from "../../src/util/rng.js";

await initEngine();

function blobs(seed: number, n = 512, d = 8, k = 3) {
  const rng = new Rng(seed);
  const centres = Array.from({ length: k }, () => Array.from({ length: d }, () => rng.normal() * 2));
  const x = new Float32Array(n * d);
  const y = new Int32Array(n);
  for (let i = 0; i < n; i++) {
    y[i] = rng.int(k);
    for (let j = 0; j < d; j++) x[i * d + j] = centres[y[i]][j] + rng.normal();
  }
  return {
    x,
    y,
    d,
    k,
    data: {
      size: n,
      batch(idx: Int32Array) {
        const bx = new Float32Array(idx.length * d);
        const by = new Int32Array(idx.length);
        idx.forEach((j, r) => {
          bx.set(x.subarray(j * d, j * d + d), r * d);
          by[r] = y[j];
        });
        return { x: { shape: [idx.length, d], data: bx }, y: { shape: [idx.length], data: by } };
      },
    },
  };
}

function mlpTrainer(seed: number, d: number, k: number, dropout = 0.1) {
  return new Trainer({
    params: mlp.init(new Rng(seed), [d, 32, k]),
    optimizer: adam(),
    lr: 3e-3,
    seed,
    clipNorm: 10,
    loss: (p: MlpParams, b, ctx) => {
      const logits = mlp.apply(p, b.x, { dropout, keys: ctx.keys });
      return {
        loss: softmaxCrossEntropy(logits.ref, b.y.ref),
        metrics: { acc: accuracyFromLogits(logits, b.y) },
      };
    },
  });
}

test("an MLP trains to a falling loss and high accuracy; same seed gives identical losses", async () => {
  const ds = blobs(1);
  const losses: number[][] = [];
  for (let run = 0; run < 2; run++) {
    const tr = mlpTrainer(7, ds.d, ds.k);
    const l: number[] = [];
    await fit(tr, {
      data: ds.data,
      batchSize: 32,
      epochs: 4,
      seed: 3,
      progress: false,
      onStep: (r) => l.push(r.loss),
    });
    losses.push(l);
    tr.dispose();
  }
  assert.deepEqual(losses[0], losses[1]);
  const first = losses[0].slice(0, 8).reduce((a, b) => a + b) / 8;
  const last = losses[0].slice(-8).reduce((a, b) => a + b) / 8;
  assert.ok(last < first * 0.5, `loss ${first} -> ${last}`);
});

test("a killed run resumes from its checkpoint to the same weights as an uninterrupted run", async () => {
  const ds = blobs(2);
  const dir = mkdtempSync(join(tmpdir(), "sltk-fit-"));
  const full = mlpTrainer(5, ds.d, ds.k);
  await fit(full, { data: ds.data, batchSize: 32, steps: 40, seed: 9, progress: false });
  const a = mlpTrainer(5, ds.d, ds.k);
  await fit(a, {
    data: ds.data,
    batchSize: 32,
    steps: 24,
    seed: 9,
    progress: false,
    checkpointDir: dir,
    checkpointEvery: 8,
  });
  a.dispose(); // "killed" after step 24
  const b = mlpTrainer(5, ds.d, ds.k);
  const res = await fit(b, {
    data: ds.data,
    batchSize: 32,
    steps: 40,
    seed: 9,
    progress: false,
    checkpointDir: dir,
    checkpointEvery: 8,
  });
  assert.equal(res.resumedFromStep, 24);
  assert.equal(b.stepCount, 40);
  const wa = await toHost(full.params.layers[1].w.ref);
  const wb = await toHost(b.params.layers[1].w.ref);
  assert.deepEqual(Array.from(wb), Array.from(wa));
});

test("early stopping keeps the best evaluation and restores its weights", async () => {
  const ds = blobs(3, 256);
  const tr = mlpTrainer(1, ds.d, ds.k, 0);
  const pred = new Predictor((p: MlpParams, _s, inp) => ({ logits: mlp.apply(p, inp.x) }), 64);
  let evals = 0;
  const scripted = [0.5, 0.7, 0.6, 0.65, 0.66, 0.9];
  const res = await fit(tr, {
    data: ds.data,
    batchSize: 32,
    epochs: 6,
    seed: 1,
    progress: false,
    evaluate: async () => ({ score: scripted[evals++] }),
    monitor: { metric: "score", mode: "max", patience: 3 },
  });
  assert.equal(res.stoppedEarly, true);
  assert.equal(res.best?.value, 0.7);
  assert.equal(res.history.length, 5);
  // The restored weights are those of step 16 (end of epoch 2): predictions are finite and the predictor pads.
  const out = await pred.run(tr.params, tr.state, {
    x: { shape: [70, ds.d], data: ds.x.subarray(0, 70 * ds.d) },
  });
  assert.deepEqual(out.logits.shape, [70, ds.k]);
  assert.ok(out.logits.data.every(Number.isFinite));
});

test("a small causal transformer learns to copy the previous token", async () => {
  const V = 8;
  const T = 12;
  const D = 32;
  const B = 16;
  const rng = new Rng(11);
  const params = {
    tok: embedding.init(rng.fork("tok"), V, D),
    pos: weightInit(rng.fork("pos"), [T, D], { truncatedStd: 0.02 }),
    block: transformerBlock.init(rng.fork("b"), D, 2),
    lnf: layerNorm.init(D),
    head: dense.init(rng.fork("head"), D, V),
  };
  const bias = causalBias(T);
  const tr = new Trainer({
    params,
    optimizer: adam(),
    lr: warmupCosine(3e-3, 20, 300),
    loss: (p: typeof params, b) => {
      let h = embedding.apply(p.tok, b.x).add(p.pos.ref);
      h = transformerBlock.apply(p.block, h, { heads: 2, bias }).h;
      const logits = dense.apply(p.head, layerNorm.apply(p.lnf, h));
      return softmaxCrossEntropy(logits.reshape([B * T, V]), b.y.reshape([B * T]));
    },
  });
  const losses: number[] = [];
  const data = new Rng(12);
  for (let s = 0; s < 150; s++) {
    const x = new Int32Array(B * T).map(() => data.int(V));
    const y = new Int32Array(B * T);
    for (let i = 0; i < B; i++) for (let t = 0; t < T; t++) y[i * T + t] = t === 0 ? 0 : x[i * T + t - 1];
    losses.push((await tr.step({ x: { shape: [B, T], data: x }, y: { shape: [B, T], data: y } })).loss);
  }
  const last = losses.slice(-10).reduce((a, b) => a + b) / 10;
  assert.ok(losses[0] > 1.8, `initial loss ${losses[0]}`);
  assert.ok(last < 0.5, `final loss ${last}`);
});
