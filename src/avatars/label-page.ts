/**
 * The labelling page (HTML + inline script): a rater enters a name, then sees one photo and the candidate
 * illustrations for one attribute and clicks the closest (or presses 1-9). Progress and agreement statistics are
 * shown; every request goes to the local server that served the page.
 */
import { PAGE_CSS } from "./server.js";

function escapeAttr(s: string): string {
  return s.replace(
    /[&<>"']/g,
    (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[c]!,
  );
}

/** The page's HTML. */
export function labelPageHtml(opts: { rater?: string } = {}): string {
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>sltk avatar labelling</title>
<style>${PAGE_CSS}
#task{display:none;gap:1.5em;align-items:flex-start}#photo{max-width:420px;max-height:420px;border-radius:8px;border:1px solid #ccc;background:#fff}
#options{display:flex;flex-wrap:wrap;gap:.6em;margin-top:.6em}
.opt{display:flex;flex-direction:column;align-items:center;width:130px;padding:.4em;background:#fff}
.opt img{width:110px;height:110px}.opt .key{font-size:.75em;color:#888}
#question{font-size:1.2em;margin:.2em 0}#done{display:none}#bar{height:6px;background:#ddd;border-radius:3px;margin:.4em 0}
#bar div{height:6px;background:#2b6cb0;border-radius:3px;width:0}</style></head><body>
<header><h1>sltk avatar labelling</h1><p>Pick the illustration closest to the photo. Photos and labels stay on this computer.</p></header>
<main>
<div id="login"><label>Your rater name <input id="rater" value="${escapeAttr(opts.rater ?? "")}" maxlength="64" autocomplete="off"></label>
<button id="start" class="primary">Start labelling</button> <span id="msg" class="muted"></span></div>
<div id="progress" class="muted"></div><div id="bar"><div></div></div>
<div id="task"><div><img id="photo" alt="photo to label"><div id="name" class="muted"></div></div>
<div><p id="question"></p><div id="options"></div><p class="muted">Keys 1-9 choose an option.</p></div></div>
<div id="done"><h2>All done - thank you!</h2></div>
<h3>Agreement so far</h3><div id="stats" class="muted">-</div>
</main>
<script>
let rater = "", task = null;
const $ = (id) => document.getElementById(id);
async function api(path, body) {
  const r = await fetch(path, body ? { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(body) } : {});
  const j = await r.json();
  if (!r.ok) throw new Error(j.error || r.statusText);
  return j;
}
function show(t) {
  task = t;
  if (t.done) { $("task").style.display = "none"; $("done").style.display = "block"; $("progress").textContent = "Finished " + t.total + " of " + t.total; $("bar").firstChild.style.width = "100%"; stats(); return; }
  $("task").style.display = "flex";
  $("photo").src = t.image;
  $("name").textContent = t.name;
  $("question").textContent = t.question;
  $("progress").textContent = "Labelled " + t.progress.done + " of " + t.progress.total + " (" + t.attribute + ")";
  $("bar").firstChild.style.width = (100 * t.progress.done / Math.max(1, t.progress.total)) + "%";
  const box = $("options"); box.innerHTML = "";
  t.options.forEach((o, k) => {
    const b = document.createElement("button");
    b.className = "opt"; b.dataset.choice = o.id; b.title = o.label;
    b.innerHTML = '<img alt=""><span></span><span class="key"></span>';
    b.querySelector("img").src = o.icon; b.querySelector("span").textContent = o.label; b.querySelector(".key").textContent = "key " + (k + 1);
    b.onclick = () => choose(o.id);
    box.appendChild(b);
  });
}
async function choose(choice) {
  if (!task || task.done) return;
  try { show(await api("/api/label", { rater, itemId: task.itemId, attribute: task.attribute, choice })); stats(); }
  catch (e) { $("msg").textContent = e.message; }
}
async function stats() {
  const s = await api("/api/stats");
  $("stats").innerHTML = "<table><tr><th>attribute</th><th>items</th><th>labels</th><th>raters</th><th>Fleiss kappa</th><th>pairwise agreement</th></tr>" +
    s.map((r) => "<tr><td>" + r.attribute + "</td><td>" + r.items + "</td><td>" + r.labels + "</td><td>" + r.raters + "</td><td>" +
      (r.kappa === null || isNaN(r.kappa) ? "-" : r.kappa.toFixed(3)) + "</td><td>" + (r.pairwise === null || isNaN(r.pairwise) ? "-" : r.pairwise.toFixed(3)) + "</td></tr>").join("") + "</table>";
}
$("start").onclick = async () => {
  rater = $("rater").value.trim();
  if (!rater) { $("msg").textContent = "Please enter a name."; return; }
  $("msg").textContent = "Labelling as " + rater;
  try { show(await api("/api/task?rater=" + encodeURIComponent(rater))); } catch (e) { $("msg").textContent = e.message; }
};
document.addEventListener("keydown", (e) => {
  if (!task || task.done || document.activeElement === $("rater")) return;
  const k = Number(e.key);
  if (k >= 1 && k <= task.options.length) choose(task.options[k - 1].id);
});
stats();
</script></body></html>`;
}
