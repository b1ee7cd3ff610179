"""Reader pages through Django's test client: article, comment form, home, tags.

The engine is replaced through the CIVILITY_ENGINE_FACTORY setting (a fake
that answers a fixed decision), so these tests are about the pages, not the
models; tests/browser/ covers the real engine end to end.
"""

from __future__ import annotations

import datetime as dt
import re

import pytest
from django.urls import reverse

from civility.abuse import bots
from civility.articles.models import Article, Tag
from civility.comments.models import Comment, CommentStatus

pytestmark = pytest.mark.django_db

GUIDELINES = (
    "Rudaw moderates all comments submitted on our website. We welcome comments which are "
    "relevant to the article and encourage further discussion about the issues that matter to "
    "you. We also welcome constructive criticism about Rudaw.",
    "To be approved for publication, however, your comments must meet our community guidelines.",
    "We will not tolerate the following: profanity, threats, personal attacks, vulgarity, abuse "
    "(such as sexism, racism, homophobia or xenophobia), or commercial or personal promotion.",
    "Comments that do not meet our guidelines will be rejected. Comments are not edited – they "
    "are either approved or rejected.",
)


def approved_comment(article, text="A fair point.", name="Shilan", when=None):
    """A published comment stored directly (its decision history is not the point here)."""
    when = when or dt.datetime(2016, 4, 21, 12, 0, tzinfo=dt.UTC)
    return Comment.objects.create(
        article=article,
        author_name=name,
        author_email="shilan@example.org",
        text=text,
        language="en",
        created_at=when,
        status=CommentStatus.APPROVED,
        content_hash=f"{text}-{when.isoformat()}",
    )


def form_data(**overrides):
    data = {
        "author_name": "Shilan",
        "author_email": "shilan@example.org",
        "text": "A fair point about the ceasefire.",
        # The signed "form issued at" the page gives every form (abuse/bots.py).
        "issued": bots.form_timestamp(),
    }
    data.update(overrides)
    return data


def post_url(article):
    return reverse("comments:post", args=[article.slug])


# --- the article page ----------------------------------------------------------


def test_article_page_shows_the_article_as_the_publisher_wrote_it(client, article):
    article.tags.set(Tag.objects.for_names(["Aleppo", "Syria", "Russia", "Nusra", "ceasefire"]))
    html = client.get(article.get_absolute_url()).content.decode()

    assert "<h1" in html and article.title in html
    assert '<time datetime="2016-04-21">21-04-2016</time>' in html
    assert "Rudaw" in html
    tag_links = re.findall(r'<a href="/tags/([^/]+)/">([^<]+)</a>', html)
    assert tag_links == [
        ("aleppo", "Aleppo"),
        ("syria", "Syria"),
        ("russia", "Russia"),
        ("nusra", "Nusra"),
        ("ceasefire", "ceasefire"),
    ]
    # The dateline leads the first paragraph, and only the first.
    assert (
        '<p><span class="dateline">ERBIL, Kurdistan Region</span> - '
        "Russia defended military action.</p>"
    ) in html
    assert "<p>Nusra is excluded from the ceasefire.</p>" in html
    assert html.count("ERBIL, Kurdistan Region") == 1


def test_article_page_states_the_guidelines_exactly(client, article):
    html = client.get(article.get_absolute_url()).content.decode()
    for paragraph in GUIDELINES:
        assert f"<p>{paragraph}</p>" in html


def test_article_page_carries_language_and_direction(client, article):
    html = client.get(article.get_absolute_url()).content.decode()
    assert '<html lang="en" dir="ltr">' in html

    sorani = Article.objects.create(
        slug="sorani", title="ھەواڵ", published=dt.date(2016, 4, 21), body="دەق", language="ckb"
    )
    html = client.get(sorani.get_absolute_url()).content.decode()
    assert '<html lang="ckb" dir="rtl">' in html
    # The whole page speaks the article's language, whatever the browser asks
    # for: no English parts, so nothing needs its own lang (tests/i18n has more).
    for accept in ("en", "ckb", "ar"):
        html = client.get(sorani.get_absolute_url(), HTTP_ACCEPT_LANGUAGE=accept).content.decode()
        assert '<section class="comments" aria-labelledby="comments-heading">' in html
        assert '<header class="site-header">' in html
        assert '<h2 id="comments-heading">لێدوانەکان</h2>' in html


def test_an_english_page_does_not_repeat_its_language(client, article):
    html = client.get(article.get_absolute_url()).content.decode()
    assert '<section class="comments" aria-labelledby="comments-heading">' in html
    assert '<header class="site-header">' in html


def test_article_page_has_text_size_controls_and_no_inline_script(client, article):
    html = client.get(article.get_absolute_url()).content.decode()
    assert 'data-text-size="up"' in html and 'data-text-size="down"' in html
    assert '<script src="/static/civility/js/article.js" defer></script>' in html
    # A CSP without 'unsafe-inline' must not break the page.
    assert re.search(r"<script(?![^>]*\bsrc=)[^>]*>", html) is None
    assert re.search(r"\son[a-z]+=", html) is None
    assert "style=" not in html


def test_unknown_article_is_404(client, db):
    assert client.get("/articles/no-such-article/").status_code == 404


def test_form_has_labels_csrf_and_states_the_limit(client, article):
    html = client.get(article.get_absolute_url()).content.decode()
    # Each field says whether it is required, next to it (the seed's form: a
    # name and the comment; the e-mail optional).
    need = '<span class="field-need" aria-hidden="true">({})</span>'
    for field, label, what in (
        ("author_name", "Name", "required"),
        ("author_email", "Email", "optional"),
        ("text", "Comment", "required"),
    ):
        assert f'<label for="id_{field}">{label}</label> {need.format(what)}' in html
    assert "All fields are required." not in html
    assert 'id="id_author_email" value="" maxlength="254" autocomplete="email" aria' in html
    assert 'name="csrfmiddlewaretoken"' in html
    assert "2,000 characters at most." in html
    assert 'maxlength="2000"' in html
    assert "Never shown on the site; needed only if you want an e-mail" in html
    assert ">Post</button>" in html


def test_the_site_may_require_the_email(client, article, settings):
    settings.CIVILITY_EMAIL_REQUIRED = True
    html = client.get(article.get_absolute_url()).content.decode()
    assert (
        '<span class="field-need" aria-hidden="true">(required)</span></div>\n    <input type="email"'
        in html
    )
    assert 'autocomplete="email" required' in html


def test_closed_article_shows_no_form(client, article):
    article.comments_open = False
    article.save()
    html = client.get(article.get_absolute_url()).content.decode()
    assert "Comments are closed for this article." in html
    assert 'name="text"' not in html


# --- showing comments ----------------------------------------------------------


def test_only_approved_comments_are_shown_oldest_first(client, article):
    base = dt.datetime(2016, 4, 21, 12, 0, tzinfo=dt.UTC)
    approved_comment(article, "Second comment", when=base + dt.timedelta(minutes=5))
    approved_comment(article, "First comment", when=base)
    Comment.objects.create(
        article=article,
        author_name="X",
        author_email="x@example.org",
        text="Held comment",
        created_at=base,
        status=CommentStatus.PENDING,
        content_hash="held",
    )
    html = client.get(article.get_absolute_url()).content.decode()
    assert html.index("First comment") < html.index("Second comment")
    assert "Held comment" not in html
    assert '<time datetime="2016-04-21T12:00:00+00:00">21-04-2016 12:00 UTC</time>' in html


def test_times_are_in_the_sites_zone_and_say_which(client, article, settings):
    """Rudaw's readers in Erbil: 12:00 UTC is 15:00 there, and the page says UTC+3."""
    settings.TIME_ZONE = "Asia/Baghdad"
    approved_comment(
        article, "A comment at noon UTC.", when=dt.datetime(2016, 4, 21, 12, 0, tzinfo=dt.UTC)
    )
    html = client.get(article.get_absolute_url()).content.decode()
    assert '<time datetime="2016-04-21T15:00:00+03:00">21-04-2016 15:00 UTC+3</time>' in html


def test_comment_text_is_escaped_and_isolated(client, article):
    approved_comment(article, '<script>alert("x")</script>\nline two', name="<b>Bold</b>")
    html = client.get(article.get_absolute_url()).content.decode()
    assert "<script>alert" not in html
    assert "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;\nline two" in html
    assert '<bdi class="comment__author">&lt;b&gt;Bold&lt;/b&gt;</bdi>' in html
    assert re.search(r'<p class="comment__text" dir="auto"[^>]*>&lt;script', html)


def test_an_erased_author_is_shown_as_removed(client, article):
    from civility.privacy.commenters import erase_commenter

    approved_comment(article, "Still here, anonymously.", name="Shilan")
    erase_commenter("shilan@example.org")
    html = client.get(article.get_absolute_url()).content.decode()
    assert "Still here, anonymously." in html
    assert "Name removed at the author's request" in html
    assert "[erased]" not in html and "Shilan" not in html


def test_comments_paginate_past_fifty(client, article):
    base = dt.datetime(2016, 4, 21, 12, 0, tzinfo=dt.UTC)
    for n in range(51):
        approved_comment(article, f"Comment number {n:02d}", when=base + dt.timedelta(minutes=n))

    first = client.get(article.get_absolute_url()).content.decode()
    assert "Comment number 00" in first and "Comment number 49" in first
    assert "Comment number 50" not in first
    assert "Page 1 of 2" in first and "?page=2" in first

    second = client.get(article.get_absolute_url() + "?page=2").content.decode()
    assert "Comment number 50" in second and "Comment number 49" not in second

    # A page past the end shows the last page rather than an error.
    assert (
        "Comment number 50" in client.get(article.get_absolute_url() + "?page=9").content.decode()
    )


# --- posting -------------------------------------------------------------------


@pytest.mark.parametrize(
    "decision, outcome, css",
    [
        ("approve", "Your comment is published.", "outcome--success"),
        ("review", "Your comment is held for a moderator.", "outcome--info"),
        ("reject", "Rejected: personal attacks are not allowed.", "outcome--error"),
    ],
)
def test_posting_redirects_back_with_the_outcome(
    client, article, engine_answers, decision, outcome, css
):
    engine_answers(decision)
    response = client.post(post_url(article), form_data())

    assert response.status_code == 303
    assert response["Location"] == article.get_absolute_url() + "#comment-outcome"
    html = client.get(response["Location"]).content.decode()
    match = re.search(
        r'<div id="comment-outcome" role="status"[^>]*>\s*<p class="outcome ([^"]+)">([^<]+)</p>',
        html,
    )
    assert match, html
    assert match.groups() == (css, outcome)
    assert Comment.objects.get().text == "A fair point about the ceasefire."
    # Published for everyone only when approved; a held or rejected one is the
    # author's own, marked (tests/web/test_own_comments.py).
    published = re.search(r'<li class="comment" id="comment-\d+">', html) is not None
    assert published is (decision == "approve")
    assert ("comment--own" in html) is (decision != "approve")


def test_engine_failure_holds_the_comment(client, article, engine_answers):
    engine_answers("approve", raises=RuntimeError("model file missing"))
    response = client.post(post_url(article), form_data(), follow=True)
    assert "Your comment is held for a moderator." in response.content.decode()
    assert Comment.objects.get().status == CommentStatus.PENDING


def test_missing_email_shows_the_error_next_to_the_field_and_keeps_the_text(
    client, article, engine_answers
):
    """Asked to be told the outcome, the reader must give an e-mail. Post,
    redirect, get: a reload of the page with the error posts nothing."""
    response = client.post(
        post_url(article), form_data(author_email="", text="My <typed> words\nkept", notify="on")
    )
    assert response.status_code == 303
    assert response["Location"] == article.get_absolute_url() + "#error-summary"
    response = client.get(response["Location"])
    assert response.status_code == 422
    html = response.content.decode()
    assert 'id="author_email-error"' in html
    assert "Please give your email address, so we can tell you the outcome." in html
    # The summary at the top of the form links to the field.
    assert re.search(r'<div class="error-summary" id="error-summary" tabindex="-1" autofocus', html)
    assert '<li><a href="#id_author_email">Please give your email address' in html
    assert 'aria-invalid="true"' in html
    assert 'value="Shilan"' in html
    assert ">\nMy &lt;typed&gt; words\nkept</textarea>" in html
    assert not Comment.objects.exists()
    # Read once: the next visit is a fresh form.
    again = client.get(article.get_absolute_url())
    assert again.status_code == 200 and "error-summary" not in again.content.decode()


def test_without_an_email_the_comment_posts(client, article, engine_answers):
    engine_answers("approve")
    response = client.post(post_url(article), form_data(author_email=""), follow=True)
    assert "Your comment is published." in response.content.decode()
    assert Comment.objects.get().author_email == ""


def test_every_field_at_fault_is_marked_and_summarised(client, article, engine_answers):
    response = client.post(
        post_url(article), form_data(author_name="", author_email="nope", text=""), follow=True
    )
    assert response.status_code == 422
    html = response.content.decode()
    for field in ("author_name", "author_email", "text"):
        assert re.search(rf'id="id_{field}"[^>]*aria-invalid="true"', html), field
        assert f'<li><a href="#id_{field}">' in html
    assert "<title>Error: Russia defends" in html


def test_after_a_hold_or_a_rejection_the_form_keeps_what_was_typed(client, article, engine_answers):
    engine_answers("reject")
    html = client.post(
        post_url(article), form_data(text="My first draft."), follow=True
    ).content.decode()
    assert "Rejected: personal attacks are not allowed." in html
    assert 'value="Shilan"' in html and ">\nMy first draft.</textarea>" in html
    engine_answers("approve")
    html = client.post(
        post_url(article), form_data(text="My second draft."), follow=True
    ).content.decode()
    # Published: the name stays, the comment box is empty for the next one.
    assert 'value="Shilan"' in html and "My second draft.</textarea>" not in html


@pytest.mark.parametrize(
    "field, value, message",
    [
        ("author_name", "", "Please give your name."),
        ("author_name", "N" * 81, "at most 80 characters"),
        ("author_email", "not-an-address", "Please give a valid email address"),
        ("text", "", "Please write your comment."),
        ("text", "   \n  ", "Please write your comment."),
        ("text", "x" * 2001, "Please shorten your comment to 2000 characters at most"),
    ],
)
def test_invalid_fields_are_refused_with_their_message(
    client, article, engine_answers, field, value, message
):
    response = client.post(post_url(article), form_data(**{field: value}), follow=True)
    assert response.status_code == 422
    html = response.content.decode()
    error = re.search(rf'<p class="field-error" id="{field}-error">([^<]*)</p>', html)
    assert error and message in error.group(1), html
    assert not Comment.objects.exists()


def test_the_length_limit_is_a_setting(client, article, engine_answers, settings):
    settings.CIVILITY_COMMENT_MAX_CHARS = 10
    html = client.get(article.get_absolute_url()).content.decode()
    assert "10 characters at most." in html
    response = client.post(post_url(article), form_data(text="x" * 11), follow=True)
    assert response.status_code == 422


def test_posting_to_a_closed_article_is_refused(client, article, engine_answers):
    article.comments_open = False
    article.save()
    response = client.post(post_url(article), form_data(), follow=True)
    assert response.status_code == 409
    assert "Comments are closed for this article." in response.content.decode()
    assert not Comment.objects.exists()


def test_posting_needs_post_and_csrf(article, engine_answers):
    from django.test import Client

    assert Client().get(post_url(article)).status_code == 405
    strict = Client(enforce_csrf_checks=True)
    assert strict.post(post_url(article), form_data()).status_code == 403
    assert not Comment.objects.exists()


# --- home and tags -------------------------------------------------------------


def test_home_lists_articles_newest_first(client, article):
    newer = Article.objects.create(
        slug="newer", title="A newer article", published=dt.date(2016, 5, 1), body="Text."
    )
    html = client.get("/").content.decode()
    assert html.index(newer.title) < html.index(article.title)
    assert f'href="{article.get_absolute_url()}"' in html


def test_tag_page_lists_its_articles(client, article):
    Article.objects.create(
        slug="other", title="Untagged article", published=dt.date(2016, 5, 1), body="Text."
    )
    response = client.get("/tags/aleppo/")
    html = response.content.decode()
    assert response.status_code == 200
    assert "Aleppo" in html and article.title in html
    assert "Untagged article" not in html
    assert client.get("/tags/no-such-tag/").status_code == 404


def test_static_files_are_served(client, db):
    for path in (
        "/static/civility/css/civility.css",
        "/static/civility/js/article.js",
        "/static/civility/js/moderate.js",
        "/static/civility/js/vendor/htmx.min.js",
    ):
        response = client.get(path)
        assert response.status_code == 200, path
