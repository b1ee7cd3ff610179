"""A desk item's HTML, built in Python: the one part of the desk rendered 50 times a page.

Every desk list (the queue, the approved and rejected lists, the reported
comments, an undo's swaps) shows its comments as items: the comment, why it
is held, the decide form, the engine's scores, the commenter's history with
the sanction form, the decision history. As a Django template the item cost
about 0.9 ms of CPU (some 300 template nodes), 45 ms of a 50-item page and
most of the page's time at a million comments (docs/deployment.md, "A million
comments"). Built here from strings it costs about 0.2 ms and says the same:

- every value goes through ``_e`` (escaped, as the template's autoescaping
  did; what is already safe, such as ``marked_text`` from
  presentation.highlight, is kept);
- every word is translated with ``gettext``/``ngettext`` under the msgid the
  template had, the fixed ones once per language (``_WORDS``), so the
  catalogs (and ``makemessages``, which reads Python too) stay as they are;
- dates, numbers and URLs go through the same Django functions the template
  filters call (``dateformat.format`` in the reader's zone, ``floatformat``,
  ``reverse``).

The templates that show items call ``{% desk_item item %}``
(templatetags/desk.py), which reads what differs per page from the template
context: the request, the CSRF token, ``back_url``, the clause list. When it
was written, its output was compared with the template's over 4,350 items
(the desk lists of the million-comment database and hostile made-up ones, in
the five languages): the same text and markup, entities aside (the template
left its literal words unescaped). tests/web/test_desk_item_html.py holds it
to escaping, the moderator's language and the page's token and return path.
"""

from __future__ import annotations

import html
from dataclasses import dataclass
from functools import lru_cache

from django.template.defaultfilters import floatformat
from django.urls import get_script_prefix, reverse
from django.utils import dateformat
from django.utils.formats import localize
from django.utils.safestring import SafeString, mark_safe
from django.utils.text import Truncator
from django.utils.timezone import template_localtime
from django.utils.translation import get_language, gettext, gettext_noop, ngettext

# An id no comment has: a desk action's URL is reversed once with it, then
# filled with each comment's id.
_ANY_ID = 2_147_480_001


def _e(value) -> str:
    """Escaped for HTML text and attributes, as the template's autoescaping did;
    what is already safe (``marked_text``, the page's parts) is left as it is.

    ``conditional_escape`` says the same; its ``escape`` goes through
    ``keep_lazy``'s wrapper, a fifth of an item's time at 40 values an item.
    """
    if hasattr(value, "__html__"):
        return value.__html__()
    return html.escape(str(value))


@dataclass(frozen=True)
class PageParts:
    """What an item needs from its page: one per page, shared by its items."""

    csrf_input: SafeString  # the hidden csrfmiddlewaretoken input ("" without a token)
    next_url: str  # where each form returns to (``back_url``, else this page)
    clauses: tuple  # presentation.reject_choices: the reject select's options


def csrf_input(token) -> SafeString:
    """``{% csrf_token %}``'s output for this token."""
    if token and token != "NOTPROVIDED":
        return mark_safe(f'<input type="hidden" name="csrfmiddlewaretoken" value="{_e(token)}">')
    return mark_safe("")


def _t(message) -> str:
    """``{% translate message %}``, escaped (the template tag's handling of ``%`` kept)."""
    return _e(gettext(str(message).replace("%", "%%")).replace("%%", "%"))


# Every fixed word of an item, by name: translated and escaped once per language
# (gettext_noop: makemessages keeps them in the catalogs).
_WORDS = {
    "select": gettext_noop("Select this comment"),
    "name_removed": gettext_noop("name removed"),
    "why_held": gettext_noop("Why it is held:"),
    "engine_reasons": gettext_noop("The engine's reasons:"),
    "reported": gettext_noop("Readers reported it:"),
    "reverse_approve": gettext_noop("Reverse: approve"),
    "keep": gettext_noop("Keep published"),
    "approve": gettext_noop("Approve"),
    "guideline_broken": gettext_noop("Guideline broken"),
    "choose_message": gettext_noop("Choose the guideline this comment breaks."),
    "choose": gettext_noop("Choose a guideline…"),
    "engine_cites": gettext_noop("The engine cites:"),
    "reverse_reject": gettext_noop("Reverse: reject"),
    "reject": gettext_noop("Reject"),
    "featured": gettext_noop("Featured"),
    "stop_featuring": gettext_noop("Stop featuring"),
    "feature": gettext_noop("Feature"),
    "engine_suggests": gettext_noop("Engine suggests:"),
    "scores": gettext_noop("Engine scores per category"),
    "commenter": gettext_noop("The commenter"),
    "no_earlier": gettext_noop("No earlier comments."),
    "lifted": gettext_noop("lifted"),
    "sanction_this": gettext_noop("Sanction this commenter"),
    "sanction": gettext_noop("Sanction"),
    "suspend_for": gettext_noop("Suspend for"),
    "days_label": gettext_noop("Days"),
    "days": gettext_noop("days"),
    "ban": gettext_noop("Ban"),
    "premoderate": gettext_noop("Always pre-moderate"),
    "reason": gettext_noop("Reason"),
    "record": gettext_noop("Record the sanction"),
    "the_system": gettext_noop("the system"),
    "undo": gettext_noop("undo"),
}


@lru_cache(maxsize=32)
def _words_in(language: str | None) -> dict[str, str]:
    return {name: _t(message) for name, message in _WORDS.items()}


def _date(value, fmt: str) -> str:
    """``{{ value|date:fmt }}``: in the reader's time zone."""
    if value in (None, ""):
        return ""
    return _e(dateformat.format(template_localtime(value), fmt))


def _number(value) -> str:
    return _e(localize(value))


@lru_cache(maxsize=64)
def _url_pattern(name: str, prefix: str) -> str:
    return reverse(name, args=[_ANY_ID])


def desk_url(name: str, pk: int) -> str:
    """A desk action's URL for one comment: reversed once per name, filled with its id."""
    return _url_pattern(name, get_script_prefix()).replace(str(_ANY_ID), str(int(pk)), 1)


@lru_cache(maxsize=4096)
def _article_url(slug: str, prefix: str) -> str:
    return reverse("articles:detail", args=[slug])


def clause_options(clauses, chosen: str = "") -> SafeString:
    """``<option>``s for ``presentation.reject_choices(...)``, ``chosen`` selected."""
    return _options(get_language(), chosen or "", tuple(clauses or ()))


@lru_cache(maxsize=256)
def _options(language: str | None, chosen: str, clauses: tuple) -> SafeString:
    # ``language`` is part of the key: the labels are translated in it (the active one).
    selected = " selected"
    return mark_safe(
        "".join(
            f'<option value="{_e(c.id)}" title="{_e(c.text)}"'
            f"{selected if c.id == chosen else ''}>{_e(gettext(c.label))}</option>"
            for c in clauses
        )
    )


def item_html(item, page: PageParts, *, oob: bool = False) -> SafeString:
    """One ``<li class="queue-item">`` for ``item`` (moderators/views.py:Item)."""
    w = _words_in(get_language())
    comment, system, view = item.comment, item.system, item.view
    pk = _number(comment.pk)
    article = comment.article
    author = (
        w["name_removed"]
        if comment.erased_at
        else f'<bdi class="comment__author">{_e(comment.author_name)}</bdi>'
    )
    lang = f' lang="{_e(comment.language)}"' if comment.language else ""
    parts = [
        f'<li class="queue-item" id="item-{pk}" data-queue-item tabindex="-1"'
        f' aria-labelledby="item-{pk}-meta"{' hx-swap-oob="outerHTML"' if oob else ""}>\n'
        '<div class="queue-item__grid">\n<div>\n'
        f'<p class="meta" id="item-{pk}-meta">\n'
        f'<input type="checkbox" name="ids" value="{pk}" form="bulk-form" id="select-{pk}"'
        f' data-select aria-label="{w["select"]}">\n'
        f'<a href="{_e(_article_url(article.slug, get_script_prefix()))}" dir="auto"'
        f' lang="{_e(article.language)}">{_e(article.title)}</a>\n· {author}\n'
        f'· <time datetime="{_date(comment.created_at, "c")}">'
        f"{_date(comment.created_at, 'd-m-Y H:i')}</time>\n</p>\n"
        f'<p class="queue-item__text" dir="auto"{lang}>{_e(item.marked_text)}</p>\n'
    ]
    if item.reasons:
        heading = w["why_held"] if view == "queue" else w["engine_reasons"]
        reasons = "".join(f'<li data-reason="{_e(r.kind)}">{_e(r.text)}</li>' for r in item.reasons)
        parts.append(
            f'<div class="hold-reasons">\n<p class="help">{heading}</p>\n<ul>{reasons}</ul>\n</div>\n'
        )
    if item.reports:
        reports = ", ".join(f"{_t(label)} ×{_number(count)}" for label, count in item.reports)
        parts.append(f'<p class="reports" data-reports>{w["reported"]} {reports}</p>\n')
    if item.error:
        parts.append(
            f'<p class="field-error" id="item-{pk}-error" role="alert">{_e(item.error.message)}</p>\n'
        )
    parts.append(_decide_form(item, pk, page, w))
    if view in ("approved", "reported"):
        parts.append(pick_html(comment.pk, item.featured, view, page.next_url, page.csrf_input))
    parts.append("</div>\n<div>\n")
    if system:
        parts.append(_engine(item, system, w))
    parts.append(_commenter(item, pk, page, w))
    parts.append("</div>\n</div>\n")
    parts.append(_decisions(item, w))
    parts.append("</li>\n")
    return mark_safe("".join(parts))


def _decide_form(item, pk: str, page: PageParts, w: dict) -> str:
    url = _e(desk_url("moderators:decide", item.comment.pk))
    view = item.view
    parts = [
        f'<form class="decide-form" method="post" action="{url}" hx-post="{url}" hx-swap="none">\n'
        f'{page.csrf_input}\n<input type="hidden" name="view" value="{_e(view)}">\n'
        f'<input type="hidden" name="next" value="{_e(page.next_url)}">\n'
    ]
    if view != "approved":
        if view == "rejected":
            label = w["reverse_approve"]
        elif view == "reported":
            label = w["keep"]
        else:
            label = w["approve"]
        parts.append(
            '<button type="submit" name="status" value="approved"'
            f' class="button button--approve" data-action="approve">{label}</button>\n'
        )
    if view != "rejected":
        options = clause_options(page.clauses, item.clause_choice)  # built once per choice
        described = f' aria-describedby="hint-{pk}"' if item.engine_clause else ""
        invalid = (
            f' aria-invalid="true" aria-errormessage="item-{pk}-error"'
            if item.error and getattr(item.error, "field", None) == "clause_id"
            else ""
        )
        hint = (
            f'<p class="help" id="hint-{pk}">{w["engine_cites"]} {_t(item.engine_clause)}</p>\n'
            if item.engine_clause
            else ""
        )
        label = w["reverse_reject"] if view == "approved" else w["reject"]
        parts.append(
            f'<div class="form-field">\n<label for="clause-{pk}">{w["guideline_broken"]}</label>\n'
            f'<select name="clause_id" id="clause-{pk}" data-clause'
            f' data-required-message="{w["choose_message"]}"{described}{invalid}>\n'
            f'<option value="">{w["choose"]}</option>\n{options}\n</select>\n{hint}</div>\n'
            '<button type="submit" name="status" value="rejected"'
            f' class="button button--reject" data-action="reject">{label}</button>\n'
        )
    parts.append("</form>\n")
    return "".join(parts)


def pick_html(pk: int, featured: bool, view: str, next_url: str, csrf: SafeString) -> SafeString:
    """Feature / Stop featuring a published comment (moderators/thread_tools.py)."""
    w = _words_in(get_language())
    url = _e(desk_url("moderators:feature", pk))
    if featured:
        state = (
            f'<span class="pick-state">{w["featured"]}</span>\n'
            '<button type="submit" name="featured" value="0" class="button"'
            f' data-action="unfeature">{w["stop_featuring"]}</button>\n'
        )
    else:
        state = (
            '<button type="submit" name="featured" value="1" class="button"'
            f' data-action="feature">{w["feature"]}</button>\n'
        )
    return mark_safe(
        f'<form class="pick-form" id="pick-{_number(pk)}" method="post" action="{url}"'
        f' hx-post="{url}" hx-target="this" hx-swap="outerHTML">\n{_e(csrf)}\n'
        f'<input type="hidden" name="view" value="{_e(view)}">\n'
        f'<input type="hidden" name="next" value="{_e(next_url)}">\n{state}</form>\n'
    )


def _engine(item, system, w: dict) -> str:
    suggested = (
        f'<p>{w["engine_suggests"]} <span class="suggested suggested--'
        f'{_e(system.suggested or "none")}">{_t(system.get_suggested_display())}</span></p>\n'
    )
    if not item.scores:
        return suggested
    rows = "".join(
        f'<tr{' class="is-high"' if row.high else ""}><th scope="row">{_t(row.label)}</th>'
        '<td><meter min="0" max="1" low="0.5" high="0.8" optimum="0"'
        f' value="{row.score:.3f}"></meter> {_e(floatformat(row.score, 2))}</td></tr>\n'
        for row in item.scores
    )
    return (
        f'{suggested}<table class="scores">\n'
        f'<caption class="visually-hidden">{w["scores"]}</caption>\n{rows}</table>\n'
    )


def _commenter(item, pk: str, page: PageParts, w: dict) -> str:
    history = item.history
    parts = [
        f'<section class="commenter" aria-label="{w["commenter"]}">\n'
        f'<h3 class="commenter__title">{w["commenter"]}</h3>\n'
    ]
    total = history.total
    if total:
        # As blocktranslate: the translated words as they are, the values escaped.
        earlier = ngettext(
            "%(counter)s earlier comment:", "%(counter)s earlier comments:", total
        ) % {"counter": _number(total)}
        counts = history.counts
        tally = gettext("%(approved)s approved, %(rejected)s rejected, %(held)s held") % {
            "approved": _number(counts.get("approved") or 0),
            "rejected": _number(counts.get("rejected") or 0),
            "held": _number(counts.get("pending") or 0),
        }
        last = "".join(
            f'<li><span class="status status--{_e(c.status)}">{_t(c.get_status_display())}</span>'
            f' <q dir="auto">{_e(Truncator(c.text).chars(90))}</q></li>'
            for c in history.last
        )
        parts.append(f'<p>{earlier}\n{tally}</p>\n<ul class="commenter__last">\n{last}\n</ul>\n')
    else:
        parts.append(f"<p>{w['no_earlier']}</p>\n")
    in_force = history.in_force if history.sanctions else []
    for sanction in history.sanctions:
        ends = f"–{_date(sanction.ends_at, 'd-m-Y')}" if sanction.ends_at else ""
        lifted = f" · {w['lifted']}" if sanction.lifted_at else ""
        parts.append(
            f'<p class="sanction{" sanction--in-force" if sanction in in_force else ""}">'
            f"{_t(sanction.get_kind_display())} · {_date(sanction.starts_at, 'd-m-Y')}{ends}"
            f"{lifted} · <bdi>{_e(sanction.reason)}</bdi></p>\n"
        )
    url = _e(desk_url("moderators:sanction", item.comment.pk))
    parts.append(
        f'<details class="sanction-form">\n<summary>{w["sanction_this"]}</summary>\n'
        f'<form method="post" action="{url}">\n{page.csrf_input}\n'
        f'<input type="hidden" name="view" value="{_e(item.view)}">\n'
        f'<input type="hidden" name="next" value="{_e(page.next_url)}">\n'
        f"<fieldset>\n<legend>{w['sanction']}</legend>\n"
        f'<label><input type="radio" name="kind" value="suspend" required> {w["suspend_for"]}</label>\n'
        f'<label for="days-{pk}" class="visually-hidden">{w["days_label"]}</label>\n'
        f'<input type="number" name="days" id="days-{pk}" min="1" max="365" value="7" size="4">'
        f" {w['days']}\n"
        f'<label><input type="radio" name="kind" value="ban"> {w["ban"]}</label>\n'
        f'<label><input type="radio" name="kind" value="premoderate"> {w["premoderate"]}</label>\n'
        "</fieldset>\n"
        f'<label for="reason-{pk}">{w["reason"]}</label>\n'
        f'<input type="text" name="reason" id="reason-{pk}" maxlength="500" required>\n'
        f'<button type="submit" class="button">{w["record"]}</button>\n'
        "</form>\n</details>\n</section>\n"
    )
    return "".join(parts)


def _decisions(item, w: dict) -> str:
    count = len(item.decisions)
    summary = ngettext(
        "Decision history (%(counter)s decision)", "Decision history (%(counter)s decisions)", count
    ) % {"counter": _number(count)}
    rows = []
    for decision in item.decisions:
        actor = (
            f"<bdi>{_e(decision.actor.get_username())}</bdi>" if decision.actor else w["the_system"]
        )
        undo = f"· {w['undo']}\n" if decision.reverses_id else ""
        guideline = f"· “<bdi>{_e(decision.guideline_shown)}</bdi>”\n" if decision.guideline else ""
        note = f"· <bdi>{_e(decision.note)}</bdi>" if decision.note else ""
        rows.append(
            f'<li><time datetime="{_date(decision.created_at, "c")}">'
            f"{_date(decision.created_at, 'd-m-Y H:i')}</time>\n"
            f"· {_t(decision.get_status_display())}\n· {actor}\n{undo}{guideline}{note}</li>\n"
        )
    opened = "" if item.view == "queue" else " open"
    return (
        f'<details class="history-details"{opened}>\n<summary>{summary}</summary>\n'
        f'<ol class="history">\n{"".join(rows)}</ol>\n</details>\n'
    )
