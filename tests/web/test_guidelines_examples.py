"""Every example on /guidelines/ gets the outcome the page promises, posted through the site.

The page lists each clause of the policy with an example: under a prohibition
"For example, this is caught:" beside the message "Rejected: ...", under a
welcome "For example:". So a prohibition's example must be rejected citing
that clause, and a welcome's example published. The examples are read from
the page itself (not from the policy file), posted through the JSON API to
the seed article with the real engine (no fake), and the answer checked as a
reader's browser would see it.
"""

from __future__ import annotations

import html
import re

import pytest

from civility.articles.importer import import_articles
from civility.demo import demo_articles

pytestmark = [pytest.mark.django_db]

EXAMPLE = re.compile(
    r'<li class="clause" id="clause-(?P<id>[^"]+)">.*?'
    r'<p class="clause__message">(?P<told>[^<]*)</p>.*?'
    r'<p class="clause__example">(?P<lead>[^<]*)<q lang="en" dir="ltr">(?P<text>.*?)</q>',
    re.S,
)
TOLD = "What the reader is told:"
CAUGHT = "For example, this is caught:"


@pytest.fixture
def seed_article(db):
    """The article the guidelines were written under (the demo's first, the seed page)."""
    seed = demo_articles()[0]
    import_articles([seed])
    return seed["slug"]


def page_examples(client) -> list[tuple[str, bool, str, str]]:
    """(clause id, caught?, example, what the reader is told) for every
    example on the English page."""
    page = client.get("/guidelines/", HTTP_ACCEPT_LANGUAGE="en").content.decode()
    found = [
        (
            m["id"],
            m["lead"].strip() == CAUGHT,
            html.unescape(m["text"]),
            html.unescape(m["told"]).removeprefix(TOLD).strip(),
        )
        for m in EXAMPLE.finditer(page)
    ]
    assert len(found) == page.count('class="clause__example"'), "an example the regex missed"
    return found


def post(client, slug: str, text: str, n: int):
    # Each example from its own reader and address, as on a real thread, so
    # that the posting rate limits do not answer instead of the engine.
    return client.post(
        f"/api/articles/{slug}/comments",
        {"author_name": f"Reader {n}", "author_email": f"reader{n}@example.org", "text": text},
        content_type="application/json",
        REMOTE_ADDR=f"198.51.100.{n + 1}",
    )


def test_the_page_shows_an_example_for_every_clause(client):
    from civility.moderation import load_policy

    shown = {example[0] for example in page_examples(client)}
    assert shown == {c.id for c in load_policy().clauses}


def test_every_example_gets_the_outcome_the_page_promises(client, seed_article):
    examples = page_examples(client)
    wrong = []
    for n, (clause_id, caught, text, told) in enumerate(examples):
        response = post(client, seed_article, text, n)
        body = response.json()
        cited = [r["clause_id"] for r in body.get("reasons", [])]
        if caught:
            # Rejected under that clause, with the message the page shows.
            ok = response.status_code == 201 and body["outcome"] == "rejected"
            ok = ok and cited[:1] == [clause_id] and body["message"] == told
        else:
            ok = response.status_code == 201 and body["outcome"] == "published"
        if not ok:
            wrong.append((clause_id, text, response.status_code, body.get("outcome"), cited))
    assert not wrong, "examples that do not get the promised outcome: " + repr(wrong)
    # Each one once: a published example is on the thread, a rejected one is not.
    thread = client.get(f"/api/articles/{seed_article}/comments").json()["comments"]
    published = {c["text"] for c in thread}
    assert published == {text for _, caught, text, _ in examples if not caught}
