/**
 * The UCI Adult census-income data (32,561 training and 16,281 test rows; label: income >50K; sensitive attributes
 * sex and race) and its standard encoding: categorical columns one-hot (categories from the training split,
 * '?' kept as its own category), numeric columns standardised with the training mean and standard deviation.
 */
import { join } from "node:path";
import { at, InputError } from "../util/errors.js";
import { readCsv } from "./csv.js";
import { existingPath, resolveDataset } from "./registry.js";

/** Column names of adult.data / adult.test, in file order (the last is the label). */
export const ADULT_COLUMNS = [
  "age",
  "workclass",
  "fnlwgt",
  "education",
  "education-num",
  "marital-status",
  "occupation",
  "relationship",
  "race",
  "sex",
  "capital-gain",
  "capital-loss",
  "hours-per-week",
  "native-country",
] as const;

/** Numeric columns; the others are categorical. */
export const ADULT_NUMERIC = [
  "age",
  "fnlwgt",
  "education-num",
  "capital-gain",
  "capital-loss",
  "hours-per-week",
];

/** One split: raw columns (numbers or strings) and labels (1 = income >50K). */
export interface AdultTable {
  n: number;
  numeric: Record<string, Float64Array>;
  categorical: Record<string, string[]>;
  labels: Uint8Array;
}

/** Parses one Adult file (header-less CSV with ", " separators; the test file's first line is skipped). */
export function parseAdult(path: string): AdultTable {
  const csv = readCsv(path, { header: false, trim: true, comment: "|" });
  const numeric: Record<string, Float64Array> = {};
  const categorical: Record<string, string[]> = {};
  for (const c of ADULT_COLUMNS) {
    if (ADULT_NUMERIC.includes(c)) numeric[c] = new Float64Array(csv.rows.length);
    else categorical[c] = new Array(csv.rows.length);
  }
  const labels = new Uint8Array(csv.rows.length);
  csv.rows.forEach((row, r) => {
    const line = csv.lines[r];
    if (row.length !== 15) throw new InputError(`expected 15 fields, found ${row.length}`, at(path, line));
    ADULT_COLUMNS.forEach((c, j) => {
      if (c in numeric) {
        const v = Number(row[j]);
        if (row[j] === "" || !Number.isFinite(v))
          throw new InputError(`expected a number, found '${row[j]}'`, at(path, line, `${j + 1} (${c})`));
        numeric[c][r] = v;
      } else categorical[c][r] = row[j];
    });
    const y = row[14].replace(/\.$/, "");
    if (y !== ">50K" && y !== "<=50K")
      throw new InputError(`expected label >50K or <=50K, found '${row[14]}'`, at(path, line, "15 (income)"));
    labels[r] = y === ">50K" ? 1 : 0;
  });
  return { n: csv.rows.length, numeric, categorical, labels };
}

/** Loads both Adult splits from the registry (or `path`). */
export async function loadAdult(
  opts: { path?: string } = {},
): Promise<{ train: AdultTable; test: AdultTable }> {
  const dir = await resolveDataset("fairness/adult", {
    path: opts.path,
    required: ["adult.data", "adult.test"],
  });
  return {
    train: parseAdult(existingPath(dir, "adult.data") ?? join(dir, "adult.data")),
    test: parseAdult(existingPath(dir, "adult.test") ?? join(dir, "adult.test")),
  };
}

/** Encoded Adult features. */
export interface AdultEncoded {
  xTrain: Float32Array;
  xTest: Float32Array;
  dim: number;
  featureNames: string[];
  yTrain: Uint8Array;
  yTest: Uint8Array;
  sexTrain: string[];
  sexTest: string[];
  raceTrain: string[];
  raceTest: string[];
}

/**
 * One-hot + standardised features of both splits (categories and statistics from the training split; categories
 * unseen in training encode as all zeros). `dropColumns` removes columns, e.g. the sensitive ones.
 */
export function encodeAdult(
  train: AdultTable,
  test: AdultTable,
  opts: { dropColumns?: string[] } = {},
): AdultEncoded {
  const drop = new Set(opts.dropColumns ?? []);
  const names: string[] = [];
  const encoders: ((t: AdultTable, r: number, out: Float32Array, off: number) => void)[] = [];
  for (const c of ADULT_COLUMNS) {
    if (drop.has(c)) continue;
    if (ADULT_NUMERIC.includes(c)) {
      const v = train.numeric[c];
      let mean = 0;
      for (const x of v) mean += x;
      mean /= v.length;
      let sd = 0;
      for (const x of v) sd += (x - mean) ** 2;
      sd = Math.sqrt(sd / v.length) || 1;
      const j = names.length;
      names.push(c);
      encoders.push((t, r, out, off) => {
        out[off + j] = (t.numeric[c][r] - mean) / sd;
      });
    } else {
      const cats = [...new Set(train.categorical[c])].sort();
      const base = names.length;
      const index = new Map(cats.map((k, i) => [k, i]));
      for (const k of cats) names.push(`${c}=${k}`);
      encoders.push((t, r, out, off) => {
        const i = index.get(t.categorical[c][r]);
        if (i !== undefined) out[off + base + i] = 1;
      });
    }
  }
  const dim = names.length;
  const encode = (t: AdultTable) => {
    const x = new Float32Array(t.n * dim);
    for (let r = 0; r < t.n; r++) for (const e of encoders) e(t, r, x, r * dim);
    return x;
  };
  return {
    xTrain: encode(train),
    xTest: encode(test),
    dim,
    featureNames: names,
    yTrain: train.labels,
    yTest: test.labels,
    sexTrain: train.categorical.sex,
    sexTest: test.categorical.sex,
    raceTrain: train.categorical.race,
    raceTest: test.categorical.race,
  };
}
