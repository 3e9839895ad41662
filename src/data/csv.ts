/**
 * CSV reading and writing (RFC 4180: quoted fields with doubled quotes, embedded delimiters and newlines; CRLF; a
 * BOM). Typed tables check every cell against a schema and report the first bad one as `file:line:column`.
 */
import { readFileSync } from "node:fs";
import { at, InputError } from "../util/errors.js";
import { writeFileAtomic } from "../util/fs.js";

/** Options of {@link parseCsv}. */
export interface CsvOptions {
  /** Name used in error messages. */
  file: string;
  delimiter?: string;
  /** First row is a header (default true). */
  header?: boolean;
  /** Lines starting with this are skipped. */
  comment?: string;
  /** Trim spaces around unquoted fields. */
  trim?: boolean;
  quote?: string;
}

/** A parsed CSV: header, rows of strings, and the 1-based source line where each row starts. */
export interface CsvText {
  header: string[];
  rows: string[][];
  lines: number[];
}

/** Parses CSV text. A quote left open at the end of the input is an error naming its line. */
export function parseCsv(text: string, opts: CsvOptions): CsvText {
  const delim = opts.delimiter ?? ",";
  const quote = opts.quote ?? '"';
  const src = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  const records: string[][] = [];
  const lines: number[] = [];
  let field = "";
  let record: string[] = [];
  let line = 1;
  let recordLine = 1;
  let inQuotes = false;
  let quotedField = false;
  let quoteLine = 0;
  const endField = () => {
    record.push(opts.trim && !quotedField ? field.trim() : field);
    field = "";
    quotedField = false;
  };
  const endRecord = () => {
    endField();
    const blank = record.length === 1 && record[0] === "";
    const comment = opts.comment !== undefined && record[0]?.startsWith(opts.comment);
    if (!blank && !comment) {
      records.push(record);
      lines.push(recordLine);
    }
    record = [];
  };
  for (let i = 0; i < src.length; i++) {
    const ch = src[i];
    if (inQuotes) {
      if (ch === quote) {
        if (src[i + 1] === quote) {
          field += quote;
          i++;
        } else inQuotes = false;
      } else {
        if (ch === "\n") line++;
        field += ch;
      }
      continue;
    }
    if (ch === quote && field.trim() === "") {
      inQuotes = true;
      quotedField = true;
      quoteLine = line;
      field = "";
    } else if (ch === delim) endField();
    else if (ch === "\n" || ch === "\r") {
      if (ch === "\r" && src[i + 1] === "\n") i++;
      endRecord();
      line++;
      recordLine = line;
    } else field += ch;
  }
  if (inQuotes) throw new InputError("unterminated quoted field", at(opts.file, quoteLine));
  if (field !== "" || record.length) endRecord();
  if (opts.header === false) return { header: [], rows: records, lines };
  if (!records.length) throw new InputError("empty file (no header row)", opts.file);
  return { header: records[0].map((h) => h.trim()), rows: records.slice(1), lines: lines.slice(1) };
}

/** Reads and parses a CSV file. */
export function readCsv(path: string, opts: Partial<CsvOptions> = {}): CsvText {
  let text: string;
  try {
    text = readFileSync(path, "utf8");
  } catch (e) {
    throw new InputError(
      `cannot read file (${(e as NodeJS.ErrnoException).code ?? (e as Error).message})`,
      path,
    );
  }
  return parseCsv(text, { ...opts, file: opts.file ?? path });
}

/** Column types of a typed table. */
export type CsvType = "number" | "int" | "string" | "bool";

/** A column's schema: its type, whether it may be absent, and cell values that mean "missing" (-> NaN / ""). */
export type ColumnSpec = CsvType | { type: CsvType; optional?: boolean; missing?: string[] };

/** A typed table: numbers as Float64Array, ints as Int32Array, bools as Uint8Array, strings as string[]. */
export interface CsvTable {
  n: number;
  header: string[];
  columns: Record<string, Float64Array | Int32Array | Uint8Array | string[]>;
  /** 1-based source line of each row. */
  lines: number[];
}

const TRUE = new Set(["1", "true", "yes", "y", "t"]);
const FALSE = new Set(["0", "false", "no", "n", "f"]);

/** Converts parsed rows to typed columns by a schema; the first bad cell is an {@link InputError} with file:line:column. */
export function typedTable(csv: CsvText, schema: Record<string, ColumnSpec>, file: string): CsvTable {
  const n = csv.rows.length;
  const columns: CsvTable["columns"] = {};
  for (const [name, spec0] of Object.entries(schema)) {
    const spec = typeof spec0 === "string" ? { type: spec0 } : spec0;
    const col = csv.header.indexOf(name);
    if (col < 0) {
      if (spec.optional) continue;
      throw new InputError(`missing column '${name}' (columns: ${csv.header.join(", ")})`, file);
    }
    const missing = new Set(spec.missing ?? []);
    const where = (r: number) => at(file, csv.lines[r], `${col + 1} (${name})`);
    const cell = (r: number) => {
      const row = csv.rows[r];
      if (row.length <= col)
        throw new InputError(
          `row has ${row.length} fields, expected at least ${col + 1}`,
          at(file, csv.lines[r]),
        );
      return row[col].trim();
    };
    switch (spec.type) {
      case "number": {
        const out = new Float64Array(n);
        for (let r = 0; r < n; r++) {
          const v = cell(r);
          if (missing.has(v)) {
            out[r] = Number.NaN;
            continue;
          }
          const x = v === "" ? Number.NaN : Number(v);
          if (!Number.isFinite(x)) throw new InputError(`expected a number, found '${v}'`, where(r));
          out[r] = x;
        }
        columns[name] = out;
        break;
      }
      case "int": {
        const out = new Int32Array(n);
        for (let r = 0; r < n; r++) {
          const v = cell(r);
          const x = Number(v);
          if (v === "" || !Number.isInteger(x))
            throw new InputError(`expected an integer, found '${v}'`, where(r));
          out[r] = x;
        }
        columns[name] = out;
        break;
      }
      case "bool": {
        const out = new Uint8Array(n);
        for (let r = 0; r < n; r++) {
          const v = cell(r).toLowerCase();
          if (TRUE.has(v)) out[r] = 1;
          else if (!FALSE.has(v))
            throw new InputError(`expected a boolean (0/1, true/false), found '${v}'`, where(r));
        }
        columns[name] = out;
        break;
      }
      case "string": {
        const out: string[] = new Array(n);
        for (let r = 0; r < n; r++) {
          const v = cell(r);
          out[r] = missing.has(v) ? "" : v;
        }
        columns[name] = out;
        break;
      }
    }
  }
  return { n, header: csv.header, columns, lines: csv.lines };
}

/** Reads a CSV file into typed columns (see {@link typedTable}). */
export function readCsvTable(
  path: string,
  schema: Record<string, ColumnSpec>,
  opts: Partial<CsvOptions> = {},
): CsvTable {
  return typedTable(readCsv(path, opts), schema, opts.file ?? path);
}

function quoteField(v: string | number, delim: string): string {
  const s = String(v);
  return /["\n\r]/.test(s) || s.includes(delim) ? `"${s.replace(/"/g, '""')}"` : s;
}

/** Formats rows as CSV text (quoting where needed). */
export function formatCsv(header: string[], rows: (string | number)[][], delimiter = ","): string {
  const out = [header, ...rows].map((r) => r.map((v) => quoteField(v, delimiter)).join(delimiter));
  return `${out.join("\n")}\n`;
}

/** Writes a CSV file atomically. */
export function writeCsv(path: string, header: string[], rows: (string | number)[][], delimiter = ","): void {
  writeFileAtomic(path, formatCsv(header, rows, delimiter));
}
