/** Public API of the Multi-Game Decision Transformer. */
export * from "./attention-map.js";
export * from "./config.js";
export * from "./driver.js";
export * from "./episodes.js";
export * from "./evaluate.js";
export * from "./experiments.js";
export * from "./games.js";
export * from "./io.js";
export * from "./model.js";
export * from "./report.js";
export * from "./rollout.js";
export * from "./sampler.js";
export * from "./tokens.js";
export * from "./train.js";
