"""Sign-in throttling: failed attempts counted per account and per address.

Moderators' accounts can approve anything, so guessing their passwords must
be slow. Every failed sign-in (Django's ``user_login_failed`` signal, sent by
the site's login page, the admin's and any other ``authenticate`` call with a
request) counts once against the account name and once against the client's
address, in fixed windows kept in Django's cache (Redis when several servers
run). Once either count reaches its limit, sign-in POSTs for that account or
from that address answer 429 with ``Retry-After`` *before* the password is
checked, so a right guess inside the lockout teaches the attacker nothing.
A successful sign-in clears its account's count.

The account is counted by its key (identity.py): the name as Django's form
cleans it before looking the account up, case folded, so "moderator ",
"\tmoderator" and a fullwidth "ｍoderator" spend one allowance.

Limits: ``CIVILITY_LOGIN_LIMIT_ACCOUNT`` and ``CIVILITY_LOGIN_LIMIT_IP``.
"""

from __future__ import annotations

import hashlib
import math
import time

from django.conf import settings
from django.contrib.auth import signals
from django.contrib.auth.forms import AuthenticationForm
from django.core.cache import caches
from django.dispatch import receiver
from django.shortcuts import render
from django.utils.translation import gettext as _

from . import identity
from .rate_limits import KEY_PREFIX, client_ip

LOGIN_PATHS = ("/accounts/login/", "/admin/login/")


def _key(kind: str, value: str, seconds: int, now: float) -> tuple[str, int]:
    window = int(now // seconds)
    digest = hashlib.sha256(f"login-{kind}\n{value}".encode("utf-8", "surrogatepass")).hexdigest()
    return f"{KEY_PREFIX}login-{kind}:{digest[:32]}:{seconds}:{window}", window


def _limits(ip: str, username: str):
    yield "ip", ip, settings.CIVILITY_LOGIN_LIMIT_IP
    account = identity.account_name(username)
    if account:
        yield "account", account, settings.CIVILITY_LOGIN_LIMIT_ACCOUNT


def retry_after(ip: str, username: str, now: float | None = None) -> int:
    """Seconds until this account and address may try again; 0 = go ahead."""
    now = time.time() if now is None else now
    cache = caches["default"]
    wait = 0
    for kind, value, rate in _limits(ip, username):
        key, window = _key(kind, value, rate.seconds, now)
        if (cache.get(key) or 0) >= rate.count:
            wait = max(wait, math.ceil((window + 1) * rate.seconds - now))
    return max(wait, 0)


def record_failure(ip: str, username: str, now: float | None = None) -> None:
    now = time.time() if now is None else now
    cache = caches["default"]
    for kind, value, rate in _limits(ip, username):
        key, _window = _key(kind, value, rate.seconds, now)
        cache.add(key, 0, timeout=rate.seconds + 1)
        try:
            cache.incr(key)
        except ValueError:  # expired in between
            cache.add(key, 1, timeout=rate.seconds + 1)


def clear_account(username: str, now: float | None = None) -> None:
    now = time.time() if now is None else now
    rate = settings.CIVILITY_LOGIN_LIMIT_ACCOUNT
    key, _window = _key("account", identity.account_name(username), rate.seconds, now)
    caches["default"].delete(key)


@receiver(signals.user_login_failed)
def _on_failure(sender, credentials, request=None, **kwargs):
    if request is None:
        return
    record_failure(client_ip(request), str(credentials.get("username") or ""))


@receiver(signals.user_logged_in)
def _on_success(sender, request, user, **kwargs):
    clear_account(user.get_username())


class LoginThrottleMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.method == "POST" and request.path in LOGIN_PATHS:
            username = request.POST.get("username", "")
            wait = retry_after(client_ip(request), username)
            if wait:
                return self.refuse(request, username, wait)
        return self.get_response(request)

    def refuse(self, request, username: str, wait: int):
        form = AuthenticationForm(request, initial={"username": username})
        form.is_bound = False
        message = _("Too many failed sign-ins. Please wait %(minutes)s minutes and try again.") % {
            "minutes": max(1, math.ceil(wait / 60))
        }
        response = render(
            request,
            "registration/login.html",
            {"form": form, "throttled": message, "next": request.POST.get("next", "")},
            status=429,
        )
        response["Retry-After"] = str(wait)
        return response
