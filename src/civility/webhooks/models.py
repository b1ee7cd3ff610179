"""Webhook endpoints, the outbox of deliveries, each attempt, and alerts sent.

A ``Delivery`` is one event for one endpoint: the outbox row. Its payload is
fixed when the decision is recorded; attempts are appended, never rewritten,
so the admin's delivery log shows every try with its answer.
"""

from __future__ import annotations

import secrets
import uuid

from django.db import models


class Event(models.TextChoices):
    CREATED = "comment.created", "Comment created"
    HELD = "comment.held", "Comment held for review"
    APPROVED = "comment.approved", "Comment approved"
    REJECTED = "comment.rejected", "Comment rejected"
    REVERSED = "comment.decision_reversed", "Decision reversed"


def new_secret() -> str:
    return secrets.token_urlsafe(32)


class Endpoint(models.Model):
    name = models.CharField(max_length=100)
    url = models.URLField(
        max_length=500, help_text="Where events are POSTed (https in production)."
    )
    secret = models.CharField(
        max_length=200,
        default=new_secret,
        help_text="Shared secret for the HMAC signature; give it to the receiver.",
    )
    events = models.JSONField(
        default=list, blank=True, help_text="Event types to send; empty sends every event."
    )
    active = models.BooleanField(default=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["name"]

    def __str__(self) -> str:
        return f"{self.name} ({self.url})"

    def wants(self, event: str) -> bool:
        return not self.events or event in self.events


class DeliveryStatus(models.TextChoices):
    PENDING = "pending", "Waiting to be sent"
    DELIVERED = "delivered", "Delivered"
    FAILED = "failed", "Gave up (retry from the admin)"


class Delivery(models.Model):
    # One id per event, shared by its deliveries to every endpoint: receivers
    # use it to ignore a repeat (a delivery is sent at least once).
    event_id = models.UUIDField(default=uuid.uuid4, db_index=True)
    endpoint = models.ForeignKey(Endpoint, on_delete=models.CASCADE, related_name="deliveries")
    event = models.CharField(max_length=40, choices=Event.choices)
    payload = models.JSONField()
    created_at = models.DateTimeField()
    status = models.CharField(
        max_length=10, choices=DeliveryStatus.choices, default=DeliveryStatus.PENDING
    )
    attempts = models.PositiveIntegerField(default=0)
    next_attempt_at = models.DateTimeField()
    delivered_at = models.DateTimeField(null=True, blank=True)
    last_status_code = models.PositiveIntegerField(null=True, blank=True)
    last_error = models.TextField(blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name_plural = "deliveries"
        indexes = [models.Index(fields=["status", "next_attempt_at"], name="webhook_due")]

    def __str__(self) -> str:
        return f"{self.event} -> {self.endpoint.name}: {self.status}"


class Attempt(models.Model):
    delivery = models.ForeignKey(Delivery, on_delete=models.CASCADE, related_name="attempt_log")
    started_at = models.DateTimeField()
    duration_ms = models.PositiveIntegerField(default=0)
    status_code = models.PositiveIntegerField(null=True, blank=True)
    error = models.TextField(blank=True)

    class Meta:
        ordering = ["started_at", "id"]

    def __str__(self) -> str:
        return f"{self.started_at:%Y-%m-%d %H:%M:%S} {self.status_code or self.error[:40]}"


class HeldAlert(models.Model):
    """A held comment moderators were told about (each is announced once)."""

    comment = models.OneToOneField(
        "comments.Comment", on_delete=models.CASCADE, related_name="held_alert"
    )
    sent_at = models.DateTimeField()

    def __str__(self) -> str:
        return f"alert for comment {self.comment_id} at {self.sent_at:%Y-%m-%d %H:%M}"
