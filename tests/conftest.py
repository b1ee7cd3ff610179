"""Fixtures every test folder may use: the labelled data, Redis, a real browser.

Page-specific browser fixtures live beside their tests (tests/browser/); these
stay generic. Nothing here skips a test to hide a failure: a missing browser or
server fails with the command that fixes it; only the labelled data, which
lives outside the repository, may be absent, and then its tests skip saying so.
"""

from __future__ import annotations

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
    from civility.comments import guards

    guards.reset_counters()


# ------------------------------------------------------------------ data ----


@pytest.fixture(scope="session")
def data_dir() -> Path:
    """The labelled data folder: $CIVILITY_DATA, else ../shared/data beside the repo."""
    configured = os.environ.get("CIVILITY_DATA")
    path = Path(configured) if configured else REPO_ROOT.parent / "shared" / "data"
    if not path.is_dir():
        if configured:
            # A path someone set on purpose and got wrong is a mistake to report.
            pytest.fail(f"CIVILITY_DATA={configured} is not a folder", pytrace=False)
        pytest.skip(f"labelled data folder {path} is absent (set CIVILITY_DATA to use another)")
    return path


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
