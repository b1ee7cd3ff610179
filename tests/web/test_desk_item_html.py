"""The desk item built in Python (moderators/item_html.py): escaped, translated, per page.

The item was a Django template until the million-comment benchmark showed it
was most of a desk page's time. These tests hold the renderer to what the
template gave for free: every value a reader or a moderator wrote is escaped,
every word follows the moderator's language, and every form carries the
page's CSRF token and comes back to the page it was sent from.
"""

from __future__ import annotations

import re

import pytest
from django.utils import translation

from civility.commenters.actions import impose_sanction
from civility.comments import actions
from civility.comments.models import Comment
from civility.moderators import item_html
from civility.moderators.views import build_items, with_history
from civility.threads import picks

HOSTILE = "<img src=x onerror=alert(1)> \"quoted\" & 'single'"


@pytest.fixture
def desk(client, moderator):
    client.force_login(moderator)
    return client


def test_everything_a_person_wrote_is_escaped(desk, moderator, post, make_article):
    article = make_article(slug="hostile", title=HOSTILE)
    held = post("First " + HOSTILE, decision="review", article=article, author_name=HOSTILE).comment
    post("Earlier " + HOSTILE, decision="review", article=article, author_name=HOSTILE)
    impose_sanction(held, kind="premoderate", actor=moderator, reason=HOSTILE)
    actions.decide(held, status="rejected", clause_id="profanity", actor=moderator, note=HOSTILE)
    for path in ("/moderate/", "/moderate/rejected/"):
        body = desk.get(path).content.decode()
        assert "<img" not in body and "onerror=alert(1)>" not in body
        assert "&lt;img src=x onerror=alert(1)&gt;" in body
    rejected = desk.get("/moderate/rejected/").content.decode()
    # the title, the author, the note and the sanction's reason, each escaped where it shows
    assert rejected.count("&lt;img src=x onerror=alert(1)&gt; &quot;quoted&quot; &amp;") >= 4


@pytest.mark.parametrize("language", ["ckb", "ar", "kmr", "tr"])
def test_the_item_speaks_the_moderator_s_language(desk, post, language):
    post("Is this fair to say?", decision="review")
    english = desk.get("/moderate/", HTTP_ACCEPT_LANGUAGE="en").content.decode()
    with translation.override(language):
        approve, sanction = translation.gettext("Approve"), translation.gettext("Sanction")
        history = translation.ngettext(
            "Decision history (%(counter)s decision)",
            "Decision history (%(counter)s decisions)",
            1,
        ) % {"counter": 1}
    assert approve != "Approve" and sanction != "Sanction"  # the catalog has them
    translated = desk.get("/moderate/", HTTP_ACCEPT_LANGUAGE=language).content.decode()
    assert 'data-action="approve">Approve</button>' in english
    assert f'data-action="approve">{approve}</button>' in translated
    assert f"<legend>{sanction}</legend>" in translated
    assert f"<summary>{history}</summary>" in translated


def test_every_form_carries_the_page_s_token_and_comes_back_to_the_page(desk, post):
    for n in range(3):
        post(f"Held comment {n}.", decision="review", author_email=f"r{n}@example.org")
    response = desk.get("/moderate/?order=oldest")
    body = response.content.decode()
    tokens = set(re.findall(r'name="csrfmiddlewaretoken" value="([^"]+)"', body))
    nexts = re.findall(r'name="next" value="([^"]+)"', body)
    assert len(tokens) == 1  # one token for the page, the same in every form
    assert body.count('class="decide-form"') == 3 and body.count('class="sanction-form"') == 3
    assert nexts and set(nexts) == {"/moderate/?order=oldest"}


def test_an_item_s_parts_follow_its_state(desk, moderator, post):
    comment = post("A published comment.", decision="approve").comment
    picks.feature_comment(comment, actor=moderator)
    item = build_items([with_history(Comment.objects.all()).get(pk=comment.pk)], "approved")[0]
    page = item_html.PageParts(item_html.csrf_input("t0ken"), "/back/", ())
    html = item_html.item_html(item, page, oob=True)
    assert html.startswith(f'<li class="queue-item" id="item-{comment.pk}"')
    assert 'hx-swap-oob="outerHTML"' in html
    assert 'data-action="unfeature"' in html  # featured: the pick form offers to stop
    assert 'data-action="approve"' not in html  # already approved: only the reversal
    assert 'data-action="reject">Reverse: reject</button>' in html
    assert '<details class="history-details" open>' in html
    assert 'value="t0ken"' in html and 'name="next" value="/back/"' in html
    assert "<p>No earlier comments.</p>" in html


def test_a_refused_decision_marks_the_select_and_keeps_the_choice(desk, post):
    held = post("Borderline.", decision="review").comment
    response = desk.post(
        f"/moderate/comments/{held.pk}/decide/",
        {"status": "rejected", "clause_id": "", "view": "queue", "next": "/moderate/"},
        HTTP_HX_REQUEST="true",
    )
    body = response.content.decode()
    assert response.status_code == 422
    assert f'aria-errormessage="item-{held.pk}-error"' in body
    assert f'id="item-{held.pk}-error" role="alert"' in body
