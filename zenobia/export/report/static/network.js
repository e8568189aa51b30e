// network.js: actors as nodes (sized by mentions, coloured by kind), events between them as
// edges (red and solid for conflict, blue and dashed for cooperation, by PLOVER quad class;
// thicker for more events), with a time filter. The layout is a small force simulation
// (Fruchterman–Reingold), run once over every event so that filtering never moves a node.

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

Z.layout = function (nodes, links, width, height) {
  var n = nodes.length;
  if (!n) return;
  var k = Math.sqrt(width * height / n) * 0.55;
  nodes.forEach(function (node, i) {
    var angle = 2 * Math.PI * i / n;
    node.x = width / 2 + Math.cos(angle) * width * 0.35;
    node.y = height / 2 + Math.sin(angle) * height * 0.35;
  });
  var iterations = 300, temperature = width / 8;
  for (var step = 0; step < iterations; step++) {
    nodes.forEach(function (node) { node.dx = 0; node.dy = 0; });
    for (var i = 0; i < n; i++) {
      for (var j = i + 1; j < n; j++) {
        var a = nodes[i], b = nodes[j];
        var dx = a.x - b.x, dy = a.y - b.y;
        var dist = Math.max(0.01, Math.sqrt(dx * dx + dy * dy));
        var force = k * k / dist;
        a.dx += dx / dist * force; a.dy += dy / dist * force;
        b.dx -= dx / dist * force; b.dy -= dy / dist * force;
      }
    }
    links.forEach(function (link) {
      var a = link.a, b = link.b;
      var dx = a.x - b.x, dy = a.y - b.y;
      var dist = Math.max(0.01, Math.sqrt(dx * dx + dy * dy));
      var force = dist * dist / k * (1 + Math.log(link.weight)) / 2;
      a.dx -= dx / dist * force; a.dy -= dy / dist * force;
      b.dx += dx / dist * force; b.dy += dy / dist * force;
    });
    nodes.forEach(function (node) {
      // gravity keeps small components near the middle instead of on the border
      node.dx += (width / 2 - node.x) * 0.1 * k / 10;
      node.dy += (height / 2 - node.y) * 0.1 * k / 10;
      var length = Math.max(0.01, Math.sqrt(node.dx * node.dx + node.dy * node.dy));
      var move = Math.min(length, temperature);
      node.x = Math.min(width - 30, Math.max(30, node.x + node.dx / length * move));
      node.y = Math.min(height - 20, Math.max(20, node.y + node.dy / length * move));
    });
    temperature *= 0.985;
  }
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
  body.appendChild(Z.networkLegend(nodes));
  body.appendChild(Z.el("div", {id: "network-details", "aria-live": "polite"}));
  body.appendChild(Z.el("div", {id: "network-table"}));
  Z.drawNetworkEdges();
};

Z.networkLegend = function (nodes) {
  var kinds = {};
  nodes.forEach(function (n) { kinds[n.actor.kind || "other"] = true; });
  var legend = Z.el("ul", {class: "legend", "aria-label": "Legend"});
  Object.keys(kinds).sort().forEach(function (kind) {
    var swatch = Z.el("span", {class: "swatch", "aria-hidden": "true"});
    swatch.style.background = Z.kindColor(kind);
    legend.appendChild(Z.el("li", null, swatch, kind.replace(/_/g, " ")));
  });
  legend.appendChild(Z.el("li", null, Z.el("span", {class: "line conflict", "aria-hidden": "true"}), "conflict"));
  legend.appendChild(Z.el("li", null, Z.el("span", {class: "line cooperation", "aria-hidden": "true"}), "cooperation"));
  return legend;
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
    var kind = Z.isConflict(e.quad) ? "conflict" : (Z.isCooperation(e.quad) ? "cooperation" : "other");
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
      // the two signs bend to either side of the straight line, so both stay visible
      var mx = (a.x + b.x) / 2, my = (a.y + b.y) / 2, dx = b.x - a.x, dy = b.y - a.y;
      var bend = 0.12 * side[1];
      var path = "M" + a.x.toFixed(1) + " " + a.y.toFixed(1) + " Q" + (mx - dy * bend).toFixed(1) + " " +
                 (my + dx * bend).toFixed(1) + " " + b.x.toFixed(1) + " " + b.y.toFixed(1);
      layer.appendChild(Z.svg("path", {d: path, class: "edge " + side[0],
        "stroke-width": (1 + 1.5 * Math.log2(1 + events.length)).toFixed(1)},
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
