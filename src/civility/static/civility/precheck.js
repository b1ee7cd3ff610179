// The pre-submit warning (docs/reader-feedback.md).
//
// About 800 ms after the reader stops typing, and on the first press of
// "Post", the text is sent to POST /api/articles/{slug}/precheck, which runs
// the moderation engine and stores nothing. If it answers warnings, they are
// shown above the button (role="alert": the clause's message and the words
// found) with "Post anyway" and "Revise". The warning never blocks by itself:
// a press of "Post" while it is shown (or "Post anyway") posts; a press that
// brings up a warning the reader had not seen yet does not. Whatever goes wrong here
// (no network, a 429, a slow answer) lets the form post as it would without
// this script. Plain script, loaded with `defer`, no inline handlers (CSP).
(function () {
  "use strict";

  var DEBOUNCE_MS = 800;
  // A press of "Post" waits this long for the check, then posts anyway.
  var SUBMIT_WAIT_MS = 4000;

  function start(form) {
    var url = form.getAttribute("data-precheck-url");
    var textarea = form.querySelector("textarea[name='text']");
    var box = form.querySelector("#precheck-warning");
    if (!url || !textarea || !box || !window.fetch) {
      return;
    }
    var timer = null;
    var checkedText = null; // the text the shown answer is about
    var warnings = [];
    var inFlight = null;
    var warnedFor = null; // the text a press of "Post" was warned about
    var posting = false;

    function ask(text) {
      if (inFlight && inFlight.text === text) {
        return inFlight.promise;
      }
      var promise = window
        .fetch(url, {
          method: "POST",
          headers: { "Content-Type": "application/json", Accept: "application/json" },
          body: JSON.stringify({ text: text }),
          credentials: "same-origin",
        })
        .then(function (response) {
          if (!response.ok) {
            return { warnings: [] };
          }
          return response.json();
        })
        .then(function (body) {
          checkedText = text;
          warnings = (body && body.warnings) || [];
          return warnings;
        })
        .catch(function () {
          return [];
        });
      inFlight = { text: text, promise: promise };
      return promise;
    }

    function hide() {
      box.hidden = true;
      box.removeAttribute("role");
      while (box.firstChild) {
        box.removeChild(box.firstChild);
      }
    }

    function el(tag, className, text) {
      var node = document.createElement(tag);
      if (className) {
        node.className = className;
      }
      if (text) {
        node.textContent = text; // never innerHTML: the quotes are the reader's words
      }
      return node;
    }

    function show(list) {
      hide();
      if (!list.length) {
        return;
      }
      box.appendChild(el("p", "precheck__title", form.getAttribute("data-precheck-title")));
      list.forEach(function (warning) {
        var item = el("div", "precheck__warning");
        item.setAttribute("data-clause", warning.clause_id);
        item.appendChild(el("p", "precheck__message", warning.message));
        if (warning.quotes && warning.quotes.length) {
          var found = el("p", "precheck__quotes", form.getAttribute("data-precheck-found") + " ");
          warning.quotes.forEach(function (quote, index) {
            if (index) {
              found.appendChild(document.createTextNode(", "));
            }
            var q = el("q", "precheck__quote", quote);
            q.setAttribute("dir", "auto");
            found.appendChild(q);
          });
          item.appendChild(found);
        }
        box.appendChild(item);
      });
      box.appendChild(el("p", "help", form.getAttribute("data-precheck-note")));
      var actions = el("p", "precheck__actions");
      var anyway = el("button", "button button--primary", form.getAttribute("data-precheck-anyway"));
      anyway.type = "button";
      anyway.setAttribute("data-precheck", "anyway");
      anyway.addEventListener("click", postNow);
      var revise = el("button", "button", form.getAttribute("data-precheck-revise"));
      revise.type = "button";
      revise.setAttribute("data-precheck", "revise");
      revise.addEventListener("click", function () {
        hide();
        warnedFor = null;
        textarea.focus();
      });
      actions.appendChild(anyway);
      actions.appendChild(document.createTextNode(" "));
      actions.appendChild(revise);
      box.appendChild(actions);
      box.setAttribute("role", "alert");
      box.hidden = false;
    }

    function postNow() {
      posting = true;
      // Never from inside the submit event: a browser ignores requestSubmit()
      // while it is still firing "submit" (the form's "firing submission
      // events" flag), and a promise that has already settled (the check the
      // pause asked for) runs its callback right there. That lost the first
      // press after a pause (issue 14); a task of its own is always outside.
      window.setTimeout(function () {
        // requestSubmit keeps the browser's own submit path; submit() for old ones.
        if (form.requestSubmit) {
          form.requestSubmit();
        } else {
          form.submit();
        }
      }, 0);
    }

    textarea.addEventListener("input", function () {
      if (timer) {
        window.clearTimeout(timer);
      }
      warnedFor = null;
      timer = window.setTimeout(function () {
        var text = textarea.value;
        if (!text.trim()) {
          hide();
          return;
        }
        ask(text).then(function (list) {
          if (textarea.value === text) {
            show(list);
          }
        });
      }, DEBOUNCE_MS);
    });

    form.addEventListener("submit", function (event) {
      var text = textarea.value;
      // The press supersedes the pause: a pending check must not bring back
      // a warning the reader has since dismissed with "Revise".
      if (timer) {
        window.clearTimeout(timer);
        timer = null;
      }
      // The second press on the same text posts, warned or not.
      if (posting || warnedFor === text || !text.trim()) {
        return;
      }
      // The pause already checked this very text: decide now, in the press.
      // Nothing to warn about, or the warning is already on screen (the
      // reader has read it and pressed Post all the same): the press posts,
      // as any form does. One press posts, always; only a warning the reader
      // has not yet seen takes a press of its own.
      if (checkedText === text) {
        if (!warnings.length || !box.hidden) {
          return;
        }
        event.preventDefault();
        warnedFor = text;
        show(warnings);
        return;
      }
      event.preventDefault();
      var answered = false;
      var fallback = window.setTimeout(function () {
        if (!answered) {
          answered = true;
          postNow();
        }
      }, SUBMIT_WAIT_MS);
      ask(text).then(function (list) {
        if (answered) {
          return;
        }
        answered = true;
        window.clearTimeout(fallback);
        if (list.length) {
          warnedFor = text;
          show(list);
        } else {
          postNow();
        }
      });
    });
  }

  function init() {
    var forms = document.querySelectorAll("form[data-precheck-url]");
    for (var i = 0; i < forms.length; i++) {
      start(forms[i]);
    }
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", init);
  } else {
    init();
  }
})();
