/**
 * A fitted group-aware threshold post-processor: per-group (randomised) rules, predictions that are reproducible
 * from a seeded {@link Rng} or deterministic, and a JSON form that saves and loads it.
 */
import { InputError } from "../util/errors.js";
import { Rng } from "../util/rng.js";
import { type GroupDecision, positiveProbability } from "./decision.js";
import { OBJECTIVES, type Objective } from "./objective.js";
import { CONSTRAINTS, type Constraint } from "./solve.js";

/** Format tag of a saved post-processor. */
export const MODEL_FORMAT = "sltk-fairness-postprocessor";

/** Everything a fitted post-processor needs to predict. */
export interface PostProcessorModel {
  constraint: Constraint;
  objective: Objective;
  gain?: number;
  cost?: number;
  /** Group name -> exact (randomised) rule. */
  decisions: Record<string, GroupDecision>;
  /** Group name -> pure-threshold rule of the deterministic mode. */
  deterministic: Record<string, GroupDecision>;
}

/** A threshold as JSON: finite numbers as they are, +-Infinity as the strings "Infinity" / "-Infinity". */
export function thresholdToJson(t: number): number | string {
  return Number.isFinite(t) ? t : String(t);
}

function thresholdFromJson(v: unknown, where: string): number {
  const t = typeof v === "string" && (v === "Infinity" || v === "-Infinity") ? Number(v) : v;
  if (typeof t !== "number" || Number.isNaN(t))
    throw new InputError(`bad threshold ${JSON.stringify(v)}`, where);
  return t;
}

function decisionToJson(d: GroupDecision) {
  return {
    thresholds: d.thresholds.map(thresholdToJson),
    mix: d.mix,
    p_constant: d.pConstant,
    constant_rate: d.constantRate,
  };
}

function probability(v: unknown, where: string): number {
  if (typeof v !== "number" || !(v >= 0 && v <= 1))
    throw new InputError(`expected a probability in [0, 1]`, where);
  return v;
}

function decisionFromJson(v: any, where: string): GroupDecision {
  if (!v || !Array.isArray(v.thresholds) || v.thresholds.length < 1 || v.thresholds.length > 2)
    throw new InputError("expected one or two thresholds", where);
  return {
    thresholds: v.thresholds.map((t: unknown, i: number) =>
      thresholdFromJson(t, `${where}.thresholds[${i}]`),
    ),
    mix: probability(v.mix ?? 0, `${where}.mix`),
    pConstant: probability(v.p_constant ?? 0, `${where}.p_constant`),
    constantRate: probability(v.constant_rate ?? 0, `${where}.constant_rate`),
  };
}

/** A fitted post-processor. */
export class PostProcessor {
  constructor(readonly model: PostProcessorModel) {}

  /** The group names it was fitted on. */
  get groups(): string[] {
    return Object.keys(this.model.decisions);
  }

  private rule(group: string, row: number, deterministic: boolean): GroupDecision {
    const d = (deterministic ? this.model.deterministic : this.model.decisions)[group];
    if (!d)
      throw new InputError(
        `group '${group}' was not seen in fit (known: ${this.groups.join(", ")})`,
        `row ${row}`,
      );
    return d;
  }

  /** P(decision = 1) for each row (exact; the deterministic mode gives 0/1). */
  predictProba(scores: ArrayLike<number>, groups: ArrayLike<string>, opts: { deterministic?: boolean } = {}) {
    if (scores.length !== groups.length)
      throw new InputError(`groups have ${groups.length} rows, scores ${scores.length}`);
    const out = new Float64Array(scores.length);
    for (let i = 0; i < scores.length; i++) {
      if (Number.isNaN(scores[i])) throw new InputError("score is NaN", `row ${i}`);
      out[i] = positiveProbability(this.rule(groups[i], i, opts.deterministic ?? false), scores[i]);
    }
    return out;
  }

  /**
   * 0/1 decisions: row i is positive iff U_i < P(decision = 1), U_i the i-th draw of `rng` (or of `new Rng(seed)`),
   * so the same seed gives the same decisions. With `deterministic`, the pure-threshold rules (no randomness).
   */
  predict(
    scores: ArrayLike<number>,
    groups: ArrayLike<string>,
    opts: { rng?: Rng; seed?: number; deterministic?: boolean } = {},
  ): Uint8Array {
    const p = this.predictProba(scores, groups, opts);
    const out = new Uint8Array(p.length);
    if (opts.deterministic) {
      for (let i = 0; i < p.length; i++) out[i] = p[i] >= 0.5 ? 1 : 0;
      return out;
    }
    const rng = opts.rng ?? new Rng(opts.seed ?? 0);
    for (let i = 0; i < p.length; i++) out[i] = rng.next() < p[i] ? 1 : 0;
    return out;
  }

  /** The JSON form (see {@link PostProcessor.fromJSON}). */
  toJSON() {
    const m = this.model;
    const map = (r: Record<string, GroupDecision>) =>
      Object.fromEntries(Object.entries(r).map(([k, d]) => [k, decisionToJson(d)]));
    return {
      format: MODEL_FORMAT,
      version: 1,
      constraint: m.constraint,
      objective: m.objective,
      ...(m.objective === "profit" ? { gain: m.gain ?? 1, cost: m.cost ?? 1 } : {}),
      groups: map(m.decisions),
      deterministic: map(m.deterministic),
    };
  }

  /** Loads a post-processor from its JSON form; `where` names the source in errors (e.g. the file). */
  static fromJSON(v: any, where = "model"): PostProcessor {
    if (!v || v.format !== MODEL_FORMAT) throw new InputError(`not a ${MODEL_FORMAT} file`, where);
    if (v.version !== 1) throw new InputError(`unsupported version ${v.version}`, where);
    if (!(CONSTRAINTS as readonly string[]).includes(v.constraint))
      throw new InputError(`unknown constraint '${v.constraint}'`, where);
    if (!(OBJECTIVES as readonly string[]).includes(v.objective))
      throw new InputError(`unknown objective '${v.objective}'`, where);
    if (!v.groups || typeof v.groups !== "object" || Object.keys(v.groups).length < 2)
      throw new InputError("expected at least two groups", where);
    const decisions: Record<string, GroupDecision> = {};
    const deterministic: Record<string, GroupDecision> = {};
    for (const [g, d] of Object.entries(v.groups)) {
      decisions[g] = decisionFromJson(d, `${where}: groups.${g}`);
      const det = v.deterministic?.[g];
      deterministic[g] = det ? decisionFromJson(det, `${where}: deterministic.${g}`) : decisions[g];
    }
    return new PostProcessor({
      constraint: v.constraint,
      objective: v.objective,
      gain: v.gain,
      cost: v.cost,
      decisions,
      deterministic,
    });
  }
}
