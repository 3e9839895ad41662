/**
 * Regression tests for the jax-js 0.1.25 pitfalls the engine works around (ARCHITECTURE.md, engine-facts.md §10).
 * Each asserts today's behaviour, so that an upgrade that fixes or breaks one is seen at once.
 */
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { test } from "node:test";
import { grad, initEngine, jit, np } from "../../src/engine/index.js";
import { vals } from "./helpers.js";

await initEngine();

test("pitfall 1: under jit, the gradient of take feeding reshape/matmul fails (engine uses one-hot embeddings)", () => {
  const f = jit((t: np.Array, ids: np.Array) =>
    grad((tt: np.Array) => np.matmul(np.take(tt, ids.ref, 0).reshape([2, 3]), np.ones([3, 1])).sum())(t),
  );
  assert.throws(() => f(np.ones([4, 3]), np.array(new Int32Array([0, 2]))), /scatter/);
});

test("pitfall 2: a nested grad with the outer variable passed positionally returns zero (use closures)", async () => {
  const ids = np.array(new Int32Array([0, 1, 1]));
  const segClosure = (data: np.Array) =>
    grad((z: np.Array) => np.take(z, ids.ref, 0).mul(data.ref).sum())(np.zeros([2]));
  const segPositional = (data: np.Array) =>
    grad((z: np.Array, d: np.Array) => np.take(z, ids.ref, 0).mul(d).sum())(np.zeros([2]), data);
  const w = np.array([1, 2]);
  assert.deepEqual(
    await vals(grad((x: np.Array) => segClosure(x).mul(w.ref).sum())(np.ones([3]))),
    [1, 2, 2],
  );
  assert.deepEqual(
    await vals(grad((x: np.Array) => segPositional(x).mul(w.ref).sum())(np.ones([3]))),
    [0, 0, 0],
  );
});

test("pitfall 3: eager gradients leak device buffers; jit'ed train steps hold their count over 1,000 steps", () => {
  // Counted exactly in a child process that wraps the WASM backend's buffer bookkeeping (tests/engine/memory-probe.ts).
  const r = spawnSync(process.execPath, ["--import", "tsx", "tests/engine/memory-probe.ts"], {
    encoding: "utf8",
  });
  assert.equal(r.status, 0, r.stderr);
  const m = JSON.parse(r.stdout.trim().split("\n").pop()!);
  assert.ok(
    m.eagerLeakedBuffers > 100,
    `eager leak no longer seen (${m.eagerLeakedBuffers} buffers over 200 calls): revisit the always-jit rule`,
  );
  assert.equal(m.jitLeakedBuffers, 0, `jit'ed steps leaked ${m.jitLeakedBuffers} buffers over 1,000 steps`);
  assert.ok(m.lossLast < m.lossFirst, "the probe's model trained");
});

test("pitfall 4: einsum fails on Node 20 (attention is written with matmul)", {
  skip: Number(process.versions.node.split(".")[0]) >= 22,
}, () => {
  assert.throws(() => np.einsum("ij,jk->ik", np.ones([2, 2]), np.ones([2, 2])), /map is not a function/);
});
