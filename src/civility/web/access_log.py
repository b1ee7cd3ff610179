"""Keys out of every log line: gunicorn's access log and the site's own loggers.

Perspective clients (Coral among them) send their API key as ``?key=``
(docs/perspective.md), so the request line that gunicorn's access log writes
for ``civility demo`` and ``civility serve`` carried the key in the clear
(issue 12, item 7): anyone who reads the logs could score comments as that
client. ``RedactingLogger`` (gunicorn's ``--logger-class``, set by
cli/django_env.py) rewrites every atom of an access-log line, the request
line, the query string, the referrer and the headers, before it is
formatted; ``RedactKeys`` does the same for the site's own log records
(web/settings.py LOGGING). The key's name is kept, its value becomes
``[redacted]``, so a log still shows that a key was sent.
"""

from __future__ import annotations

import logging
import re

from gunicorn.glogging import Logger as GunicornLogger

REDACTED = "[redacted]"
# Query parameters that carry a secret: Perspective's key and the usual others.
SECRET_PARAMETERS = ("key", "api_key", "apikey", "access_token", "token", "reader_token")
_PARAMETER = re.compile(
    r"(?P<name>(?:^|(?<=[?&;\s]))(?:" + "|".join(SECRET_PARAMETERS) + r")=)(?P<value>[^&;\s\"']*)",
    re.IGNORECASE,
)
# Headers that carry a secret, as gunicorn names their atoms ({name}i, {HTTP_NAME}e).
SECRET_HEADERS = frozenset({"x-goog-api-key", "authorization", "cookie", "x-csrftoken"})


def redact(text: str) -> str:
    """``text`` with the value of every secret query parameter replaced."""
    if not isinstance(text, str) or "=" not in text:
        return text
    return _PARAMETER.sub(lambda m: m.group("name") + REDACTED, text)


def _secret_atom(name: str) -> bool:
    if name.endswith("}i"):
        return name[1:-2].lower() in SECRET_HEADERS
    if name.endswith("}e") and name.startswith("{http_"):
        return name[6:-2].replace("_", "-").lower() in SECRET_HEADERS
    return False


def redact_atoms(atoms: dict) -> dict:
    """gunicorn's access-log atoms with secrets replaced (pure; unit-tested)."""
    return {
        name: (REDACTED if _secret_atom(name) and value else redact(value))
        for name, value in atoms.items()
    }


class RedactKeys(logging.Filter):
    """A logging filter: the message (arguments merged) with secrets replaced."""

    def filter(self, record: logging.LogRecord) -> bool:
        try:
            message = record.getMessage()
        except Exception:  # noqa: BLE001 - a broken record is logging's to report
            return True
        cleaned = redact(message)
        if cleaned != message:
            record.msg, record.args = cleaned, None
        return True


class RedactingLogger(GunicornLogger):
    """gunicorn's logger whose access lines carry no key (``--logger-class``)."""

    def atoms(self, resp, req, environ, request_time):
        return redact_atoms(super().atoms(resp, req, environ, request_time))
