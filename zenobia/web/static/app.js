// app.js: the web app's charts, drawn with the shared dom.js and charts.js from the JSON API.
// Each chart's element names its data (`data-source`) and where a choice leads
// (`data-target`); the page around it already says the same in a table. Strings from the
// store reach the page as text nodes and attributes only.

Z.getJSON = function (url) {
  return fetch(url, {headers: {Accept: "application/json"}, credentials: "same-origin"})
    .then(function (response) {
      if (!response.ok) throw new Error("the server answered " + response.status);
      return response.json();
    });
};

// A path of this site with query parameters set (and the page number reset).
Z.withParams = function (target, params) {
  var url = new URL(target, window.location.origin);
  Object.keys(params).forEach(function (key) { url.searchParams.set(key, params[key]); });
  url.searchParams.delete("offset");
  return url.pathname + url.search;
};

Z.failed = function (box, error) {
  Z.append(Z.clear(box), Z.el("p", {class: "note"}, "The chart cannot be drawn (" + error.message +
                                  "); the table below holds the same facts."));
};

// --- timeline: a bar per month or year; a bar lists its events ---------------------------------

Z.drawTimeline = function (box) {
  return Z.getJSON(box.dataset.source).then(function (data) {
    var months = data.months.map(function (m) {
      return {month: Z.monthIndex(m.month + "-01"), conflict: m.conflict,
              cooperation: m.cooperation, other: m.other};
    });
    var binned = Z.binMonths(months);
    Z.clear(box);
    if (!binned) { box.appendChild(Z.el("p", {class: "muted"}, "No dated event to draw.")); return; }
    box.appendChild(Z.timelineChart(binned.bins, function (bin) {
      window.location.assign(Z.withParams(box.dataset.target,
        {from: Z.monthStart(bin.low), to: Z.monthEnd(bin.high)}) + "#events-h");
    }));
  });
};

// --- network: actors as links to their pages, events between them as edges -------------------

Z.NETWORK_LABELS = 20;

Z.drawNetwork = function (box) {
  return Z.getJSON(box.dataset.source).then(function (data) {
    Z.clear(box);
    if (!data.links.length) { box.appendChild(Z.el("p", null, "No event links two known actors.")); return; }
    var width = 800, height = 560, byId = {};
    var nodes = data.nodes.map(function (n) { return (byId[n.id] = {id: n.id, actor: n}); });
    var links = data.links.map(function (l) {
      return {a: byId[l.source], b: byId[l.target], weight: l.conflict + l.cooperation + l.other, counts: l};
    }).filter(function (l) { return l.a && l.b; });
    Z.layout(nodes, links, width, height);
    var chart = Z.svg("svg", {viewBox: "0 0 " + width + " " + height, class: "chart network", role: "group",
                              "aria-label": "Actor network; each actor links to its page"});
    var edges = Z.svg("g", {class: "edges", "aria-hidden": "true"});
    links.forEach(function (l) {
      [["conflict", 1], ["cooperation", -1]].forEach(function (side) {
        var n = l.counts[side[0]];
        if (!n) return;
        edges.appendChild(Z.svg("path", {d: Z.edgePath(l.a, l.b, side[1]), class: "edge " + side[0],
                                         "stroke-width": Z.edgeWidth(n)},
          Z.svg("title", null, l.a.actor.name + " – " + l.b.actor.name + ": " + Z.count(n, side[0] + " event"))));
      });
    });
    chart.appendChild(edges);
    var layer = Z.svg("g", {class: "nodes"});
    var maxMentions = Math.max.apply(null, nodes.map(function (n) { return n.actor.mentions; }).concat([1]));
    nodes.forEach(function (node, rank) {
      var a = node.actor;
      var r = 5 + 15 * Math.sqrt(a.mentions / maxMentions);
      var label = a.name + " (" + (a.kind || "unknown kind").replace(/_/g, " ") + "), " +
                  Z.count(a.mentions, "mention") + ", " + Z.count(a.events, "event") + " drawn";
      var link = Z.svg("a", {href: "/actors/" + encodeURIComponent(a.id), class: "node", "aria-label": label,
                             transform: "translate(" + node.x.toFixed(1) + " " + node.y.toFixed(1) + ")"},
        Z.svg("title", null, label), Z.svg("circle", {r: r.toFixed(1), fill: Z.kindColor(a.kind)}));
      if (rank < Z.NETWORK_LABELS) {
        var left = node.x > width * 0.6;  // labels on the right read leftwards, inside the chart
        link.appendChild(Z.svg("text", {x: (left ? -(r + 3) : r + 3).toFixed(1), y: 4, class: "node-label",
                                        "text-anchor": left ? "end" : "start"}, a.name));
      }
      layer.appendChild(link);
    });
    chart.appendChild(layer);
    box.appendChild(chart);
    var kinds = {};
    nodes.forEach(function (n) { kinds[n.actor.kind || "other"] = true; });
    box.appendChild(Z.networkLegend(Object.keys(kinds)));
  });
};

// --- map: places as links to their events, on the bundled country outlines ------------------

Z.drawMap = function (box) {
  return Promise.all([Z.getJSON(box.dataset.world), Z.getJSON(box.dataset.source)]).then(function (found) {
    var world = found[0], places = found[1].places, whole = false;
    var maxMentions = Math.max.apply(null, places.map(function (p) { return p.mentions; }).concat([1]));
    var draw = function () {
      Z.clear(box);
      var frame = Z.mapBox(places, whole);
      var chart = Z.mapChart(frame, world);
      chart.setAttribute("aria-label", "Map of places; each place links to its events");
      places.slice().sort(function (a, b) { return b.mentions - a.mentions; }).forEach(function (p) {
        var events = p.conflict + p.cooperation + p.other;
        var kind = !events ? "none" : (p.conflict ? "conflict" : "cooperation");
        var label = p.name + (p.country ? ", " + p.country : "") + ": " + Z.count(p.mentions, "mention") +
                    ", " + Z.count(events, "event");
        chart.appendChild(Z.svg("a", {href: Z.withParams(box.dataset.target, {place: p.id}), class: "place-link",
                                      "aria-label": label},
          Z.svg("title", null, label),
          Z.svg("circle", {cx: p.lon.toFixed(3), cy: (-p.lat).toFixed(3), r: Z.placeRadius(frame, p.mentions, maxMentions),
                           class: "place " + kind})));
      });
      var toggle = Z.el("button", {type: "button", id: "map-zoom", onclick: function () {
        whole = !whole;
        draw();
        document.getElementById("map-zoom").focus();
      }}, whole ? "Zoom to the places" : "Show the whole world");
      box.appendChild(Z.el("div", {class: "controls"}, toggle));
      box.appendChild(chart);
    };
    draw();
  });
};

Z.CHARTS = {"timeline-chart": Z.drawTimeline, "network-chart": Z.drawNetwork, "map-chart": Z.drawMap};

Object.keys(Z.CHARTS).forEach(function (id) {
  var box = document.getElementById(id);
  if (!box) return;
  box.setAttribute("aria-busy", "true");
  Z.CHARTS[id](box).catch(function (error) { Z.failed(box, error); })
    .then(function () { box.removeAttribute("aria-busy"); box.classList.add("drawn"); });
});
