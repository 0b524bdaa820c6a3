// The growth chart, drawn from the table of figures that follows it (the accessible version).
(function () {
  "use strict";
  var canvas = document.getElementById("growth-chart");
  var table = document.getElementById("growth-table");
  if (!canvas || !table || typeof Chart === "undefined") { return; }
  var headers = Array.prototype.map.call(table.querySelectorAll("thead th"), function (th) { return th.textContent; });
  var rows = Array.prototype.slice.call(table.querySelectorAll("tbody tr"));
  if (!rows.length) { return; }
  function series(key) { return rows.map(function (row) { return Number(row.dataset[key]); }); }
  new Chart(canvas, {
    type: "line",
    data: {
      labels: rows.map(function (row) { return row.querySelector("th").textContent; }),
      datasets: [
        {label: headers[1], data: series("organisations"), borderColor: "#12355b", backgroundColor: "#12355b", yAxisID: "y"},
        {label: headers[2], data: series("ties"), borderColor: "#d62728", backgroundColor: "#d62728", yAxisID: "y"},
        {label: headers[4], data: series("components"), borderColor: "#2ca02c", backgroundColor: "#2ca02c", yAxisID: "y1"}
      ]
    },
    options: {
      maintainAspectRatio: false,
      animation: false,
      scales: {y: {beginAtZero: true, position: "left"}, y1: {beginAtZero: true, position: "right", grid: {drawOnChartArea: false}}}
    }
  });
})();
