"""The worker's side of the outbox: send what is due, record each attempt.

A delivery is claimed by pushing its ``next_attempt_at`` past the request
timeout before sending (a lease), in a short transaction of its own, so two
workers never send the same row at once and no transaction stays open while
a receiver thinks. 2xx is delivered; anything else (an error status, a
refused connection, a timeout, a redirect) is retried after a back-off that
doubles up to six hours, until CIVILITY_WEBHOOK_MAX_ATTEMPTS, after which the
row is kept as failed for a person to retry from the admin.
"""

from __future__ import annotations

import json
import logging
import time
import urllib.error
import urllib.request
from collections import Counter
from datetime import datetime, timedelta

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from . import signing
from .models import Attempt, Delivery, DeliveryStatus

log = logging.getLogger(__name__)

FIRST_RETRY = timedelta(seconds=30)
LONGEST_WAIT = timedelta(hours=6)
USER_AGENT = "Civility-Webhooks/1"


def backoff(attempts: int) -> timedelta:
    """Wait after the ``attempts``-th failure: 30 s, 1 min, 2 min, ... at most 6 h."""
    return min(FIRST_RETRY * (2 ** max(attempts - 1, 0)), LONGEST_WAIT)


def body_of(delivery: Delivery) -> bytes:
    return json.dumps(delivery.payload, ensure_ascii=False, separators=(",", ":")).encode()


def deliver_due(now: datetime | None = None, limit: int = 100, send=None) -> Counter:
    """Send the deliveries due at ``now``; a Counter of delivered/retrying/failed."""
    now = now or timezone.now()
    send = send or send_http
    timeout = settings.CIVILITY_WEBHOOK_TIMEOUT_SECONDS
    outcome: Counter = Counter()
    for delivery in _claim(now, limit, lease=timedelta(seconds=timeout * 2 + 5)):
        outcome[_attempt(delivery, send, timeout)] += 1
    return outcome


def _claim(now: datetime, limit: int, lease: timedelta) -> list[Delivery]:
    with transaction.atomic():
        due = list(
            Delivery.objects.select_for_update(skip_locked=True, of=("self",))
            .filter(status=DeliveryStatus.PENDING, next_attempt_at__lte=now)
            .order_by("next_attempt_at", "id")
            .select_related("endpoint")[:limit]
        )
        Delivery.objects.filter(pk__in=[d.pk for d in due]).update(next_attempt_at=now + lease)
    return due


def _attempt(delivery: Delivery, send, timeout: int) -> str:
    body = body_of(delivery)
    started = timezone.now()
    headers = {
        "Content-Type": "application/json",
        "User-Agent": USER_AGENT,
        "Civility-Event": delivery.event,
        "Civility-Event-Id": str(delivery.event_id),
        "Civility-Delivery": str(delivery.pk),
        signing.HEADER: signing.header_value(
            delivery.endpoint.secret, body, int(started.timestamp())
        ),
    }
    clock = time.monotonic()
    status_code, error = send(delivery.endpoint.url, body, headers, timeout)
    elapsed = int((time.monotonic() - clock) * 1000)
    ok = status_code is not None and 200 <= status_code < 300
    attempts = delivery.attempts + 1
    fields = {"attempts": attempts, "last_status_code": status_code, "last_error": error[:2000]}
    if ok:
        fields |= {"status": DeliveryStatus.DELIVERED, "delivered_at": timezone.now()}
        result = "delivered"
    elif attempts >= settings.CIVILITY_WEBHOOK_MAX_ATTEMPTS:
        fields |= {"status": DeliveryStatus.FAILED}
        result = "failed"
        log.warning("webhook %s to %s failed %d times", delivery.pk, delivery.endpoint, attempts)
    else:
        fields |= {"next_attempt_at": timezone.now() + backoff(attempts)}
        result = "retrying"
    with transaction.atomic():
        Attempt.objects.create(
            delivery=delivery,
            started_at=started,
            duration_ms=elapsed,
            status_code=status_code,
            error=error[:2000],
        )
        Delivery.objects.filter(pk=delivery.pk).update(**fields)
    return result


class _NoRedirects(urllib.request.HTTPRedirectHandler):
    # A signed event must reach the URL configured, not wherever it points.
    def redirect_request(self, *args, **kwargs):
        return None


_opener = urllib.request.build_opener(_NoRedirects)


def send_http(url: str, body: bytes, headers: dict, timeout: float) -> tuple[int | None, str]:
    """POST; (status code, "") or (status or None, what went wrong)."""
    request = urllib.request.Request(url, data=body, headers=headers, method="POST")
    try:
        with _opener.open(request, timeout=timeout) as response:
            response.read(65536)
            return response.status, ""
    except urllib.error.HTTPError as error:
        return error.code, f"HTTP {error.code} {error.reason}"
    except (urllib.error.URLError, OSError, ValueError) as error:
        reason = getattr(error, "reason", error)
        return None, f"{type(error).__name__}: {reason}"


def retry(deliveries, now: datetime | None = None) -> int:
    """Queue deliveries again now (the admin's "retry now"); failed ones start over."""
    now = now or timezone.now()
    return (
        Delivery.objects.filter(pk__in=[d.pk for d in deliveries])
        .exclude(status=DeliveryStatus.DELIVERED)
        .update(status=DeliveryStatus.PENDING, next_attempt_at=now, attempts=0)
    )
