import assert from "node:assert/strict";
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { test } from "node:test";
import { encodeAdult, loadAdult } from "../../src/data/adult.js";
import { formatCsv, parseCsv, readCsvTable, writeCsv } from "../../src/data/csv.js";
import { decodeIdx, loadFashionMnist } from "../../src/data/idx.js";
import { parseRttm, parseUem, readRttm, readUem, writeRttm } from "../../src/data/rttm.js";
import { InputError } from "../../src/util/errors.js";

const hasData = Boolean(process.env.SLTK_DATA);

test("CSV: quotes, embedded delimiters and newlines, CRLF, BOM, comments; line numbers kept", () => {
  const t = parseCsv('\ufeffa,b,c\r\n1,"x, y",3\r\n# note\n2,"multi\nline ""q""",4\n\n', {
    file: "t.csv",
    comment: "#",
  });
  assert.deepEqual(t.header, ["a", "b", "c"]);
  assert.deepEqual(t.rows, [
    ["1", "x, y", "3"],
    ["2", 'multi\nline "q"', "4"],
  ]);
  assert.deepEqual(t.lines, [2, 4]);
  assert.throws(() => parseCsv('a\n"open', { file: "t.csv" }), /t\.csv:2: unterminated/);
  assert.equal(
    formatCsv(
      ["a", "b"],
      [
        ["x,y", 'q"'],
        [1, 2],
      ],
    ),
    'a,b\n"x,y","q"""\n1,2\n',
  );
});

test("typed CSV tables report the bad cell as file:line:column and missing columns by name", () => {
  const dir = mkdtempSync(join(tmpdir(), "sltk-csv-"));
  const p = join(dir, "s.csv");
  writeCsv(
    p,
    ["score", "label", "group"],
    [
      [0.5, 1, "a"],
      [0.25, 0, "b"],
    ],
  );
  const t = readCsvTable(p, { score: "number", label: "int", group: "string" });
  assert.equal(t.n, 2);
  assert.deepEqual(Array.from(t.columns.score as Float64Array), [0.5, 0.25]);
  writeFileSync(p, "score,label\n0.5,1\nabc,0\n");
  assert.throws(
    () => readCsvTable(p, { score: "number", label: "int" }),
    (e: Error) =>
      e instanceof InputError && e.message.includes(`${p}:3:1 (score)`) && /'abc'/.test(e.message),
  );
  assert.throws(() => readCsvTable(p, { group: "string", score: "number" }), /missing column 'group'/);
  assert.throws(() => readCsvTable(join(dir, "none.csv"), { x: "number" }), /none\.csv: cannot read file/);
});

test("IDX decoding (plain and gzip) and truncation errors", async () => {
  const { gzipSync } = await import("node:zlib");
  const raw = new Uint8Array([0, 0, 8, 2, 0, 0, 0, 2, 0, 0, 0, 3, 1, 2, 3, 4, 5, 6]);
  for (const buf of [raw, new Uint8Array(gzipSync(raw))]) {
    const a = decodeIdx(buf);
    assert.deepEqual(a.dims, [2, 3]);
    assert.deepEqual(Array.from(a.data), [1, 2, 3, 4, 5, 6]);
  }
  assert.throws(() => decodeIdx(raw.subarray(0, 15), "x.idx"), /x\.idx: truncated/);
  assert.throws(() => decodeIdx(new Uint8Array([1, 2, 3, 4]), "y"), /bad magic/);
});

test("RTTM and UEM parse, round-trip, and name bad lines", () => {
  const segs = parseRttm("SPEAKER trñ00 1 3.168 0.800 <NA> <NA> MÉO069 <NA> <NA>\n", "a.rttm");
  assert.deepEqual(segs, [{ file: "trñ00", channel: "1", onset: 3.168, duration: 0.8, speaker: "MÉO069" }]);
  const dir = mkdtempSync(join(tmpdir(), "sltk-rttm-"));
  writeRttm(join(dir, "o.rttm"), segs);
  assert.deepEqual(readRttm(join(dir, "o.rttm")), segs);
  assert.throws(() => parseRttm("SPEAKER f 1 x 1 <NA> <NA> A <NA> <NA>", "b.rttm"), /b\.rttm:1:4/);
  assert.deepEqual(parseUem("f NA 0.000 30.000\n", "u"), [
    { file: "f", channel: "NA", onset: 0, offset: 30 },
  ]);
  assert.throws(() => parseUem("f NA 5 1\n", "u.uem"), /u\.uem:1: offset 1 is before onset 5/);
});

test("real data: Fashion-MNIST, Adult and the AMI RTTM/UEM", { skip: !hasData }, async () => {
  const test10 = await loadFashionMnist("test", { limit: 10 });
  assert.equal(test10.n, 10);
  assert.equal(test10.images.length, 10 * 28 * 28);
  assert.deepEqual(Array.from(test10.labels), [9, 2, 1, 1, 6, 1, 4, 6, 5, 7]);
  const { train, test: te } = await loadAdult();
  assert.equal(train.n, 32561);
  assert.equal(te.n, 16281);
  const pos = train.labels.reduce((a, b) => a + b, 0);
  assert.equal(pos, 7841);
  const enc = encodeAdult(train, te);
  assert.equal(enc.xTrain.length, train.n * enc.dim);
  assert.ok(enc.featureNames.includes("sex=Female") && enc.featureNames.includes("age"));
  const ageCol = enc.featureNames.indexOf("age");
  let mean = 0;
  for (let r = 0; r < train.n; r++) mean += enc.xTrain[r * enc.dim + ageCol];
  assert.ok(Math.abs(mean / train.n) < 1e-6);
  const dir = join(process.env.SLTK_DATA!, "speech/ami-debug");
  const rttm = readRttm(join(dir, "debug.train.rttm"));
  assert.equal(rttm.length, 77);
  assert.ok(rttm.some((s) => s.speaker === "MÉO069"));
  assert.equal(readUem(join(dir, "debug.train.uem")).length, 10);
  assert.match(readFileSync(join(dir, "debug.train.lst"), "utf8"), /tr/);
});
