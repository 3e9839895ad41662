/**
 * Example: train a small MLP classifier on synthetic blobs with the sltk engine, then predict.
 * Run: node --import tsx examples/train-mlp.ts
 */
import {
  accuracyFromLogits,
  adam,
  fit,
  type MlpParams,
  mlp,
  Predictor,
  softmaxCrossEntropy,
  Trainer,
} from "../src/engine/index.js";
import { Rng } from "../src/util/rng.js";

const rng = new Rng(0);
const n = 1024;
const d = 10;
const k = 3;
const centres = Array.from({ length: k }, () => Array.from({ length: d }, () => rng.normal() * 2));
const x = new Float32Array(n * d);
const y = new Int32Array(n);
for (let i = 0; i < n; i++) {
  y[i] = rng.int(k);
  for (let j = 0; j < d; j++) x[i * d + j] = centres[y[i]][j] + rng.normal();
}

const trainer = new Trainer({
  params: mlp.init(rng.fork("init"), [d, 32, k]),
  optimizer: adam(),
  lr: 3e-3,
  loss: (p: MlpParams, b) => {
    const logits = mlp.apply(p, b.x, { activation: "smelu:1" });
    return {
      loss: softmaxCrossEntropy(logits.ref, b.y.ref),
      metrics: { acc: accuracyFromLogits(logits, b.y) },
    };
  },
});

const result = await fit(trainer, {
  data: {
    size: n,
    batch: (idx) => ({
      x: {
        shape: [idx.length, d],
        data: Float32Array.from(
          { length: idx.length * d },
          (_, i) => x[idx[Math.floor(i / d)] * d + (i % d)],
        ),
      },
      y: { shape: [idx.length], data: Int32Array.from(idx, (j) => y[j]) },
    }),
  },
  batchSize: 64,
  epochs: 5,
  seed: 1,
});
const predictor = new Predictor(
  (p: MlpParams, _s, inp) => ({ logits: mlp.apply(p, inp.x, { activation: "smelu:1" }) }),
  256,
);
const out = await predictor.run(trainer.params, trainer.state, { x: { shape: [n, d], data: x } });
let correct = 0;
for (let i = 0; i < n; i++) {
  const row = out.logits.data.subarray(i * k, i * k + k);
  if (row.indexOf(Math.max(...row)) === y[i]) correct++;
}
console.log(
  `trained ${result.steps} steps in ${result.seconds.toFixed(1)} s; accuracy ${(correct / n).toFixed(3)}`,
);
