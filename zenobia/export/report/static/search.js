// search.js: find words in the report, sentence by sentence in its documents and by name in
// its events; every hit opens its sentence in its document. Every word typed must occur
// (case-insensitive, as written); no index: a report holds at most a few megabytes of text.

Z.SEARCH_MAX_HITS = 50;
Z.SEARCH_MIN_CHARS = 2;

// [start, end] of each sentence of a text: runs ending in . ! ? (with a closing quote or
// bracket) or a line break.
Z.sentenceSpans = function (text) {
  var spans = [];
  var pattern = /[^.!?\n]+(?:[.!?]+["”’)\]]*|\n|$)/g;
  var found;
  while ((found = pattern.exec(text)) !== null) {
    var piece = found[0];
    var lead = piece.length - piece.replace(/^\s+/, "").length;
    var kept = piece.replace(/\s+$/, "").length;
    if (kept > lead) spans.push([found.index + lead, found.index + kept]);
  }
  return spans;
};

Z.searchWords = function (query) {
  return query.toLowerCase().split(/\s+/).filter(function (w) { return w.length > 0; });
};

Z.hasAll = function (lower, words) {
  return words.every(function (w) { return lower.indexOf(w) >= 0; });
};

// The sentences holding every word, the first SEARCH_MAX_HITS of them, and how many there are.
Z.searchSentences = function (words) {
  var hits = [], total = 0;
  Z.data.documents.forEach(function (doc, d) {
    if (!doc.lower) doc.lower = (doc.text || "").toLowerCase();
    if (!Z.hasAll(doc.lower, words)) return;
    if (!doc.spans) doc.spans = Z.sentenceSpans(doc.text);
    doc.spans.forEach(function (span) {
      if (!Z.hasAll(doc.lower.slice(span[0], span[1]), words)) return;
      total += 1;
      if (hits.length < Z.SEARCH_MAX_HITS) hits.push({document: d, start: span[0], end: span[1]});
    });
  });
  return {hits: hits, total: total};
};

// Events whose actors, type or place hold every word, the shown ones only.
Z.searchEvents = function (words) {
  return Z.data.events.filter(Z.visible).filter(function (e) {
    var name = (Z.eventTitle(e) + " " + Z.placeName(e.place)).toLowerCase();
    return Z.hasAll(name, words);
  });
};

// `text` as text nodes, with each occurrence of a word in a <mark>.
Z.marked = function (text, words) {
  var lower = text.toLowerCase();
  var nodes = [], at = 0;
  while (at < text.length) {
    var next = -1, length = 0;
    words.forEach(function (w) {
      var i = lower.indexOf(w, at);
      if (i >= 0 && (next < 0 || i < next || (i === next && w.length > length))) {
        next = i; length = w.length;
      }
    });
    if (next < 0) break;
    if (next > at) nodes.push(document.createTextNode(text.slice(at, next)));
    nodes.push(Z.el("mark", null, text.slice(next, next + length)));
    at = next + length;
  }
  if (at < text.length) nodes.push(document.createTextNode(text.slice(at)));
  return nodes;
};

Z.renderSearch = function (query) {
  var section = document.getElementById("search");
  var body = Z.clear(section.querySelector(".body"));
  var words = Z.searchWords(query);
  if (query.trim().length < Z.SEARCH_MIN_CHARS) { section.hidden = true; return; }
  section.hidden = false;
  var sentences = Z.searchSentences(words);
  var events = Z.searchEvents(words);
  body.appendChild(Z.el("p", {class: "muted", role: "status"},
    Z.count(sentences.total, "sentence") + " and " + Z.count(events.length, "event") +
    " hold “" + query.trim() + "”" +
    (sentences.total > sentences.hits.length ? "; the first " + sentences.hits.length + " sentences are listed." : ".")));
  if (sentences.hits.length) {
    var list = Z.el("ul", {class: "plain search-hits"});
    sentences.hits.forEach(function (hit) {
      var button = Z.sourceButton(hit.document, hit.start, hit.end, " ");
      Z.clear(button);
      Z.marked(Z.sentence(hit.document, hit.start, hit.end), words).forEach(function (n) {
        button.appendChild(n);
      });
      list.appendChild(Z.el("li", null, button,
        Z.el("span", {class: "muted cite"}, " — " + Z.documentLabel(hit.document))));
    });
    body.appendChild(list);
  }
  if (events.length) {
    body.appendChild(Z.el("h3", null, "Events"));
    Z.pagedList(body, events, function (e) {
      var first = e.sources[0];
      return Z.el("li", null, Z.el("strong", null, Z.eventTitle(e)),
        e.place !== null && e.place !== undefined ? " — " + Z.placeName(e.place) : null, " ",
        first ? Z.sourceButton(first.document, first.start, first.end) : null);
    }, 10, "ul");
  }
};

Z.initSearch = function () {
  var form = document.getElementById("search-form");
  var input = document.getElementById("search-q");
  var timer = null;
  form.addEventListener("submit", function (event) {
    event.preventDefault();
    Z.renderSearch(input.value);
    document.getElementById("search").scrollIntoView({block: "start"});
  });
  input.addEventListener("input", function () {
    clearTimeout(timer);
    timer = setTimeout(function () { Z.renderSearch(input.value); }, 250);
  });
  Z.onChange(function () { Z.renderSearch(input.value); });
};
