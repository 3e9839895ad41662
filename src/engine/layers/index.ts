/** Layers: pure init/apply pairs over parameter trees. */
export * from "./attention.js";
export * from "./conv.js";
export * from "./dropout.js";
export * from "./linear.js";
export * from "./norm.js";
export * from "./recurrent.js";
export * from "./transformer.js";
