/**
 * `sltk avatar edit`: the customisation page's server. The page edits any component of a spec with a live preview
 * of the avatar and the whole sticker pack, and exports the pack (SVG + PNG + pack.json) into the folder given on
 * the command line; the spec can also be downloaded from the page.
 */

import { InputError } from "../util/errors.js";
import { components } from "./catalogue.js";
import { editPageHtml } from "./edit-page.js";
import { renderPack, writePack } from "./pack.js";
import { avatarSvg } from "./render.js";
import { type LocalServer, type Req, type Res, startLocalServer } from "./server.js";
import { type AvatarSpec, validateSpec } from "./spec.js";
import { STICKERS, stickerSvg } from "./stickers.js";

/** Options of {@link startEditServer}. */
export interface EditServerOptions {
  spec: AvatarSpec;
  /** Folder the export writes to; without it the page can only download the spec. */
  outDir?: string;
  port?: number;
  /** Called after each export with the folder written. */
  onExport?: (dir: string, files: number) => void;
}

function specFrom(body: unknown): AvatarSpec {
  return validateSpec((body as { spec?: unknown } | null)?.spec, "request");
}

/** Starts the customisation server. */
export async function startEditServer(opts: EditServerOptions): Promise<LocalServer> {
  let current = opts.spec;
  return startLocalServer(
    [
      {
        method: "GET",
        path: "/",
        handler: () => ({ body: editPageHtml(), type: "text/html; charset=utf-8" }),
      },
      {
        method: "GET",
        path: "/api/catalogue",
        handler: (): Res => ({
          json: {
            components: components(),
            spec: current,
            canExport: Boolean(opts.outDir),
            outDir: opts.outDir ?? null,
          },
        }),
      },
      {
        method: "POST",
        path: "/api/render",
        handler: (req: Req): Res => {
          const spec = specFrom(req.body);
          current = spec;
          return {
            json: {
              avatar: avatarSvg(spec),
              stickers: STICKERS.map((d) => ({ id: d.id, caption: d.caption, svg: stickerSvg(spec, d) })),
            },
          };
        },
      },
      {
        method: "POST",
        path: "/api/thumbs",
        handler: (req: Req): Res => {
          const spec = specFrom(req.body);
          const id = String((req.body as { component?: string }).component);
          const def = components().find((c) => c.id === id);
          if (!def) throw new InputError(`unknown component '${id}'`);
          return {
            json: def.options.map((v) => ({
              value: v,
              svg: avatarSvg(spec, { overrides: { [id]: v }, background: false }),
            })),
          };
        },
      },
      {
        method: "POST",
        path: "/api/export",
        handler: (req: Req): Res => {
          const spec = specFrom(req.body);
          if (!opts.outDir)
            return {
              json: { error: "start the editor with --out DIR to export the pack (or download the spec)" },
              status: 409,
            };
          const pack = renderPack(spec);
          const m = writePack(opts.outDir, spec, pack, { notes: ["exported from the customisation page"] });
          const files = 3 + 2 * m.stickers.length;
          opts.onExport?.(opts.outDir, files);
          return { json: { outDir: opts.outDir, files, stickers: m.stickers.map((s) => s.png) } };
        },
      },
    ],
    opts.port ?? 0,
  );
}
