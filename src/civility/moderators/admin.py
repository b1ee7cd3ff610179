"""Policy drafts in the admin: upload one, replay it over past comments, apply it.

Editors make drafts (a policy file, or "Suggest thresholds from the
moderators' decisions"), see the replay's preview on the draft's page, and
apply it there; moderators may read them. Registered here, on the desk's
floor, because a replay reads comments (replay.py); the models are the
guidelines' (guidelines/models.py), the writes guidelines/drafts.py's.
"""

from __future__ import annotations

import datetime as dt

from django import forms
from django.contrib import admin, messages
from django.http import HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.urls import path, reverse
from django.views.decorators.http import require_POST

from civility.comments import roles
from civility.errors import CivilityError
from civility.guidelines import drafts
from civility.guidelines.models import PolicyDraft

from . import replay


class DraftForm(forms.ModelForm):
    policy_file = forms.FileField(
        required=False, help_text="A whole policy file (TOML), e.g. from `civility policy default`."
    )

    class Meta:
        model = PolicyDraft
        fields = ("name",)


@admin.register(PolicyDraft)
class PolicyDraftAdmin(admin.ModelAdmin):
    form = DraftForm
    list_display = ("name", "origin", "created_by", "created_at", "applied_at")
    list_filter = ("origin",)
    readonly_fields = (
        "name",
        "origin",
        "changes",
        "created_by",
        "created_at",
        "applied_at",
        "applied_by",
    )
    change_form_template = "admin/guidelines/policydraft/change_form.html"
    change_list_template = "admin/guidelines/policydraft/change_list.html"

    def get_fields(self, request, obj=None):
        return ("name", "policy_file") if obj is None else self.readonly_fields

    def get_readonly_fields(self, request, obj=None):
        return () if obj is None else self.readonly_fields

    def has_view_permission(self, request, obj=None):
        return roles.is_moderator(request.user)

    def has_module_permission(self, request):
        return roles.is_moderator(request.user)

    def has_add_permission(self, request):
        return drafts.is_editor(request.user)

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    def save_model(self, request, obj, form, change):
        upload = form.cleaned_data.get("policy_file")
        source = upload.read().decode("utf-8", errors="replace") if upload else ""
        created = drafts.create_draft(name=obj.name, actor=request.user, source=source)
        obj.pk, obj.created_at = created.pk, created.created_at

    def add_view(self, request, form_url="", extra_context=None):
        try:
            return super().add_view(request, form_url, extra_context)
        except CivilityError as error:
            messages.error(request, error.message)
            return HttpResponseRedirect(request.path)

    def get_urls(self):
        own = [
            path("learn/", self.admin_site.admin_view(self.learn_view), name="policydraft_learn"),
            path(
                "<int:pk>/replay/",
                self.admin_site.admin_view(self.replay_view),
                name="policydraft_replay",
            ),
            path(
                "<int:pk>/apply/",
                self.admin_site.admin_view(self.apply_view),
                name="policydraft_apply",
            ),
        ]
        return own + super().get_urls()

    def change_view(self, request, object_id, form_url="", extra_context=None):
        draft = get_object_or_404(PolicyDraft, pk=object_id)
        latest = draft.replays.order_by("-started_at", "-id").first()
        extra = {
            "replay": latest,
            "replay_rows": _rows(latest),
            "suggestion": draft.suggestion,
            "can_edit": drafts.is_editor(request.user),
            "version": drafts.in_force_version(),
            **(extra_context or {}),
        }
        return super().change_view(request, object_id, form_url, extra)

    @staticmethod
    def _back(pk: int):
        return HttpResponseRedirect(reverse("admin:guidelines_policydraft_change", args=[pk]))

    def learn_view(self, request):
        return require_POST(self._learn)(request)

    def _learn(self, request):
        if not drafts.is_editor(request.user):
            messages.error(request, "Only editors can make policy drafts.")
            return HttpResponseRedirect(reverse("admin:guidelines_policydraft_changelist"))
        try:
            replay.queue_learning(actor=request.user)
        except CivilityError as error:
            messages.error(request, error.message)
            return HttpResponseRedirect(reverse("admin:guidelines_policydraft_changelist"))
        messages.success(
            request,
            "Learning thresholds from the moderators' decisions in the background: the "
            "draft appears in this list, replayed, when it is done. Nothing changes until "
            "applied.",
        )
        return HttpResponseRedirect(reverse("admin:guidelines_policydraft_changelist"))

    def replay_view(self, request, pk):
        return require_POST(self._replay)(request, pk)

    def _replay(self, request, pk):
        draft = get_object_or_404(PolicyDraft, pk=pk)
        if not drafts.is_editor(request.user):
            messages.error(request, "Only editors can replay drafts.")
            return self._back(pk)
        try:
            since = (
                dt.date.fromisoformat(request.POST.get("since", ""))
                if request.POST.get("since")
                else None
            )
        except ValueError:
            since = None
        queued = replay.queue_replay(draft, actor=request.user, since=since)
        queued.refresh_from_db()  # done already when tasks run in the web process
        if queued.finished_at is None:
            messages.success(request, "Replay running in the background: this page shows it.")
        elif not queued.error:
            messages.success(
                request, f"Replayed over {queued.comments} comments: {queued.changed} would change."
            )
        return self._back(pk)

    def apply_view(self, request, pk):
        return require_POST(self._apply)(request, pk)

    def _apply(self, request, pk):
        draft = get_object_or_404(PolicyDraft, pk=pk)
        try:
            version = drafts.apply_draft(draft, actor=request.user)
        except CivilityError as error:
            messages.error(request, error.message)
        else:
            messages.success(request, f"In force from now: {version.label}.")
        return self._back(pk)


def _rows(found) -> list[dict]:
    """The replay's table: one row per clause, one column per change, with examples."""
    if found is None:
        return []
    rows = []
    for clause, changes in sorted(found.counts.items()):
        for change, count in sorted(changes.items()):
            rows.append(
                {
                    "clause": clause,
                    "change": change,
                    "count": count,
                    "examples": found.examples.get(clause, {}).get(change, []),
                }
            )
    return rows
