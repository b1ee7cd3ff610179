"""`civility articles import`, `civility demo` and `civility manage`."""

from __future__ import annotations

import json
import os
import re
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest
from django.contrib.auth import authenticate

from civility.articles.models import Article, Tag
from civility.cli import main
from civility.demo import all_demo_articles, demo_articles, demo_comments, setup_demo

# The page the project started from, in the shared folder beside the repository.
SEED = Path(__file__).resolve().parents[3] / "shared" / "seed" / "000_0bef9d86745bbe88.txt"

RECORDS = [
    {
        "slug": "first",
        "title": "First",
        "published": "2016-04-21",
        "body": "One.\n\nTwo.",
        "tags": ["Aleppo", "Syria", "Syria"],
        "external_id": "pub-1",
    },
    {"slug": "second", "title": "Second", "published": "22-04-2016", "body": "Three."},
]


def write(tmp_path, data, name="articles.json"):
    path = tmp_path / name
    path.write_text(json.dumps(data), encoding="utf-8")
    return str(path)


@pytest.mark.postgres
@pytest.mark.django_db
def test_import_creates_then_changes_nothing(tmp_path, capsys):
    path = write(tmp_path, RECORDS)
    assert main(["articles", "import", path]) == 0
    assert "2 created, 0 updated, 0 unchanged" in capsys.readouterr().out
    first = Article.objects.get(slug="first")
    assert [t.name for t in first.tags.all()] == ["Aleppo", "Syria"]
    assert first.paragraphs() == ["One.", "Two."]
    assert str(Article.objects.get(slug="second").published) == "2016-04-22"

    assert main(["articles", "import", path]) == 0
    assert "0 created, 0 updated, 2 unchanged" in capsys.readouterr().out
    assert Article.objects.count() == 2 and Tag.objects.count() == 2

    changed = [{**RECORDS[0], "title": "First, corrected"}]
    assert main(["articles", "import", write(tmp_path, changed, "one.json")]) == 0
    assert "0 created, 1 updated, 0 unchanged" in capsys.readouterr().out
    assert Article.objects.get(slug="first").title == "First, corrected"


@pytest.mark.django_db
@pytest.mark.parametrize(
    "record, expected",
    [
        ({"published": "April 21"}, "record 1: published: must be a date"),
        ({"language": "fr"}, "record 1: language: must be one of"),
        ({"title": ""}, "record 1: title: is required"),
        ({"colour": "red"}, "record 1: colour: unknown field"),
        ({"tags": "Aleppo"}, "record 1: tags: must be a list"),
        ({"slug": "Not A Slug"}, "record 1: slug: must be lowercase"),
        ({"slug": "first"}, "record 1: slug: repeats the slug of record 0"),
    ],
)
def test_import_errors_name_the_record_and_field_and_import_nothing(
    tmp_path, capsys, record, expected
):
    path = write(tmp_path, [RECORDS[0], {**RECORDS[1], **record}])
    assert main(["articles", "import", path]) == 1
    err = capsys.readouterr().err
    assert expected in err and "Nothing was imported." in err
    assert not Article.objects.exists()


@pytest.mark.django_db
def test_import_refuses_an_external_id_owned_by_another_article(tmp_path, capsys):
    assert main(["articles", "import", write(tmp_path, RECORDS)]) == 0
    clash = [{**RECORDS[1], "external_id": "pub-1"}]
    assert main(["articles", "import", write(tmp_path, clash, "clash.json")]) == 1
    assert "external_id: 'pub-1' already belongs to article 'first'" in capsys.readouterr().err


def test_import_reports_unreadable_files(tmp_path, capsys):
    bad = tmp_path / "bad.json"
    bad.write_text("[{", encoding="utf-8")
    assert main(["articles", "import", str(bad)]) == 1
    assert "not valid JSON" in capsys.readouterr().err
    assert main(["articles", "import", str(tmp_path / "missing.json")]) == 1
    assert "cannot read" in capsys.readouterr().err


def test_the_demo_article_is_the_seed_text_exactly():
    if not SEED.exists():
        pytest.skip(f"the seed page is not at {SEED}")
    seed = SEED.read_text(encoding="utf-8")
    (article,) = demo_articles()
    assert article["title"] == seed.splitlines()[0]
    assert f"{article['dateline']} - {article['body'].split(chr(10))[0]}" in seed
    for paragraph in article["body"].split("\n\n"):
        assert paragraph in seed
    assert article["published"] == "2016-04-21" and "21-04-2016" in seed


@pytest.mark.django_db
def test_demo_setup_loads_the_article_and_a_moderator_idempotently():
    site = setup_demo()
    again = setup_demo()
    article = Article.objects.get(slug=site.articles[0])
    assert article.title == "Russia defends military action in Aleppo region"
    assert article.published_display() == "21-04-2016"
    assert article.source == "Rudaw" and article.dateline == "ERBIL, Kurdistan Region"
    assert [t.name for t in article.tags.order_by("pk")] == [
        "Aleppo",
        "Syria",
        "Russia",
        "Nusra",
        "ceasefire",
    ]
    assert len(article.paragraphs()) == 8
    # The seed article and one in each other language (tests/i18n checks those).
    assert Article.objects.count() == len(all_demo_articles()) == 5
    # Sample comments are posted once, through moderation (each has a decision).
    assert article.comments.count() == len(demo_comments())
    assert all(c.decisions.count() == 1 for c in article.comments.all())
    # The password is reset each time: only the newest one works.
    assert authenticate(username="moderator", password=site.password) is None
    user = authenticate(username="moderator", password=again.password)
    assert user is not None and user.is_staff
    assert {g.name for g in user.groups.all()} == {"moderators", "editors"}


def test_demo_command_prints_the_login_and_prepares_its_own_database(tmp_path):
    env = {**os.environ, "CIVILITY_DATABASE_URL": "postgresql://ignored@127.0.0.1:1/never"}
    result = subprocess.run(
        [sys.executable, "-m", "civility", "demo", "--data-dir", str(tmp_path), "--no-serve"],
        capture_output=True,
        text=True,
        env=env,
        timeout=300,
    )
    assert result.returncode == 0, result.stderr
    match = re.search(
        r"Moderator login: http://127\.0\.0\.1:8000/accounts/login/  user: moderator  "
        r"password: (\S+)",
        result.stdout,
    )
    assert match, result.stdout
    assert (tmp_path / "secret_key").stat().st_mode & 0o777 == 0o600
    with sqlite3.connect(tmp_path / "civility.sqlite3") as db:
        titles = db.execute("select title from articles_article order by id").fetchall()
    assert titles == [(article["title"],) for article in all_demo_articles()]
    assert titles[0] == ("Russia defends military action in Aleppo region",)


def test_manage_runs_django_commands(tmp_path):
    env = {**os.environ, "CIVILITY_DATA_DIR": str(tmp_path), "CIVILITY_DATABASE_URL": ""}
    result = subprocess.run(
        [sys.executable, "-m", "civility", "manage", "showmigrations", "comments"],
        capture_output=True,
        text=True,
        env=env,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr
    assert "[ ] 0002_triggers" in result.stdout


def free_port() -> int:
    import socket

    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def test_serve_answers_pages_api_and_static_files_without_debug(tmp_path):
    import time
    import urllib.error
    import urllib.request

    port = free_port()
    env = {
        **os.environ,
        "CIVILITY_DATA_DIR": str(tmp_path),
        "CIVILITY_DATABASE_URL": "",
        "CIVILITY_DEBUG": "true",  # serve must switch it off
    }
    server = subprocess.Popen(
        [sys.executable, "-m", "civility", "serve", "--port", str(port), "--workers", "1"],
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 120
        while True:
            try:
                urllib.request.urlopen(base + "/api/articles", timeout=2)
                break
            # TimeoutError: the port is open but the worker is still starting
            # (a loaded machine); keep waiting until the deadline.
            except (urllib.error.URLError, ConnectionError, TimeoutError):
                assert server.poll() is None, server.stdout.read()
                assert time.monotonic() < deadline, "civility serve did not answer in time"
                time.sleep(0.3)
        with urllib.request.urlopen(base + "/api/articles") as response:
            assert json.load(response)["count"] == 0
        with urllib.request.urlopen(base + "/static/admin/css/base.css") as response:
            assert response.status == 200
        with pytest.raises(urllib.error.HTTPError) as caught:
            urllib.request.urlopen(base + "/no-such-page/")
        # DEBUG off: a plain 404, not Django's debug page listing the URL patterns.
        assert caught.value.code == 404
        assert "URLconf" not in caught.value.read().decode()
        # Its own control socket, in the data folder, named by port (not ~/.gunicorn's one).
        assert (tmp_path / f"gunicorn-{port}.ctl").is_socket()
        # Issue 12, item 7: a Perspective client's ?key= never reaches the access log.
        secret = "AIzaSecretKeyOfACoralInstall0123456789"
        request = urllib.request.Request(
            f"{base}/v1alpha1/comments:analyze?key={secret}&x=1", data=b"{}", method="POST"
        )
        with pytest.raises(urllib.error.HTTPError):
            urllib.request.urlopen(request)
    finally:
        server.terminate()
        server.wait(timeout=30)
        log = server.stdout.read()
        server.stdout.close()
    assert "comments:analyze?key=[redacted]&x=1" in log
    assert secret not in log
    # One thread per worker by default: gunicorn's sync worker.
    assert "Using worker: sync" in log


def test_serve_runs_one_sync_worker_per_usable_cpu_by_default(monkeypatch):
    from civility.cli import django_env

    started = []
    monkeypatch.setattr(django_env, "setup", lambda **environ: None)
    monkeypatch.setattr(django_env, "exec_gunicorn", lambda *a, **kw: started.append(kw))
    # The CPUs this process may use (a container's CPU set, taskset), not the machine's.
    monkeypatch.setattr(os, "sched_getaffinity", lambda pid: {0, 2, 5}, raising=False)
    assert main(["serve", "--no-migrate"]) == 0
    assert main(["serve", "--no-migrate", "--workers", "1", "--threads", "4"]) == 0
    assert [(kw["workers"], kw["threads"]) for kw in started] == [(3, 1), (1, 4)]

    argv = django_env.gunicorn_argv("127.0.0.1", 8000, 3, 1, "none")
    assert argv[argv.index("--worker-class") + 1] == "sync"
    argv = django_env.gunicorn_argv("127.0.0.1", 8000, 1, 4, "none")
    assert argv[argv.index("--worker-class") + 1] == "gthread"
    assert argv[argv.index("--threads") + 1] == "4"


def test_usable_cpus_follows_the_process_affinity():
    pinned = subprocess.run(
        ["taskset", "-c", "0", sys.executable, "-c",
         "from civility.cli.django_env import usable_cpus; print(usable_cpus())"],
        capture_output=True, text=True, check=True,
    )  # fmt: skip
    assert pinned.stdout.strip() == "1"


def test_each_gunicorn_instance_has_its_own_control_socket_or_none(tmp_path, settings):
    from civility.cli import django_env

    settings.DATA_DIR = tmp_path
    one = django_env.gunicorn_argv("127.0.0.1", 8001, 1, 1)
    two = django_env.gunicorn_argv("127.0.0.1", 8002, 1, 1)
    path = one[one.index("--control-socket") + 1]
    assert path == str(tmp_path / "gunicorn-8001.ctl")
    assert two[two.index("--control-socket") + 1] == str(tmp_path / "gunicorn-8002.ctl")
    assert "--no-control-socket" in django_env.gunicorn_argv("::1", 8003, 1, 1, "none")
    chosen = django_env.gunicorn_argv("0.0.0.0", 8004, 1, 1, "/run/civility.ctl")
    assert chosen[chosen.index("--control-socket") + 1] == "/run/civility.ctl"
    # A folder too deep for a Unix socket's path: none rather than a failing start.
    settings.DATA_DIR = tmp_path / ("d" * 120)
    assert "--no-control-socket" in django_env.gunicorn_argv("127.0.0.1", 8005, 1, 1)
