// The dashboard's charts, drawn by Chart.js (vendor/chart.umd.min.js) from
// the numbers the page carries in #dashboard-data (the same numbers as each
// chart's table and CSV). Right-to-left pages get mirrored axes.
(function () {
  "use strict";

  var COLOURS = ["#1b7f3b", "#a15c00", "#b3261e", "#2f5d9c", "#6b4ea0", "#00796b"];
  var source = document.getElementById("dashboard-data");
  if (!source || typeof Chart === "undefined") {
    return;
  }
  var charts = JSON.parse(source.textContent);
  var rtl = document.documentElement.dir === "rtl";

  charts.forEach(function (chart) {
    var canvas = document.querySelector("canvas[data-chart='" + chart.id + "']");
    if (!canvas) {
      return;
    }
    var line = chart.kind === "line";
    var stacked = chart.kind === "stacked";
    var drawn = new Chart(canvas, {
      type: line ? "line" : "bar",
      data: {
        labels: chart.labels,
        datasets: chart.series.map(function (series, i) {
          return {
            label: series.label,
            data: series.data,
            backgroundColor: COLOURS[i % COLOURS.length],
            borderColor: COLOURS[i % COLOURS.length],
            spanGaps: true,
          };
        }),
      },
      options: {
        animation: false,
        maintainAspectRatio: false,
        locale: document.documentElement.lang || "en",
        plugins: { legend: { rtl: rtl, position: "bottom" } },
        scales: {
          x: { stacked: stacked, reverse: rtl },
          y: { stacked: stacked, beginAtZero: true },
        },
      },
    });
    canvas.setAttribute("data-drawn", String(drawn.data.datasets.length));
  });
})();
