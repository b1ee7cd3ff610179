"""A reader can read and comment in each language in the demo.

The demo as `civility demo` sets it up (the seed article and one article per
other language, sample comments through the real engine), then one reader per
language reads the article and posts a civil comment through the real form
and the real engine. The Sorani and Kurmanji comments are clearly civil (no
rule fires, the dialect is surely identified), so the policy's
"clearly_civil" mode publishes them; the reader is told so in their language.
"""

from __future__ import annotations

import pytest
from django.urls import reverse
from django.utils.html import escape

from civility.abuse import bots
from civility.articles.models import Article
from civility.demo import all_demo_articles, setup_demo

CIVIL = {
    "en": "Thank you, a clear report on the ceasefire.",
    "ar": "شكرًا على هذا الخبر، أتمنى أن يزور المعرض عدد كبير من الطلاب.",
    "ckb": "زۆر سوپاس بۆ ئەم هەواڵە، ڕێگاکە زۆر پێویست بوو.",
    "kmr": "Spas ji bo vê nûçeyê, festîval ji bo bajêr gelek baş e.",
    "tr": "Bu haber için teşekkürler, kalenin korunması çok önemli.",
}
OUTCOMES = {
    "en": ("Your comment is published.",),
    "ar": ("نُشر تعليقك.",),
    "ckb": ("لێدوانەکەت بڵاوکرایەوە.",),
    "kmr": ("Şîroveya te hat weşandin.",),
    "tr": ("Yorumunuz yayımlandı.",),
}


@pytest.mark.django_db
def test_a_reader_reads_and_comments_in_each_language(client):
    site = setup_demo()  # once for all five: it posts every sample through the engine
    languages = [article["language"] for article in all_demo_articles()]
    assert languages == ["en", "ar", "ckb", "kmr", "tr"]
    assert site.articles == [article["slug"] for article in all_demo_articles()]
    for lang in languages:
        read_and_comment(client, Article.objects.get(language=lang, slug__in=site.articles))


def read_and_comment(client, article: Article) -> None:
    lang = article.language
    html = client.get(article.get_absolute_url()).content.decode()
    direction = "rtl" if lang in ("ar", "ckb") else "ltr"
    assert f'<html lang="{lang}" dir="{direction}">' in html
    assert escape(article.title) in html
    # Published sample comments in the article's language are on the page.
    published = article.comments.filter(status="approved")
    assert published.exists(), lang
    for comment in published:
        assert f">{escape(comment.text)}</p>" in html, (lang, comment.text)

    response = client.post(
        reverse("comments:post", args=[article.slug]),
        {
            "author_name": "Reader",
            "author_email": f"reader-{lang}@example.org",
            "text": CIVIL[lang],
            "issued": bots.form_timestamp(),
        },
        follow=True,
    )
    assert response.status_code == 200, lang
    page = response.content.decode()
    assert any(outcome in page for outcome in OUTCOMES[lang]), (lang, page[-3000:])
    stored = article.comments.get(text=CIVIL[lang])
    assert stored.status == "approved", lang
