// The network explorer: precomputed positions and metrics drawn with Cytoscape.js.
// The table of members (linked from the page) gives the same information without a canvas.
// The first view names only the most central organisations (marked "c" by the metrics job);
// zooming in past ALL_LABELS times the first zoom names them all. Buttons zoom and move the
// view, and the search field picks an organisation, so the graph works from a keyboard.
// The data comes in columns with only what the first view draws; the other metrics (when
// the nodes are sized by one) and an organisation's card (when it is selected) are fetched
// then, and the browser revalidates each with its ETag.
(function () {
  "use strict";
  var container = document.getElementById("explorer");
  if (!container || typeof cytoscape === "undefined") { return; }
  var labels = JSON.parse(document.getElementById("explorer-labels").textContent);
  // Okabe–Ito: seven colours that stay apart for colour-blind readers. Only the seven
  // largest categories get one; the others share the grey of "other", so the eye is
  // never asked to tell fourteen hues apart.
  var PALETTE = ["#E69F00", "#56B4E9", "#009E73", "#0072B2", "#D55E00", "#CC79A7", "#F0E442"];
  var GREY = "#BBBBBB";
  var coloured = {};
  var ALL_LABELS = 2;
  var ZOOM_STEP = 1.25;
  var PAN_STEP = 120;
  var MAX_RESULTS = 8;
  var controls = {
    colour: document.getElementById("colour-by"),
    size: document.getElementById("size-by"),
    sector: document.getElementById("filter-sector"),
    district: document.getElementById("filter-district"),
    role: document.getElementById("filter-role"),
    search: document.getElementById("search")
  };
  var statusLine = document.getElementById("explorer-status");
  var card = document.getElementById("explorer-card");
  var legend = document.getElementById("explorer-legend");
  var results = document.getElementById("search-results");
  var baseZoom = 1;
  var sectorOrder = Object.keys(labels.sectors);
  var cy = null;
  var metricsLoaded = null;  // a promise, once the other metrics are asked for
  var cards = {};  // an organisation's card data by id, once fetched
  var selectedId = null;

  function getJSON(url) {
    return fetch(url, {credentials: "same-origin", headers: {"Accept": "application/json"}})
      .then(function (response) {
        if (!response.ok) { throw new Error(String(response.status)); }
        return response.json();
      });
  }

  function fill(template, values) {
    return template.replace(/\{(\w+)\}/g, function (_m, key) { return values[key]; });
  }

  function fold(text) {
    return (text || "").normalize("NFD").replace(/[\u0300-\u036f]/g, "").toLowerCase();
  }

  function categoryOf(data) {
    return controls.colour.value === "community" ? data.community : data.sector;
  }

  // The categories that get a colour: communities are numbered largest first; sectors
  // are ranked by how many organisations they have here.
  function chooseColoured() {
    var counts = {};
    var without = 0;
    cy.nodes().forEach(function (n) {
      var key = categoryOf(n.data());
      if (key) { counts[key] = (counts[key] || 0) + 1; } else { without += 1; }
    });
    var keys = Object.keys(counts);
    if (controls.colour.value === "community") {
      keys.sort(function (a, b) { return Number(a) - Number(b); });
    } else {
      keys.sort(function (a, b) { return counts[b] - counts[a] || sectorOrder.indexOf(a) - sectorOrder.indexOf(b); });
    }
    coloured = {};
    keys.slice(0, PALETTE.length).forEach(function (key, i) { coloured[key] = PALETTE[i]; });
    return keys.length > PALETTE.length || without > 0;  // is an "other" entry needed?
  }

  function colourOf(data) {
    return coloured[categoryOf(data)] || GREY;
  }

  function element(tag, className, text) {
    var node = document.createElement(tag);
    if (className) { node.className = className; }
    if (text !== undefined) { node.textContent = text; }
    return node;
  }

  function drawLegend(withOther) {
    legend.replaceChildren();
    var entries = [];
    Object.keys(coloured).forEach(function (key) {
      var name = controls.colour.value === "community" ? fill(labels.community, {n: key}) : labels.sectors[key];
      entries.push([name, coloured[key]]);
    });
    if (controls.colour.value === "community") {
      entries.sort(function (a, b) { return PALETTE.indexOf(a[1]) - PALETTE.indexOf(b[1]); });
    }
    if (withOther) { entries.push([labels.other, GREY]); }
    entries.forEach(function (entry) {
      var item = element("li");
      var swatch = element("span", "swatch");
      swatch.style.backgroundColor = entry[1];
      swatch.setAttribute("aria-hidden", "true");
      item.append(swatch, document.createTextNode(entry[0]));
      legend.append(item);
    });
  }

  // Degree comes with the first view; the other metrics once the user sizes by one.
  function loadMetrics() {
    if (!metricsLoaded) {
      metricsLoaded = getJSON(container.dataset.metricsSrc).then(function (columns) {
        var names = labels.metrics.map(function (pair) { return pair[0]; });
        cy.batch(function () {
          columns.id.forEach(function (id, i) {
            var node = cy.getElementById(String(id));
            if (!node.length) { return; }
            names.forEach(function (name) { node.data(name, columns[name][i]); });
          });
        });
      }, function (error) { metricsLoaded = null; throw error; });  // asked again next time
    }
    return metricsLoaded;
  }

  function resize() {
    if (controls.size.value === "degree") { restyle(); return; }
    loadMetrics().then(restyle, restyle);
  }

  function restyle() {
    var metric = controls.size.value;
    var max = 0;
    var withOther = chooseColoured();
    cy.nodes().forEach(function (n) { max = Math.max(max, n.data(metric) || 0); });
    cy.batch(function () {
      cy.nodes().forEach(function (n) {
        var share = max > 0 ? Math.sqrt((n.data(metric) || 0) / max) : 0;
        n.data("size", 8 + 32 * share);
        n.data("colour", colourOf(n.data()));
      });
    });
    drawLegend(withOther);
  }

  function matches(data) {
    if (controls.sector.value && data.sector !== controls.sector.value) { return false; }
    if (controls.district.value && String(data.district) !== controls.district.value) { return false; }
    if (controls.role.value && data.roles.indexOf(controls.role.value) < 0) { return false; }
    return true;
  }

  function filter() {
    var shown = 0;
    cy.batch(function () {
      cy.nodes().forEach(function (n) {
        var keep = matches(n.data());
        n.toggleClass("filtered-out", !keep);
        if (keep) { shown += 1; }
      });
    });
    statusLine.textContent = fill(labels.shown, {shown: shown, total: cy.nodes().length});
  }

  function centreOn(node) {
    // Close enough to read the neighbours' names, not so close that nothing else shows.
    cy.zoom({level: Math.max(cy.zoom(), baseZoom * ALL_LABELS), renderedPosition: centreOfView()});
    cy.center(node);
    showLabels();
  }

  function pick(node, focusCard) {
    centreOn(node);
    select(node);
    if (focusCard) { document.getElementById("card-heading").focus(); }
  }

  function listResults(found) {
    results.replaceChildren();
    found.slice(0, MAX_RESULTS).forEach(function (node) {
      var item = element("li");
      var button = element("button", "btn btn-link btn-sm p-0 text-start", node.data("label"));
      button.type = "button";
      button.addEventListener("click", function () { pick(node, true); });
      item.append(button);
      results.append(item);
    });
  }

  function matching() {
    var query = fold(controls.search.value.trim());
    if (!query) { return []; }
    return cy.nodes().filter(function (n) {
      return !n.hasClass("filtered-out") && fold(n.data("label")).indexOf(query) >= 0;
    }).sort(function (a, b) { return a.data("rank") - b.data("rank"); }).toArray();
  }

  function search() {
    var found = matching();
    cy.nodes().removeClass("found");
    listResults(found);
    if (!controls.search.value.trim()) { filter(); return; }
    if (!found.length) { statusLine.textContent = labels.no_match; return; }
    cy.collection(found).addClass("found");
    statusLine.textContent = fill(labels.found, {n: found.length});
    if (found.length === 1) { pick(found[0], false); }
  }

  function centreOfView() {
    return {x: container.clientWidth / 2, y: container.clientHeight / 2};
  }

  function showLabels() {
    var all = cy.zoom() >= baseZoom * ALL_LABELS * 0.999;
    if (container.dataset.labels === (all ? "all" : "central")) { return; }
    container.dataset.labels = all ? "all" : "central";
    cy.batch(function () { cy.nodes().forEach(function (n) { n.toggleClass("quiet", !all && !n.data("c")); }); });
  }

  function move(direction) {
    var moves = {left: {x: PAN_STEP, y: 0}, right: {x: -PAN_STEP, y: 0},
                 up: {x: 0, y: PAN_STEP}, down: {x: 0, y: -PAN_STEP}};
    if (direction === "in" || direction === "out") {
      var level = cy.zoom() * (direction === "in" ? ZOOM_STEP : 1 / ZOOM_STEP);
      cy.zoom({level: level, renderedPosition: centreOfView()});
    } else if (direction === "fit") {
      cy.fit(cy.nodes().not(".filtered-out"), 30);
    } else {
      cy.panBy(moves[direction]);
    }
    showLabels();
    container.dataset.zoom = cy.zoom().toFixed(3);
  }

  function definition(list, term, value) {
    list.append(element("dt", "col-7", term), element("dd", "col-5", value));
  }

  function select(node) {
    cy.nodes().unselect();
    node.select();
    var data = node.data();
    selectedId = data.id;
    card.replaceChildren();
    var heading = element("h2", "h5");
    heading.id = "card-heading";
    heading.tabIndex = -1;
    var link = element("a", "", data.label);
    link.href = container.dataset.detailUrl.replace(/0$/, data.id);
    link.title = labels.open;
    heading.append(link);
    card.append(heading);
    var district = data.district ? labels.districts[String(data.district)] : "";
    card.append(element("p", "mb-1", [labels.sectors[data.sector], district].filter(Boolean).join(" · ")));
    if (data.roles.length) {
      card.append(element("p", "mb-1 small", data.roles.map(function (r) { return labels.roles[r]; }).join(", ")));
    }
    var more = element("div");
    more.setAttribute("aria-busy", "true");
    card.append(more);
    var found = cards[data.id] || getJSON(container.dataset.cardUrl.replace(/0\.json$/, data.id + ".json"));
    cards[data.id] = found;
    found.then(function (details) {
      if (selectedId === data.id) { fillCard(more, details); }
    }, function () { delete cards[data.id]; more.removeAttribute("aria-busy"); });
  }

  // The card's second half: metrics, community and ties, from the organisation's data.
  function fillCard(more, details) {
    if (details.broker) { more.append(element("span", "badge text-bg-info mb-2", labels.broker)); }
    var list = element("dl", "row small mb-2");
    labels.metrics.forEach(function (pair) {
      definition(list, pair[1], Number(details.metrics[pair[0]]).toLocaleString(document.documentElement.lang));
    });
    definition(list, fill(labels.community, {n: ""}).trim(), details.community || labels.none);
    more.append(list);
    more.append(element("h3", "h6", labels.ties));
    var ties = element("ul", "list-unstyled small mb-0");
    details.ties.forEach(function (tie) {
      var other = cy.getElementById(String(tie.id));
      if (!other.length) { return; }
      var item = element("li");
      var button = element("button", "btn btn-link btn-sm p-0 text-start", other.data("label"));
      button.type = "button";
      button.addEventListener("click", function () { pick(other, true); });
      var kinds = tie.kinds.map(function (k) { return labels.kinds[k]; }).join(", ");
      if (tie.direction) {
        kinds += " (" + (tie.direction === "out" ? labels.outgoing : labels.incoming) + ")";
      }
      item.append(button, document.createTextNode(" — " + kinds));
      ties.append(item);
    });
    more.append(ties);
    more.removeAttribute("aria-busy");
  }

  // Columns (one list per attribute) to Cytoscape's elements.
  function elementsOf(payload) {
    var n = payload.nodes;
    var e = payload.edges;
    var named = new Set(n.named);
    var added = new Set(n.new);
    var elements = n.id.map(function (id, i) {
      var roles = payload.roles.filter(function (_r, bit) { return (n.roles[i] >> bit) & 1; });
      var sector = n.sector[i] === null ? null : payload.sectors[n.sector[i]];
      return {group: "nodes", position: {x: n.x[i], y: n.y[i]},
              data: {id: String(id), label: n.label[i], sector: sector, district: n.district[i],
                     roles: roles, community: n.community[i], degree: n.degree[i], rank: i,
                     c: named.has(id), "new": added.has(id)}};
    });
    var source = 0;  // each edge's source is a step from the previous edge's
    e.s.forEach(function (step, i) {
      source += step;
      elements.push({group: "edges", data: {id: "e" + i, source: String(source), target: String(e.t[i]),
                                            weight: e.w[i], directed: i >= e.directed_from}});
    });
    return elements;
  }

  function start(payload) {
    if (!payload.nodes.id.length) { statusLine.textContent = labels.not_computed; return; }
    var large = payload.nodes.id.length > 1500;
    var elements = elementsOf(payload);
    cy = cytoscape({
      container: container, elements: elements, layout: {name: "preset"},
      minZoom: 0.05, maxZoom: 6, textureOnViewport: large, hideEdgesOnViewport: large,
      boxSelectionEnabled: false,
      style: [
        {selector: "node", style: {"background-color": "data(colour)", "width": "data(size)", "height": "data(size)",
          "label": "data(label)", "font-size": 9, "min-zoomed-font-size": 6, "text-valign": "bottom",
          "border-width": 1, "border-color": "#333"}},
        {selector: "node[?c]", style: {"font-size": 12, "font-weight": "bold", "text-background-color": "#fff",
          "text-background-opacity": 0.8, "text-background-padding": 1, "z-index": 5}},
        {selector: "node.quiet", style: {"label": ""}},
        {selector: "edge", style: {"width": "mapData(weight, 1, 10, 0.5, 4)", "line-color": "#9aa5b1", "opacity": 0.6,
          "curve-style": "haystack"}},
        {selector: "edge[?directed]", style: {"curve-style": "bezier", "target-arrow-shape": "triangle",
          "target-arrow-color": "#6b7785", "arrow-scale": 0.9}},
        // Added since the last metrics run: placed near their partners, metrics to come.
        {selector: "node[?new]", style: {"border-style": "dashed", "border-width": 2}},
        {selector: "node:selected", style: {"border-width": 4, "border-color": "#000", "z-index": 10}},
        {selector: "node.found", style: {"border-width": 4, "border-color": "#ffbf47"}},
        {selector: ".filtered-out", style: {"display": "none"}}
      ]
    });
    window.networkExplorer = cy;
    cy.fit(undefined, 30);
    baseZoom = cy.zoom();
    container.dataset.zoom = baseZoom.toFixed(3);
    showLabels();
    restyle();
    filter();
    cy.on("zoom", function () { showLabels(); });
    document.querySelectorAll("#explorer-moves [data-move]").forEach(function (button) {
      button.addEventListener("click", function () { move(button.dataset.move); });
    });
    cy.on("tap", "node", function (event) { select(event.target); });
    controls.colour.addEventListener("change", restyle);
    controls.size.addEventListener("change", resize);
    [controls.sector, controls.district, controls.role].forEach(function (select_) {
      select_.addEventListener("change", function () { filter(); search(); });
    });
    var timer = null;
    controls.search.addEventListener("input", function () {
      clearTimeout(timer);
      timer = setTimeout(search, 250);
    });
    controls.search.form.addEventListener("submit", function (event) {
      event.preventDefault();
      clearTimeout(timer);
      var found = matching();
      search();
      if (found.length) { pick(found[0], true); }
    });
    container.dataset.ready = "true";
  }

  getJSON(container.dataset.src)
    .then(start)
    .catch(function () { statusLine.textContent = labels.not_computed; });
})();
