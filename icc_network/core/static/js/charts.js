// Draw a chart from the accessible table it illustrates: the table stays the reference.
// <canvas data-chart-for="TABLE-ID">; the table's data-chart is the chart type (line, bar),
// data-series="rows" reads one series per row instead of one per column; only cells with a
// data-value are plotted, and a column header with data-axis="right" uses a second y axis.
// A table with data-gaps leaves a cell without data-value out of the line (no figure, not 0);
// a canvas with data-sparkline draws the line alone (no axes, legend or points).
// Small multiples: a canvas with data-pick="N" draws only the table's N-th series (column or
// row, from 0), data-small makes it a compact chart with one light y axis, and data-y-max gives
// every chart of a group the same scale. A row (or column header) with data-partial is a
// period not over yet (the current week): shown in the table, never drawn as a fall to zero.
(function () {
  "use strict";
  if (typeof Chart === "undefined") { return; }
  var palette = ["#12355b", "#c0392b", "#1e8449", "#b9770e", "#6c3483", "#117a8b", "#7b7d7d", "#a04000", "#2e4053"];

  function value(cell) { return Number(cell.getAttribute("data-value") || 0); }
  function text(cell) { return (cell.textContent || "").trim(); }

  function gapped(table, cell) {
    return table.hasAttribute("data-gaps") && !(cell && cell.hasAttribute("data-value")) ? null : value(cell);
  }

  function byColumns(table) {
    var heads = Array.prototype.slice.call(table.tHead.rows[0].cells, 1);
    var rows = Array.prototype.slice.call(table.tBodies[0].rows).filter(function (row) {
      return !row.hasAttribute("data-partial");
    });
    var plotted = heads.map(function (head, i) {
      return rows.some(function (row) { return row.cells[i + 1] && row.cells[i + 1].hasAttribute("data-value"); });
    });
    return {
      labels: rows.map(function (row) { return text(row.cells[0]); }),
      datasets: heads.map(function (head, i) {
        var set = { label: text(head), index: i,
                    data: rows.map(function (row) { return gapped(table, row.cells[i + 1]); }) };
        if (head.getAttribute("data-axis") === "right") { set.yAxisID = "y1"; }
        return set;
      }).filter(function (set, i) { return plotted[i]; })
    };
  }

  function byRows(table) {
    var heads = Array.prototype.slice.call(table.tHead.rows[0].querySelectorAll("[data-label]:not([data-partial])"));
    var rows = Array.prototype.slice.call(table.tBodies[0].rows);
    return {
      labels: heads.map(text),
      datasets: rows.map(function (row, i) {
        return { label: text(row.cells[0]), index: i,
                 data: Array.prototype.map.call(row.querySelectorAll("[data-value]:not([data-partial])"), value) };
      }).filter(function (set) { return set.data.length; })
    };
  }

  document.querySelectorAll("canvas[data-chart-for]").forEach(function (canvas) {
    var table = document.getElementById(canvas.getAttribute("data-chart-for"));
    if (!table) { return; }
    var data = table.getAttribute("data-series") === "rows" ? byRows(table) : byColumns(table);
    if (canvas.hasAttribute("data-pick")) {
      var pick = Number(canvas.getAttribute("data-pick"));
      data.datasets = data.datasets.filter(function (set) { return set.index === pick; });
    }
    data.datasets.forEach(function (set, i) {
      set.borderColor = set.backgroundColor = palette[i % palette.length];
      set.tension = 0.2;
    });
    var scales = { y: { beginAtZero: true } };
    if (data.datasets.some(function (set) { return set.yAxisID === "y1"; })) {
      scales.y1 = { beginAtZero: true, position: "right", grid: { drawOnChartArea: false } };
    }
    var options = { responsive: true, maintainAspectRatio: false, animation: false,
                    plugins: { legend: { position: "bottom" } }, scales: scales };
    if (canvas.hasAttribute("data-y-max")) {
      scales.y.suggestedMax = Number(canvas.getAttribute("data-y-max"));
    }
    if (canvas.hasAttribute("data-small")) {
      options.plugins = { legend: { display: false } };
      scales.y.ticks = { maxTicksLimit: 3, precision: 0 };
      scales.x = { ticks: { maxTicksLimit: 3, maxRotation: 0 }, grid: { display: false } };
      options.elements = { point: { radius: 0, hitRadius: 6 } };
    }
    if (canvas.hasAttribute("data-sparkline")) {
      options.plugins = { legend: { display: false }, tooltip: { enabled: false } };
      options.scales = { x: { display: false },
                         y: { display: false, beginAtZero: true, suggestedMax: scales.y.suggestedMax } };
      options.elements = { point: { radius: 0 } };
      options.events = [];
    }
    new Chart(canvas, {
      type: table.getAttribute("data-chart") || "line",
      data: data,
      options: options
    });
  });
})();
