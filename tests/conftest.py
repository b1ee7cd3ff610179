"""Fixtures every test folder may use: the labelled data, Redis, a real browser,
the one pinned engine and the one article.

Page-specific browser fixtures live beside their tests (tests/browser/); these
stay generic. Nothing here skips a test to hide a failure: a missing browser,
server or labelled data folder fails with what to do about it.
"""

from __future__ import annotations

import datetime as dt
import functools
import http.server
import os
import re
import threading
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

REPO_ROOT = Path(__file__).resolve().parent.parent
ARTIFACTS = Path(os.environ.get("CIVILITY_TEST_ARTIFACTS", REPO_ROOT / "test-artifacts"))
CHROMIUM = os.environ.get("CIVILITY_CHROMIUM", "/usr/bin/chromium")
# Flags for a headless Chromium in a container without a desktop, a sandbox or
# a network: anything that would phone home or need a GPU is switched off.
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]

# Playwright's sync API runs an asyncio event loop in the test thread, which
# makes Django refuse ORM calls from that thread ("async unsafe"). The tests
# drive the browser and query the database one after the other in one thread,
# never concurrently, so the check does not protect anything here.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")


@pytest.fixture(scope="session")
def django_db_modify_db_settings(django_db_modify_db_settings_parallel_suffix) -> None:
    """Tests pass the time in (``now=``), often hours back: allow old decision times.

    The database refuses a decision whose time is not the insert time
    (comments/triggers.py); the trigger tests switch this off to see it.
    On PostgreSQL every connection, a live server's included, starts with
    ``civility.backdating = on``.
    """
    from django.conf import settings

    from civility.comments import triggers

    triggers.allow_backdating(True)
    database = settings.DATABASES["default"]
    if database["ENGINE"].endswith("postgresql"):
        options = database.setdefault("OPTIONS", {})
        options["options"] = f"{options.get('options', '')} -c civility.backdating=on".strip()


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    # A test that takes a browser is a browser test, marked or not, so that
    # `-m "not browser"` really leaves Chromium out.
    for item in items:
        if {"browser", "page"} & set(getattr(item, "fixturenames", ())):
            item.add_marker(pytest.mark.browser)


@pytest.hookimpl(wrapper=True, tryfirst=True)
def pytest_runtest_makereport(item: pytest.Item, call: pytest.CallInfo):
    # Remember each phase's report on the item so that `page` can tell, while
    # tearing down, whether its test failed and keep a screenshot of it.
    report = yield
    setattr(item, f"report_{report.when}", report)
    return report


@pytest.fixture(autouse=True)
def _fresh_rate_limits():
    """Each test starts with no posting or sign-in counted against it.

    The counters live in the process's cache, which outlives a test; without
    this, tests that post from 127.0.0.1 would spend each other's allowance.
    """
    from civility.abuse import rate_limits

    rate_limits.reset_counters()


@pytest.fixture(scope="session", autouse=True)
def _thread_cache_in_memory():
    """The thread cache in this process's memory, emptied for every test (below).

    Article ids repeat from test to test (each test's rows are rolled back),
    so a cache that outlived a test would answer the next one with the last
    one's thread. tests/threads/test_thread_cache.py runs the cache on files,
    the database and Redis; the two-server test on Redis across processes.
    """
    from django.conf import settings as django_settings
    from django.test.utils import override_settings

    caches = {
        **django_settings.CACHES,
        "threads": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": "t"},
    }
    with override_settings(CACHES=caches):
        yield


def use_task_backend(name: str) -> None:
    """Point django.tasks at one of CIVILITY_TASKS's backends, in every thread.

    Django keeps the backends it built (and the TASKS it read) for the
    process, so changing the setting alone would not be seen.
    """
    from django.conf import settings as django_settings
    from django.tasks import task_backends

    from civility.web import config

    django_settings.TASKS = {"default": {"BACKEND": config.TASK_BACKENDS[name]}}
    django_settings.CIVILITY_TASKS = name
    task_backends.__dict__.pop("settings", None)
    task_backends._settings = None
    try:
        del task_backends["default"]
    except AttributeError:
        pass


@pytest.fixture(scope="session", autouse=True)
def _tasks_in_process():
    """Background tasks run right after the commit, in the test's process.

    The tests of the outbox, the e-mail and the alerts then see their effect
    at once; tests/background/ runs the database backend and its worker.
    """
    from django.conf import settings as django_settings

    before = django_settings.CIVILITY_TASKS
    use_task_backend("immediate")
    yield
    use_task_backend(before)


@pytest.fixture
def database_tasks(_tasks_in_process):
    """The database backend (CIVILITY_TASKS=database) for one test; yields a
    function that runs every ready task as `civility worker --batch` does."""

    def run_tasks() -> None:
        from unittest import mock

        from django.core.management import call_command

        # The worker closes connections it thinks stale, as a request does;
        # inside the test's transaction that would close the test's own
        # (Django's test client switches the same off for requests).
        with mock.patch("django_tasks_db.management.commands.db_worker.close_old_connections"):
            call_command(
                "db_worker",
                batch=True,
                queue_name="*",
                reload=False,
                startup_delay=False,
                verbosity=0,
            )

    use_task_backend("database")
    yield run_tasks
    use_task_backend("immediate")


@pytest.fixture
def rq_tasks(settings, redis_url, _tasks_in_process):
    """CIVILITY_TASKS=rq on ``redis_url`` for one test; yields a function that runs
    a burst worker (every task ready, and those scheduled and now due), and the queue."""
    import django_rq
    import redis

    from civility.background import rq

    settings.RQ_QUEUES = {"default": {"URL": redis_url}}
    connection = redis.Redis.from_url(redis_url)

    def clear():
        keys = list(connection.scan_iter("rq:*"))
        if keys:
            connection.delete(*keys)

    clear()
    use_task_backend("rq")

    def run_worker() -> None:
        rq.make_worker(simple=True).work(burst=True, with_scheduler=True)

    run_worker.queue = django_rq.get_queue("default", job_class=rq.Job)
    yield run_worker
    use_task_backend("immediate")
    clear()


@pytest.fixture(autouse=True)
def _fresh_thread_cache(_thread_cache_in_memory):
    from django.core.cache import caches

    caches["threads"].clear()


@pytest.fixture(autouse=True)
def _default_language():
    """Each test starts in the site's default language, whatever the last one
    activated: an outcome's message is in the active language."""
    from django.utils import translation

    translation.deactivate()
    yield
    translation.deactivate()


# ------------------------------------------------------------------ data ----


@pytest.fixture(scope="session")
def data_dir() -> Path:
    """The labelled data folder: $CIVILITY_DATA, else ../shared/data beside the repo.

    Absent, the tests that measure the engine FAIL rather than skip: a green
    run without them would say the quality gates held when none was checked.
    """
    from civility.training.records import default_data_dir

    path = default_data_dir()
    if not path.is_dir():
        pytest.fail(
            f"the labelled data folder {path} is absent, so the engine's quality tests "
            "cannot run. Point CIVILITY_DATA at it (CIVILITY_DATA=/path/to/shared/data "
            "./run test), or leave these tests out on purpose with -m 'not quality' "
            "(docs/development.md).",
            pytrace=False,
        )
    return path


# ---------------------------------------------------------------- engine ----


class PinnedEngine:
    """An engine that answers one decision for every comment, and records its calls.

    For the tests of doors, pages and storage, which must not depend on what
    the models decide (tests about that use the real engine). A held or
    rejected comment cites ``clause`` with the policy's own text and the
    comment's first five characters as evidence; ``raises`` makes every call
    fail instead (pre-moderation must then hold the comment); ``verdict``
    answers that exact verdict. ``moderate_batch`` serves the CLI's stream.
    """

    CATEGORY_OF = {"personal_attacks": "personal_attack", "threats": "threat"}

    def __init__(
        self,
        decision: str = "approve",
        *,
        clause: str = "personal_attacks",
        score: float = 0.97,
        raises: BaseException | None = None,
        verdict=None,
    ):
        from civility.moderation import Decision

        self.decision = Decision(decision)
        self.clause_id = clause
        self.score = score
        self.raises = raises
        self.verdict = verdict
        self.calls: list[tuple[str, dict]] = []

    def moderate(self, text: str, **kwargs):
        self.calls.append((text, kwargs))
        if self.raises is not None:
            raise self.raises
        if self.verdict is not None:
            return self.verdict
        from civility.moderation import Decision, Reason, Verdict, load_policy

        category = self.CATEGORY_OF.get(self.clause_id, self.clause_id)
        reasons = ()
        if self.decision is not Decision.APPROVE:
            reasons = (
                Reason(
                    category=category,
                    guideline=load_policy().clause(self.clause_id).text,
                    score=self.score,
                    evidence=((0, min(5, len(text))),),
                    clause_id=self.clause_id,
                ),
            )
        return Verdict(
            decision=self.decision,
            lang=kwargs.get("lang") or "en",
            scores={
                "violation": self.score if reasons else 0.02,
                category: self.score if reasons else 0.01,
            },
            reasons=reasons,
            model="pinned-test-engine",
        )

    def moderate_batch(self, contexts):
        return [self.moderate(c.text, lang=c.lang_hint) for c in contexts]


@pytest.fixture
def pinned_engine() -> type[PinnedEngine]:
    """The PinnedEngine class, for ``post_comment(..., engine=pinned_engine("review"))``."""
    return PinnedEngine


@pytest.fixture
def engine_answers(settings) -> Callable[..., PinnedEngine]:
    """``engine_answers("review")``: every comment posted from now on gets that decision
    (``approve`` from the moment the fixture is asked for).

    Through the ``CIVILITY_ENGINE_FACTORY`` setting, so the doors, the pages
    and a live server thread of this process all use it.
    """

    def pin(decision: str = "approve", **options) -> PinnedEngine:
        engine = PinnedEngine(decision, **options)
        settings.CIVILITY_ENGINE_FACTORY = lambda: engine
        return engine

    pin("approve")  # asked for, the engine is pinned: approve until told otherwise
    return pin


# --------------------------------------------------------------- article ----

ARTICLE_FIELDS = {
    "slug": "russia-defends-aleppo",
    "title": "Russia defends military action in Aleppo region",
    "published": dt.date(2016, 4, 21),
    "source": "Rudaw",
    "dateline": "ERBIL, Kurdistan Region",
    "body": "Russia defended military action.\n\nNusra is excluded from the ceasefire.",
    "language": "en",
}


def make_article(*, tags=("Aleppo", "Syria"), **fields):
    """An article like the seed's (Rudaw, Aleppo), with ``fields`` changed."""
    from civility.articles.models import Article, Tag

    article = Article.objects.create(**{**ARTICLE_FIELDS, **fields})
    article.tags.set(Tag.objects.for_names(list(tags)))
    return article


@pytest.fixture
def article(db):
    """The one article most tests comment on (``make_article`` for others)."""
    return make_article(external_id="rudaw-123")


@pytest.fixture(name="make_article")
def make_article_fixture(db):
    """``make_article(slug=..., language=...)``: another article."""
    return make_article


@pytest.fixture
def post(article, pinned_engine):
    """``post(text, decision="approve", **fields)`` -> PostedComment, through the real action."""
    from civility.posting.service import post_comment

    def _post(text="A fair point about the ceasefire.", decision="approve", **fields):
        fields.setdefault("author_name", "Shilan")
        fields.setdefault("author_email", "shilan@example.org")
        fields.setdefault("article", article)
        return post_comment(text=text, engine=pinned_engine(decision), **fields)

    return _post


# ---------------------------------------------------------------- people ----

MODERATOR_PASSWORD = "a-long-test-password-1"


@pytest.fixture
def moderator(db):
    """A member of the "moderators" group, username "mod"."""
    from django.contrib.auth.models import Group, User

    from civility.comments.roles import ensure_groups

    ensure_groups()  # a transactional test flushes the groups migrate made
    user = User.objects.create_user("mod", email="mod@example.org", password=MODERATOR_PASSWORD)
    user.groups.add(Group.objects.get(name="moderators"))
    user.password_for_tests = MODERATOR_PASSWORD  # what a browser test types
    return user


# ----------------------------------------------------------------- redis ----


@pytest.fixture(scope="session")
def redis_url() -> str:
    """A Redis that answers: $CIVILITY_TEST_REDIS_URL, else database 15 on localhost."""
    url = os.environ.get("CIVILITY_TEST_REDIS_URL", "redis://127.0.0.1:6379/15")
    import redis

    try:
        redis.Redis.from_url(url, socket_connect_timeout=3).ping()
    except redis.RedisError as error:
        pytest.fail(
            f"Redis does not answer at {url} ({error}). `./run test` starts one, "
            "or set CIVILITY_TEST_REDIS_URL to yours.",
            pytrace=False,
        )
    return url


# --------------------------------------------------------------- browser ----


@pytest.fixture(scope="session")
def browser():
    """Debian's Chromium, headless, driven by Playwright's sync API."""
    if not os.access(CHROMIUM, os.X_OK):
        pytest.fail(
            f"Chromium is not installed at {CHROMIUM}. Run `./run test`, which installs "
            "Debian's chromium, or `sudo apt-get install -y chromium`.",
            pytrace=False,
        )
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(
            executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS
        )
        yield chromium
        chromium.close()


@pytest.fixture
def page(browser, request: pytest.FixtureRequest):
    """A page in a fresh browser context (no cookies shared between tests)."""
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    # Fail in seconds, not Playwright's default 30, when an element never shows.
    context.set_default_timeout(10_000)
    page = context.new_page()
    yield page
    report = getattr(request.node, "report_call", None)
    if report is not None and report.failed:
        ARTIFACTS.mkdir(parents=True, exist_ok=True)
        try:
            page.screenshot(path=ARTIFACTS / f"failed-{_slug(request.node.nodeid)}.png")
        except Exception:  # noqa: BLE001 - a screenshot must not mask the failure
            pass
    context.close()


@pytest.fixture
def screenshot(page) -> Callable[..., Path]:
    """`screenshot("queue")` saves the current page to test-artifacts/queue.png."""

    def take(name: str, *, full_page: bool = True) -> Path:
        ARTIFACTS.mkdir(parents=True, exist_ok=True)
        path = ARTIFACTS / f"{_slug(name)}.png"
        page.screenshot(path=path, full_page=full_page)
        return path

    return take


def _slug(text: str) -> str:
    return re.sub(r"[^A-Za-z0-9_.-]+", "_", text).strip("_")


@pytest.fixture
def static_site(tmp_path: Path) -> Iterator[Callable[[str, str], str]]:
    """Serve files from a temporary folder over HTTP: `url = static_site(name, html)`."""
    handler = functools.partial(_QuietHandler, directory=str(tmp_path))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()

    def publish(name: str, html: str) -> str:
        (tmp_path / name).write_text(html, encoding="utf-8")
        return f"http://127.0.0.1:{server.server_address[1]}/{name}"

    yield publish
    server.shutdown()
    server.server_close()


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args) -> None:  # noqa: A002 - stdlib's name
        pass
