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
    list_display = ("title", "published", "source", "language", "comments_open", "held")
    list_filter = ("held", "language", "comments_open", "source", "tags")
    actions = ("approve_articles",)
    search_fields = ("title", "slug", "external_id", "body")
    date_hierarchy = "published"
    prepopulated_fields = {"slug": ("title",)}
    filter_horizontal = ("tags",)
    readonly_fields = ("created_at",)
    fieldsets = (
        (None, {"fields": ("title", "slug", "published", "source", "dateline", "language")}),
        ("Text", {"fields": ("body",)}),
        (
            "Comments",
            {"fields": ("held", "comments_open", "tags", "external_id", "created_at")},
        ),
    )

    @admin.action(
        description="Approve: show the page and open its comments", permissions=["change"]
    )
    def approve_articles(self, request, queryset):
        # Articles the widget created from a page's metadata wait for this
        # (embed/articles.py): an editor reads the title and the address first.
        approved = queryset.filter(held=True).update(held=False)
        self.message_user(request, f"{approved} article(s) approved.")
