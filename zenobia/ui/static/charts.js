// charts.js: what the timeline, the actor network and the map draw with, whatever page they
// are on: the months of the timeline and their bars, the network's force layout, legend and
// edges, the map's frame and country outlines. Each function takes its data and callbacks as
// arguments; none reads a page's state.

// --- timeline -------------------------------------------------------------------------------

Z.monthIndex = function (date) {
  return parseInt(date.slice(0, 4), 10) * 12 + parseInt(date.slice(5, 7), 10) - 1;
};

Z.monthLabel = function (index) {
  var month = index % 12 + 1;
  return Math.floor(index / 12) + "-" + (month < 10 ? "0" : "") + month;
};

// The month (as "YYYY-MM-DD") a month index starts and ends on.
Z.monthStart = function (index) { return Z.monthLabel(index) + "-01"; };
Z.monthEnd = function (index) {
  var days = new Date(Date.UTC(Math.floor(index / 12), index % 12 + 1, 0)).getUTCDate();
  return Z.monthLabel(index) + "-" + days;
};

// Bins of counted months ({month: index, conflict, cooperation, other} each): months, or
// years over a long span; the 1 % of counts furthest out on each side fall into the first or
// last bin, so one stray date does not flatten the chart. Each bin knows the first and last
// month it holds (`low`, `high`), so that a page can ask for exactly its events.
Z.binMonths = function (months) {
  var sorted = months.filter(function (m) { return m.conflict + m.cooperation + m.other > 0; })
    .sort(function (a, b) { return a.month - b.month; });
  var total = sorted.reduce(function (sum, m) { return sum + m.conflict + m.cooperation + m.other; }, 0);
  if (!total) return null;
  var at = function (rank) {  // the month of the rank-th count, in month order
    var seen = 0;
    for (var i = 0; i < sorted.length; i++) {
      seen += sorted[i].conflict + sorted[i].cooperation + sorted[i].other;
      if (seen > rank) return sorted[i].month;
    }
    return sorted[sorted.length - 1].month;
  };
  var low = at(Math.floor((total - 1) * 0.01)), high = at(Math.ceil((total - 1) * 0.99));
  var first = sorted[0].month, last = sorted[sorted.length - 1].month;
  var step = high - low > 96 ? 12 : 1;
  if (step === 12) { low -= low % 12; high -= high % 12; }
  var count = Math.floor((high - low) / step) + 1;
  var bins = [];
  for (var i = 0; i < count; i++) {
    var from = low + i * step;
    bins.push({from: i === 0 ? -Infinity : from, to: i === count - 1 ? Infinity : from + step,
               low: i === 0 ? Math.min(first, from) : from,
               high: i === count - 1 ? Math.max(last, from + step - 1) : from + step - 1,
               label: step === 12 ? String(Math.floor(from / 12)) : Z.monthLabel(from),
               open: (i === 0 && first < low) ? "≤ " : (i === count - 1 && last >= from + step ? "≥ " : ""),
               conflict: 0, cooperation: 0, other: 0, total: 0});
  }
  sorted.forEach(function (m) {
    var bin = Z.binOf(bins, m.month);
    ["conflict", "cooperation", "other"].forEach(function (kind) { bin[kind] += m[kind]; });
    bin.total += m.conflict + m.cooperation + m.other;
  });
  return {bins: bins, low: low, step: step};
};

Z.binOf = function (bins, month) {
  for (var i = 0; i < bins.length; i++) if (month >= bins[i].from && month < bins[i].to) return bins[i];
  return null;
};

// Bars of events per bin, conflict, cooperation and other stacked; each bar is a button that
// calls `onChoose(bin)`.
Z.timelineChart = function (bins, onChoose) {
  var width = 800, height = 150, top = 10, bottom = 22;
  var max = Math.max.apply(null, bins.map(function (b) { return b.total; }).concat([1]));
  var slot = width / bins.length;
  var chart = Z.svg("svg", {viewBox: "0 0 " + width + " " + height, class: "chart", role: "group",
                            "aria-label": "Events per period; each bar is a button"});
  bins.forEach(function (bin, i) {
    var x = i * slot + slot * 0.1, w = Math.max(1, slot * 0.8), y = height - bottom;
    var g = Z.svg("g", {class: "bar", tabindex: 0, role: "button",
      "aria-label": bin.open + bin.label + ": " + Z.count(bin.total, "event") + ", " + bin.conflict +
                    " conflict, " + bin.cooperation + " cooperation",
      onclick: function () { onChoose(bin); },
      onkeydown: function (event) {
        if (event.key === "Enter" || event.key === " ") { event.preventDefault(); onChoose(bin); }
      }});
    g.appendChild(Z.svg("title", null, bin.open + bin.label + ": " + Z.count(bin.total, "event")));
    [["conflict", "#c0392b"], ["cooperation", "#2166ac"], ["other", "#8a8a8a"]].forEach(function (part) {
      var h = (height - top - bottom) * bin[part[0]] / max;
      if (h <= 0) return;
      y -= h;
      g.appendChild(Z.svg("rect", {x: x, y: y, width: w, height: h, fill: part[1]}));
    });
    // a transparent full-height target, easier to hit than a short bar
    g.appendChild(Z.svg("rect", {x: i * slot, y: top, width: slot, height: height - top - bottom,
                                 fill: "transparent", class: "hit"}));
    chart.appendChild(g);
  });
  var labelled = [0, Math.floor((bins.length - 1) / 2), bins.length - 1];
  labelled.filter(function (v, i, a) { return a.indexOf(v) === i; }).forEach(function (i) {
    chart.appendChild(Z.svg("text", {x: i * slot + slot / 2, y: height - 6, "text-anchor":
      i === 0 ? "start" : (i === bins.length - 1 ? "end" : "middle"), class: "axis"},
      bins[i].open + bins[i].label));
  });
  return chart;
};

// --- actor network --------------------------------------------------------------------------

// A small force simulation (Fruchterman–Reingold): nodes get x and y; links are {a, b, weight}
// between nodes.
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

// The legend of actor kinds (a list of kind names) and of the two signs of an edge.
Z.networkLegend = function (kinds) {
  var legend = Z.el("ul", {class: "legend", "aria-label": "Legend"});
  kinds.slice().sort().forEach(function (kind) {
    var swatch = Z.el("span", {class: "swatch", "aria-hidden": "true"});
    swatch.style.background = Z.kindColor(kind);
    legend.appendChild(Z.el("li", null, swatch, kind.replace(/_/g, " ")));
  });
  legend.appendChild(Z.el("li", null, Z.el("span", {class: "line conflict", "aria-hidden": "true"}), "conflict"));
  legend.appendChild(Z.el("li", null, Z.el("span", {class: "line cooperation", "aria-hidden": "true"}), "cooperation"));
  return legend;
};

// The edge between two laid-out nodes for one sign (+1 conflict, -1 cooperation): the two
// signs bend to either side of the straight line, so both stay visible.
Z.edgePath = function (a, b, sign) {
  var mx = (a.x + b.x) / 2, my = (a.y + b.y) / 2, dx = b.x - a.x, dy = b.y - a.y;
  var bend = 0.12 * sign;
  return "M" + a.x.toFixed(1) + " " + a.y.toFixed(1) + " Q" + (mx - dy * bend).toFixed(1) + " " +
         (my + dx * bend).toFixed(1) + " " + b.x.toFixed(1) + " " + b.y.toFixed(1);
};

Z.edgeWidth = function (events) { return (1 + 1.5 * Math.log2(1 + events)).toFixed(1); };

// --- map ------------------------------------------------------------------------------------
// Coordinates are equirectangular: x = longitude, y = -latitude, in degrees, the plane of the
// country outlines (zenobia.ui.world). No tiles, no requests.

Z.REGION_SHARE = 0.8;

// The view box [x, y, width, height] around the region most places ({lat, lon, mentions}) are
// in: the places nearest the weighted median point that hold `REGION_SHARE` of the mentions
// (so that a few far-off capitals do not zoom the map out to the whole world), widened to a
// 16:10 frame; the whole world when `whole` is true or there is no place.
Z.mapBox = function (places, whole) {
  if (whole || !places.length) return [-180, -90, 360, 180];
  var median = function (key) {
    var sorted = places.slice().sort(function (a, b) { return a[key] - b[key]; });
    var total = sorted.reduce(function (sum, p) { return sum + p.mentions; }, 0), sum = 0;
    for (var i = 0; i < sorted.length; i++) { sum += sorted[i].mentions; if (sum * 2 >= total) return sorted[i][key]; }
    return sorted[sorted.length - 1][key];
  };
  var lon = median("lon"), lat = median("lat");
  var near = places.slice().sort(function (a, b) {
    return Math.hypot(a.lon - lon, a.lat - lat) - Math.hypot(b.lon - lon, b.lat - lat);
  });
  var total = near.reduce(function (sum, p) { return sum + p.mentions; }, 0);
  var kept = [], sum = 0;
  near.forEach(function (p) { if (sum < total * Z.REGION_SHARE || !kept.length) { kept.push(p); sum += p.mentions; } });
  var west = Math.min.apply(null, kept.map(function (p) { return p.lon; }));
  var east = Math.max.apply(null, kept.map(function (p) { return p.lon; }));
  var south = Math.min.apply(null, kept.map(function (p) { return p.lat; }));
  var north = Math.max.apply(null, kept.map(function (p) { return p.lat; }));
  var width = Math.max(12, (east - west) * 1.3), height = Math.max(7.5, (north - south) * 1.3);
  if (width / height > 1.6) height = width / 1.6; else width = height * 1.6;
  width = Math.min(360, width); height = Math.min(180, height);
  var cx = (west + east) / 2, cy = -(south + north) / 2;
  return [Math.min(180 - width, Math.max(-180, cx - width / 2)),
          Math.min(90 - height, Math.max(-90, cy - height / 2)), width, height];
};

// The map's SVG for a view box, with the country outlines ([{name, d}]) drawn in it.
Z.mapChart = function (box, world) {
  var chart = Z.svg("svg", {viewBox: box.map(function (v) { return v.toFixed(2); }).join(" "), class: "chart map",
                            role: "group", "aria-label": "Map of places; each place is a button",
                            preserveAspectRatio: "xMidYMid meet"});
  var land = Z.svg("g", {class: "countries", "aria-hidden": "true"});
  world.forEach(function (country) {
    land.appendChild(Z.svg("path", {d: country.d, class: "country"}, Z.svg("title", null, country.name)));
  });
  chart.appendChild(land);
  return chart;
};

// A place's radius in the map's degrees: larger for more mentions, relative to the frame.
Z.placeRadius = function (box, mentions, maxMentions) {
  return (box[2] / 160 * (1 + 2.5 * Math.sqrt(mentions / Math.max(1, maxMentions)))).toFixed(3);
};

Z.MAP_CREDIT = "Country outlines: Natural Earth (public domain) through world-atlas (ISC licence, © Mike Bostock).";
