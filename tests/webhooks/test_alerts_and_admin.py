"""Moderator alerts by e-mail, the worker's command, and the delivery log in the admin."""

from __future__ import annotations

import datetime as dt

import pytest
from django.contrib.auth.models import User
from django.core import mail
from django.utils import timezone

from civility.cli import main
from civility.webhooks import alerts
from civility.webhooks.models import Delivery, DeliveryStatus

pytestmark = pytest.mark.django_db


def test_comments_held_too_long_are_announced_once(post, moderator, settings):
    settings.CIVILITY_ALERT_HELD_MINUTES = 60
    now = timezone.now()
    old = post("Held since this morning.", decision="review", now=now - dt.timedelta(minutes=90))
    post("Held a minute ago.", decision="review", now=now - dt.timedelta(minutes=1))
    post("Published at once.", decision="approve", now=now - dt.timedelta(minutes=90))

    assert alerts.send_held_alerts(now=now) == 1
    (message,) = mail.outbox
    assert message.to == ["mod@example.org"]
    assert message.from_email == settings.DEFAULT_FROM_EMAIL
    assert message.subject == "1 comment has waited over 60 minutes for review"
    assert f"#{old.comment.pk}" in message.body and "Held a minute ago" not in message.body

    assert alerts.send_held_alerts(now=now) == 0  # announced once
    assert alerts.send_held_alerts(now=now + dt.timedelta(minutes=60)) == 1  # the newer one now
    assert len(mail.outbox) == 2


def test_alerts_go_to_the_configured_addresses_or_nowhere_when_off(post, moderator, settings):
    post(decision="review", now=timezone.now() - dt.timedelta(hours=3))
    settings.CIVILITY_ALERT_HELD_MINUTES = 0
    assert alerts.send_held_alerts() == 0 and mail.outbox == []
    settings.CIVILITY_ALERT_HELD_MINUTES = 60
    settings.CIVILITY_ALERT_EMAILS = ["desk@example.org"]
    assert alerts.send_held_alerts() == 1
    assert mail.outbox[0].to == ["desk@example.org"]


def test_the_deliver_command_sends_once_and_reports(post, endpoint, receiver, moderator, capsys):
    receiver.start()
    post(decision="review", now=timezone.now() - dt.timedelta(hours=3))
    assert main(["webhooks", "deliver"]) == 0
    out = capsys.readouterr().out
    assert "delivered 2, retrying 0, failed 0" in out
    assert "alerted about 1 held comments" in out
    assert len(receiver.received) == 2


def test_the_delivery_log_in_the_admin(post, endpoint, client):
    post()
    Delivery.objects.update(status=DeliveryStatus.FAILED, attempts=20, last_error="timed out")
    admin = User.objects.create_superuser("boss", "boss@example.org", "pw-for-tests-only")
    client.force_login(admin)
    listing = client.get("/admin/webhooks/delivery/")
    assert listing.status_code == 200 and b"comment.created" in listing.content
    row = Delivery.objects.first()
    assert client.get(f"/admin/webhooks/delivery/{row.pk}/change/").status_code == 200
    response = client.post(
        "/admin/webhooks/delivery/",
        {"action": "retry_now", "_selected_action": [d.pk for d in Delivery.objects.all()]},
    )
    assert response.status_code == 302
    assert set(Delivery.objects.values_list("status", "attempts")) == {(DeliveryStatus.PENDING, 0)}
    assert client.get("/admin/webhooks/endpoint/add/").status_code == 200
