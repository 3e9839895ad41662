/**
 * `sltk avatar label`: the labelling page's server. It shows raters one registered photo at a time with the
 * candidate illustrations of one attribute (the catalogue's classes drawn on a neutral avatar); the rater picks the
 * closest and the label goes to the SQLite store. Photos are served from the local disk to the local browser only.
 */
import { readFileSync } from "node:fs";
import { InputError } from "../util/errors.js";
import { ATTRIBUTES, attributeDef } from "./attributes.js";
import { sniffFormat } from "./image.js";
import { labelPageHtml } from "./label-page.js";
import type { LabelStore } from "./labels-db.js";
import { avatarSvg } from "./render.js";
import { type LocalServer, type Req, type Res, startLocalServer } from "./server.js";
import { defaultSpec } from "./spec.js";

/** The illustration of one class of an attribute: the neutral avatar with the class's components. */
export function classIcon(attribute: string, classId: string): string {
  const def = attributeDef(attribute);
  const cls = def.classes.find((c) => c.id === classId);
  if (!cls) throw new InputError(`no class '${classId}' in ${attribute}`);
  const spec = defaultSpec();
  spec.components.backgroundColor = "#f1f1ee";
  Object.assign(spec.components, cls.components);
  return avatarSvg(spec);
}

/** Options of {@link startLabelServer}. */
export interface LabelServerOptions {
  store: LabelStore;
  /** Attributes to ask about (default: the learned ones). */
  attributes?: string[];
  port?: number;
  /** A rater name to prefill. */
  rater?: string;
}

function taskJson(store: LabelStore, rater: string, attributes: string[]) {
  const t = store.nextTask(rater, attributes);
  if (!t) return { done: true, total: store.items().length * attributes.length };
  const def = attributeDef(t.attribute);
  return {
    done: false,
    itemId: t.item.id,
    image: `/api/image/${t.item.id}`,
    name: t.item.path.split(/[\\/]/).pop(),
    attribute: t.attribute,
    question: def.question,
    options: def.classes.map((c) => ({ id: c.id, label: c.label, icon: `/api/icon/${t.attribute}/${c.id}` })),
    progress: { done: t.done, total: t.total },
  };
}

/** Starts the labelling server; returns its URL and a `close`. */
export async function startLabelServer(opts: LabelServerOptions): Promise<LocalServer> {
  const store = opts.store;
  const attributes = opts.attributes ?? ATTRIBUTES.filter((a) => a.kind === "learned").map((a) => a.id);
  for (const a of attributes) attributeDef(a);
  const icons = new Map<string, string>();
  const rater = (q: string | null | undefined) => {
    const r = (q ?? "").trim();
    if (!r) throw new InputError("a rater name is required");
    return r;
  };
  return startLocalServer(
    [
      {
        method: "GET",
        path: "/",
        handler: () => ({ body: labelPageHtml({ rater: opts.rater }), type: "text/html; charset=utf-8" }),
      },
      {
        method: "GET",
        path: "/api/task",
        handler: (req: Req): Res => ({ json: taskJson(store, rater(req.query.get("rater")), attributes) }),
      },
      {
        method: "POST",
        path: "/api/label",
        handler: (req: Req): Res => {
          const b = (req.body ?? {}) as {
            rater?: string;
            itemId?: number;
            attribute?: string;
            choice?: string;
          };
          const r = rater(b.rater);
          if (!attributes.includes(String(b.attribute)))
            throw new InputError(`attribute '${b.attribute}' is not being labelled`);
          store.addLabel(Number(b.itemId), r, String(b.attribute), String(b.choice));
          return { json: taskJson(store, r, attributes) };
        },
      },
      {
        method: "GET",
        path: "/api/image/*",
        handler: (req: Req): Res => {
          const item = store.item(Number(req.path.split("/").pop()));
          if (!item || item.path.startsWith("memory:"))
            return { json: { error: "no such image" }, status: 404 };
          const bytes = new Uint8Array(readFileSync(item.path));
          const fmt = sniffFormat(bytes);
          if (!fmt) return { json: { error: "not an image" }, status: 415 };
          return { body: bytes, type: fmt === "png" ? "image/png" : "image/jpeg" };
        },
      },
      {
        method: "GET",
        path: "/api/icon/*",
        handler: (req: Req): Res => {
          const [, , , attribute, cls] = req.path.split("/");
          const key = `${attribute}/${cls}`;
          if (!icons.has(key)) icons.set(key, classIcon(attribute, cls));
          return { body: icons.get(key)!, type: "image/svg+xml" };
        },
      },
      {
        method: "GET",
        path: "/api/stats",
        handler: (): Res => ({
          json: attributes.map((a) => {
            const s = store.agreement(a);
            return {
              attribute: a,
              items: s.items,
              labels: s.labels,
              raters: s.raters,
              kappa: s.kappa.kappa,
              pairwise: s.pairwise,
              withConsensus: s.withConsensus,
            };
          }),
        }),
      },
    ],
    opts.port ?? 0,
  );
}
