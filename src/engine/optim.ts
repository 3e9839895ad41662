/**
 * Optimisers as pure functions over parameter trees, run inside the jitted train step: SGD (momentum, Nesterov),
 * Adam, AdamW (decoupled weight decay), LAMB (layer-wise trust ratio). Weight decay applies where `decayMask`
 * says (default: tensors of rank >= 2, i.e. not biases or normalisation scales). Global-norm clipping is separate.
 */
import { zerosInit } from "./init.js";
import { type Arr, mapTree, namedLeaves, np, type Tree } from "./tensor.js";

/** Which parameters get weight decay, by dotted name and shape. */
export type DecayMask = (name: string, shape: number[]) => boolean;

/** Default mask: decay matrices and kernels, not vectors (biases, norm scales/offsets). */
export const decayMatrices: DecayMask = (_name, shape) => shape.length >= 2;

/** Scalars the step passes in: learning rate and 1-based step number, as arrays (no recompilation). */
export interface StepHyper {
  lr: Arr;
  step: Arr;
}

/** An optimiser: host-side state creation and a traced update. */
export interface Optimizer {
  name: string;
  /** Optimiser state for `params` (zeros), created on the host. */
  init(params: Tree): Tree;
  /** New parameters and state; consumes its arguments (traced inside jit). */
  update(grads: Tree, state: Tree, params: Tree, hyper: StepHyper): { params: Tree; state: Tree };
}

function zerosLikeTree(params: Tree): Tree {
  return mapTree(params, (a) => zerosInit([...a.shape]));
}

function leafList(t: Tree): Arr[] {
  return namedLeaves(t).map(([, a]) => a);
}

/** Rebuilds a tree of the same structure from a flat list of leaves (in {@link namedLeaves} order). */
function rebuild(like: Tree, leaves: Arr[]): Tree {
  let i = 0;
  return mapTree(like, () => leaves[i++]);
}

/** Stochastic gradient descent with optional momentum, Nesterov and coupled (L2) weight decay. */
export function sgd(
  opts: { momentum?: number; nesterov?: boolean; weightDecay?: number; decayMask?: DecayMask } = {},
): Optimizer {
  const mu = opts.momentum ?? 0;
  const wd = opts.weightDecay ?? 0;
  const mask = opts.decayMask ?? decayMatrices;
  return {
    name: "sgd",
    init: (params): Tree => (mu > 0 ? { m: zerosLikeTree(params) } : {}),
    update(grads, state, params, { lr, step }) {
      step.dispose();
      const names = namedLeaves(params);
      const g = leafList(grads);
      const ms = mu > 0 ? leafList((state as { m: Tree }).m) : [];
      const newP: Arr[] = [];
      const newM: Arr[] = [];
      names.forEach(([name, p], i) => {
        let gi = g[i];
        if (wd > 0 && mask(name, p.shape)) gi = gi.add(p.ref.mul(wd));
        let upd = gi;
        if (mu > 0) {
          const m = ms[i].mul(mu).add(gi.ref);
          // Inside jit an unused reference costs nothing; plain momentum steps along m, Nesterov along g + mu m.
          upd = opts.nesterov ? gi.add(m.ref.mul(mu)) : m.ref;
          newM.push(m);
        }
        newP.push(p.sub(upd.mul(lr.ref)));
      });
      lr.dispose();
      const state2: Tree = mu > 0 ? { m: rebuild(params, newM) } : {};
      return { params: rebuild(params, newP), state: state2 };
    },
  };
}

interface AdamLike {
  lr: Arr;
  step: Arr;
  b1: number;
  b2: number;
  eps: number;
}

/** Adam moments update; returns per-leaf Adam directions m_hat / (sqrt(v_hat) + eps) and new moments. */
function adamDirections(g: Arr[], ms: Arr[], vs: Arr[], h: AdamLike): { dirs: Arr[]; m: Arr[]; v: Arr[] } {
  const bc1 = np.power(h.b1, h.step.ref).mul(-1).add(1);
  const bc2 = np.power(h.b2, h.step.ref).mul(-1).add(1);
  const dirs: Arr[] = [];
  const m2: Arr[] = [];
  const v2: Arr[] = [];
  g.forEach((gi, i) => {
    const m = ms[i].mul(h.b1).add(gi.ref.mul(1 - h.b1));
    const v = vs[i].mul(h.b2).add(np.square(gi).mul(1 - h.b2));
    dirs.push(m.ref.div(bc1.ref).div(np.sqrt(v.ref.div(bc2.ref)).add(h.eps)));
    m2.push(m);
    v2.push(v);
  });
  bc1.dispose();
  bc2.dispose();
  return { dirs, m: m2, v: v2 };
}

/** Adam options. `weightDecay` is decoupled (AdamW) when `decoupled` is true, else added to the gradient (L2). */
export interface AdamOptions {
  b1?: number;
  b2?: number;
  eps?: number;
  weightDecay?: number;
  decoupled?: boolean;
  decayMask?: DecayMask;
}

/** Adam (Kingma & Ba); with `decoupled: true` and a weight decay, AdamW (Loshchilov & Hutter). */
export function adam(opts: AdamOptions = {}): Optimizer {
  const b1 = opts.b1 ?? 0.9;
  const b2 = opts.b2 ?? 0.999;
  const eps = opts.eps ?? 1e-8;
  const wd = opts.weightDecay ?? 0;
  const mask = opts.decayMask ?? decayMatrices;
  return {
    name: opts.decoupled ? "adamw" : "adam",
    init: (params) => ({ m: zerosLikeTree(params), v: zerosLikeTree(params) }),
    update(grads, state, params, { lr, step }) {
      const names = namedLeaves(params);
      let g = leafList(grads);
      if (wd > 0 && !opts.decoupled)
        g = g.map((gi, i) => (mask(names[i][0], names[i][1].shape) ? gi.add(names[i][1].ref.mul(wd)) : gi));
      const st = state as { m: Tree; v: Tree };
      const { dirs, m, v } = adamDirections(g, leafList(st.m), leafList(st.v), { lr, step, b1, b2, eps });
      const newP = names.map(([name, p], i) => {
        let upd = dirs[i];
        if (wd > 0 && opts.decoupled && mask(name, p.shape)) upd = upd.add(p.ref.mul(wd));
        return p.sub(upd.mul(lr.ref));
      });
      lr.dispose();
      step.dispose();
      return { params: rebuild(params, newP), state: { m: rebuild(params, m), v: rebuild(params, v) } };
    },
  };
}

/** AdamW: Adam with decoupled weight decay (default 1e-2). */
export function adamw(opts: AdamOptions = {}): Optimizer {
  return adam({ weightDecay: 1e-2, ...opts, decoupled: true });
}

/**
 * LAMB (You et al. 2020): the AdamW direction per tensor, scaled by the trust ratio ||w|| / ||direction||
 * (1 where either norm is zero).
 */
export function lamb(opts: AdamOptions = {}): Optimizer {
  const b1 = opts.b1 ?? 0.9;
  const b2 = opts.b2 ?? 0.999;
  const eps = opts.eps ?? 1e-6;
  const wd = opts.weightDecay ?? 0;
  const mask = opts.decayMask ?? decayMatrices;
  return {
    name: "lamb",
    init: (params) => ({ m: zerosLikeTree(params), v: zerosLikeTree(params) }),
    update(grads, state, params, { lr, step }) {
      const names = namedLeaves(params);
      const st = state as { m: Tree; v: Tree };
      const { dirs, m, v } = adamDirections(leafList(grads), leafList(st.m), leafList(st.v), {
        lr,
        step,
        b1,
        b2,
        eps,
      });
      const newP = names.map(([name, p], i) => {
        let upd = dirs[i];
        if (wd > 0 && mask(name, p.shape)) upd = upd.add(p.ref.mul(wd));
        const wn = np.sqrt(np.square(p.ref).sum());
        const un = np.sqrt(np.square(upd.ref).sum());
        const ratio = np.where(np.logicalAnd(wn.ref.greater(0), un.ref.greater(0)), wn.div(un.add(1e-30)), 1);
        return p.sub(upd.mul(ratio).mul(lr.ref));
      });
      lr.dispose();
      step.dispose();
      return { params: rebuild(params, newP), state: { m: rebuild(params, m), v: rebuild(params, v) } };
    },
  };
}

/** Global L2 norm of a gradient tree (traced). Does not consume the tree. */
export function globalNorm(grads: Tree): Arr {
  const leaves = leafList(grads);
  let s: Arr | null = null;
  for (const g of leaves) {
    const t = np.square(g.ref).sum();
    s = s ? s.add(t) : t;
  }
  return np.sqrt(s ?? np.array(0));
}

/** Scales gradients so that their global norm is at most `maxNorm`; returns the clipped tree and the norm. */
export function clipByGlobalNorm(grads: Tree, maxNorm: number): { grads: Tree; norm: Arr } {
  const norm = globalNorm(grads);
  const scale = np.minimum(np.reciprocal(norm.ref.add(1e-6)).mul(maxNorm), 1);
  const clipped = mapTree(grads, (g) => g.mul(scale.ref));
  scale.dispose();
  return { grads: clipped, norm };
}
