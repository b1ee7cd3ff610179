// Comment counts next to a publisher's headlines: one script tag, one request.
//
//   <a href="/news/123">Headline</a> <span data-civility-count="rudaw-123"></span>
//   <script src="https://comments.example.com/static/civility/count.js" async></script>
//
// Every element with data-civility-count (a publisher article id, or a
// Civility slug) gets "3 comments" in the page's language, from
// GET /api/embed/counts (docs/embedding.md). The page's origin must be one of
// the embedding site's origins, as for the widget. Text only, never HTML.
(function () {
  "use strict";

  var script = document.currentScript ||
    document.querySelector("script[src*='/civility/count.js']");
  if (!script || !window.fetch) return;
  var base = script.getAttribute("data-civility-server") ||
    script.src.replace(/\/static\/civility\/count\.js(\?.*)?$/, "");

  function start() {
    var spots = document.querySelectorAll("[data-civility-count]");
    if (!spots.length) return;
    var ids = [];
    for (var i = 0; i < spots.length; i++) {
      var id = spots[i].getAttribute("data-civility-count");
      if (id && ids.indexOf(id) < 0) ids.push(id);
    }
    var query = ids.map(function (id) { return "article=" + encodeURIComponent(id); });
    query.push("lang=" + encodeURIComponent(document.documentElement.lang || ""));
    fetch(base.replace(/\/$/, "") + "/api/embed/counts?" + query.join("&"), {
      mode: "cors", credentials: "omit", headers: { Accept: "application/json" }
    }).then(function (response) {
      return response.ok ? response.json() : { counts: {} };
    }).then(function (data) {
      for (var j = 0; j < spots.length; j++) {
        var found = (data.counts || {})[spots[j].getAttribute("data-civility-count")];
        if (found) spots[j].textContent = found.text;
      }
    }, function () {});
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
