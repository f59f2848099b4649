"""The inline stylesheet and script of the HTML plan (system fonts; nothing is fetched from a network)."""

from __future__ import annotations

from opsplan.render.html_gantt_axis import PAGE_MARGIN_MM, zoom_css
from opsplan.render.palette import CAMPAIGN_FILL, CRITICAL_LINE, INK, LEVEL_FILL, LEVEL_TEXT, MILESTONE, PHASES, css

_ROOT = (
    f":root {{ --ink:{css(INK)}; --muted:#5b6473; --rule:#d9dde4; --head:#eef1f5; --accent:{css(PHASES[0])};\n"
    f"  --high:{css(LEVEL_FILL['high'])}; --medium:{css(LEVEL_FILL['medium'])}; --low:{css(LEVEL_FILL['low'])};\n"
    f"  --high-ink:{css(LEVEL_TEXT['high'])}; --medium-ink:{css(LEVEL_TEXT['medium'])};\n"
    f"  --low-ink:{css(LEVEL_TEXT['low'])};\n"
    f"  --crit:{css(CRITICAL_LINE)}; --ms:{css(MILESTONE)}; --campaign:{css(CAMPAIGN_FILL)}; --day:6px; }}\n"
)
STYLE = (
    _ROOT
    + """\
* { box-sizing:border-box; }
html { scroll-behavior:smooth; }
body { margin:0; color:var(--ink); background:#fff; line-height:1.6; font-size:15px;
  font-family:system-ui,-apple-system,"Segoe UI","PingFang SC","Hiragino Sans GB","Microsoft YaHei",
  "Noto Sans CJK SC","Source Han Sans SC","WenQuanYi Micro Hei",Roboto,"Helvetica Neue",Arial,sans-serif; }
.sidebar { position:fixed; top:0; left:0; bottom:0; width:270px; overflow-y:auto; padding:16px 14px;
  background:#f7f8fa; border-right:1px solid var(--rule); font-size:13px; }
.sidebar .nav-title { font-weight:700; margin:0 0 8px; list-style:none; }
.sidebar .nav-title::-webkit-details-marker { display:none; }
.sidebar ol { list-style:none; margin:0; padding:0; }
.sidebar ol ol { padding-left:12px; margin:2px 0 6px; }
.sidebar a { color:var(--ink); text-decoration:none; display:block; padding:2px 4px; border-radius:3px; }
.sidebar .nav-chapter > a { font-weight:600; }
.sidebar .nav-section a { color:var(--muted); }
.sidebar a:hover, .sidebar a.active { background:#e3e9f2; color:var(--accent); }
main { margin-left:270px; padding:24px 40px 80px; max-width:1280px; }
.titlepage { border-bottom:2px solid var(--accent); margin-bottom:24px; padding-bottom:12px; }
h1.title { font-size:28px; margin:8px 0 12px; }
.subtitle { margin:2px 0; color:var(--muted); }
h2 { font-size:22px; border-bottom:1px solid var(--rule); padding-bottom:4px; margin-top:40px; }
h3 { font-size:18px; margin-top:28px; }
h4 { font-size:16px; margin-top:20px; }
blockquote { margin:12px 0; padding:4px 14px; border-left:4px solid var(--rule); color:var(--muted); }
pre { background:#f4f5f7; padding:10px; overflow-x:auto; }
.table-wrap { overflow-x:auto; margin:12px 0 18px; }
table { border-collapse:collapse; font-size:13.5px; min-width:50%; }
th, td { border:1px solid var(--rule); padding:5px 8px; vertical-align:top; text-align:left; }
th { background:var(--head); font-weight:600; }
td.num, th.num { text-align:right; font-variant-numeric:tabular-nums; }
td.num { white-space:nowrap; }
td.center, th.center { text-align:center; }
td.nowrap { white-space:nowrap; }
tbody tr:nth-child(even) { background:#fafbfc; }
th[data-sort] { cursor:pointer; user-select:none; }
th[data-sort]::after { content:" \\2195"; color:#9aa3b1; font-size:11px; }
th[aria-sort="ascending"]::after { content:" \\25B2"; color:var(--accent); }
th[aria-sort="descending"]::after { content:" \\25BC"; color:var(--accent); }
/* Gantt */
.gantt { margin:12px 0 24px; }
.g-tools { font-size:13px; margin-bottom:6px; }
.g-tools button { font:inherit; padding:2px 10px; margin-left:4px; border:1px solid var(--rule);
  background:#fff; border-radius:3px; cursor:pointer; }
.g-tools button[data-critical-toggle] { margin-left:12px; }
.g-tools button[aria-pressed="true"] { background:var(--accent); color:#fff; border-color:var(--accent); }
.g-scroll { overflow-x:auto; border:1px solid var(--rule); }
.g-chart { width:max-content; }
.g-row { display:flex; border-bottom:1px solid #eef0f3; min-height:24px; }
.g-label { position:sticky; left:0; z-index:2; flex:0 0 300px; width:300px; background:#fff; font-size:12.5px;
  padding:3px 8px; white-space:nowrap; overflow:hidden; text-overflow:ellipsis; border-right:1px solid var(--rule); }
.g-row.critical .g-label { font-weight:600; }
.crit-mark { color:var(--crit); margin-right:4px; font-size:10px; }
/* a track is --span days wide: --day px a day on screen, the page's width less the names in print; what is
   on it is placed in per cent of it (--x and --w in days), the week grid from the plan's week start (--woff) */
.g-track { position:relative; width:calc(var(--span) * var(--day)); flex:0 0 auto;
  background-image:repeating-linear-gradient(to right,
  transparent calc((var(--woff, 0) - 7) * 100% / var(--span)),
  transparent calc(var(--woff, 0) * 100% / var(--span) - 1px),
  #f0f2f5 calc(var(--woff, 0) * 100% / var(--span) - 1px), #f0f2f5 calc(var(--woff, 0) * 100% / var(--span))); }
.g-bar, .g-campaign, .g-buffer, .g-year, .g-quarter, .g-month, .g-week, .g-milestone { position:absolute;
  left:calc(var(--x) * 100% / var(--span)); }
.g-bar, .g-campaign, .g-buffer, .g-year, .g-quarter, .g-month, .g-week { width:calc(var(--w) * 100% / var(--span)); }
.g-bar { top:5px; height:14px; border-radius:3px; opacity:.85; cursor:default; }
.g-bar.critical { opacity:1; outline:2px solid var(--crit); outline-offset:0;
  box-shadow:inset 0 -4px 0 rgba(0,0,0,.35); }
.g-bar:hover, .g-bar:focus, .g-bar.related { opacity:1; filter:brightness(1.12); outline:2px solid var(--ink); }
.gantt.show-critical .g-row:not(.critical):not(.g-marks):not(.g-axis) .g-bar { opacity:.25; }
.g-axis { position:sticky; top:0; z-index:3; background:#fff; min-height:40px; font-size:11.5px; }
.g-axis .g-label { font-weight:600; padding-top:10px; }
.g-buffer { top:5px; height:14px;
  background:repeating-linear-gradient(45deg,#ccd3dd 0,#ccd3dd 3px,#fff 3px,#fff 6px); }
.g-milestone { top:4px; width:14px; height:14px; margin-left:-7px; background:var(--ms); transform:rotate(45deg); }
.g-milestone span { position:absolute; left:14px; top:-10px; transform:rotate(-45deg); font-size:10px;
  white-space:nowrap; }
.g-campaign { top:6px; height:12px; background:var(--campaign);
  border:1px solid #d19a1a; border-radius:2px; }
.g-legend { display:flex; flex-wrap:wrap; gap:6px 16px; font-size:12.5px; margin-top:8px; color:var(--muted); }
.g-key i { display:inline-block; width:14px; height:10px; margin-right:5px; vertical-align:middle; border-radius:2px; }
.g-key i.crit-key { background:#888; outline:2px solid var(--crit); }
.g-key i.ms-key { width:9px; height:9px; background:var(--ms); transform:rotate(45deg); }
.g-key i.cmp-key { background:var(--campaign); border:1px solid #d19a1a; }
.g-tip { position:fixed; z-index:10; max-width:360px; padding:6px 9px; background:#1d2330; color:#fff;
  font-size:12px; border-radius:4px; white-space:pre-line; pointer-events:none; box-shadow:0 2px 8px rgba(0,0,0,.25); }
"""
    + zoom_css()
    + """/* risk heat map */
.heatmap { margin:12px 0 24px; }
.hm-grid { display:grid; grid-template-columns:150px repeat(5, minmax(70px, 120px)); gap:3px; }
.hm-corner, .hm-head { background:var(--head); font-size:12.5px; font-weight:600; padding:6px;
  display:flex; align-items:center; justify-content:center; text-align:center; }
.hm-cell { min-height:64px; padding:4px 6px; font-size:12px; border:1px solid rgba(0,0,0,.15); }
.hm-letter { display:block; font-size:11px; opacity:.8; }
.hm-ids span { display:inline-block; margin-right:4px; font-weight:700; }
.level-high { background:var(--high); color:var(--high-ink);
  background-image:repeating-linear-gradient(45deg,rgba(0,0,0,.14) 0,rgba(0,0,0,.14) 2px,
  transparent 2px,transparent 7px); }
.level-medium { background:var(--medium); color:var(--medium-ink);
  background-image:radial-gradient(rgba(0,0,0,.16) 1px, transparent 1.5px); background-size:6px 6px; }
.level-low { background:var(--low); color:var(--low-ink); }
@media (max-width:900px) {
  .sidebar { position:sticky; top:0; z-index:20; width:auto; bottom:auto; max-height:80vh; padding:8px 16px;
    border-right:0; border-bottom:1px solid var(--rule); }
  .sidebar .nav-title { margin:0; cursor:pointer; list-style:revert; }
  .sidebar details[open] .nav-title { margin-bottom:8px; }
  main { margin-left:0; padding:16px; } main section[id] { scroll-margin-top:48px; }
}
@media (max-width:600px) {
  td:not(.num):not(.nowrap):not(.center) { min-width:8em; }
  .g-label { flex-basis:120px; width:120px; }
  .hm-grid { grid-template-columns:78px repeat(5, minmax(0, 1fr)); gap:2px; }
  .hm-corner, .hm-head { font-size:10.5px; padding:3px; }
  .hm-cell { min-height:52px; padding:3px; font-size:11px; }
  .hm-ids span { display:block; margin:0; }
}
"""
    + f"@page {{ margin:{PAGE_MARGIN_MM}mm; }}\n"
    + """\
@media print {
  .gantt { break-inside:avoid; }
  .sidebar, .g-tools, .g-tip { display:none !important; }
  .table-wrap { overflow:visible; } table { font-size:9pt; } th, td { padding:3px 5px; }
  th[data-sort]::after { content:none; }
  main { margin:0; padding:0; max-width:none; }
  body { font-size:10.5pt; }
  .titlepage { break-after:page; } h2 { margin-top:28pt; } h2, h3, h4 { break-after:avoid; }
  p.lead-in, p:has(+ figure) { break-after:avoid; } p.lead-in { break-inside:avoid; }
  tr, .hm-grid, .g-row { break-inside:avoid; }
  thead { display:table-header-group; }
  .g-scroll { overflow:visible; border:0; }
  * { -webkit-print-color-adjust:exact; print-color-adjust:exact; }
  a { color:inherit; text-decoration:none; }
}
"""
)

SCRIPT = """\
(function () {
  "use strict";
  function number(text) {
    var t = text.replace(/[,\\s]/g, "").replace("\\u2212", "-");
    var m = t.match(/-?\\d+(\\.\\d+)?/);
    if (!m) { return NaN; }
    var v = parseFloat(m[0]);
    var rest = t.slice(t.indexOf(m[0]) + m[0].length);
    if (rest.charAt(0) === "\\u4e07") { v *= 1e4; } else if (rest.charAt(0) === "\\u4ebf") { v *= 1e8; }
    else if (rest.charAt(0) === "K" || rest.charAt(0) === "k") { v *= 1e3; }
    else if (rest.charAt(0) === "M") { v *= 1e6; } else if (rest.charAt(0) === "B") { v *= 1e9; }
    return v;
  }
  document.querySelectorAll("table.sortable th[data-sort]").forEach(function (th) {
    function sort() {
      var table = th.closest("table"), body = table.tBodies[0];
      var index = Array.prototype.indexOf.call(th.parentNode.children, th);
      var up = th.getAttribute("aria-sort") !== "ascending";
      th.parentNode.querySelectorAll("th").forEach(function (h) { h.removeAttribute("aria-sort"); });
      th.setAttribute("aria-sort", up ? "ascending" : "descending");
      var numeric = th.getAttribute("data-sort") === "num";
      var rows = Array.prototype.slice.call(body.rows);
      rows.sort(function (a, b) {
        var x = a.cells[index] ? a.cells[index].textContent : "", y = b.cells[index] ? b.cells[index].textContent : "";
        var r;
        if (numeric) {
          var p = number(x), q = number(y);
          r = (isNaN(p) ? -Infinity : p) - (isNaN(q) ? -Infinity : q);
        } else { r = x.localeCompare(y, document.documentElement.lang || undefined, { numeric: true }); }
        return up ? r : -r;
      });
      rows.forEach(function (row) { body.appendChild(row); });
    }
    th.addEventListener("click", sort);
    th.addEventListener("keydown", function (e) { if (e.key === "Enter") { sort(); } });
  });
  document.querySelectorAll("figure.gantt").forEach(function (fig) {
    fig.querySelectorAll("button[data-zoom]").forEach(function (button) {
      button.addEventListener("click", function () {
        var zoom = button.getAttribute("data-zoom");
        fig.classList.remove("zoom-week", "zoom-month", "zoom-quarter", "zoom-year");
        fig.classList.add("zoom-" + zoom);
        fig.querySelectorAll("button[data-zoom]").forEach(function (b) {
          b.setAttribute("aria-pressed", b === button ? "true" : "false");
        });
      });
    });
    fig.querySelectorAll("button[data-critical-toggle]").forEach(function (button) {
      button.addEventListener("click", function () {
        var on = fig.classList.toggle("show-critical");
        button.setAttribute("aria-pressed", on ? "true" : "false");
      });
    });
  });
  var tip = document.createElement("div");
  tip.className = "g-tip";
  tip.hidden = true;
  document.body.appendChild(tip);
  function related(el, on) {
    var after = (el.getAttribute("data-after") || "").split(" ");
    after.forEach(function (id) {
      if (!id) { return; }
      document.querySelectorAll('.g-bar[data-task="' + CSS.escape(id) + '"]').forEach(function (b) {
        b.classList.toggle("related", on);
      });
    });
  }
  document.querySelectorAll(".gantt [title], .heatmap [title]").forEach(function (el) {
    var text = el.getAttribute("title");
    el.setAttribute("data-tip", text);
    el.setAttribute("aria-label", text);
    el.removeAttribute("title");
    function show(x, y) {
      tip.textContent = text;
      tip.hidden = false;
      var w = tip.offsetWidth, h = tip.offsetHeight;
      tip.style.left = Math.min(x + 12, window.innerWidth - w - 8) + "px";
      tip.style.top = (y + h + 16 > window.innerHeight ? y - h - 8 : y + 14) + "px";
      related(el, true);
    }
    function hide() { tip.hidden = true; related(el, false); }
    el.addEventListener("mousemove", function (e) { show(e.clientX, e.clientY); });
    el.addEventListener("mouseleave", hide);
    el.addEventListener("focus", function () { var r = el.getBoundingClientRect(); show(r.left, r.bottom); });
    el.addEventListener("blur", hide);
  });
  var nav = document.querySelector(".sidebar details"), narrow = window.matchMedia("(max-width:900px)");
  if (nav) {
    if (narrow.matches) { nav.open = false; }
    nav.querySelector("summary").addEventListener("click", function (e) {
      if (!narrow.matches) { e.preventDefault(); }
    });
    nav.querySelectorAll("a").forEach(function (a) {
      a.addEventListener("click", function () { if (narrow.matches) { nav.open = false; } });
    });
  }
  var links = document.querySelectorAll(".sidebar a");
  if ("IntersectionObserver" in window && links.length) {
    var byId = {};
    links.forEach(function (a) { byId[a.getAttribute("href").slice(1)] = a; });
    var observer = new IntersectionObserver(function (entries) {
      entries.forEach(function (entry) {
        if (entry.isIntersecting && byId[entry.target.id]) {
          links.forEach(function (a) { a.classList.remove("active"); });
          byId[entry.target.id].classList.add("active");
        }
      });
    }, { rootMargin: "0px 0px -70% 0px" });
    document.querySelectorAll("main section[id]").forEach(function (s) { observer.observe(s); });
  }
})();
"""
