// core.js: the report's data, DOM helpers that insert text only, the confidence toggle and
// the document panel. Every string from a document goes through text nodes or attributes,
// never through innerHTML.

var Z = {};

Z.SVG_NS = "http://www.w3.org/2000/svg";

// el("p", {class: "x", onclick: fn}, "text", child): an element whose string children are
// text nodes; "on…" attributes take functions and become listeners.
Z.el = function (tag, attrs) {
  var node = document.createElement(tag);
  Z.setAttrs(node, attrs);
  for (var i = 2; i < arguments.length; i++) Z.append(node, arguments[i]);
  return node;
};

Z.svg = function (tag, attrs) {
  var node = document.createElementNS(Z.SVG_NS, tag);
  Z.setAttrs(node, attrs);
  for (var i = 2; i < arguments.length; i++) Z.append(node, arguments[i]);
  return node;
};

Z.setAttrs = function (node, attrs) {
  if (!attrs) return;
  Object.keys(attrs).forEach(function (key) {
    var value = attrs[key];
    if (value === null || value === undefined || value === false) return;
    if (key.slice(0, 2) === "on") {
      if (typeof value === "function") node.addEventListener(key.slice(2), value);
    } else {
      node.setAttribute(key, value === true ? "" : String(value));
    }
  });
};

Z.append = function (node, child) {
  if (child === null || child === undefined || child === false) return;
  if (Array.isArray(child)) {
    child.forEach(function (c) { Z.append(node, c); });
  } else if (typeof child === "string" || typeof child === "number") {
    node.appendChild(document.createTextNode(String(child)));
  } else {
    node.appendChild(child);
  }
};

Z.clear = function (node) {
  while (node.firstChild) node.removeChild(node.firstChild);
  return node;
};

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

Z.count = function (n, one, many) {
  return n.toLocaleString("en") + " " + (n === 1 ? one : (many || one + "s"));
};

Z.confidenceText = function (c) {
  return c === null || c === undefined ? "no confidence recorded" : "confidence " + c.toFixed(2);
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

// A list that shows `pageSize` items at a time, with a button for more.
Z.pagedList = function (container, items, render, pageSize, tag) {
  var list = Z.el(tag || "ul", {class: "plain"});
  var shown = 0;
  var more = Z.el("button", {type: "button", class: "more", onclick: function () { page(); }});
  function page() {
    items.slice(shown, shown + pageSize).forEach(function (item) { list.appendChild(render(item)); });
    shown = Math.min(items.length, shown + pageSize);
    Z.clear(more);
    Z.append(more, "Show " + Math.min(pageSize, items.length - shown) + " more of " +
             (items.length - shown).toLocaleString("en") + " left");
    more.hidden = shown >= items.length;
  }
  container.appendChild(list);
  container.appendChild(more);
  page();
  return list;
};

// A table inside a scrollable, labelled region (tables are the charts' text alternatives).
Z.table = function (caption, headers, rows) {
  var table = Z.el("table", null, Z.el("caption", null, caption),
    Z.el("thead", null, Z.el("tr", null, headers.map(function (h) {
      return Z.el("th", {scope: "col"}, h);
    }))));
  var body = Z.el("tbody");
  rows.forEach(function (cells) {
    body.appendChild(Z.el("tr", null, cells.map(function (cell) { return Z.el("td", null, cell); })));
  });
  table.appendChild(body);
  return Z.el("div", {class: "table-wrap", tabindex: 0, role: "region", "aria-label": caption}, table);
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

// Colours of actor kinds (legend and nodes); kinds not listed are "other".
Z.KIND_COLORS = {
  state: "#1f77b4", government: "#17becf", military: "#2f4b7c", police: "#5f6b7a",
  armed_group: "#d62728", political_party: "#9467bd", igo: "#2ca02c", ngo: "#bcbd22",
  media: "#8c564b", person: "#e377c2", ethnic_or_religious_group: "#ff7f0e",
  organization: "#7f7f7f", place: "#c7a76c", other: "#b0b0b0"
};

Z.kindColor = function (kind) { return Z.KIND_COLORS[kind] || Z.KIND_COLORS.other; };

Z.isConflict = function (quad) { return !!quad && quad.slice(-8) === "conflict"; };
Z.isCooperation = function (quad) { return !!quad && quad.slice(-11) === "cooperation"; };

Z.eventTitle = function (e) {
  var who = e.actors.map(Z.actorName).join(", ");
  var whom = e.recipients.map(Z.actorName).join(", ");
  var what = e.type + (e.mode ? " (" + e.mode + ")" : "");
  return (who ? who + " → " : "") + what + (whom ? " → " + whom : "");
};
