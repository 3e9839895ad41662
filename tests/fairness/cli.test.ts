import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, test } from "node:test";
import { Rng } from "../../src/util/rng.js";

const dir = mkdtempSync(join(tmpdir(), "sltk-fairness-"));
after(() => rmSync(dir, { recursive: true, force: true }));

const run = (args: string[]) =>
  spawnSync(process.execPath, ["bin/sltk.mjs", "fairness", ...args], { encoding: "utf8" });

function csv(name: string, text: string): string {
  const p = join(dir, name);
  writeFileSync(p, text);
  return p;
}

const rng = new Rng(5);
const rows = ["id,score,label,group"];
for (let i = 0; i < 300; i++) {
  const g = ["north", "south", "east"][i % 3];
  const y = rng.bernoulli(g === "north" ? 0.35 : 0.55) ? 1 : 0;
  rows.push(`${i},${(y * (g === "east" ? 0.7 : 1.5) + rng.normal()).toFixed(3)},${y},${g}`);
}
const good = csv("good.csv", `${rows.join("\n")}\n`);
const base = ["--data", good, "--score", "score", "--label", "label", "--group", "group"];

test("fit --json prints the contract's fields; predict writes reproducible decisions", () => {
  const model = join(dir, "post.json");
  const r = run([
    "fit",
    ...base,
    "--constraint",
    "equalized_odds",
    "--objective",
    "accuracy",
    "--save",
    model,
    "--json",
  ]);
  assert.equal(r.status, 0, r.stderr);
  const j = JSON.parse(r.stdout);
  for (const k of ["constraint", "objective", "accuracy", "objective_value", "groups"]) assert.ok(k in j, k);
  assert.equal(j.constraint, "equalized_odds");
  assert.deepEqual(Object.keys(j.groups).sort(), ["east", "north", "south"]);
  for (const g of Object.values(j.groups) as any[]) {
    for (const k of ["thresholds", "mix", "tpr", "fpr", "selection_rate", "n"]) assert.ok(k in g, k);
    assert.ok(Math.abs(g.tpr - j.groups.east.tpr) < 1e-9 && Math.abs(g.fpr - j.groups.east.fpr) < 1e-9);
  }
  const out1 = join(dir, "p1.csv");
  const out2 = join(dir, "p2.csv");
  const pred = [
    "predict",
    "--model",
    model,
    "--data",
    good,
    "--score",
    "score",
    "--group",
    "group",
    "--seed",
    "3",
  ];
  assert.equal(run([...pred, "--out", out1]).status, 0);
  assert.equal(run([...pred, "--out", out2]).status, 0);
  const a = readFileSync(out1, "utf8");
  assert.equal(a, readFileSync(out2, "utf8"));
  const lines = a.trim().split("\n");
  assert.equal(lines[0], "row,group,score,probability,prediction");
  assert.equal(lines.length, 301);
  assert.ok(lines.slice(1).every((l) => /,[01]$/.test(l)));
});

test("fico --json reports the five criteria", { skip: !process.env.SLTK_DATA }, () => {
  const r = run(["fico", "--json"]);
  assert.equal(r.status, 0, r.stderr);
  const j = JSON.parse(r.stdout);
  assert.equal(j.strategies.length, 5);
  const eo = j.strategies.find((s: any) => s.constraint === "equal_opportunity");
  assert.ok(Math.abs(eo.fraction_of_max_profit - 0.9303) < 0.005);
  assert.ok("cutoff" in eo.groups.Black && "mix" in eo.groups.Black);
});

/** Runs a command that must fail with exit code 2 and a one-line message matching `re`. */
function bad(args: string[], re: RegExp) {
  const r = run(args);
  assert.equal(r.status, 2, `exit ${r.status}: ${r.stderr}`);
  const msg = r.stderr.trim();
  assert.equal(msg.split("\n").length, 1, msg);
  assert.match(msg, re);
}

const fitArgs = (data: string, constraint = "equal_opportunity") => [
  "fit",
  "--data",
  data,
  "--score",
  "score",
  "--label",
  "label",
  "--group",
  "group",
  "--constraint",
  constraint,
  "--objective",
  "accuracy",
];

test("bad input: missing column names the column and the option", () => {
  bad(
    [
      "fit",
      ...base.slice(0, 2),
      "--score",
      "prob",
      ...base.slice(4),
      "--constraint",
      "none",
      "--objective",
      "accuracy",
    ],
    /--score: column 'prob' not found/,
  );
});

test("bad input: a non-numeric or NaN score names file:line:column", () => {
  const p = csv("text.csv", "score,label,group\n0.1,0,a\n0.2,1,b\nabc,1,a\n");
  bad(fitArgs(p), /text\.csv:4:1: score 'abc' is not a finite number/);
  const q = csv("nan.csv", "group,label,score\na,0,0.1\nb,1,NaN\n");
  bad(fitArgs(q), /nan\.csv:3:3: score 'NaN' is not a finite number/);
});

test("bad input: labels that are not binary", () => {
  const p = csv("three.csv", "score,label,group\n0.1,0,a\n0.2,1,b\n0.3,2,a\n");
  bad(fitArgs(p), /three\.csv:4:2: labels are not binary: third distinct value '2'/);
  const b = csv("bool.csv", "score,label,group\n0.1,false,a\n0.2,true,b\n");
  bad(fitArgs(b), /bool\.csv:2:2: label 'false' is not 0 or 1 \(column label; use --positive-label VALUE\)/);
  const q = csv("words.csv", "score,label,group\n0.1,no,a\n0.2,yes,b\n0.3,maybe,a\n");
  bad(
    [...fitArgs(q), "--positive-label", "yes"],
    /words\.csv:4:2: labels are not binary: third distinct value 'maybe'/,
  );
});

test("bad input: a group without positives when the criterion needs them names the group", () => {
  const p = csv("nopos.csv", "score,label,group\n0.1,0,a\n0.9,1,a\n0.3,0,b\n0.4,0,b\n");
  bad(fitArgs(p), /group 'b' has no positives; equal_opportunity needs them/);
});

test("bad input: a single group", () => {
  const p = csv("one.csv", "score,label,group\n0.1,0,a\n0.9,1,a\n");
  bad(fitArgs(p, "none"), /only one group \('a'\)/);
});

test("bad input: a group at predict time unseen in fit names file:line and the group", () => {
  const model = join(dir, "post-none.json");
  assert.equal(run([...fitArgs(good, "none"), "--save", model]).status, 0);
  const p = csv("new.csv", "score,group\n0.1,north\n0.2,west\n");
  bad(
    [
      "predict",
      "--model",
      model,
      "--data",
      p,
      "--score",
      "score",
      "--group",
      "group",
      "--out",
      join(dir, "x.csv"),
    ],
    /new\.csv:3: group 'west' was not seen in fit/,
  );
});

test("bad usage: unknown criterion, gain without profit", () => {
  bad(
    [...fitArgs(good).slice(0, -4), "--constraint", "fair", "--objective", "accuracy"],
    /--constraint: expected one of none, single_threshold/,
  );
  bad([...fitArgs(good), "--gain", "2"], /--gain: --gain and --cost apply to --objective profit only/);
});
