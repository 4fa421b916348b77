/* newsgraph UI: small vanilla JS written for this project (MIT, like the rest of it).
   No framework, no network: data comes from <script type="application/json"> islands
   that the server rendered from the same dict as the page's JSON twin. Text is only
   ever set with textContent, never parsed as HTML. */
(function () {
  "use strict";
  var SVG = "http://www.w3.org/2000/svg";

  function el(name, attrs, parent) {
    var e = document.createElementNS(SVG, name);
    for (var k in attrs) if (Object.prototype.hasOwnProperty.call(attrs, k)) e.setAttribute(k, String(attrs[k]));
    if (parent) parent.appendChild(e);
    return e;
  }
  function titled(e, text) { var t = el("title", {}, e); t.textContent = text; return e; }
  function island(id) {
    var s = document.getElementById(id);
    if (!s) return null;
    try { return JSON.parse(s.textContent); } catch (err) { return null; }
  }

  var TYPE_COLORS = {
    AGREE: "#12b76a", CONSULT: "#2e90fa", SUPPORT: "#32d583", CONCEDE: "#a6ef67", COOPERATE: "#039855",
    AID: "#6ce9a6", RETREAT: "#9e77ed", REQUEST: "#53b1fd", ACCUSE: "#f79009", REJECT: "#fdb022",
    THREATEN: "#f04438", PROTEST: "#fb6514", SANCTION: "#d92d20", MOBILIZE: "#912018", COERCE: "#b42318",
    ASSAULT: "#7a271a"
  };
  var KIND_COLORS = { person: "#2457c5", organization: "#7a5af8", country: "#067647", group: "#c4320a", unnamed: "#98a2b3" };

  /* -- article page: legend toggles and linking text <-> side list -------------- */
  function articlePage() {
    var text = document.getElementById("text"), side = document.getElementById("side");
    if (!text || !side) return;
    document.querySelectorAll("[data-toggle]").forEach(function (box) {
      box.addEventListener("change", function () {
        document.body.classList.toggle("hide-" + box.getAttribute("data-toggle"), !box.checked);
      });
    });
    var active = [];
    function activate(ref) {
      active.forEach(function (e) { e.classList.remove("active"); });
      active = ref ? Array.prototype.slice.call(document.querySelectorAll('[data-ref="' + CSS.escape(ref) + '"]')) : [];
      active.forEach(function (e) { e.classList.add("active"); });
    }
    side.addEventListener("mouseover", function (ev) {
      var li = ev.target.closest("li[data-ref]");
      if (li) activate(li.getAttribute("data-ref"));
    });
    text.addEventListener("click", function (ev) {
      var span = ev.target.closest(".hl[data-ref]");
      if (!span) return;
      var ref = span.getAttribute("data-ref");
      activate(ref);
      var li = side.querySelector('li[data-ref="' + CSS.escape(ref) + '"]');
      if (li) li.scrollIntoView({ block: "nearest", behavior: "smooth" });
    });
  }

  /* -- timeline: stacked event bars by type, lines for articles and statements ------ */
  function monthsBetween(a, b) {
    var out = [], y = +a.slice(0, 4), m = +a.slice(5, 7), y2 = +b.slice(0, 4), m2 = +b.slice(5, 7);
    while ((y < y2 || (y === y2 && m <= m2)) && out.length < 2400) {
      out.push(y + "-" + (m < 10 ? "0" : "") + m);
      m += 1; if (m > 12) { m = 1; y += 1; }
    }
    return out;
  }

  function drawTimeline(fig) {
    var rows = island(fig.getAttribute("data-source")) || [];
    var series = (fig.getAttribute("data-series") || "events").split(",");
    if (!rows.length) { var p = document.createElement("p"); p.className = "muted"; p.textContent = "Nothing dated to draw."; fig.appendChild(p); return; }
    var byMonth = {};
    rows.forEach(function (r) { byMonth[r.month] = r; });
    var months = monthsBetween(rows[0].month, rows[rows.length - 1].month);
    var types = {};
    rows.forEach(function (r) { for (var t in r.by_type) types[t] = true; });
    types = Object.keys(types).sort();
    var max = 1;
    months.forEach(function (m) {
      var r = byMonth[m]; if (!r) return;
      series.forEach(function (s) { max = Math.max(max, r[s] || 0); });
    });
    var W = 1000, H = 260, L = 40, R = 10, T = 10, B = 40;
    var svg = el("svg", { viewBox: "0 0 " + W + " " + (H + 24), role: "img", "aria-label": "Timeline per month" }, fig);
    var bw = (W - L - R) / months.length;
    var y = function (v) { return T + (H - T - B) * (1 - v / max); };
    var axis = el("g", { "class": "axis" }, svg);
    [0, 0.5, 1].forEach(function (f) {
      var v = Math.round(max * f);
      el("line", { x1: L, x2: W - R, y1: y(v), y2: y(v), stroke: "#eaecf0" }, axis);
      el("text", { x: L - 6, y: y(v) + 4, "text-anchor": "end" }, axis).textContent = String(v);
    });
    var step = Math.max(1, Math.ceil(months.length / 12));
    months.forEach(function (m, i) {
      if (i % step === 0) {
        var t = el("text", { x: L + i * bw + bw / 2, y: H - B + 16, "text-anchor": "middle" }, axis);
        t.textContent = m;
      }
    });
    var actor = fig.getAttribute("data-actor");
    var bars = el("g", {}, svg);
    if (series.indexOf("events") >= 0) {
      months.forEach(function (m, i) {
        var r = byMonth[m]; if (!r || !r.events) return;
        var acc = 0;
        var g = el("g", { "class": "bar" }, bars);
        types.forEach(function (t) {
          var n = r.by_type[t] || 0; if (!n) return;
          el("rect", { x: L + i * bw + bw * 0.1, width: Math.max(1, bw * 0.8), y: y(acc + n), height: y(acc) - y(acc + n),
                       fill: TYPE_COLORS[t] || "#667085" }, g);
          acc += n;
        });
        titled(g, m + ": " + r.events + " events (" + types.filter(function (t) { return r.by_type[t]; })
          .map(function (t) { return t + " " + r.by_type[t]; }).join(", ") + ")");
        g.addEventListener("click", function () {
          var u = "/?date_from=" + m + "&date_to=" + m + (actor ? "&actor=" + encodeURIComponent(actor) : "");
          window.location.href = u;
        });
      });
    }
    var lineColors = { articles: "#98a2b3", statements: "#2457c5" };
    ["articles", "statements"].forEach(function (s) {
      if (series.indexOf(s) < 0) return;
      var pts = months.map(function (m, i) { var r = byMonth[m]; return (L + i * bw + bw / 2).toFixed(1) + "," + y(r ? r[s] || 0 : 0).toFixed(1); });
      el("polyline", { points: pts.join(" "), fill: "none", stroke: lineColors[s], "stroke-width": 2 }, svg);
      months.forEach(function (m, i) {
        var r = byMonth[m]; if (!r || !r[s]) return;
        titled(el("circle", { cx: L + i * bw + bw / 2, cy: y(r[s]), r: 3, fill: lineColors[s] }, svg), m + ": " + r[s] + " " + s);
      });
    });
    // Legend inside the SVG, so its colours need no inline style.
    var lx = L, lg = el("g", {}, svg);
    var keys = series.filter(function (s) { return s !== "events"; }).map(function (s) { return [s, lineColors[s]]; })
      .concat(series.indexOf("events") >= 0 ? types.map(function (t) { return [t, TYPE_COLORS[t] || "#667085"]; }) : []);
    keys.forEach(function (k) {
      el("rect", { x: lx, y: H + 8, width: 10, height: 10, fill: k[1] }, lg);
      var t = el("text", { x: lx + 14, y: H + 17 }, lg); t.textContent = k[0];
      lx += 24 + k[0].length * 6.5;
    });
  }

  /* -- network: a small force layout (Fruchterman-Reingold), then SVG with drag ----- */
  function drawNetwork(fig) {
    var data = island(fig.getAttribute("data-source"));
    if (!data || !data.nodes.length) { var p = document.createElement("p"); p.className = "muted"; p.textContent = "No actors are linked by events or statements in this range."; fig.appendChild(p); return; }
    var W = 1200, H = 640;
    var nodes = data.nodes.map(function (n, i) {
      var a = 2 * Math.PI * i / data.nodes.length, r = 120 + 180 * (i % 3) / 2;
      return { id: n.id, name: n.name, kind: n.kind, weight: n.weight, x: W / 2 + r * Math.cos(a), y: H / 2 + r * Math.sin(a), dx: 0, dy: 0 };
    });
    var index = {};
    nodes.forEach(function (n, i) { index[n.id] = i; });
    var edges = data.edges.filter(function (e) { return e.source in index && e.target in index; });
    var k = Math.sqrt(W * H / nodes.length) * 0.55, temp = W / 8;
    for (var it = 0; it < 300; it++) {
      nodes.forEach(function (n) { n.dx = 0; n.dy = 0; });
      for (var i = 0; i < nodes.length; i++) for (var j = i + 1; j < nodes.length; j++) {
        var a = nodes[i], b = nodes[j], dx = a.x - b.x, dy = a.y - b.y, d = Math.max(0.01, Math.sqrt(dx * dx + dy * dy));
        var f = k * k / d;
        a.dx += dx / d * f; a.dy += dy / d * f; b.dx -= dx / d * f; b.dy -= dy / d * f;
      }
      edges.forEach(function (e) {
        var a = nodes[index[e.source]], b = nodes[index[e.target]], dx = a.x - b.x, dy = a.y - b.y;
        var d = Math.max(0.01, Math.sqrt(dx * dx + dy * dy)), f = d * d / k * Math.min(3, 1 + Math.log(e.weight) / 2);
        a.dx -= dx / d * f; a.dy -= dy / d * f; b.dx += dx / d * f; b.dy += dy / d * f;
      });
      nodes.forEach(function (n) {
        n.dx += (W / 2 - n.x) * 0.02 * k / 10; n.dy += (H / 2 - n.y) * 0.02 * k / 10;  // gravity keeps islands near
        var d = Math.max(0.01, Math.sqrt(n.dx * n.dx + n.dy * n.dy));
        n.x += n.dx / d * Math.min(d, temp); n.y += n.dy / d * Math.min(d, temp);
        n.x = Math.min(W - 30, Math.max(30, n.x)); n.y = Math.min(H - 20, Math.max(20, n.y));
      });
      temp *= 0.985;
    }
    var svg = el("svg", { viewBox: "0 0 " + W + " " + H, role: "img", "aria-label": "Actor network" }, fig);
    var defs = el("defs", {}, svg);
    [["event", "#d92d20"], ["statement", "#2457c5"]].forEach(function (m) {
      var mk = el("marker", { id: "arrow-" + m[0], viewBox: "0 0 10 10", refX: 10, refY: 5, markerWidth: 9, markerHeight: 9, markerUnits: "userSpaceOnUse", orient: "auto-start-reverse" }, defs);
      el("path", { d: "M0,0 L10,5 L0,10 z", fill: m[1] }, mk);
    });
    var gE = el("g", {}, svg), gN = el("g", {}, svg);
    var radius = function (n) { return Math.min(26, 5 + 2.2 * Math.sqrt(n.weight)); };
    var edgeEls = edges.map(function (e) {
      var kind = e.events >= e.statements ? "event" : "statement";
      var line = el("line", { "class": "edge", stroke: kind === "event" ? "#d92d20" : "#2457c5", "stroke-opacity": 0.6,
                              "stroke-width": Math.min(8, 1 + 1.5 * Math.log2(e.weight)),
                              "stroke-dasharray": kind === "event" ? "" : "5 3", "marker-end": "url(#arrow-" + kind + ")" }, gE);
      titled(line, nodes[index[e.source]].name + " → " + nodes[index[e.target]].name + ": " + e.events + " events, " + e.statements + " statements" +
        (e.first ? " (" + e.first + " … " + e.last + ")" : ""));
      return { e: e, el: line };
    });
    function place(ee) {
      var a = nodes[index[ee.e.source]], b = nodes[index[ee.e.target]];
      var dx = b.x - a.x, dy = b.y - a.y, d = Math.max(0.01, Math.sqrt(dx * dx + dy * dy)), rb = radius(b) + 2;
      ee.el.setAttribute("x1", a.x); ee.el.setAttribute("y1", a.y);
      ee.el.setAttribute("x2", b.x - dx / d * rb); ee.el.setAttribute("y2", b.y - dy / d * rb);
    }
    edgeEls.forEach(place);
    var neighbours = {};
    edges.forEach(function (e) {
      (neighbours[e.source] = neighbours[e.source] || {})[e.target] = true;
      (neighbours[e.target] = neighbours[e.target] || {})[e.source] = true;
    });
    var nodeEls = nodes.map(function (n) {
      var g = el("g", { "class": "node", transform: "translate(" + n.x + "," + n.y + ")", tabindex: 0 }, gN);
      el("circle", { r: radius(n), fill: KIND_COLORS[n.kind] || "#667085", stroke: "#fff", "stroke-width": 1.5 }, g);
      var t = el("text", { x: radius(n) + 3, y: 4 }, g); t.textContent = n.name;
      titled(g, n.name + " (" + (n.kind || "actor") + "), weight " + n.weight);
      return { n: n, el: g };
    });
    function focus(id) {
      nodeEls.forEach(function (ne) { ne.el.classList.toggle("dim", !!id && ne.n.id !== id && !(neighbours[id] || {})[ne.n.id]); });
      edgeEls.forEach(function (ee) { ee.el.classList.toggle("dim", !!id && ee.e.source !== id && ee.e.target !== id); });
    }
    var drag = null, moved = false;
    function point(ev) {
      var pt = svg.createSVGPoint(); pt.x = ev.clientX; pt.y = ev.clientY;
      return pt.matrixTransform(svg.getScreenCTM().inverse());
    }
    nodeEls.forEach(function (ne) {
      ne.el.addEventListener("mouseenter", function () { if (!drag) focus(ne.n.id); });
      ne.el.addEventListener("mouseleave", function () { if (!drag) focus(null); });
      ne.el.addEventListener("pointerdown", function (ev) { drag = ne; moved = false; ne.el.setPointerCapture(ev.pointerId); });
      ne.el.addEventListener("pointermove", function (ev) {
        if (drag !== ne) return;
        var p = point(ev); moved = true;
        ne.n.x = p.x; ne.n.y = p.y;
        ne.el.setAttribute("transform", "translate(" + p.x + "," + p.y + ")");
        edgeEls.forEach(function (ee) { if (ee.e.source === ne.n.id || ee.e.target === ne.n.id) place(ee); });
      });
      ne.el.addEventListener("pointerup", function () {
        var wasMoved = moved; drag = null;
        if (!wasMoved) window.location.href = "/actor/" + encodeURIComponent(ne.n.id);
      });
      ne.el.addEventListener("keydown", function (ev) {
        if (ev.key === "Enter") window.location.href = "/actor/" + encodeURIComponent(ne.n.id);
      });
    });
  }

  function init() {
    articlePage();
    document.querySelectorAll('[data-chart="timeline"]').forEach(drawTimeline);
    document.querySelectorAll('[data-chart="network"]').forEach(drawNetwork);
  }
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", init);
  else init();
})();
