/**
 * Activation functions by config string, usable by every engine model:
 * `relu`, `smelu:BETA`, `gsmelu:G_PLUS,G_MINUS,ALPHA,BETA[,SHIFT]`, `gelu` (exact erf), `gelu_tanh`, `swish:BETA`
 * (`silu` = `swish:1`), `softplus:BETA`, `tanh`, `sigmoid`, `elu:ALPHA`, `leaky_relu:SLOPE`, `linear`.
 * SmeLU (Shamir et al. 2020): 0 for x <= -beta, (x + beta)^2 / (4 beta) for |x| <= beta, x for x >= beta.
 */

import { InputError } from "../util/errors.js";
import type { Arr } from "./tensor.js";
import { jnn, np } from "./tensor.js";

/** A parsed activation: its family name and numeric parameters. */
export interface ActivationSpec {
  name: string;
  params: number[];
}

const ARITY: Record<string, [number, number, number[]]> = {
  // name: [min params, max params, defaults]
  relu: [0, 0, []],
  smelu: [0, 1, [1]],
  gsmelu: [4, 5, [1, 0.01, 0.1, 0.1, 0]],
  gelu: [0, 0, []],
  gelu_tanh: [0, 0, []],
  swish: [0, 1, [1]],
  silu: [0, 0, []],
  softplus: [0, 1, [1]],
  tanh: [0, 0, []],
  sigmoid: [0, 0, []],
  elu: [0, 1, [1]],
  leaky_relu: [0, 1, [0.01]],
  linear: [0, 0, []],
};

/** Parses an activation config string such as `smelu:1.5`; bad strings are an {@link InputError}. */
export function parseActivation(s: string): ActivationSpec {
  const [rawName, rawParams] = s.trim().toLowerCase().split(":", 2);
  const name = rawName.replace(/-/g, "_");
  const arity = ARITY[name];
  if (!arity)
    throw new InputError(`unknown activation '${s}'; known: ${Object.keys(ARITY).join(", ")}`, "activation");
  const given = rawParams === undefined || rawParams === "" ? [] : rawParams.split(",").map((p) => Number(p));
  if (given.some((p) => !Number.isFinite(p)))
    throw new InputError(`activation '${s}': parameters must be numbers`, "activation");
  if (given.length < arity[0] || given.length > arity[1])
    throw new InputError(
      `activation '${s}': expected ${arity[0]}-${arity[1]} parameters, got ${given.length}`,
      "activation",
    );
  const params = arity[2].map((d, i) => given[i] ?? d);
  if ((name === "smelu" || name === "softplus") && !(params[0] > 0))
    throw new InputError(`activation '${s}': beta must be positive`, "activation");
  if (name === "gsmelu" && !(params[2] + params[3] > 0))
    throw new InputError(`activation '${s}': alpha + beta must be positive`, "activation");
  return { name, params };
}

/** SmeLU with half-width `beta` (branch-free; quadratic band for |x| <= beta). */
export function smelu(x: Arr, beta: number): Arr {
  const quad = np.square(x.ref.add(beta)).mul(1 / (4 * beta));
  return np.where(np.abs(x.ref).lessEqual(beta), quad, np.maximum(x, 0));
}

/**
 * Generalized SmeLU: slope `gMinus` left of -alpha, `gPlus` right of beta, a quadratic band in between with
 * continuous value and slope at both ends, shifted by `shift` (reduces to SmeLU for (1, 0, beta, beta, 0)).
 */
export function gsmelu(x: Arr, gPlus: number, gMinus: number, alpha: number, beta: number, shift = 0): Arr {
  const w = alpha + beta;
  const a = (gPlus - gMinus) / (2 * w);
  const b = (alpha * gPlus + beta * gMinus) / w;
  const c = shift - gMinus * alpha + (alpha * alpha * (gPlus + gMinus) + 2 * alpha * beta * gMinus) / (2 * w);
  const rightShift = shift + ((alpha - beta) * (gPlus - gMinus)) / 2;
  const left = x.ref.mul(gMinus).add(shift);
  const mid = np.square(x.ref).mul(a).add(x.ref.mul(b)).add(c);
  const right = x.ref.mul(gPlus).add(rightShift);
  return np.where(x.ref.lessEqual(-alpha), left, np.where(x.greater(beta), right, mid));
}

/** Applies an activation given by spec or config string. */
export function activate(x: Arr, act: string | ActivationSpec): Arr {
  const { name, params } = typeof act === "string" ? parseActivation(act) : act;
  switch (name) {
    case "relu":
      return np.maximum(x, 0);
    case "smelu":
      return smelu(x, params[0]);
    case "gsmelu":
      return gsmelu(x, params[0], params[1], params[2], params[3], params[4]);
    case "gelu":
      return jnn.gelu(x, { approximate: false });
    case "gelu_tanh":
      return jnn.gelu(x, { approximate: true });
    case "swish":
      return x.ref.mul(jnn.sigmoid(x.mul(params[0])));
    case "silu":
      return x.ref.mul(jnn.sigmoid(x));
    case "softplus":
      return jnn.softplus(x.mul(params[0])).mul(1 / params[0]);
    case "tanh":
      return np.tanh(x);
    case "sigmoid":
      return jnn.sigmoid(x);
    case "elu":
      return jnn.elu(x, params[0]);
    case "leaky_relu":
      return jnn.leakyRelu(x, params[0]);
    case "linear":
      return x;
    default:
      throw new InputError(`unknown activation '${name}'`, "activation");
  }
}

/** Returns the activation as a function (parsing the string once). */
export function activation(act: string): (x: Arr) => Arr {
  const spec = parseActivation(act);
  return (x: Arr) => activate(x, spec);
}
