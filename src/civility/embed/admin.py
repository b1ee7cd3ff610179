"""Embedding sites in the admin (editors)."""

from django.contrib import admin

from .models import EmbedSite


@admin.register(EmbedSite)
class EmbedSiteAdmin(admin.ModelAdmin):
    list_display = ("name", "origins", "create_articles", "active")
    list_filter = ("active", "create_articles")
    search_fields = ("name", "origins")
    readonly_fields = ("created_at",)
