/** Report API: section types, Vega-Lite rendering and HTML assembly. */
export * from "./html.js";
export * from "./types.js";
export * from "./vega.js";
