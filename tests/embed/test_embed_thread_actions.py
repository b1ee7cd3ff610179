"""The widget's thread: replies, picks, reactions, sorting, reports, the reader's token.

Through Django's test client (real URLs, middleware, database), as the
widget calls them from a configured site's page.
"""

from __future__ import annotations

import json

import pytest

from civility.abuse import bots
from civility.comments.models import Comment, CommentStatus
from civility.threads import closing, picks
from civility.threads.models import Report
from civility.threads.visitor import Visitor

pytestmark = [pytest.mark.postgres, pytest.mark.django_db]

SITE_ORIGIN = "https://news.example.com"
THREAD = "/api/embed/thread"
POST = "/api/embed/articles/russia-defends-aleppo/comments"


def comment(**change):
    data = {
        "author_name": "Shilan",
        "text": "A fair point about the ceasefire.",
        "issued": bots.form_timestamp(),
    }
    return {**data, **change}


@pytest.fixture
def send(client, site):
    """send(method, url, data=None, reader="", origin=SITE_ORIGIN) -> response."""

    def go(method, url, data=None, reader="", origin=SITE_ORIGIN):
        headers = {"Origin": origin} if origin else {}
        if reader:
            headers["X-Civility-Reader"] = reader
        body = json.dumps(data) if data is not None else ""
        return client.generic(method, url, body, content_type="application/json", headers=headers)

    return go


def thread(client, reader="", **params):
    headers = {"Origin": SITE_ORIGIN}
    if reader:
        headers["X-Civility-Reader"] = reader
    return client.get(THREAD, {"article": "rudaw-123", **params}, headers=headers)


def texts(comments):
    return [c["text"] for c in comments]


def test_a_reply_is_nested_under_its_parent_and_the_answer_carries_a_token(
    client, article, send, engine_answers
):
    first = send("POST", POST, comment(text="The first comment.")).json()
    answer = send("POST", POST, comment(text="A reply to it.", parent_id=first["id"]))

    assert answer.status_code == 201
    assert Visitor.from_token(answer.json()["reader"]).own == (answer.json()["id"],)
    top = thread(client).json()["thread"]["comments"]
    assert texts(top) == ["The first comment."]
    assert texts(top[0]["replies"]) == ["A reply to it."]
    assert top[0]["can_reply"] is True and top[0]["replies"][0]["can_reply"] is False
    assert top[0]["replies"][0]["parent_id"] == first["id"]


def test_a_reply_to_a_comment_not_published_is_refused_in_the_page_language(article, send, post):
    held = post("Held for a person.", decision="review").comment
    answer = send("POST", POST, comment(text="A reply.", parent_id=held.pk, lang="tr"))
    assert answer.status_code == 422
    error = answer.json()["error"]
    assert error["code"] == "invalid_parent" and error["field"] == "parent_id"
    assert "yayımlanmış" in error["message"]


def test_the_readers_own_held_comment_shows_to_them_alone_with_its_mark(
    client, article, send, engine_answers
):
    engine_answers("review")
    posted = send("POST", POST, comment(text="Held for a person to read."))
    assert posted.status_code == 202
    token = posted.json()["reader"]

    mine = thread(client, reader=token).json()["thread"]["comments"]
    assert [(c["text"], c["own"]) for c in mine] == [("Held for a person to read.", "held")]
    assert mine[0]["own_message"] == "Your comment is held for a moderator."
    assert thread(client).json()["thread"]["comments"] == []
    other = Visitor.fresh().token()
    assert thread(client, reader=other).json()["thread"]["comments"] == []
    # A forged token names nobody.
    assert thread(client, reader=token[:-3] + "abc").json()["thread"]["comments"] == []


def test_a_rejected_own_comment_shows_the_clause_message(client, article, send, engine_answers):
    engine_answers("reject", clause="personal_attacks")
    posted = send("POST", POST, comment(text="You are an idiot.", lang="ar"))
    mine = thread(client, reader=posted.json()["reader"], lang="ar").json()["thread"]
    assert mine["comments"][0]["own"] == "rejected"
    assert mine["comments"][0]["own_message"] == posted.json()["message"]


def test_picks_come_first_and_are_flagged(client, article, post, moderator):
    older = post("The older comment.").comment
    newer = post("The newer comment, picked.").comment
    picks.feature_comment(newer, actor=moderator)
    top = thread(client).json()["thread"]["comments"]
    assert [(c["id"], c["featured"]) for c in top] == [(newer.pk, True), (older.pk, False)]


def test_one_reaction_per_reader_counted_and_taken_back(client, article, send, post):
    target = post("Worth a reaction.").comment
    url = f"/api/embed/comments/{target.pk}/reaction"

    first = send("POST", url, {})
    assert first.status_code == 200
    body = first.json()
    assert (body["count"], body["reacted"]) == (1, True)
    token = body["reader"]
    again = send("POST", url, {}, reader=token).json()
    assert (again["count"], again["reacted"]) == (1, True)
    assert send("POST", url, {}, reader=Visitor.fresh().token()).json()["count"] == 2

    shown = thread(client, reader=token).json()["thread"]["comments"][0]
    assert (shown["reactions"], shown["reacted"]) == (2, True)
    assert thread(client).json()["thread"]["comments"][0]["reacted"] is False

    back = send("DELETE", url, reader=token).json()
    assert (back["count"], back["reacted"]) == (1, False)


def test_sorting_by_newest_and_by_reactions(client, article, send, post):
    a = post("First.").comment
    b = post("Second.").comment
    c = post("Third.").comment
    for _ in range(2):
        send("POST", f"/api/embed/comments/{b.pk}/reaction", {}, reader=Visitor.fresh().token())
    send("POST", f"/api/embed/comments/{c.pk}/reaction", {}, reader=Visitor.fresh().token())

    def order(sort):
        body = thread(client, sort=sort).json()["thread"]
        assert body["sort"] == (sort if sort != "nonsense" else "oldest")
        return [x["id"] for x in body["comments"]]

    assert order("oldest") == [a.pk, b.pk, c.pk]
    assert order("newest") == [c.pk, b.pk, a.pk]
    assert order("reactions") == [b.pk, c.pk, a.pk]
    assert order("nonsense") == [a.pk, b.pk, c.pk]


def test_a_report_is_counted_once_per_reader_and_thanked_in_the_page_language(article, send, post):
    target = post("Reported, perhaps unfairly.").comment
    url = f"/api/embed/comments/{target.pk}/reports"

    first = send("POST", url, {"clause_id": "personal_attacks", "lang": "en"})
    assert first.status_code == 201
    assert first.json()["message"] == "Thank you, a moderator will look at it."
    token = first.json()["reader"]
    again = send("POST", url, {"clause_id": "personal_attacks"}, reader=token)
    assert again.status_code == 200 and again.json()["reported"] is False
    assert Report.objects.filter(comment=target).count() == 1

    turkish = send("POST", url, {"clause_id": "nope", "lang": "tr"})
    assert turkish.status_code == 422
    assert turkish.json()["error"]["code"] == "unknown_clause"
    assert turkish.json()["error"]["message"] != "No such guideline clause."
    assert send("POST", url, {"lang": "en"}).json()["error"]["code"] == "clause_required"


def test_reports_at_the_threshold_return_the_comment_to_the_queue(
    article, send, post, settings, client
):
    settings.CIVILITY_REPORT_THRESHOLD = 2
    settings.CIVILITY_REPORT_HIDE_THRESHOLD = 0
    target = post("Reported by two readers.").comment
    url = f"/api/embed/comments/{target.pk}/reports"
    for n in range(2):
        answer = client.post(
            url,
            json.dumps({"clause_id": "personal_attacks"}),
            content_type="application/json",
            headers={"Origin": SITE_ORIGIN, "X-Civility-Reader": Visitor.fresh().token()},
            REMOTE_ADDR=f"198.51.100.{n + 1}",
        )
        assert answer.status_code == 201
    from civility.threads.reports import returned_to_queue

    assert list(returned_to_queue()) == [target]
    assert Comment.objects.get(pk=target.pk).status == CommentStatus.APPROVED


@pytest.mark.parametrize(
    ("method", "path", "data"),
    [
        ("POST", "/api/embed/comments/{pk}/reports", {"clause_id": "personal_attacks"}),
        ("POST", "/api/embed/comments/{pk}/reaction", {}),
        ("DELETE", "/api/embed/comments/{pk}/reaction", None),
    ],
)
def test_reader_writes_need_a_configured_site_and_a_published_comment(
    article, send, post, method, path, data
):
    target = post("Published.").comment
    held = post("Held.", decision="review").comment
    refused = send(method, path.format(pk=target.pk), data, origin="https://evil.example")
    assert refused.status_code == 403
    assert refused.json()["error"]["code"] == "origin_not_allowed"
    for pk in (held.pk, 999999, 2**70):
        missing = send(method, path.format(pk=pk), data)
        assert missing.status_code in (404, 422), pk
        if missing.status_code == 404:
            assert missing.json()["error"]["code"] == "comment_not_found"


def test_a_closed_thread_says_so_and_offers_no_reply(client, article, post, moderator):
    post("Before closing.")
    closing.close_comments(article, actor=moderator)
    body = thread(client).json()
    assert body["article"]["comments_open"] is False and body["thread"]["open"] is False
    assert body["thread"]["comments"][0]["can_reply"] is False


def test_the_thread_is_cached_and_a_reader_has_their_own_etag(client, article, post):
    post("Cached.")
    mine = Visitor.fresh().token()
    anyone = thread(client)
    reader = thread(client, reader=mine)
    assert anyone["ETag"] != reader["ETag"]
    assert "X-Civility-Reader" in anyone["Vary"]
    again = client.get(
        THREAD,
        {"article": "rudaw-123"},
        headers={"If-None-Match": reader["ETag"], "X-Civility-Reader": mine},
    )
    assert again.status_code == 304
    # Once the reader's token lists a comment of theirs, their copy is stale.
    listed = Visitor.from_token(mine).with_comment(1).token()
    assert thread(client, reader=listed)["ETag"] != reader["ETag"]


def test_the_interface_offers_the_prohibited_clauses_in_the_page_language(client, article):
    clauses = thread(client, lang="ckb").json()["interface"]["report_clauses"]
    ids = [c["id"] for c in clauses]
    assert "personal_attacks" in ids and "relevance" not in ids
    english = {c["id"]: c["label"] for c in thread(client).json()["interface"]["report_clauses"]}
    assert english["personal_attacks"] == "Personal attacks"
    assert all(c["label"] != english[c["id"]] for c in clauses)


def test_preflight_allows_the_reader_header_and_delete(client, site):
    answer = client.options(
        "/api/embed/comments/1/reaction",
        headers={
            "Origin": SITE_ORIGIN,
            "Access-Control-Request-Method": "DELETE",
            "Access-Control-Request-Headers": "x-civility-reader",
        },
    )
    assert answer.status_code == 204
    assert "DELETE" in answer["Access-Control-Allow-Methods"]
    assert "X-Civility-Reader" in answer["Access-Control-Allow-Headers"]


@pytest.mark.parametrize("lang", ["ar", "ckb", "kmr", "tr"])
def test_every_word_of_the_widget_is_translated(lang):
    """The widget's words come from the catalogs (embed/interface.py): none may
    fall back to English in a language Civility speaks."""
    from django.utils import translation

    from civility.embed import interface

    english = interface.strings()
    with translation.override(lang):
        words = interface.strings()
        clauses = interface.report_clauses()
    assert [key for key in words if words[key] == english[key]] == []
    labels = {c["id"]: c["label"] for c in interface.report_clauses()}
    assert all(c["label"] != labels[c["id"]] for c in clauses)
