// map.js: places and their events on bundled country outlines (Natural Earth 1:110m through
// world-atlas), drawn offline in plain SVG. Coordinates are equirectangular: x = longitude,
// y = -latitude, in degrees, the same plane as the outlines. No tiles, no requests.

Z.map = {world: false};

Z.REGION_SHARE = 0.8;

// The view box [x, y, width, height] around the region most places are in: the places
// nearest the weighted median point that hold `REGION_SHARE` of the mentions (so that a few
// far-off capitals do not zoom the map out to the whole world), widened to a 16:10 frame.
Z.mapBox = function (places) {
  if (Z.map.world || !places.length) return [-180, -90, 360, 180];
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
  var box = Z.mapBox(places);
  var chart = Z.svg("svg", {viewBox: box.map(function (v) { return v.toFixed(2); }).join(" "), class: "chart map",
                            role: "group", "aria-label": "Map of places; each place is a button",
                            preserveAspectRatio: "xMidYMid meet"});
  var land = Z.svg("g", {class: "countries", "aria-hidden": "true"});
  Z.data.raw.world.forEach(function (country) {
    land.appendChild(Z.svg("path", {d: country.d, class: "country"}, Z.svg("title", null, country.name)));
  });
  chart.appendChild(land);
  var maxMentions = Math.max.apply(null, places.map(function (p) { return p.mentions; }).concat([1]));
  var unit = box[2] / 160;
  places.slice().sort(function (a, b) { return b.mentions - a.mentions; }).forEach(function (place) {
    var events = eventsAt[place.index] || [];
    var conflict = events.some(function (e) { return Z.isConflict(e.quad); });
    var kind = events.length ? (conflict ? "conflict" : "cooperation") : "none";
    var label = place.name + (place.country ? ", " + place.country : "") + ": " +
                Z.count(place.mentions, "mention") + ", " + Z.count(events.length, "event");
    chart.appendChild(Z.svg("circle", {cx: place.lon.toFixed(3), cy: (-place.lat).toFixed(3),
      r: (unit * (1 + 2.5 * Math.sqrt(place.mentions / maxMentions))).toFixed(3),
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
  body.appendChild(Z.el("p", {class: "muted credit"},
    "Country outlines: Natural Earth (public domain) through world-atlas (ISC licence, © Mike Bostock)."));
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
