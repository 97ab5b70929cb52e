/* aikg views: build the networks from the page's JSON data.
   Every string from the data reaches the page through textContent, a property (input.value,
   option.value) or vis-network's canvas: nothing from the data is ever parsed as HTML. */
(function () {
  "use strict";
  var DATA = JSON.parse(document.getElementById("aikg-data").textContent);
  var T = DATA.text;
  var panels = [];
  var byId = {};
  var readyCount = 0;

  function el(tag, cls, text) {
    var e = document.createElement(tag);
    if (cls) { e.className = cls; }
    if (text !== undefined && text !== null) { e.textContent = String(text); }
    return e;
  }

  /* A tooltip or details block from {head, sub, rows, sources}. `links`: make http(s) source
     URLs clickable (details panel only); any other URL stays text. */
  function buildTip(tip, links) {
    var box = el("div", "aikg-tip");
    box.appendChild(el("div", "aikg-tip-head", tip.head));
    if (tip.sub) { box.appendChild(el("div", "aikg-tip-sub", tip.sub)); }
    var rows = el("dl", "aikg-tip-rows");
    tip.rows.forEach(function (r) {
      rows.appendChild(el("dt", null, r[0]));
      rows.appendChild(el("dd", null, r[1]));
    });
    box.appendChild(rows);
    (tip.sources || []).forEach(function (s) {
      var src = el("div", "aikg-tip-source");
      src.appendChild(el("div", "aikg-tip-source-title",
        T.source + ": " + s.title + (s.issued ? " (" + s.issued + ")" : "")));
      if (s.url) {
        if (links && /^https?:\/\//i.test(s.url)) {
          var a = el("a", "aikg-tip-url", s.url);
          a.href = s.url;
          a.rel = "noopener noreferrer";
          a.target = "_blank";
          src.appendChild(a);
        } else {
          src.appendChild(el("div", "aikg-tip-url", s.url));
        }
      }
      (s.quotes || []).forEach(function (q) {
        src.appendChild(el("blockquote", null, "\u201c" + q + "\u201d"));
      });
      box.appendChild(src);
    });
    return box;
  }

  function showDetails(panelId, kind, id) {
    var p = byId[panelId];
    if (!p) { return false; }
    var item = kind === "node" ? p.tips.nodes[id] : p.tips.edges[id];
    if (!item) { return false; }
    var target = document.getElementById("aikg-details");
    while (target.firstChild) { target.removeChild(target.firstChild); }
    if (DATA.compare && p.data.caption) { target.appendChild(el("p", "aikg-note", p.data.caption)); }
    target.appendChild(buildTip(item, true));
    if (kind === "node") {
      /* The actor's relations in this view, each with its dates, value and sources. */
      var rels = p.data.edges.filter(function (e) { return e.from === id || e.to === id; });
      var box = el("div", "aikg-node-relations");
      box.appendChild(el("h3", null, T.relations_of + " (" + rels.length + ")"));
      rels.forEach(function (e) { box.appendChild(buildTip(e.tip, true)); });
      target.appendChild(box);
    }
    return true;
  }

  /* Moves actors apart until no two actors' boxes (shape and label) overlap. A label keeps its
     offset from its node and scales with the zoom, so boxes apart in canvas coordinates are apart
     at every zoom. The layout (networkx, then the browser's physics) places nodes, not labels:
     long names ran into each other. The panels of a comparison share their positions, so they
     are spread together: an actor's box is the union of its boxes in each panel, and it moves
     the same in both. Deterministic: same layout in, same positions out. */
  function spreadLabels(group) {
    var byNode = {}, items = [], pad = 3, moved = {};
    group.forEach(function (p) {
      var body = p.network.body.nodes;
      p.nodes.getIds().forEach(function (id) {
        var n = body[id];
        if (!n || n.options.hidden || !n.shape || !n.shape.boundingBox) { return; }
        var bb = n.shape.boundingBox; /* the actor's shape and its label, in canvas coordinates */
        if (!(bb.right > bb.left)) { return; }
        var it = byNode[id];
        if (!it) {
          it = byNode[id] = { id: id, x: n.x, y: n.y, l: bb.left - n.x, t: bb.top - n.y, r: bb.right - n.x, b: bb.bottom - n.y };
          items.push(it);
        } else {
          it.l = Math.min(it.l, bb.left - n.x); it.t = Math.min(it.t, bb.top - n.y);
          it.r = Math.max(it.r, bb.right - n.x); it.b = Math.max(it.b, bb.bottom - n.y);
        }
      });
    });
    items.forEach(function (it) { it.dx = it.l; it.dy = it.t; it.w = it.r - it.l; it.h = it.b - it.t; });
    var left = function (a) { return a.x + a.dx; };
    for (var round = 0; round < 400; round++) {
      var any = false;
      items.sort(function (a, b) { return left(a) - left(b) || (a.id < b.id ? -1 : 1); });
      for (var i = 0; i < items.length; i++) {
        var a = items[i];
        for (var j = i + 1; j < items.length; j++) {
          var b = items[j];
          if (left(b) >= left(a) + a.w + pad) { break; }
          var ox = Math.min(left(a) + a.w, left(b) + b.w) - Math.max(left(a), left(b)) + pad;
          var oy = Math.min(a.y + a.dy + a.h, b.y + b.dy + b.h) - Math.max(a.y + a.dy, b.y + b.dy) + pad;
          if (ox <= 0 || oy <= 0) { continue; }
          any = true;
          if (oy <= ox) {
            var up = (a.y + a.dy) <= (b.y + b.dy) ? 1 : -1;
            a.y -= up * oy / 2; b.y += up * oy / 2;
          } else {
            a.x -= ox / 2; b.x += ox / 2;
          }
          moved[a.id] = a; moved[b.id] = b;
        }
      }
      if (!any) { break; }
    }
    group.forEach(function (p) {
      Object.keys(moved).forEach(function (k) {
        if (p.network.body.nodes[moved[k].id]) { p.network.moveNode(moved[k].id, moved[k].x, moved[k].y); }
      });
      p.labelRounds = round;
      p.network.fit({ animation: false });
    });
  }

  /* Layout done: once every panel has drawn a first frame (its labels measured), spread the
     actors of all panels together, then each panel is ready after its next frame. */
  var drawnOnce = [];
  function settle(p) {
    p.network.once("afterDrawing", function () {
      drawnOnce.push(p);
      if (drawnOnce.length < DATA.panels.length) { return; }
      var group = drawnOnce.filter(function (q) { return q.data.spreadLabels; });
      if (group.length) { spreadLabels(group); }
      drawnOnce.forEach(function (q) {
        q.network.once("afterDrawing", function () { markReady(q); });
        q.network.redraw();
      });
    });
    p.network.redraw();
  }

  function markReady(p) {
    if (p.ready) { return; }
    p.ready = true;
    readyCount += 1;
    if (readyCount === panels.length) {
      window.aikgReadyAt = performance.now();
      window.aikgReady = true;
      document.body.setAttribute("data-ready", "1");
    }
  }

  /* Tooltips are built when shown: vis-network gets a short plain-text title (set as text),
     and on "showPopup" its content is replaced by the full tip, built with textContent. Building
     every tip up front costs about a second on a 5,000-actor graph. */
  function fillPopup(container, tip) {
    var frame = container.querySelector("div.vis-tooltip");
    if (!frame || !tip) { return; }
    while (frame.firstChild) { frame.removeChild(frame.firstChild); }
    frame.appendChild(buildTip(tip, false));
    var box = container.getBoundingClientRect(), r = frame.getBoundingClientRect();
    if (r.right > box.right) { frame.style.left = Math.max(0, frame.offsetLeft - (r.right - box.right) - 4) + "px"; }
    if (r.bottom > box.bottom) { frame.style.top = Math.max(0, frame.offsetTop - (r.bottom - box.bottom) - 4) + "px"; }
  }

  function makePanel(data) {
    var tips = { nodes: {}, edges: {} };
    var nodeItems = data.nodes.map(function (n) {
      var item = {};
      Object.keys(n).forEach(function (k) {
        if (k !== "tip" && k !== "names") { item[k] = n[k]; }
      });
      tips.nodes[n.id] = n.tip;
      item.title = String(n.tip.head);
      return item;
    });
    var edgeItems = data.edges.map(function (e) {
      var item = {};
      Object.keys(e).forEach(function (k) { if (k !== "tip") { item[k] = e[k]; } });
      tips.edges[e.id] = e.tip;
      item.title = String(e.tip.head);
      return item;
    });
    var nodes = new vis.DataSet(nodeItems);
    var edges = new vis.DataSet(edgeItems);
    var container = document.getElementById("net-" + data.id);
    /* Listeners first, data second: with physics off, setData draws at once, and that first
       frame is the moment the page becomes interactive. */
    var network = new vis.Network(container, {}, data.options);
    var p = { id: data.id, data: data, network: network, nodes: nodes, edges: edges, tips: tips, ready: false };
    panels.push(p);
    byId[data.id] = p;
    network.on("showPopup", function (id) {
      fillPopup(container, Object.prototype.hasOwnProperty.call(tips.nodes, id) ? tips.nodes[id] : tips.edges[id]);
    });
    network.on("click", function (params) {
      if (params.nodes.length) { showDetails(p.id, "node", params.nodes[0]); }
      else if (params.edges.length) { showDetails(p.id, "edge", params.edges[0]); }
    });
    if (data.options.physics && data.options.physics.enabled) {
      network.once("stabilizationIterationsDone", function () {
        network.setOptions({ physics: { enabled: false } });
        settle(p);
      });
    } else {
      network.once("afterDrawing", function () { settle(p); });
    }
    network.setData({ nodes: nodes, edges: edges });
    return p;
  }

  DATA.panels.forEach(makePanel);

  /* Filters: untick a class or a relation type in the legend to hide it; ended relations too. */
  function applyFilters() {
    var hiddenClasses = {}, hiddenTypes = {};
    document.querySelectorAll('input[data-filter="class"]').forEach(function (box) {
      if (!box.checked) { hiddenClasses[box.getAttribute("data-key")] = true; }
    });
    document.querySelectorAll('input[data-filter="type"]').forEach(function (box) {
      if (!box.checked) { hiddenTypes[box.getAttribute("data-key")] = true; }
    });
    var ended = document.getElementById("aikg-show-ended");
    var hideEnded = ended ? !ended.checked : false;
    panels.forEach(function (p) {
      var nodeUpdates = [], edgeUpdates = [];
      p.nodes.forEach(function (n) {
        var hide = hiddenClasses[n.cls] === true;
        if (Boolean(n.hidden) !== hide) { nodeUpdates.push({ id: n.id, hidden: hide }); }
      });
      p.edges.forEach(function (e) {
        var hide = hiddenTypes[e.rtype] === true || (hideEnded && e.state === "ended");
        if (Boolean(e.hidden) !== hide) { edgeUpdates.push({ id: e.id, hidden: hide }); }
      });
      if (nodeUpdates.length) { p.nodes.update(nodeUpdates); }
      if (edgeUpdates.length) { p.edges.update(edgeUpdates); }
    });
  }
  document.querySelectorAll('input[data-filter], #aikg-show-ended').forEach(function (box) {
    box.addEventListener("change", applyFilters);
  });

  /* Search: an actor by label (either language) or alias, ignoring case and accents. */
  function norm(s) {
    return String(s).normalize("NFKD").replace(/[\u0300-\u036f]/g, "").toLowerCase().replace(/\s+/g, " ").trim();
  }
  var names = [];
  var seen = {};
  DATA.panels.forEach(function (pd) {
    pd.nodes.forEach(function (n) {
      (n.names || []).forEach(function (name) {
        names.push([norm(name), n.id]);
        if (!seen[name]) { seen[name] = true; }
      });
    });
  });
  var datalist = document.getElementById("aikg-actor-names");
  Object.keys(seen).sort().forEach(function (name) {
    var opt = document.createElement("option");
    opt.value = name;
    datalist.appendChild(opt);
  });
  function findActor(query) {
    var q = norm(query), i;
    if (!q) { return null; }
    for (i = 0; i < names.length; i++) { if (names[i][0] === q) { return names[i][1]; } }
    for (i = 0; i < names.length; i++) { if (names[i][0].indexOf(q) === 0) { return names[i][1]; } }
    for (i = 0; i < names.length; i++) { if (names[i][0].indexOf(q) >= 0) { return names[i][1]; } }
    return null;
  }
  document.getElementById("aikg-search").addEventListener("submit", function (ev) {
    ev.preventDefault();
    var input = document.getElementById("aikg-search-input");
    var msg = document.getElementById("aikg-search-msg");
    var id = findActor(input.value);
    msg.textContent = "";
    if (id === null) {
      if (input.value.trim()) { msg.textContent = T.not_found + " \u201c" + input.value.trim() + "\u201d"; }
      return;
    }
    panels.forEach(function (p) {
      if (p.nodes.get(id)) {
        p.network.selectNodes([id]);
        p.network.focus(id, { scale: Math.max(p.network.getScale(), 1.1), animation: false });
      }
    });
    var last = panels[panels.length - 1];
    showDetails(last.id, "node", id);
  });

  /* Comparison: the two views move together, and a toggle shows one or both. */
  if (DATA.compare && panels.length === 2) {
    var syncing = false;
    var sync = function (from, to) {
      if (syncing) { return; }
      syncing = true;
      to.network.moveTo({ position: from.network.getViewPosition(), scale: from.network.getScale(), animation: false });
      syncing = false;
    };
    panels.forEach(function (p, i) {
      var other = panels[1 - i];
      p.network.on("zoom", function () { sync(p, other); });
      p.network.on("dragEnd", function (params) { if (!params.nodes.length) { sync(p, other); } });
    });
    var holder = document.getElementById("aikg-panels");
    document.querySelectorAll(".aikg-toggle button").forEach(function (button) {
      button.addEventListener("click", function () {
        var show = button.getAttribute("data-show");
        holder.className = "aikg-panels show-" + show;
        document.querySelectorAll(".aikg-toggle button").forEach(function (b) {
          b.setAttribute("aria-pressed", b === button ? "true" : "false");
        });
        panels.forEach(function (p) { p.network.redraw(); });
      });
    });
  }

  window.networks = {};
  panels.forEach(function (p) { window.networks[p.id] = p.network; });
  window.network = byId.after ? byId.after.network : panels[0].network;
  window.aikg = { panels: byId, showDetails: showDetails, findActor: findActor, applyFilters: applyFilters };
})();
