// main.js: read the data, draw every section, and redraw them when the toggle changes.

Z.SCHEMA = 1;

Z.SECTIONS = [
  ["overview", "renderOverview"], ["summary", "renderSummary"], ["timeline", "renderTimeline"],
  ["network", "renderNetwork"], ["map", "renderMap"], ["disagreements", "renderDisagreements"],
  ["quotes", "renderQuotes"], ["claims", "renderClaims"], ["stances", "renderStances"]
];

Z.renderAll = function () {
  Z.SECTIONS.forEach(function (pair) {
    Z[pair[1]](document.getElementById(pair[0]));
  });
};

Z.thresholdNote = function () {
  var thresholds = Z.data.raw.thresholds || {};
  var values = Object.keys(thresholds).map(function (k) { return thresholds[k]; });
  var same = values.every(function (v) { return v === values[0]; });
  var floor = !values.length ? "their kind's threshold" : same ? String(values[0]) :
    Object.keys(thresholds).map(function (k) { return thresholds[k] + " (" + k + ")"; }).join(", ");
  return Z.state.showAll ? "Showing every fact, whatever its confidence."
                         : "Showing facts with confidence ≥ " + floor + ".";
};

Z.start = function () {
  Z.data = Z.load();
  if (Z.data.raw.schema !== Z.SCHEMA) {
    document.getElementById("overview").appendChild(Z.el("p", {class: "note"},
      "This report was written by a different version of zenobia; some parts may not show."));
  }
  document.title = "zenobia report: " + Z.data.raw.title;
  Z.append(Z.clear(document.getElementById("report-title")), "zenobia report: " + Z.data.raw.title);
  Z.append(document.getElementById("credits"), "Made by " + Z.data.raw.generator +
           ". Every fact links to the sentence it comes from.");
  var toggle = document.getElementById("show-all");
  toggle.checked = !!Z.data.raw.show_all;
  Z.state.showAll = toggle.checked;
  var note = document.getElementById("threshold-note");
  Z.append(note, Z.thresholdNote());
  Z.onChange(function () { Z.append(Z.clear(note), Z.thresholdNote()); Z.renderAll(); });
  toggle.addEventListener("change", function () { Z.setShowAll(toggle.checked); });
  Z.initPanel();
  Z.initSearch();
  Z.renderAll();
};

Z.start();
