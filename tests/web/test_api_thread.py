"""The public API's thread and a reader's actions: replies, picks, reactions,
sorting, reports and the reader's token (issue 14), through the test client."""

from __future__ import annotations

import json

import pytest

from civility.threads import closing, picks
from civility.threads.models import Reaction, Report
from civility.threads.reports import returned_to_queue
from civility.threads.visitor import Visitor

pytestmark = [pytest.mark.postgres, pytest.mark.django_db]

URL = "/api/articles/russia-defends-aleppo/comments"


def send(client, method, url, data=None, reader="", address="127.0.0.1", **headers):
    if reader:
        headers["X-Civility-Reader"] = reader
    body = json.dumps(data) if data is not None else ""
    return client.generic(
        method, url, body, content_type="application/json", headers=headers, REMOTE_ADDR=address
    )


def post_comment(client, text, **fields):
    body = {"author_name": "Shilan", "text": text, **fields}
    return send(client, "POST", URL, body)


def test_a_reply_through_the_api_is_nested_under_its_comment(client, article, engine_answers):
    parent = post_comment(client, "The first comment.").json()
    answer = post_comment(client, "A reply.", parent_id=parent["id"])
    assert answer.status_code == 201
    assert Visitor.from_token(answer.json()["reader"]).own == (answer.json()["id"],)

    body = client.get(URL).json()
    assert (body["count"], body["pages"], body["sort"], body["open"]) == (2, 1, "oldest", True)
    (top,) = body["comments"]
    assert top["text"] == "The first comment." and top["can_reply"] is True
    assert [r["text"] for r in top["replies"]] == ["A reply."]
    assert top["replies"][0]["parent_id"] == parent["id"]


@pytest.mark.parametrize(
    ("parent_id", "code"), [(999999, "not_found"), (2**62, "not_found"), (-1, "not_found")]
)
def test_a_reply_to_no_comment_is_refused(client, article, parent_id, code):
    answer = post_comment(client, "A reply to nothing.", parent_id=parent_id)
    assert answer.status_code == 422
    assert answer.json()["error"]["code"] == code
    assert answer.json()["error"]["field"] == "parent_id"


def test_a_reply_to_a_held_comment_is_refused(client, article, post):
    held = post("Held.", decision="review").comment
    answer = post_comment(client, "A reply.", parent_id=held.pk)
    assert answer.status_code == 422 and answer.json()["error"]["code"] == "invalid_parent"


def test_a_reply_whose_comment_is_rejected_later_stays_without_it(client, article, post, moderator):
    from civility.comments import actions

    parent = post("Published, then rejected.").comment
    reply = post("A reply that stays.", parent=parent).comment
    actions.decide(parent, status="rejected", clause_id="personal_attacks", actor=moderator)
    (top,) = client.get(URL).json()["comments"]
    assert (top["id"], top["parent_gone"]) == (reply.pk, True)
    assert "Published, then rejected." not in client.get(URL).content.decode()


def test_picks_first_reactions_counted_and_sorts(client, article, post, moderator):
    a = post("First.").comment
    b = post("Second.").comment
    c = post("Third, picked.").comment
    picks.feature_comment(c, actor=moderator)
    for _ in range(2):
        send(client, "POST", f"/api/comments/{a.pk}/reaction", reader=Visitor.fresh().token())

    def order(sort=""):
        body = client.get(URL, {"sort": sort} if sort else {}).json()
        return [(x["id"], x["featured"], x["reactions"]) for x in body["comments"]]

    assert order() == [(c.pk, True, 0), (a.pk, False, 2), (b.pk, False, 0)]
    assert [x[0] for x in order("newest")] == [c.pk, b.pk, a.pk]
    assert [x[0] for x in order("reactions")] == [c.pk, a.pk, b.pk]
    assert [x[0] for x in order("no-such-sort")] == [c.pk, a.pk, b.pk]


def test_one_reaction_per_reader_and_the_reader_sees_it(client, article, post):
    target = post("Worth it.").comment
    url = f"/api/comments/{target.pk}/reaction"
    first = send(client, "POST", url).json()
    assert (first["count"], first["reacted"]) == (1, True)
    token = first["reader"]
    assert send(client, "POST", url, reader=token).json()["count"] == 1
    assert Reaction.objects.filter(comment=target).count() == 1

    mine = client.get(URL, headers={"X-Civility-Reader": token})
    assert mine.json()["comments"][0]["reacted"] is True
    assert "X-Civility-Reader" in mine["Vary"]
    assert client.get(URL).json()["comments"][0]["reacted"] is False
    # The reader's copy is cached by its own ETag.
    again = client.get(URL, headers={"X-Civility-Reader": token, "If-None-Match": mine["ETag"]})
    assert again.status_code == 304

    back = send(client, "DELETE", url, reader=token)
    assert back.status_code == 200
    assert (back.json()["count"], back.json()["reacted"]) == (0, False)
    assert Visitor.from_token(back.json()["reader"]).key == Visitor.from_token(token).key


def test_the_readers_own_held_comment_is_shown_to_them_alone(client, article, engine_answers):
    engine_answers("review")
    held = post_comment(client, "Held for a person.")
    assert held.status_code == 202
    token = held.json()["reader"]
    mine = client.get(URL, headers={"X-Civility-Reader": token}).json()["comments"]
    assert [(c["text"], c["own"]) for c in mine] == [("Held for a person.", "held")]
    assert client.get(URL).json()["comments"] == []
    forged = token[:-2] + ("aa" if not token.endswith("aa") else "bb")
    assert client.get(URL, headers={"X-Civility-Reader": forged}).json()["comments"] == []


def test_reports_are_deduplicated_and_return_the_comment_to_the_queue(
    client, article, post, settings
):
    settings.CIVILITY_REPORT_THRESHOLD = 2
    settings.CIVILITY_REPORT_HIDE_THRESHOLD = 0
    target = post("Reported.").comment
    url = f"/api/comments/{target.pk}/reports"

    first = send(client, "POST", url, {"clause_id": "personal_attacks"}, address="192.0.2.1")
    assert first.status_code == 201 and first.json()["reported"] is True
    token = first.json()["reader"]
    again = send(client, "POST", url, {"clause_id": "threats"}, reader=token)
    assert again.status_code == 200 and again.json()["reported"] is False
    # Another reader from the same address: counted once per address too.
    same_address = send(client, "POST", url, {"clause_id": "threats"}, address="192.0.2.1")
    assert same_address.status_code == 200
    assert list(returned_to_queue()) == []

    second = send(client, "POST", url, {"clause_id": "threats"}, address="192.0.2.2")
    assert second.status_code == 201
    assert Report.objects.filter(comment=target).count() == 2
    assert list(returned_to_queue()) == [target]


@pytest.mark.parametrize(
    ("data", "status", "code"),
    [
        ({}, 422, "clause_required"),
        ({"clause_id": "nope"}, 422, "unknown_clause"),
        ({"clause_id": "relevance"}, 422, "unknown_clause"),  # welcomed, not prohibited
    ],
)
def test_a_report_needs_a_prohibited_clause(client, article, post, data, status, code):
    target = post("Reported.").comment
    answer = send(client, "POST", f"/api/comments/{target.pk}/reports", data)
    assert answer.status_code == status
    assert answer.json()["error"]["code"] == code and answer.json()["error"]["field"] == "clause_id"


@pytest.mark.parametrize(
    ("method", "path", "data"),
    [
        ("POST", "/api/comments/{pk}/reports", {"clause_id": "personal_attacks"}),
        ("POST", "/api/comments/{pk}/reaction", None),
        ("DELETE", "/api/comments/{pk}/reaction", None),
    ],
)
def test_reader_actions_refuse_other_sites_and_unpublished_comments(
    client, article, post, method, path, data
):
    target = post("Published.").comment
    held = post("Held.", decision="review").comment
    other_site = send(
        client, method, path.format(pk=target.pk), data, Origin="https://evil.example"
    )
    assert other_site.status_code == 403
    assert other_site.json()["error"]["code"] == "origin_not_allowed"
    for pk in (held.pk, 999999, 2**70):
        missing = send(client, method, path.format(pk=pk), data)
        assert missing.status_code == 404, pk
        assert missing.json()["error"] == {
            "code": "comment_not_found",
            "message": "No such comment.",
            "field": "comment",
        }


def test_a_report_must_be_json(client, article, post):
    target = post("Published.").comment
    answer = client.post(f"/api/comments/{target.pk}/reports", {"clause_id": "threats"})
    assert answer.status_code in (400, 415)
    assert "error" in answer.json()


def test_a_closed_thread_says_so_and_refuses_replies(client, article, post, moderator):
    parent = post("Before closing.").comment
    closing.close_comments(article, actor=moderator)
    body = client.get(URL).json()
    assert body["open"] is False and body["comments"][0]["can_reply"] is False
    refused = post_comment(client, "Too late.", parent_id=parent.pk)
    assert refused.status_code == 409 and refused.json()["error"]["code"] == "comments_closed"


def test_replies_go_as_deep_as_the_setting_says(client, article, post, settings):
    top = post("Top.").comment
    reply = post("A reply.", parent=top).comment
    refused = post_comment(client, "A reply to the reply.", parent_id=reply.pk)
    assert refused.status_code == 422
    assert refused.json()["error"]["code"] == "reply_too_deep"
    assert refused.json()["error"]["field"] == "parent_id"

    settings.CIVILITY_REPLY_DEPTH = 2
    deeper = post_comment(client, "A reply to the reply.", parent_id=reply.pk)
    assert deeper.status_code == 201
    (shown,) = client.get(URL).json()["comments"]
    assert shown["replies"][0]["replies"][0]["id"] == deeper.json()["id"]
    assert shown["replies"][0]["replies"][0]["can_reply"] is False


def test_a_reply_to_a_reply_whose_parent_is_gone_is_a_reply_to_a_top_comment(
    client, article, post, moderator
):
    from civility.comments import actions

    top = post("Rejected later.").comment
    orphan = post("Now shown at the top.", parent=top).comment
    actions.decide(top, status="rejected", clause_id="personal_attacks", actor=moderator)
    answer = post_comment(client, "A reply to the orphan.", parent_id=orphan.pk)
    assert answer.status_code == 201
