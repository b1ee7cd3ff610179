"""Known readers, read-only: they come from the publisher's tokens."""

from django.contrib import admin

from .models import Reader


@admin.register(Reader)
class ReaderAdmin(admin.ModelAdmin):
    list_display = ("name", "subject", "issuer", "first_seen", "last_seen")
    search_fields = ("name", "subject", "email")
    readonly_fields = ("issuer", "subject", "name", "email", "first_seen", "last_seen")

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False
