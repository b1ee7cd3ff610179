"""The per-site clause thresholds in the admin: editors change them."""

from __future__ import annotations

from django import forms
from django.contrib import admin

from . import site_policy
from .models import ClauseThreshold


class ClauseThresholdForm(forms.ModelForm):
    clause_id = forms.ChoiceField(choices=())

    class Meta:
        model = ClauseThreshold
        fields = ("clause_id", "review_at", "reject_at")

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # A moderator's view-only page builds this form without the fields.
        if "clause_id" in self.fields:
            self.fields["clause_id"].choices = [
                (c.id, f"{c.id}: {c.text}") for c in site_policy.clauses()
            ]
        for name in ("review_at", "reject_at"):
            if name in self.fields:
                self.fields[name].help_text += " Leave empty to keep the policy's value."

    def clean(self):
        data = super().clean()
        for name in ("review_at", "reject_at"):
            value = data.get(name)
            if value is not None and not 0 <= value <= 1:
                self.add_error(name, "Give a score between 0 and 1, or leave it empty.")
        review, reject = data.get("review_at"), data.get("reject_at")
        if review is not None and reject is not None and review > reject:
            self.add_error("review_at", "Hold at a lower score than you reject at.")
        return data


@admin.register(ClauseThreshold)
class ClauseThresholdAdmin(admin.ModelAdmin):
    form = ClauseThresholdForm
    list_display = ("clause_id", "review_at", "reject_at", "updated_at", "updated_by")
    readonly_fields = ("updated_at", "updated_by")

    def save_model(self, request, obj, form, change):
        obj.updated_by = request.user
        super().save_model(request, obj, form, change)
