"""Reader pages speak the article's language; the moderator UI, the moderator's.

Through Django's test client and real templates. The engine is a fixed fake
here (CIVILITY_ENGINE_FACTORY) so that each test chooses the outcome;
test_demo_languages.py posts through the real engine.
"""

from __future__ import annotations

import datetime as dt
import re

import pytest
from django.urls import reverse

from civility.abuse import bots
from civility.articles.models import Article
from civility.comments.models import Comment, CommentStatus

# What each language must show on its article page: the comments heading, the
# form's heading and first label, and the start of the translated guidelines.
EXPECTED = {
    "en": ("Comments", "Post a comment", "Name", "Rudaw moderates all comments"),
    "ar": ("التعليقات", "أضف تعليقًا", "الاسم", "تُشرف رووداو على جميع التعليقات"),
    "ckb": ("لێدوانەکان", "لێدوانێک بنووسە", "ناو", "ڕووداو چاودێری هەموو ئەو لێدوانانە"),
    "kmr": ("Şîrove", "Şîroveyekê binivîse", "Nav", "Rûdaw hemû şîroveyên"),
    "tr": ("Yorumlar", "Yorum yazın", "Ad", "Rudaw, web sitemize gönderilen"),
}
PUBLISHED = {
    "en": "Your comment is published.",
    "ar": "نُشر تعليقك.",
    "ckb": "لێدوانەکەت بڵاوکرایەوە.",
    "kmr": "Şîroveya te hat weşandin.",
    "tr": "Yorumunuz yayımlandı.",
}
REJECTED = {
    "en": "Rejected: personal attacks are not allowed.",
    "ar": "مرفوض: الهجمات الشخصية غير مسموح بها.",
    "ckb": "ڕەتکرایەوە: هێرشی کەسی ڕێگەپێدراو نییە.",
    "kmr": "Hat redkirin: êrîşên şexsî ne destûr in.",
    "tr": "Reddedildi: kişisel saldırı yasaktır.",
}
NAME_REQUIRED = {
    "en": "Please give your name.",
    "ar": "يرجى كتابة اسمك.",
    "ckb": "تکایە ناوت بنووسە.",
    "kmr": "Ji kerema xwe navê xwe binivîse.",
    "tr": "Lütfen adınızı yazın.",
}
RTL = {"ar", "ckb"}


def make_article(lang: str) -> Article:
    return Article.objects.create(
        slug=f"article-{lang}",
        title={"en": "News", "ar": "خبر", "ckb": "هەواڵ", "kmr": "Nûçe", "tr": "Haber"}[lang],
        published=dt.date(2016, 4, 21),
        body="…",
        language=lang,
    )


def form_data(**overrides) -> dict[str, str]:
    data = {
        "author_name": "Shilan",
        "author_email": "shilan@example.org",
        "text": "A fair point.",
        "issued": bots.form_timestamp(),
    }
    return {**data, **overrides}


@pytest.mark.parametrize("lang", EXPECTED)
def test_the_article_page_speaks_the_articles_language(client, db, lang):
    article = make_article(lang)
    # Whatever the browser prefers: the page follows the article.
    html = client.get(article.get_absolute_url(), HTTP_ACCEPT_LANGUAGE="tr").content.decode()
    direction = "rtl" if lang in RTL else "ltr"
    assert f'<html lang="{lang}" dir="{direction}">' in html
    comments, post_heading, name_label, guidelines = EXPECTED[lang]
    assert f'<h2 id="comments-heading">{comments}</h2>' in html
    assert f'<h2 id="post-comment">{post_heading}</h2>' in html
    assert f'<label for="id_author_name">{name_label}</label>' in html
    assert f"<p>{guidelines}" in html
    # No part of the page is left in another language, so nothing re-declares one.
    assert '<section class="comments" aria-labelledby="comments-heading">' in html
    assert "Post a comment" not in html or lang == "en"


@pytest.mark.parametrize("lang", EXPECTED)
def test_errors_and_outcomes_follow_the_article(client, db, engine_answers, lang):
    article = make_article(lang)
    url = reverse("comments:post", args=[article.slug])

    refused = client.post(url, form_data(author_name=""), follow=True, HTTP_ACCEPT_LANGUAGE="en")
    assert refused.status_code == 422
    html = refused.content.decode()
    assert f'<p class="field-error" id="author_name-error">{NAME_REQUIRED[lang]}</p>' in html

    published = client.post(url, form_data(), follow=True, HTTP_ACCEPT_LANGUAGE="en")
    assert PUBLISHED[lang] in published.content.decode()

    engine_answers("reject")
    rejected = client.post(
        url, form_data(text="You idiot.", author_email="b@example.org"), follow=True
    )
    assert REJECTED[lang] in rejected.content.decode()


def test_a_refused_character_is_named_in_the_articles_language(client, db):
    article = make_article("ar")
    url = reverse("comments:post", args=[article.slug])
    response = client.post(url, form_data(text="abc\u202edef"), follow=True)
    assert response.status_code == 422
    assert "يحتوي هذا على حرف يعيد ترتيب النص (U+202E)؛ يرجى حذفه." in response.content.decode()
    # The typed text comes back in a dir="auto" textarea, never as page markup.
    assert re.search(r'<textarea name="text"[^>]*dir="auto"', response.content.decode())


@pytest.mark.parametrize("lang", ["ar", "ckb"])
def test_names_and_comments_are_isolated_from_the_page(client, db, lang):
    """A Latin name or one ending in punctuation cannot reorder the line around it."""
    article = make_article(lang)
    Comment.objects.create(
        article=article,
        author_name="Karwan!",
        author_email="k@example.org",
        text="OK 2016.",
        language="en",
        status=CommentStatus.APPROVED,
        content_hash="isolated",
        created_at=dt.datetime(2016, 4, 21, 12, 0, tzinfo=dt.UTC),
    )
    html = client.get(article.get_absolute_url()).content.decode()
    assert '<bdi class="comment__author">Karwan!</bdi>' in html
    assert re.search(r'<p class="comment__text" dir="auto" lang="en">OK 2016\.</p>', html)


@pytest.fixture
def moderator_client(client, moderator):
    client.force_login(moderator)
    return client


def test_the_moderator_chooses_the_interface_language(moderator_client):
    article = make_article("tr")
    queue = moderator_client.get("/moderate/").content.decode()
    assert '<html lang="en" dir="ltr">' in queue
    assert 'action="/i18n/setlang/"' in queue
    assert '<option value="ckb" lang="ckb">کوردی</option>' in queue

    chosen = moderator_client.post(
        "/i18n/setlang/", {"language": "ar", "next": "/moderate/"}, follow=True
    )
    html = chosen.content.decode()
    assert chosen.redirect_chain[-1][0] == "/moderate/"
    assert '<html lang="ar" dir="rtl">' in html
    assert "<h1>الإشراف</h1>" in html
    assert '<option value="ar" lang="ar" selected>' in html
    # Remembered in a cookie for the next page...
    assert (
        "<h1>التعليقات المرفوضة</h1>"
        in moderator_client.get("/moderate/rejected/").content.decode()
    )
    # ...while an article page still speaks its own language.
    page = moderator_client.get(article.get_absolute_url()).content.decode()
    assert '<html lang="tr" dir="ltr">' in page and "Yorumlar" in page


def test_the_queue_shows_clause_labels_and_history_in_the_moderators_language(
    moderator_client, engine_answers
):
    article = make_article("en")
    engine_answers("review")
    moderator_client.post(reverse("comments:post", args=[article.slug]), form_data())
    moderator_client.post("/i18n/setlang/", {"language": "tr", "next": "/moderate/"})
    html = moderator_client.get("/moderate/").content.decode()
    assert '<option value="personal_attacks"' in html
    assert ">Kişisel saldırı</option>" in html  # the clause's short label
    # Why it is held: the clause in the moderator's language, its category and score.
    assert (
        '<li data-reason="clause">Şunlara tahammül etmeyeceğiz: kişisel saldırı. (kişisel saldırı 0.97)</li>'
        in html
    )
    assert "Neden bekletiliyor:" in html
    assert "Karar geçmişi (1)" in html


@pytest.mark.parametrize(
    ("accept", "lang", "direction"), [("ar", "ar", "rtl"), ("tr", "tr", "ltr")]
)
def test_pages_without_an_article_follow_the_browser(client, db, accept, lang, direction):
    make_article("ckb")
    html = client.get("/", HTTP_ACCEPT_LANGUAGE=accept).content.decode()
    assert f'<html lang="{lang}" dir="{direction}">' in html
    # Each listed article still carries its own language and direction.
    assert '<li class="article-list__item" lang="ckb" dir="rtl">' in html


def test_a_decision_is_confirmed_in_the_moderators_language(moderator_client, engine_answers):
    article = make_article("en")
    engine_answers("review")
    moderator_client.post(reverse("comments:post", args=[article.slug]), form_data())
    moderator_client.post("/i18n/setlang/", {"language": "tr", "next": "/moderate/"})
    comment = Comment.objects.get()
    response = moderator_client.post(
        reverse("moderators:decide", args=[comment.pk]),
        {"status": "rejected", "clause_id": "personal_attacks", "view": "queue"},
        follow=True,
    )
    assert (
        "“Şunlara tahammül etmeyeceğiz: kişisel saldırı.” kuralı gereği reddedildi."
        in response.content.decode()
    )


def test_a_refused_decision_is_explained_in_the_moderators_language(
    moderator_client, engine_answers
):
    article = make_article("en")
    engine_answers("review")
    moderator_client.post(reverse("comments:post", args=[article.slug]), form_data())
    moderator_client.post("/i18n/setlang/", {"language": "ckb", "next": "/moderate/"})
    response = moderator_client.post(
        reverse("moderators:decide", args=[Comment.objects.get().pk]),
        {"status": "rejected", "clause_id": "", "view": "queue"},
        follow=True,
    )
    assert "ئەو ڕێنماییە هەڵبژێرە کە ئەم لێدوانە پێشێلی دەکات." in response.content.decode()
