"""Hostile and broken input, through every door: one table, three doors.

Each row of CASES is a comment a reader (or a script) might send. It goes
through the action (``post_comment``), the JSON API and the page form, and
each door must answer the same way: a stable code, the field at fault, a 4xx
status over HTTP, and nothing stored. Rows marked ACCEPTED are the near
misses that must still be accepted (Sorani with its joiners, Arabic with its
diacritics, 2,000 letters of a two-byte script).
"""

from __future__ import annotations

import json

import pytest

from civility.abuse import bots
from civility.comments.models import Comment, DecisionRecord
from civility.errors import ValidationFailed
from civility.posting.service import post_comment

pytestmark = [pytest.mark.django_db, pytest.mark.postgres]

GOOD = {
    "author_name": "Shilan",
    "author_email": "shilan@example.org",
    "text": "A fair point about the ceasefire.",
}
ACCEPTED = None

# (id, changed fields, (code, field) or ACCEPTED)
CASES = [
    ("empty text", {"text": ""}, ("required", "text")),
    ("whitespace only", {"text": " \n\t \u3000 "}, ("required", "text")),
    ("over the character limit", {"text": "x" * 2001}, ("too_long", "text")),
    ("a single 100,000-character word", {"text": "w" * 100_000}, ("too_long", "text")),
    ("over the byte limit", {"text": "\U0001f600" * 1600}, ("too_many_bytes", "text")),
    ("2,000 Sorani letters (4,000 bytes)", {"text": "ک" * 2000}, ACCEPTED),
    ("NUL", {"text": "before\x00after"}, ("text_control_chars", "text")),
    ("bell", {"text": "ring \x07 ring"}, ("text_control_chars", "text")),
    ("terminal escape", {"text": "\x1b[31mred\x1b[0m text"}, ("text_control_chars", "text")),
    ("C1 next-line", {"text": "one\x85two"}, ("text_control_chars", "text")),
    ("DEL", {"text": "del\x7f"}, ("text_control_chars", "text")),
    ("right-to-left override", {"text": "invoice \u202egpj.exe"}, ("text_bidi_controls", "text")),
    ("left-to-right embedding", {"text": "\u202aembedded\u202c"}, ("text_bidi_controls", "text")),
    ("bidi isolate", {"text": "a \u2067hidden\u2069 b"}, ("text_bidi_controls", "text")),
    ("right-to-left mark in Sorani", {"text": "\u200fکوردستان باشە"}, ACCEPTED),
    ("zero-width non-joiner in Sorani", {"text": "دە\u200cچێت بۆ ھەولێر"}, ACCEPTED),
    ("Arabic with shadda and vowels", {"text": "شُكْرًا جَزِيلًا، مُحَمَّدٌ"}, ACCEPTED),
    (
        "combining flood",
        {"text": "Z" + "\u0301\u0300\u0302" * 10 + "algo"},
        ("text_combining_flood", "text"),
    ),
    ("replacement character", {"text": "broken \ufffd bytes"}, ("text_invalid_unicode", "text")),
    ("noncharacter", {"text": "odd \uffff"}, ("text_invalid_unicode", "text")),
    (
        "emoji with joiners",
        {"text": "Well said \U0001f469\u200d\U0001f4bb\U0001f44d\U0001f3fd"},
        ACCEPTED,
    ),
    ("tab and newlines", {"text": "line one\n\tline two"}, ACCEPTED),
    ("empty name", {"author_name": "  "}, ("required", "author_name")),
    ("name too long", {"author_name": "n" * 81}, ("too_long", "author_name")),
    ("name with NUL", {"author_name": "Shi\x00lan"}, ("text_control_chars", "author_name")),
    ("name with override", {"author_name": "\u202enalihS"}, ("text_bidi_controls", "author_name")),
    # The e-mail is optional (the seed's form), unless the reader asks to be told.
    ("empty email", {"author_email": ""}, ACCEPTED),
    (
        "empty email, asked to be told",
        {"author_email": "", "notify": True},
        ("required", "author_email"),
    ),
    ("not an email", {"author_email": "shilan"}, ("invalid_email", "author_email")),
    (
        "email with a header",
        {"author_email": "a@b.org\nBcc: c@d.org"},
        ("invalid_email", "author_email"),
    ),
    ("email too long", {"author_email": "a" * 250 + "@b.org"}, ("too_long", "author_email")),
]
IDS = [case[0] for case in CASES]
# Two rows cannot come from a browser's form: Django's form field refuses NUL
# itself (same 422, its own words), and a lone surrogate cannot be sent as
# UTF-8 at all. They are covered through the action and the API below.
SURROGATE = ("lone surrogate", {"text": "half \ud800 pair"}, ("text_invalid_unicode", "text"))


def stored() -> tuple[int, int]:
    return Comment.objects.count(), DecisionRecord.objects.count()


@pytest.mark.parametrize("name, change, expected", [*CASES, SURROGATE], ids=[*IDS, SURROGATE[0]])
def test_the_action(article, engine_answers, name, change, expected):
    fields = {**GOOD, **change}
    if expected is ACCEPTED:
        posted = post_comment(article=article, **fields)
        assert posted.comment.text == fields["text"].strip()
        assert stored() == (1, 1)
        return
    with pytest.raises(ValidationFailed) as caught:
        post_comment(article=article, **fields)
    assert (caught.value.code, caught.value.field) == expected
    assert caught.value.status == 422 and caught.value.message
    assert stored() == (0, 0)


def post_json(client, url, body, **extra):
    data = body if isinstance(body, bytes) else json.dumps(body)
    return client.post(url, data, content_type="application/json", **extra)


def api_url(article) -> str:
    return f"/api/articles/{article.slug}/comments"


@pytest.mark.parametrize("name, change, expected", [*CASES, SURROGATE], ids=[*IDS, SURROGATE[0]])
def test_the_api(client, article, engine_answers, name, change, expected):
    response = post_json(client, api_url(article), {**GOOD, **change})
    if expected is ACCEPTED:
        assert response.status_code == 201, response.content
        assert stored() == (1, 1)
        return
    assert response.status_code == 422, response.content
    error = response.json()["error"]
    assert (error["code"], error["field"]) == expected
    assert error["message"]
    assert stored() == (0, 0)


def form_url(article) -> str:
    return f"/articles/{article.slug}/comments/"


def form_data(**change) -> dict:
    return {**GOOD, bots.TIMESTAMP_FIELD: bots.form_timestamp(), **change}


@pytest.mark.parametrize("name, change, expected", CASES, ids=IDS)
def test_the_form(client, article, engine_answers, name, change, expected):
    response = client.post(form_url(article), form_data(**change))
    # Post, redirect, get: always a 303; the page it leads to answers 422.
    assert response.status_code == 303, response.content[:500]
    if expected is ACCEPTED:
        assert stored() == (1, 1)
        return
    response = client.get(response["Location"])
    assert response.status_code == 422
    html = response.content.decode()
    code, field = expected
    # The message sits next to its field, and the field says it is invalid.
    assert f'id="{field}-error"' in html, html[:3000]
    assert stored() == (0, 0)


def test_the_form_refuses_bytes_that_are_not_utf8(client, article, engine_answers):
    body = (
        "author_name=Shilan&author_email=shilan%40example.org"
        f"&{bots.TIMESTAMP_FIELD}={bots.form_timestamp()}&text=broken+%FF%FE+bytes"
    )
    response = client.post(
        form_url(article), body, content_type="application/x-www-form-urlencoded", follow=True
    )
    assert response.status_code == 422
    assert "not valid text" in response.content.decode()
    assert stored() == (0, 0)


# --- the JSON itself: types, nesting, size ---------------------------------

JSON_CASES = [
    ("text is a number", {**GOOD, "text": 123}, 422, "invalid", "text"),
    ("name is a list", {**GOOD, "author_name": ["a"]}, 422, "invalid", "author_name"),
    ("email is an object", {**GOOD, "author_email": {"a": 1}}, 422, "invalid", "author_email"),
    ("text is null", {**GOOD, "text": None}, 422, "invalid", "text"),
    ("parent is a word", {**GOOD, "parent_id": "first"}, 422, "invalid", "parent_id"),
    ("parent is a float", {**GOOD, "parent_id": 1.5}, 422, "invalid", "parent_id"),
    ("parent beyond 64 bits", {**GOOD, "parent_id": 10**30}, 422, None, "parent_id"),
    ("parent does not exist", {**GOOD, "parent_id": 987654}, 422, "not_found", "parent_id"),
    ("body is a list", [GOOD], 422, None, None),
    ("body is a string", "text", 422, None, None),
    ("not JSON", b"{text: 'single quotes'}", 400, "bad_json", None),
    ("NaN", b'{"text": NaN}', 422, "invalid", "text"),
    ("not UTF-8", b'{"text": "\xff\xfe"}', 400, "bad_json", None),
    ("nested 100,000 deep", b"[" * 100_000 + b"]" * 100_000, 400, "bad_json", None),
    (
        "nested inside a field",
        b'{"text": ' + b"[" * 5000 + b"]" * 5000 + b"}",
        400,
        "bad_json",
        None,
    ),
    ("two megabytes", b'{"text": "' + b"a" * 2_000_000 + b'"}', 413, "too_large", None),
    ("empty body", b"", 422, None, None),
]


@pytest.mark.parametrize(
    "name, body, status, code, field", JSON_CASES, ids=[case[0] for case in JSON_CASES]
)
def test_json_of_the_wrong_shape(client, article, engine_answers, name, body, status, code, field):
    response = post_json(client, api_url(article), body)
    assert response.status_code == status, response.content[:300]
    error = response.json()["error"]
    assert error["message"] and error["code"]
    if code:
        assert error["code"] == code
    if field:
        assert error["field"] == field
    assert stored() == (0, 0)


def test_unknown_and_closed_articles(client, article, engine_answers):
    response = post_json(client, "/api/articles/no-such-article/comments", GOOD)
    assert response.status_code == 404
    assert response.json()["error"]["code"] == "article_not_found"
    assert client.post("/articles/no-such-article/comments/", form_data()).status_code == 404
    with pytest.raises(Exception) as caught:
        post_comment(article="no-such-article", **GOOD)
    assert getattr(caught.value, "code", None) == "article_not_found"

    article.comments_open = False
    article.save()
    response = post_json(client, api_url(article), GOOD)
    assert response.status_code == 409
    assert response.json()["error"]["code"] == "comments_closed"
    assert client.post(form_url(article), form_data(), follow=True).status_code == 409
    assert stored() == (0, 0)


# --- duplicated submissions ------------------------------------------------


def test_a_double_click_on_the_form_stores_one_comment(client, article, engine_answers):
    data = form_data()
    first = client.post(form_url(article), data)
    second = client.post(form_url(article), data)
    assert first.status_code == second.status_code == 303
    assert stored() == (1, 1)


def test_a_repeated_api_call_answers_with_the_first_comment(client, article, engine_answers):
    first = post_json(client, api_url(article), GOOD)
    again = post_json(client, api_url(article), {**GOOD, "text": GOOD["text"] + "  "})
    assert first.status_code == again.status_code == 201
    assert first.json()["id"] == again.json()["id"]
    assert stored() == (1, 1)


# --- other doors: the admin and the CLI ------------------------------------


def test_the_admin_refuses_an_article_title_with_nul(client, make_user):
    from civility.articles.models import Article

    client.force_login(make_user("admin"))
    response = client.post(
        "/admin/articles/article/add/",
        {
            "slug": "nul-title",
            "title": "Bad\x00title",
            "published": "2016-04-21",
            "body": "Body.",
            "language": "en",
            "comments_open": "on",
        },
    )
    assert response.status_code == 200  # the form again, with its error
    assert "errornote" in response.content.decode()
    assert not Article.objects.filter(slug="nul-title").exists()


def test_the_admin_cannot_write_or_edit_comment_text(client, article, engine_answers, make_user):
    comment = post_comment(article=article, **GOOD).comment
    client.force_login(make_user("admin"))
    assert client.get("/admin/comments/comment/add/").status_code == 403
    client.post(
        f"/admin/comments/comment/{comment.pk}/change/",
        {"text": "<script>edited</script>", "author_name": "x"},
    )
    comment.refresh_from_db()
    assert comment.text == GOOD["text"]


@pytest.mark.parametrize(
    "name, content, message",
    [
        ("not UTF-8", b'\xff\xfe[{"slug": "x"}]', "not UTF-8"),
        ("not JSON", b"[{slug: x}]", "not valid JSON"),
        ("nested too deeply", b"[" * 100_000 + b"]" * 100_000, "nested too deeply"),
        ("wrong type", json.dumps({"slug": 5}).encode(), "slug: is required"),
        (
            "NUL in the title",
            json.dumps(
                {"slug": "x", "title": "a\u0000b", "published": "2016-04-21", "body": "b"}
            ).encode(),
            "title: contains a control character",
        ),
        (
            "lone surrogate in the body",
            b'{"slug": "x", "title": "t", "published": "2016-04-21", "body": "\\ud800"}',
            "body: contains characters that are not valid text",
        ),
    ],
)
def test_cli_import_refuses_bad_files(tmp_path, capsys, name, content, message):
    from civility.articles.models import Article
    from civility.cli import main

    path = tmp_path / "articles.json"
    path.write_bytes(content)
    assert main(["articles", "import", str(path)]) == 1
    err = capsys.readouterr().err
    assert message in err
    assert "Traceback" not in err
    assert Article.objects.count() == 0


def test_cli_moderate_reports_bad_lines_and_goes_on(tmp_path, capsysbinary):
    from civility.cli.moderate import parse_line

    deep = b"[" * 100_000 + b"]" * 100_000
    assert parse_line(1, deep)["error"] == "not valid JSON: nested too deeply"
    assert parse_line(2, b'{"text": "\xff"}')["error"].startswith("not UTF-8")
    assert parse_line(3, b"[1]")["error"] == "each line must be a JSON object"
    assert "must be a string" in parse_line(4, b'{"id": 1, "text": 5}')["error"]
