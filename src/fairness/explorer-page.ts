/**
 * The explorer's HTML: inline CSS, an inline SVG ROC chart and a small vanilla script (no network access, no
 * libraries), so the same page works served on localhost and inside the report's sandboxed iframe.
 */

const CSS = `
body{font:14px/1.4 system-ui,sans-serif;margin:12px;color:#222}
h2{font-size:17px;margin:0 0 8px}
.buttons button{margin:0 6px 6px 0;padding:5px 10px;border:1px solid #888;background:#f4f4f4;border-radius:4px;cursor:pointer}
.buttons button.active{background:#2b6cb0;color:#fff;border-color:#2b6cb0}
.row{display:flex;gap:18px;flex-wrap:wrap;align-items:flex-start}
.side{flex:1;min-width:420px}
.ctl{margin:4px 0 10px}
.ctl label{display:inline-block;min-width:130px;font-weight:600}
.ctl input{width:230px;vertical-align:middle}
.ctl .t{font-family:monospace;margin-left:6px}
table{border-collapse:collapse;margin-top:8px}
td,th{border:1px solid #ccc;padding:3px 7px;text-align:right;font-variant-numeric:tabular-nums}
th{background:#f0f0f0}td:first-child,th:first-child{text-align:left}
.summary{margin-top:8px}.summary b{font-variant-numeric:tabular-nums}
.note{color:#666;font-size:12px;margin-top:6px}
.sw{display:inline-block;width:10px;height:10px;border-radius:5px;margin-right:5px}
`;

const SCRIPT = `
"use strict";
const D = JSON.parse(document.getElementById("data").textContent);
const COLORS = ["#4c78a8","#f58518","#e45756","#72b7b2","#54a24b","#eeca3b","#b279a2","#ff9da6"];
const NAMES = {none:"max objective (no constraint)",single_threshold:"single threshold",demographic_parity:"demographic parity",equal_opportunity:"equal opportunity",equalized_odds:"equalized odds"};
const num = (v) => v === "Infinity" ? Infinity : v === "-Infinity" ? -Infinity : v;
const G = D.groups.map((g) => {
  const m = g.scores.length, cp = [0], cn = [0];
  for (let i = 0; i < m; i++) { cp.push(cp[i] + g.pos[i]); cn.push(cn[i] + g.neg[i]); }
  return { name: g.name, s: g.scores, cp, cn, P: cp[m], N: cn[m] };
});
const pooled = [...new Set(D.groups.flatMap((g) => g.scores))].sort((a, b) => b - a);
const M = pooled.length;
function gridT(i) {
  if (i <= 0) return Infinity;
  if (i >= M) return -Infinity;
  const hi = pooled[i - 1], lo = pooled[i], mid = lo + (hi - lo) / 2;
  return mid < hi ? mid : lo;
}
function countAbove(g, t) { let lo = 0, hi = g.s.length; while (lo < hi) { const m = (lo + hi) >> 1; if (g.s[m] > t) lo = m + 1; else hi = m; } return lo; }
const state = G.map(() => ({ t: [Infinity], mix: 0, pc: 0, cr: 0 }));
let active = null;
function rates(a) {
  const g = G[a], st = state[a];
  const k0 = countAbove(g, st.t[0]), k1 = st.t.length > 1 ? countAbove(g, st.t[1]) : k0, q = 1 - st.pc;
  const tp = q * ((1 - st.mix) * g.cp[k0] + st.mix * g.cp[k1]) + st.pc * st.cr * g.P;
  const fp = q * ((1 - st.mix) * g.cn[k0] + st.mix * g.cn[k1]) + st.pc * st.cr * g.N;
  const n = g.P + g.N;
  return { tp, fp, n, tpr: g.P > 0 ? tp / g.P : NaN, fpr: g.N > 0 ? fp / g.N : NaN, sel: (tp + fp) / n };
}
const fmt = (x) => Number.isFinite(x) ? x.toFixed(4) : "-";
const fmtT = (t) => t === Infinity ? "+inf" : t === -Infinity ? "-inf" : String(+t.toPrecision(5));
function spread(xs) { const v = xs.filter(Number.isFinite); return v.length < 2 ? 0 : Math.max(...v) - Math.min(...v); }
const W = 380, PAD = 36;
const X = (f) => PAD + f * (W - PAD - 10), Y = (t) => W - PAD - t * (W - PAD - 10);
function svgEl(tag, attrs) { const e = document.createElementNS("http://www.w3.org/2000/svg", tag); for (const k in attrs) e.setAttribute(k, attrs[k]); return e; }
function drawStatic() {
  const svg = document.getElementById("roc");
  svg.setAttribute("width", W); svg.setAttribute("height", W);
  svg.appendChild(svgEl("rect", { x: 0, y: 0, width: W, height: W, fill: "#fff" }));
  svg.appendChild(svgEl("rect", { x: X(0), y: Y(1), width: X(1) - X(0), height: Y(0) - Y(1), fill: "none", stroke: "#999" }));
  svg.appendChild(svgEl("line", { x1: X(0), y1: Y(0), x2: X(1), y2: Y(1), stroke: "#bbb", "stroke-dasharray": "4 3" }));
  for (const v of [0, 0.25, 0.5, 0.75, 1]) {
    const tx = svgEl("text", { x: X(v), y: W - PAD + 14, "font-size": 10, "text-anchor": "middle" }); tx.textContent = v; svg.appendChild(tx);
    const ty = svgEl("text", { x: PAD - 4, y: Y(v) + 3, "font-size": 10, "text-anchor": "end" }); ty.textContent = v; svg.appendChild(ty);
  }
  const xl = svgEl("text", { x: X(0.5), y: W - 4, "font-size": 11, "text-anchor": "middle" }); xl.textContent = "false positive rate"; svg.appendChild(xl);
  const yl = svgEl("text", { x: 11, y: Y(0.5), "font-size": 11, "text-anchor": "middle", transform: "rotate(-90 11 " + Y(0.5) + ")" }); yl.textContent = "true positive rate"; svg.appendChild(yl);
  G.forEach((g, a) => {
    const pts = g.cp.map((p, k) => X(g.N ? g.cn[k] / g.N : 0).toFixed(1) + "," + Y(g.P ? p / g.P : 0).toFixed(1)).join(" ");
    svg.appendChild(svgEl("polyline", { points: pts, fill: "none", stroke: COLORS[a % COLORS.length], "stroke-width": 1.5, opacity: 0.8 }));
  });
  G.forEach((g, a) => svg.appendChild(svgEl("circle", { id: "pt-" + a, r: 6, fill: COLORS[a % COLORS.length], stroke: "#000", "stroke-width": 1 })));
}
function sliderIndexFor(a, t) {
  const k = countAbove(G[a], t);
  for (let i = 0; i <= M; i++) if (countAbove(G[a], gridT(i)) >= k) return i;
  return M;
}
function buildControls() {
  const box = document.getElementById("controls");
  G.forEach((g, a) => {
    const d = document.createElement("div"); d.className = "ctl";
    d.innerHTML = '<label><span class="sw" style="background:' + COLORS[a % COLORS.length] + '"></span></label>';
    d.firstChild.appendChild(document.createTextNode(g.name));
    const inp = document.createElement("input");
    inp.type = "range"; inp.min = 0; inp.max = M; inp.step = 1; inp.id = "slider-" + a; inp.setAttribute("aria-label", "threshold of " + g.name);
    inp.addEventListener("input", () => { state[a] = { t: [gridT(M - Number(inp.value))], mix: 0, pc: 0, cr: 0 }; active = null; update(); });
    const t = document.createElement("span"); t.className = "t"; t.id = "thr-" + a;
    d.appendChild(inp); d.appendChild(t); box.appendChild(d);
  });
}
function buildButtons() {
  const box = document.getElementById("buttons");
  for (const c of Object.keys(NAMES)) {
    const sol = D.solutions[c]; if (!sol) continue;
    const b = document.createElement("button"); b.id = "snap-" + c; b.dataset.criterion = c;
    b.textContent = NAMES[c] + " (" + sol.objective.toFixed(4) + ")";
    b.addEventListener("click", () => snap(c)); box.appendChild(b);
  }
}
function snap(c) {
  const sol = D.solutions[c];
  sol.groups.forEach((s, a) => { state[a] = { t: s.t.map(num), mix: s.mix, pc: s.pc, cr: s.cr }; });
  active = c; update();
}
function update() {
  const R = G.map((_, a) => rates(a));
  let tp = 0, fp = 0, n = 0, N = 0;
  R.forEach((r, a) => { tp += r.tp; fp += r.fp; n += r.n; N += G[a].N; });
  const acc = (tp + N - fp) / n, obj = D.lin.c0 + D.lin.u * tp - D.lin.v * fp;
  document.getElementById("accuracy").textContent = fmt(acc);
  document.getElementById("objective").textContent = fmt(obj);
  document.getElementById("gap-sel").textContent = fmt(spread(R.map((r) => r.sel)));
  document.getElementById("gap-tpr").textContent = fmt(spread(R.map((r) => r.tpr)));
  document.getElementById("gap-fpr").textContent = fmt(spread(R.map((r) => r.fpr)));
  document.getElementById("active").textContent = active ? NAMES[active] : "manual thresholds";
  document.querySelectorAll(".buttons button").forEach((b) => b.classList.toggle("active", b.dataset.criterion === active));
  const body = document.getElementById("rows"); body.textContent = "";
  R.forEach((r, a) => {
    const st = state[a];
    const rule = st.t.map(fmtT).join(" | ") + (st.t.length > 1 ? " (mix " + st.mix.toFixed(3) + ")" : "") + (st.pc > 0 ? "; const " + st.pc.toFixed(3) + "@" + st.cr.toFixed(3) : "");
    const tr = document.createElement("tr");
    for (const [v, id] of [[G[a].name], [rule], [fmt(r.tpr), "tpr-" + a], [fmt(r.fpr), "fpr-" + a], [fmt(r.sel), "sel-" + a], [String(+r.n.toPrecision(8))]]) {
      const td = document.createElement("td"); td.textContent = v; if (id) td.id = id; tr.appendChild(td);
    }
    body.appendChild(tr);
    const p = document.getElementById("pt-" + a);
    p.setAttribute("cx", X(Number.isFinite(r.fpr) ? r.fpr : 0)); p.setAttribute("cy", Y(Number.isFinite(r.tpr) ? r.tpr : 0));
    const sl = document.getElementById("slider-" + a);
    sl.value = String(M - sliderIndexFor(a, st.t[0]));
    document.getElementById("thr-" + a).textContent = "score > " + fmtT(st.t[0]);
  });
}
drawStatic(); buildControls(); buildButtons();
snap(D.solutions.single_threshold ? "single_threshold" : Object.keys(D.solutions)[0]);
document.body.dataset.ready = "1";
`;

function escapeHtml(s: string): string {
  return s.replace(/[&<>"]/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;" })[c]!);
}

/** Builds the explorer page around its data (see `explorerData`). */
export function explorerHtml(data: {
  title: string;
  scoreLabel: string;
  objective: string;
  gain: number;
  cost: number;
}): string {
  const json = JSON.stringify(data).replace(/</g, "\\u003c");
  const objName =
    data.objective === "profit"
      ? `profit per individual (gain ${+data.gain.toPrecision(6)} per TP, cost ${+data.cost.toPrecision(6)} per FP)`
      : data.objective.replace("_", " ");
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>sltk fairness explorer: ${escapeHtml(data.title)}</title>
<style>${CSS}</style></head>
<body>
<h2>Threshold explorer: ${escapeHtml(data.title)}</h2>
<div class="buttons" id="buttons"></div>
<div class="row">
<svg id="roc" role="img" aria-label="ROC curves with operating points"></svg>
<div class="side"><div id="controls"></div>
<div class="summary">criterion: <b id="active"></b><br>accuracy <b id="accuracy"></b><span${data.objective === "accuracy" ? " hidden" : ""}> &middot; ${escapeHtml(objName)} <b id="objective"></b></span><br>
gaps: selection rate <b id="gap-sel"></b>, TPR <b id="gap-tpr"></b>, FPR <b id="gap-fpr"></b></div>
<table><thead><tr><th>group</th><th>rule (${escapeHtml(data.scoreLabel)} &gt; t)</th><th>TPR</th><th>FPR</th><th>selection</th><th>n</th></tr></thead><tbody id="rows"></tbody></table>
<div class="note">Drag a slider to set a group's threshold; a button snaps every group to that criterion's exact
(possibly randomised) rule: mix = probability of the second threshold, const = probability of the constant predictor.</div>
</div></div>
<script type="application/json" id="data">${json}</script>
<script>${SCRIPT}</script>
</body></html>`;
}
