/**
 * Equality of opportunity in supervised learning (Hardt, Price & Srebro, NeurIPS 2016): group-aware threshold
 * post-processing of a score for five criteria, the FICO case study, the Adult study and an interactive explorer.
 */
export * from "./adult.js";
export * from "./charts.js";
export * from "./curve.js";
export * from "./decision.js";
export * from "./deterministic.js";
export * from "./envelope.js";
export * from "./explorer.js";
export * from "./fico.js";
export * from "./fit.js";
export * from "./groups.js";
export * from "./hull.js";
export * from "./logistic.js";
export * from "./objective.js";
export * from "./postprocessor.js";
export * from "./solve.js";
export * from "./table.js";
