/**
 * The sltk engine: jax-js (WASM) setup, arrays and parameter trees, initialisers, layers, activations, losses,
 * optimisers and schedules, the jit-compiled train step, the fit loop, and safetensors checkpoints.
 */
export * from "./activations.js";
export * from "./checkpoint.js";
export * from "./device.js";
export * from "./fit.js";
export * from "./init.js";
export * from "./layers/index.js";
export * from "./losses.js";
export * from "./optim.js";
export * from "./safetensors.js";
export * from "./schedule.js";
export * from "./tensor.js";
export * from "./train.js";
