"""Events are written with their decision and delivered after commit, signed."""

from __future__ import annotations

import datetime as dt

import pytest
from django.db import transaction
from django.utils import timezone

from civility.comments.actions import decide
from civility.webhooks import delivery, outbox, signing
from civility.webhooks.models import Attempt, Delivery, DeliveryStatus, Endpoint

# Also run on PostgreSQL (./run test): row locks and transactions differ there.
pytestmark = [pytest.mark.django_db, pytest.mark.postgres]


@pytest.mark.parametrize(
    "status, previous, events",
    [
        ("pending", None, ["comment.created", "comment.held"]),
        ("approved", None, ["comment.created", "comment.approved"]),
        ("rejected", None, ["comment.created", "comment.rejected"]),
        ("approved", "pending", ["comment.approved"]),
        ("rejected", "approved", ["comment.rejected", "comment.decision_reversed"]),
        ("approved", "rejected", ["comment.approved", "comment.decision_reversed"]),
        ("pending", "approved", ["comment.held", "comment.decision_reversed"]),
        ("approved", "approved", ["comment.approved"]),
    ],
)
def test_events_of_a_decision(status, previous, events):
    assert outbox.events_for(status, previous) == events


def test_posting_writes_the_outbox_rows_with_the_decision(post, endpoint):
    posted = post(decision="review")
    rows = Delivery.objects.order_by("id")
    assert [r.event for r in rows] == ["comment.created", "comment.held"]
    payload = rows[1].payload
    assert payload["data"]["comment"]["id"] == posted.comment.pk
    assert payload["data"]["decision"]["actor"] is None
    assert payload["data"]["comment"]["article"]["slug"] == "russia-defends-aleppo"
    # Receivers are other systems: no e-mail address leaves Civility.
    assert "shilan@example.org" not in str(payload)


def test_no_event_outlives_a_rolled_back_decision(post, endpoint, moderator):
    posted = post(decision="review")
    before = Delivery.objects.count()
    with pytest.raises(RuntimeError), transaction.atomic():
        decide(posted.comment, status="approved", actor=moderator)
        assert Delivery.objects.count() == before + 1  # written in the transaction...
        raise RuntimeError("the request failed after deciding")
    assert Delivery.objects.count() == before  # ...and gone with it


def test_a_reversal_is_announced(post, endpoint, moderator):
    posted = post(decision="approve")
    decide(posted.comment, status="rejected", actor=moderator, clause_id="personal_attacks")
    events = list(Delivery.objects.order_by("id").values_list("event", flat=True))
    assert events[-2:] == ["comment.rejected", "comment.decision_reversed"]
    reversal = Delivery.objects.get(event="comment.decision_reversed").payload
    assert reversal["data"]["previous_status"] == "approved"
    assert reversal["data"]["decision"]["actor"] == "mod"


def test_endpoints_get_only_the_events_they_chose(post, endpoint, receiver):
    Endpoint.objects.create(name="held only", url=receiver.url, events=["comment.held"])
    Endpoint.objects.create(name="off", url=receiver.url, active=False)
    post(decision="review")
    by_endpoint = sorted(Delivery.objects.values_list("endpoint__name", "event"))
    assert by_endpoint == [
        ("held only", "comment.held"),
        ("newsroom", "comment.created"),
        ("newsroom", "comment.held"),
    ]


def test_a_down_receiver_delays_but_never_loses_an_event(post, endpoint, receiver, moderator):
    posted = post(decision="review")
    decide(posted.comment, status="approved", actor=moderator)
    now = timezone.now()

    # Down: nothing listens on the port. Every delivery is kept and rescheduled.
    assert delivery.deliver_due(now=now) == {"retrying": 3}
    for row in Delivery.objects.all():
        assert row.status == DeliveryStatus.PENDING and row.attempts == 1
        assert row.next_attempt_at >= now + dt.timedelta(seconds=30)
        assert "Connection refused" in row.last_error or "URLError" in row.last_error
    # Not due yet: a second round right away sends nothing.
    assert delivery.deliver_due(now=now) == {}

    receiver.start()
    assert delivery.deliver_due(now=now + dt.timedelta(seconds=31)) == {"delivered": 3}
    assert {e["type"] for e in receiver.events()} == {
        "comment.created",
        "comment.held",
        "comment.approved",
    }
    for headers, body in receiver.received:
        assert signing.verify(
            "s3cret", body, headers[signing.HEADER], now=timezone.now().timestamp()
        )
        assert headers["Civility-Event"] in body.decode()
    assert Attempt.objects.count() == 6  # three failures and three successes, all in the log
    assert not Delivery.objects.exclude(status=DeliveryStatus.DELIVERED).exists()


def test_error_answers_back_off_then_give_up_and_can_be_retried(post, endpoint, receiver, settings):
    settings.CIVILITY_WEBHOOK_MAX_ATTEMPTS = 3
    receiver.answer = 500
    receiver.start()
    post(decision="approve")
    when = timezone.now()
    waits = []
    for _ in range(3):
        delivery.deliver_due(now=when)
        row = Delivery.objects.filter(event="comment.created").get()
        waits.append(row.next_attempt_at - when)
        when = row.next_attempt_at
    assert row.status == DeliveryStatus.FAILED and row.last_status_code == 500
    assert delivery.backoff(1) == dt.timedelta(seconds=30)
    assert delivery.backoff(2) == dt.timedelta(seconds=60)
    assert delivery.backoff(30) == dt.timedelta(hours=6)

    receiver.answer = 200
    assert delivery.retry(Delivery.objects.all()) == 2
    assert delivery.deliver_due() == {"delivered": 2}


def test_a_redirect_is_not_followed(post, endpoint, receiver):
    receiver.answer = 302
    receiver.start()
    post()
    assert delivery.deliver_due() == {"retrying": 2}
    assert Delivery.objects.filter(last_status_code=302).count() == 2


def test_signatures_refuse_tampering_wrong_secrets_and_replays():
    body = b'{"type":"comment.approved"}'
    header = signing.header_value("k", body, 1_700_000_000)
    assert signing.verify("k", body, header, now=1_700_000_100)
    assert not signing.verify("k", body + b" ", header, now=1_700_000_100)
    assert not signing.verify("other", body, header, now=1_700_000_100)
    assert not signing.verify("k", body, header, now=1_700_000_000 + 301)  # a replay
    assert not signing.verify("k", body, "v1=abc", now=1_700_000_000)
    assert not signing.verify("k", body, "garbage", now=1_700_000_000)


def test_erasing_a_commenter_erases_the_name_in_the_outbox(post, endpoint):
    from civility.privacy.commenters import erase_commenter

    post(decision="review", author_name="Shilan Ahmed")
    post(text="Someone else's words.", author_name="Hemin", author_email="hemin@example.org")
    erase_commenter("Shilan@example.org")
    names = sorted({d.payload["data"]["comment"]["author_name"] for d in Delivery.objects.all()})
    assert names == ["Hemin", "[erased]"]
