"""Who is the same person: one normalisation of account names, e-mail addresses
and reader ids, for every limit, lockout and lookup that counts by person.

A limit is only as strong as its idea of "the same": the sign-in lockout once
counted the name as typed while Django signed in the name it had cleaned, so
``"moderator "``, ``"\\tmoderator"`` and a fullwidth ``ｍoderator`` each had a
fresh allowance of guesses; the posting limits counted ``a+1@x``, ``a+2@x``
and ``"a"@x`` as three readers. Every counter and every lookup by person asks
this module, so two spellings of one mailbox or one account are one key.

The keys are for counting and finding, never for display or for sending
mail: a comment keeps the address as the reader typed it.

Merging two real people into one key costs them a shared allowance; missing
one person's second spelling costs the limit itself. So where a rule is
uncertain it merges (case in the local part, ``+tags`` on every domain), and
it merges only on documented behaviour otherwise (dots, Gmail only).
"""

from __future__ import annotations

import unicodedata

# Google documents that dots in a Gmail address are ignored ("j.ane@gmail.com"
# reaches "jane@gmail.com") and that googlemail.com is the same service.
# Other providers deliver dotted and undotted names to different people, so
# dots are kept everywhere else.
DOTLESS_DOMAINS = frozenset({"gmail.com", "googlemail.com"})
DOMAIN_ALIASES = {"googlemail.com": "gmail.com"}
# Subaddressing ("plus addressing"): Gmail, Outlook, iCloud, Fastmail, Proton,
# Yahoo (with "-" for its own disposable names, not merged here), and most
# mail servers (Postfix's recipient_delimiter, Exim, Dovecot) deliver
# name+anything to name.
SUBADDRESS_SEPARATOR = "+"


def _clean(raw: object) -> str:
    """NFKC (fullwidth and styled letters become plain), then surrounding space
    removed, as Django's own form fields strip and normalise before use."""
    return unicodedata.normalize("NFKC", str(raw or "").strip()).strip()


def account_name(raw: object) -> str:
    """The key of a staff account name, as the sign-in lockout counts it.

    Django's sign-in form strips the name and applies NFKC before looking the
    account up (``UsernameField``), so whatever it would sign in as one
    account must count as that account here: the same cleaning, then case
    folded (stricter than Django's lookup, so that ``Moderator`` and
    ``moderator`` share their allowance too).
    """
    return _clean(raw).casefold()


def email(raw: object) -> str:
    """The key of a mailbox: one per address that reaches the same person.

    - Unicode compatibility forms, surrounding space and case are folded
      (fullwidth ``ａ``, ``Alice@Example.COM``);
    - a quoted local part is read as what it quotes (``"alice"@x`` is
      ``alice@x``: RFC 5321 says they are one mailbox), escapes included;
    - a ``+tag`` is dropped (``alice+news@x`` reaches ``alice@x``);
    - the domain loses a trailing dot and is written as IDNA (``bücher.de``
      and ``xn--bcher-kva.de`` are one domain);
    - Gmail's dots are dropped and googlemail.com is gmail.com.

    A value without ``@`` is returned folded (it is not an address; the
    posting service refuses it before any limit counts it).
    """
    text = _clean(raw)
    local, at, domain = text.rpartition("@")
    if not at:
        return text.casefold()
    local = _unquote(local).casefold()
    domain = _domain(domain)
    base = local.split(SUBADDRESS_SEPARATOR, 1)[0]
    if base:  # "+tag@x" alone keeps its whole name
        local = base
    if domain in DOTLESS_DOMAINS:
        local = local.replace(".", "")
        domain = DOMAIN_ALIASES.get(domain, domain)
    return f"{local}@{domain}"


def _unquote(local: str) -> str:
    if len(local) >= 2 and local.startswith('"') and local.endswith('"'):
        inner, out, escaped = local[1:-1], [], False
        for char in inner:
            if escaped or char != "\\":
                out.append(char)
                escaped = False
            else:
                escaped = True
        return "".join(out)
    return local


def _domain(domain: str) -> str:
    domain = domain.strip().rstrip(".").casefold()
    try:
        return domain.encode("idna").decode("ascii")
    except UnicodeError:  # not a valid name; fold it and let validation refuse it
        return domain


def reader(issuer: object, subject: object) -> tuple[str, str]:
    """The key of a signed-in reader: the token's issuer and subject.

    Only surrounding space and Unicode composition are normalised, never
    case: RFC 7519 makes ``sub`` case-sensitive, and a publisher whose
    account ids differ by case must not have two readers merged. Tokens are
    signed by the publisher, so a reader cannot choose another spelling.
    """
    return (
        unicodedata.normalize("NFC", str(issuer or "").strip()),
        unicodedata.normalize("NFC", str(subject or "").strip()),
    )
