/**
 * Configuration of a Multi-Game Decision Transformer (Lee et al. 2022) for grid games: observation patches, the
 * return-to-go range, context length and transformer size. Game identity is not an input: one model for all games.
 */
import { InputError } from "../../util/errors.js";

/** Model configuration (stored in config.json next to the weights). */
export interface MgdtConfig {
  /** Observation grid height and width (MinAtar: 10 x 10). */
  height: number;
  width: number;
  /** Channels after padding every game to a common count (MinAtar: 10, Seaquest has the most). */
  channels: number;
  /** Square patch side; the grid is cut into (height/patch) x (width/patch) patch tokens. */
  patch: number;
  /** Timesteps of context (the paper uses 4). */
  context: number;
  /** Number of actions shared by all games. */
  actions: number;
  /** Return-to-go range in units of clipped reward; one bin per integer (bins = max - min + 1). */
  returnMin: number;
  returnMax: number;
  /**
   * Sum clipped rewards (the paper's Atari setting, where scores are large). MinAtar rewards are already +1 events
   * (only Seaquest's surfacing bonus reaches 10), so the default sums raw rewards: returns are game scores.
   */
  clipRewards: boolean;
  dModel: number;
  layers: number;
  heads: number;
  mlpRatio: number;
  dropout: number;
  /** MLP activation. */
  activation: string;
}

/** The three preset sizes (parameters measured by `countParams`, see the README). */
export const SIZES: Record<"s" | "m" | "l", Pick<MgdtConfig, "dModel" | "layers" | "heads">> = {
  s: { dModel: 64, layers: 3, heads: 2 },
  m: { dModel: 96, layers: 3, heads: 3 },
  l: { dModel: 128, layers: 4, heads: 4 },
};

/** A default configuration for MinAtar games of a given size. */
export function defaultConfig(size: "s" | "m" | "l" = "s", over: Partial<MgdtConfig> = {}): MgdtConfig {
  const cfg: MgdtConfig = {
    height: 10,
    width: 10,
    channels: 10,
    patch: 2,
    context: 4,
    actions: 6,
    returnMin: 0,
    returnMax: 100,
    clipRewards: false,
    mlpRatio: 4,
    dropout: 0.1,
    activation: "gelu_tanh",
    ...SIZES[size],
    ...over,
  };
  validateConfig(cfg);
  return cfg;
}

/** Checks a configuration; a bad one is an {@link InputError} naming the field. */
export function validateConfig(c: MgdtConfig): void {
  if (c.height % c.patch || c.width % c.patch)
    throw new InputError(`patch ${c.patch} does not divide the ${c.height}x${c.width} grid`, "config.patch");
  if (c.dModel % c.heads)
    throw new InputError(`dModel ${c.dModel} is not divisible by ${c.heads} heads`, "config.heads");
  if (!(c.returnMax > c.returnMin))
    throw new InputError("returnMax must exceed returnMin", "config.returnMax");
  if (c.context < 1) throw new InputError("context must be at least 1", "config.context");
}

/** Patch tokens per frame. */
export function patchesPerFrame(c: MgdtConfig): number {
  return (c.height / c.patch) * (c.width / c.patch);
}

/** Tokens per timestep: the frame's patches, then return-to-go, action and reward. */
export function tokensPerStep(c: MgdtConfig): number {
  return patchesPerFrame(c) + 3;
}

/** Number of return bins. */
export function returnBins(c: MgdtConfig): number {
  return c.returnMax - c.returnMin + 1;
}
