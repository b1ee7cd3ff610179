"""Articles and tags in the admin (editors)."""

from django.contrib import admin

from .models import Article, Tag


@admin.register(Tag)
class TagAdmin(admin.ModelAdmin):
    list_display = ("name", "slug")
    search_fields = ("name", "slug")
    prepopulated_fields = {"slug": ("name",)}


@admin.register(Article)
class ArticleAdmin(admin.ModelAdmin):
    list_display = ("title", "published", "source", "language", "comments_open")
    list_filter = ("language", "comments_open", "source", "tags")
    search_fields = ("title", "slug", "external_id", "body")
    date_hierarchy = "published"
    prepopulated_fields = {"slug": ("title",)}
    filter_horizontal = ("tags",)
    readonly_fields = ("created_at",)
    fieldsets = (
        (None, {"fields": ("title", "slug", "published", "source", "dateline", "language")}),
        ("Text", {"fields": ("body",)}),
        ("Comments", {"fields": ("comments_open", "tags", "external_id", "created_at")}),
    )
