/**
 * Reading (score, label, group) columns from a CSV file with errors that name file:line:column: a missing column,
 * a score that is not a finite number, a label that is not binary, a single group.
 */
import { readCsv } from "../data/csv.js";
import { at, InputError } from "../util/errors.js";

/** Which columns to read. */
export interface ColumnSpec {
  score: string;
  group: string;
  /** Label column (fit only). */
  label?: string;
  /** The label value that counts as positive; without it labels must be 0 or 1. */
  positiveLabel?: string;
}

/** Columns read from a CSV file. */
export interface ScoreTable {
  scores: Float64Array;
  groups: string[];
  /** 0/1 labels (when a label column was asked for). */
  labels?: Uint8Array;
  /** 1-based file line of each row, for error messages. */
  lines: number[];
}

function columnIndex(path: string, header: string[], name: string, option: string): number {
  const j = header.indexOf(name);
  if (j < 0)
    throw new InputError(`column '${name}' not found in ${path}:1 (columns: ${header.join(", ")})`, option);
  return j;
}

/** Reads and validates the score, group and (optionally) label columns of a CSV file. */
export function readScoreTable(path: string, spec: ColumnSpec): ScoreTable {
  const { header, rows, lines } = readCsv(path);
  const js = columnIndex(path, header, spec.score, "--score");
  const jg = columnIndex(path, header, spec.group, "--group");
  const jl = spec.label !== undefined ? columnIndex(path, header, spec.label, "--label") : -1;
  const n = rows.length;
  if (n === 0) throw new InputError("no data rows", at(path, 2));
  const scores = new Float64Array(n);
  const groups = new Array<string>(n);
  const labels = jl >= 0 ? new Uint8Array(n) : undefined;
  const labelValues: string[] = [];
  for (let i = 0; i < n; i++) {
    const r = rows[i];
    const need = Math.max(js, jg, jl) + 1;
    if (r.length < need)
      throw new InputError(`expected ${header.length} fields, got ${r.length}`, at(path, lines[i]));
    const raw = r[js].trim();
    const s = Number(raw);
    if (raw === "" || !Number.isFinite(s))
      throw new InputError(
        `score '${raw}' is not a finite number (column ${spec.score})`,
        at(path, lines[i], js + 1),
      );
    scores[i] = s;
    groups[i] = r[jg].trim();
    if (labels) {
      const v = r[jl].trim();
      if (!labelValues.includes(v)) {
        labelValues.push(v);
        if (labelValues.length > 2)
          throw new InputError(
            `labels are not binary: third distinct value '${v}' after ${labelValues
              .slice(0, 2)
              .map((x) => `'${x}'`)
              .join(", ")} (column ${spec.label})`,
            at(path, lines[i], jl + 1),
          );
      }
      if (spec.positiveLabel !== undefined) labels[i] = v === spec.positiveLabel ? 1 : 0;
      else if (v === "1" || v === "0") labels[i] = v === "1" ? 1 : 0;
      else
        throw new InputError(
          `label '${v}' is not 0 or 1 (column ${spec.label}; use --positive-label VALUE)`,
          at(path, lines[i], jl + 1),
        );
    }
  }
  if (labels) {
    let pos = 0;
    for (let i = 0; i < n; i++) pos += labels[i];
    if (pos === 0 || pos === n)
      throw new InputError(
        `labels are not binary: every row is ${pos === 0 ? "negative" : "positive"}${
          spec.positiveLabel !== undefined ? ` (--positive-label '${spec.positiveLabel}')` : ""
        } (column ${spec.label})`,
        path,
      );
  }
  return { scores, groups, labels, lines };
}
