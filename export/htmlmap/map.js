// hubpart interactive map. Reads the JSON block #hubpart-data (see
// export/htmldata.go for its layout) and draws it on a canvas. Every text
// from the data is put into the page with textContent, never as markup.
(function () {
  "use strict";

  var D = JSON.parse(document.getElementById("hubpart-data").textContent);
  var P = D.practices;
  var NP = P.code.length;
  var hubs = D.hubs;
  var areas = D.areas;
  var hasAreas = areas.length > 0;
  var HUB = cap(D.hubLevel || "hub");
  var AREA = cap(D.areaLevel || "area");
  var DOT_CAP = 60000;

  // ---------- helpers ----------
  function $(id) { return document.getElementById(id); }
  function cap(s) { return s.charAt(0).toUpperCase() + s.slice(1); }
  function fmt(n) {
    var s = String(Math.round(Math.abs(n))), out = "";
    while (s.length > 3) { out = "," + s.slice(-3) + out; s = s.slice(0, -3); }
    return (n < 0 ? "-" : "") + s + out;
  }
  function plural(n, word) { return fmt(n) + " " + word + (n === 1 ? "" : "s"); }
  function km(v) { return (Math.round(v * 10) / 10).toFixed(1) + " km"; }
  // el builds an element; children are nodes or strings (added as text).
  function el(tag, cls) {
    var e = document.createElement(tag);
    if (cls) e.className = cls;
    for (var i = 2; i < arguments.length; i++) {
      var c = arguments[i];
      if (c === null || c === undefined) continue;
      e.appendChild(typeof c === "string" ? document.createTextNode(c) : c);
    }
    return e;
  }
  function statusText(g) {
    if (!g.status || g.status === "ok") return "";
    return g.status + (g.reason ? ": " + g.reason : "");
  }

  // ---------- geometry ----------
  function decode(rings, path, box) {
    var out = [];
    for (var r = 0; r < rings.length; r++) {
      var src = rings[r], a = new Float64Array(src.length), x = 0, y = 0;
      for (var i = 0; i < src.length; i += 2) {
        x += src[i]; y += src[i + 1];
        a[i] = x; a[i + 1] = y;
        if (i === 0) path.moveTo(x, y); else path.lineTo(x, y);
        if (box) {
          if (x < box[0]) box[0] = x;
          if (y < box[1]) box[1] = y;
          if (x > box[2]) box[2] = x;
          if (y > box[3]) box[3] = y;
        }
      }
      path.closePath();
      out.push(a);
    }
    return out;
  }
  function prepare(g) {
    g.path = new Path2D();
    g.box = [Infinity, Infinity, -Infinity, -Infinity];
    g.xy = decode(g.rings, g.path, g.box);
    g.rings = null;
    g.warn = !!g.status && g.status !== "ok";
  }
  // inside reports whether world point (x, y) lies in g (even-odd rule).
  function inside(g, x, y) {
    var b = g.box;
    if (x < b[0] || x > b[2] || y < b[1] || y > b[3]) return false;
    var c = false;
    for (var r = 0; r < g.xy.length; r++) {
      var a = g.xy[r], n = a.length;
      for (var i = 0, j = n - 2; i < n; j = i, i += 2) {
        var yi = a[i + 1], yj = a[j + 1];
        if ((yi > y) !== (yj > y) && x < (a[j] - a[i]) * (y - yi) / (yj - yi) + a[i]) c = !c;
      }
    }
    return c;
  }

  var outline = new Path2D();
  var hasOutline = D.outline.length > 0;
  decode(D.outline, outline, null);
  var allHubs = new Path2D(), allAreas = new Path2D();
  var warnCount = 0;
  hubs.forEach(function (h) {
    prepare(h);
    allHubs.addPath(h.path);
    h.members = [];
    if (h.warn) warnCount++;
  });
  areas.forEach(function (a) {
    prepare(a);
    allAreas.addPath(a.path);
    a.hubList = [];
  });
  hubs.forEach(function (h, i) { if (h.area >= 0) areas[h.area].hubList.push(i); });
  var isSite = new Uint8Array(NP);
  hubs.forEach(function (h) { if (h.site >= 0) isSite[h.site] = 1; });
  var movedCount = 0;
  for (var i = 0; i < NP; i++) {
    hubs[P.hub[i]].members.push(i);
    if (P.moved && P.moved[i]) movedCount++;
  }
  var bySize = function (a, b) { return P.patients[b] - P.patients[a] || (P.code[a] < P.code[b] ? -1 : 1); };
  hubs.forEach(function (h) { h.members.sort(bySize); });

  // Search indexes.
  var codeIndex = new Map(), postcodeIndex = new Map(), lowerNames = [];
  function normPostcode(s) { return s.replace(/\s+/g, "").toUpperCase(); }
  for (i = 0; i < NP; i++) {
    var cu = P.code[i].toUpperCase();
    if (!codeIndex.has(cu)) codeIndex.set(cu, i);
    if (P.postcode && P.postcode[i]) {
      var pc = normPostcode(P.postcode[i]);
      if (!postcodeIndex.has(pc)) postcodeIndex.set(pc, []);
      postcodeIndex.get(pc).push(i);
    }
    lowerNames.push(P.name[i].toLowerCase());
  }

  // ---------- page text ----------
  $("title").textContent = D.title;
  var credit = D.attribution || "";
  $("attribution").textContent = credit;
  // A dot parts the credit from the footer's own line unless the credit
  // ends a sentence itself.
  $("attribution").classList.toggle("sep", credit !== "" && !/[.!?]$/.test(credit));
  var total = 0;
  for (i = 0; i < NP; i++) total += P.patients[i];
  var summary = [plural(hubs.length, D.hubLevel || "hub")];
  if (hasAreas) summary.push(plural(areas.length, D.areaLevel || "area"));
  summary.push(plural(NP, "practice"), plural(total, "patient"));
  $("summary").textContent = summary.join(" \u00b7 ");
  // [data-level] spans name a level: "hub", "Hub" or "Hubs" (and the same
  // for "area") become the level's own name in that form.
  document.querySelectorAll("[data-level]").forEach(function (e) {
    var k = e.getAttribute("data-level");
    var word = /^hub/i.test(k) ? (D.hubLevel || "hub") : (D.areaLevel || "area");
    if (k.charAt(0) !== k.charAt(0).toLowerCase()) word = cap(word);
    e.textContent = /s$/.test(k) ? word + "s" : word;
  });
  if (!hasAreas) {
    ["layer-areas", "colour-area"].forEach(function (id) { $(id).closest("label").hidden = true; });
    $("colouring").hidden = true;
    $("key-area").hidden = true;
  }
  if (!warnCount) $("key-warn").hidden = true;
  if (movedCount) {
    $("key-moved").hidden = false;
    $("moved-count").textContent = "(" + fmt(movedCount) + ")";
  }

  // ---------- view ----------
  // Two canvases: #map holds the map (slow to draw: every hub, edge and
  // dot), #overlay the highlights of the hover and the selection (cheap, so
  // hovering never redraws the map). While the view moves (drag, wheel,
  // pinch) #map shows a scaled copy of its last drawing (snap) and is
  // drawn afresh once the movement pauses.
  var canvas = $("map"), ctx = canvas.getContext("2d"), box = $("mapbox");
  var overlay = $("overlay"), octx = overlay.getContext("2d");
  var snap = document.createElement("canvas"), sctx = snap.getContext("2d"), snapView = null;
  var W = 0, H = 0, dpr = 1;
  var view = { cx: D.size[0] / 2, cy: D.size[1] / 2, s: 1 };
  var fitScale = 1;
  var layer = { hubs: true, areas: true, practices: true, labels: true };
  var byArea = false;
  var hover = { hub: -1, practice: -1 };
  var sel = { hub: -1, area: -1, practice: -1 };

  function resize() {
    var r = box.getBoundingClientRect();
    var first = W === 0;
    if (!first && W === Math.max(1, r.width) && H === Math.max(1, r.height) && dpr === (window.devicePixelRatio || 1)) return;
    W = Math.max(1, r.width); H = Math.max(1, r.height);
    dpr = window.devicePixelRatio || 1;
    [canvas, overlay, snap].forEach(function (c) { c.width = Math.round(W * dpr); c.height = Math.round(H * dpr); });
    var old = fitScale;
    fitScale = Math.min(W / Math.max(1, D.size[0]), H / Math.max(1, D.size[1])) * 0.95;
    if (first) fit(); else view.s *= fitScale / old;
    drawBase();
    drawOverlay();
  }
  function fit() { view.cx = D.size[0] / 2; view.cy = D.size[1] / 2; view.s = fitScale; }
  function clampScale(s) { return Math.min(Math.max(s, fitScale * 0.5), fitScale * 5000, 20 / D.metres); }
  function toWorld(px, py) { return [view.cx + (px - W / 2) / view.s, view.cy - (py - H / 2) / view.s]; }
  function toScreen(x, y) { return [W / 2 + (x - view.cx) * view.s, H / 2 - (y - view.cy) * view.s]; }
  function zoomAt(px, py, f) {
    var w = toWorld(px, py);
    view.s = clampScale(view.s * f);
    view.cx = w[0] - (px - W / 2) / view.s;
    view.cy = w[1] + (py - H / 2) / view.s;
  }
  function showBox(b, margin) {
    if (!isFinite(b[0])) return; // a group without a polygon: keep the view
    var bw = Math.max(b[2] - b[0], 1), bh = Math.max(b[3] - b[1], 1);
    view.cx = (b[0] + b[2]) / 2; view.cy = (b[1] + b[3]) / 2;
    view.s = clampScale(Math.min(W / bw, H / bh) * (margin || 0.85));
    schedule();
  }

  // ---------- drawing ----------
  var hatch = (function () {
    var c = document.createElement("canvas");
    c.width = c.height = 8;
    var g = c.getContext("2d");
    g.strokeStyle = "rgba(215,25,28,0.75)"; g.lineWidth = 1.3;
    g.beginPath(); g.moveTo(0, 8); g.lineTo(8, 0); g.moveTo(-2, 2); g.lineTo(2, -2); g.moveTo(6, 10); g.lineTo(10, 6); g.stroke();
    return ctx.createPattern(c, "repeat");
  })();
  // Redraw requests, served once per animation frame: FULL draws the map,
  // MOVED shows the scaled copy now and draws the map when the view has
  // been still for a moment, OVERLAY only redraws the highlights.
  var OVERLAY = 1, MOVED = 2, FULL = 4, need = 0, pending = false, idle = 0;
  function request(kind) {
    need |= kind;
    if (!pending) { pending = true; requestAnimationFrame(frame); }
  }
  function frame() {
    pending = false;
    var n = need;
    need = 0;
    if (n & FULL) drawBase();
    else if (n & MOVED) drawQuick();
    drawOverlay();
  }
  function schedule() { request(FULL); }
  function highlight() { request(OVERLAY); }
  function moved() {
    request(MOVED);
    clearTimeout(idle);
    idle = setTimeout(schedule, 150);
  }
  function worldTransform(c) {
    var k = view.s * dpr;
    c.setTransform(k, 0, 0, -k, dpr * (W / 2 - view.cx * view.s), dpr * (H / 2 + view.cy * view.s));
  }
  function visible(b) {
    var w0 = toWorld(0, H), w1 = toWorld(W, 0);
    return b[2] >= w0[0] && b[0] <= w1[0] && b[3] >= w0[1] && b[1] <= w1[1];
  }
  // Dots grow with the list size (area proportional, capped) and with the
  // size of a hub on screen.
  function dotRadius(i) {
    var big = hubPx();
    var rmax = Math.min(16, Math.max(2.4, big / 8)), rmin = Math.min(3.5, Math.max(0.9, big / 40));
    return Math.max(rmin, rmax * Math.sqrt(Math.min(P.patients[i], DOT_CAP) / DOT_CAP));
  }
  // hubPx is the width of a typical hub on screen (the median width of
  // the hubs' boxes): hub sites and labels show once hubs are big enough
  // to hold them, whatever the size of the whole map.
  var medianHubW = (function () {
    var w = hubs.map(function (h) { return h.box[2] - h.box[0]; }).sort(function (a, b) { return a - b; });
    return w[w.length >> 1] || 1;
  })();
  function hubPx() { return medianHubW * view.s; }
  function fillOf(h) { return byArea && h.area >= 0 ? areas[h.area].fill : h.fill; }

  function drawBase() {
    clearTimeout(idle);
    var px = 1 / view.s; // one CSS pixel in world units
    ctx.setTransform(dpr, 0, 0, dpr, 0, 0);
    ctx.fillStyle = "#dfe8ee";
    ctx.fillRect(0, 0, W, H);
    worldTransform(ctx);
    ctx.lineJoin = "round";
    if (hasOutline) { ctx.fillStyle = "#f3f0e8"; ctx.fill(outline, "evenodd"); }
    var vis = hubs.map(function (h) { return visible(h.box); });
    if (layer.hubs) {
      hubs.forEach(function (h, i) {
        if (!vis[i]) return;
        ctx.fillStyle = fillOf(h);
        ctx.fill(h.path, "evenodd");
      });
      hubs.forEach(function (h, i) {
        if (!vis[i] || !h.warn) return;
        var a = toScreen(h.box[0], h.box[3]), b = toScreen(h.box[2], h.box[1]);
        var x0 = Math.max(0, a[0]), y0 = Math.max(0, a[1]), x1 = Math.min(W, b[0]), y1 = Math.min(H, b[1]);
        ctx.save();
        ctx.clip(h.path, "evenodd");
        ctx.setTransform(dpr, 0, 0, dpr, 0, 0);
        ctx.fillStyle = hatch;
        ctx.fillRect(x0, y0, x1 - x0, y1 - y0);
        ctx.restore();
      });
      ctx.strokeStyle = byArea ? "rgba(255,255,255,0.9)" : "rgba(255,255,255,0.85)";
      ctx.lineWidth = (hubPx() >= 40 ? 1.2 : 0.6) * px;
      ctx.stroke(allHubs);
    }
    if (hasOutline) { ctx.strokeStyle = "#8c8c8c"; ctx.lineWidth = 0.8 * px; ctx.stroke(outline); }
    if (layer.areas && hasAreas) {
      var crowded = hubPx() < 25; // country view: thinner, lighter area lines
      ctx.strokeStyle = crowded ? "rgba(48,48,48,0.8)" : "#303030";
      ctx.lineWidth = (crowded ? 0.9 : layer.hubs ? 1.8 : 1.3) * px;
      ctx.stroke(allAreas);
      areas.forEach(function (a) {
        if (!a.warn || !visible(a.box)) return;
        ctx.save(); ctx.setLineDash([6 * px, 4 * px]); ctx.strokeStyle = "#d7191c"; ctx.lineWidth = 2 * px;
        ctx.stroke(a.path); ctx.restore();
      });
    }
    if (layer.hubs) {
      ctx.strokeStyle = "#d7191c";
      ctx.lineWidth = 1.6 * px;
      hubs.forEach(function (h, i) { if (vis[i] && h.warn) ctx.stroke(h.path); });
    }
    ctx.setTransform(dpr, 0, 0, dpr, 0, 0);
    if (layer.practices) drawPractices();
    if (layer.labels) drawLabels();
    drawScale();
    sctx.setTransform(1, 0, 0, 1, 0, 0);
    sctx.drawImage(canvas, 0, 0);
    snapView = { cx: view.cx, cy: view.cy, s: view.s };
  }

  // drawQuick shows the last drawing moved and scaled to the current view.
  function drawQuick() {
    if (!snapView) { drawBase(); return; }
    var f = view.s / snapView.s;
    ctx.setTransform(dpr, 0, 0, dpr, 0, 0);
    ctx.fillStyle = "#dfe8ee";
    ctx.fillRect(0, 0, W, H);
    ctx.drawImage(snap, W / 2 + (snapView.cx - view.cx) * view.s - W / 2 * f,
      H / 2 - (snapView.cy - view.cy) * view.s - H / 2 * f, W * f, H * f);
  }

  // drawOverlay draws the selected area and hub, the hovered hub, and rings
  // round the selected and hovered practices.
  function drawOverlay() {
    var px = 1 / view.s;
    octx.setTransform(dpr, 0, 0, dpr, 0, 0);
    octx.clearRect(0, 0, W, H);
    worldTransform(octx);
    octx.lineJoin = "round";
    if (sel.area >= 0) {
      octx.strokeStyle = "#0b57a4"; octx.lineWidth = 3 * px; octx.stroke(areas[sel.area].path);
    }
    if (sel.hub >= 0) {
      octx.strokeStyle = "#ffffff"; octx.lineWidth = 6 * px; octx.stroke(hubs[sel.hub].path);
      octx.strokeStyle = "#0b57a4"; octx.lineWidth = 3.5 * px; octx.stroke(hubs[sel.hub].path);
    }
    if (hover.hub >= 0 && hover.hub !== sel.hub) {
      octx.strokeStyle = "#111"; octx.lineWidth = 2.2 * px; octx.stroke(hubs[hover.hub].path);
    }
    octx.setTransform(dpr, 0, 0, dpr, 0, 0);
    [sel.practice, hover.practice].forEach(function (i, n) {
      if (i < 0) return;
      var q = toScreen(P.x[i], P.y[i]), r = dotRadius(i) + 4;
      octx.beginPath(); octx.arc(q[0], q[1], r, 0, 2 * Math.PI);
      octx.strokeStyle = "#fff"; octx.lineWidth = 5; octx.stroke();
      octx.strokeStyle = n === 0 ? "#0b57a4" : "#111"; octx.lineWidth = 2.5; octx.stroke();
    });
  }

  function drawPractices() {
    var i, n = 0, big = hubPx(), ox = W / 2 - view.cx * view.s, oy = H / 2 + view.cy * view.s;
    // Screen positions and radii of the practices in view, computed once.
    var idx = new Int32Array(NP), sx = new Float64Array(NP), sy = new Float64Array(NP), sr = new Float64Array(NP);
    for (i = 0; i < NP; i++) {
      var x = ox + P.x[i] * view.s, y = oy - P.y[i] * view.s;
      if (x < -20 || y < -20 || x > W + 20 || y > H + 20) continue;
      idx[n] = i; sx[n] = x; sy[n] = y; sr[n] = dotRadius(i); n++;
    }
    var k;
    ctx.beginPath();
    for (k = 0; k < n; k++) { ctx.moveTo(sx[k] + sr[k], sy[k]); ctx.arc(sx[k], sy[k], sr[k], 0, 2 * Math.PI); }
    ctx.fillStyle = "rgba(38,38,51,0.62)";
    ctx.fill();
    if (big >= 60) { ctx.strokeStyle = "rgba(255,255,255,0.8)"; ctx.lineWidth = 0.8; ctx.stroke(); }
    if (P.moved) {
      ctx.beginPath();
      for (k = 0; k < n; k++) {
        if (!P.moved[idx[k]]) continue;
        var r = sr[k] + 2.5;
        ctx.moveTo(sx[k] + r, sy[k]); ctx.arc(sx[k], sy[k], r, 0, 2 * Math.PI);
      }
      ctx.strokeStyle = "#c51b8a"; ctx.lineWidth = 2.2; ctx.stroke();
    }
    if (big >= 40) {
      ctx.beginPath();
      for (k = 0; k < n; k++) {
        if (!isSite[idx[k]]) continue;
        var d = Math.max(4, sr[k] + 2), qx = sx[k], qy = sy[k];
        ctx.moveTo(qx, qy - d); ctx.lineTo(qx + d, qy); ctx.lineTo(qx, qy + d); ctx.lineTo(qx - d, qy); ctx.closePath();
      }
      ctx.fillStyle = "rgba(255,255,255,0.85)"; ctx.fill();
      ctx.strokeStyle = "#111"; ctx.lineWidth = 1.6; ctx.stroke();
    }
  }

  // label draws text centred on (x, y) with a white halo, unless it would
  // overlap a label already drawn in this frame (placed lists their boxes).
  var placed = [];
  function label(text, x, y, size, weight) {
    ctx.font = weight + " " + size + "px system-ui, -apple-system, 'Segoe UI', Roboto, Helvetica, Arial, sans-serif";
    var w = ctx.measureText(text).width + 6, h = size + 4;
    var b = [x - w / 2, y - h / 2, x + w / 2, y + h / 2];
    for (var i = 0; i < placed.length; i++) {
      var o = placed[i];
      if (b[0] < o[2] && o[0] < b[2] && b[1] < o[3] && o[1] < b[3]) return;
    }
    placed.push(b);
    ctx.textAlign = "center"; ctx.textBaseline = "middle";
    ctx.lineWidth = 3; ctx.strokeStyle = "rgba(255,255,255,0.9)"; ctx.lineJoin = "round";
    ctx.strokeText(text, x, y);
    ctx.fillStyle = "#1a1a1a"; ctx.fillText(text, x, y);
  }
  function labelPoint(g) {
    if (g.site >= 0) return toScreen(P.x[g.site], P.y[g.site]);
    return toScreen((g.box[0] + g.box[2]) / 2, (g.box[1] + g.box[3]) / 2);
  }
  function drawLabels() {
    var shown = false, big = hubPx();
    placed = [];
    if (layer.hubs && big >= 50) {
      hubs.forEach(function (h) {
        var w = (h.box[2] - h.box[0]) * view.s;
        if (w < 70 || !visible(h.box)) return;
        shown = true;
        var q = labelPoint(h);
        label(HUB + " " + h.id, q[0], q[1] - 14, 12, "600");
      });
    }
    if (layer.areas && hasAreas && !shown && big >= 15) {
      areas.forEach(function (a) {
        var w = (a.box[2] - a.box[0]) * view.s;
        if (w < 90 || !visible(a.box)) return;
        var q = toScreen((a.box[0] + a.box[2]) / 2, (a.box[1] + a.box[3]) / 2);
        if (inside(a, (a.box[0] + a.box[2]) / 2, (a.box[1] + a.box[3]) / 2) === false) q = labelPoint(a);
        label(AREA + " " + a.id, q[0], q[1], 13, "700");
      });
    }
  }

  function drawScale() {
    var target = 110 / view.s * D.metres; // metres in about 110 px
    var p = Math.pow(10, Math.floor(Math.log10(target)));
    var m = [1, 2, 5, 10].map(function (f) { return f * p; }).filter(function (v) { return v <= target; }).pop() || p;
    var len = m / D.metres * view.s, x = 14, y = H - 16;
    ctx.fillStyle = "rgba(255,255,255,0.8)";
    ctx.fillRect(x - 6, y - 20, len + 12, 28);
    ctx.strokeStyle = "#222"; ctx.lineWidth = 1.5;
    ctx.beginPath(); ctx.moveTo(x, y - 5); ctx.lineTo(x, y); ctx.lineTo(x + len, y); ctx.lineTo(x + len, y - 5); ctx.stroke();
    ctx.font = "12px system-ui, sans-serif"; ctx.fillStyle = "#222"; ctx.textAlign = "left"; ctx.textBaseline = "alphabetic";
    ctx.fillText(m >= 1000 ? fmt(m / 1000) + " km" : fmt(m) + " m", x, y - 8);
  }

  // ---------- hit testing ----------
  function practiceAt(px, py) {
    if (!layer.practices) return -1;
    var best = -1, bd = Infinity, ox = W / 2 - view.cx * view.s, oy = H / 2 + view.cy * view.s;
    for (var i = 0; i < NP; i++) {
      var dx = ox + P.x[i] * view.s - px, dy = oy - P.y[i] * view.s - py;
      if (dx > 20 || dx < -20 || dy > 20 || dy < -20) continue;
      var d = dx * dx + dy * dy, r = dotRadius(i) + 3;
      if (d <= r * r && d < bd) { bd = d; best = i; }
    }
    return best;
  }
  function hubAt(px, py) {
    var w = toWorld(px, py);
    for (var i = 0; i < hubs.length; i++) if (inside(hubs[i], w[0], w[1])) return i;
    return -1;
  }

  // ---------- tooltip and selection ----------
  var tip = $("tip");
  function hubLines(h, into) {
    into.appendChild(el("b", null, HUB + " " + h.id));
    into.appendChild(el("div", null, fmt(h.patients) + " patients \u00b7 " + plural(h.practices, "practice")));
    if (h.site >= 0) into.appendChild(el("div", null, "Hub site: " + P.name[h.site] + " (" + P.code[h.site] + ")"));
    var st = statusText(h);
    into.appendChild(st ? el("div", "warn", "Status: " + st) : el("div", null, "Status: within its size bounds"));
    if (h.area >= 0) {
      var a = areas[h.area], ast = statusText(a);
      into.appendChild(el("div", null, AREA + " " + a.id + ": " + fmt(a.patients) + " patients, " +
        plural(a.hubs || a.hubList.length, D.hubLevel || "hub") + (ast ? " (" + ast + ")" : "")));
    }
    into.appendChild(el("div", null, "Distance to hub site: mean " + km(h.meanKm) + ", furthest " + km(h.maxKm)));
  }
  function practiceLines(i, into) {
    into.appendChild(el("b", null, P.code[i] + " \u00b7 " + P.name[i]));
    into.appendChild(el("div", null, fmt(P.patients[i]) + " patients" +
      (P.postcode && P.postcode[i] ? " \u00b7 " + P.postcode[i] : "")));
    var h = hubs[P.hub[i]];
    into.appendChild(el("div", null, HUB + " " + h.id + (isSite[i] && h.site === i ? " (its hub site)" : "") +
      (h.area >= 0 ? " \u00b7 " + AREA + " " + areas[h.area].id : "")));
    if (P.moved && P.moved[i]) {
      into.appendChild(el("div", "moved", "Moved" + (P.from && P.from[i] ? " from " + P.from[i] : "")));
    }
  }
  function showTip(px, py) {
    tip.textContent = "";
    if (hover.practice >= 0) practiceLines(hover.practice, tip);
    else if (hover.hub >= 0) hubLines(hubs[hover.hub], tip);
    else { tip.hidden = true; return; }
    tip.hidden = false;
    var tw = tip.offsetWidth, th = tip.offsetHeight;
    var x = px + 16, y = py + 16;
    if (x + tw > W - 4) x = px - tw - 12;
    if (y + th > H - 4) y = py - th - 12;
    tip.style.left = Math.max(4, x) + "px";
    tip.style.top = Math.max(4, y) + "px";
  }

  var selBox = $("selection");
  function linkTo(text, query) {
    var b = el("button", "linkish", text);
    b.type = "button";
    b.addEventListener("click", function () { go(query); });
    return b;
  }
  function clearSelection(message) {
    sel.hub = sel.area = sel.practice = -1;
    selBox.textContent = "";
    selBox.appendChild(el("p", "hint", message ||
      "Hover a hub or practice for its details. Click a hub to list its practices, or search above."));
    highlight();
  }
  function showHub(hi, current) {
    var h = hubs[hi];
    sel.hub = hi; sel.area = -1; sel.practice = current;
    selBox.textContent = "";
    if (current >= 0) {
      selBox.appendChild(el("h3", null, "Practice " + P.code[current]));
      var d = el("div");
      practiceLines(current, d);
      d.firstChild.remove();
      selBox.appendChild(el("p", null, P.name[current]));
      selBox.appendChild(d);
    }
    var head = el("h3", null, HUB + " " + h.id);
    selBox.appendChild(head);
    var info = el("div");
    hubLines(h, info);
    info.firstChild.remove();
    if (h.area >= 0) {
      info.appendChild(el("div", null, "Show ", linkTo(AREA + " " + areas[h.area].id, AREA + " " + areas[h.area].id)));
    }
    selBox.appendChild(info);
    var list = el("ol");
    h.members.forEach(function (i) {
      var li = el("li", i === current ? "current" : null, linkTo(P.code[i], P.code[i]), " " + P.name[i] + " ",
        el("span", "n", fmt(P.patients[i]) + (h.site === i ? " \u00b7 hub site" : "") +
          (P.moved && P.moved[i] ? " \u00b7 moved" + (P.from && P.from[i] ? " from " + P.from[i] : "") : "")));
      list.appendChild(li);
    });
    selBox.appendChild(el("p", null, "Practices (" + fmt(h.members.length) + "), by patients:"));
    selBox.appendChild(list);
    highlight();
  }
  function showArea(ai) {
    var a = areas[ai];
    sel.hub = -1; sel.area = ai; sel.practice = -1;
    selBox.textContent = "";
    selBox.appendChild(el("h3", null, AREA + " " + a.id));
    selBox.appendChild(el("p", null, fmt(a.patients) + " patients \u00b7 " + plural(a.hubList.length, D.hubLevel || "hub") +
      " \u00b7 " + plural(a.practices, "practice")));
    var st = statusText(a);
    if (st) selBox.appendChild(el("p", "warn", "Status: " + st));
    var list = el("ul");
    a.hubList.forEach(function (hi) {
      var h = hubs[hi];
      list.appendChild(el("li", null, linkTo(HUB + " " + h.id, HUB + " " + h.id), " ",
        el("span", "n", fmt(h.patients) + " patients, " + plural(h.practices, "practice")),
        h.warn ? el("span", "warn", " " + h.status) : null));
    });
    selBox.appendChild(list);
    highlight();
  }
  // showWarn lists the hubs outside their size bounds, largest first.
  function showWarn() {
    sel.hub = sel.area = sel.practice = -1;
    selBox.textContent = "";
    var list = [];
    hubs.forEach(function (h, i) { if (h.warn) list.push(i); });
    list.sort(function (a, b) { return hubs[b].patients - hubs[a].patients || a - b; });
    selBox.appendChild(el("h3", null, plural(list.length, D.hubLevel || "hub") + " outside their size bounds"));
    var ul = el("ul");
    list.forEach(function (hi) {
      var h = hubs[hi];
      ul.appendChild(el("li", null, linkTo(HUB + " " + h.id, HUB + " " + h.id), " ",
        el("span", "n", fmt(h.patients) + " patients"), el("div", "warn", statusText(h))));
    });
    selBox.appendChild(ul);
    highlight();
  }
  function showMatches(q, list) {
    sel.hub = sel.area = sel.practice = -1;
    selBox.textContent = "";
    selBox.appendChild(el("h3", null, plural(list.length, "practice") + " match \u201c" + q + "\u201d"));
    var ul = el("ul");
    list.slice(0, 100).forEach(function (i) {
      ul.appendChild(el("li", null, linkTo(P.code[i], P.code[i]), " " + P.name[i] + " ",
        el("span", "n", HUB + " " + hubs[P.hub[i]].id)));
    });
    selBox.appendChild(ul);
    if (list.length > 100) selBox.appendChild(el("p", "hint", "and " + fmt(list.length - 100) + " more: refine the search."));
    highlight();
  }
  function zoomToPractice(i) {
    var h = hubs[P.hub[i]], x = P.x[i], y = P.y[i], b = isFinite(h.box[0]) ? h.box : [x, y, x, y];
    var hw = Math.max(x - b[0], b[2] - x, 500 / D.metres), hh = Math.max(y - b[1], b[3] - y, 500 / D.metres);
    view.cx = x; view.cy = y;
    view.s = clampScale(Math.min(W / (2 * hw), H / (2 * hh)) * 0.9);
    schedule();
  }

  // search runs a query: a practice code, a postcode, "hub N", "area N" or
  // part of a practice name.
  function search(text) {
    var q = text.trim();
    if (!q) { clearSelection(); return; }
    var m = /^([a-z]+)\s*#?\s*(\d+)$/i.exec(q);
    if (m) {
      var word = m[1].toLowerCase(), id = Number(m[2]);
      if (word === (D.hubLevel || "hub").toLowerCase()) {
        var hi = hubs.findIndex(function (h) { return h.id === id; });
        if (hi >= 0) { showBox(hubs[hi].box); showHub(hi, -1); return; }
      }
      if (hasAreas && word === (D.areaLevel || "area").toLowerCase()) {
        var ai = areas.findIndex(function (a) { return a.id === id; });
        if (ai >= 0) { showBox(areas[ai].box); showArea(ai); return; }
      }
    }
    var u = q.toUpperCase();
    if (codeIndex.has(u)) { var i = codeIndex.get(u); zoomToPractice(i); showHub(P.hub[i], i); return; }
    var pcs = postcodeIndex.get(normPostcode(q));
    if (pcs && pcs.length === 1) { zoomToPractice(pcs[0]); showHub(P.hub[pcs[0]], pcs[0]); return; }
    if (pcs) { showMatches(q, pcs); return; }
    var lq = q.toLowerCase(), found = [];
    for (var k = 0; k < NP; k++) if (lowerNames[k].indexOf(lq) >= 0 || P.code[k].toLowerCase().indexOf(lq) === 0) found.push(k);
    if (found.length === 1) { zoomToPractice(found[0]); showHub(P.hub[found[0]], found[0]); return; }
    if (found.length > 1) { showMatches(q, found); return; }
    clearSelection("Nothing matches \u201c" + q + "\u201d. Try a practice code (E85124), part of a name, a postcode, or \u201c" +
      (D.hubLevel || "hub") + " 12\u201d.");
  }
  function fromHash() {
    var h = location.hash;
    if (h.indexOf("#q=") !== 0) return false;
    var q = h.slice(3).replace(/\+/g, " ");
    try { q = decodeURIComponent(q); } catch (e) { /* keep the raw text */ }
    $("q").value = q;
    search(q);
    return true;
  }
  function go(query) {
    var h = "#q=" + encodeURIComponent(query);
    if (location.hash === h) fromHash(); else location.hash = h;
  }

  // ---------- input ----------
  var pointers = new Map(), drag = null;
  canvas.addEventListener("pointerdown", function (e) {
    canvas.setPointerCapture(e.pointerId);
    pointers.set(e.pointerId, [e.offsetX, e.offsetY]);
    drag = { x: e.offsetX, y: e.offsetY, moved: pointers.size > 1, pinch: pinchState() };
    tip.hidden = true;
  });
  function pinchState() {
    if (pointers.size !== 2) return null;
    var p = Array.from(pointers.values());
    return { d: Math.hypot(p[0][0] - p[1][0], p[0][1] - p[1][1]), x: (p[0][0] + p[1][0]) / 2, y: (p[0][1] + p[1][1]) / 2 };
  }
  canvas.addEventListener("pointermove", function (e) {
    if (!pointers.has(e.pointerId)) {
      if (e.pointerType !== "mouse") return;
      hover.practice = practiceAt(e.offsetX, e.offsetY);
      hover.hub = hover.practice >= 0 ? P.hub[hover.practice] : (layer.hubs || layer.areas ? hubAt(e.offsetX, e.offsetY) : -1);
      showTip(e.offsetX, e.offsetY);
      highlight();
      return;
    }
    var last = pointers.get(e.pointerId);
    pointers.set(e.pointerId, [e.offsetX, e.offsetY]);
    if (pointers.size === 2 && drag && drag.pinch) {
      var now = pinchState();
      // Zoom about the previous midpoint, then move it to the new one:
      // the map point between the fingers stays between them.
      zoomAt(drag.pinch.x, drag.pinch.y, now.d / Math.max(drag.pinch.d, 1));
      view.cx -= (now.x - drag.pinch.x) / view.s;
      view.cy += (now.y - drag.pinch.y) / view.s;
      drag.pinch = now;
      drag.moved = true;
      moved();
      return;
    }
    if (pointers.size !== 1 || !drag) return;
    if (Math.abs(e.offsetX - drag.x) + Math.abs(e.offsetY - drag.y) > 4) drag.moved = true;
    if (drag.moved) {
      canvas.classList.add("dragging");
      view.cx -= (e.offsetX - last[0]) / view.s;
      view.cy += (e.offsetY - last[1]) / view.s;
      moved();
    }
  });
  function endPointer(e) {
    if (!pointers.has(e.pointerId)) return;
    pointers.delete(e.pointerId);
    canvas.classList.remove("dragging");
    if (pointers.size === 1) {
      var p = Array.from(pointers.values())[0];
      drag = { x: p[0], y: p[1], moved: true, pinch: null };
      return;
    }
    if (pointers.size === 0 && drag && !drag.moved && e.type === "pointerup") {
      var pi = practiceAt(e.offsetX, e.offsetY);
      if (pi >= 0) go(P.code[pi]);
      else {
        var hi = hubAt(e.offsetX, e.offsetY);
        if (hi >= 0) go(HUB + " " + hubs[hi].id);
      }
    }
    if (pointers.size === 0) drag = null;
  }
  canvas.addEventListener("pointerup", endPointer);
  canvas.addEventListener("pointercancel", endPointer);
  canvas.addEventListener("pointerleave", function (e) {
    if (e.pointerType === "mouse" && !pointers.size) { hover.hub = hover.practice = -1; tip.hidden = true; highlight(); }
  });
  canvas.addEventListener("wheel", function (e) {
    e.preventDefault();
    var dy = e.deltaY * (e.deltaMode === 1 ? 33 : e.deltaMode === 2 ? 400 : 1);
    zoomAt(e.offsetX, e.offsetY, Math.exp(-dy * 0.0018));
    moved();
  }, { passive: false });
  canvas.addEventListener("dblclick", function (e) { zoomAt(e.offsetX, e.offsetY, 2); schedule(); });
  $("zoom-in").addEventListener("click", function () { zoomAt(W / 2, H / 2, 2); schedule(); });
  $("zoom-out").addEventListener("click", function () { zoomAt(W / 2, H / 2, 0.5); schedule(); });
  $("zoom-fit").addEventListener("click", function () { fit(); schedule(); });
  ["hubs", "areas", "practices", "labels"].forEach(function (k) {
    var c = $("layer-" + k);
    layer[k] = c.checked;
    c.addEventListener("change", function () { layer[k] = c.checked; schedule(); });
  });
  ["colour-neighbours", "colour-area"].forEach(function (id) {
    $(id).addEventListener("change", function () { byArea = $("colour-area").checked; schedule(); });
  });
  byArea = $("colour-area").checked;
  $("search").addEventListener("submit", function (e) { e.preventDefault(); go($("q").value); });
  window.addEventListener("hashchange", fromHash);
  if (warnCount) {
    var wl = el("button", "linkish", plural(warnCount, D.hubLevel || "hub"));
    wl.type = "button"; wl.id = "warn-list";
    wl.addEventListener("click", showWarn);
    $("warn-count").append("(", wl, ")");
  }
  // Keyboard, when the map has the focus: arrows pan, + and - zoom, 0 shows
  // the whole map, Escape clears the selection.
  canvas.addEventListener("keydown", function (e) {
    var step = 80 / view.s, done = true;
    switch (e.key) {
      case "ArrowLeft": view.cx -= step; break;
      case "ArrowRight": view.cx += step; break;
      case "ArrowUp": view.cy += step; break;
      case "ArrowDown": view.cy -= step; break;
      case "+": case "=": zoomAt(W / 2, H / 2, 1.5); break;
      case "-": case "_": zoomAt(W / 2, H / 2, 1 / 1.5); break;
      case "0": fit(); break;
      case "Escape": clearSelection(); break;
      default: done = false;
    }
    if (done) { e.preventDefault(); schedule(); }
  });

  // A small read-only hook for tests and scripts: where a practice is on
  // the canvas (CSS pixels from its top-left corner), or null.
  window.hubpartMap = Object.freeze({
    locate: function (code) {
      var i = codeIndex.get(String(code).toUpperCase());
      if (i === undefined) return null;
      var q = toScreen(P.x[i], P.y[i]);
      return [q[0], q[1]];
    }
  });

  new ResizeObserver(resize).observe(box);
  resize();
  fromHash();
  frame();
  document.documentElement.setAttribute("data-ready", String(Math.round(performance.now())));
})();
