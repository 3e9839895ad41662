/**
 * Public API of the decision system: the five MinAtar games and the game registry, environments (single and
 * vectorised), observation encodings, rendering, the search expert and skill policies, and trajectory data sets
 * (collection, chunk format, streaming and random-access reading, statistics). The multi-game decision
 * transformer (src/decision/mgdt) builds on these.
 */
export * from "./data/collect.js";
export * from "./data/dataset.js";
export * from "./data/format.js";
export * from "./data/manifest.js";
export * from "./data/record.js";
export * from "./data/stats.js";
export { runUnit, sha256 } from "./data/unit.js";
export * from "./data/windows.js";
export { ASTERIX, asterix } from "./games/asterix.js";
export { BREAKOUT, breakout, landingX } from "./games/breakout.js";
export * from "./games/env.js";
export { FREEWAY, freeway } from "./games/freeway.js";
export * from "./games/game.js";
export * from "./games/observation.js";
export * from "./games/planner.js";
export * from "./games/policies.js";
export * from "./games/registry.js";
export * from "./games/render.js";
export { SEAQUEST, seaquest } from "./games/seaquest.js";
export { SPACE_INVADERS, spaceInvaders } from "./games/space-invaders.js";
export * from "./games/vec-env.js";
export * from "./mgdt/index.js";
