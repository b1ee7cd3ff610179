"""The article page's thread (issue 14): replies, picks, reactions and sorting,
reports, closing; and the desk's Feature and Close buttons.

Through Django's test client; tests/browser/test_thread_in_browser.py drives
the same in Chromium.
"""

from __future__ import annotations

import re

import pytest
from django.test import Client
from django.urls import reverse

from civility.abuse import bots
from civility.comments import actions
from civility.comments.models import Comment, CommentStatus
from civility.threads import cache, closing, picks
from civility.threads.models import FeaturedComment, Reaction, Report, ThreadAction

pytestmark = pytest.mark.django_db


def page(client, article, query="") -> str:
    response = client.get(article.get_absolute_url() + query)
    assert response.status_code == 200
    return response.content.decode()


def comment_block(html: str, comment) -> str:
    """The comment's <li>, up to its first nested item or its end."""
    start = html.rindex("<li", 0, html.index(f'id="comment-{comment.pk}"'))
    end = html.find("</li>", start)
    return html[start:end]


def form(**overrides):
    data = {
        "author_name": "Dilan",
        "text": "I answer this point.",
        "issued": bots.form_timestamp(),
    }
    data.update(overrides)
    return data


# --- replies -----------------------------------------------------------------------


def test_a_reply_is_shown_under_its_parent(client, article, post):
    parent = post("The first comment.").comment
    other = post("Another comment, later.").comment
    reply = post("A reply to the first.", parent=parent).comment
    html = page(client, article)
    # Nested: in a list of replies inside the parent's item, before the next comment.
    assert html.index(parent.text) < html.index(reply.text) < html.index(other.text)
    assert re.search(
        rf'id="comment-{parent.pk}".*?<ol class="comment-list comment-list--replies"[^>]*>\s*'
        rf'<li class="comment comment--reply" id="comment-{reply.pk}"',
        html,
        re.S,
    )
    # One level deep by default: the reply itself offers no Reply.
    assert f"?reply={parent.pk}#post-comment" in html
    assert f"?reply={reply.pk}#post-comment" not in html


def test_a_reply_whose_parent_was_rejected_stays_without_the_parents_text(
    client, article, post, moderator
):
    parent = post("A comment rejected later.").comment
    reply = post("The reply stays.", parent=parent).comment
    actions.decide(parent, status="rejected", actor=moderator, clause_id="personal_attacks")
    html = page(client, article)
    assert "The reply stays." in html and "A comment rejected later." not in html
    assert "In reply to a comment that is no longer shown." in comment_block(html, reply)


def test_the_reply_form_names_the_parent_and_posts_the_reply(
    client, article, post, engine_answers, django_capture_on_commit_callbacks
):
    parent = post("Worth an answer.", author_name="Shilan").comment
    html = page(client, article, f"?reply={parent.pk}")
    assert f'name="parent_id" id="id_parent_id" value="{parent.pk}"' in html
    assert "Replying to: <bdi data-replying-name>Shilan</bdi>" in html

    engine_answers("approve")
    with django_capture_on_commit_callbacks(execute=True):  # the thread cache hears of it
        response = client.post(
            reverse("comments:post", args=[article.slug]), form(parent_id=str(parent.pk))
        )
    assert response.status_code == 303
    assert response["Location"].endswith(f"#comment-{parent.pk}")
    reply = Comment.objects.get(text="I answer this point.")
    assert reply.parent_id == parent.pk and reply.status == CommentStatus.APPROVED
    assert re.search(rf'id="comment-{reply.pk}"', page(client, article))


def test_a_held_reply_keeps_the_form_a_reply(client, article, post, engine_answers):
    parent = post("Worth an answer.").comment
    engine_answers("review")
    response = client.post(
        reverse("comments:post", args=[article.slug]), form(parent_id=str(parent.pk))
    )
    assert response["Location"].endswith(f"?reply={parent.pk}#comment-outcome")
    html = page(client, article, f"?reply={parent.pk}")
    # The reader sees their held reply under its parent, and may revise it.
    reply = Comment.objects.get(text="I answer this point.")
    assert "Awaiting moderation" in comment_block(html, reply)
    assert html.index(f'id="comment-{parent.pk}"') < html.index(f'id="comment-{reply.pk}"')
    assert f'value="{parent.pk}"' in html and "I answer this point.</textarea>" in html


def test_a_reply_to_an_unpublished_comment_is_refused_with_a_message(
    client, article, post, engine_answers
):
    held = post("Held.", decision="review").comment
    response = client.post(
        reverse("comments:post", args=[article.slug]), form(parent_id=str(held.pk))
    )
    assert response.status_code == 303
    html = client.get(response["Location"]).content.decode()
    assert "You can only reply to a published comment on this article." in html
    assert not Comment.objects.filter(text="I answer this point.").exists()


# --- editors' picks ------------------------------------------------------------------


def test_a_featured_comment_is_shown_first_and_marked(client, article, post, moderator):
    first = post("The oldest comment.").comment
    later = post("The pick, posted later.").comment
    picks.feature_comment(later, actor=moderator)
    html = page(client, article)
    assert html.index(later.text) < html.index(first.text)
    assert "comment--featured" in comment_block(html, later)
    assert "<strong>Featured</strong>" in comment_block(html, later)
    assert "Featured" not in comment_block(html, first)


# --- reactions and sorting -------------------------------------------------------------


def test_reacting_counts_once_and_shows_pressed_to_that_reader_only(client, article, post):
    comment = post("Well said.").comment
    url = reverse("comments:react", args=[comment.pk])
    response = client.post(url, {"on": "1"})
    assert response.status_code == 303
    assert response["Location"].endswith(f"{article.get_absolute_url()}#comment-{comment.pk}")
    client.post(url, {"on": "1"})  # again: still one
    assert Reaction.objects.filter(comment=comment).count() == 1
    mine = comment_block(page(client, article), comment)
    assert 'aria-pressed="true"' in mine and "data-react-count>1<" in mine
    # Another reader sees the count from the same cached layout, not pressed.
    theirs = comment_block(page(Client(), article), comment)
    assert 'aria-pressed="false"' in theirs and "data-react-count>1<" in theirs
    # Taken back.
    client.post(url, {"on": "0"})
    assert 'aria-pressed="false"' in comment_block(page(client, article), comment)


def test_a_reaction_from_fetch_gets_json(client, article, post):
    comment = post("Well said.").comment
    response = client.post(
        reverse("comments:react", args=[comment.pk]), {"on": "1"}, HTTP_ACCEPT="application/json"
    )
    assert response.json() == {"comment_id": comment.pk, "count": 1, "reacted": True}


def test_most_reacted_first_and_the_choice_persists(client, article, post):
    quiet = post("Nobody reacts to this.").comment
    liked = post("Everyone likes this.").comment
    for _ in range(2):
        Client().post(reverse("comments:react", args=[liked.pk]), {"on": "1"})
    assert page(client, article).index(quiet.text) < page(client, article).index(liked.text)
    html = page(client, article, "?sort=reactions")
    assert html.index(liked.text) < html.index(quiet.text)
    assert re.search(r'href="\?sort=reactions#comments-heading" aria-current="true"', html)
    # The choice is kept: the next visit without ?sort= is in the same order.
    again = page(client, article)
    assert again.index(liked.text) < again.index(quiet.text)
    newest = page(client, article, "?sort=newest")
    assert newest.index(liked.text) < newest.index(quiet.text)
    assert 'href="?sort=newest#comments-heading" aria-current="true"' in newest


# --- reports ---------------------------------------------------------------------------


def test_reporting_asks_for_the_guideline_and_thanks_the_reader(client, article, post):
    comment = post("Report me.").comment
    html = page(client, article, f"?report={comment.pk}")
    assert f'action="{reverse("comments:report", args=[comment.pk])}"' in html
    assert 'value="personal_attacks"' in html and "Personal attacks" in html

    url = reverse("comments:report", args=[comment.pk])
    missing = client.post(url, {})
    assert missing["Location"].endswith(f"?report={comment.pk}#report-{comment.pk}")
    assert (
        "Choose the guideline this comment breaks."
        in client.get(missing["Location"]).content.decode()
    )

    done = client.post(url, {"clause_id": "personal_attacks"})
    assert done["Location"].endswith("#thread-outcome")
    assert (
        "Thank you, a moderator will look at it." in client.get(done["Location"]).content.decode()
    )
    again = client.post(url, {"clause_id": "abuse"})
    assert (
        "You have already reported this comment" in client.get(again["Location"]).content.decode()
    )
    assert Report.objects.filter(comment=comment).count() == 1


def test_reports_from_several_readers_return_the_comment_to_the_desk(
    article, post, moderator, settings
):
    settings.CIVILITY_REPORT_THRESHOLD = 2
    comment = post("Reported twice.").comment
    for n in range(2):
        Client(REMOTE_ADDR=f"203.0.113.{n + 1}").post(
            reverse("comments:report", args=[comment.pk]), {"clause_id": "abuse"}
        )
    desk = Client()
    desk.force_login(moderator)
    html = desk.get(reverse("moderators:reported")).content.decode()
    assert "Reported twice." in html and "Readers reported it:" in html


# --- the desk: Feature, Close ----------------------------------------------------------


def test_the_desk_features_a_published_comment(article, post, moderator):
    comment = post("Pick me.").comment
    desk = Client()
    desk.force_login(moderator)
    approved = desk.get(reverse("moderators:approved")).content.decode()
    assert f'action="{reverse("moderators:feature", args=[comment.pk])}"' in approved
    response = desk.post(
        reverse("moderators:feature", args=[comment.pk]),
        {"featured": "1", "view": "approved"},
        HTTP_HX_REQUEST="true",
    )
    assert response.status_code == 200
    body = response.content.decode()
    assert "Stop featuring" in body and "Featured: shown first in its thread" in body
    assert FeaturedComment.objects.filter(comment=comment).exists()
    assert "Stop featuring" in desk.get(reverse("moderators:approved")).content.decode()
    # Without htmx: a redirect back.
    plain = desk.post(
        reverse("moderators:feature", args=[comment.pk]),
        {"featured": "0", "next": "/moderate/approved/"},
    )
    assert plain.status_code == 302 and plain["Location"] == "/moderate/approved/"
    assert not FeaturedComment.objects.exists()
    assert list(ThreadAction.objects.values_list("kind", flat=True)) == ["featured", "unfeatured"]


def test_the_desk_closes_and_reopens_an_article(
    client, article, post, moderator, django_capture_on_commit_callbacks
):
    post("Before closing.")
    desk = Client()
    desk.force_login(moderator)
    listed = desk.get(reverse("moderators:approved") + f"?article={article.slug}").content.decode()
    assert "Close comments" in listed and "Comments are open." in listed
    response = desk.post(
        reverse("moderators:close", args=[article.slug]), {"open": "0"}, HTTP_HX_REQUEST="true"
    )
    assert "Reopen" in response.content.decode()
    html = page(client, article)
    assert "Comments are closed for this article." in html and 'name="text"' not in html
    assert "?reply=" not in html
    with django_capture_on_commit_callbacks(execute=True):  # the thread cache hears of it
        desk.post(reverse("moderators:close", args=[article.slug]), {"open": "1"})
    assert 'name="text"' in page(client, article)


def test_only_moderators_feature_or_close(client, article, post):
    comment = post("Pick me.").comment
    assert client.post(reverse("moderators:feature", args=[comment.pk])).status_code == 302
    assert client.post(reverse("moderators:close", args=[article.slug])).status_code == 302
    assert not FeaturedComment.objects.exists()
    article.refresh_from_db()
    assert article.comments_open
    assert closing  # the action functions themselves are tested in tests/threads/


# --- refusals and later pages ----------------------------------------------------------


def test_the_rate_limits_are_said_plainly(client, article, post, settings):
    from civility.web.config import Rate

    settings.CIVILITY_RATE_LIMIT_REPORTS = Rate(1, 3600)
    settings.CIVILITY_RATE_LIMIT_REACTIONS = Rate(1, 600)
    first, second = post("One.").comment, post("Two.").comment
    client.post(reverse("comments:report", args=[first.pk]), {"clause_id": "abuse"})
    refused = client.post(reverse("comments:report", args=[second.pk]), {"clause_id": "abuse"})
    html = client.get(refused["Location"]).content.decode()
    assert "You have sent many reports in a short time; please try again later." in html
    assert not Report.objects.filter(comment=second).exists()

    client.post(reverse("comments:react", args=[first.pk]), {"on": "1"})
    too_many = client.post(reverse("comments:react", args=[second.pk]), {"on": "1"})
    assert too_many["Location"].endswith("#thread-outcome")
    assert (
        "Too many reactions from your connection"
        in client.get(too_many["Location"]).content.decode()
    )
    as_json = client.post(
        reverse("comments:react", args=[second.pk]), {"on": "1"}, HTTP_ACCEPT="application/json"
    )
    assert as_json.status_code == 429 and as_json.json()["error"]["code"] == "rate_limited"


def test_a_sorani_page_reports_in_sorani(client, make_article, pinned_engine):
    from django.utils import translation

    from civility.posting.service import post_comment

    article = make_article(slug="ckb-report", language="ckb")
    comment = post_comment(
        article=article,
        author_name="Hêmin",
        author_email="h@example.org",
        text="هیوادارین ئاگربەست بەردەوام بێت.",
        engine=pinned_engine("approve"),
    ).comment
    with translation.override("ckb"):
        thanks = translation.gettext("Thank you, a moderator will look at it.")
        label = translation.gettext("Personal attacks")
    assert label in page(client, article, f"?report={comment.pk}")
    done = client.post(reverse("comments:report", args=[comment.pk]), {"clause_id": "abuse"})
    assert thanks in client.get(done["Location"]).content.decode()


def test_reply_report_and_respect_stay_on_the_comments_page(client, article, post):
    import datetime as dt

    base = dt.datetime(2016, 4, 21, 12, 0, tzinfo=dt.UTC)
    comments = [
        post(f"Comment {n}.", now=base + dt.timedelta(minutes=n)).comment for n in range(51)
    ]
    last = comments[-1]
    html = page(client, article, "?page=2")
    assert f'href="?page=2&amp;report={last.pk}#report-{last.pk}"' in html
    assert f'href="?page=2&amp;reply={last.pk}#post-comment"' in html
    reacted = client.post(reverse("comments:react", args=[last.pk]), {"on": "1", "page": "2"})
    assert reacted["Location"].endswith(f"?page=2#comment-{last.pk}")
    missing = client.post(reverse("comments:report", args=[last.pk]), {"page": "2"})
    assert missing["Location"].endswith(f"?page=2&report={last.pk}#report-{last.pk}")
    assert f'id="report-{last.pk}"' in client.get(missing["Location"]).content.decode()


def test_a_moderator_reading_the_page_has_a_way_to_the_desk(client, article, moderator):
    assert "Moderate this thread" not in page(client, article)
    client.force_login(moderator)
    html = page(client, article)
    assert f'href="/moderate/approved/?article={article.slug}">Moderate this thread</a>' in html


def test_the_reply_form_opens_only_for_a_comment_that_may_be_answered(
    client, article, post, settings
):
    import datetime as dt

    parent = post("Worth an answer.").comment
    reply = post("An answer.", parent=parent).comment
    # A reply to the reply would be two deep: the form stays an ordinary one.
    assert 'name="parent_id" id="id_parent_id" value=""' in page(
        client, article, f"?reply={reply.pk}"
    )
    settings.CIVILITY_REPLY_DEPTH = 2
    cache.invalidate(article.pk)  # a setting is read when the layout is built
    assert f'id="id_parent_id" value="{reply.pk}"' in page(client, article, f"?reply={reply.pk}")
    # A comment on another page of the thread (a held reply's redirect has no page).
    settings.CIVILITY_REPLY_DEPTH = 1
    cache.invalidate(article.pk)
    base = dt.datetime(2016, 4, 22, 12, 0, tzinfo=dt.UTC)
    for n in range(50):  # older than the parent: the parent moves to page 2
        post(f"Earlier {n}.", now=base + dt.timedelta(minutes=n))
    html = page(client, article, f"?reply={parent.pk}")
    assert "Worth an answer." not in html and f'id="id_parent_id" value="{parent.pk}"' in html
