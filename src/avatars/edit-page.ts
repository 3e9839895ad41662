/**
 * The customisation page (HTML + inline script): one control per component (a list with previous/next buttons for
 * choices, a colour picker with swatches for colours), clickable thumbnails of the selected component's options,
 * a live preview of the avatar and all stickers, "Export pack" (written by the local server) and "Download spec".
 */
import { PAGE_CSS } from "./server.js";

/** The page's HTML. */
export function editPageHtml(): string {
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>sltk avatar editor</title>
<style>${PAGE_CSS}
#layout{display:grid;grid-template-columns:340px 1fr;gap:1.2em}#preview{width:320px;height:320px;background:#fff;border:1px solid #ccc;border-radius:10px}
#preview svg{width:100%;height:100%}.row{display:flex;align-items:center;gap:.4em;margin:.25em 0}.row label{width:120px;font-size:.9em}
.row select{width:120px}.row button{padding:.1em .5em}.sw{width:18px;height:18px;border-radius:50%;border:1px solid #888;padding:0}
#thumbs{display:flex;flex-wrap:wrap;gap:.3em;max-height:240px;overflow:auto;background:#fff;border:1px solid #ddd;padding:.3em}
#thumbs button{width:72px;height:72px;padding:0;background:#fafafa}#thumbs button.sel{outline:3px solid #2b6cb0}#thumbs img{width:70px;height:70px}
#stickers{display:grid;grid-template-columns:repeat(auto-fill,minmax(128px,1fr));gap:.5em}#stickers figure{margin:0;background:#b9c7d3;border-radius:8px;padding:4px}
#stickers img{width:100%;display:block}#status{margin-left:.6em}</style></head><body>
<header><h1>sltk avatar editor</h1><p>Change any part; the avatar and stickers update as you go. Everything stays on this computer.</p></header>
<main><div id="layout"><div><div id="preview"></div>
<p><button id="export" class="primary">Export pack</button> <button id="download">Download spec.json</button><span id="status" class="muted"></span></p>
<h3 id="thumbTitle">Options</h3><div id="thumbs"></div></div>
<div><div id="controls"></div></div></div>
<h2>Sticker pack</h2><div id="stickers"></div></main>
<script>
let cat = null, spec = null, focus = "hair", timer = null, seq = 0;
const $ = (id) => document.getElementById(id);
async function api(path, body) {
  const r = await fetch(path, body ? { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(body) } : {});
  const j = await r.json();
  if (!r.ok) throw new Error(j.error || r.statusText);
  return j;
}
const svgUrl = (svg) => "data:image/svg+xml;base64," + btoa(unescape(encodeURIComponent(svg)));
function set(id, value) { spec.components[id] = value; syncControl(id); schedule(); }
function syncControl(id) {
  const el = document.querySelector('[data-component="' + id + '"]');
  if (el) el.value = spec.components[id];
}
function controls() {
  const box = $("controls"); box.innerHTML = "";
  for (const c of cat.components) {
    const row = document.createElement("div"); row.className = "row";
    const label = document.createElement("label"); label.textContent = c.label; row.appendChild(label);
    if (c.kind === "choice") {
      const sel = document.createElement("select"); sel.dataset.component = c.id;
      for (const o of c.options) { const op = document.createElement("option"); op.value = o; op.textContent = o; sel.appendChild(op); }
      sel.value = spec.components[c.id]; sel.onchange = () => set(c.id, sel.value);
      const step = (d) => { const i = c.options.indexOf(spec.components[c.id]); set(c.id, c.options[(i + d + c.options.length) % c.options.length]); };
      const prev = document.createElement("button"); prev.textContent = "<"; prev.title = "previous"; prev.onclick = () => step(-1);
      const next = document.createElement("button"); next.textContent = ">"; next.title = "next"; next.dataset.next = c.id; next.onclick = () => step(1);
      const show = document.createElement("button"); show.textContent = "all"; show.title = "show all options"; show.onclick = () => { focus = c.id; thumbs(); };
      row.append(sel, prev, next, show);
    } else {
      const inp = document.createElement("input"); inp.type = "color"; inp.dataset.component = c.id; inp.value = spec.components[c.id];
      inp.oninput = () => set(c.id, inp.value); row.appendChild(inp);
      for (const o of c.options) { const b = document.createElement("button"); b.className = "sw"; b.style.background = o; b.title = o; b.dataset.swatch = c.id; b.onclick = () => set(c.id, o); row.appendChild(b); }
    }
    box.appendChild(row);
  }
}
async function thumbs() {
  const def = cat.components.find((c) => c.id === focus);
  $("thumbTitle").textContent = "Options: " + def.label;
  const list = await api("/api/thumbs", { spec, component: focus });
  const box = $("thumbs"); box.innerHTML = "";
  for (const t of list) {
    const b = document.createElement("button"); b.title = t.value; b.dataset.value = t.value;
    if (t.value === spec.components[focus]) b.className = "sel";
    const img = document.createElement("img"); img.alt = t.value; img.src = svgUrl(t.svg); b.appendChild(img);
    b.onclick = () => set(focus, t.value); box.appendChild(b);
  }
}
function schedule() { clearTimeout(timer); timer = setTimeout(render, 60); }
async function render() {
  const mine = ++seq;
  const r = await api("/api/render", { spec });
  if (mine !== seq) return;
  $("preview").innerHTML = r.avatar;
  const box = $("stickers"); box.innerHTML = "";
  for (const s of r.stickers) {
    const f = document.createElement("figure"); const img = document.createElement("img");
    img.alt = s.caption; img.src = svgUrl(s.svg); f.appendChild(img); box.appendChild(f);
  }
  document.body.dataset.renders = String(Number(document.body.dataset.renders || 0) + 1);
  thumbs();
}
$("export").onclick = async () => {
  $("status").textContent = "exporting...";
  try { const r = await api("/api/export", { spec }); $("status").textContent = "wrote " + r.files + " files to " + r.outDir; }
  catch (e) { $("status").textContent = e.message; }
};
$("download").onclick = () => {
  const a = document.createElement("a");
  a.href = URL.createObjectURL(new Blob([JSON.stringify(spec, null, 2)], { type: "application/json" }));
  a.download = "spec.json"; a.click();
};
(async () => {
  cat = await api("/api/catalogue"); spec = cat.spec;
  if (!cat.canExport) $("export").title = "start sltk avatar edit with --out DIR to export";
  controls(); await render();
})();
</script></body></html>`;
}
