/** Data: registry of data sets, loaders (CSV, IDX, Adult, RTTM/UEM, WAV/FLAC audio, diarization lists) and seeded splits. */
export * from "./adult.js";
export * from "./ami.js";
export * from "./audio.js";
export * from "./csv.js";
export * from "./idx.js";
export * from "./registry.js";
export * from "./rttm.js";
export * from "./splits.js";
