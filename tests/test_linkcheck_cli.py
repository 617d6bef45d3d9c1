"""The `linkcheck check` command: exit codes, the three reports, and a run killed midway."""
from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path
from xml.etree import ElementTree

import pytest

from tests.linkserver import Reply, Server, html

PROJECT = Path(__file__).resolve().parent.parent
QUICK = ["--host-interval", "0", "--retries", "0", "--final-pass-delay", "0", "--timeout", "2"]


def linkcheck(*args: str, timeout: float = 60) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "linkcheck", "check", *args], cwd=PROJECT, capture_output=True,
                          text=True, timeout=timeout)


@pytest.fixture
def server():
    running = Server()
    running.routes["/news/1"] = Reply(200, html("ОДКБ", "Статья", extra="<h2 id='part'>Раздел</h2>"))
    running.routes["/news/2"] = Reply(404)
    running.routes["/news/3"] = Reply(403, html("Forbidden"))
    running.routes["/old/4"] = Reply(301, headers={"Location": "/news/1"})
    yield running
    running.close()


def _site(tmp_path: Path, server: Server) -> Path:
    (tmp_path / "docs" / "de").mkdir(parents=True)
    (tmp_path / "docs" / "de" / "article.md").write_text(
        "Text.[^1] [^2] [^3] [^4]\n\n"
        f"[^1]: <{server.url('/news/1#gone')}>\n[^2]: <{server.url('/news/2')}>\n"
        f"[^3]: <{server.url('/news/3')}>\n[^4]: <{server.url('/old/4')}>\n", encoding="utf-8")
    return tmp_path


def test_broken_but_not_yet_dead_exits_0_and_reports_every_group(tmp_path, server):
    root = _site(tmp_path, server)
    out = tmp_path / "out"
    done = linkcheck("--root", str(root), "--ledger", str(out / "links.json"), *QUICK,
                     "--json", str(out / "r.json"), "--markdown", str(out / "r.md"), "--junit", str(out / "r.xml"))
    assert done.returncode == 0, done.stderr
    assert "4 cited URLs: 4 checked" in done.stdout and "0 dead" in done.stdout  # the count the Sources page shows
    assert f"ok        {server.url('/news/1#gone')}" in done.stderr  # plain progress lines off a terminal
    markdown = (out / "r.md").read_text(encoding="utf-8")
    assert "## Broken, not yet dead (1)" in markdown and "strike 1 of 3" in markdown
    assert "cited at `docs/de/article.md:4 (footnote 2)`" in markdown
    assert "## Blocked" in markdown and "## Redirects to update (permanent) (1)" in markdown
    assert f"now at <{server.url('/news/1')}>" in markdown
    assert "no element with id `gone`" in markdown
    report = json.loads((out / "r.json").read_text(encoding="utf-8"))
    assert report["summary"] == {"checked": 4, "skipped": 0, "dead": 0, "ok": 2, "broken": 1, "blocked": 1,
                                 "transient": 0, "invalid": 0}
    assert report["groups"]["broken"] == [server.url("/news/2")]
    assert report["groups"]["fragments"] == [server.url("/news/1#gone")]
    broken = next(link for link in report["links"] if link["url"] == server.url("/news/2"))
    assert broken["citations"] == [{"file": "docs/de/article.md", "line": 4, "language": "de", "ref": "footnote 2"}]
    suite = ElementTree.parse(out / "r.xml").getroot()
    assert suite.get("tests") == "4" and suite.get("failures") == "0"
    ledger = json.loads((out / "links.json").read_text(encoding="utf-8"))
    assert ledger["links"][server.url("/news/2")]["checks"][0]["outcome"] == "broken"


def test_dead_links_exit_1_and_fail_in_junit(tmp_path, server):
    root = _site(tmp_path, server)
    out = tmp_path / "out"
    done = linkcheck("--root", str(root), "--ledger", str(out / "links.json"), *QUICK, "--dead-after", "1",
                     "--markdown", str(out / "r.md"), "--junit", str(out / "r.xml"))
    assert done.returncode == 1
    assert f"dead: {server.url('/news/2')}" in done.stdout
    assert "## New dead links (1)" in (out / "r.md").read_text(encoding="utf-8")
    failures = ElementTree.parse(out / "r.xml").getroot().findall("testcase/failure")
    assert len(failures) == 1 and "docs/de/article.md:4" in failures[0].text
    again = linkcheck("--root", str(root), "--ledger", str(out / "links.json"), *QUICK, "--dead-after", "1",
                      "--markdown", str(out / "r.md"))
    assert again.returncode == 1
    markdown = (out / "r.md").read_text(encoding="utf-8")
    assert "## Still dead (1)" in markdown and "2 checked, 2 skipped" in markdown  # the live ones


def test_force_checks_recent_links_again(tmp_path, server):
    root = _site(tmp_path, server)
    ledger = str(tmp_path / "links.json")
    linkcheck("--root", str(root), "--ledger", ledger, *QUICK)
    first = server.targets("GET").count("/news/1")
    linkcheck("--root", str(root), "--ledger", ledger, *QUICK)
    assert server.targets("GET").count("/news/1") == first  # checked ok recently: skipped
    linkcheck("--root", str(root), "--ledger", ledger, *QUICK, "--force")
    assert server.targets("GET").count("/news/1") > first


@pytest.mark.parametrize("args, words", [
    (["docs/nowhere"], "no such file"),
    (["--host-concurrency", "0"], "at least 1"),
    (["--timeout", "-1"], "negative"),
    (["--no-such-option"], "unrecognized"),
])
def test_usage_and_configuration_errors_exit_2(tmp_path, server, args, words):
    root = _site(tmp_path, server)
    done = linkcheck("--root", str(root), "--ledger", str(tmp_path / "l.json"), *args)
    assert done.returncode == 2 and words in done.stderr


def test_an_unreadable_ledger_exits_2(tmp_path, server):
    root = _site(tmp_path, server)
    (tmp_path / "l.json").write_text("{broken", encoding="utf-8")
    done = linkcheck("--root", str(root), "--ledger", str(tmp_path / "l.json"))
    assert done.returncode == 2 and "l.json: not a valid ledger" in done.stderr


def test_a_run_killed_midway_keeps_its_results_and_the_next_run_resumes(tmp_path):
    slow = Server()
    slow.default = Reply(200, html("Новость", "Текст статьи"), delay=0.3)
    try:
        (tmp_path / "docs" / "de").mkdir(parents=True)
        urls = [slow.url(f"/news/{number}") for number in range(1, 31)]
        (tmp_path / "docs" / "de" / "article.md").write_text("\n\n".join(f"<{url}>" for url in urls), encoding="utf-8")
        ledger = tmp_path / "links.json"
        command = [sys.executable, "-m", "linkcheck", "check", "--root", str(tmp_path), "--ledger", str(ledger),
                   *QUICK, "--host-concurrency", "1"]
        process = subprocess.Popen(command, cwd=PROJECT, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline:
            if ledger.exists() and len(json.loads(ledger.read_text(encoding="utf-8"))["links"]) >= 3:
                break
            time.sleep(0.05)
        os.kill(process.pid, signal.SIGKILL)
        process.wait()
        saved = json.loads(ledger.read_text(encoding="utf-8"))["links"]
        assert 3 <= len(saved) < len(urls)
        assert all(entry["status"] == "live" and len(entry["checks"]) == 1 for entry in saved.values())

        slow.default = Reply(200, html("Новость", "Текст статьи"))
        asked_before = len(slow.log)
        done = subprocess.run(command, cwd=PROJECT, capture_output=True, text=True, timeout=60)
        assert done.returncode == 0
        asked_again = {entry.target for entry in slow.log[asked_before:] if entry.method == "GET"}
        assert not asked_again & {url.split(str(slow.port))[1] for url in saved}
        assert len(json.loads(ledger.read_text(encoding="utf-8"))["links"]) == len(urls)
    finally:
        slow.close()


def test_a_terminal_gets_a_progress_bar(tmp_path):
    import io

    from linkcheck.cli import _Progress
    from linkcheck.types import Checked, CitedUrl, Outcome, Result

    class Terminal(io.StringIO):
        def isatty(self):
            return True

    screen = Terminal()
    progress = _Progress(4, screen)
    item = CitedUrl("https://tass.ru/politika/1", ())
    progress.update(Checked(item, Result(item.url, Outcome.OK, "HTTP 200"), "unknown", "live"))
    progress.close()
    assert screen.getvalue() == "\r[#######.......................] 1/4 checked\n"


def test_a_refused_user_agent_shows_among_the_warnings(tmp_path, server):
    server.routes["/news/5"] = lambda request: (Reply(200, html("ОДКБ", "Статья"))
                                                if "Mozilla" in request.headers.get("User-Agent", "")
                                                else Reply(403, html("Forbidden")))
    (tmp_path / "docs").mkdir()
    (tmp_path / "docs" / "a.md").write_text(f"<{server.url('/news/5')}>\n", encoding="utf-8")
    done = linkcheck("--root", str(tmp_path), "--ledger", str(tmp_path / "l.json"), *QUICK,
                     "--markdown", str(tmp_path / "r.md"))
    assert done.returncode == 0
    markdown = (tmp_path / "r.md").read_text(encoding="utf-8")
    assert "## Other warnings" in markdown and "refuses our user agent (HTTP 403" in markdown
    assert "cited at `docs/a.md:1`" in markdown
