/** The pieces of the HTML report: each system contributes one {@link ReportSection}. */

/** A Vega-Lite chart; rendered to inline SVG when the report is built. */
export interface ChartBlock {
  kind: "chart";
  title?: string;
  /** A Vega-Lite v6 specification (data inline). */
  spec: Record<string, unknown>;
  caption?: string;
}

/** A table of rows; numbers are formatted with `digits` significant decimals. */
export interface TableBlock {
  kind: "table";
  title?: string;
  columns: string[];
  rows: (string | number | null)[][];
  digits?: number;
  caption?: string;
}

/** Paragraph text (plain text; escaped when rendered) or trusted HTML. */
export interface TextBlock {
  kind: "text";
  text?: string;
  html?: string;
}

/** An image: inline SVG markup or PNG bytes (embedded as a data URL). */
export interface ImageBlock {
  kind: "image";
  title?: string;
  svg?: string;
  png?: Uint8Array;
  gif?: Uint8Array;
  alt: string;
  caption?: string;
  width?: number;
}

/** Our number beside the paper's for the same quantity. */
export interface ReferenceRow {
  quantity: string;
  ours: string | number | null;
  paper: string | number | null;
  note?: string;
}

/** A comparison table of our numbers against the published ones. */
export interface ReferenceBlock {
  kind: "reference";
  title?: string;
  rows: ReferenceRow[];
}

/** A self-contained interactive page embedded with an iframe (srcdoc). */
export interface PageBlock {
  kind: "page";
  title?: string;
  html: string;
  height?: number;
}

export type Block = ChartBlock | TableBlock | TextBlock | ImageBlock | ReferenceBlock | PageBlock;

/** One system's section of the report. */
export interface ReportSection {
  id: string;
  title: string;
  /** The paper the system implements (citation line). */
  paper?: string;
  summary?: string;
  blocks: Block[];
  /** Wall-clock seconds the section took to compute. */
  seconds?: number;
  /** Set when the system could not run (e.g. data missing); the section shows the reason. */
  error?: string;
}

/** What `sltk demo` hands each system's demo. */
export interface DemoContext {
  seed: number;
  /** Folder for this run's artifacts (the report sits at its top). The system may write under `<outDir>/<id>/`. */
  outDir: string;
  /** `small` for `sltk demo` (minutes on 2 cores, all systems together), `full` for the long runs. */
  size: "small" | "full";
  /** Progress and log lines go here (stderr). */
  log: (message: string) => void;
}

/** A system's entry in the demo: runs end to end on its default data and returns its report section. */
export interface DemoEntry {
  id: string;
  title: string;
  run: (ctx: DemoContext) => Promise<ReportSection>;
}
