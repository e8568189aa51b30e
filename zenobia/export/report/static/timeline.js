// timeline.js: events merged across documents, counted per month (or year) in a bar chart,
// and listed by date below it with their sources, status and confidence. Clicking a bar or
// typing in the filter narrows the list; every event opens its sentence in its document.

Z.timeline = {period: null, query: "", order: "date"};

Z.monthIndex = function (date) {
  return parseInt(date.slice(0, 4), 10) * 12 + parseInt(date.slice(5, 7), 10) - 1;
};

Z.monthLabel = function (index) {
  var month = index % 12 + 1;
  return Math.floor(index / 12) + "-" + (month < 10 ? "0" : "") + month;
};

// Bins of the dated events: months, or years over a long span; the 1 % of dates furthest out
// on each side fall into the first or last bin, so one stray date does not flatten the chart.
Z.timeBins = function (events) {
  var months = events.filter(function (e) { return e.date; })
    .map(function (e) { return Z.monthIndex(e.date); }).sort(function (a, b) { return a - b; });
  if (!months.length) return null;
  var low = months[Math.floor((months.length - 1) * 0.01)];
  var high = months[Math.ceil((months.length - 1) * 0.99)];
  var step = high - low > 96 ? 12 : 1;
  if (step === 12) { low -= low % 12; high -= high % 12; }
  var count = Math.floor((high - low) / step) + 1;
  var bins = [];
  for (var i = 0; i < count; i++) {
    var from = low + i * step;
    bins.push({from: i === 0 ? -Infinity : from, to: i === count - 1 ? Infinity : from + step,
               label: step === 12 ? String(Math.floor(from / 12)) : Z.monthLabel(from),
               open: (i === 0 && months[0] < low) ? "≤ " : (i === count - 1 && months[months.length - 1] >= from + step ? "≥ " : ""),
               conflict: 0, cooperation: 0, other: 0, total: 0});
  }
  return {bins: bins, low: low, step: step};
};

Z.binOf = function (bins, date) {
  var m = Z.monthIndex(date);
  for (var i = 0; i < bins.length; i++) if (m >= bins[i].from && m < bins[i].to) return bins[i];
  return null;
};

Z.renderTimeline = function (section) {
  var body = Z.clear(section.querySelector(".body"));
  Z.timeline.period = null;
  var events = Z.data.events.filter(Z.visible);
  var undated = events.filter(function (e) { return !e.date; }).length;
  body.appendChild(Z.el("p", {class: "muted"},
    Z.count(events.length, "event") + " merged across documents (" + undated + " undated). " +
    "Bars count events per period: conflict in red, cooperation in blue, other in grey. " +
    "Choose a bar to list its events."));
  var binned = Z.timeBins(events);
  if (binned) {
    binned.bins.forEach(function (bin) { bin.events = []; });
    events.forEach(function (e) {
      if (!e.date) return;
      var bin = Z.binOf(binned.bins, e.date);
      if (!bin) return;
      bin.events.push(e);
      bin.total += 1;
      if (Z.isConflict(e.quad)) bin.conflict += 1;
      else if (Z.isCooperation(e.quad)) bin.cooperation += 1;
      else bin.other += 1;
    });
    body.appendChild(Z.timelineChart(binned.bins));
  }
  var filter = Z.el("input", {type: "search", id: "event-filter", placeholder: "actor, type or place",
                              value: Z.timeline.query});
  var periodNote = Z.el("span", {class: "muted", id: "event-period"});
  var clear = Z.el("button", {type: "button", onclick: function () {
    Z.timeline.period = null; Z.renderEventList();
  }}, "All periods");
  var order = Z.el("select", {id: "event-order"},
    Z.el("option", {value: "date", selected: Z.timeline.order === "date"}, "by date"),
    Z.el("option", {value: "sources", selected: Z.timeline.order === "sources"}, "most sources first"));
  order.addEventListener("change", function () { Z.timeline.order = order.value; Z.renderEventList(); });
  body.appendChild(Z.el("div", {class: "controls"},
    Z.el("label", {for: "event-filter"}, "Filter events "), filter,
    Z.el("label", {for: "event-order"}, " List "), order, " ", periodNote, " ", clear));
  var listBox = Z.el("div", {id: "event-list"});
  body.appendChild(listBox);
  filter.addEventListener("input", function () {
    Z.timeline.query = filter.value; Z.renderEventList();
  });
  Z.renderEventList();
};

Z.timelineChart = function (bins) {
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
      onclick: function () { Z.choosePeriod(bin); },
      onkeydown: function (event) {
        if (event.key === "Enter" || event.key === " ") { event.preventDefault(); Z.choosePeriod(bin); }
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

Z.choosePeriod = function (bin) {
  Z.timeline.period = bin;
  Z.renderEventList();
  var list = document.getElementById("event-list");
  if (list) list.scrollIntoView({block: "start"});
};

Z.eventMatches = function (e, query) {
  if (!query) return true;
  var haystack = [Z.eventTitle(e), Z.placeName(e.place), e.status, e.date || ""].join(" ").toLowerCase();
  return haystack.indexOf(query.toLowerCase()) >= 0;
};

Z.renderEventList = function () {
  var box = document.getElementById("event-list");
  if (!box) return;
  Z.clear(box);
  var period = Z.timeline.period;
  var note = document.getElementById("event-period");
  if (note) { Z.clear(note); Z.append(note, period ? "Period: " + period.open + period.label : ""); }
  var events = (period ? period.events : Z.data.events.filter(Z.visible)).filter(function (e) {
    return Z.eventMatches(e, Z.timeline.query);
  });
  if (!events.length) { box.appendChild(Z.el("p", null, "No event to show.")); return; }
  if (Z.timeline.order === "sources") {
    events = events.slice().sort(function (a, b) { return b.documents - a.documents || a.index - b.index; });
  }
  Z.pagedList(box, events, Z.eventItem, 50, "ol").classList.add("events");
};

Z.eventItem = function (e) {
  var first = e.sources[0];
  var kind = Z.isConflict(e.quad) ? "conflict" : (Z.isCooperation(e.quad) ? "cooperation" : "other");
  var item = Z.el("li", {class: "event " + kind},
    Z.el("div", {class: "event-head"},
      Z.el("span", {class: "date"}, e.date ? e.date + (e.end && e.end !== e.date ? " – " + e.end : "") : "undated"),
      Z.el("span", {class: "badge " + kind}, kind),
      Z.el("span", {class: "badge"}, e.status),
      Z.el("span", {class: "muted"}, "told by " + Z.count(e.documents, "document") + " · " + Z.confidenceText(e.confidence)),
      e.shown ? null : Z.el("span", {class: "badge low"}, "below threshold")),
    Z.el("p", {class: "event-title"}, Z.eventTitle(e) + (e.place !== null ? " — " + Z.placeName(e.place) : "") +
         (e.dead ? " · " + e.dead + " dead" : "") + (e.injured ? " · " + e.injured + " injured" : "")),
    first ? Z.sourceButton(first.document, first.start, first.end, undefined, "event-source") : null);
  if (e.sources.length > 1) {
    var list = Z.el("ul", {class: "plain"});
    e.sources.slice(1).forEach(function (s) {
      list.appendChild(Z.el("li", null, Z.el("span", {class: "muted"}, Z.documentLabel(s.document) + ": "),
                            Z.sourceButton(s.document, s.start, s.end)));
    });
    item.appendChild(Z.el("details", null, Z.el("summary", null, "Every sentence that tells it (" + e.sources.length + ")"), list));
  }
  return item;
};
