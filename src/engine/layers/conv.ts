/** 2-D convolution (NCHW, kernels [out, in, kh, kw]) and pooling. */
import type { Rng } from "../../util/rng.js";
import { type WeightInit, weightInit, zerosInit } from "../init.js";
import { type Arr, lax, np } from "../tensor.js";

/** Convolution parameters: `w` [out, in, kh, kw], optional `b` [out]. */
export interface ConvParams {
  w: Arr;
  b?: Arr;
}

/** Options of a convolution. */
export interface ConvOptions {
  stride?: number;
  /** `SAME` (default), `VALID`, or explicit [[top, bottom], [left, right]]. */
  padding?: "SAME" | "VALID" | [[number, number], [number, number]];
}

/** 2-D convolution on NCHW inputs. */
export const conv2d = {
  init(
    rng: Rng,
    inCh: number,
    outCh: number,
    kernel: number | [number, number],
    opts: { bias?: boolean; init?: WeightInit } = {},
  ): ConvParams {
    const [kh, kw] = typeof kernel === "number" ? [kernel, kernel] : kernel;
    const p: ConvParams = { w: weightInit(rng, [outCh, inCh, kh, kw], opts.init ?? "he") };
    if (opts.bias !== false) p.b = zerosInit([outCh]);
    return p;
  },
  apply(p: ConvParams, x: Arr, opts: ConvOptions = {}): Arr {
    const s = opts.stride ?? 1;
    let y = lax.convGeneralDilated(x, p.w.ref, [s, s], opts.padding ?? "SAME");
    if (p.b) y = y.add(p.b.ref.reshape([1, -1, 1, 1]));
    return y;
  },
};

/** Max pooling with window = stride = `k` (H and W must be divisible by `k`). */
export function maxPool2d(x: Arr, k: number): Arr {
  const [N, C, H, W] = x.shape;
  if (H % k || W % k) throw new RangeError(`maxPool2d: ${H}x${W} is not divisible by ${k}`);
  return np.max(x.reshape([N, C, H / k, k, W / k, k]), [3, 5]);
}

/** Average pooling with window = stride = `k`. */
export function avgPool2d(x: Arr, k: number): Arr {
  const [N, C, H, W] = x.shape;
  if (H % k || W % k) throw new RangeError(`avgPool2d: ${H}x${W} is not divisible by ${k}`);
  return np.mean(x.reshape([N, C, H / k, k, W / k, k]), [3, 5]);
}

/** Global average pooling: [N, C, H, W] -> [N, C]. */
export function globalAvgPool(x: Arr): Arr {
  return np.mean(x, [2, 3]);
}
