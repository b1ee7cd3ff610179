"""Reports, picks and the editors' thread log in the admin; closing articles.

All read-only: a report, a pick and a log row are written by the action
functions only. Closing and reopening an article's comments are admin
actions on the articles' list, through the same functions as the page's
buttons (closing.py), so the admin cannot flip ``comments_open`` without a
row saying who did it.
"""

from __future__ import annotations

from django.contrib import admin

from civility.articles.admin import ArticleAdmin
from civility.articles.models import Article

from . import closing
from .models import FeaturedComment, Report, ThreadAction


class ReadOnly(admin.ModelAdmin):
    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(Report)
class ReportAdmin(ReadOnly):
    list_display = ("created_at", "comment", "clause_id")
    list_filter = ("clause_id",)
    date_hierarchy = "created_at"


@admin.register(FeaturedComment)
class FeaturedCommentAdmin(ReadOnly):
    list_display = ("comment", "article", "featured_by", "featured_at")


@admin.register(ThreadAction)
class ThreadActionAdmin(ReadOnly):
    list_display = ("created_at", "kind", "article", "comment", "actor", "note")
    list_filter = ("kind",)


@admin.action(description="Close comments on the selected articles")
def close_selected(modeladmin, request, queryset):
    done = sum(
        closing.close_comments(a, actor=request.user, note="from the admin") for a in queryset
    )
    modeladmin.message_user(request, f"Comments closed on {done} article(s).")


@admin.action(description="Reopen comments on the selected articles")
def reopen_selected(modeladmin, request, queryset):
    done = sum(
        closing.reopen_comments(a, actor=request.user, note="from the admin") for a in queryset
    )
    modeladmin.message_user(request, f"Comments reopened on {done} article(s).")


class ClosingArticleAdmin(ArticleAdmin):
    actions = [close_selected, reopen_selected]

    def get_readonly_fields(self, request, obj=None):
        # Opening and closing are logged actions (above), never a checkbox.
        return (*super().get_readonly_fields(request, obj), "comments_open")


admin.site.unregister(Article)
admin.site.register(Article, ClosingArticleAdmin)
