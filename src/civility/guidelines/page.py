"""GET /guidelines/: the community guidelines page, rendered from the policy.

Each clause of the policy file the engine applies (moderation/default_policy.toml
or the site's own) is shown with its text, the message a reader gets when a
comment breaks it, and the policy's example of what it catches, so what
readers are told is exactly what is enforced.

The page speaks the browser's language (LocaleMiddleware), or the one asked
for with ``?lang=`` (the article's Comments section links with the article's
language). Clause texts and messages are translated by clause id when they are the
default policy's (civility/i18n.py); a publisher's own words are shown as written. The
examples are the policy's, in English, marked ``lang="en"``.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import translation

from civility.i18n import clause_message, clause_text

from . import site_policy


@dataclass(frozen=True)
class ShownClause:
    id: str
    prohibits: bool
    text: str
    message: str
    example: str


def guidelines(request: HttpRequest) -> HttpResponse:
    asked = request.GET.get("lang", "")
    lang = asked if asked in dict(settings.LANGUAGES) else translation.get_language()
    with translation.override(lang):
        context = {
            "clauses": shown_clauses(),
            "page_lang": translation.get_language(),
            "page_dir": "rtl" if translation.get_language_bidi() else "ltr",
        }
        return render(request, "guidelines/page.html", context)


def shown_clauses() -> list[ShownClause]:
    """The policy's clauses in the active language; prohibitions first, as written."""
    clauses = []
    for clause in site_policy.clauses():
        clauses.append(
            ShownClause(
                id=clause.id,
                prohibits=clause.prohibits,
                text=clause_text(clause.id, clause.text),
                message=clause_message(clause.id, clause.message),
                example=clause.example,
            )
        )
    return clauses
