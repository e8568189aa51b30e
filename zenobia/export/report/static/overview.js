// overview.js: the corpus at a glance (documents, outlets, dates, languages, skipped inputs,
// how many facts are shown) and the extractive summary.

Z.renderOverview = function (section) {
  var o = Z.data.raw.overview;
  var body = Z.clear(section.querySelector(".body"));
  var statusNames = {analyzed: "analysed", duplicate: "duplicates (not analysed again)",
                     "not-english": "not English (stored, not analysed)"};
  var facts = [
    ["events", Z.data.events], ["quotes", Z.data.quotes], ["numeric claims", Z.data.claims],
    ["disagreements", Z.data.disagreements], ["actors", Z.data.actors], ["places", Z.data.places]
  ];
  var cards = Z.el("dl", {class: "cards"},
    Z.el("div", null, Z.el("dt", null, "Documents"), Z.el("dd", null, o.documents.toLocaleString("en")),
         Z.el("dd", {class: "muted"}, o.statuses.map(function (s) {
           return s[1] + " " + (statusNames[s[0]] || s[0]);
         }).join(" · "))),
    Z.el("div", null, Z.el("dt", null, "Outlets"), Z.el("dd", null, String(o.outlets.length))),
    Z.el("div", null, Z.el("dt", null, "Dates"),
         Z.el("dd", null, o.first_date ? o.first_date + " – " + o.last_date : "none"),
         Z.el("dd", {class: "muted"}, o.inferred_dates + " inferred · " + o.undated + " undated")),
    Z.el("div", null, Z.el("dt", null, "Languages"),
         Z.el("dd", null, o.languages.map(function (l) { return l[0] + " (" + l[1] + ")"; }).join(", "))),
    Z.el("div", null, Z.el("dt", null, "Skipped inputs"), Z.el("dd", null, String(o.skipped.length)))
  );
  body.appendChild(cards);
  var shownList = Z.el("ul", {class: "inline", id: "fact-counts"});
  facts.forEach(function (pair) {
    var all = pair[1].length;
    var shown = pair[1].filter(Z.visible).length;
    shownList.appendChild(Z.el("li", null, shown === all ? Z.count(all, pair[0].replace(/s$/, ""), pair[0])
                                                         : shown + " of " + all + " " + pair[0]));
  });
  body.appendChild(Z.el("p", null, "Shown: "));
  body.lastChild.appendChild(shownList);
  Z.data.raw.notes.forEach(function (note) { body.appendChild(Z.el("p", {class: "note"}, note)); });
  body.appendChild(Z.table("Documents per outlet", ["Outlet", "Documents"], o.outlets.map(function (row) {
    return [row[0], String(row[1])];
  })));
  if (o.skipped.length) {
    body.appendChild(Z.table("Inputs that were skipped, and why", ["Input", "Reason", "What to do"],
      o.skipped.map(function (s) { return [s.source, s.reason, s.message]; })));
  }
};

Z.renderSummary = function (section) {
  var body = Z.clear(section.querySelector(".body"));
  var summary = Z.data.summary;
  body.appendChild(Z.el("p", {class: "lead"}, summary.lead));
  if (!summary.sentences.length) return;
  var list = Z.el("ol", {class: "summary"});
  summary.sentences.forEach(function (s) {
    list.appendChild(Z.el("li", null, Z.sourceButton(s.document, s.start, s.end),
                          Z.el("span", {class: "muted cite"}, " — " + Z.documentLabel(s.document))));
  });
  body.appendChild(list);
};
