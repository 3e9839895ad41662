/**
 * A tiny local HTTP server for the labelling and customisation pages: bound to 127.0.0.1 only, rejects requests
 * whose Host header is not local (DNS rebinding), serves pages with a Content-Security-Policy that forbids any
 * request to another origin, and routes JSON APIs. Nothing here talks to the network beyond the loopback.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { InputError } from "../util/errors.js";

/** A request as the route handlers see it. */
export interface Req {
  method: string;
  path: string;
  query: URLSearchParams;
  body: unknown;
}

/** A handler's answer: JSON (object), or raw bytes/text with a content type. */
export type Res =
  | { json: unknown; status?: number }
  | { body: string | Uint8Array; type: string; status?: number };

/** A route: method, path pattern (exact, or a prefix ending in `*`), handler. */
export interface Route {
  method: "GET" | "POST";
  path: string;
  handler: (req: Req) => Res | Promise<Res>;
}

/** A running local server. */
export interface LocalServer {
  url: string;
  port: number;
  close(): Promise<void>;
}

const CSP =
  "default-src 'none'; script-src 'unsafe-inline'; style-src 'unsafe-inline'; img-src 'self' data: blob:; connect-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

async function readBody(req: IncomingMessage, limit: number): Promise<unknown> {
  const chunks: Buffer[] = [];
  let n = 0;
  for await (const c of req) {
    n += (c as Buffer).length;
    if (n > limit) throw new InputError(`request body over ${limit} bytes`);
    chunks.push(c as Buffer);
  }
  if (n === 0) return null;
  try {
    return JSON.parse(Buffer.concat(chunks).toString("utf8"));
  } catch {
    throw new InputError("request body is not valid JSON");
  }
}

function send(res: ServerResponse, r: Res): void {
  const headers: Record<string, string> = {
    "cache-control": "no-store",
    "x-content-type-options": "nosniff",
    "content-security-policy": CSP,
    "referrer-policy": "no-referrer",
  };
  if ("json" in r) {
    res.writeHead(r.status ?? 200, { ...headers, "content-type": "application/json; charset=utf-8" });
    res.end(JSON.stringify(r.json));
  } else {
    res.writeHead(r.status ?? 200, { ...headers, "content-type": r.type });
    res.end(r.body);
  }
}

/** Starts a server on 127.0.0.1 (port 0 = any free port). */
export function startLocalServer(routes: Route[], port = 0): Promise<LocalServer> {
  if (!Number.isInteger(port) || port < 0 || port > 65535)
    return Promise.reject(new InputError(`port must be 0-65535 (0 = any free port), got ${port}`, "--port"));
  const server: Server = createServer(async (req, res) => {
    try {
      const host = String(req.headers.host ?? "");
      if (!/^(127\.0\.0\.1|localhost|\[::1\])(:\d+)?$/.test(host)) {
        send(res, { json: { error: "only local requests are served" }, status: 403 });
        return;
      }
      const url = new URL(req.url ?? "/", "http://127.0.0.1");
      const method = req.method ?? "GET";
      const route = routes.find(
        (r) =>
          r.method === method &&
          (r.path.endsWith("*") ? url.pathname.startsWith(r.path.slice(0, -1)) : url.pathname === r.path),
      );
      if (!route) {
        send(res, { json: { error: `no route ${method} ${url.pathname}` }, status: 404 });
        return;
      }
      const body = method === "POST" ? await readBody(req, 4_000_000) : null;
      send(res, await route.handler({ method, path: url.pathname, query: url.searchParams, body }));
    } catch (e) {
      const status = e instanceof InputError ? 400 : 500;
      send(res, { json: { error: String((e as Error).message ?? e).split("\n")[0] }, status });
    }
  });
  return new Promise((resolve, reject) => {
    server.once("error", (e) =>
      reject(new InputError(`cannot listen on 127.0.0.1:${port} (${(e as Error).message})`, "--port")),
    );
    server.listen(port, "127.0.0.1", () => {
      const p = (server.address() as AddressInfo).port;
      resolve({
        url: `http://127.0.0.1:${p}/`,
        port: p,
        close: () =>
          new Promise<void>((r) => {
            server.closeAllConnections?.();
            server.close(() => r());
          }),
      });
    });
  });
}

/** Shared page chrome: CSS for both pages. */
export const PAGE_CSS = `body{font-family:system-ui,-apple-system,Segoe UI,Roboto,sans-serif;margin:0;color:#222;background:#f6f6f4}
header{background:#243447;color:#fff;padding:.6em 1em}header h1{font-size:1.15em;margin:0}header p{margin:.2em 0 0;font-size:.85em;opacity:.85}
main{padding:1em;max-width:1200px;margin:auto}button{font:inherit;cursor:pointer;border:1px solid #999;border-radius:6px;background:#fff;padding:.35em .8em}
button:hover{background:#eef}button.primary{background:#2b6cb0;color:#fff;border-color:#2b6cb0}
.muted{color:#666;font-size:.9em}table{border-collapse:collapse}td,th{border:1px solid #ccc;padding:3px 8px;text-align:right}th{background:#eee}
td:first-child,th:first-child{text-align:left}`;
