/** Saving and loading trained models (safetensors weights + config.json with the model configuration). */
import { loadModelWeights, readModelConfig, saveModel } from "../../engine/index.js";
import { Rng } from "../../util/rng.js";
import { type MgdtConfig, validateConfig } from "./config.js";
import { initMgdt, type MgdtParams } from "./model.js";

/** What is stored beside the weights. */
export interface SavedMgdt {
  config: MgdtConfig;
  /** Games the model was trained on and training metadata. */
  meta: Record<string, unknown>;
}

/** Saves a model to a folder. */
export async function saveMgdt(
  dir: string,
  params: MgdtParams,
  config: MgdtConfig,
  meta: Record<string, unknown> = {},
): Promise<void> {
  await saveModel(dir, { params, config: { config, meta } satisfies SavedMgdt });
}

/** Loads a model folder written by {@link saveMgdt}. */
export function loadMgdt(dir: string): {
  params: MgdtParams;
  config: MgdtConfig;
  meta: Record<string, unknown>;
} {
  const saved = readModelConfig<SavedMgdt>(dir);
  validateConfig(saved.config);
  const { params } = loadModelWeights(dir, { params: initMgdt(new Rng(0), saved.config) });
  return { params, config: saved.config, meta: saved.meta ?? {} };
}
