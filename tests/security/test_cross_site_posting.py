"""Another site's page cannot post comments through its visitors' browsers.

The attack: ``POST /api/articles/{slug}/comments`` took ``text/plain`` (or no
type), which a page on any site may send with ``fetch(..., {mode: "no-cors"})``
without asking first; each visitor posted from their own address (201),
past the per-address limit. The posting service's ``cross_site`` step now
takes JSON only, and a browser's post only from a trusted page.
"""

from __future__ import annotations

import json

import pytest

from civility.comments.models import Comment

pytestmark = pytest.mark.django_db

BODY = json.dumps(
    {"author_name": "Visitor", "author_email": "visitor@example.org", "text": "Posted for you."}
)
EVIL = "https://evil.example"


def post(client, article, *, content_type, origin=None, path="comments", body=BODY):
    extra = {"HTTP_ORIGIN": origin} if origin else {}
    return client.post(
        f"/api/articles/{article.slug}/{path}", body, content_type=content_type, **extra
    )


@pytest.mark.parametrize("content_type", ["text/plain", "text/plain;charset=UTF-8", ""])
def test_a_simple_cross_site_post_is_refused(client, article, engine_answers, content_type):
    response = post(client, article, content_type=content_type, origin=EVIL)
    assert response.status_code == 415, response.content[:200]
    assert response.json()["error"]["code"] == "unsupported_media_type"
    assert not Comment.objects.exists()


@pytest.mark.parametrize(
    "content_type", ["text/plain", "application/x-www-form-urlencoded", "multipart/form-data"]
)
def test_json_in_another_type_is_refused_even_without_an_origin(
    client, article, engine_answers, content_type
):
    response = post(client, article, content_type=content_type)
    assert response.status_code in (400, 415)
    assert not Comment.objects.exists()


@pytest.mark.parametrize("origin", [EVIL, "null", "http://testserver.evil.example", "garbage"])
def test_json_from_another_sites_page_is_refused(client, article, engine_answers, origin):
    response = post(client, article, content_type="application/json", origin=origin)
    assert response.status_code == 403
    assert response.json()["error"] == {
        "code": "origin_not_allowed",
        "message": "Comments may be posted here only from this site's own pages.",
        "field": "origin",
    }
    assert not Comment.objects.exists()


def test_programs_and_the_sites_own_pages_post(client, article, engine_answers, settings):
    assert post(client, article, content_type="application/json").status_code == 201
    own = post(
        client,
        article,
        content_type="application/json; charset=utf-8",
        origin="http://testserver",
        body=BODY.replace("Posted for you.", "From our own page."),
    )
    assert own.status_code == 201
    settings.CSRF_TRUSTED_ORIGINS = ["https://www.rudaw.net"]
    trusted = post(
        client,
        article,
        content_type="application/json",
        origin="https://www.rudaw.net",
        body=BODY.replace("Posted for you.", "From the newsroom's site."),
    )
    assert trusted.status_code == 201
    assert Comment.objects.count() == 3


def test_the_precheck_is_guarded_the_same_way(client, article, engine_answers):
    body = json.dumps({"text": "Is this fine?"})
    refused = post(
        client, article, content_type="text/plain", origin=EVIL, path="precheck", body=body
    )
    assert refused.status_code == 415
    other = post(
        client, article, content_type="application/json", origin=EVIL, path="precheck", body=body
    )
    assert other.status_code == 403
    ours = post(
        client,
        article,
        content_type="application/json",
        origin="http://testserver",
        path="precheck",
        body=body,
    )
    assert ours.status_code == 200


@pytest.mark.django_db(transaction=True)
def test_a_no_cors_fetch_from_another_site_posts_nothing(
    live_server, page, static_site, article, engine_answers
):
    """The attack as a browser runs it: a page elsewhere fires a no-cors post."""
    target = f"{live_server.url}/api/articles/{article.slug}/comments"
    url = static_site(
        "attack.html",
        f"""<!doctype html><title>Cute cats</title><script>
        window.done = fetch({json.dumps(target)}, {{
          method: "POST", mode: "no-cors", body: {json.dumps(BODY)},
          headers: {{"Content-Type": "text/plain"}}
        }}).then(() => "sent", () => "failed");
        </script>""",
    )
    page.goto(url)
    assert page.evaluate("window.done") in ("sent", "failed")
    assert not Comment.objects.exists()
