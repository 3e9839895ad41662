import assert from "node:assert/strict";
import { test } from "node:test";
import { Rng } from "../../src/util/rng.js";

test("same seed gives the same stream; different seeds differ", () => {
  const a = new Rng(42);
  const b = new Rng(42);
  const c = new Rng(43);
  const xa = Array.from({ length: 5 }, () => a.nextU32());
  const xb = Array.from({ length: 5 }, () => b.nextU32());
  const xc = Array.from({ length: 5 }, () => c.nextU32());
  assert.deepEqual(xa, xb);
  assert.notDeepEqual(xa, xc);
});

test("uniform floats lie in [0,1) with mean near 1/2; normals have mean 0 and variance 1", () => {
  const r = new Rng(1);
  let s = 0;
  let s2 = 0;
  const n = 200_000;
  for (let i = 0; i < n; i++) {
    const u = r.next();
    assert.ok(u >= 0 && u < 1);
    s += u;
  }
  assert.ok(Math.abs(s / n - 0.5) < 0.005);
  s = 0;
  for (let i = 0; i < n; i++) {
    const z = r.normal();
    s += z;
    s2 += z * z;
  }
  assert.ok(Math.abs(s / n) < 0.01);
  assert.ok(Math.abs(s2 / n - 1) < 0.02);
});

test("int is unbiased over a small range and permutation is a permutation", () => {
  const r = new Rng(7);
  const counts = new Array(6).fill(0);
  for (let i = 0; i < 60_000; i++) counts[r.int(6)]++;
  for (const c of counts) assert.ok(Math.abs(c - 10_000) < 400, `count ${c}`);
  const p = Array.from(r.permutation(100)).sort((x, y) => x - y);
  assert.deepEqual(
    p,
    Array.from({ length: 100 }, (_, i) => i),
  );
});

test("fork gives independent, reproducible streams and does not advance the parent", () => {
  const r = new Rng(5);
  const before = r.getState();
  const f1 = r.fork("a").nextU32();
  const f2 = r.fork("a").nextU32();
  const f3 = r.fork("b").nextU32();
  assert.deepEqual(r.getState(), before);
  assert.equal(f1, f2);
  assert.notEqual(f1, f3);
});

test("state round trip resumes the stream", () => {
  const r = new Rng(9);
  r.next();
  const s = r.getState();
  const x = r.next();
  const q = new Rng(0);
  q.setState(s);
  assert.equal(q.next(), x);
});

test("categorical follows the weights", () => {
  const r = new Rng(3);
  const c = [0, 0, 0];
  for (let i = 0; i < 30_000; i++) c[r.categorical([1, 0, 3])]++;
  assert.equal(c[1], 0);
  assert.ok(Math.abs(c[2] / 30_000 - 0.75) < 0.01);
});
