// timeline.js: events merged across documents, counted per month (or year) in a bar chart,
// and listed by date below it with their sources, status and confidence. Clicking a bar or
// typing in the filter narrows the list; every event opens its sentence in its document.

Z.timeline = {period: null, query: "", order: "date"};

// Bins of the dated events (`Z.binMonths`), each with its events.
Z.timeBins = function (events) {
  var months = {};
  events.forEach(function (e) {
    if (!e.date) return;
    var m = Z.monthIndex(e.date);
    var counted = months[m] || (months[m] = {month: m, conflict: 0, cooperation: 0, other: 0});
    counted[Z.quadKind(e.quad)] += 1;
  });
  var binned = Z.binMonths(Object.keys(months).map(function (m) { return months[m]; }));
  if (!binned) return null;
  binned.bins.forEach(function (bin) { bin.events = []; });
  events.forEach(function (e) {
    if (e.date) Z.binOf(binned.bins, Z.monthIndex(e.date)).events.push(e);
  });
  return binned;
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
  if (binned) body.appendChild(Z.timelineChart(binned.bins, Z.choosePeriod));
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
  var kind = Z.quadKind(e.quad);
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
