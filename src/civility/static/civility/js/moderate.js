// Moderator queue keyboard: j / k move the selection, a approves the selected
// comment, r focuses its guideline select, and Enter there confirms the
// rejection. htmx (vendor/htmx.min.js) posts the decision and swaps the item
// out; without JS the same forms post normally and the page reloads.
(function () {
  "use strict";

  var ITEM = "[data-queue-item]";
  var selected = null;

  function items() {
    return Array.prototype.slice.call(document.querySelectorAll(ITEM));
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

  function move(step) {
    var list = items();
    if (!list.length) {
      return;
    }
    var index = list.indexOf(selected);
    var next = index === -1 ? 0 : Math.min(Math.max(index + step, 0), list.length - 1);
    select(list[next], true);
  }

  function clauseOf(item) {
    return item && item.querySelector("[data-clause]");
  }

  // Rejecting needs a clause: stop the post (htmx or plain) and say so at the
  // select. The server checks again; this only saves a round trip.
  function guardReject(button) {
    var item = button.closest(ITEM) || button.closest("form");
    var clause = clauseOf(item);
    if (clause && !clause.value) {
      clause.setCustomValidity(clause.getAttribute("data-required-message") || "");
      clause.reportValidity();
      clause.focus();
      return false;
    }
    return true;
  }

  document.addEventListener(
    "click",
    function (event) {
      var button = event.target.closest && event.target.closest("[data-action='reject']");
      if (button && !guardReject(button)) {
        event.preventDefault();
        event.stopPropagation();
      }
      var item = event.target.closest && event.target.closest(ITEM);
      if (item && item !== selected) {
        select(item, false);
      }
    },
    true
  );

  document.addEventListener("change", function (event) {
    if (event.target.matches && event.target.matches("[data-clause]")) {
      event.target.setCustomValidity("");
    }
  });

  document.addEventListener("keydown", function (event) {
    if (event.ctrlKey || event.metaKey || event.altKey) {
      return;
    }
    var target = event.target;
    if (target.matches && target.matches("[data-clause]") && event.key === "Enter") {
      var item = target.closest(ITEM);
      var reject = item && item.querySelector("[data-action='reject']");
      if (reject) {
        event.preventDefault();
        reject.click();
      }
      return;
    }
    // Letters typed into a field are text, not commands.
    if (target.closest && target.closest("input, textarea, select, [contenteditable]")) {
      return;
    }
    switch (event.key) {
      case "j":
        move(1);
        break;
      case "k":
        move(-1);
        break;
      case "a": {
        var approve = selected && selected.querySelector("[data-action='approve']");
        if (approve) {
          approve.click();
        }
        break;
      }
      case "r": {
        var clause = clauseOf(selected);
        if (clause) {
          clause.focus();
        }
        break;
      }
      default:
        return;
    }
    event.preventDefault();
  });

  // After htmx swaps a decided item out, keep the selection where it was so
  // j / a can go straight on with the next comment.
  var positionBeforeSwap = -1;
  document.body.addEventListener("htmx:beforeSwap", function (event) {
    positionBeforeSwap = items().indexOf(event.detail.target);
  });
  document.body.addEventListener("htmx:afterSettle", function () {
    var list = items();
    if (positionBeforeSwap === -1 || !list.length) {
      if (!list.length) {
        select(null);
      }
      return;
    }
    select(list[Math.min(positionBeforeSwap, list.length - 1)], true);
    positionBeforeSwap = -1;
  });

  select(items()[0] || null, false);
})();
