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
    ".replies{list-style:none;margin:.5em 0 0;padding:0;padding-inline-start:1.25em;border-inline-start:3px solid var(--civility-border,#c9c9c9)}",
    ".replies .comment:last-child{border-bottom:0}",
    ".featured{background:var(--civility-featured-background,#f3f7fc)}",
    ".badge{display:inline-block;font-size:.8125em;font-weight:700;color:var(--civility-accent,#0b57a4);border:1px solid currentColor;border-radius:var(--civility-radius,4px);padding:0 .4em;margin:0 0 .25em}",
    ".own{border-inline-start:4px solid var(--civility-held,#7a5200);padding-inline-start:.75em}",
    ".own-mark{font-size:.875em;font-weight:700;color:var(--civility-held,#7a5200);margin:0 0 .25em}",
    ".own.rejected{border-color:var(--civility-error,#b00020)}",
    ".own.rejected .own-mark{color:var(--civility-error,#b00020)}",
    ".gone{font-size:.875em;font-style:italic;color:var(--civility-muted,#4a4a4a);margin:0 0 .25em}",
    ".actions{display:flex;flex-wrap:wrap;gap:.5em;margin:.5em 0 0}",
    ".actions button,.small{padding:.25em .75em;font-size:.875em}",
    "button[aria-pressed=true]{background:var(--civility-accent,#0b57a4);color:var(--civility-accent-text,#fff)}",
    ".toolbar{display:flex;flex-wrap:wrap;gap:.5em;align-items:center;margin:0 0 .75em}",
    ".toolbar label{font-weight:400}",
    "select{font:inherit;color:var(--civility-text,#1b1b1b);background:var(--civility-input-background,#fff);border:1px solid var(--civility-input-border,#767676);border-radius:var(--civility-radius,4px);padding:.25em}",
    ".panel{margin:.75em 0 0;padding:.75em;border:1px solid var(--civility-border,#c9c9c9);border-radius:var(--civility-radius,4px)}",
    "fieldset{border:0;margin:0 0 .75em;padding:0}",
    "legend{font-weight:700;margin:0 0 .5em;padding:0}",
    ".choice{display:flex;gap:.5em;align-items:center;margin:0 0 .25em}",
    ".choice input{display:inline;width:auto}",
    ".choice label{font-weight:400}",
    ".buttons{display:flex;flex-wrap:wrap;gap:.5em}",
    ".said{font-weight:700;margin:.5em 0 0}",
    ".form-title{font-weight:700;margin:0 0 .75em}",
    ".said:focus{outline:none}",
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

  // Who this reader is, without an account or a cookie: the signed token the
  // server gives with every write (threads/visitor.py), kept in this page's
  // local storage for this Civility server. With it the thread shows the
  // reader's own held comments and their reactions. Storage may be refused
  // (private modes, blocked by the host): the widget then works without it.
  var STORE = "civility:" + api;

  function stored(name) {
    try {
      return window.localStorage.getItem(STORE + ":" + name) || "";
    } catch (error) {
      return "";
    }
  }

  function store(name, value) {
    try {
      if (value) window.localStorage.setItem(STORE + ":" + name, value);
    } catch (error) { /* the reader is simply not remembered */ }
  }

  function call(method, path, body) {
    var options = {
      method: method,
      mode: "cors",
      // No cookies: nothing here is signed in, and no cookie means no CSRF.
      credentials: "omit",
      headers: { Accept: "application/json" }
    };
    var reader = stored("reader");
    if (reader) options.headers["X-Civility-Reader"] = reader;
    if (body) {
      options.headers["Content-Type"] = "application/json";
      options.body = JSON.stringify(body);
    }
    return fetch(api + path, options).then(function (response) {
      return response.json().then(
        function (data) {
          if (data && typeof data.reader === "string") store("reader", data.reader);
          return { status: response.status, data: data };
        },
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

  var SORTS = ["oldest", "newest", "reactions"];

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
    // The reader's order, kept for their next visit (any article on this site).
    this.sort = stored("sort");
    this.main = { prefix: "civ-", parent: null, fields: {} };
    this.replying = null; // the open reply form: { parent: id, form: ... }
    this.notice = null; // a reply's outcome, shown under its parent after the reload
    this.said = {}; // comment id -> what the server said to this reader's report
    this.load();
  }

  Widget.prototype.fetch = function (number) {
    var facts = this.page;
    return call("GET", "/thread" + query({
      article: facts.article, url: facts.url, lang: facts.lang,
      page: number > 1 ? String(number) : "", sort: this.sort
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

  // Another page of the thread, and a fresh form token; the forms are kept.
  // Only the latest request's answer is shown: a reader who changes the
  // order twice quickly must not get the first order's answer last.
  Widget.prototype.refresh = function (number) {
    var self = this;
    var ticket = this.ticket = (this.ticket || 0) + 1;
    return this.fetch(number).then(function (answer) {
      if (ticket !== self.ticket) return;
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
    if (data.thread.open) {
      box.appendChild(this.renderForm());
    } else {
      this.form = null;
      box.appendChild(h("p", { "class": "empty closed", text: words.closed }));
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
    if (thread.count > 1) this.thread.appendChild(this.renderSort());
    this.thread.appendChild(h("ol", { "class": "list", "aria-label": words.list_label },
      thread.comments.map(function (c) { return self.renderComment(c); })));
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
    // A reply's outcome, under the comment it answers: focused, so it is read out.
    var said = this.thread.querySelector(".outcome-box");
    if (said) said.focus();
    this.notice = null;
  };

  Widget.prototype.renderSort = function () {
    var self = this;
    var words = this.words;
    var select = h("select", { id: "civ-sort", onchange: function () {
      self.sort = select.value;
      store("sort", select.value);
      self.refresh(1).then(function () {
        var again = self.root.getElementById("civ-sort");
        if (again) again.focus();
      });
    } }, SORTS.map(function (name) {
      return h("option", { value: name, text: words["sort_" + name] });
    }));
    select.value = this.data.thread.sort;
    return h("div", { "class": "toolbar" }, [
      h("label", { "for": "civ-sort", text: words.sort_label }), select
    ]);
  };

  Widget.prototype.renderComment = function (c) {
    var self = this;
    var words = this.words;
    var author = c.erased
      ? h("span", { "class": "author", text: words.erased })
      : h("bdi", { "class": "author", text: c.author_name });
    var slot = h("div", { "class": "slot" });
    var li = h("li", {
      "class": "comment" + (c.featured ? " featured" : "") + (c.own ? " own " + c.own : ""),
      id: "civ-comment-" + c.id
    }, [
      c.featured ? h("p", { "class": "badge", text: words.featured }) : null,
      c.parent_gone ? h("p", { "class": "gone", text: words.parent_gone }) : null,
      h("p", { "class": "meta" }, [
        author,
        document.createTextNode(" · "),
        // "5 minutes ago" in the page's language; the full time, in the
        // site's zone with its offset, in the tooltip (civility/sitetime.py).
        h("time", { datetime: c.created_at, title: c.created_display,
          text: relative(c.created_at, self.data.interface.lang) || c.created_display })
      ]),
      // The reader's own comment that is not published: only they see it, marked.
      c.own ? h("p", { "class": "own-mark", text: c.own === "held" ? words.awaiting : words.not_published }) : null,
      c.own ? h("p", { "class": "help", text: c.own === "held" ? words.only_you : c.own_message }) : null,
      h("p", { "class": "text", dir: "auto", lang: c.language || null, text: c.text }),
      c.own ? null : this.renderActions(c, slot),
      slot,
      c.replies.length ? h("ol", { "class": "replies", "aria-label": words.replies_label },
        c.replies.map(function (r) { return self.renderComment(r); })) : null
    ]);
    if (this.said[c.id]) slot.appendChild(h("p", { "class": "said", text: this.said[c.id] }));
    if (this.replying && this.replying.parent === c.id) slot.appendChild(this.replying.form.el);
    if (this.notice && this.notice.parent === c.id) {
      slot.appendChild(h("div", { "class": "outcome-box", role: "status", tabindex: "-1" }, [
        h("p", { "class": "outcome " + this.notice.outcome, text: this.notice.message })
      ]));
      this.notice = null;
    }
    return li;
  };

  Widget.prototype.renderActions = function (c, slot) {
    var self = this;
    var words = this.words;
    var count = h("span", { "class": "count", text: new Intl.NumberFormat(this.data.interface.lang).format(c.reactions) });
    var respect = h("button", { type: "button", "class": "react", "aria-pressed": c.reacted ? "true" : "false",
      onclick: function () { self.react(c, respect, count, slot); } },
      [document.createTextNode(words.reaction + " "), count]);
    var reply = c.can_reply && this.data.thread.open
      ? h("button", { type: "button", "class": "reply", text: words.reply,
        onclick: function () { self.openReply(c, slot); } })
      : null;
    var report = h("button", { type: "button", "class": "report", text: words.report,
      onclick: function () { self.openReport(c, slot, report); } });
    return h("div", { "class": "actions" }, [respect, reply, report]);
  };

  // --- reactions: one per reader, taken back by pressing again ---

  Widget.prototype.react = function (c, button, count, slot) {
    var self = this;
    if (button.disabled) return;
    button.disabled = true;
    var lang = this.page.lang;
    var on = !c.reacted;
    var path = "/comments/" + c.id + "/reaction";
    (on ? call("POST", path, { lang: lang }) : call("DELETE", path + query({ lang: lang })))
      .then(function (answer) {
        if (answer.status === 200) {
          c.reacted = answer.data.reacted;
          c.reactions = answer.data.count;
          button.setAttribute("aria-pressed", c.reacted ? "true" : "false");
          count.textContent = new Intl.NumberFormat(self.data.interface.lang).format(c.reactions);
        } else {
          self.say(slot, answer.data.error ? answer.data.error.message : self.words.network_error, true);
        }
      }, function () {
        self.say(slot, self.words.network_error, true);
      }).then(function () {
        button.disabled = false;
      });
  };

  Widget.prototype.say = function (slot, message, alert) {
    var old = slot.querySelector(".said");
    if (old) slot.removeChild(old);
    var said = h("p", { "class": "said", role: alert ? "alert" : "status", tabindex: "-1", text: message });
    slot.appendChild(said);
    return said;
  };

  // --- reports: the reader chooses the guideline the comment breaks ---

  Widget.prototype.openReport = function (c, slot, opener) {
    var self = this;
    var words = this.words;
    var open = slot.querySelector(".report-panel");
    if (open) {
      slot.removeChild(open);
      return;
    }
    var name = "civ-report-" + c.id;
    var error = h("p", { "class": "form-error", role: "alert", hidden: true });
    var send = h("button", { type: "submit", "class": "primary small", text: words.send_report });
    var close = function () {
      slot.removeChild(panel);
      opener.focus();
    };
    var choices = this.data.interface.report_clauses.map(function (clause, i) {
      var id = name + "-" + i;
      return h("div", { "class": "choice" }, [
        h("input", { type: "radio", name: name, id: id, value: clause.id }),
        h("label", { "for": id, text: clause.label })
      ]);
    });
    var panel = h("form", { "class": "panel report-panel", novalidate: true, onsubmit: function (event) {
      event.preventDefault();
      if (send.disabled) return;
      var chosen = panel.querySelector("input[name='" + name + "']:checked");
      send.disabled = true;
      call("POST", "/comments/" + c.id + "/reports", {
        clause_id: chosen ? chosen.value : "", lang: self.page.lang
      }).then(function (answer) {
        if (answer.status === 200 || answer.status === 201) {
          self.said[c.id] = answer.data.message;
          slot.removeChild(panel);
          self.say(slot, answer.data.message).focus();
          return;
        }
        error.textContent = answer.data.error ? answer.data.error.message : words.report_error;
        error.hidden = false;
        var first = panel.querySelector("input");
        if (answer.data.error && answer.data.error.field === "clause_id" && first) first.focus();
      }, function () {
        error.textContent = words.report_error;
        error.hidden = false;
      }).then(function () {
        send.disabled = false;
      });
    } }, [
      h("fieldset", {}, [h("legend", { text: words.report_heading })].concat(choices)),
      error,
      h("div", { "class": "buttons" }, [
        send,
        h("button", { type: "button", "class": "small", text: words.cancel, onclick: close })
      ])
    ]);
    slot.appendChild(panel);
    var first = panel.querySelector("input");
    if (first) first.focus();
  };

  // --- replies: a form under the comment ---

  Widget.prototype.openReply = function (c, slot) {
    var self = this;
    if (this.replying) {
      var el = this.replying.form.el;
      if (el.parentNode) el.parentNode.removeChild(el);
      if (this.replying.parent === c.id) {
        this.replying = null;
        return;
      }
    }
    var f = { prefix: "civ-r" + c.id + "-", parent: c.id, fields: {} };
    var name = c.erased ? this.words.erased : c.author_name;
    this.buildForm(f, {
      label: this.words.reply_heading.replace("{name}", name),
      submit: this.words.post_reply,
      cancel: function () {
        if (f.el.parentNode) f.el.parentNode.removeChild(f.el);
        self.replying = null;
        var opener = self.thread.querySelector("#civ-comment-" + c.id + " > .actions .reply");
        if (opener) opener.focus();
      }
    });
    f.el.classList.add("panel");
    // The name and e-mail the reader typed in the main form, to spare retyping.
    ["author_name", "author_email"].forEach(function (field) {
      if (f.fields[field] && self.main.fields[field]) {
        f.fields[field].control.value = self.main.fields[field].control.value;
      }
    });
    this.replying = { parent: c.id, form: f };
    slot.appendChild(f.el);
    f.fields.text.control.focus();
  };

  // --- forms: the comment form and the reply forms ---

  Widget.prototype.field = function (f, name, label, control, help, optional) {
    var id = f.prefix + name;
    var helpId = help ? id + "-help" : null;
    var words = this.words;
    control.setAttribute("id", id);
    control.setAttribute("name", name);
    if (!optional) control.setAttribute("required", "");
    if (helpId) control.setAttribute("aria-describedby", helpId);
    var error = h("p", { "class": "field-error", id: id + "-error", hidden: true });
    f.fields[name] = { control: control, error: error, help: helpId };
    return h("div", { "class": "field" }, [
      // Required or optional, said next to each field, outside the label so
      // the field's name stays its name (screen readers hear the control's
      // own required state, so this is hidden from them).
      h("div", { "class": "label" }, [
        h("label", { "for": id, text: label }),
        document.createTextNode(" "),
        h("span", { "class": "need", "aria-hidden": "true",
          text: "(" + (optional ? words.optional : words.required) + ")" })
      ]),
      control,
      help ? h("p", { "class": "help", id: helpId, text: help }) : null,
      error
    ]);
  };

  // The fields of a form (f: its state), its error summary and buttons.
  Widget.prototype.buildForm = function (f, options) {
    var self = this;
    var words = this.words;
    var limits = this.data.form;
    var previous = {};
    for (var name in f.fields) previous[name] = f.fields[name].control.value;
    f.fields = {};
    var text = h("textarea", { rows: options.parent === null ? "6" : "4", maxlength: String(limits.text_max), dir: "auto" });
    f.general = h("div", { "class": "form-error", role: "alert", hidden: true });
    f.button = h("button", { type: "submit", "class": "primary", text: options.submit });
    var title = options.label ? h("p", { "class": "form-title", id: f.prefix + "title", text: options.label }) : null;
    f.el = h("form", { novalidate: true, "aria-labelledby": title ? f.prefix + "title" : null, onsubmit: function (event) {
      event.preventDefault();
      self.submit(f);
    } }, [
      title,
      f.general,
      READER_TOKEN ? null : this.field(f, "author_name", words.name,
        h("input", { type: "text", maxlength: String(limits.name_max), autocomplete: "name", dir: "auto" })),
      READER_TOKEN ? null : this.field(f, "author_email", words.email,
        h("input", { type: "email", maxlength: String(limits.email_max), autocomplete: "email" }),
        limits.email_required ? words.email_help : words.email_optional_help,
        !limits.email_required),
      this.field(f, "text", words.comment, text, words.text_help),
      // People never see this field; bots fill it in (the server refuses them).
      h("div", { "class": "trap", "aria-hidden": "true" }, [
        h("label", { "for": f.prefix + "website", text: words.honeypot }),
        h("input", { type: "text", id: f.prefix + "website", name: "website", tabindex: "-1", autocomplete: "off" })
      ]),
      h("div", { "class": "buttons" }, [
        f.button,
        options.cancel ? h("button", { type: "button", text: words.cancel, onclick: options.cancel }) : null
      ])
    ]);
    for (name in previous) {
      if (f.fields[name]) f.fields[name].control.value = previous[name];
    }
    return f;
  };

  Widget.prototype.renderForm = function () {
    var words = this.words;
    var limits = this.data.form;
    var f = this.buildForm(this.main, { parent: null, submit: words.post });
    var text = f.fields.text.control;
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
    text.setAttribute("aria-describedby", "civ-text-help civ-text-counter");
    f.fields.text.help = "civ-text-help civ-text-counter";
    text.parentNode.insertBefore(counter, f.fields.text.error);
    count();
    this.form = f.el;
    this.button = f.button;
    return f.el;
  };

  Widget.prototype.showErrors = function (f, errors) {
    var first = null;
    var general = [];
    for (var name in f.fields) {
      var field = f.fields[name];
      field.error.hidden = true;
      field.control.removeAttribute("aria-invalid");
      if (field.help) field.control.setAttribute("aria-describedby", field.help);
      else field.control.removeAttribute("aria-describedby");
    }
    errors.forEach(function (error) {
      var field = f.fields[error.field];
      if (!field) {
        general.push(error.message);
        return;
      }
      field.error.textContent = error.message;
      field.error.hidden = false;
      field.control.setAttribute("aria-invalid", "true");
      field.control.setAttribute("aria-describedby", (field.help ? field.help + " " : "") + field.error.id);
      first = first || field.control;
    });
    f.general.textContent = general.join(" ");
    f.general.hidden = !general.length;
    // Focus the first field at fault: its label and error are read out. An
    // error for no field is announced by its role="alert".
    if (first) first.focus();
  };

  Widget.prototype.submit = function (f) {
    var self = this;
    if (f.button.disabled) return;
    var value = function (name) { return f.fields[name] ? f.fields[name].control.value : ""; };
    var trap = f.el.querySelector("[name='website']");
    var reply = f.parent !== null;
    f.button.disabled = true;
    f.el.setAttribute("aria-busy", "true");
    if (!reply) clear(this.outcome);
    call("POST", "/articles/" + encodeURIComponent(this.data.article.slug) + "/comments", {
      author_name: value("author_name"),
      author_email: value("author_email"),
      text: value("text"),
      issued: this.issued,
      website: trap.value,
      lang: this.page.lang,
      reader_token: READER_TOKEN,
      parent_id: f.parent
    }).then(function (answer) {
      var data = answer.data;
      if (answer.status === 201 || answer.status === 202) {
        self.showErrors(f, []);
        if (reply) {
          // The reply shows in place (a held one to this reader alone, marked),
          // its outcome under the comment it answers.
          self.replying = null;
          self.notice = { parent: f.parent, message: data.message, outcome: data.outcome };
          return self.refresh(self.data.thread.page);
        }
        self.announce(data.message, data.outcome);
        if (data.outcome === "published") {
          // Held or rejected, the text stays, so the reader can revise it.
          f.fields.text.control.value = "";
          f.fields.text.control.dispatchEvent(new Event("input"));
          // Oldest first, the new comment is last: show the last page (else the first).
          var last = self.data.thread.sort === "oldest"
            ? Math.ceil((self.data.thread.count + 1) / PAGE_SIZE) : 1;
          return self.refresh(last);
        }
        // A fresh form token for the next comment, and the reader's own held
        // or rejected comment in place.
        return self.refresh(self.data.thread.page);
      }
      var errors = data.errors || (data.error ? [data.error] : []);
      self.showErrors(f, errors.length ? errors : [{ message: self.words.network_error }]);
      var code = data.error && data.error.code;
      if (code === "form_expired" || code === "form_unsigned") {
        return self.refresh(self.data.thread.page); // a fresh token; the text stays
      }
    }, function () {
      self.showErrors(f, [{ message: self.words.network_error }]);
    }).then(function () {
      f.button.disabled = false;
      f.el.removeAttribute("aria-busy");
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
