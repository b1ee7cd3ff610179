"""Endpoints, and the delivery log: every event, every attempt, read-only."""

from django.contrib import admin, messages

from . import delivery as worker
from .models import Attempt, Delivery, Endpoint


@admin.register(Endpoint)
class EndpointAdmin(admin.ModelAdmin):
    list_display = ("name", "url", "active", "created_at")
    list_filter = ("active",)
    search_fields = ("name", "url")


class AttemptInline(admin.TabularInline):
    model = Attempt
    extra = 0
    can_delete = False
    readonly_fields = ("started_at", "duration_ms", "status_code", "error")

    def has_add_permission(self, request, obj=None):
        return False


@admin.register(Delivery)
class DeliveryAdmin(admin.ModelAdmin):
    list_display = (
        "created_at",
        "event",
        "endpoint",
        "status",
        "attempts",
        "last_status_code",
        "next_attempt_at",
    )
    list_filter = ("status", "event", "endpoint")
    search_fields = ("event_id", "last_error")
    date_hierarchy = "created_at"
    inlines = [AttemptInline]
    actions = ["retry_now"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    @admin.action(description="Retry the selected deliveries now")
    def retry_now(self, request, queryset):
        count = worker.retry(queryset)
        if count:
            from civility.background.enqueue import with_commit

            from .tasks import send_webhooks

            with_commit(send_webhooks)
        self.message_user(request, f"{count} deliveries queued again.", messages.SUCCESS)
