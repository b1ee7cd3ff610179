"""The law's records in the admin: read-only, except the editors' legal grounds.

Notices and appeals are decided on the moderators' desk (/moderate/notices/,
/moderate/appeals/) through actions.py; here they can only be looked up. A
clause's legal ground is the editors' to name, saved through
``actions.set_legal_ground``.
"""

from __future__ import annotations

from django.contrib import admin

from civility.guidelines import site_policy

from . import actions
from .models import Appeal, LegalGround, Notice, NoticeEvent


class ReadOnly(admin.ModelAdmin):
    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


class NoticeEventInline(admin.TabularInline):
    model = NoticeEvent
    extra = 0
    can_delete = False
    readonly_fields = ("created_at", "kind", "legality", "legal_ground", "explanation", "actor")
    fields = readonly_fields

    def has_add_permission(self, request, obj=None):
        return False


@admin.register(Notice)
class NoticeAdmin(ReadOnly):
    list_display = ("created_at", "comment", "law", "status", "legality", "contact_confirmed_at")
    list_filter = ("status", "legality")
    inlines = [NoticeEventInline]


@admin.register(Appeal)
class AppealAdmin(ReadOnly):
    list_display = ("created_at", "comment", "sanction", "assigned_to", "status", "decided_at")
    list_filter = ("status",)


@admin.register(LegalGround)
class LegalGroundAdmin(admin.ModelAdmin):
    list_display = ("clause_id", "legal_ground")

    def formfield_for_dbfield(self, db_field, request, **kwargs):
        if db_field.name == "clause_id":
            from django import forms

            choices = [
                (c.id, f"{c.id}: {c.text[:60]}") for c in site_policy.clauses() if c.prohibits
            ]
            return forms.ChoiceField(choices=choices, label="Clause")
        return super().formfield_for_dbfield(db_field, request, **kwargs)

    def save_model(self, request, obj, form, change):
        actions.set_legal_ground(obj.clause_id, obj.legal_ground, actor=request.user)
