// Article page enhancements: A+ / A- text size and the comment length counter.
//
// Plain script, loaded with `defer`, no inline handlers: the page must keep
// working (reading and posting) when this file does not run, so the controls
// it drives are rendered `hidden` and only revealed here.
(function () {
  "use strict";

  var STORAGE_KEY = "civility.textSize";
  var LEVELS = 5; // text-size-0 .. text-size-4 in civility.css
  var DEFAULT_LEVEL = 2;

  function readLevel() {
    var stored = null;
    try {
      stored = window.localStorage.getItem(STORAGE_KEY);
    } catch (e) {
      // Storage can be disabled (private mode, policy): fall back to default.
    }
    var level = parseInt(stored, 10);
    if (isNaN(level) || level < 0 || level >= LEVELS) {
      return DEFAULT_LEVEL;
    }
    return level;
  }

  function writeLevel(level) {
    try {
      window.localStorage.setItem(STORAGE_KEY, String(level));
    } catch (e) {
      // Not remembered, but the size still changes for this page.
    }
  }

  function setupTextSize() {
    var body = document.getElementById("article-body");
    var controls = document.getElementById("text-size");
    if (!body || !controls) {
      return;
    }
    var bigger = controls.querySelector("[data-text-size='up']");
    var smaller = controls.querySelector("[data-text-size='down']");
    var level = readLevel();

    function apply() {
      for (var i = 0; i < LEVELS; i++) {
        body.classList.remove("text-size-" + i);
      }
      body.classList.add("text-size-" + level);
      bigger.disabled = level >= LEVELS - 1;
      smaller.disabled = level <= 0;
    }

    bigger.addEventListener("click", function () {
      if (level < LEVELS - 1) {
        level += 1;
        writeLevel(level);
        apply();
      }
    });
    smaller.addEventListener("click", function () {
      if (level > 0) {
        level -= 1;
        writeLevel(level);
        apply();
      }
    });
    apply();
    controls.hidden = false;
  }

  function setupCounter() {
    var textarea = document.getElementById("id_text");
    var counter = document.getElementById("text-counter");
    if (!textarea || !counter) {
      return;
    }
    var max = parseInt(textarea.getAttribute("maxlength"), 10);
    var template = counter.getAttribute("data-template") || "{count} / {max}";
    var formatter = new Intl.NumberFormat(document.documentElement.lang || undefined);

    function update() {
      // Count code points, as the server does (Python len), not UTF-16 units.
      var count = Array.from(textarea.value).length;
      counter.textContent = template
        .replace("{count}", formatter.format(count))
        .replace("{max}", formatter.format(max));
      counter.classList.toggle("counter--over", count > max);
    }

    textarea.addEventListener("input", update);
    update();
    counter.hidden = false;
  }

  setupTextSize();
  setupCounter();
})();
