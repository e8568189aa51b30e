// map.js: places and their events on bundled country outlines (Natural Earth 1:110m through
// world-atlas), drawn offline in plain SVG with charts.js. No tiles, no requests.

Z.map = {world: false};

Z.renderMap = function (section) {
  var body = Z.clear(section.querySelector(".body"));
  var places = Z.data.places.filter(function (p) { return p.lat !== null && p.lon !== null && Z.visible(p); });
  var eventsAt = {};
  Z.data.events.forEach(function (e) {
    if (e.place === null || !Z.visible(e)) return;
    (eventsAt[e.place] = eventsAt[e.place] || []).push(e);
  });
  body.appendChild(Z.el("p", {class: "muted"},
    Z.count(places.length, "geocoded place") + ", sized by mentions; red where conflict events happened, " +
    "blue where only cooperation did, grey where none is dated to the place. Choose a place to list its events."));
  var box = Z.mapBox(places, Z.map.world);
  var chart = Z.mapChart(box, Z.data.raw.world);
  var maxMentions = Math.max.apply(null, places.map(function (p) { return p.mentions; }).concat([1]));
  places.slice().sort(function (a, b) { return b.mentions - a.mentions; }).forEach(function (place) {
    var events = eventsAt[place.index] || [];
    var conflict = events.some(function (e) { return Z.isConflict(e.quad); });
    var kind = events.length ? (conflict ? "conflict" : "cooperation") : "none";
    var label = place.name + (place.country ? ", " + place.country : "") + ": " +
                Z.count(place.mentions, "mention") + ", " + Z.count(events.length, "event");
    chart.appendChild(Z.svg("circle", {cx: place.lon.toFixed(3), cy: (-place.lat).toFixed(3),
      r: Z.placeRadius(box, place.mentions, maxMentions),
      class: "place " + kind, tabindex: 0, role: "button", "aria-label": label,
      onclick: function () { Z.showPlace(place, events); },
      onkeydown: function (event) {
        if (event.key === "Enter" || event.key === " ") { event.preventDefault(); Z.showPlace(place, events); }
      }}, Z.svg("title", null, label)));
  });
  body.appendChild(Z.el("div", {class: "controls"}, Z.el("button", {type: "button", onclick: function () {
    Z.map.world = !Z.map.world; Z.renderMap(section);
  }}, Z.map.world ? "Zoom to the places" : "Show the whole world")));
  body.appendChild(Z.el("div", {class: "chart-box map-box"}, chart));
  body.appendChild(Z.el("p", {class: "muted credit"}, Z.MAP_CREDIT));
  body.appendChild(Z.el("div", {id: "map-details", "aria-live": "polite"}));
  body.appendChild(Z.table("Places (" + places.length + ")",
    ["Place", "Country", "Latitude", "Longitude", "Mentions", "Events", ""],
    places.map(function (p) {
      var events = eventsAt[p.index] || [];
      return [p.name, p.country || "", p.lat.toFixed(2), p.lon.toFixed(2), String(p.mentions), String(events.length),
              Z.el("button", {type: "button", onclick: function () { Z.showPlace(p, events); }}, "Events")];
    })));
};

Z.showPlace = function (place, events) {
  var box = Z.clear(document.getElementById("map-details"));
  var heading = Z.el("h3", {tabindex: -1}, place.name + ": " + Z.count(events.length, "event"));
  box.appendChild(heading);
  if (events.length) Z.pagedList(box, events, Z.eventItem, 20, "ol").classList.add("events");
  heading.focus();
};
