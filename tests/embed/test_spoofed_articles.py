"""Issue 12, item 5: spoofed articles, each attack as the issue wrote it.

A script forges ``Origin`` at will, so a site with article creation on must
not let a page's metadata become a page of this site: titles are checked as
comment text is, ids must be on the site's own origin, and what is created
waits for an editor before readers see anything.
"""

from __future__ import annotations

import pytest

from civility.articles.models import Article
from civility.comments.models import Comment
from civility.embed.models import EmbedSite

pytestmark = [pytest.mark.postgres, pytest.mark.django_db]

SITE_ORIGIN = "https://news.example.com"
CREATE = "/api/embed/articles"
REAL_HEADLINE = "Russia defends military action in Aleppo region"  # tests/conftest.py's article
PAGE = {
    "article": "",
    "url": "https://news.example.com/2026/12/aleppo-statement",
    "title": REAL_HEADLINE,
    "description": "Anything the attacker likes.",
    "lang": "en",
}


@pytest.fixture
def creating(site):
    EmbedSite.objects.filter(pk=site.pk).update(create_articles=True)
    return site


@pytest.mark.parametrize(
    "title",
    [
        "Russia defends military action in \u0410leppo region",  # Cyrillic А
        "Russi\u0430 defends military action in Aleppo region",  # Cyrillic а at the end
        "R\u03bfssia defends military action",  # Greek omicron
        # Attack pass: compatibility forms passed the first version of the check.
        "\uff32ussia defends military action in Aleppo region",  # fullwidth Ｒ
        "\U0001d411ussia defends military action in Aleppo region",  # mathematical bold 𝐑
    ],
)
def test_a_cyrillic_look_alike_of_a_real_headline_is_refused(creating, post_json, title):
    response = post_json(CREATE, {**PAGE, "title": title})
    assert response.status_code == 422
    assert response.json()["error"]["code"] == "text_mixed_script"
    assert response.json()["error"]["field"] == "title"
    assert not Article.objects.exists()


@pytest.mark.parametrize(
    "title, code",
    [
        (f"\u202e{REAL_HEADLINE}", "text_bidi_controls"),
        ("Breaking: \u2067news\u2069", "text_bidi_controls"),
        ("Title\u0000with NUL", "text_control_chars"),
    ],
)
def test_a_title_is_checked_like_comment_text(creating, post_json, title, code):
    response = post_json(CREATE, {**PAGE, "title": title})
    assert response.status_code == 422
    assert response.json()["error"]["code"] == code
    assert not Article.objects.exists()


def test_one_script_words_in_any_script_are_titles(creating, post_json):
    for n, title in enumerate(["Путин says no", "هەواڵی Rudaw English", "Ελλάδα and Iraq"]):
        response = post_json(CREATE, {**PAGE, "url": f"{PAGE['url']}-{n}", "title": title})
        assert response.status_code == 202, (title, response.json())


@pytest.mark.parametrize(
    "article_id",
    [
        "https://evil.example/2026/12/aleppo",
        "//evil.example/x",
        "http://news.example.com.evil.example/",
    ],
)
def test_an_article_id_off_the_sites_origin_is_refused(creating, post_json, article_id):
    response = post_json(CREATE, {**PAGE, "article": article_id})
    assert response.status_code == 422
    assert response.json()["error"]["code"] in {"url_not_on_site", "invalid_url"}
    assert not Article.objects.exists()


def test_a_created_article_is_held_until_an_editor_approves_it(
    creating, client, post_json, engine_answers
):
    """The attack: a forged Origin creates a page with any body; nothing of it shows."""
    engine_answers("approve")
    response = post_json(CREATE, {**PAGE, "title": "Official statement on Aleppo"})
    assert response.status_code == 202
    created = Article.objects.get(title="Official statement on Aleppo")
    assert created.held
    assert client.get(created.get_absolute_url()).status_code == 404
    assert "Official statement" not in client.get("/").content.decode()
    assert client.get(f"/api/articles/{created.slug}").status_code == 404
    assert created.slug not in client.get("/api/articles").content.decode()
    assert client.get(f"/api/articles/{created.slug}/comments").status_code == 404
    thread = client.get("/api/embed/thread", {"url": PAGE["url"]}, headers={"Origin": SITE_ORIGIN})
    assert thread.status_code == 404 and thread.json()["error"]["code"] == "article_held"
    # No comment on it through any door.
    api = client.post(
        f"/api/articles/{created.slug}/comments",
        {"author_name": "A", "author_email": "a@example.org", "text": "First!"},
        content_type="application/json",
    )
    assert api.status_code == 404
    assert not Comment.objects.filter(article=created).exists()

    Article.objects.filter(pk=created.pk).update(held=False)  # the editor approves
    assert client.get(created.get_absolute_url()).status_code == 200
