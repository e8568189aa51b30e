// core.js: the report's data, the confidence toggle and the document panel (the element
// helpers are the shared dom.js). Every string from a document goes through text nodes or
// attributes, never through innerHTML.

// A packed table {columns, rows} as objects.
Z.unpack = function (table) {
  if (!table || !table.columns) return [];
  var columns = table.columns;
  return table.rows.map(function (row, index) {
    var record = {index: index};
    for (var i = 0; i < columns.length; i++) record[columns[i]] = row[i];
    return record;
  });
};

Z.load = function () {
  var raw = JSON.parse(document.getElementById("report-data").textContent);
  var data = {raw: raw};
  ["documents", "actors", "places", "events", "quotes", "claims", "disagreements", "stances"]
    .forEach(function (name) { data[name] = Z.unpack(raw[name]); });
  data.summary = {lead: raw.summary ? raw.summary.lead : "",
                  sentences: Z.unpack(raw.summary && raw.summary.sentences)};
  // spans arrive as [document, start, end, …]
  data.events.forEach(function (e) {
    e.sources = e.sources.map(function (s) { return {document: s[0], start: s[1], end: s[2]}; });
  });
  data.disagreements.forEach(function (d) {
    d.sides = d.sides.map(function (s) {
      return {document: s[0], start: s[1], end: s[2], text: s[3]};
    });
  });
  return data;
};

// --- what is shown: facts at or above their kind's threshold, or all of them ---------------

Z.state = {showAll: false};
Z.listeners = [];

Z.onChange = function (listener) { Z.listeners.push(listener); };

Z.setShowAll = function (value) {
  Z.state.showAll = value;
  Z.listeners.forEach(function (listener) { listener(); });
};

Z.visible = function (fact) { return Z.state.showAll || !!fact.shown; };

// --- names and numbers ------------------------------------------------------------------------

Z.actorName = function (i) {
  var actor = Z.data.actors[i];
  return actor ? actor.name : "unknown actor";
};

Z.placeName = function (i) {
  var place = i === null || i === undefined ? null : Z.data.places[i];
  return place ? place.name : "";
};

Z.documentLabel = function (i) {
  var doc = Z.data.documents[i];
  if (!doc) return "unknown document";
  return (doc.outlet || "unknown outlet") + (doc.date ? ", " + doc.date : "");
};

Z.sentence = function (docIndex, start, end) {
  var doc = Z.data.documents[docIndex];
  if (!doc || start === null || start === undefined) return "";
  return doc.text.slice(start, end);
};

// A button that shows a span of a document in the document panel.
Z.sourceButton = function (docIndex, start, end, label, extraClass) {
  var text = label !== undefined ? label : Z.sentence(docIndex, start, end);
  return Z.el("button", {
    type: "button",
    class: "source" + (extraClass ? " " + extraClass : ""),
    "data-document": docIndex,
    "data-start": start,
    "title": "Show in " + Z.documentLabel(docIndex),
    onclick: function (event) { Z.openDocument(docIndex, start, end, event.currentTarget); }
  }, text || "(show in document)");
};

// --- the document panel ---------------------------------------------------------------------

Z.panel = {opener: null};

Z.openDocument = function (docIndex, start, end, opener) {
  var doc = Z.data.documents[docIndex];
  var panel = document.getElementById("doc-panel");
  var textBox = Z.clear(document.getElementById("doc-text"));
  var meta = Z.clear(document.getElementById("doc-meta"));
  var title = Z.clear(document.getElementById("doc-title"));
  if (!doc) return;
  Z.append(title, doc.title || "Untitled document");
  Z.append(meta, [doc.outlet || "unknown outlet",
                  doc.author ? "by " + doc.author : null,
                  doc.date ? doc.date + (doc.inferred ? " (inferred)" : "") : "undated",
                  doc.language].filter(Boolean).join(" · "));
  if (doc.url) {
    meta.appendChild(document.createTextNode(" · "));
    meta.appendChild(Z.el("a", {href: doc.url, rel: "noopener noreferrer", target: "_blank"},
                          "original"));
  }
  var text = doc.text;
  var mark = null;
  if (start !== null && start !== undefined && end > start) {
    textBox.appendChild(document.createTextNode(text.slice(0, start)));
    mark = Z.el("mark", {id: "doc-mark", tabindex: -1}, text.slice(start, end));
    textBox.appendChild(mark);
    textBox.appendChild(document.createTextNode(text.slice(end)));
  } else {
    textBox.appendChild(document.createTextNode(text));
  }
  Z.panel.opener = opener || null;
  panel.hidden = false;
  document.body.classList.add("panel-open");
  if (mark) {
    mark.scrollIntoView({block: "center"});
    mark.focus({preventScroll: true});
  } else {
    document.getElementById("doc-close").focus();
  }
};

Z.closeDocument = function () {
  var panel = document.getElementById("doc-panel");
  if (panel.hidden) return;
  panel.hidden = true;
  document.body.classList.remove("panel-open");
  if (Z.panel.opener && document.body.contains(Z.panel.opener)) Z.panel.opener.focus();
};

Z.initPanel = function () {
  document.getElementById("doc-close").addEventListener("click", Z.closeDocument);
  document.addEventListener("keydown", function (event) {
    if (event.key === "Escape") Z.closeDocument();
  });
};

Z.eventTitle = function (e) {
  var who = e.actors.map(Z.actorName).join(", ");
  var whom = e.recipients.map(Z.actorName).join(", ");
  var what = e.type + (e.mode ? " (" + e.mode + ")" : "");
  return (who ? who + " → " : "") + what + (whom ? " → " + whom : "");
};
