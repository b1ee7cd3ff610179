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
      // aria-disabled, not disabled: a disabled button loses focus to <body>
      // the moment the reader presses it to its limit.
      bigger.setAttribute("aria-disabled", String(level >= LEVELS - 1));
      smaller.setAttribute("aria-disabled", String(level <= 0));
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

  // After a post the page opens on what happened: the error summary, else
  // the outcome. Focus makes a screen reader read it (a role="status" whose
  // text is there on load is not announced); autofocus does the same without
  // this script, where the browser honours it.
  function focusOutcome() {
    var target = document.getElementById("error-summary");
    var thread = document.getElementById("thread-outcome");
    var report = document.querySelector(".report-form");
    if (!target && thread && thread.textContent.trim()) {
      target = thread;
    } else if (!target && report) {
      target = report;
    }
    if (!target) {
      var outcome = document.getElementById("comment-outcome");
      target = outcome && outcome.textContent.trim() ? outcome : null;
    }
    if (target) {
      target.focus();
    }
  }

  function setupErrorLinks() {
    // A link in the summary puts the cursor in its field, not just the view.
    var summary = document.getElementById("error-summary");
    if (!summary) {
      return;
    }
    summary.addEventListener("click", function (event) {
      var link = event.target.closest("a[href^='#']");
      var field = link && document.getElementById(link.getAttribute("href").slice(1));
      if (field) {
        event.preventDefault();
        field.focus();
      }
    });
  }

  // Reply: the form moves under the comment it answers and says so; Cancel
  // puts it back. Without this script the Reply link opens ?reply=<id>.
  function setupReplies() {
    var form = document.querySelector(".comment-form");
    var parentField = document.getElementById("id_parent_id");
    var replying = document.getElementById("replying-to");
    if (!form || !parentField || !replying) {
      return;
    }
    var home = document.createComment("comment form");
    form.parentNode.insertBefore(home, form);
    var nameSlot = replying.querySelector("[data-replying-name]");
    var text = document.getElementById("id_text");

    document.addEventListener("click", function (event) {
      var link = event.target.closest("a[data-reply]");
      if (link) {
        event.preventDefault();
        var item = document.getElementById("comment-" + link.getAttribute("data-reply"));
        var actions = item && item.querySelector(".comment__actions");
        if (!actions) {
          return;
        }
        parentField.value = link.getAttribute("data-reply");
        nameSlot.textContent = link.getAttribute("data-reply-name") || "";
        replying.hidden = false;
        actions.parentNode.insertBefore(form, actions.nextSibling);
        form.classList.add("comment-form--reply");
        if (text) {
          text.focus();
        }
        return;
      }
      var cancel = event.target.closest("a[data-reply-cancel]");
      if (cancel) {
        event.preventDefault();
        var answered = document.getElementById("comment-" + parentField.value);
        parentField.value = "";
        replying.hidden = true;
        form.classList.remove("comment-form--reply");
        home.parentNode.insertBefore(form, home.nextSibling);
        var back = answered && answered.querySelector("a[data-reply]");
        if (back) {
          back.focus();
        }
      }
    });
  }

  // Respect: sent with fetch, the count and the pressed state change in
  // place; any failure falls back to the plain form post.
  function setupReactions() {
    document.addEventListener("submit", function (event) {
      var form = event.target.closest("form[data-react]");
      if (!form || !window.fetch) {
        return;
      }
      event.preventDefault();
      var button = form.querySelector("button");
      var on = form.querySelector("input[name='on']");
      button.setAttribute("aria-busy", "true");
      fetch(form.action, {
        method: "POST",
        body: new FormData(form),
        headers: { Accept: "application/json" },
        credentials: "same-origin",
      })
        .then(function (response) {
          if (!response.ok) {
            throw new Error(String(response.status));
          }
          return response.json();
        })
        .then(function (state) {
          button.removeAttribute("aria-busy");
          button.setAttribute("aria-pressed", String(state.reacted));
          form.querySelector("[data-react-count]").textContent = String(state.count);
          on.value = state.reacted ? "0" : "1";
        })
        .catch(function () {
          button.removeAttribute("aria-busy");
          form.submit();
        });
    });
  }

  setupTextSize();
  setupCounter();
  setupErrorLinks();
  setupReplies();
  setupReactions();
  // After the browser has scrolled to the URL's fragment, which may move focus.
  if (document.readyState === "complete") {
    focusOutcome();
  } else {
    window.addEventListener("load", function () {
      window.setTimeout(focusOutcome, 0);
    });
  }
})();
