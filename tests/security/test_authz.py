"""Who may reach what: every route of the site and the API, for every role.

The routes are enumerated from Django's URL resolver and from the API's own
OpenAPI schema, so a route added later without a row in MATRIX (or in the
admin rules) fails ``test_every_route_is_in_the_matrix``. Statuses are for a
plain request with valid input: 302 to the sign-in page for the anonymous
where a page needs an account, 403 for a signed-in person without the role,
401 for the API without a session.
"""

from __future__ import annotations

import json
import re

import pytest
from django.contrib.admin import site as admin_site
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver

from civility.abuse import bots
from civility.posting.service import post_comment
from civility.threads.visitor import Visitor
from civility.web.api import api

pytestmark = pytest.mark.django_db

ROLES = ("anonymous", "reader", "moderator", "editor", "admin")


def every(status):
    return dict.fromkeys(ROLES, status)


def staff(outsider, inside):
    """anonymous and reader get ``outsider``; moderator, editor and admin ``inside``."""
    return {
        "anonymous": outsider[0],
        "reader": outsider[1],
        "moderator": inside,
        "editor": inside,
        "admin": inside,
    }


# (method, route as the resolver writes it) -> expected status per role.
MATRIX = {
    # Reader pages: open to all.
    ("GET", ""): every(200),
    ("GET", "articles/<str:slug>/"): every(200),
    ("GET", "tags/<str:slug>/"): every(200),
    ("GET", "guidelines/"): every(200),
    # Post, redirect, get: a 303 back to the article, whoever posts.
    ("POST", "articles/<str:slug>/comments/"): every(303),
    # A reader's reaction and report: PRG back to the article, whoever sends
    # them (the world's comment is held: refused, with the message, 303 too).
    ("POST", "comments/<int:pk>/react/"): every(303),
    ("POST", "comments/<int:pk>/report/"): every(303),
    # The link in the first e-mail (a signed token; a made-up one is 404 to all).
    ("GET", "notify/confirm/<str:token>/"): every(404),
    ("POST", "i18n/setlang/"): every(302),
    # The moderation pages: moderators, editors, admins.
    ("GET", "moderate/"): staff((302, 403), 200),
    ("GET", "moderate/reported/"): staff((302, 403), 200),
    ("GET", "moderate/approved/"): staff((302, 403), 200),
    ("GET", "moderate/rejected/"): staff((302, 403), 200),
    ("POST", "moderate/comments/<int:pk>/decide/"): staff((302, 403), 302),
    ("GET", "moderate/counts/"): staff((302, 403), 200),
    ("POST", "moderate/comments/<int:pk>/sanction/"): staff((302, 403), 302),
    ("POST", "moderate/bulk/"): staff((302, 403), 302),
    # Editors' picks and closing a thread (moderators/thread_tools.py).
    ("POST", "moderate/comments/<int:pk>/feature/"): staff((302, 403), 302),
    ("POST", "moderate/articles/<str:slug>/close/"): staff((302, 403), 302),
    ("POST", "moderate/undo/"): staff((302, 403), 302),
    ("POST", "moderate/settings/"): staff((302, 403), 302),
    ("GET", "moderate/dashboard/"): staff((302, 403), 200),
    ("GET", "moderate/dashboard/<str:chart>.csv"): staff((302, 403), 200),
    # The law's side (docs/law.md): off by default, so 404 for everyone, staff
    # past the sign-in check (tests/law/ runs them switched on).
    ("GET", "comments/statement/<str:token>/"): every(404),
    ("POST", "comments/statement/<str:token>/"): every(404),
    ("GET", "comments/<int:pk>/notice/"): every(404),
    ("POST", "comments/<int:pk>/notice/"): every(404),
    ("GET", "notices/confirm/<str:token>/"): every(404),
    ("GET", "moderate/notices/"): staff((302, 403), 404),
    ("POST", "moderate/notices/<int:pk>/decide/"): staff((302, 403), 404),
    ("GET", "moderate/appeals/"): staff((302, 403), 404),
    ("POST", "moderate/appeals/<int:pk>/decide/"): staff((302, 403), 404),
    ("GET", "moderate/transparency/"): staff((302, 403), 404),
    # Accounts.
    ("GET", "accounts/login/"): every(200),
    ("POST", "accounts/logout/"): every(302),
    ("GET", "accounts/password_change/"): {**every(200), "anonymous": 302},
    ("GET", "accounts/password_change/done/"): {**every(200), "anonymous": 302},
    ("GET", "accounts/password_reset/"): every(200),
    ("GET", "accounts/password_reset/done/"): every(200),
    ("GET", "accounts/reset/<uidb64>/<token>/"): every(200),
    ("GET", "accounts/reset/done/"): every(200),
    # The admin's own pages (its model pages follow ADMIN_MODEL_RULES).
    ("GET", "admin/"): staff((302, 302), 200),
    ("GET", "admin/login/"): staff((200, 200), 302),
    ("POST", "admin/logout/"): every(302),
    ("GET", "admin/password_change/"): staff((302, 302), 200),
    ("GET", "admin/password_change/done/"): staff((302, 302), 200),
    ("GET", "admin/autocomplete/"): staff((302, 302), 403),
    ("GET", "admin/jsi18n/"): staff((302, 302), 200),
    ("GET", "admin/r/<path:content_type_id>/<path:object_id>/"): staff((302, 302), 404),
    ("GET", "admin/<app_label>/"): {
        **staff((302, 302), 200),
        "moderator": 404,  # no permission in "auth": the app page does not exist for them
        "editor": 404,
    },
    ("GET", "admin/(?P<url>.*)$"): staff((302, 302), 404),
    # A draft's replay, the learning step and applying: POST only (405 to a GET).
    ("GET", "admin/guidelines/policydraft/learn/"): staff((302, 302), 405),
    ("GET", "admin/guidelines/policydraft/<int:pk>/replay/"): staff((302, 302), 405),
    ("GET", "admin/guidelines/policydraft/<int:pk>/apply/"): staff((302, 302), 405),
    # The API.
    ("GET", "api/"): every(404),
    ("GET", "api/openapi.json"): every(200),
    ("GET", "api/docs"): every(200),
    ("GET", "/api/articles"): every(200),
    ("POST", "/api/articles"): every(401),  # the import token, never a session
    ("GET", "/api/articles/{slug}"): every(200),
    ("GET", "/api/articles/{slug}/comments"): every(200),
    ("POST", "/api/articles/{slug}/comments"): every(201),
    ("POST", "/api/articles/{slug}/precheck"): every(200),  # nothing stored
    # A reader's report and reaction: anyone; the comment here is held, so none exists.
    ("POST", "/api/comments/{comment_id}/reports"): every(404),
    ("POST", "/api/comments/{comment_id}/reaction"): every(404),
    ("DELETE", "/api/comments/{comment_id}/reaction"): every(404),
    ("GET", "/api/moderation/queue"): staff((401, 403), 200),
    ("POST", "/api/moderation/comments/{comment_id}/decisions"): staff((401, 403), 201),
    ("GET", "/api/moderation/clauses"): staff((401, 403), 200),
    ("GET", "/api/statements/{token}"): every(404),  # off by default (docs/law.md)
    # The widget's routes (civility/embed): open to readers; writes need the
    # Origin of a configured site, whoever is signed in (none here: 403).
    ("GET", "/api/embed/thread"): every(200),
    ("GET", "/api/embed/counts"): every(200),
    ("POST", "/api/embed/articles"): every(403),
    ("POST", "/api/embed/articles/{slug}/comments"): every(403),
    ("POST", "/api/embed/comments/{comment_id}/reports"): every(403),
    ("POST", "/api/embed/comments/{comment_id}/reaction"): every(403),
    ("DELETE", "/api/embed/comments/{comment_id}/reaction"): every(403),
    # The Perspective-compatible API (civility/perspective): an API key only,
    # never a session; no key is configured here, so it is off for everyone.
    ("POST", "v1alpha1/comments:analyze"): every(403),
    ("POST", "v1alpha1/comments:suggestscore"): every(403),
}
# Served by the API's own table below, not the resolver's (one entry per operation).
API_RESOLVER_ROUTES = {
    "api/embed/thread",
    "api/embed/counts",
    "api/embed/articles",
    "api/embed/articles/<slug>/comments",
    "api/embed/comments/<comment_id>/reports",
    "api/embed/comments/<comment_id>/reaction",
    "api/articles",
    "api/articles/<slug>",
    "api/articles/<slug>/comments",
    "api/articles/<slug>/precheck",
    "api/comments/<comment_id>/reports",
    "api/comments/<comment_id>/reaction",
    "api/moderation/queue",
    "api/moderation/comments/<comment_id>/decisions",
    "api/moderation/clauses",
    "api/statements/<token>",
}

# The admin's model pages: who may view, add, change, delete each model.
# Moderators read comments, decisions, thresholds, articles and tags; editors
# also edit thresholds, articles and tags; nobody adds, edits or deletes a
# comment or a decision (they change only through decisions). Users and groups:
# the site's administrators alone.
VIEW, ADD, CHANGE, DELETE = "view", "add", "change", "delete"
ADMIN_MODEL_RULES = {
    "auth.group": {"admin": {VIEW, ADD, CHANGE, DELETE}},
    "auth.user": {"admin": {VIEW, ADD, CHANGE, DELETE}},
    "articles.tag": {
        "moderator": {VIEW},
        "editor": {VIEW, ADD, CHANGE},
        "admin": {VIEW, ADD, CHANGE, DELETE},
    },
    "articles.article": {
        "moderator": {VIEW},
        "editor": {VIEW, ADD, CHANGE},
        "admin": {VIEW, ADD, CHANGE, DELETE},
    },
    "comments.comment": {"moderator": {VIEW}, "editor": {VIEW}, "admin": {VIEW}},
    "comments.decisionrecord": {"moderator": {VIEW}, "editor": {VIEW}, "admin": {VIEW}},
    # Which sites may embed the widget: the administrators.
    "embed.embedsite": {"admin": {VIEW, ADD, CHANGE, DELETE}},
    "guidelines.clausethreshold": {
        "moderator": {VIEW},
        "editor": {VIEW, ADD, CHANGE, DELETE},
        "admin": {VIEW, ADD, CHANGE, DELETE},
    },
    # Webhook endpoints and their delivery log, stored Perspective analyses and
    # known readers: the administrators. Logs and readers are never edited.
    "webhooks.endpoint": {"admin": {VIEW, ADD, CHANGE, DELETE}},
    "webhooks.delivery": {"admin": {VIEW, DELETE}},
    "perspective.analysis": {"admin": {VIEW, DELETE}},
    # Background tasks (django-tasks-db's read-only log) and the dead letter
    # of those that failed every attempt: the administrators. Never edited;
    # a dead letter may be discarded or run again.
    "django_tasks_database.dbtaskresult": {"admin": {VIEW}},
    "background.failedtask": {"admin": {VIEW, DELETE}},
    "readers.reader": {"admin": {VIEW, DELETE}},
    # Sanctions: imposed from the queue, lifted by an admin action; never
    # added, edited or deleted in the admin.
    "commenters.sanction": {"moderator": {VIEW}, "editor": {VIEW}, "admin": {VIEW}},
    # The law's records: read here, written on the desk (civility/law/actions.py);
    # a clause's legal ground is the editors' to name.
    "law.notice": {"moderator": {VIEW}, "editor": {VIEW}, "admin": {VIEW}},
    "law.appeal": {"moderator": {VIEW}, "editor": {VIEW}, "admin": {VIEW}},
    "law.legalground": {
        "moderator": {VIEW},
        "editor": {VIEW, ADD, CHANGE, DELETE},
        "admin": {VIEW, ADD, CHANGE, DELETE},
    },
    # Readers' reports, editors' picks and the thread log: read here, written
    # by the threads app's action functions only.
    "threads.report": {"moderator": {VIEW}, "editor": {VIEW}, "admin": {VIEW}},
    "threads.featuredcomment": {"moderator": {VIEW}, "editor": {VIEW}, "admin": {VIEW}},
    "threads.threadaction": {"moderator": {VIEW}, "editor": {VIEW}, "admin": {VIEW}},
    # Policy drafts: moderators read them; editors (and admins) make them.
    "guidelines.policydraft": {
        "moderator": {VIEW},
        "editor": {VIEW, ADD},
        "admin": {VIEW, ADD},
    },
}
ADMIN_MODEL_ROUTE = re.compile(
    r"^admin/(?P<app>\w+)/(?P<model>\w+)/(?:(?P<id><path:object_id>|<id>)/)?"
    r"(?P<action>add/|history/|delete/|change/|password/)?$"
)


def resolver_routes(patterns=None, prefix=""):
    patterns = get_resolver().url_patterns if patterns is None else patterns
    for pattern in patterns:
        if isinstance(pattern, URLResolver):
            yield from resolver_routes(pattern.url_patterns, prefix + str(pattern.pattern))
        elif isinstance(pattern, URLPattern):
            route = prefix + str(pattern.pattern)
            # The admin's app index lists the installed apps in its regex.
            yield "admin/<app_label>/" if route.startswith("admin/^(?P<app_label>") else route


def api_operations():
    schema = api.get_openapi_schema()
    for path, operations in schema["paths"].items():
        for method in operations:
            yield method.upper(), path


def test_every_route_is_in_the_matrix():
    routes = {route for _method, route in MATRIX}
    missing = []
    for route in resolver_routes():
        if route in routes or route in API_RESOLVER_ROUTES:
            continue
        match = ADMIN_MODEL_ROUTE.match(route)
        if match and f"{match['app']}.{match['model']}" in ADMIN_MODEL_RULES:
            continue
        missing.append(route)
    for method, path in api_operations():
        if (method, path) not in MATRIX:
            missing.append(f"{method} {path}")
    registered = {f"{m._meta.app_label}.{m._meta.model_name}" for m in admin_site._registry}
    missing += sorted(registered - set(ADMIN_MODEL_RULES))
    assert not missing, f"routes without an entry in the authorisation matrix: {missing}"


# --- running the matrix -----------------------------------------------------


@pytest.fixture
def world(article, make_user, engine_answers):
    """An article, a tag, a published and a held comment, and one client per role."""
    published = post_comment(
        article=article,
        author_name="Reader",
        author_email="reader@example.org",
        text="Published, for the thread.",
    ).comment
    engine_answers("review")
    held = post_comment(
        article=article,
        author_name="Reader",
        author_email="reader@example.org",
        text="Held, for the queue.",
    ).comment
    engine_answers("approve")
    clients = {}
    users = {}
    for role in ROLES:
        client = Client()
        user = make_user(role)
        if user is not None:
            client.force_login(user)
        clients[role], users[role] = client, user
    return {
        "article": article,
        "tag": article.tags.first(),
        "published": published,
        "held": held,
        "clients": clients,
        "users": users,
    }


def concrete(route: str, world) -> str:
    """A real path for a route pattern."""
    article, held = world["article"], world["held"]
    path = "/" + route.lstrip("/") if not route.startswith("/") else route
    replacements = {
        "<str:slug>": article.slug,
        "{slug}": article.slug,
        "<int:pk>": str(held.pk),
        "<str:chart>": "per-day",
        "{comment_id}": str(held.pk),
        "<uidb64>/<token>": "MQ/bad-token",
        "<path:content_type_id>/<path:object_id>": "999/999",
        "<app_label>/": "auth/",
        "(?P<url>.*)$": "no-such-admin-page/",
    }
    for token, value in replacements.items():
        path = path.replace(token, value)
    if route == "tags/<str:slug>/":
        path = f"/tags/{world['tag'].slug}/"
    return path


def world_slug(path: str) -> str:
    from civility.articles.models import Article

    return Article.objects.values_list("slug", flat=True).first()


def call(client, method: str, route: str, path: str, role: str):
    if route == "/api/embed/thread":
        return client.get(path, {"article": world_slug(path)})
    if method == "GET":
        return client.get(path)
    if route == "articles/<str:slug>/comments/":
        return client.post(
            path,
            {
                "author_name": role,
                "author_email": f"{role}@example.org",
                "text": f"A comment from the {role}.",
                bots.TIMESTAMP_FIELD: bots.form_timestamp(),
            },
        )
    if route == "/api/articles/{slug}/comments":
        body = {"author_name": role, "author_email": f"{role}@x.org", "text": f"From {role}."}
        return client.post(path, json.dumps(body), content_type="application/json")
    if route == "/api/embed/articles":
        body = {"article": "new-page", "url": "https://news.example.com/a", "title": "A page"}
        return client.post(path, json.dumps(body), content_type="application/json")
    if route == "/api/embed/articles/{slug}/comments":
        body = {"author_name": role, "author_email": f"{role}@x.org", "text": f"From {role}."}
        return client.post(path, json.dumps(body), content_type="application/json")
    if route.startswith(("/api/embed/comments/", "/api/comments/")):
        body = json.dumps({"clause_id": "personal_attacks"} if route.endswith("reports") else {})
        return client.generic(method, path, body, content_type="application/json")
    if route == "/api/articles/{slug}/precheck":
        body = {"text": f"Would this pass, asks the {role}?"}
        return client.post(path, json.dumps(body), content_type="application/json")
    if route == "/api/articles":
        body = {"slug": "new", "title": "New", "published": "2016-04-21", "body": "B."}
        return client.post(path, json.dumps(body), content_type="application/json")
    if route.endswith("decisions"):
        return client.post(
            path, json.dumps({"status": "approved"}), content_type="application/json"
        )
    if route.endswith("decide/"):
        return client.post(path, {"status": "approved", "view": "queue"})
    if route == "i18n/setlang/":
        return client.post(path, {"language": "en", "next": "/"})
    return client.post(path)


@pytest.mark.parametrize("method, route", list(MATRIX), ids=[f"{m} {r}" for m, r in MATRIX])
def test_the_matrix(world, method, route):
    got = {}
    for role in ROLES:
        path = concrete(route, world)
        got[role] = call(world["clients"][role], method, route, path, role).status_code
    assert got == MATRIX[(method, route)]


ADMIN_ACTION_STATUS = {
    # What the admin answers a signed-in staff member with / without the permission.
    None: (200, 403),  # changelist
    "add/": (200, 403),
    "change/": (200, 403),
    "history/": (200, 403),
    "delete/": (200, 403),
}
NEEDS = {None: VIEW, "add/": ADD, "change/": VIEW, "history/": VIEW, "delete/": DELETE}


def admin_object(model_key: str, world):
    from django.contrib.auth.models import Group

    from civility.guidelines.models import ClauseThreshold

    if model_key == "auth.group":
        return Group.objects.get(name="moderators").pk
    if model_key == "auth.user":
        return world["users"]["reader"].pk
    if model_key == "articles.tag":
        return world["tag"].pk
    if model_key == "articles.article":
        return world["article"].pk
    if model_key == "comments.comment":
        return world["held"].pk
    if model_key == "comments.decisionrecord":
        return world["held"].decisions.first().pk
    if model_key == "embed.embedsite":
        from civility.embed.models import EmbedSite

        return EmbedSite.objects.create(name="News", origins="https://news.example.com").pk
    if model_key in {"webhooks.endpoint", "webhooks.delivery"}:
        from civility.webhooks.models import Delivery, Endpoint

        endpoint = Endpoint.objects.create(name="CMS", url="https://cms.example.com/hooks")
        if model_key == "webhooks.endpoint":
            return endpoint.pk
        now = world["held"].created_at
        return Delivery.objects.create(
            endpoint=endpoint, event="comment.held", payload={}, created_at=now, next_attempt_at=now
        ).pk
    if model_key == "perspective.analysis":
        from civility.perspective.models import Analysis

        return Analysis.objects.create(
            kind="analyze", text="t", created_at=world["held"].created_at
        ).pk
    if model_key == "readers.reader":
        from civility.readers.models import Reader

        now = world["held"].created_at
        return Reader.objects.get_or_create(
            subject="42",
            defaults={"name": "R", "email": "r@example.org", "first_seen": now, "last_seen": now},
        )[0].pk
    if model_key == "guidelines.policydraft":
        from civility.guidelines.drafts import create_draft

        return create_draft(name="draft", changes={}).pk
    if model_key == "commenters.sanction":
        from civility.commenters.actions import impose_sanction

        return impose_sanction(
            world["held"], kind="ban", actor=world["users"]["moderator"], reason="spam"
        ).pk
    if model_key in {"django_tasks_database.dbtaskresult", "background.failedtask"}:
        from django.tasks import TaskResultStatus
        from django_tasks_db.models import DBTaskResult

        return DBTaskResult.objects.create(
            args_kwargs={"args": [], "kwargs": {}},
            task_path="civility.webhooks.tasks.send_webhooks",
            backend_name="default",
            run_after=world["held"].created_at,
            status=TaskResultStatus.FAILED,
        ).pk
    if model_key == "law.notice":
        from civility.law.actions import file_notice

        return file_notice(
            world["published"],
            law="Threats",
            explanation="A threat.",
            good_faith=True,
            contact_email="n@example.org",
        ).pk
    if model_key == "law.appeal":
        from civility.comments.actions import decide
        from civility.law.actions import file_appeal
        from civility.law.models import Appeal

        if found := Appeal.objects.first():
            return found.pk
        decide(
            world["held"],
            status="rejected",
            actor=world["users"]["moderator"],
            clause_id="personal_attacks",
        )
        return file_appeal(world["held"], text="Please look again.").pk
    if model_key == "law.legalground":
        from civility.law.models import LegalGround

        return LegalGround.objects.get_or_create(
            clause_id="threats", defaults={"legal_ground": "Criminal Code"}
        )[0].pk
    if model_key == "threads.report":
        from civility.threads.models import Report
        from civility.threads.reports import report_comment
        from civility.threads.visitor import Visitor

        if found := Report.objects.first():
            return found.pk
        report_comment(world["published"], clause_id="promotion", visitor=Visitor.fresh())
        return Report.objects.get().pk
    if model_key == "threads.featuredcomment":
        from civility.threads.picks import feature_comment

        return feature_comment(world["published"], actor=world["users"]["moderator"]).pk
    if model_key == "threads.threadaction":
        from civility.threads.closing import close_comments
        from civility.threads.models import ThreadAction

        close_comments(world["article"], actor=world["users"]["moderator"])
        return ThreadAction.objects.latest("pk").pk
    if model_key == "guidelines.clausethreshold":
        return ClauseThreshold.objects.get_or_create(
            clause_id="threats", defaults={"review_at": 0.5}
        )[0].pk
    raise AssertionError(model_key)


def test_the_admin_model_pages(world):
    problems = []
    for route in resolver_routes():
        match = ADMIN_MODEL_ROUTE.match(route)
        if not match or match["action"] == "password/":
            continue
        key = f"{match['app']}.{match['model']}"
        if key not in ADMIN_MODEL_RULES:
            continue  # the admin's own pages (password_change/done/): in MATRIX
        if match["id"] and not match["action"]:
            continue  # the bare object URL only redirects to .../change/
        path = f"/admin/{match['app']}/{match['model']}/"
        if match["id"]:
            path += f"{admin_object(key, world)}/"
        path += match["action"] or ""
        for role in ROLES:
            status = world["clients"][role].get(path).status_code
            if role in ("anonymous", "reader"):
                expected = 302  # the admin's sign-in page
            else:
                allowed = ADMIN_MODEL_RULES[key].get(role, set())
                need = NEEDS[match["action"]]
                if match["action"] == "change/" and CHANGE in allowed:
                    need = CHANGE
                expected = 200 if need in allowed else 403
            if status != expected:
                problems.append(f"{role} GET {path}: {status}, expected {expected}")
    assert not problems, "\n".join(problems)


# --- what a public response may carry ---------------------------------------


def test_no_public_response_carries_private_data(client, world, settings):
    """E-mail and IP addresses, scores and decision history stay with moderators."""
    article = world["article"]
    posted = client.post(
        f"/api/articles/{article.slug}/comments",
        json.dumps(
            {
                "author_name": "Careful Reader",
                "author_email": "careful.reader@private.example",
                "text": "A published comment with a private author.",
            }
        ),
        content_type="application/json",
        REMOTE_ADDR="203.0.113.250",
    )
    assert posted.status_code == 201
    from civility.comments.actions import decide

    decide(
        world["held"], status="approved", actor=world["users"]["moderator"], note="secret-note-42"
    )
    public = [
        "/",
        article.get_absolute_url(),
        f"/tags/{world['tag'].slug}/",
        "/api/articles",
        f"/api/articles/{article.slug}",
        f"/api/articles/{article.slug}/comments",
        "/api/openapi.json",
    ]
    forbidden = [
        "careful.reader@private.example",
        "reader@example.org",
        "203.0.113.250",
        "secret-note-42",
        "moderator-user",
        "violation",
        "pinned-test-engine",
        "ip_hash",
    ]
    for url in public:
        body = Client().get(url).content.decode()
        for secret in forbidden:
            if url == "/api/openapi.json" and secret == "violation":
                continue
            assert secret not in body, f"{url} shows {secret!r}"
    # The answer to the poster: outcome and clause, no scores.
    # (statement_url: the author's own page, null unless CIVILITY_DSA; docs/law.md.
    # reader: the author's signed token, a random key and their comments' ids.)
    assert set(posted.json()) == {
        "id",
        "status",
        "outcome",
        "message",
        "reasons",
        "statement_url",
        "reader",
    }
    assert posted.json()["statement_url"] is None
    assert set(Visitor.from_token(posted.json()["reader"]).own) == {posted.json()["id"]}
