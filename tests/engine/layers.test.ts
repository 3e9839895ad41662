import assert from "node:assert/strict";
import { test } from "node:test";
import {
  attention,
  blockCausalAllowed,
  causalBias,
  conv2d,
  dense,
  embedding,
  fromHost,
  gru,
  initEngine,
  jit,
  layerNorm,
  maskBias,
  maxPool2d,
  mlp,
  np,
  toHost,
} from "../../src/engine/index.js";
import { Rng } from "../../src/util/rng.js";
import { close, vals } from "./helpers.js";

await initEngine();

test("dense computes x w + b over any leading shape", async () => {
  const p = { w: fromHost([1, 2, 3, 4, 5, 6], [2, 3]), b: fromHost([0.5, 0, -1], [3]) };
  const x = fromHost([1, 1, 2, 0, 0, 1, 1, 0], [2, 2, 2]);
  const y = dense.apply(p, x);
  assert.deepEqual(y.shape, [2, 2, 3]);
  close(await vals(y), [5.5, 7, 8, 2.5, 4, 5, 4.5, 5, 5, 1.5, 2, 2]);
});

test("mlp init shapes, parameter forks and a forward pass", async () => {
  const p = mlp.init(new Rng(1), [4, 8, 3]);
  assert.deepEqual(
    p.layers.map((l) => l.w.shape),
    [
      [4, 8],
      [8, 3],
    ],
  );
  const y = mlp.apply(p, np.ones([5, 4]), { activation: "smelu:1" });
  assert.deepEqual(y.shape, [5, 3]);
  const same = mlp.init(new Rng(1), [4, 8, 3]);
  close(await vals(same.layers[0].w), await vals(p.layers[0].w), 0);
});

test("layer norm normalises the last axis", async () => {
  const y = layerNorm.apply(layerNorm.init(4), fromHost([1, 2, 3, 4, 10, 10, 10, 14], [2, 4]));
  const v = await vals(y);
  // row 1: mean 2.5, var 1.25
  close(
    v.slice(0, 4),
    [-1.5, -0.5, 0.5, 1.5].map((d) => d / Math.sqrt(1.25 + 1e-5)),
    1e-5,
  );
  close(v.slice(4), [-0.57735, -0.57735, -0.57735, 1.73205], 1e-4);
});

test("embedding (one-hot matmul) returns table rows", async () => {
  const p = { table: fromHost([0, 1, 10, 11, 20, 21], [3, 2]) };
  const y = embedding.apply(p, fromHost(new Int32Array([2, 0, 1, 2]), [2, 2]));
  assert.deepEqual(y.shape, [2, 2, 2]);
  close(await vals(y), [20, 21, 0, 1, 10, 11, 20, 21]);
});

test("causal attention: a token's output does not depend on later tokens", async () => {
  const rng = new Rng(2);
  const p = attention.init(rng, 8, 2);
  const f = jit((x: np.Array) => attention.apply(p, x, 2, { bias: causalBias(5) }).y);
  const a = new Float32Array(40).map(() => rng.normal());
  const b = a.slice();
  for (let i = 3 * 8; i < 40; i++) b[i] += 5; // change tokens 3 and 4
  const ya = await toHost(f(fromHost(a, [1, 5, 8])));
  const yb = await toHost(f(fromHost(b, [1, 5, 8])));
  close(ya.subarray(0, 24), yb.subarray(0, 24), 1e-6, "tokens 0..2");
  assert.ok(Math.abs(ya[30] - yb[30]) > 1e-3, "token 3 changes");
});

test("block-causal mask: frame-mates see each other, nobody sees the future", () => {
  const allowed = blockCausalAllowed([0, 0, 0, -1, 1, 1, -1]);
  assert.equal(allowed(0, 2), true); // patch 0 sees patch 2 of its own frame
  assert.equal(allowed(0, 3), false); // not the next token
  assert.equal(allowed(3, 1), true);
  assert.equal(allowed(4, 5), true);
  assert.equal(allowed(4, 6), false);
  assert.equal(allowed(5, 3), true);
  assert.deepEqual(maskBias(2, (i, j) => j <= i).shape, [2, 2]);
});

test("attention weights are returned, sum to one and respect the mask", async () => {
  const p = attention.init(new Rng(3), 4, 1);
  const { weights } = attention.apply(p, np.ones([1, 3, 4]), 1, { bias: causalBias(3), returnWeights: true });
  const w = await vals(weights!);
  close([w[0] + w[1] + w[2], w[3] + w[4] + w[5], w[6] + w[7] + w[8]], [1, 1, 1], 1e-6);
  close([w[1], w[2], w[5]], [0, 0, 0], 1e-6);
});

function gruReference(p: Record<string, Float32Array>, x: number[], h: number[], H: number): number[] {
  const D = x.length;
  const gi = new Array(3 * H).fill(0);
  const gh = new Array(3 * H).fill(0);
  for (let j = 0; j < 3 * H; j++) {
    gi[j] = p.bi[j];
    gh[j] = p.bh[j];
    for (let i = 0; i < D; i++) gi[j] += x[i] * p.wi[i * 3 * H + j];
    for (let i = 0; i < H; i++) gh[j] += h[i] * p.wh[i * 3 * H + j];
  }
  const sig = (v: number) => 1 / (1 + Math.exp(-v));
  return h.map((hv, k) => {
    const r = sig(gi[k] + gh[k]);
    const z = sig(gi[H + k] + gh[H + k]);
    const n = Math.tanh(gi[2 * H + k] + r * gh[2 * H + k]);
    return (1 - z) * n + z * hv;
  });
}

test("GRU step and sequence match a plain reference (PyTorch gate order r, z, n)", async () => {
  const H = 3;
  const p = gru.init(new Rng(4), 2, H);
  const host: Record<string, Float32Array> = {};
  for (const k of ["wi", "wh", "bi", "bh"] as const) host[k] = await toHost(p[k].ref);
  const xs = [
    [0.5, -1],
    [1, 0.25],
    [-0.3, 0.7],
  ];
  let h = [0.1, -0.2, 0.3];
  const expected: number[] = [];
  for (const x of xs) {
    h = gruReference(host, x, h, H);
    expected.push(...h);
  }
  const seq = gru.sequence(p, fromHost(xs.flat(), [1, 3, 2]), fromHost([0.1, -0.2, 0.3], [1, H]));
  close(await vals(seq), expected, 1e-5);
  const one = gru.step(p, fromHost(xs[0], [1, 2]), fromHost([0.1, -0.2, 0.3], [1, H]));
  close(await vals(one), expected.slice(0, 3), 1e-5);
});

test("conv2d (SAME) matches a direct convolution, and max pooling", async () => {
  const rng = new Rng(5);
  const x = new Float32Array(1 * 2 * 4 * 4).map(() => rng.normal());
  const w = new Float32Array(3 * 2 * 3 * 3).map(() => rng.normal());
  const y = await vals(conv2d.apply({ w: fromHost(w, [3, 2, 3, 3]) }, fromHost(x, [1, 2, 4, 4])));
  const ref: number[] = [];
  for (let o = 0; o < 3; o++)
    for (let i = 0; i < 4; i++)
      for (let j = 0; j < 4; j++) {
        let s = 0;
        for (let c = 0; c < 2; c++)
          for (let a = 0; a < 3; a++)
            for (let b = 0; b < 3; b++) {
              const ii = i + a - 1;
              const jj = j + b - 1;
              if (ii < 0 || jj < 0 || ii > 3 || jj > 3) continue;
              s += x[c * 16 + ii * 4 + jj] * w[((o * 2 + c) * 3 + a) * 3 + b];
            }
        ref.push(s);
      }
  close(y, ref, 1e-4);
  const m = await vals(
    maxPool2d(fromHost([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16], [1, 1, 4, 4]), 2),
  );
  assert.deepEqual(m, [6, 8, 14, 16]);
});
