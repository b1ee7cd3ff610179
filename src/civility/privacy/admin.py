"""Admin actions on comments: export or erase the data of the selected comments' authors.

They call the same actions as ``civility privacy`` (commenters.py), and are
added to the comments' admin from here, so that the comments app needs to
know nothing of privacy requests. Both
act per e-mail address: selecting one comment exports or erases everything
its author posted with that address. Only superusers may use them: answering
a data request is the publisher's duty as data controller, not a
moderator's. Erasing cannot be undone, so it asks once more first.
"""

from __future__ import annotations

import json

from django.contrib import admin, messages
from django.http import HttpResponse
from django.middleware.csrf import get_token
from django.template import Context, Template
from django.utils import timezone

from civility.comments.admin import CommentAdmin

from . import commenters

_CONFIRM = Template(
    """<!doctype html><html><head><title>Erase personal data</title></head><body>
<h1>Erase the personal data of {{ emails|length }} commenter(s)?</h1>
<p>The name and e-mail of {{ count }} comment(s) will be replaced by placeholders and their IP
address hashes erased. Texts and decisions stay. This cannot be undone.</p>
<form method="post">
<input type="hidden" name="csrfmiddlewaretoken" value="{{ csrf }}">
{% for pk in ids %}<input type="hidden" name="_selected_action" value="{{ pk }}">{% endfor %}
<input type="hidden" name="action" value="erase_authors">
<input type="hidden" name="confirm" value="yes">
<button type="submit">Yes, erase</button> <a href="">No, go back</a>
</form></body></html>"""
)


def _emails(queryset) -> list[str]:
    seen: dict[str, str] = {}
    for email in queryset.filter(erased_at__isnull=True).values_list("author_email", flat=True):
        seen.setdefault(email.casefold(), email)
    return sorted(seen.values())


def _superuser(modeladmin, request) -> bool:
    if request.user.is_superuser:
        return True
    modeladmin.message_user(
        request, "Only a superuser may export or erase personal data.", messages.ERROR
    )
    return False


@admin.action(description="Export the data of the selected comments' authors (JSON)")
def export_authors(modeladmin, request, queryset):
    if not _superuser(modeladmin, request):
        return None
    exports = [commenters.export_commenter(email) for email in _emails(queryset)]
    response = HttpResponse(
        json.dumps(exports, ensure_ascii=False, indent=2), content_type="application/json"
    )
    stamp = timezone.now().strftime("%Y%m%d-%H%M%S")
    response["Content-Disposition"] = f'attachment; filename="commenter-export-{stamp}.json"'
    return response


@admin.action(description="Erase the name and e-mail of the selected comments' authors")
def erase_authors(modeladmin, request, queryset):
    if not _superuser(modeladmin, request):
        return None
    emails = _emails(queryset)
    if request.POST.get("confirm") != "yes":
        count = sum(
            queryset.model.objects.filter(author_email__iexact=e, erased_at__isnull=True).count()
            for e in emails
        )
        html = _CONFIRM.render(
            Context(
                {
                    "emails": emails,
                    "count": count,
                    "ids": queryset.values_list("pk", flat=True),
                    "csrf": get_token(request),
                }
            )
        )
        return HttpResponse(html)
    erased = sum(commenters.erase_commenter(e, actor=request.user).count for e in emails)
    modeladmin.message_user(
        request, f"Erased the name and e-mail of {erased} comment(s); texts and decisions kept."
    )
    return None


# Data requests (docs/privacy.md), offered beside approve and reject: superusers only.
CommentAdmin.actions = (*CommentAdmin.actions, export_authors, erase_authors)
