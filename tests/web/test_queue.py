"""The moderator queue through Django's test client: access, display, deciding."""

from __future__ import annotations

import re

import pytest
from django.contrib.auth.models import Group, User

from civility.comments.models import Comment, CommentStatus, DecisionRecord
from civility.moderators import presentation

pytestmark = pytest.mark.django_db

HTMX = {"HTTP_HX_REQUEST": "true"}


@pytest.fixture
def mod_client(client, moderator):
    client.force_login(moderator)
    return client


def decide_url(comment):
    return f"/moderate/comments/{comment.pk}/decide/"


# --- access --------------------------------------------------------------------


@pytest.mark.parametrize("path", ["/moderate/", "/moderate/approved/", "/moderate/rejected/"])
def test_anonymous_visitors_are_sent_to_sign_in(client, db, path):
    response = client.get(path)
    assert response.status_code == 302
    assert response["Location"] == f"/accounts/login/?next={path}"


@pytest.mark.parametrize("path", ["/moderate/", "/moderate/approved/", "/moderate/rejected/"])
def test_signed_in_non_moderators_get_403(client, reader, path):
    client.force_login(reader)
    assert client.get(path).status_code == 403


def test_non_moderators_cannot_decide(client, reader, post):
    comment = post("Held one.", decision="review").comment
    client.force_login(reader)
    assert client.post(decide_url(comment), {"status": "approved"}).status_code == 403
    client.logout()
    assert client.post(decide_url(comment), {"status": "approved"}).status_code == 302
    comment.refresh_from_db()
    assert comment.status == CommentStatus.PENDING
    assert comment.decisions.count() == 1


def test_an_expired_session_sends_htmx_to_the_login_page(client, post):
    comment = post("Held one.", decision="review").comment
    response = client.post(
        decide_url(comment),
        {"status": "approved"},
        HTTP_HX_CURRENT_URL="http://testserver/moderate/",
        **HTMX,
    )
    assert response.status_code == 401
    assert response["HX-Redirect"] == "/accounts/login/?next=/moderate/"
    assert comment.decisions.count() == 1


def test_editors_may_moderate(client, db):
    editor = User.objects.create_user("ed", password="pw-for-tests-only")
    editor.groups.add(Group.objects.get(name="editors"))
    client.force_login(editor)
    assert client.get("/moderate/").status_code == 200


def test_login_page_signs_a_moderator_in_and_returns(client, moderator):
    page = client.get("/accounts/login/?next=/moderate/")
    assert page.status_code == 200
    assert '<label for="id_username">Username</label>' in page.content.decode()
    response = client.post(
        "/accounts/login/",
        {"username": "mod", "password": moderator.password_for_tests, "next": "/moderate/"},
    )
    assert response.status_code == 302 and response["Location"] == "/moderate/"


# --- the queue -----------------------------------------------------------------


# The list queries (subqueries on the decision log) run on PostgreSQL too.
@pytest.mark.postgres
def test_queue_shows_held_comments_oldest_first_with_evidence_and_scores(mod_client, post):
    post("Idiot, first held.", decision="review")
    post("A published one.", decision="approve")
    post("Moron, second held.", decision="reject")  # rejected: not in the queue
    post("Third held <b>comment</b>.", decision="review", author_email="b@example.org")

    html = mod_client.get("/moderate/").content.decode()
    assert "2 comments are held." in html
    listed = " ".join(re.findall(r'class="queue-item__text"[^>]*>(.*?)</p>', html))
    assert "A published one." not in listed and "second held" not in listed
    # Beside each, the commenter's history: the same mailbox's other comments.
    assert "2 earlier comments:" in html and "1 approved, 1 rejected, 0 held" in html
    assert html.index("first held") < html.index("held &lt;b&gt;comment")
    # The fake engine cites characters 0-5 as evidence of a personal attack.
    assert '<mark title="personal attack">Idiot</mark>, first held.' in html
    assert '<mark title="personal attack">Third</mark> held &lt;b&gt;comment&lt;/b&gt;.' in html
    assert re.search(r'<th scope="row">personal attack</th><td><meter [^>]*value="0.970"', html)
    assert 'class="suggested suggested--review">Review</span>' in html
    # Why it is held: the clause with its category and score.
    assert (
        '<li data-reason="clause">We will not tolerate the following: personal attacks.'
        " (personal attack 0.97)</li>"
    ) in html
    # The reject select offers the policy's rejecting clauses, none preselected:
    # the engine's clause is a hint beside it (a rejection is a deliberate choice).
    assert re.search(r'<option value="personal_attacks" title="[^"]+">Personal attacks<', html)
    assert " selected>" not in html.split('id="search-order"')[1].split("</select>", 1)[1]
    assert "The engine cites: Personal attacks" in html
    assert '<option value="criticism"' not in html  # nothing a comment can break
    assert 'data-action="approve"' in html and 'data-action="reject"' in html
    assert '<script src="/static/civility/js/vendor/htmx.min.js" defer></script>' in html


def test_queue_queries_do_not_grow_with_the_number_of_comments(mod_client, post):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    posted = []

    def queries_for(n_more):
        for _ in range(n_more):
            n = len(posted)
            posted.append(
                post(f"Held number {n}.", decision="review", author_email=f"q{n}@x.example")
            )
        with CaptureQueriesContext(connection) as captured:
            assert mod_client.get("/moderate/").status_code == 200
        return len(captured)

    assert queries_for(2) == queries_for(4)
    assert len(posted) == 6


def test_queue_is_empty_when_nothing_is_held(mod_client, db):
    html = mod_client.get("/moderate/").content.decode()
    assert "No comments are waiting for a decision." in html


def test_approving_with_htmx_swaps_the_item_and_publishes(mod_client, moderator, post, article):
    comment = post("Held but fine.", decision="review").comment

    response = mod_client.post(decide_url(comment), {"status": "approved", "view": "queue"}, **HTMX)

    assert response.status_code == 200
    html = response.content.decode()
    # Out of band: the done row, the one live region, the undo toast, the counts.
    assert html.lstrip().startswith(
        f'<li class="queue-item queue-item--done" id="item-{comment.pk}" hx-swap-oob="outerHTML">'
    )
    assert (
        '<div id="desk-announcer" hx-swap-oob="innerHTML">Approved: the comment is published.'
        in html
    )
    assert f'<input type="hidden" name="decision" value="{comment.latest_decision.pk}">' in html
    assert 'id="desk-counts-text"' in html and "0 comments are held." in html
    comment.refresh_from_db()
    assert comment.status == CommentStatus.APPROVED
    latest = comment.latest_decision
    assert latest.actor == moderator and latest.status == CommentStatus.APPROVED
    assert "Held but fine." in mod_client.get(article.get_absolute_url()).content.decode()


def test_rejecting_needs_a_clause(mod_client, post):
    comment = post("Held.", decision="review").comment

    response = mod_client.post(
        decide_url(comment),
        {"status": "rejected", "clause_id": "", "next": "/moderate/?page=2"},
        **HTMX,
    )

    assert response.status_code == 422
    html = response.content.decode()
    # The re-rendered item still returns to the page it came from.
    assert '<input type="hidden" name="next" value="/moderate/?page=2">' in html
    assert "Choose the guideline this comment breaks." in html
    assert "data-queue-item" in html and 'aria-invalid="true"' in html
    comment.refresh_from_db()
    assert comment.status == CommentStatus.PENDING


def test_rejecting_with_a_clause_records_it(mod_client, post):
    comment = post("Held.", decision="review").comment
    response = mod_client.post(
        decide_url(comment), {"status": "rejected", "clause_id": "personal_attacks"}, **HTMX
    )
    assert response.status_code == 200
    decision = Comment.objects.get(pk=comment.pk).latest_decision
    assert decision.status == CommentStatus.REJECTED
    assert decision.clause_id == "personal_attacks"
    assert "personal attacks" in decision.guideline


def test_plain_form_post_redirects_back_without_js(mod_client, post):
    comment = post("Held.", decision="review").comment
    response = mod_client.post(
        decide_url(comment), {"status": "approved", "next": "/moderate/?page=1"}
    )
    assert response.status_code == 302 and response["Location"] == "/moderate/?page=1"
    follow = mod_client.get(response["Location"]).content.decode()
    assert "Approved: the comment is published." in follow

    # A "next" pointing elsewhere is ignored.
    other = post("Another.", decision="review", author_email="c@example.org").comment
    response = mod_client.post(
        decide_url(other), {"status": "approved", "next": "https://evil.example/"}
    )
    assert response["Location"] == "/moderate/"


def test_an_unknown_status_is_refused(mod_client, post):
    comment = post("Held.", decision="review").comment
    response = mod_client.post(decide_url(comment), {"status": "deleted"}, **HTMX)
    assert response.status_code == 422
    assert comment.decisions.count() == 1


# --- decided lists, filters, reversal --------------------------------------------


@pytest.mark.postgres
def test_reversing_a_rejection_is_a_new_decision(mod_client, moderator, post):
    comment = post("Well, you idiot.", decision="reject").comment
    html = mod_client.get("/moderate/rejected/").content.decode()
    assert "Reverse: approve" in html and "you idiot." in html
    assert "Decision history (1 decision)" in html

    mod_client.post(decide_url(comment), {"status": "approved", "view": "rejected"}, **HTMX)

    statuses = list(comment.decisions.order_by("created_at", "id").values_list("status", flat=True))
    assert statuses == ["rejected", "approved"]
    approved = mod_client.get("/moderate/approved/").content.decode()
    assert "you idiot." in approved and "Reverse: reject" in approved
    assert "Decision history (2 decisions)" in approved
    assert "the system" in approved and ">mod</bdi>" in approved


@pytest.mark.postgres
def test_decided_lists_search_by_article_clause_and_who(mod_client, moderator, post, article):
    # The fake engine marks the first five characters as evidence, so each
    # text keeps its telling word after them, unbroken by <mark>.
    from civility.articles.models import Article

    by_system = post("Note: System rejected.", decision="reject").comment
    by_person = post(
        "Note: Person rejected.", decision="review", author_email="p@example.org"
    ).comment
    mod_client.post(decide_url(by_person), {"status": "rejected", "clause_id": "personal_attacks"})
    other_article = Article.objects.create(
        slug="other", title="Other", published=article.published, body="Other text."
    )
    post("Note: Elsewhere rejected.", decision="reject", article=other_article)

    def listed(query):
        html = mod_client.get(f"/moderate/rejected/?{query}").content.decode()
        # The comments listed (the commenter's history beside them names others).
        texts = " ".join(re.findall(r'class="queue-item__text"[^>]*>(.*?)</p>', html))
        return {t for t in ("System", "Person", "Elsewhere") if f"{t} rejected." in texts}

    assert listed("") == {"System", "Person", "Elsewhere"}
    assert listed("by=system") == {"System", "Elsewhere"}
    assert listed("by=person") == {"Person"}
    assert listed(f"article={article.slug}") == {"System", "Person"}
    assert listed("article=oth") == {"Elsewhere"}  # words of a title
    # A slug names its article alone, whatever other titles hold the same words.
    Article.objects.filter(pk=other_article.pk).update(title=f"Other than {article.slug}")
    assert listed(f"article={article.slug}") == {"System", "Person"}
    assert listed("article=other than") == {"Elsewhere"}
    assert listed("article=nothing-like-it") == set()
    assert listed("clause=personal_attacks") == {"System", "Person", "Elsewhere"}
    assert listed("clause=promotion") == set()
    assert listed("clause=nonsense") == {"System", "Person", "Elsewhere"}
    assert listed("q=person") == {"Person"}
    assert listed("author=shilan") == {"System", "Person", "Elsewhere"}
    # An address finds every spelling of that mailbox, and shows none.
    assert listed("author=P%2Bnews@Example.ORG") == {"Person"}
    assert listed("by=nonsense") == {"System", "Person", "Elsewhere"}
    assert by_system.decisions.count() == 1


# --- evidence highlighting (pure) -----------------------------------------------


def reasons(*spans, category="personal_attack"):
    return [{"category": category, "evidence": [list(s) for s in spans]}]


def test_highlight_escapes_every_piece():
    text = "<i>idiot</i> & co"
    html = presentation.highlight(text, reasons((3, 8)))
    assert html == '&lt;i&gt;<mark title="personal attack">idiot</mark>&lt;/i&gt; &amp; co'


def test_highlight_merges_overlaps_and_ignores_bad_spans():
    text = "abcdefghij"
    evidence = [
        {"category": "threat", "evidence": [[2, 5], [4, 7], [9, 99], [6, 3], ["x", 1], [1]]},
        {"category": "vulgarity", "evidence": [[3, 4]]},
        "not a reason",
    ]
    html = presentation.highlight(text, evidence)
    assert html == 'ab<mark title="threat, vulgarity">cdefg</mark>hi<mark title="threat">j</mark>'


def test_highlight_without_evidence_is_just_escaped_text():
    assert presentation.highlight("<b>", None) == "&lt;b&gt;"
    assert presentation.highlight("<b>", "garbage") == "&lt;b&gt;"


def test_score_rows_follow_the_category_order_and_clamp():
    rows = presentation.score_rows(
        {"promotion": 0.2, "violation": 1.7, "off_topic": None, "threat": 0.01, "abuse": "x"}
    )
    assert [(r.category, r.score, r.high) for r in rows] == [
        ("violation", 1.0, True),
        ("promotion", 0.2, False),
    ]
    # The overall score stays even when it is negligible; the others go.
    rows = presentation.score_rows({"violation": 0.0, "threat": 0.01})
    assert [(r.category, r.score) for r in rows] == [("violation", 0.0)]
    assert presentation.score_rows("nope") == []


def test_cited_guidelines_are_strongest_first_and_unique():
    reasons = [
        {"guideline": "No threats.", "score": 0.4},
        {"guideline": "No personal attacks.", "score": 0.9},
        {"guideline": "No threats.", "score": 0.6},
        {"guideline": "", "score": 1.0},
        {"score": 1.0},
        "junk",
    ]
    assert presentation.cited_guidelines(reasons) == ["No personal attacks.", "No threats."]
    assert presentation.cited_guidelines(None) == []


def test_reject_choices_offer_breakable_clauses_with_short_labels():
    from civility.moderation import Clause, ClauseKind

    clauses = [
        Clause("personal_attacks", ClauseKind.PROHIBIT, "No personal attacks.", "", ("x",)),
        Clause("criticism", ClauseKind.WELCOME, "Criticism is welcome.", "", ()),
    ]
    choices = presentation.reject_choices(clauses)
    assert [(c.id, c.label, c.text) for c in choices] == [
        ("personal_attacks", "Personal attacks", "No personal attacks.")
    ]


def test_no_decision_row_is_ever_edited_by_the_queue(mod_client, post):
    comment = post("Held.", decision="review").comment
    first = DecisionRecord.objects.get(comment=comment)
    snapshot = (first.status, first.scores, first.evidence, first.created_at)
    mod_client.post(decide_url(comment), {"status": "approved"}, **HTMX)
    first.refresh_from_db()
    assert (first.status, first.scores, first.evidence, first.created_at) == snapshot
