"""The dead letter in the admin: failed tasks, their last error, "Run again"."""

from django.contrib import admin, messages
from django.utils.html import format_html

from . import retries
from .models import FailedTask


@admin.register(FailedTask)
class FailedTaskAdmin(admin.ModelAdmin):
    list_display = ("finished_at", "task_path", "attempts", "error", "enqueued_at")
    list_filter = ("task_path", "queue_name")
    search_fields = ("task_path", "exception_class_path", "traceback")
    ordering = ["-finished_at"]
    fields = (
        "task_path",
        "args_kwargs",
        "attempts",
        "enqueued_at",
        "started_at",
        "finished_at",
        "error",
        "last_traceback",
    )
    readonly_fields = fields
    actions = ["run_again"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    @admin.display(description="attempts")
    def attempts(self, obj) -> int:
        return len(obj.worker_ids)

    @admin.display(description="error")
    def error(self, obj) -> str:
        return obj.exception_class_path.rsplit(".", 1)[-1]

    @admin.display(description="traceback")
    def last_traceback(self, obj) -> str:
        return format_html("<pre>{}</pre>", obj.traceback or "-")

    @admin.action(description="Run the selected tasks again now")
    def run_again(self, request, queryset):
        count = sum(retries.requeue(task.pk, None) for task in queryset)
        self.message_user(request, f"{count} tasks queued again.", messages.SUCCESS)
