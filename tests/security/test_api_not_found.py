"""Issue 12, item 9: an unknown address under /api/ answers the one error shape."""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    "path", ["/api/nope", "/api/articles/x/y/z", "/api/embed/unknown", "/api/../api/x"]
)
def test_an_unknown_api_address_answers_json_in_the_one_shape(client, path):
    response = client.get(path)
    assert response.status_code == 404
    assert response["Content-Type"].startswith("application/json")
    assert response.json() == {
        "error": {
            "code": "not_found",
            "message": response.json()["error"]["message"],
            "field": None,
        }
    }


def test_pages_keep_their_html_404(client):
    response = client.get("/no-such-page/")
    assert response.status_code == 404
    assert response["Content-Type"].startswith("text/html")
