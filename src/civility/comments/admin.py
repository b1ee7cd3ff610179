"""Comments, decisions and clause thresholds in the admin.

Comments and decisions are read-only here: the admin may not edit what a
reader wrote, nor rewrite the record. Approving and rejecting go through the
same action functions as the queue (a new Decision each time); rejecting
offers one admin action per guideline clause, because a rejection must cite
one. Editors set the per-site clause thresholds.
"""

from __future__ import annotations

from django import forms
from django.contrib import admin, messages

from civility import privacy_admin
from civility.errors import CivilityError

from . import actions, roles
from . import engine as engine_bridge
from .models import ClauseThreshold, Comment, Decision


class ReadOnlyMixin:
    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        # Viewing only; decisions are made with the actions below.
        return False

    def has_delete_permission(self, request, obj=None):
        return False


class DecisionInline(ReadOnlyMixin, admin.TabularInline):
    model = Decision
    fields = ("created_at", "status", "actor", "clause_id", "suggested", "note")
    readonly_fields = fields
    extra = 0
    ordering = ("created_at", "id")


def _decide_selected(modeladmin, request, queryset, **kwargs):
    done = 0
    for comment in queryset:
        try:
            actions.decide(comment, actor=request.user, note="from the admin", **kwargs)
            done += 1
        except CivilityError as exc:
            modeladmin.message_user(request, f"#{comment.pk}: {exc.message}", messages.ERROR)
    if done:
        modeladmin.message_user(request, f"{done} comment(s) now {kwargs['status']}.")


@admin.action(description="Approve the selected comments", permissions=["decide"])
def approve_selected(modeladmin, request, queryset):
    _decide_selected(modeladmin, request, queryset, status="approved")


def reject_action(clause):
    def reject(modeladmin, request, queryset):
        _decide_selected(modeladmin, request, queryset, status="rejected", clause_id=clause.id)

    reject.__name__ = f"reject_{clause.id}"
    return admin.action(description=f"Reject: {clause.text}", permissions=["decide"])(reject)


@admin.register(Comment)
class CommentAdmin(admin.ModelAdmin):
    list_display = ("id", "author_name", "short_text", "article", "status", "created_at")
    list_filter = ("status", "language", "article")
    search_fields = ("text", "author_name", "author_email")
    date_hierarchy = "created_at"
    list_select_related = ("article",)
    inlines = (DecisionInline,)
    readonly_fields = (
        "article",
        "parent",
        "author_name",
        "author_email",
        "text",
        "language",
        "created_at",
        "status",
        "content_hash",
        "erased_at",
    )
    # One reject action per clause: a rejection must cite the guideline it applies.
    actions = (
        approve_selected,
        *(reject_action(c) for c in engine_bridge.clauses()),
        # Data requests (docs/privacy.md): superusers only.
        privacy_admin.export_authors,
        privacy_admin.erase_authors,
    )

    @admin.display(description="Text")
    def short_text(self, obj):
        return obj.text if len(obj.text) <= 80 else obj.text[:79] + "…"

    def has_add_permission(self, request):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_decide_permission(self, request):
        return roles.is_moderator(request.user)

    def has_view_permission(self, request, obj=None):
        return roles.is_moderator(request.user) or super().has_view_permission(request, obj)


@admin.register(Decision)
class DecisionAdmin(ReadOnlyMixin, admin.ModelAdmin):
    list_display = ("created_at", "comment", "status", "actor", "clause_id", "suggested")
    list_filter = ("status", "suggested", "clause_id")
    search_fields = ("comment__text", "note", "clause_id")
    date_hierarchy = "created_at"
    list_select_related = ("comment", "actor")


class ClauseThresholdForm(forms.ModelForm):
    clause_id = forms.ChoiceField(choices=())

    class Meta:
        model = ClauseThreshold
        fields = ("clause_id", "review_at", "reject_at")

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # A moderator's view-only page builds this form without the fields.
        if "clause_id" in self.fields:
            self.fields["clause_id"].choices = [
                (c.id, f"{c.id}: {c.text}") for c in engine_bridge.clauses()
            ]
        for name in ("review_at", "reject_at"):
            if name in self.fields:
                self.fields[name].help_text += " Leave empty to keep the policy's value."

    def clean(self):
        data = super().clean()
        for name in ("review_at", "reject_at"):
            value = data.get(name)
            if value is not None and not 0 <= value <= 1:
                self.add_error(name, "Give a score between 0 and 1, or leave it empty.")
        review, reject = data.get("review_at"), data.get("reject_at")
        if review is not None and reject is not None and review > reject:
            self.add_error("review_at", "Hold at a lower score than you reject at.")
        return data


@admin.register(ClauseThreshold)
class ClauseThresholdAdmin(admin.ModelAdmin):
    form = ClauseThresholdForm
    list_display = ("clause_id", "review_at", "reject_at", "updated_at", "updated_by")
    readonly_fields = ("updated_at", "updated_by")

    def save_model(self, request, obj, form, change):
        obj.updated_by = request.user
        super().save_model(request, obj, form, change)
