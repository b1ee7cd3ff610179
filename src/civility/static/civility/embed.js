// Civility's embeddable comments: one script tag on the publisher's page.
//
//   <div id="civility-comments"></div>
//   <script src="https://comments.example.com/static/civility/embed.js"
//           data-civility-article="rudaw-123" async></script>
//
// Renders the approved thread and the comment form inside a shadow root on
// the host element, so the host page's CSS cannot reach in (only the
// --civility-* custom properties do, on purpose), while the widget still
// follows the page: its language, its fonts if asked, its height. Every word
// comes from the server in the page's language (the same catalogs as the
// article page); every rule and message is the server's (no check here that
// the server does not make). Text from readers is only ever set as text.
// docs/embedding.md explains the options and why a shadow root, not an iframe.
(function () {
  "use strict";

  var script = document.currentScript;
  if (!script) {
    // Some loaders run the file without a current script: find our tag.
    var tags = document.querySelectorAll("script[src*='/civility/embed.js']");
    script = tags[tags.length - 1];
  }
  if (!script) {
    return;
  }
  var src = script.src;
  var base = script.getAttribute("data-civility-server") ||
    src.replace(/\/static\/civility\/embed\.js(\?.*)?$/, "");
  var api = base.replace(/\/$/, "") + "/api/embed";
  // A signed-in reader (docs/sign-in.md): the publisher's page puts the token
  // it signed for this reader here, and the form asks for no name or e-mail.
  var READER_TOKEN = (script.getAttribute("data-civility-reader-token") || "").trim();

  // What the server falls back to before it has answered (no words yet).
  var LOAD_FAILED = "Comments could not be loaded.";
  // Comments a page, as the API pages them (api/pagination.py).
  var PAGE_SIZE = 50;

  // The widget's look. Hosts restyle it through the --civility-* custom
  // properties (docs/embedding.md), which, unlike rules, cross into a shadow root.
  var CSS = [
    ":host{display:block!important}",
    ":host([hidden]){display:none!important}",
    ".civ{all:initial;display:block;box-sizing:border-box;",
    'font-family:var(--civility-font,system-ui,-apple-system,"Segoe UI",Roboto,"Noto Sans","Noto Sans Arabic",Tahoma,sans-serif);',
    "font-size:var(--civility-font-size,16px);line-height:var(--civility-line-height,1.5);",
    "color:var(--civility-text,#1b1b1b);background:var(--civility-background,transparent);",
    "text-align:start;overflow-wrap:anywhere}",
    ".civ *,.civ *::before,.civ *::after{box-sizing:inherit}",
    "h2{font-size:1.25em;line-height:1.3;margin:1.2em 0 .5em;font-weight:700}",
    "p{margin:0 0 .5em}",
    ".guidelines{font-size:.875em;color:var(--civility-muted,#4a4a4a);border-inline-start:3px solid var(--civility-border,#c9c9c9);padding-inline-start:.75em;margin:0 0 1em}",
    ".list{list-style:none;margin:0;padding:0}",
    ".comment{padding:.75em 0;border-bottom:1px solid var(--civility-border,#c9c9c9)}",
    ".meta{font-size:.875em;color:var(--civility-muted,#4a4a4a);margin:0 0 .25em}",
    ".author{font-weight:700;color:var(--civility-text,#1b1b1b)}",
    ".text{white-space:pre-line;margin:0}",
    ".empty,.notice{color:var(--civility-muted,#4a4a4a)}",
    ".pages{display:flex;gap:1em;align-items:center;flex-wrap:wrap;margin:.75em 0}",
    ".field{margin:0 0 1em}",
    "label{display:inline;font-weight:700}",
    ".label{margin:0 0 .25em}",
    ".need{font-weight:400;color:var(--civility-muted,#4a4a4a)}",
    "input,textarea{display:block;width:100%;font:inherit;color:var(--civility-text,#1b1b1b);",
    "background:var(--civility-input-background,#fff);border:1px solid var(--civility-input-border,#767676);",
    "border-radius:var(--civility-radius,4px);padding:.5em;margin:0}",
    "textarea{resize:vertical;min-height:6em}",
    "input[aria-invalid],textarea[aria-invalid]{border-color:var(--civility-error,#b00020);border-width:2px}",
    ".help{font-size:.875em;color:var(--civility-muted,#4a4a4a);margin:.25em 0 0}",
    ".over{color:var(--civility-error,#b00020);font-weight:700}",
    ".field-error,.form-error{color:var(--civility-error,#b00020);font-weight:700;margin:.25em 0 0}",
    ".form-error{margin:0 0 1em}",
    "button{font:inherit;cursor:pointer;border-radius:var(--civility-radius,4px);padding:.5em 1.25em;",
    "border:1px solid var(--civility-accent,#0b57a4);background:var(--civility-surface,#fff);color:var(--civility-accent,#0b57a4)}",
    "button.primary{background:var(--civility-accent,#0b57a4);color:var(--civility-accent-text,#fff);font-weight:700}",
    "button:disabled{opacity:.6;cursor:progress}",
    ":focus-visible{outline:3px solid var(--civility-focus,#0b57a4);outline-offset:2px}",
    ".outcome-box:focus{outline:none}",
    ".outcome{padding:.75em 1em;border-radius:var(--civility-radius,4px);border-inline-start:4px solid;margin:0 0 1em;font-weight:700}",
    ".outcome.published{border-color:var(--civility-success,#1d6b2f);color:var(--civility-success,#1d6b2f)}",
    ".outcome.held{border-color:var(--civility-held,#7a5200);color:var(--civility-held,#7a5200)}",
    ".outcome.rejected{border-color:var(--civility-error,#b00020);color:var(--civility-error,#b00020)}",
    ".trap{position:absolute;width:1px;height:1px;overflow:hidden;clip-path:inset(50%);white-space:nowrap}",
    "[hidden]{display:none!important}"
  ].join("\n");

  // ---------------------------------------------------------------- DOM ----

  function h(tag, attrs, children) {
    var el = document.createElement(tag);
    for (var name in attrs || {}) {
      var value = attrs[name];
      if (value === null || value === undefined || value === false) continue;
      if (name === "text") el.textContent = value;
      else if (name.slice(0, 2) === "on") el.addEventListener(name.slice(2), value);
      else el.setAttribute(name, value === true ? "" : value);
    }
    (children || []).forEach(function (child) {
      if (child) el.appendChild(child);
    });
    return el;
  }

  // How long ago, as people say it ("5 minutes ago", "yesterday"), in the
  // widget's language; "" where the browser cannot say it (the caller then
  // shows the full time).
  var UNITS = [["year", 31536000], ["month", 2592000], ["week", 604800], ["day", 86400],
    ["hour", 3600], ["minute", 60], ["second", 1]];

  function relative(iso, lang) {
    var then = Date.parse(iso);
    if (isNaN(then) || !window.Intl || !Intl.RelativeTimeFormat) return "";
    var seconds = Math.round((then - Date.now()) / 1000);
    var format = new Intl.RelativeTimeFormat(lang || undefined, { numeric: "auto" });
    for (var i = 0; i < UNITS.length; i++) {
      if (Math.abs(seconds) >= UNITS[i][1] || UNITS[i][0] === "second") {
        return format.format(Math.round(seconds / UNITS[i][1]), UNITS[i][0]);
      }
    }
    return "";
  }

  function clear(el) {
    while (el.firstChild) el.removeChild(el.firstChild);
  }

  // ------------------------------------------------------------- server ----

  function call(method, path, body) {
    var options = {
      method: method,
      mode: "cors",
      // No cookies: nothing here is signed in, and no cookie means no CSRF.
      credentials: "omit",
      headers: { Accept: "application/json" }
    };
    if (body) {
      options.headers["Content-Type"] = "application/json";
      options.body = JSON.stringify(body);
    }
    return fetch(api + path, options).then(function (response) {
      return response.json().then(
        function (data) { return { status: response.status, data: data }; },
        function () { return { status: response.status, data: {} }; }
      );
    });
  }

  function query(params) {
    var parts = [];
    for (var key in params) {
      if (params[key]) parts.push(key + "=" + encodeURIComponent(params[key]));
    }
    return parts.length ? "?" + parts.join("&") : "";
  }

  // --------------------------------------------------------- the page ----

  function meta(selector) {
    var el = document.querySelector(selector);
    return el ? (el.getAttribute("content") || el.getAttribute("href") || "").trim() : "";
  }

  function pageFacts() {
    var canonical = script.getAttribute("data-civility-url") || meta("link[rel='canonical']") ||
      location.href.split("#")[0];
    return {
      article: script.getAttribute("data-civility-article") || "",
      url: new URL(canonical, location.href).href,
      title: meta("meta[property='og:title']") || document.title,
      description: meta("meta[name='description']") || meta("meta[property='og:description']"),
      lang: script.getAttribute("data-civility-lang") || document.documentElement.lang || ""
    };
  }

  // ------------------------------------------------------------ widget ----

  function Widget(host) {
    this.host = host;
    this.root = host.attachShadow({ mode: "open" });
    if (this.root.adoptedStyleSheets !== undefined && window.CSSStyleSheet) {
      // A constructed sheet: not an inline <style>, so a host page whose
      // Content-Security-Policy forbids inline styles still styles the widget.
      var sheet = new CSSStyleSheet();
      sheet.replaceSync(CSS);
      this.root.adoptedStyleSheets = [sheet];
    } else {
      this.root.appendChild(h("style", { text: CSS }));
    }
    this.page = pageFacts();
    this.box = h("section", { "class": "civ", "aria-busy": "true" });
    this.root.appendChild(this.box);
    this.fields = {};
    this.load();
  }

  Widget.prototype.fetch = function (number) {
    var facts = this.page;
    return call("GET", "/thread" + query({
      article: facts.article, url: facts.url, lang: facts.lang, page: number > 1 ? String(number) : ""
    }));
  };

  // The first load: the thread, or the article created from this page's facts.
  Widget.prototype.load = function () {
    var self = this;
    return this.fetch(1).then(function (answer) {
      var error = answer.data.error;
      if (answer.status === 404 && error && error.code === "article_not_found") {
        return call("POST", "/articles", self.page);
      }
      return answer;
    }).then(function (answer) {
      if (answer.status === 200 || answer.status === 201) {
        self.data = answer.data;
        self.render();
      } else {
        self.fail(answer.data.error ? answer.data.error.message : LOAD_FAILED);
      }
    }, function () {
      self.fail(LOAD_FAILED);
    });
  };

  // Another page of the thread, and a fresh form token; the form is kept.
  Widget.prototype.refresh = function (number) {
    var self = this;
    return this.fetch(number).then(function (answer) {
      if (answer.status === 200) {
        self.data.thread = answer.data.thread;
        self.issued = answer.data.form.issued;
        self.renderThread();
      }
    }, function () {});
  };

  Widget.prototype.fail = function (message) {
    clear(this.box);
    this.box.removeAttribute("aria-busy");
    this.box.appendChild(h("p", { "class": "notice", role: "status", text: message }));
  };

  Widget.prototype.render = function () {
    var data = this.data;
    var ui = data.interface;
    var words = ui.strings;
    this.words = words;
    this.issued = data.form.issued;
    var box = this.box;
    clear(box);
    box.setAttribute("lang", ui.lang);
    box.setAttribute("dir", ui.dir);
    box.setAttribute("aria-labelledby", "civ-heading");
    box.removeAttribute("aria-busy");

    box.appendChild(h("h2", { id: "civ-heading", text: words.heading }));
    box.appendChild(h("div", { "class": "guidelines" }, ui.guidelines.map(function (text) {
      return h("p", { text: text });
    })));
    this.thread = h("div", { "class": "thread" });
    box.appendChild(this.thread);
    this.renderThread();

    box.appendChild(h("h2", { id: "civ-post", text: words.post_heading }));
    // Announced by screen readers when its text changes (the outcome).
    this.outcome = h("div", { "class": "outcome-box", role: "status", tabindex: "-1" });
    box.appendChild(this.outcome);
    if (data.article.comments_open) {
      box.appendChild(this.renderForm());
    } else {
      this.form = null;
      box.appendChild(h("p", { "class": "empty", text: words.closed }));
    }
  };

  Widget.prototype.renderThread = function () {
    var self = this;
    var words = this.words;
    var thread = this.data.thread;
    clear(this.thread);
    if (!thread.comments.length) {
      this.thread.appendChild(h("p", { "class": "empty", text: words.empty }));
      return;
    }
    this.thread.appendChild(h("ol", { "class": "list", "aria-label": words.list_label },
      thread.comments.map(function (c) {
        var author = c.erased
          ? h("span", { "class": "author", text: words.erased })
          : h("bdi", { "class": "author", text: c.author_name });
        return h("li", { "class": "comment", id: "civ-comment-" + c.id }, [
          h("p", { "class": "meta" }, [
            author,
            document.createTextNode(" · "),
            // "5 minutes ago" in the page's language; the full time, in the
            // site's zone with its offset, in the tooltip (civility/sitetime.py).
            h("time", { datetime: c.created_at, title: c.created_display,
              text: relative(c.created_at, self.data.interface.lang) || c.created_display })
          ]),
          h("p", { "class": "text", dir: "auto", lang: c.language || null, text: c.text })
        ]);
      })));
    if (thread.pages > 1) {
      var go = function (number) {
        return function () {
          self.refresh(number).then(function () {
            // Keyboard and screen-reader users continue from the list's start.
            var list = self.thread.querySelector(".list");
            if (list) {
              list.setAttribute("tabindex", "-1");
              list.focus();
            }
          });
        };
      };
      this.thread.appendChild(h("nav", { "class": "pages", "aria-label": words.pages_label }, [
        thread.page > 1 ? h("button", { type: "button", onclick: go(thread.page - 1), text: words.previous }) : null,
        h("span", { text: words.page_of.replace("{number}", thread.page).replace("{total}", thread.pages) }),
        thread.page < thread.pages ? h("button", { type: "button", onclick: go(thread.page + 1), text: words.next }) : null
      ]));
    }
  };

  Widget.prototype.field = function (name, label, control, help, optional) {
    var helpId = help ? "civ-" + name + "-help" : null;
    var words = this.words;
    control.setAttribute("id", "civ-" + name);
    control.setAttribute("name", name);
    if (!optional) control.setAttribute("required", "");
    if (helpId) control.setAttribute("aria-describedby", helpId);
    var error = h("p", { "class": "field-error", id: "civ-" + name + "-error", hidden: true });
    this.fields[name] = { control: control, error: error, help: helpId };
    return h("div", { "class": "field" }, [
      // Required or optional, said next to each field, outside the label so
      // the field's name stays its name (screen readers hear the control's
      // own required state, so this is hidden from them).
      h("div", { "class": "label" }, [
        h("label", { "for": "civ-" + name, text: label }),
        document.createTextNode(" "),
        h("span", { "class": "need", "aria-hidden": "true",
          text: "(" + (optional ? words.optional : words.required) + ")" })
      ]),
      control,
      help ? h("p", { "class": "help", id: helpId, text: help }) : null,
      error
    ]);
  };

  Widget.prototype.renderForm = function () {
    var self = this;
    var words = this.words;
    var limits = this.data.form;
    var previous = {};
    for (var name in this.fields) previous[name] = this.fields[name].control.value;
    this.fields = {};

    var text = h("textarea", { rows: "6", maxlength: String(limits.text_max), dir: "auto" });
    var counter = h("p", { "class": "help", id: "civ-text-counter", "aria-live": "polite" });
    var number = new Intl.NumberFormat(this.data.interface.lang);
    var count = function () {
      // Code points, as the server counts (Python len), not UTF-16 units.
      var n = Array.from(text.value).length;
      counter.textContent = words.counter.replace("{count}", number.format(n))
        .replace("{max}", number.format(limits.text_max));
      counter.classList.toggle("over", n > limits.text_max);
    };
    text.addEventListener("input", count);

    this.general = h("div", { "class": "form-error", role: "alert", hidden: true });
    this.button = h("button", { type: "submit", "class": "primary", text: words.post });
    this.form = h("form", { novalidate: true, onsubmit: function (event) {
      event.preventDefault();
      self.submit();
    } }, [
      this.general,
      READER_TOKEN ? null : this.field("author_name", words.name,
        h("input", { type: "text", maxlength: String(limits.name_max), autocomplete: "name", dir: "auto" })),
      READER_TOKEN ? null : this.field("author_email", words.email,
        h("input", { type: "email", maxlength: String(limits.email_max), autocomplete: "email" }),
        limits.email_required ? words.email_help : words.email_optional_help,
        !limits.email_required),
      this.field("text", words.comment, text, words.text_help),
      // People never see this field; bots fill it in (the server refuses them).
      h("div", { "class": "trap", "aria-hidden": "true" }, [
        h("label", { "for": "civ-website", text: words.honeypot }),
        h("input", { type: "text", id: "civ-website", name: "website", tabindex: "-1", autocomplete: "off" })
      ]),
      this.button
    ]);
    text.setAttribute("aria-describedby", "civ-text-help civ-text-counter");
    this.fields.text.help = "civ-text-help civ-text-counter";
    text.parentNode.insertBefore(counter, this.fields.text.error);
    for (name in previous) {
      if (this.fields[name]) this.fields[name].control.value = previous[name];
    }
    count();
    return this.form;
  };

  Widget.prototype.showErrors = function (errors) {
    var first = null;
    var general = [];
    for (var name in this.fields) {
      var f = this.fields[name];
      f.error.hidden = true;
      f.control.removeAttribute("aria-invalid");
      if (f.help) f.control.setAttribute("aria-describedby", f.help);
      else f.control.removeAttribute("aria-describedby");
    }
    errors.forEach(function (error) {
      var f = this.fields[error.field];
      if (!f) {
        general.push(error.message);
        return;
      }
      f.error.textContent = error.message;
      f.error.hidden = false;
      f.control.setAttribute("aria-invalid", "true");
      f.control.setAttribute("aria-describedby", (f.help ? f.help + " " : "") + f.error.id);
      first = first || f.control;
    }, this);
    this.general.textContent = general.join(" ");
    this.general.hidden = !general.length;
    // Focus the first field at fault: its label and error are read out. An
    // error for no field is announced by its role="alert".
    if (first) first.focus();
  };

  Widget.prototype.submit = function () {
    var self = this;
    if (this.button.disabled) return;
    var value = function (name) { return self.fields[name] ? self.fields[name].control.value : ""; };
    var trap = this.form.querySelector("[name='website']");
    this.button.disabled = true;
    this.form.setAttribute("aria-busy", "true");
    clear(this.outcome);
    call("POST", "/articles/" + encodeURIComponent(this.data.article.slug) + "/comments", {
      author_name: value("author_name"),
      author_email: value("author_email"),
      text: value("text"),
      issued: this.issued,
      website: trap.value,
      lang: this.page.lang,
      reader_token: READER_TOKEN
    }).then(function (answer) {
      var data = answer.data;
      if (answer.status === 201 || answer.status === 202) {
        self.showErrors([]);
        self.announce(data.message, data.outcome);
        if (data.outcome === "published") {
          // Held or rejected, the text stays, so the reader can revise it.
          self.fields.text.control.value = "";
          self.fields.text.control.dispatchEvent(new Event("input"));
          // The new comment is last, on the last page: show that page.
          return self.refresh(Math.ceil((self.data.thread.count + 1) / PAGE_SIZE));
        }
        // A fresh form token for the next comment: one serves a few posts only.
        return self.refresh(self.data.thread.page);
      }
      var errors = data.errors || (data.error ? [data.error] : []);
      self.showErrors(errors.length ? errors : [{ message: self.words.network_error }]);
      var code = data.error && data.error.code;
      if (code === "form_expired" || code === "form_unsigned") {
        return self.refresh(self.data.thread.page); // a fresh token; the text stays
      }
    }, function () {
      self.showErrors([{ message: self.words.network_error }]);
    }).then(function () {
      self.button.disabled = false;
      self.form.removeAttribute("aria-busy");
    });
  };

  Widget.prototype.announce = function (message, outcome) {
    clear(this.outcome);
    this.outcome.appendChild(h("p", { "class": "outcome " + outcome, text: message }));
    this.outcome.focus();
  };

  // -------------------------------------------------------------- start ----

  function start() {
    var selector = script.getAttribute("data-civility-target") || "#civility-comments";
    var host = document.querySelector(selector);
    if (!host) {
      host = document.createElement("div");
      script.parentNode.insertBefore(host, script.nextSibling);
    }
    if (host.shadowRoot || host.hasAttribute("data-civility-ready")) return;
    host.setAttribute("data-civility-ready", "");
    host.civility = new Widget(host);
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
