// network.js: actors as nodes (sized by mentions, coloured by kind), events between them as
// edges (red and solid for conflict, blue and dashed for cooperation, by PLOVER quad class;
// thicker for more events), with a time filter. The layout (charts.js) runs once over every
// event so that filtering never moves a node.

Z.NETWORK_MAX_NODES = 60;
Z.NETWORK_LABELS = 20;
Z.network = {nodes: [], from: null, to: null, months: null, selected: null};

// [source, target, event] for every event between two different actors.
Z.eventPairs = function (events) {
  var pairs = [];
  events.forEach(function (e) {
    e.actors.forEach(function (a) {
      e.recipients.forEach(function (b) { if (a !== b) pairs.push([a, b, e]); });
    });
  });
  return pairs;
};

Z.renderNetwork = function (section) {
  var body = Z.clear(section.querySelector(".body"));
  var pairs = Z.eventPairs(Z.data.events);
  if (!pairs.length) {
    body.appendChild(Z.el("p", null, "No event links two known actors."));
    return;
  }
  // nodes: the actors with the most events between them
  var degree = {};
  pairs.forEach(function (p) { degree[p[0]] = (degree[p[0]] || 0) + 1; degree[p[1]] = (degree[p[1]] || 0) + 1; });
  var ids = Object.keys(degree).map(Number).sort(function (a, b) { return degree[b] - degree[a] || a - b; })
    .slice(0, Z.NETWORK_MAX_NODES);
  var byActor = {};
  var nodes = ids.map(function (id) {
    var node = {actor: Z.data.actors[id], id: id};
    byActor[id] = node;
    return node;
  });
  var linkMap = {};
  pairs.forEach(function (p) {
    if (!byActor[p[0]] || !byActor[p[1]]) return;
    var key = Math.min(p[0], p[1]) + "|" + Math.max(p[0], p[1]);
    if (!linkMap[key]) linkMap[key] = {a: byActor[Math.min(p[0], p[1])], b: byActor[Math.max(p[0], p[1])], weight: 0};
    linkMap[key].weight += 1;
  });
  var width = 800, height = 560;
  Z.layout(nodes, Object.keys(linkMap).map(function (key) { return linkMap[key]; }), width, height);
  Z.network.nodes = nodes;
  Z.network.byActor = byActor;
  Z.network.pairs = pairs.filter(function (p) { return byActor[p[0]] && byActor[p[1]]; });

  var dated = Z.network.pairs.filter(function (p) { return p[2].date; })
    .map(function (p) { return Z.monthIndex(p[2].date); }).sort(function (a, b) { return a - b; });
  var controls = Z.el("div", {class: "controls"});
  body.appendChild(Z.el("p", {class: "muted"},
    "Nodes are actors (sized by mentions, coloured by kind); lines are events between them, " +
    "red and solid for conflict, blue and dashed for cooperation, thicker for more events. " +
    "The " + Z.count(nodes.length, "actor") + " with most events are drawn; the table below lists every pair in view."));
  body.appendChild(controls);
  if (dated.length) {
    var low = dated[Math.floor((dated.length - 1) * 0.01)], high = dated[Math.ceil((dated.length - 1) * 0.99)];
    Z.network.months = [low, high];
    var from = Z.el("input", {type: "range", id: "network-from", min: low, max: high, value: low, step: 1});
    var to = Z.el("input", {type: "range", id: "network-to", min: low, max: high, value: high, step: 1});
    var label = Z.el("output", {id: "network-period", for: "network-from network-to", "aria-live": "polite"});
    var update = function () {
      var a = Number(from.value), b = Number(to.value);
      if (a > b) { if (this === from) to.value = a; else from.value = b; }
      Z.network.from = Number(from.value); Z.network.to = Number(to.value);
      from.setAttribute("aria-valuetext", Z.monthLabel(Z.network.from));
      to.setAttribute("aria-valuetext", Z.monthLabel(Z.network.to));
      Z.drawNetworkEdges();
    };
    from.addEventListener("input", update);
    to.addEventListener("input", update);
    Z.network.from = low; Z.network.to = high;
    controls.appendChild(Z.el("label", {for: "network-from"}, "From "));
    controls.appendChild(from);
    controls.appendChild(Z.el("label", {for: "network-to"}, " to "));
    controls.appendChild(to);
    controls.appendChild(document.createTextNode(" "));
    controls.appendChild(label);
  }
  var chart = Z.svg("svg", {viewBox: "0 0 " + width + " " + height, class: "chart network",
                            role: "group", "aria-label": "Actor network; each actor is a button"});
  chart.appendChild(Z.svg("g", {class: "edges"}));
  var nodeLayer = Z.svg("g", {class: "nodes"});
  var maxMentions = Math.max.apply(null, nodes.map(function (n) { return n.actor.mentions; }).concat([1]));
  nodes.forEach(function (node, rank) {
    var r = 5 + 15 * Math.sqrt(node.actor.mentions / maxMentions);
    var label = node.actor.name + " (" + (node.actor.kind || "unknown kind") + "), " +
                Z.count(node.actor.mentions, "mention");
    var g = Z.svg("g", {class: "node", tabindex: 0, role: "button", "aria-label": label,
                        transform: "translate(" + node.x.toFixed(1) + " " + node.y.toFixed(1) + ")",
                        onclick: function () { Z.selectActor(node); },
                        onkeydown: function (event) {
                          if (event.key === "Enter" || event.key === " ") { event.preventDefault(); Z.selectActor(node); }
                        }},
      Z.svg("title", null, label),
      Z.svg("circle", {r: r.toFixed(1), fill: Z.kindColor(node.actor.kind)}));
    if (rank < Z.NETWORK_LABELS) {
      // labels on the right half read leftwards, so that none runs off the chart
      var left = node.x > width * 0.6;
      g.appendChild(Z.svg("text", {x: (left ? -(r + 3) : r + 3).toFixed(1), y: 4, class: "node-label",
                                   "text-anchor": left ? "end" : "start"}, node.actor.name));
    }
    node.element = g;
    nodeLayer.appendChild(g);
  });
  chart.appendChild(nodeLayer);
  body.appendChild(Z.el("div", {class: "chart-box"}, chart));
  var kinds = {};
  nodes.forEach(function (n) { kinds[n.actor.kind || "other"] = true; });
  body.appendChild(Z.networkLegend(Object.keys(kinds)));
  body.appendChild(Z.el("div", {id: "network-details", "aria-live": "polite"}));
  body.appendChild(Z.el("div", {id: "network-table"}));
  Z.drawNetworkEdges();
};

// Whether an event falls in the chosen period (undated events only when the whole span is).
Z.inPeriod = function (e) {
  var months = Z.network.months;
  if (!months) return true;
  var whole = Z.network.from <= months[0] && Z.network.to >= months[1];
  if (!e.date) return whole;
  var m = Z.monthIndex(e.date);
  return (Z.network.from <= months[0] || m >= Z.network.from) && (Z.network.to >= months[1] || m <= Z.network.to);
};

// The pairs of actors in view with their events split by sign.
Z.networkLinks = function () {
  var links = {};
  Z.network.pairs.forEach(function (p) {
    var e = p[2];
    if (!Z.visible(e) || !Z.inPeriod(e)) return;
    var key = Math.min(p[0], p[1]) + "|" + Math.max(p[0], p[1]);
    var link = links[key] || (links[key] = {a: Math.min(p[0], p[1]), b: Math.max(p[0], p[1]),
                                            conflict: [], cooperation: [], other: []});
    var kind = Z.quadKind(e.quad);
    if (link[kind].indexOf(e) < 0) link[kind].push(e);
  });
  return Object.keys(links).map(function (key) { return links[key]; });
};

Z.drawNetworkEdges = function () {
  var layer = document.querySelector("#network .edges");
  if (!layer) return;
  Z.clear(layer);
  var output = document.getElementById("network-period");
  if (output && Z.network.months) {
    Z.clear(output);
    Z.append(output, Z.monthLabel(Z.network.from) + " – " + Z.monthLabel(Z.network.to));
  }
  var links = Z.networkLinks();
  var active = {};
  links.forEach(function (link) {
    var a = Z.network.byActor[link.a], b = Z.network.byActor[link.b];
    active[link.a] = active[link.b] = true;
    [["conflict", 1], ["cooperation", -1]].forEach(function (side) {
      var events = link[side[0]];
      if (!events.length) return;
      var path = Z.edgePath(a, b, side[1]);
      layer.appendChild(Z.svg("path", {d: path, class: "edge " + side[0],
        "stroke-width": Z.edgeWidth(events.length)},
        Z.svg("title", null, a.actor.name + " – " + b.actor.name + ": " + Z.count(events.length, side[0] + " event"))));
    });
  });
  Z.network.nodes.forEach(function (node) {
    node.element.classList.toggle("idle", !active[node.id]);
  });
  Z.network.links = links;
  Z.renderNetworkTable(links);
  if (Z.network.selected) Z.selectActor(Z.network.selected, true);
};

Z.renderNetworkTable = function (links) {
  var box = document.getElementById("network-table");
  if (!box) return;
  Z.clear(box);
  links.sort(function (x, y) {
    var nx = x.conflict.length + x.cooperation.length + x.other.length;
    var ny = y.conflict.length + y.cooperation.length + y.other.length;
    return ny - nx;
  });
  box.appendChild(Z.table("Pairs of actors in view (" + links.length + ")",
    ["Actor", "Actor", "Conflict events", "Cooperation events", "Other events", ""],
    links.map(function (link) {
      return [Z.actorName(link.a), Z.actorName(link.b), String(link.conflict.length),
              String(link.cooperation.length), String(link.other.length),
              Z.el("button", {type: "button", onclick: function () { Z.showPair(link); }}, "Events")];
    })));
};

Z.showDetails = function (heading, events) {
  var box = Z.clear(document.getElementById("network-details"));
  box.appendChild(Z.el("h3", {tabindex: -1}, heading));
  if (!events.length) box.appendChild(Z.el("p", null, "No event in view."));
  else Z.pagedList(box, events, Z.eventItem, 20, "ol").classList.add("events");
  return box;
};

Z.showPair = function (link) {
  var events = link.conflict.concat(link.cooperation, link.other);
  Z.showDetails(Z.actorName(link.a) + " and " + Z.actorName(link.b) + ": " + Z.count(events.length, "event"), events)
    .querySelector("h3").focus();
};

Z.selectActor = function (node, quiet) {
  Z.network.selected = node;
  Z.network.nodes.forEach(function (n) { n.element.classList.toggle("selected", n === node); });
  var events = [];
  (Z.network.links || []).forEach(function (link) {
    if (link.a === node.id || link.b === node.id) {
      link.conflict.concat(link.cooperation, link.other).forEach(function (e) {
        if (events.indexOf(e) < 0) events.push(e);
      });
    }
  });
  var a = node.actor;
  var box = Z.showDetails(a.name + " (" + (a.kind || "unknown kind") + (a.country ? ", " + a.country : "") + "): " +
                          Z.count(a.mentions, "mention") + ", " + Z.count(events.length, "event") + " in view", events);
  if (!quiet) box.querySelector("h3").focus();
};
