"""Moderators' accounts: throttled sign-in, argon2, cookies, CSRF on every form."""

from __future__ import annotations

import re

import pytest
from django.test import Client

from civility.web.config import Rate

# tests/security/conftest.py gives every test user this password.
PASSWORD = "a-long-password-for-tests-7"

pytestmark = pytest.mark.django_db

LOGIN = "/accounts/login/"


def sign_in(client, username, password, ip="203.0.113.20", path=LOGIN):
    return client.post(path, {"username": username, "password": password}, REMOTE_ADDR=ip)


def test_sign_in_is_throttled_per_account(client, moderator, strict_limits):
    for _ in range(5):
        assert sign_in(client, moderator.username, "wrong").status_code == 200
    # The sixth try is refused before the password is checked: even the right
    # one learns nothing, and the answer says how long to wait.
    response = sign_in(client, moderator.username, PASSWORD)
    assert response.status_code == 429
    assert 1 <= int(response["Retry-After"]) <= 900
    assert "Too many failed sign-ins" in response.content.decode()
    assert "_auth_user_id" not in client.session
    # From another address too: the account is what is protected.
    assert sign_in(Client(), moderator.username, PASSWORD, ip="198.51.100.3").status_code == 429
    # The admin's sign-in page is the same door.
    response = sign_in(Client(), moderator.username, PASSWORD, path="/admin/login/")
    assert response.status_code == 429


def test_sign_in_is_throttled_per_address(client, moderator, settings):
    settings.CIVILITY_LOGIN_LIMIT_IP = Rate(3, 900)
    for n in range(3):
        sign_in(client, f"guess-{n}", "wrong", ip="203.0.113.66")
    assert sign_in(client, moderator.username, PASSWORD, ip="203.0.113.66").status_code == 429
    # Someone else, elsewhere, signs in as usual.
    assert sign_in(Client(), moderator.username, PASSWORD, ip="203.0.113.67").status_code == 302


def test_a_successful_sign_in_clears_the_account_count(client, moderator, settings):
    settings.CIVILITY_LOGIN_LIMIT_ACCOUNT = Rate(3, 900)
    sign_in(client, moderator.username, "wrong")
    sign_in(client, moderator.username, "wrong")
    assert sign_in(client, moderator.username, PASSWORD).status_code == 302
    client.logout()
    sign_in(client, moderator.username, "wrong")
    sign_in(client, moderator.username, "wrong")
    assert sign_in(client, moderator.username, PASSWORD).status_code == 302


def test_passwords_are_hashed_with_argon2(moderator):
    assert moderator.password.startswith("argon2$argon2id$")
    assert moderator.check_password(PASSWORD)


def test_session_and_csrf_cookies(client, moderator, settings):
    page = client.get(LOGIN)
    csrf = page.cookies["csrftoken"]
    assert csrf["samesite"] == "Lax"
    response = sign_in(client, moderator.username, PASSWORD)
    session = response.cookies["sessionid"]
    assert session["httponly"] is True
    assert session["samesite"] == "Lax"
    assert not session["secure"]  # plain http (the demo): a Secure cookie would never return


def test_cookies_are_secure_and_hsts_is_sent_behind_tls(tmp_path):
    import os
    import subprocess
    import sys

    code = (
        "import django; django.setup(); from django.conf import settings as s; "
        "print(s.SESSION_COOKIE_SECURE, s.CSRF_COOKIE_SECURE, s.SECURE_HSTS_SECONDS, "
        "s.SECURE_PROXY_SSL_HEADER)"
    )
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "civility.web.settings",
        "CIVILITY_DATA_DIR": str(tmp_path),
        "CIVILITY_HTTPS": "true",
    }
    out = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True)
    assert out.stdout.split() == [
        "True",
        "True",
        "31536000",
        "('HTTP_X_FORWARDED_PROTO',",
        "'https')",
    ], out.stderr


def test_hsts_only_over_https(client, db, settings):
    settings.SECURE_HSTS_SECONDS = 31536000
    settings.SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    assert "Strict-Transport-Security" not in client.get("/")
    over_tls = client.get("/", HTTP_X_FORWARDED_PROTO="https")
    assert over_tls["Strict-Transport-Security"] == "max-age=31536000"


def test_every_state_changing_form_carries_a_csrf_token(client, article, moderator, engine_answers):
    """Every <form method="post"> on the pages has Django's token, and a post without it is 403."""
    from civility.posting.service import post_comment

    engine_answers("review")
    post_comment(
        article=article,
        author_name="Reader",
        author_email="r@example.org",
        text="Held for a person to read.",
    )
    client.force_login(moderator)
    pages = [article.get_absolute_url(), "/moderate/", "/moderate/approved/", LOGIN]
    for url in pages:
        html = client.get(url).content.decode()
        forms = re.findall(r"<form\b[^>]*>.*?</form>", html, flags=re.S | re.I)
        posts = [f for f in forms if re.search(r'method="post"', f, re.I)]
        assert posts or url == "/moderate/approved/", f"{url} has no form"
        for form in posts:
            assert 'name="csrfmiddlewaretoken"' in form, f"{url}: form without CSRF token"

    strict = Client(enforce_csrf_checks=True)
    strict.force_login(moderator)
    assert strict.post(f"/articles/{article.slug}/comments/", {"text": "x"}).status_code == 403
    assert strict.post("/accounts/logout/").status_code == 403
    assert strict.post("/moderate/comments/1/decide/", {"status": "approved"}).status_code == 403
