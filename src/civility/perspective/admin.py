"""Stored analyses, read-only: a record of what clients asked, never edited."""

from django.contrib import admin

from .models import Analysis


@admin.register(Analysis)
class AnalysisAdmin(admin.ModelAdmin):
    list_display = ("created_at", "kind", "short_text", "client_token", "community_id")
    list_filter = ("kind",)
    search_fields = ("text", "client_token", "community_id")
    date_hierarchy = "created_at"

    @admin.display(description="text")
    def short_text(self, obj):
        return obj.text[:80]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False
