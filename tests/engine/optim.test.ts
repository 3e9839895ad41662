import assert from "node:assert/strict";
import { test } from "node:test";
import {
  adam,
  adamw,
  clipByGlobalNorm,
  constantSchedule,
  fromHost,
  initEngine,
  jit,
  lamb,
  np,
  piecewiseSchedule,
  sgd,
  type Tree,
  warmupCosine,
  warmupLinear,
} from "../../src/engine/index.js";
import { close, vals } from "./helpers.js";

await initEngine();

function runUpdate(opt: ReturnType<typeof adam>, params: Tree, grads: Tree, lr: number, steps = 1) {
  let state = opt.init(params);
  let p = params;
  const f = jit((pp: Tree, gg: Tree, ss: Tree, l: np.Array, t: np.Array): any => {
    const u = opt.update(gg, ss, pp, { lr: l, step: t });
    return [u.params, u.state];
  });
  for (let t = 1; t <= steps; t++) {
    const g = grads as { w: np.Array; b: np.Array };
    const [np2, ns] = f(p, { w: g.w.ref, b: g.b.ref }, state, np.array(lr), np.array(t)) as [Tree, Tree];
    p = np2;
    state = ns;
  }
  return p as { w: np.Array; b: np.Array };
}

test("Adam's first step moves each weight by lr against the gradient sign", async () => {
  const p = runUpdate(
    adam(),
    { w: fromHost([1, 2], [1, 2]), b: fromHost([0], [1]) },
    { w: fromHost([0.5, -3], [1, 2]), b: fromHost([0], [1]) },
    0.1,
  );
  close(await vals(p.w), [0.9, 2.1], 1e-5);
  close(await vals(p.b), [0], 1e-7);
});

test("Adam two steps match the closed form", async () => {
  const g = 0.5;
  const p = runUpdate(
    adam(),
    { w: fromHost([1], [1, 1]), b: fromHost([0], [1]) },
    { w: fromHost([g], [1, 1]), b: fromHost([0], [1]) },
    0.01,
    2,
  );
  // constant gradient: m_hat = g, v_hat = g^2 at every step -> each step moves lr * g / (|g| + eps)
  close(await vals(p.w), [1 - 2 * 0.01 * (g / (g + 1e-8))], 1e-6);
});

test("AdamW decays matrices but not vectors (default mask)", async () => {
  const p = runUpdate(
    adamw({ weightDecay: 0.5 }),
    { w: fromHost([2], [1, 1]), b: fromHost([2], [1]) },
    { w: fromHost([0], [1, 1]), b: fromHost([0], [1]) },
    0.1,
  );
  close(await vals(p.w), [2 - 0.1 * 0.5 * 2], 1e-6);
  close(await vals(p.b), [2], 1e-7);
});

test("SGD with momentum accumulates velocity", async () => {
  const p = runUpdate(
    sgd({ momentum: 0.9 }) as never,
    { w: fromHost([0], [1, 1]), b: fromHost([0], [1]) },
    { w: fromHost([1], [1, 1]), b: fromHost([0], [1]) },
    0.1,
    2,
  );
  // v1 = 1, w1 = -0.1; v2 = 1.9, w2 = -0.29
  close(await vals(p.w), [-0.29], 1e-6);
});

test("LAMB scales the step by the trust ratio ||w|| / ||update||", async () => {
  const p = runUpdate(
    lamb(),
    { w: fromHost([3, 4], [1, 2]), b: fromHost([0], [1]) },
    { w: fromHost([1, 1], [1, 2]), b: fromHost([0], [1]) },
    0.1,
  );
  // Adam direction (1, 1) (norm sqrt 2), ||w|| = 5 -> step 0.1 * 5 / sqrt(2) per coordinate
  const s = (0.1 * 5) / Math.SQRT2;
  close(await vals(p.w), [3 - s, 4 - s], 1e-4);
  // b: zero weight norm -> ratio 1, zero gradient -> no move
  close(await vals(p.b), [0], 1e-6);
});

test("global-norm clipping scales all gradients together", async () => {
  const { grads, norm } = clipByGlobalNorm({ a: fromHost([3, 0], [2]), b: fromHost([4], [1]) }, 1);
  close(await vals(norm), [5], 1e-6);
  const g = grads as { a: np.Array; b: np.Array };
  close(await vals(g.a), [0.6, 0], 1e-5);
  close(await vals(g.b), [0.8], 1e-5);
  const small = clipByGlobalNorm({ a: fromHost([0.3], [1]) }, 1);
  close(await vals((small.grads as { a: np.Array }).a), [0.3], 1e-6);
});

test("schedules: warm-up then cosine/linear decay, staircase", () => {
  const c = warmupCosine(1, 10, 110);
  close([c(0), c(4), c(9), c(10), c(60), c(110), c(500)], [0.1, 0.5, 1, 1, 0.5, 0, 0], 1e-9);
  const l = warmupLinear(2, 0, 100, 0.5);
  close([l(0), l(50), l(100)], [2, 1.5, 1], 1e-9);
  const s = piecewiseSchedule(1, [10, 20], 0.1);
  close([s(9), s(10), s(25)], [1, 0.1, 0.01], 1e-12);
  assert.equal(constantSchedule(3)(99), 3);
});
