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

  /* PLOVER types in Kelly's colours of maximum contrast (K. L. Kelly, "Twenty-two colors
     of maximum contrast", Color Engineering 3(6), 1965): every pair at least 25 apart in
     CIELAB (tests/test_api.py checks 20), where the earlier greens and reds came to 8. */
  var TYPE_COLORS = {
    AGREE: "#008856", CONSULT: "#0067A5", SUPPORT: "#8DB600", CONCEDE: "#C2B280", COOPERATE: "#604E97",
    AID: "#2B3D26", RETREAT: "#848482", REQUEST: "#A1CAF1", ACCUSE: "#F3C300", REJECT: "#F38400",
    THREATEN: "#BE0032", PROTEST: "#E25822", SANCTION: "#E68FAC", MOBILIZE: "#654522", COERCE: "#B3446C",
    ASSAULT: "#882D17"
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

  /* Months on the x axis; a run of more than GAP empty months becomes one narrow
     break slot, so an event dated 1968 doesn't squash the 2020s into a line. */
  var GAP = 6;
  function slots(rows) {
    var out = [];
    rows.forEach(function (r, i) {
      if (i > 0) {
        var between = monthsBetween(rows[i - 1].month, r.month).slice(1, -1);
        if (between.length > GAP) out.push({ gap: true, label: between[0] + " … " + between[between.length - 1] });
        else between.forEach(function (m) { out.push({ month: m, row: null }); });
      }
      out.push({ month: r.month, row: r });
    });
    return out;
  }

  function drawTimeline(fig) {
    var rows = island(fig.getAttribute("data-source")) || [];
    var series = (fig.getAttribute("data-series") || "events").split(",");
    if (!rows.length) { var p = document.createElement("p"); p.className = "muted"; p.textContent = "Nothing dated to draw."; fig.appendChild(p); return; }
    var xs = slots(rows);
    var types = {};
    rows.forEach(function (r) { for (var t in r.by_type) types[t] = true; });
    types = Object.keys(types).sort();
    var lines = series.filter(function (s) { return s !== "events"; });
    var bars = series.indexOf("events") >= 0;
    // Each line on its own scale: articles and statements differ by an order of
    // magnitude, and on one shared axis the smaller lay flat along the bottom.
    var maxBar = 1, maxOf = {};
    lines.forEach(function (s) { maxOf[s] = 1; });
    rows.forEach(function (r) {
      maxBar = Math.max(maxBar, r.events || 0);
      lines.forEach(function (s) { maxOf[s] = Math.max(maxOf[s], r[s] || 0); });
    });
    var maxLine = lines.length ? maxOf[lines[0]] : 1;
    if (!bars && lines.length === 1) maxBar = maxLine;
    var W = 1000, H = 260, L = 40, R = lines.length && bars ? 40 : 10, T = 10, B = 40;
    var svg = el("svg", { viewBox: "0 0 " + W + " " + (H + 24), role: "img", "aria-label": "Timeline per month" }, fig);
    var bw = (W - L - R) / xs.length;
    var yb = function (v) { return T + (H - T - B) * (1 - v / maxBar); };
    var scaled = !(lines.length === 1 && !bars);  // a single line alone uses the left axis
    var ylOf = function (s) { return function (v) { return T + (H - T - B) * (1 - v / maxOf[s]); }; };
    var yl = lines.length ? ylOf(lines[0]) : yb;
    var axis = el("g", { "class": "axis" }, svg);
    [0, 0.5, 1].forEach(function (f) {
      var v = Math.round(maxBar * f);
      el("line", { x1: L, x2: W - R, y1: yb(v), y2: yb(v), stroke: "#eaecf0" }, axis);
      if (bars || !scaled) el("text", { x: L - 6, y: yb(v) + 4, "text-anchor": "end" }, axis).textContent = String(v);
      if (bars && lines.length === 1) {
        var w = Math.round(maxLine * f);
        el("text", { x: W - R + 6, y: yl(w) + 4, fill: "#2457c5" }, axis).textContent = String(w);
      }
    });
    var step = Math.max(1, Math.ceil(xs.length / 12)), lastLabel = -99;
    xs.forEach(function (x, i) {
      var cx = L + i * bw + bw / 2;
      if (x.gap) {
        var gt = el("text", { x: cx, y: H - B + 16, "text-anchor": "middle", fill: "#98a2b3" }, axis);
        gt.textContent = "≈";
        titled(gt, "no data " + x.label);
        el("line", { x1: cx, x2: cx, y1: T, y2: H - B, stroke: "#d0d5dd", "stroke-dasharray": "2 3" }, axis);
      } else if (i - lastLabel >= step || (i > 0 && xs[i - 1].gap && i - lastLabel >= step / 2)) {
        el("text", { x: cx, y: H - B + 16, "text-anchor": "middle" }, axis).textContent = x.month;
        lastLabel = i;
      }
    });
    var actor = fig.getAttribute("data-actor");
    var gBars = el("g", {}, svg), barW = Math.max(1, Math.min(bw * 0.8, 36));
    if (bars) {
      xs.forEach(function (x, i) {
        var r = x.row; if (!r || !r.events) return;
        var acc = 0, m = x.month;
        var g = el("g", { "class": "bar" }, gBars);
        types.forEach(function (t) {
          var n = r.by_type[t] || 0; if (!n) return;
          el("rect", { x: L + i * bw + (bw - barW) / 2, width: barW, y: yb(acc + n), height: yb(acc) - yb(acc + n),
                       fill: TYPE_COLORS[t] || "#667085" }, g);
          acc += n;
        });
        titled(g, m + ": " + r.events + " events (" + types.filter(function (t) { return r.by_type[t]; })
          .map(function (t) { return t + " " + r.by_type[t]; }).join(", ") + ")");
        g.addEventListener("click", function () {
          window.location.href = "/?date_from=" + m + "&date_to=" + m + (actor ? "&actor=" + encodeURIComponent(actor) : "");
        });
      });
    }
    var lineColors = { articles: "#475467", statements: "#2457c5" };
    lines.forEach(function (s) {
      var pts = [], y = scaled ? ylOf(s) : yb;
      xs.forEach(function (x, i) {
        if (x.gap) { if (pts.length) el("polyline", { points: pts.join(" "), fill: "none", stroke: lineColors[s], "stroke-width": 2 }, svg); pts = []; return; }
        pts.push((L + i * bw + bw / 2).toFixed(1) + "," + y(x.row ? x.row[s] || 0 : 0).toFixed(1));
      });
      if (pts.length) el("polyline", { points: pts.join(" "), fill: "none", stroke: lineColors[s], "stroke-width": 2 }, svg);
      xs.forEach(function (x, i) {
        var r = x.row; if (!r || !r[s]) return;
        titled(el("circle", { cx: L + i * bw + bw / 2, cy: y(r[s]), r: 3, fill: lineColors[s] }, svg), x.month + ": " + r[s] + " " + s);
      });
    });
    // Legend inside the SVG, so its colours need no inline style.
    var lx = L, lg = el("g", {}, svg);
    var keys = lines.map(function (s) {
      return [s + (bars && lines.length === 1 ? " (right axis)" : scaled ? " (own scale, top " + maxOf[s] + ")" : ""), lineColors[s]];
    })
      .concat(bars ? types.map(function (t) { return [t, TYPE_COLORS[t] || "#667085"]; }) : []);
    var ly = H + 8;
    keys.forEach(function (k) {
      var w = 24 + k[0].length * 6.5;
      if (lx + w > W) { lx = L; ly += 16; }
      el("rect", { x: lx, y: ly, width: 10, height: 10, fill: k[1] }, lg);
      var t = el("text", { x: lx + 14, y: ly + 9 }, lg); t.textContent = k[0];
      lx += w;
    });
    svg.setAttribute("viewBox", "0 0 " + W + " " + (ly + 16));
  }

  /* -- network: a small force layout (Fruchterman-Reingold), then SVG with drag ----- */
  /* Each connected component is laid out on its own (Fruchterman-Reingold), then the
     components are packed in rows, biggest first: small islands no longer get pushed
     to the edges by the big one. */
  function components(nodes, edges, index) {
    var parent = nodes.map(function (_, i) { return i; });
    function find(i) { while (parent[i] !== i) { parent[i] = parent[parent[i]]; i = parent[i]; } return i; }
    edges.forEach(function (e) { parent[find(index[e.source])] = find(index[e.target]); });
    var groups = {};
    nodes.forEach(function (n, i) { (groups[find(i)] = groups[find(i)] || []).push(n); });
    return Object.keys(groups).map(function (k) { return groups[k]; })
      .sort(function (a, b) { return b.length - a.length; });
  }

  function forceLayout(comp, edges, index, side, all) {
    var n = comp.length, local = {};
    comp.forEach(function (node, i) {
      var a = Math.PI / 2 + 2 * Math.PI * i / n;  // pairs start one above the other: labels run right
      node.x = side / 2 + side / 3 * Math.cos(a); node.y = side / 2 + side / 3 * Math.sin(a);
      local[node.id] = true;
    });
    if (n === 1) { comp[0].x = side / 2; comp[0].y = side / 2; return; }
    var es = edges.filter(function (e) { return local[e.source]; });
    var k = side / Math.sqrt(n) * 0.75, temp = side / 6;
    for (var it = 0; it < 300; it++) {
      comp.forEach(function (v) { v.dx = 0; v.dy = 0; });
      for (var i = 0; i < n; i++) for (var j = i + 1; j < n; j++) {
        var a = comp[i], b = comp[j], dx = a.x - b.x, dy = a.y - b.y, d = Math.max(0.01, Math.sqrt(dx * dx + dy * dy));
        var f = k * k / d;
        a.dx += dx / d * f; a.dy += dy / d * f; b.dx -= dx / d * f; b.dy -= dy / d * f;
      }
      es.forEach(function (e) {
        var a = all[index[e.source]], b = all[index[e.target]], dx = a.x - b.x, dy = a.y - b.y;
        var d = Math.max(0.01, Math.sqrt(dx * dx + dy * dy)), f = d * d / k;
        a.dx -= dx / d * f; a.dy -= dy / d * f; b.dx += dx / d * f; b.dy += dy / d * f;
      });
      comp.forEach(function (v) {
        v.dx += (side / 2 - v.x) * 0.05; v.dy += (side / 2 - v.y) * 0.05;
        var d = Math.max(0.01, Math.sqrt(v.dx * v.dx + v.dy * v.dy));
        v.x += v.dx / d * Math.min(d, temp); v.y += v.dy / d * Math.min(d, temp);
      });
      temp *= 0.985;
    }
  }
  function layout(nodes, edges, index) {
    var W = 1200, cell = 90, pad = 30, x = 0, y = 0, rowH = 0;
    components(nodes, edges, index).forEach(function (comp) {
      var side = Math.max(60, cell * Math.sqrt(comp.length) * (comp.length > 10 ? 1.3 : 1));
      forceLayout(comp, edges, index, side, nodes);
      if (comp.length > 3) {  // lay a tall component on its side: the page is wider than high
        var xs = comp.map(function (v) { return v.x; }), ys = comp.map(function (v) { return v.y; });
        if (Math.max.apply(null, ys) - Math.min.apply(null, ys) > Math.max.apply(null, xs) - Math.min.apply(null, xs)) {
          comp.forEach(function (v) { var t = v.x; v.x = v.y; v.y = t; });
        }
      }
      var minX = Infinity, minY = Infinity, maxX = -Infinity, maxY = -Infinity;
      comp.forEach(function (v) { minX = Math.min(minX, v.x); minY = Math.min(minY, v.y); maxX = Math.max(maxX, v.x); maxY = Math.max(maxY, v.y); });
      var labelRoom = 20 + 6.2 * Math.max.apply(null, comp.map(function (v) { return Math.min(32, v.name.length); })), w = maxX - minX + labelRoom, h = maxY - minY + 2 * pad;
      if (x > 0 && x + w > W) { x = 0; y += rowH; rowH = 0; }
      comp.forEach(function (v) { v.x = v.x - minX + x + pad; v.y = v.y - minY + y + pad; });
      x += w + pad; rowH = Math.max(rowH, h);
    });
    var maxX = 0, maxY = 0;
    nodes.forEach(function (v) { maxX = Math.max(maxX, v.x + 150); maxY = Math.max(maxY, v.y + 30); });
    return { w: Math.max(W, maxX), h: Math.max(400, maxY) };
  }

  function labelOf(n) { return n.name.length > 32 ? n.name.slice(0, 31) + "…" : n.name; }

  /* Labels without overlaps: the heaviest actors choose first, each label takes the first
     free place (right, left, above, below its node); one with no free place is shown
     only on hover or focus (class "unlabelled"). */
  function placeLabels(nodes, radius) {
    var boxes = nodes.map(function (n) { var r = radius(n); return [n.x - r, n.y - r, n.x + r, n.y + r]; });
    var out = {};
    var hit = function (b) {
      return boxes.some(function (o) { return b[0] < o[2] && o[0] < b[2] && b[1] < o[3] && o[1] < b[3]; });
    };
    nodes.slice().sort(function (a, b) { return b.weight - a.weight; }).forEach(function (n) {
      var r = radius(n), w = 6.2 * labelOf(n).length, h = 13;
      var tries = [{ x: r + 3, y: 4, anchor: "start", box: [n.x + r + 3, n.y - 9, n.x + r + 3 + w, n.y + 4] },
                   { x: -r - 3, y: 4, anchor: "end", box: [n.x - r - 3 - w, n.y - 9, n.x - r - 3, n.y + 4] },
                   { x: 0, y: -r - 4, anchor: "middle", box: [n.x - w / 2, n.y - r - 4 - h, n.x + w / 2, n.y - r - 4] },
                   { x: 0, y: r + 13, anchor: "middle", box: [n.x - w / 2, n.y + r + 1, n.x + w / 2, n.y + r + 1 + h] }];
      for (var i = 0; i < tries.length; i++) {
        var b = tries[i].box;
        // Only the node's own circle may touch its label.
        var own = boxes[nodes.indexOf(n)], saved = own.slice();
        own[0] = own[1] = own[2] = own[3] = NaN;
        var clash = b[0] < 0 || b[1] < 0 || hit(b);  // inside the drawing, and clear of the others
        for (var k = 0; k < 4; k++) own[k] = saved[k];
        if (!clash) { out[n.id] = tries[i]; boxes.push(b); return; }
      }
    });
    return out;
  }

  function drawNetwork(fig) {
    var data = island(fig.getAttribute("data-source"));
    if (!data || !data.nodes.length) { var p = document.createElement("p"); p.className = "muted"; p.textContent = "No actors are linked by events or statements in this range."; fig.appendChild(p); return; }
    var nodes = data.nodes.map(function (n) {
      return { id: n.id, name: n.name, kind: n.kind, weight: n.weight, x: 0, y: 0, dx: 0, dy: 0 };
    });
    var index = {};
    nodes.forEach(function (n, i) { index[n.id] = i; });
    var edges = data.edges.filter(function (e) { return e.source in index && e.target in index; });
    var box = layout(nodes, edges, index);
    var W = box.w, H = box.h;
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
    var spots = placeLabels(nodes, radius);
    var nodeEls = nodes.map(function (n) {
      var g = el("g", { "class": "node" + (spots[n.id] ? "" : " unlabelled"), transform: "translate(" + n.x + "," + n.y + ")", tabindex: 0 }, gN);
      el("circle", { r: radius(n), fill: KIND_COLORS[n.kind] || "#667085", stroke: "#fff", "stroke-width": 1.5 }, g);
      var spot = spots[n.id] || { x: radius(n) + 3, y: 4, anchor: "start" };
      var t = el("text", { x: spot.x, y: spot.y, "text-anchor": spot.anchor }, g); t.textContent = labelOf(n);
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
