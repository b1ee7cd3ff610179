"""The one door: every way in gives the same outcome, through the same list.

Through the real stack: the page form, the JSON API and the widget post the
same comment under the same pinned engine, and the pre-submit check runs the
same list without storing. Then the list itself: its order, the doors each
step serves, and what happens when the policy cannot be loaded.
"""

from __future__ import annotations

import json
from dataclasses import replace

import pytest

from civility.abuse import bots
from civility.comments.models import Comment
from civility.embed.models import EmbedSite
from civility.guidelines import site_policy
from civility.posting import steps
from civility.posting.service import submit
from civility.posting.submission import Door, Sender, Submission

pytestmark = [pytest.mark.postgres, pytest.mark.django_db]

ORIGIN = "https://news.example.com"
TEXT = "You are an idiot, and this report is wrong."


def through_the_form(client, article, text, email):
    data = {
        "author_name": "Shilan",
        "author_email": email,
        "text": text,
        bots.TIMESTAMP_FIELD: bots.form_timestamp(),
    }
    response = client.post(f"/articles/{article.slug}/comments/", data, follow=True)
    comment = Comment.objects.get(author_email=email)
    page = response.content.decode()
    return comment.status, page


def through_the_api(client, article, text, email):
    body = {"author_name": "Shilan", "author_email": email, "text": text}
    response = client.post(
        f"/api/articles/{article.slug}/comments", json.dumps(body), content_type="application/json"
    )
    return response.status_code, response.json()


def through_the_widget(client, article, text, email):
    EmbedSite.objects.get_or_create(name="News", origins=ORIGIN)
    body = {
        "author_name": "Shilan",
        "author_email": email,
        "text": text,
        "issued": bots.form_timestamp(),
        "website": "",
    }
    response = client.post(
        f"/api/embed/articles/{article.slug}/comments",
        json.dumps(body),
        content_type="application/json",
        headers={"Origin": ORIGIN},
    )
    return response.status_code, response.json()


@pytest.mark.parametrize(
    "decision, status, http, outcome",
    [
        ("approve", "approved", 201, "published"),
        ("review", "pending", 202, "held"),
        ("reject", "rejected", 201, "rejected"),
    ],
)
def test_every_door_answers_alike(client, article, engine_answers, decision, status, http, outcome):
    engine_answers(decision)
    form_status, page = through_the_form(client, article, TEXT, "form@example.org")
    api_http, api = through_the_api(client, article, TEXT, "api@example.org")
    widget_http, widget = through_the_widget(client, article, TEXT, "widget@example.org")
    assert form_status == api["status"] == widget["status"] == status
    assert api_http == widget_http == http
    assert api["outcome"] == widget["outcome"] == outcome
    # One message per outcome, the same at every door.
    assert api["message"] == widget["message"]
    assert api["message"] in page


def test_a_refusal_is_the_same_at_every_door(client, article, engine_answers):
    article.comments_open = False
    article.save()
    api_http, api = through_the_api(client, article, TEXT, "api@example.org")
    widget_http, widget = through_the_widget(client, article, TEXT, "widget@example.org")
    assert api_http == widget_http == 409
    assert api["error"]["code"] == widget["error"]["code"] == "comments_closed"
    response = client.post(
        f"/articles/{article.slug}/comments/",
        {
            "author_name": "Shilan",
            "author_email": "form@example.org",
            "text": TEXT,
            bots.TIMESTAMP_FIELD: bots.form_timestamp(),
        },
        follow=True,  # post, redirect, get: the page answers with the refusal's status
    )
    assert response.status_code == 409
    assert not Comment.objects.exists()


JSON = Sender(content_type="application/json")  # a program's post, as the JSON doors see it


def test_the_precheck_runs_the_same_list_and_stores_nothing(article, pinned_engine):
    engine = pinned_engine("reject")
    outcome = submit(Submission(Door.PRECHECK, article, TEXT, sender=JSON, engine=engine))
    assert outcome.outcome == "checked" and outcome.http_status == 200
    assert [w.clause_id for w in outcome.warnings] == ["personal_attacks"]
    assert len(engine.calls) == 1 and not Comment.objects.exists()
    article.comments_open = False
    article.save()
    refused = submit(Submission(Door.PRECHECK, article, TEXT, sender=JSON, engine=engine))
    assert refused.error.code == "comments_closed" and len(engine.calls) == 1


def test_the_list_is_in_its_documented_order():
    names = [step.__name__ for step in steps.SITE_STEPS]
    assert names == [
        "cross_site",
        "article_open",
        "sanctions",
        "well_formed",
        "reply_target",
        "rate_limits",
        "repeat",
        "moderate",
        "reader_trust",
        "sanction_hold",
    ]
    # Every step says which doors it serves; the precheck is never stored,
    # so the steps that only matter for a stored comment pass it by.
    for step in steps.SITE_STEPS:
        assert step.doors, step.__name__
    assert Door.PRECHECK not in steps.repeat.doors | steps.reader_trust.doors
    assert Door.SERVER not in steps.rate_limits.doors


def test_a_step_that_refuses_ends_the_run_before_the_engine(article, pinned_engine):
    engine = pinned_engine("approve")
    outcome = submit(Submission(Door.SERVER, article, "", author_name="A", author_email="a@x.org"))
    assert outcome.refused and outcome.error.field == "text" and outcome.http_status == 422
    assert engine.calls == []


def test_without_a_policy_the_site_refuses_to_start_and_a_comment_is_held(article, monkeypatch):
    def broken(*args, **kwargs):
        raise ValueError("default_policy.toml: not valid TOML")

    monkeypatch.setattr(site_policy, "load_policy", broken)
    monkeypatch.setattr(site_policy, "get_engine", broken)
    (error,) = site_policy.check_policy_loads()
    assert error.id == "civility.E001" and "not valid TOML" in error.msg
    outcome = submit(
        Submission(Door.SERVER, article, "A fair point.", author_name="A", author_email="a@x.org")
    )
    assert outcome.outcome == "held" and outcome.http_status == 202
    assert "moderation failed" in outcome.decision.note


def test_a_json_door_that_does_not_say_who_sent_it_is_refused(article, pinned_engine):
    # The JSON doors pass a Sender; one that forgets is refused, never let through.
    engine = pinned_engine("approve")
    bare = Submission(Door.API, article, "Hi.", author_name="A", author_email="a@x.org")
    outcome = submit(bare)
    assert outcome.refused and outcome.http_status == 415 and engine.calls == []
    sent = replace(bare, sender=JSON, engine=engine)
    assert submit(sent).outcome == "published"
