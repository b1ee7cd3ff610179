"""What the Perspective-compatible endpoint keeps: only what a client let it keep.

A request with ``doNotStore: true`` leaves no row, no log line with its text:
Perspective's clients send it to say "this text is not yours to keep", and
Coral sends it by default. Without it, the text and its scores are kept so
that editors can see what other systems ask about and measure the engine on
it; ``comments:suggestscore`` (a client's own verdict, Coral's feedback) is
kept the same way.
"""

from __future__ import annotations

from django.db import models


class AnalysisKind(models.TextChoices):
    ANALYZE = "analyze", "Analysed (comments:analyze)"
    SUGGESTION = "suggestion", "Client's suggested score (comments:suggestscore)"


class Analysis(models.Model):
    kind = models.CharField(max_length=12, choices=AnalysisKind.choices)
    text = models.TextField()
    languages = models.JSONField(default=list, blank=True)
    # {"TOXICITY": 0.12, ...}: ours for an analysis, the client's for a suggestion.
    scores = models.JSONField(default=dict, blank=True)
    client_token = models.CharField(max_length=200, blank=True)
    community_id = models.CharField(max_length=200, blank=True)
    engine_version = models.CharField(max_length=200, blank=True)
    created_at = models.DateTimeField(db_index=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name_plural = "analyses"

    def __str__(self) -> str:
        return f"{self.kind} {self.created_at:%Y-%m-%d %H:%M}: {self.text[:50]}"
