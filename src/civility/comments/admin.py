"""Comments and their decision records in the admin.

Comments and decisions are read-only here: the admin may not edit what a
reader wrote, nor rewrite the record. Approving and rejecting go through the
same action function as the queue (a new DecisionRecord each time);
rejecting offers one admin action per clause a comment can break, because a
rejection must cite one. (The per-site clause thresholds are the guidelines
app's; the data requests, the privacy app's, which adds its actions here.)
"""

from __future__ import annotations

from django.contrib import admin, messages
from django.utils.dateformat import format as date_format
from django.utils.timezone import localtime

from civility.errors import CivilityError
from civility.guidelines import site_policy

from . import actions, roles
from .models import Comment, DecisionRecord
from .vocabulary import clause_label


class ReadOnlyMixin:
    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        # Viewing only; decisions are made with the actions below.
        return False

    def has_delete_permission(self, request, obj=None):
        return False


class DecisionInline(ReadOnlyMixin, admin.TabularInline):
    model = DecisionRecord
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
    # The short label, not the clause's sentence: eight sentences made the
    # action menu 744 px wide, running under the filter sidebar at 1280 px.
    # The decision still records the clause's full text.
    return admin.action(
        description=f"Reject under “{clause_label(clause.id)}”", permissions=["decide"]
    )(reject)


@admin.register(Comment)
class CommentAdmin(admin.ModelAdmin):
    list_display = ("id", "author", "short_text", "short_article", "status", "posted")
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
    # The reject actions (one per clause) are added per request in
    # get_actions: which clauses exist is the policy in force, a database row,
    # and the database is not there to ask while the admin is imported.
    actions = (approve_selected,)

    class Media:
        css = {"all": ("civility/css/admin.css",)}

    def get_actions(self, request, action_location=None):
        # One reject action per clause of the policy in force (a rejection must
        # cite the guideline it applies), only the clauses a comment can break:
        # "we welcome..." is not one. Built per request, on this instance, over
        # the class's own actions (other apps add theirs there).
        self.actions = (
            *type(self).actions,
            *(reject_action(c) for c in site_policy.clauses() if c.prohibits),
        )
        # Django 6.1 passes where the actions show; 6.0 does not know the word.
        if action_location is None:
            return super().get_actions(request)
        return super().get_actions(request, action_location=action_location)

    @admin.display(description="Text")
    def short_text(self, obj):
        return obj.text if len(obj.text) <= 80 else obj.text[:79] + "…"

    @admin.display(description="Author", ordering="author_name")
    def author(self, obj):
        return obj.author_name

    @admin.display(description="Posted", ordering="created_at")
    def posted(self, obj):
        # The desk's own compact form (02-12-2026 13:05), in the site's time zone.
        return date_format(localtime(obj.created_at), "d-m-Y H:i")

    # Headlines run to 100 characters; whole, they pushed the status and date
    # columns out of sight at 1280 px (tests/browser/test_admin_width.py).
    @admin.display(description="Article", ordering="article__title")
    def short_article(self, obj):
        title = obj.article.title
        return title if len(title) <= 40 else title[:39] + "…"

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


@admin.register(DecisionRecord)
class DecisionRecordAdmin(ReadOnlyMixin, admin.ModelAdmin):
    list_display = ("created_at", "comment", "status", "actor", "clause_id", "suggested")
    list_filter = ("status", "suggested", "clause_id")
    search_fields = ("comment__text", "note", "clause_id")
    date_hierarchy = "created_at"
    list_select_related = ("comment", "actor")
