"""The `linkcheck check` command: exit codes, the three reports, corrupt and busy ledgers, a run killed midway."""
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
    assert done.returncode == 2 and "l.json:1: not valid JSON" in done.stderr


@pytest.mark.parametrize("entry, words", [
    ({"first_cited": 2023}, "first_cited 2023 (a number, not text)"),
    (["a list"], "the entry is a list"),
    ({"checks": "ok"}, "checks is text"),
    ({"checks": [{"time": "yesterday", "outcome": "ok"}]}, "checks[0].time 'yesterday'"),
    ({"archive": {"url": "javascript:alert(301)//", "timestamp": "20230905120000", "found_by": "cdx"}},
     "archive url 'javascript:alert(301)//' is not a Wayback Machine capture"),
])
def test_a_wrong_field_in_the_ledger_is_one_line_and_exit_2_for_both_commands(tmp_path, server, entry, words):
    root = _site(tmp_path, server)
    url = server.url("/news/1#gone")
    ledger = tmp_path / "l.json"
    ledger.write_text(json.dumps({"version": 1, "links": {url: entry}}, indent=2), encoding="utf-8")
    for command in (["check", "--root", str(root)], ["archive", "--no-save"]):
        done = subprocess.run([sys.executable, "-m", "linkcheck", *command, "--ledger", str(ledger)], cwd=PROJECT,
                              capture_output=True, text=True, timeout=60)
        assert done.returncode == 2
        [line] = done.stderr.splitlines()
        assert line.startswith(f"linkcheck: {ledger}:") and f": {url}: {words}" in line and "; allowed: " in line
    assert not server.log  # nothing was checked


def test_make_linkcheck_stops_on_a_broken_ledger_before_the_archive(tmp_path):
    ledger = tmp_path / "links.json"
    ledger.write_text('{"version": 1, "links": {\n  "https://a.example/": {"checks": "ok"}}}', encoding="utf-8")
    done = subprocess.run(["make", "--no-print-directory", "linkcheck", f"LEDGER={ledger}"], cwd=PROJECT,
                          capture_output=True, text=True, timeout=120)
    assert done.returncode != 0
    assert f"linkcheck: {ledger}:2: https://a.example/: checks is text" in done.stderr
    assert "linkcheck archive" not in done.stdout  # make stopped after the check's exit 2


def _slow_site(tmp_path: Path, server: Server, count: int) -> list[str]:
    (tmp_path / "docs" / "de").mkdir(parents=True)
    urls = [server.url(f"/news/{number}") for number in range(1, count + 1)]
    (tmp_path / "docs" / "de" / "article.md").write_text("\n\n".join(f"<{url}>" for url in urls), encoding="utf-8")
    return urls


def _reported(stream) -> list[str]:
    """The URLs a run has reported as checked (one progress line each, off a terminal), read as they come."""
    return [line.split()[1] for line in stream if line.split()[:1] == ["ok"]]


def test_a_run_killed_midway_keeps_everything_it_reported_and_the_next_run_resumes(tmp_path):
    slow = Server()
    slow.default = Reply(200, html("Новость", "Текст статьи"), delay=0.2)
    try:
        urls = _slow_site(tmp_path, slow, 40)
        ledger = tmp_path / "links.json"
        command = [sys.executable, "-m", "linkcheck", "check", "--root", str(tmp_path), "--ledger", str(ledger),
                   *QUICK, "--host-concurrency", "2"]
        process = subprocess.Popen(command, cwd=PROJECT, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
        reported = []
        for line in process.stderr:
            reported += _reported([line])
            if len(reported) >= 7:
                break
        os.kill(process.pid, signal.SIGKILL)  # mid-run: other checks are in flight, the ledger not yet rewritten
        process.wait()
        process.stderr.close()

        slow.default = Reply(200, html("Новость", "Текст статьи"))
        asked_before = len(slow.log)
        done = subprocess.run(command, cwd=PROJECT, capture_output=True, text=True, timeout=60)
        assert done.returncode == 0, done.stderr
        saved = json.loads(ledger.read_text(encoding="utf-8"))["links"]
        assert set(saved) == set(urls)
        # Nothing the killed run reported was lost, and none of it was asked again.
        assert all(saved[url]["status"] == "live" and len(saved[url]["checks"]) == 1 for url in reported)
        asked_again = {entry.target for entry in slow.log[asked_before:] if entry.method == "GET"}
        assert not asked_again & {url.split(str(slow.port))[1] for url in reported}
        assert not (tmp_path / "links.json.journal").exists()
    finally:
        slow.close()


def test_a_second_run_on_the_same_ledger_refuses_at_once_naming_the_first_and_no_history_is_lost(tmp_path):
    slow = Server()
    slow.default = Reply(200, html("Новость", "Текст статьи"), delay=0.2)
    try:
        urls = _slow_site(tmp_path, slow, 12)
        ledger = tmp_path / "links.json"
        command = [sys.executable, "-m", "linkcheck", "check", "--root", str(tmp_path), "--ledger", str(ledger),
                   *QUICK, "--host-concurrency", "1", "--force"]
        first = subprocess.Popen(command, cwd=PROJECT, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        next(line for line in first.stderr if _reported([line]))  # the first run is checking
        started = time.monotonic()
        second = subprocess.run(command, cwd=PROJECT, capture_output=True, text=True, timeout=60)
        assert time.monotonic() - started < 10  # refused at once, not after the first run's 2.4 s
        assert second.returncode == 2
        assert second.stderr.splitlines() == [f"linkcheck: {ledger} is in use by another linkcheck run "
                                              f"(pid {first.pid}); try again when it has finished"]
        first.wait(timeout=60)
        assert first.returncode == 0
        third = subprocess.run(command, cwd=PROJECT, capture_output=True, text=True, timeout=60)
        assert third.returncode == 0
        saved = json.loads(ledger.read_text(encoding="utf-8"))["links"]
        assert all(len(saved[url]["checks"]) == 2 for url in urls)  # both finished runs, in full
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
