// facts.js: disagreements side by side, quotes by speaker, numeric claims with corroboration,
// and the stance of each outlet toward the main actors. Each fact opens its sentence.

Z.renderDisagreements = function (section) {
  var body = Z.clear(section.querySelector(".body"));
  var items = Z.data.disagreements.filter(Z.visible);
  if (!items.length) { body.appendChild(Z.el("p", null, "No disagreement between sources was found.")); return; }
  Z.pagedList(body, items, function (d) {
    var sides = Z.el("div", {class: "sides"});
    d.sides.forEach(function (side) {
      var doc = Z.data.documents[side.document];
      sides.appendChild(Z.el("div", {class: "side"},
        Z.el("p", {class: "muted"}, Z.documentLabel(side.document)),
        Z.el("p", {class: "side-title"}, doc && doc.title ? doc.title : "Untitled document"),
        side.start !== null ? Z.sourceButton(side.document, side.start, side.end)
                            : Z.sourceButton(side.document, null, null, side.text || "")));
    });
    return Z.el("li", {class: "disagreement"},
      Z.el("h3", null, d.about),
      Z.el("p", {class: "muted"}, Z.el("span", {class: "badge"}, d.kind), " " + Z.confidenceText(d.confidence),
           d.shown ? null : Z.el("span", {class: "badge low"}, "below threshold")),
      sides);
  }, 20, "ul");
};

Z.renderQuotes = function (section) {
  var body = Z.clear(section.querySelector(".body"));
  var groups = {};
  Z.data.quotes.filter(Z.visible).forEach(function (q) {
    var name = q.speaker !== null ? Z.actorName(q.speaker) : (q.speaker_name || "Unattributed");
    (groups[name] = groups[name] || []).push(q);
  });
  var names = Object.keys(groups).sort(function (a, b) {
    return groups[b].length - groups[a].length || (a < b ? -1 : 1);
  });
  if (!names.length) { body.appendChild(Z.el("p", null, "No quote was found.")); return; }
  body.appendChild(Z.el("p", {class: "muted"}, Z.count(names.length, "speaker") + "; direct quotes in quotation marks, reported speech without."));
  Z.pagedList(body, names, function (name) {
    var list = Z.el("ul", {class: "plain"});
    groups[name].forEach(function (q) {
      var text = Z.sentence(q.document, q.start, q.end);
      list.appendChild(Z.el("li", null,
        Z.sourceButton(q.document, q.start, q.end, q.direct ? "“" + text + "”" : text),
        Z.el("span", {class: "muted cite"}, " — " + Z.documentLabel(q.document) +
             (q.shown ? "" : " · below threshold"))));
    });
    return Z.el("li", null, Z.el("details", {class: "speaker"},
      Z.el("summary", null, name + " (" + groups[name].length + ")"), list));
  }, 30, "ul");
};

Z.claimValue = function (c) {
  var value = c.value === null ? "?" : c.value.toLocaleString("en");
  if (c.value_high !== null && c.value_high !== undefined) value += "–" + c.value_high.toLocaleString("en");
  return [c.qualifier ? c.qualifier : null, value, c.unit, c.of].filter(Boolean).join(" ");
};

Z.renderClaims = function (section) {
  var body = Z.clear(section.querySelector(".body"));
  var claims = Z.data.claims.filter(Z.visible).sort(function (a, b) {
    return (b.corroborations + b.contradictions) - (a.corroborations + a.contradictions) ||
           a.document - b.document || a.start - b.start;
  });
  if (!claims.length) { body.appendChild(Z.el("p", null, "No numeric claim was found.")); return; }
  body.appendChild(Z.el("p", {class: "muted"}, Z.count(claims.length, "numeric claim") +
    ", those other documents corroborate or contradict first."));
  Z.pagedList(body, claims, function (c) {
    return Z.el("li", {class: "claim"},
      Z.el("p", null, Z.el("strong", null, Z.claimValue(c)),
        c.corroborations ? Z.el("span", {class: "badge agree"}, "corroborated by " + c.corroborations) : null,
        c.contradictions ? Z.el("span", {class: "badge disagree"}, "contradicted by " + c.contradictions) : null,
        c.shown ? null : Z.el("span", {class: "badge low"}, "below threshold")),
      Z.sourceButton(c.document, c.start, c.end),
      Z.el("span", {class: "muted cite"}, " — " + Z.documentLabel(c.document)));
  }, 50, "ul");
};

Z.renderStances = function (section) {
  var body = Z.clear(section.querySelector(".body"));
  var stances = Z.data.stances.filter(Z.visible);
  if (!stances.length) { body.appendChild(Z.el("p", null, "No stance toward a main actor was found.")); return; }
  var actors = [], outlets = [], cells = {};
  stances.forEach(function (s) {
    var outlet = Z.data.documents[s.document] ? (Z.data.documents[s.document].outlet || "unknown outlet") : "unknown outlet";
    if (actors.indexOf(s.actor) < 0) actors.push(s.actor);
    if (outlets.indexOf(outlet) < 0) outlets.push(outlet);
    var key = outlet + "\u0000" + s.actor;
    (cells[key] = cells[key] || []).push(s);
  });
  actors.sort(function (a, b) { return a - b; });
  outlets.sort();
  body.appendChild(Z.el("p", {class: "muted"},
    "Each document's own voice toward an actor (quoted speakers' stances are left out): " +
    "+ positive, − negative, ○ neutral documents. Choose a cell to read the evidence."));
  var rows = outlets.map(function (outlet) {
    return [outlet].concat(actors.map(function (actor) {
      var found = cells[outlet + "\u0000" + actor] || [];
      if (!found.length) return "";
      var n = {positive: 0, negative: 0, neutral: 0};
      found.forEach(function (s) { n[s.polarity] = (n[s.polarity] || 0) + 1; });
      var lean = n.positive > n.negative ? "positive" : (n.negative > n.positive ? "negative" : "neutral");
      return Z.el("button", {type: "button", class: "stance " + lean,
        "aria-label": outlet + " toward " + Z.actorName(actor) + ": " + n.positive + " positive, " +
                      n.negative + " negative, " + n.neutral + " neutral",
        onclick: function () { Z.showStances(outlet, actor, found); }},
        "+" + n.positive + " −" + n.negative + " ○" + n.neutral);
    }));
  });
  body.appendChild(Z.table("Stance of each outlet toward the main actors",
    ["Outlet"].concat(actors.map(Z.actorName)), rows));
  body.appendChild(Z.el("div", {id: "stance-details", "aria-live": "polite"}));
};

Z.showStances = function (outlet, actor, stances) {
  var box = Z.clear(document.getElementById("stance-details"));
  var heading = Z.el("h3", {tabindex: -1}, outlet + " toward " + Z.actorName(actor));
  box.appendChild(heading);
  var list = Z.el("ul", {class: "plain"});
  stances.forEach(function (s) {
    list.appendChild(Z.el("li", null, Z.el("span", {class: "badge " + s.polarity}, s.polarity), " ",
      s.start !== null ? Z.sourceButton(s.document, s.start, s.end, Z.documentLabel(s.document) + ": “" +
                                        Z.sentence(s.document, s.start, s.end) + "”")
                       : Z.sourceButton(s.document, null, null, Z.documentLabel(s.document) + " (no cue word)")));
  });
  box.appendChild(list);
  heading.focus();
};
