"""The API against its own OpenAPI schema (schemathesis), in process through WSGI.

Every operation gets up to 30 generated requests, valid and invalid. The
checks: no 5xx, every status documented for its operation, the declared
content type, and every response body valid against the schema. The checks
that would demand acceptance of any schema-valid body (positive data
acceptance) are left out on purpose: a body can match the schema's types and
still be refused by the rules (an empty comment, an unknown clause), with a
documented 4xx.
"""

from __future__ import annotations

import pytest
import schemathesis
from django.core.wsgi import get_wsgi_application
from hypothesis import HealthCheck, settings
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    response_schema_conformance,
    status_code_conformance,
)

pytestmark = [pytest.mark.django_db]

CHECKS = [
    not_a_server_error,
    status_code_conformance,
    content_type_conformance,
    response_schema_conformance,
]


# Loaded when the module is collected: fetching the schema needs no database.
schema = schemathesis.openapi.from_wsgi("/api/openapi.json", get_wsgi_application())


@schema.parametrize()
@settings(
    max_examples=30,
    deadline=None,
    derandomize=True,
    suppress_health_check=list(HealthCheck),
)
def test_the_api_keeps_its_schema(case, article, engine_answers):
    case.call_and_validate(checks=CHECKS)


moderation = schema.include(path_regex="^/api/moderation/")


@moderation.parametrize()
@settings(
    max_examples=30,
    deadline=None,
    derandomize=True,
    suppress_health_check=list(HealthCheck),
)
def test_the_moderation_api_keeps_its_schema_for_a_moderator(
    case, article, engine_answers, moderator
):
    from django.test import Client

    client = Client()
    client.force_login(moderator)
    cookies = {"sessionid": client.cookies["sessionid"].value}
    response = case.call_and_validate(checks=CHECKS, cookies=cookies)
    assert response.status_code != 401  # signed in: the session is really used
