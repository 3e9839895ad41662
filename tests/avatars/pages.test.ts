import assert from "node:assert/strict";
import { existsSync, mkdtempSync, readdirSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, test } from "node:test";
import { type Browser, chromium } from "playwright-core";
import { PNG } from "pngjs";
import { startEditServer } from "../../src/avatars/edit-server.js";
import { encodePng } from "../../src/avatars/image.js";
import { startLabelServer } from "../../src/avatars/label-server.js";
import { LabelStore } from "../../src/avatars/labels-db.js";
import { defaultSpec } from "../../src/avatars/spec.js";
import { writeFileAtomic } from "../../src/util/fs.js";
import { solid } from "./helpers.js";

let browser: Browser;

before(async () => {
  browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
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
});
after(async () => {
  await browser?.close();
});

/** Share of screenshot pixels that differ from the most common colour (0 = blank). */
function nonBlank(png: Buffer): number {
  const p = PNG.sync.read(png);
  const counts = new Map<number, number>();
  for (let i = 0; i < p.data.length; i += 4) {
    const k = (p.data[i] << 16) | (p.data[i + 1] << 8) | p.data[i + 2];
    counts.set(k, (counts.get(k) ?? 0) + 1);
  }
  return 1 - Math.max(...counts.values()) / (p.width * p.height);
}

test("labelling page: a rater labels photos by clicking illustrations; labels land in SQLite", async () => {
  const dir = mkdtempSync(join(tmpdir(), "sltk-avatar-label-"));
  const store = new LabelStore(join(dir, "labels.sqlite"));
  for (const [i, rgb] of [
    [200, 120, 80],
    [80, 120, 200],
  ].entries()) {
    const f = join(dir, `photo${i}.png`);
    writeFileAtomic(
      f,
      encodePng(
        solid(96, 96, rgb as [number, number, number], { x: 30, y: 30, w: 36, h: 36, rgb: [20, 20, 20] }),
      ),
    );
    store.addItem(f);
  }
  const server = await startLabelServer({ store, attributes: ["glasses", "hairLength"] });
  const page = await browser.newPage({ viewport: { width: 1100, height: 800 } });
  const external: string[] = [];
  page.on("request", (r) => {
    if (!r.url().startsWith(server.url) && !r.url().startsWith("data:")) external.push(r.url());
  });
  try {
    await page.goto(server.url);
    await page.fill("#rater", "ann");
    await page.click("#start");
    await page.waitForSelector("#options .opt");
    assert.equal(await page.locator("#options .opt").count(), 3, "glasses: none / glasses / sunglasses");
    await page.waitForFunction(
      () => (document.querySelector("#photo") as HTMLImageElement).naturalWidth === 96,
    );
    await page.waitForFunction(() =>
      Array.from(document.querySelectorAll("#options img")).every(
        (i) => (i as HTMLImageElement).naturalWidth > 0,
      ),
    );
    const shot = await page.screenshot();
    assert.ok(nonBlank(shot) > 0.05, `screenshot mostly blank (${nonBlank(shot)})`);
    await page.click('#options .opt[data-choice="sunglasses"]');
    await page.waitForFunction(() =>
      document.querySelector("#progress")?.textContent?.startsWith("Labelled 1 of 4"),
    );
    await page.keyboard.press("3"); // hairLength option 3 = medium
    await page.waitForFunction(() =>
      document.querySelector("#progress")?.textContent?.startsWith("Labelled 2 of 4"),
    );
    await page.click('#options .opt[data-choice="none"]');
    await page.click('#options .opt[data-choice="long"]');
    await page.waitForSelector("#done", { state: "visible" });
    await page.waitForFunction(() => document.querySelector("#stats table"));
    assert.match((await page.textContent("#stats")) ?? "", /glasses\s*2\s*2\s*1/);
  } finally {
    await page.close();
    await server.close();
  }
  const c = store.consensus("glasses");
  assert.deepEqual(
    [...c.values()].map((v) => v.label),
    ["sunglasses", "none"],
  );
  assert.deepEqual(
    [...store.consensus("hairLength").values()].map((v) => v.label),
    ["medium", "long"],
  );
  store.close();
  assert.deepEqual(external, [], "the page made no request outside the local server");
});

test("customisation page: edit components with live preview, then export the pack", async () => {
  const out = mkdtempSync(join(tmpdir(), "sltk-avatar-edit-"));
  const server = await startEditServer({ spec: defaultSpec(), outDir: out });
  const page = await browser.newPage({ viewport: { width: 1200, height: 900 } });
  try {
    await page.goto(server.url);
    await page.waitForFunction(() => document.body.dataset.renders === "1");
    assert.equal(await page.locator("#stickers img").count(), 16);
    const before = await page.innerHTML("#preview");
    await page.selectOption('select[data-component="glasses"]', "variant02");
    await page.waitForFunction(() => document.body.dataset.renders === "2");
    const after = await page.innerHTML("#preview");
    assert.notEqual(after, before, "preview updated after choosing sunglasses");
    await page.click('button[data-next="hair"]');
    await page.waitForFunction(() => document.body.dataset.renders === "3");
    await page.click('button[data-swatch="hairColor"][title="#e8e1e1"]');
    await page.waitForFunction(() => document.body.dataset.renders === "4");
    assert.match(await page.innerHTML("#preview"), /e8e1e1/i);
    await page.waitForFunction(() =>
      Array.from(document.querySelectorAll("#stickers img")).every(
        (i) => (i as HTMLImageElement).naturalWidth > 0,
      ),
    );
    const shot = await page.screenshot();
    assert.ok(nonBlank(shot) > 0.1, `screenshot mostly blank (${nonBlank(shot)})`);
    await page.click("#export");
    await page.waitForFunction(() =>
      /wrote \d+ files/.test(document.querySelector("#status")?.textContent ?? ""),
    );
  } finally {
    await page.close();
    await server.close();
  }
  const pack = JSON.parse(readFileSync(join(out, "pack.json"), "utf8"));
  assert.equal(pack.spec.components.glasses, "variant02");
  assert.equal(pack.spec.components.hairColor, "#e8e1e1");
  assert.ok(existsSync(join(out, "avatar.png")));
  assert.equal(readdirSync(join(out, "stickers")).filter((f) => f.endsWith(".png")).length, 16);
});
