// dom.js: elements built from text only, and the small vocabulary both pages share. Every
// string from a document goes through text nodes or attributes, never through innerHTML.

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

Z.count = function (n, one, many) {
  return n.toLocaleString("en") + " " + (n === 1 ? one : (many || one + "s"));
};

Z.confidenceText = function (c) {
  return c === null || c === undefined ? "no confidence recorded" : "confidence " + c.toFixed(2);
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

// "conflict", "cooperation" or "other": how an event of this quad class is drawn.
Z.quadKind = function (quad) {
  return Z.isConflict(quad) ? "conflict" : (Z.isCooperation(quad) ? "cooperation" : "other");
};
