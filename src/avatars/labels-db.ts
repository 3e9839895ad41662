/**
 * The label store (SQLite via better-sqlite3): images to label (by path and sha256, with a known truth for
 * generated images), raters (human or simulated), and one label per (item, rater, attribute); a rater may change
 * a label. Summaries give per-item votes, consensus and agreement statistics per attribute.
 */
import { createHash } from "node:crypto";
import { readFileSync } from "node:fs";
import Database from "better-sqlite3";
import { InputError } from "../util/errors.js";
import {
  type Consensus,
  consensus,
  fleissKappa,
  type KappaResult,
  pairwiseAgreement,
  type Votes,
} from "./agreement.js";
import { attributeDef } from "./attributes.js";

/** An image registered for labelling. */
export interface LabelItem {
  id: number;
  path: string;
  sha256: string;
  /** Known classes for generated images (JSON), null for real photos. */
  truth: Record<string, string | null> | null;
}

/** Agreement and consensus of one attribute. */
export interface AttributeAgreement {
  attribute: string;
  items: number;
  labels: number;
  raters: number;
  kappa: KappaResult;
  pairwise: number;
  /** Items with a consensus label. */
  withConsensus: number;
  /** For items with a known truth: share of consensus labels equal to it. */
  consensusAccuracy: number | null;
}

const SCHEMA = `
CREATE TABLE IF NOT EXISTS items (
  id INTEGER PRIMARY KEY, path TEXT NOT NULL UNIQUE, sha256 TEXT NOT NULL, truth TEXT, added_at TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS raters (
  id INTEGER PRIMARY KEY, name TEXT NOT NULL UNIQUE, kind TEXT NOT NULL DEFAULT 'human');
CREATE TABLE IF NOT EXISTS labels (
  item_id INTEGER NOT NULL REFERENCES items(id), rater_id INTEGER NOT NULL REFERENCES raters(id),
  attribute TEXT NOT NULL, choice TEXT NOT NULL, created_at TEXT NOT NULL,
  PRIMARY KEY (item_id, rater_id, attribute));
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
`;

/** A label database. Use `":memory:"` for a temporary one. */
export class LabelStore {
  readonly db: Database.Database;
  readonly path: string;

  constructor(path: string) {
    this.path = path;
    try {
      this.db = new Database(path);
      this.db.pragma("journal_mode = WAL");
      this.db.exec(SCHEMA);
    } catch (e) {
      throw new InputError(`cannot open the label database (${(e as Error).message.split("\n")[0]})`, path);
    }
    const v = this.db.prepare("SELECT value FROM meta WHERE key = 'format'").get() as
      | { value: string }
      | undefined;
    if (!v) this.db.prepare("INSERT INTO meta (key, value) VALUES ('format', 'sltk-avatar-labels-1')").run();
    else if (v.value !== "sltk-avatar-labels-1")
      throw new InputError(`not an sltk label database (${v.value})`, path);
  }

  /** Closes the database. */
  close(): void {
    this.db.close();
  }

  /** Registers an image file (idempotent by path); returns its item. */
  addItem(path: string, truth: Record<string, string | null> | null = null, bytes?: Uint8Array): LabelItem {
    const data = bytes ?? readFileSync(path);
    const sha = createHash("sha256").update(data).digest("hex");
    this.db
      .prepare(
        "INSERT INTO items (path, sha256, truth, added_at) VALUES (?, ?, ?, ?) ON CONFLICT(path) DO UPDATE SET sha256 = excluded.sha256, truth = COALESCE(excluded.truth, items.truth)",
      )
      .run(path, sha, truth ? JSON.stringify(truth) : null, new Date().toISOString());
    return this.item(path)!;
  }

  /** An item by path or id. */
  item(key: string | number): LabelItem | null {
    const row = (
      typeof key === "number"
        ? this.db.prepare("SELECT * FROM items WHERE id = ?").get(key)
        : this.db.prepare("SELECT * FROM items WHERE path = ?").get(key)
    ) as { id: number; path: string; sha256: string; truth: string | null } | undefined;
    return row
      ? { id: row.id, path: row.path, sha256: row.sha256, truth: row.truth ? JSON.parse(row.truth) : null }
      : null;
  }

  /** All items, in id order. */
  items(): LabelItem[] {
    const rows = this.db.prepare("SELECT * FROM items ORDER BY id").all() as {
      id: number;
      path: string;
      sha256: string;
      truth: string | null;
    }[];
    return rows.map((r) => ({
      id: r.id,
      path: r.path,
      sha256: r.sha256,
      truth: r.truth ? JSON.parse(r.truth) : null,
    }));
  }

  /** The id of a rater, created on first use. */
  rater(name: string, kind: "human" | "simulated" = "human"): number {
    const n = name.trim();
    if (!n || n.length > 64) throw new InputError("rater name must be 1-64 characters", "rater");
    this.db.prepare("INSERT OR IGNORE INTO raters (name, kind) VALUES (?, ?)").run(n, kind);
    return (this.db.prepare("SELECT id FROM raters WHERE name = ?").get(n) as { id: number }).id;
  }

  /** Stores (or replaces) a rater's label; the choice must be a class of the attribute. */
  addLabel(
    itemId: number,
    raterName: string,
    attribute: string,
    choice: string,
    kind: "human" | "simulated" = "human",
  ): void {
    const def = attributeDef(attribute);
    if (!def.classes.some((c) => c.id === choice))
      throw new InputError(
        `'${choice}' is not a class of ${attribute} (${def.classes.map((c) => c.id).join(", ")})`,
        "label",
      );
    if (!this.item(itemId)) throw new InputError(`no item ${itemId}`, "label");
    const rid = this.rater(raterName, kind);
    this.db
      .prepare(
        "INSERT OR REPLACE INTO labels (item_id, rater_id, attribute, choice, created_at) VALUES (?, ?, ?, ?, ?)",
      )
      .run(itemId, rid, attribute, choice, new Date().toISOString());
  }

  /** Adds many labels in one transaction. */
  addLabels(
    rows: {
      itemId: number;
      rater: string;
      attribute: string;
      choice: string;
      kind?: "human" | "simulated";
    }[],
  ): void {
    this.db.transaction(() => {
      for (const r of rows) this.addLabel(r.itemId, r.rater, r.attribute, r.choice, r.kind ?? "human");
    })();
  }

  /** The next (item, attribute) a rater has not labelled, among `attributes`, or null when done. */
  nextTask(
    raterName: string,
    attributes: string[],
  ): { item: LabelItem; attribute: string; done: number; total: number } | null {
    const rid = this.rater(raterName);
    const items = this.items();
    const done = new Set(
      (
        this.db.prepare("SELECT item_id, attribute FROM labels WHERE rater_id = ?").all(rid) as {
          item_id: number;
          attribute: string;
        }[]
      ).map((r) => `${r.item_id}/${r.attribute}`),
    );
    const total = items.length * attributes.length;
    let count = 0;
    for (const a of attributes) for (const it of items) if (done.has(`${it.id}/${a}`)) count++;
    for (const it of items)
      for (const a of attributes)
        if (!done.has(`${it.id}/${a}`)) return { item: it, attribute: a, done: count, total };
    return null;
  }

  /** Votes per item for one attribute. */
  votes(attribute: string): Map<number, Votes> {
    const rows = this.db
      .prepare(
        "SELECT item_id, choice, COUNT(*) AS n FROM labels WHERE attribute = ? GROUP BY item_id, choice",
      )
      .all(attribute) as { item_id: number; choice: string; n: number }[];
    const out = new Map<number, Votes>();
    for (const r of rows) {
      if (!out.has(r.item_id)) out.set(r.item_id, {});
      out.get(r.item_id)![r.choice] = r.n;
    }
    return out;
  }

  /** Consensus per item for one attribute. */
  consensus(attribute: string, minShare = 0.5): Map<number, Consensus> {
    const out = new Map<number, Consensus>();
    for (const [id, v] of this.votes(attribute)) out.set(id, consensus(v, minShare));
    return out;
  }

  /** Agreement statistics of one attribute. */
  agreement(attribute: string, minShare = 0.5): AttributeAgreement {
    const classes = attributeDef(attribute).classes.map((c) => c.id);
    const votes = this.votes(attribute);
    const counts = [...votes.values()].map((v) => classes.map((c) => v[c] ?? 0));
    const nLabels = counts.reduce((s, r) => s + r.reduce((a, b) => a + b, 0), 0);
    const raters = (
      this.db
        .prepare("SELECT COUNT(DISTINCT rater_id) AS n FROM labels WHERE attribute = ?")
        .get(attribute) as { n: number }
    ).n;
    let withC = 0;
    let known = 0;
    let right = 0;
    for (const [id, v] of votes) {
      const c = consensus(v, minShare);
      if (!c.label) continue;
      withC++;
      const t = this.item(id)?.truth?.[attribute];
      if (t) {
        known++;
        if (t === c.label) right++;
      }
    }
    return {
      attribute,
      items: votes.size,
      labels: nLabels,
      raters,
      kappa: fleissKappa(counts),
      pairwise: pairwiseAgreement(counts),
      withConsensus: withC,
      consensusAccuracy: known ? right / known : null,
    };
  }
}
