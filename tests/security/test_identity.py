"""One idea of "the same person" for every limit, lockout and lookup (abuse/identity.py).

The attacks: the sign-in lockout counted the account name as typed while
Django signed in the name it had cleaned; the posting limits counted
``a+1@x``, ``"a"@x`` and ``A@X`` as different readers.
"""

from __future__ import annotations

import pytest
from django.test import Client

# tests/security/conftest.py gives every test user this password.
PASSWORD = "a-long-password-for-tests-7"

LOGIN = "/accounts/login/"


def sign_in(username, password, ip="203.0.113.20"):
    return Client().post(LOGIN, {"username": username, "password": password}, REMOTE_ADDR=ip)


@pytest.mark.django_db
@pytest.mark.parametrize(
    "spelling",
    [
        "moderator-user ",  # trailing space: Django strips it and signs in
        " moderator-user",
        "moderator-user\t",
        "\uff4doderator-user",  # fullwidth m: NFKC makes it "m"
        "MODERATOR-USER",
        "moderator-user\u3000",  # ideographic space
    ],
)
def test_the_account_lockout_holds_for_every_spelling_of_the_name(
    moderator, strict_limits, spelling
):
    for _ in range(6):
        sign_in("moderator-user", "wrong", ip="198.51.100.9")
    response = sign_in(spelling, PASSWORD)
    assert response.status_code == 429, spelling
    assert "sessionid" not in response.cookies


@pytest.mark.django_db
def test_wrong_guesses_under_other_spellings_count_against_the_account(moderator, strict_limits):
    for spelling in ("moderator-user ", " moderator-user", "\uff4doderator-user", "Moderator-user"):
        sign_in(spelling, "wrong", ip="198.51.100.10")
    sign_in("moderator-user\t", "wrong", ip="198.51.100.11")
    assert sign_in("moderator-user", PASSWORD).status_code == 429


@pytest.mark.django_db
def test_a_spelling_django_does_not_sign_in_cannot_sign_in(moderator, strict_limits):
    # A zero-width space is no whitespace: Django looks up another (absent)
    # account, so the right password fails there; nothing is bypassed.
    response = sign_in("moder\u200bator-user", PASSWORD)
    assert response.status_code == 200 and "sessionid" not in response.cookies


@pytest.mark.parametrize(
    "spelling",
    [
        "alice@example.org",
        "Alice@Example.ORG",
        " alice@example.org ",
        "alice+news@example.org",
        "alice+1+2@example.org",
        '"alice"@example.org',
        '"al\\ice"@example.org',
        '"alice+x"@example.org',
        "\uff41lice@example.org",  # fullwidth a
        "alice@example.org.",
        "ALICE+Tag@EXAMPLE.org",
    ],
)
def test_one_mailbox_one_key(spelling):
    from civility.abuse import identity

    assert identity.email(spelling) == "alice@example.org"


def test_gmail_dots_and_googlemail_are_one_mailbox_elsewhere_dots_count():
    from civility.abuse import identity

    key = identity.email("jane.doe@gmail.com")
    assert (
        key == identity.email("janedoe@googlemail.com") == identity.email("J.a.n.e.Doe+x@Gmail.com")
    )
    assert identity.email("jane.doe@example.org") != identity.email("janedoe@example.org")


def test_international_domains_are_one_domain():
    from civility.abuse import identity

    assert identity.email("a@bücher.de") == identity.email("a@xn--bcher-kva.de")


def test_distinct_people_stay_distinct():
    from civility.abuse import identity

    keys = {
        identity.email(a)
        for a in ("alice@example.org", "bob@example.org", "alice@example.net", "+x@example.org")
    }
    assert len(keys) == 4


def test_reader_ids_keep_their_case():
    from civility.abuse import identity

    # RFC 7519: "sub" is case-sensitive; a publisher may have both accounts.
    assert identity.reader("https://news.example", "Ab12") != identity.reader(
        "https://news.example", "ab12"
    )
    assert identity.reader(" iss ", " sub ") == ("iss", "sub")
