import assert from "node:assert/strict";
import { spawn } from "node:child_process";
import { existsSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { test } from "node:test";
import { PNG } from "pngjs";
import { binCurves, explorerData, explorerFromCurves, serveExplorer } from "../../src/fairness/explorer.js";
import { fitPostProcessor } from "../../src/fairness/fit.js";
import { Rng } from "../../src/util/rng.js";

function curves() {
  const rng = new Rng(11);
  const s: number[] = [];
  const y: number[] = [];
  const g: string[] = [];
  for (let i = 0; i < 900; i++) {
    const grp = ["red", "green", "blue"][i % 3];
    const label = rng.bernoulli(grp === "red" ? 0.3 : 0.55) ? 1 : 0;
    s.push(label * (grp === "blue" ? 0.8 : 1.6) + rng.normal());
    y.push(label);
    g.push(grp);
  }
  return fitPostProcessor(s, y, g, { constraint: "none", objective: "accuracy" }).curves;
}

test("binning keeps totals and at most the requested number of common bins", () => {
  const c = curves();
  const b = binCurves(c, 50);
  const pooled = new Set(b.flatMap((x) => Array.from(x.scores)));
  assert.ok(pooled.size <= 50, `${pooled.size} bins`);
  b.forEach((x, a) => {
    assert.equal(x.P, c[a].P);
    assert.equal(x.N, c[a].N);
  });
  const d = explorerData(c, { objective: "accuracy", title: "t", scoreLabel: "s", maxBins: 50 });
  assert.deepEqual(Object.keys(d.solutions).sort(), [
    "demographic_parity",
    "equal_opportunity",
    "equalized_odds",
    "none",
    "single_threshold",
  ]);
});

test("the explorer server answers on 127.0.0.1 only: the page at /, 404 elsewhere", async () => {
  const server = await serveExplorer(
    explorerFromCurves(curves(), { objective: "accuracy", title: "t", scoreLabel: "s" }),
    0,
  );
  try {
    const r = await fetch(`http://127.0.0.1:${server.port}/`);
    assert.equal(r.status, 200);
    const html = await r.text();
    assert.match(html, /<script type="application\/json" id="data">/);
    assert.ok(!/https?:\/\/(?!www\.w3\.org)/.test(html), "the page must not load anything from the network");
    assert.equal((await fetch(`http://127.0.0.1:${server.port}/data.json`)).status, 404);
  } finally {
    await server.close();
  }
});

const CHROMIUM = "/usr/bin/chromium";

test("headless Chromium: snapping to a criterion and dragging a slider update the numbers; the page renders", {
  skip: existsSync(CHROMIUM) ? false : `${CHROMIUM} not installed`,
  timeout: 60_000,
}, async () => {
  const { chromium } = await import("playwright-core");
  const server = await serveExplorer(
    explorerFromCurves(curves(), { objective: "accuracy", title: "synthetic", scoreLabel: "score" }),
    0,
  );
  const browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: [
      "--headless",
      "--no-sandbox",
      "--disable-gpu",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
      "--no-first-run",
    ],
  });
  try {
    const page = await browser.newPage({ viewport: { width: 1000, height: 720 } });
    const errors: string[] = [];
    page.on("pageerror", (e) => errors.push(e.message));
    await page.goto(`http://127.0.0.1:${server.port}/`);
    await page.waitForSelector("body[data-ready='1']");
    const text = (id: string) => page.textContent(`#${id}`);
    assert.equal(await text("active"), "single threshold");
    const acc0 = await text("accuracy");
    await page.click("#snap-equal_opportunity");
    assert.equal(await text("active"), "equal opportunity");
    const tprs = await Promise.all([0, 1, 2].map((a) => text(`tpr-${a}`)));
    assert.equal(new Set(tprs).size, 1, `TPRs differ: ${tprs}`);
    await page.click("#snap-equalized_odds");
    const fprs = await Promise.all([0, 1, 2].map((a) => text(`fpr-${a}`)));
    assert.equal(new Set(fprs).size, 1, `FPRs differ: ${fprs}`);
    const accOdds = await text("accuracy");
    assert.notEqual(accOdds, acc0);
    // Drag group 0's slider to its far left: a low threshold selects (almost) everybody.
    await page.$eval("#slider-0", (el) => {
      const input = el as HTMLInputElement;
      input.value = input.min;
      input.dispatchEvent(new Event("input"));
    });
    assert.equal(await text("active"), "manual thresholds");
    assert.equal(await text("sel-0"), "1.0000");
    assert.notEqual(await text("accuracy"), accOdds);
    const png = PNG.sync.read(await page.screenshot());
    let dark = 0;
    const colours = new Set<number>();
    for (let i = 0; i < png.data.length; i += 4) {
      const [r, g, b] = [png.data[i], png.data[i + 1], png.data[i + 2]];
      if (r + g + b < 600) dark++;
      if (i % 64 === 0) colours.add((r << 16) | (g << 8) | b);
    }
    assert.ok(dark > 0.01 * png.width * png.height, `screenshot nearly blank: ${dark} dark pixels`);
    assert.ok(colours.size > 20, `screenshot has ${colours.size} colours`);
    assert.deepEqual(errors, []);
  } finally {
    await browser.close();
    await server.close();
  }
});

test("sltk fairness explore serves the page and stops on SIGTERM", { timeout: 30_000 }, async () => {
  const dir = mkdtempSync(join(tmpdir(), "sltk-explore-"));
  try {
    const data = join(dir, "d.csv");
    writeFileSync(data, "s,y,g\n0.1,0,a\n0.7,1,a\n0.4,0,b\n0.9,1,b\n0.3,1,a\n0.2,0,b\n");
    const child = spawn(
      process.execPath,
      [
        "bin/sltk.mjs",
        "fairness",
        "explore",
        "--data",
        data,
        "--score",
        "s",
        "--label",
        "y",
        "--group",
        "g",
        "--port",
        "0",
        "--json",
      ],
      { stdio: ["ignore", "pipe", "pipe"] },
    );
    let out = "";
    const url = await new Promise<string>((resolve, reject) => {
      child.stdout.on("data", (b) => {
        out += b;
        const m = /"url": "([^"]+)"/.exec(out);
        if (m) resolve(m[1]);
      });
      child.on("exit", (code) => reject(new Error(`explore exited with ${code}`)));
    });
    assert.match(url, /^http:\/\/127\.0\.0\.1:\d+\/$/);
    const r = await fetch(url);
    assert.equal(r.status, 200);
    assert.match(await r.text(), /Threshold explorer/);
    const code = await new Promise<number | null>((resolve) => {
      child.removeAllListeners("exit");
      child.on("exit", (c) => resolve(c));
      child.kill("SIGTERM");
    });
    assert.equal(code, 0);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
