import assert from "node:assert/strict";
import { mkdtempSync, readdirSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { test } from "node:test";
import { writeFileAtomic, writeJsonAtomic } from "../../src/util/fs.js";

test("atomic writes leave only the final file, creating folders", () => {
  const dir = mkdtempSync(join(tmpdir(), "sltk-fs-"));
  const p = join(dir, "a", "b.json");
  writeJsonAtomic(p, { x: 1 });
  writeFileAtomic(p, "hello");
  assert.equal(readFileSync(p, "utf8"), "hello");
  assert.deepEqual(readdirSync(join(dir, "a")), ["b.json"]);
});
