/** Metrics: classification, prediction difference, assignment and sequence accuracy, diarization error rate. */
export * from "./classification.js";
export * from "./der.js";
export * from "./hungarian.js";
export * from "./pd.js";
