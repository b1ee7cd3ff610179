// The moderators' desk in the browser. htmx (vendor/htmx.min.js) posts the
// decisions and applies the server's answer: the decided row, the one live
// region (#desk-announcer), the undo toast and the counts. This file adds:
//
// - single-key shortcuts, only in the held queue (its list carries
//   data-shortcuts, which the moderator can switch off), and only while the
//   focus is inside a comment of it (WCAG 2.1.4): j / k move, a approves,
//   r goes to the guideline select, x selects for a bulk decision, u undoes;
//   the decided lists' reversal buttons never answer a key;
// - a rejection needs a guideline chosen on purpose: the select starts
//   empty, and Enter on it rejects only once one is chosen;
// - the undo toast lasts UNDO seconds (its data-seconds), then goes.
// Without JS the same forms post normally and the page reloads.
(function () {
  "use strict";

  var ITEM = "[data-queue-item]";
  var selected = null;
  var toastTimer = null;

  function items() {
    return Array.prototype.slice.call(document.querySelectorAll(ITEM));
  }

  function shortcutsOn(item) {
    return !!(item && item.closest("[data-shortcuts]"));
  }

  function select(item, focus) {
    if (selected) {
      selected.classList.remove("is-selected");
      selected.removeAttribute("aria-current");
    }
    selected = item || null;
    if (!selected) {
      return;
    }
    selected.classList.add("is-selected");
    selected.setAttribute("aria-current", "true");
    if (focus) {
      selected.focus({ preventScroll: true });
      selected.scrollIntoView({ block: "nearest" });
    }
  }

  function move(from, step) {
    var list = items();
    var index = list.indexOf(from);
    var next = index === -1 ? 0 : Math.min(Math.max(index + step, 0), list.length - 1);
    select(list[next], true);
  }

  function announce(text) {
    var region = document.getElementById("desk-announcer");
    if (region) {
      region.textContent = text;
    }
  }

  // A rejection needs a guideline chosen on purpose: stop the post (htmx or
  // plain) and say so at the select. The server checks again.
  function guardReject(button) {
    var scope = button.closest(ITEM) || button.closest("form");
    var clause = scope && scope.querySelector("[data-clause]");
    if (clause && !clause.value) {
      var message = clause.getAttribute("data-required-message") || "";
      clause.setCustomValidity(message);
      clause.reportValidity();
      clause.focus();
      announce(message);
      return false;
    }
    return true;
  }

  function guardBulk(button) {
    var form = button.closest("form");
    var chosen = document.querySelectorAll("[data-select]:checked");
    if (!chosen.length) {
      var error = document.getElementById("bulk-error");
      var text = form.getAttribute("data-empty-message") || "Select the comments first.";
      if (error) {
        error.textContent = text;
      }
      announce(text);
      return false;
    }
    return button.getAttribute("data-bulk") !== "reject" || guardReject(button);
  }

  document.addEventListener(
    "click",
    function (event) {
      var target = event.target;
      var reject = target.closest && target.closest("[data-action='reject']");
      var bulk = target.closest && target.closest("[data-bulk]");
      if ((reject && !guardReject(reject)) || (bulk && !guardBulk(bulk))) {
        event.preventDefault();
        event.stopPropagation();
        return;
      }
      var item = target.closest && target.closest(ITEM);
      if (item && item !== selected) {
        select(item, false);
      }
    },
    true
  );

  document.addEventListener("focusin", function (event) {
    var item = event.target.closest && event.target.closest(ITEM);
    if (item && item !== selected) {
      select(item, false);
    }
  });

  document.addEventListener("change", function (event) {
    if (event.target.matches && event.target.matches("[data-clause]")) {
      event.target.setCustomValidity("");
    }
  });

  function undoButton() {
    return document.querySelector("#desk-toast [data-action='undo']");
  }

  document.addEventListener("keydown", function (event) {
    if (event.ctrlKey || event.metaKey || event.altKey) {
      return;
    }
    var target = event.target;
    var item = target.closest && target.closest(ITEM);
    var inToast = target.closest && target.closest("#desk-toast");
    if (!(shortcutsOn(item) || (inToast && document.querySelector("[data-shortcuts]")))) {
      return; // keys act only inside a comment of the held queue (or its toast)
    }
    if (target.matches("[data-clause]")) {
      // Enter rejects under the guideline chosen; with none chosen it only says so.
      if (event.key === "Enter") {
        event.preventDefault();
        var reject = item.querySelector("[data-action='reject']");
        if (reject) {
          reject.click();
        }
      }
      return;
    }
    // Letters typed into a field are text, not commands.
    if (target.closest("input:not([type=checkbox]), textarea, select, [contenteditable]")) {
      return;
    }
    var here = item || selected;
    switch (event.key) {
      case "j":
        move(here, 1);
        break;
      case "k":
        move(here, -1);
        break;
      case "a": {
        var approve = here && here.querySelector("[data-action='approve']");
        if (approve) {
          approve.click();
        }
        break;
      }
      case "r": {
        var clause = here && here.querySelector("[data-clause]");
        if (clause) {
          clause.focus();
        }
        break;
      }
      case "x": {
        var box = here && here.querySelector("[data-select]");
        if (box) {
          box.checked = !box.checked;
        }
        break;
      }
      case "u": {
        var undo = undoButton();
        if (undo) {
          undo.click();
        }
        break;
      }
      default:
        return;
    }
    event.preventDefault();
  });

  // The toast offers its undo for its data-seconds, then goes.
  function startToast() {
    var toast = document.querySelector("#desk-toast [data-toast]");
    if (toastTimer) {
      clearTimeout(toastTimer);
      toastTimer = null;
    }
    if (!toast) {
      return;
    }
    var seconds = parseInt(toast.getAttribute("data-seconds"), 10) || 10;
    toastTimer = setTimeout(function () {
      var slot = document.getElementById("desk-toast");
      if (slot) {
        slot.innerHTML = "";
      }
    }, seconds * 1000);
  }

  // After a decision the next comment takes the focus (so j / a go straight
  // on); after the last one, the toast's Undo does.
  var positionBefore = -1;
  document.body.addEventListener("htmx:beforeRequest", function (event) {
    var item = event.detail.elt.closest && event.detail.elt.closest(ITEM);
    positionBefore = item ? items().indexOf(item) : -1;
  });
  document.body.addEventListener("htmx:afterSettle", function () {
    startToast();
    var list = items();
    if (positionBefore === -1) {
      return;
    }
    var next = list[Math.min(positionBefore, list.length - 1)];
    positionBefore = -1;
    if (next) {
      select(next, true);
    } else if (undoButton()) {
      undoButton().focus();
    }
  });

  select(items()[0] || null, false);
})();
