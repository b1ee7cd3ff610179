"""Sanctions in the admin: listed, searchable, liftable; never edited or deleted."""

from __future__ import annotations

from django.contrib import admin, messages

from civility.comments import roles
from civility.errors import CivilityError

from . import actions
from .models import Sanction


@admin.action(description="Lift the selected sanctions", permissions=["lift"])
def lift_selected(modeladmin, request, queryset):
    done = 0
    for sanction in queryset.filter(lifted_at__isnull=True):
        try:
            actions.lift_sanction(sanction, actor=request.user, reason="lifted in the admin")
            done += 1
        except CivilityError as exc:
            modeladmin.message_user(request, f"#{sanction.pk}: {exc.message}", messages.ERROR)
    modeladmin.message_user(request, f"{done} sanction(s) lifted.")


class InForce(admin.SimpleListFilter):
    title = "in force"
    parameter_name = "in_force"

    def lookups(self, request, model_admin):
        return (("yes", "In force"), ("no", "Ended or lifted"))

    def queryset(self, request, queryset):
        from django.utils import timezone

        now = timezone.now()
        if self.value() == "yes":
            return queryset.in_force(now)
        if self.value() == "no":
            return queryset.exclude(pk__in=queryset.in_force(now).values("pk"))
        return queryset


@admin.register(Sanction)
class SanctionAdmin(admin.ModelAdmin):
    list_display = ("id", "kind", "starts_at", "ends_at", "created_by", "reason", "lifted_at")
    list_filter = (InForce, "kind")
    search_fields = ("reason", "lift_reason", "comment__author_name")
    date_hierarchy = "starts_at"
    list_select_related = ("created_by", "lifted_by")
    actions = (lift_selected,)
    # The keys are hashes: shown so two rows can be compared, never the address.
    readonly_fields = [f.name for f in Sanction._meta.fields]

    def has_add_permission(self, request):
        return False  # imposed from the queue, on a comment

    def has_delete_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_view_permission(self, request, obj=None):
        return roles.is_moderator(request.user)

    def has_module_permission(self, request):
        return roles.is_moderator(request.user)

    def has_lift_permission(self, request):
        return roles.is_moderator(request.user)
