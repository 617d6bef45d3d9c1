"""Archiving the ledger's links against a fake Wayback Machine and a fake cited site on 127.0.0.1."""
from __future__ import annotations

import json
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest
from warcio.archiveiterator import ArchiveIterator

from fakewayback import ACCESS, SECRET, FakeWayback
from linkcheck import cli, transport
from linkcheck.archive import Action, ArchiveResult, archive_all, needs_action, report, snapshot_all
from linkcheck.ratelimit import HostLimiter, Politeness
from linkcheck.warc import WarcStore
from linkcheck.wayback import Credentials, Endpoints, Pacing, Wayback

NO_WAIT = HostLimiter(Politeness(host_interval=0))
LIVE = {"first_cited": "2023-09", "status": "live", "checks": [{"outcome": "ok"}]}
DEAD = {"first_cited": "2023-09", "status": "dead", "checks": [{"outcome": "broken"}]}


@pytest.fixture
def fake():
    server = FakeWayback().start()
    yield server
    server.stop()


def wayback(fake, keys=True) -> Wayback:
    return Wayback(Endpoints.under(fake.base), Credentials(ACCESS, SECRET) if keys else None,
                   Pacing(poll_interval=0, save_interval=0, backoff=0), sleep=lambda s: None)


def test_each_link_gets_the_right_kind_of_copy(fake):
    links = {
        "https://a.example/found": dict(LIVE),
        "https://a.example/new": dict(LIVE),
        "https://a.example/gone": dict(DEAD),
        "https://a.example/lost": dict(DEAD),
        "https://a.example/kept": {**LIVE, "archive": {"url": "https://web.archive.org/web/1/x",
                                                       "timestamp": "20230101000000", "found_by": "cdx"}},
    }
    fake.captures = {"https://a.example/found": [("20230815000000", "200")],
                     "https://a.example/gone": [("20250101000000", "200")]}
    results = {r.url: r for r in archive_all(links, wayback(fake))}
    assert {url: r.action for url, r in results.items()} == {
        "https://a.example/found": "found", "https://a.example/new": "saved", "https://a.example/gone": "found",
        "https://a.example/lost": "missing", "https://a.example/kept": "kept"}
    assert links["https://a.example/found"]["archive"]["found_by"] == "availability"
    assert links["https://a.example/new"]["archive"] == {
        "url": f"{fake.base}/web/20261125101500/https://a.example/new", "timestamp": "20261125101500",
        "found_by": "save"}
    # A dead page without a copy from before the citation keeps the later copy rather than none.
    assert links["https://a.example/gone"]["archive"]["timestamp"] == "20250101000000"
    assert "archive" not in links["https://a.example/lost"]
    assert results["https://a.example/lost"].needs_action
    # Only the live page without a copy was sent to Save Page Now.
    assert [r.form["url"] for r in fake.paths("/save") if r.path == "/save"] == ["https://a.example/new"]


def test_without_keys_a_live_link_without_copy_needs_action(fake):
    links = {"https://a.example/new": dict(LIVE)}
    [result] = archive_all(links, wayback(fake, keys=False))
    assert result.action == "missing" and result.needs_action
    assert fake.paths("/save") == []


def test_a_daily_limit_stops_saving_for_the_rest_of_the_run(fake):
    fake.job_script = [{"status": "error", "status_ext": "error:too-many-daily-captures"}]
    links = {f"https://a.example/{n}": dict(LIVE) for n in range(3)}
    results = archive_all(links, wayback(fake))
    assert [r.action for r in results] == ["failed", "missing", "missing"]
    assert "error:too-many-daily-captures" in results[0].detail
    assert len([r for r in fake.paths("/save") if r.path == "/save"]) == 1


# ---- Fingerprints and WARC copies of live pages ----

class Site:
    """A cited site: each path answers with its (status, HTML) from `pages`; a 3xx's "HTML" is its Location."""

    def __init__(self, pages: dict[str, tuple[int, str]]):
        site = self
        self.pages = pages

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, *args):
                pass

            def do_GET(self):
                site.encodings = getattr(site, "encodings", []) + [self.headers.get("Accept-Encoding")]
                status, html = site.pages.get(self.path, (404, "<title>Nicht gefunden</title>"))
                body = html.encode("utf-8")
                self.send_response(status)
                if 300 <= status < 400:
                    self.send_header("Location", html)
                self.send_header("Content-Type", "text/html; charset=utf-8")
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.base = f"http://127.0.0.1:{self.server.server_address[1]}"
        threading.Thread(target=self.server.serve_forever, args=(0.05,), daemon=True).start()


@pytest.fixture
def site():
    text = "Die OVKS hielt ihren Gipfel in Jerewan ab und beriet über die Lage im Südkaukasus. " * 5
    server = Site({"/news": (200, f"<title>Gipfel</title><article><p>{text}</p></article>")})
    yield server
    server.server.shutdown()
    server.server.server_close()


def test_live_pages_are_fingerprinted_then_compared_and_dead_ones_not_fetched(site):
    links = {f"{site.base}/news": dict(LIVE), f"{site.base}/old": dict(DEAD)}
    session = transport.session()
    assert snapshot_all(links, session, time="2026-11-25T10:00:00Z", limiter=NO_WAIT) == {f"{site.base}/news": None}
    assert links[f"{site.base}/news"]["fingerprint"]["title"] == "Gipfel"
    site.pages["/news"] = (200, "<title>Casino</title><article><p>" + "Jetzt spielen und gewinnen. " * 20 + "</p></article>")
    similarity = snapshot_all(links, session, time="2026-12-02T10:00:00Z", limiter=NO_WAIT)[f"{site.base}/news"]
    assert similarity < 0.4 and links[f"{site.base}/news"]["status"] == "deviated"
    assert "fingerprint" not in links[f"{site.base}/old"]


def test_a_warc_copy_keeps_the_exact_response_and_an_index(site, tmp_path):
    url = f"{site.base}/news"
    snapshot_all({url: dict(LIVE)}, store=WarcStore(tmp_path, "run.warc.gz"), limiter=NO_WAIT)
    assert site.encodings == ["identity"]
    [entry] = [json.loads(line) for line in (tmp_path / "index.jsonl").read_text().splitlines()]
    assert entry["url"] == url and entry["status"] == 200 and entry["file"] == "run.warc.gz"
    with (tmp_path / "run.warc.gz").open("rb") as warc:
        warc.seek(entry["offset"])
        record = next(iter(ArchiveIterator(warc)))
        assert record.rec_type == "response"
        assert record.rec_headers.get_header("WARC-Target-URI") == url
        assert record.http_headers.get_statuscode() == "200"
        assert record.http_headers.get_header("Content-Type") == "text/html; charset=utf-8"
        assert b"Gipfel in Jerewan" in record.content_stream().read()
    with (tmp_path / "run.warc.gz").open("rb") as warc:
        assert [r.rec_type for r in ArchiveIterator(warc)] == ["response", "request"]


def test_the_report_lists_links_without_copy_and_changed_pages():
    links = {"https://a.example/ok": {**LIVE, "archive": {"url": "u", "timestamp": "20230101000000", "found_by": "cdx"}},
             "https://a.example/lost": dict(DEAD),
             "https://a.example/changed": {**LIVE, "status": "deviated", "similarity": 0.21,
                                           "status_since": "2026-12-02T10:00:00Z"}}
    results = [ArchiveResult("https://a.example/ok", Action.FOUND, "20230101000000 (cdx)"),
               ArchiveResult("https://a.example/lost", Action.MISSING, "no capture before 2023-09"),
               ArchiveResult("https://a.example/changed", Action.FAILED, "Save Page Now could not capture …: error:blocked")]
    text, needs_action = report(results, links)
    assert needs_action
    assert "1 of 3 cited links have a copy in the Wayback Machine (1 found and 0 saved in this run)." in text
    assert "| https://a.example/lost | 2023-09 | no capture before 2023-09 |" in text
    assert "| https://a.example/changed | 0.21 | 2026-12-02T10:00:00Z | none |" in text


def test_nothing_to_report_needs_no_action():
    links = {"https://a.example/ok": {**LIVE, "archive": {"url": "u", "timestamp": "20230101000000", "found_by": "cdx"}}}
    text, needs_action = report([ArchiveResult("https://a.example/ok", Action.KEPT)], links)
    assert not needs_action and "Links without a copy" not in text


def test_a_drifted_page_without_an_old_copy_is_not_captured_anew(fake):
    links = {"https://a.example/changed": {**LIVE, "status": "deviated", "similarity": 0.1}}
    [result] = archive_all(links, wayback(fake))
    assert result.action == "missing" and fake.paths("/save") == []


def test_an_unreachable_archive_is_a_failure_not_a_reason_to_capture(fake):
    fake.availability_errors, fake.cdx_errors = [503], [503]
    endpoints = Endpoints(f"{fake.base}/wayback/available", f"{fake.base}/cdx/search/cdx",
                          "http://127.0.0.1:9/web/", f"{fake.base}/save")
    client = Wayback(endpoints, Credentials(ACCESS, SECRET), Pacing(backoff=0), sleep=lambda s: None)
    [result] = archive_all({"https://a.example/new": dict(LIVE)}, client)
    assert result.action == "failed" and "no Wayback API answered" in result.detail
    assert fake.paths("/save") == []


def test_a_dead_link_without_any_copy_is_reported_and_one_with_a_copy_is_not():
    copy = {"url": "u", "timestamp": "20230101000000", "found_by": "cdx"}
    links = {"https://a.example/orphan": dict(DEAD), "https://a.example/kept": {**DEAD, "archive": copy}}
    text, needs = report([ArchiveResult("https://a.example/kept", Action.KEPT)], links)
    assert needs and "- <https://a.example/orphan>" in text and "https://a.example/kept" not in text
    text, needs = report([], {"https://a.example/kept": {**DEAD, "archive": copy}})
    assert not needs


@pytest.mark.parametrize("check, archive_says, expected", [
    ({"groups": {"new_dead": ["https://a.example/"], "still_dead": []}}, False, True),
    ({"groups": {"new_dead": [], "still_dead": ["https://a.example/"]}}, False, False),
    (None, True, True),
    (None, False, False),
])
def test_the_issue_stays_open_for_new_dead_links_or_archive_problems(check, archive_says, expected):
    assert needs_action(check, archive_says) is expected


def test_a_redirected_page_keeps_every_answer_and_is_fingerprinted_at_its_end(site, tmp_path):
    site.pages["/alt"] = (301, "/news")
    links = {f"{site.base}/alt": dict(LIVE)}
    clock, waits = [1000.0], []

    def sleep(seconds: float) -> None:
        waits.append(seconds)
        clock[0] += seconds

    paced = HostLimiter(Politeness(1, 1.0, 1), clock=lambda: clock[0], sleep=sleep)
    snapshot_all(links, store=WarcStore(tmp_path, "run.warc.gz"), time="2026-11-25T10:00:00Z", limiter=paced)
    assert waits == [1.0]  # the redirect's target, on the same host, waited its turn
    assert links[f"{site.base}/alt"]["fingerprint"]["title"] == "Gipfel"
    index = [json.loads(line) for line in (tmp_path / "index.jsonl").read_text().splitlines()]
    assert [(entry["url"], entry["status"]) for entry in index] == [(f"{site.base}/alt", 301), (f"{site.base}/news", 200)]


# ---- The command, as the weekly workflow runs it ----

def test_the_archive_command_updates_ledger_report_and_flag_without_showing_keys(fake, site, tmp_path, monkeypatch,
                                                                                 capsys):
    ledger_path, report_path, flag = tmp_path / "links.json", tmp_path / "linkcheck.md", tmp_path / "needs-action"
    live, gone = f"{site.base}/news", f"{site.base}/gone"
    ledger_path.write_text(json.dumps({"version": 1, "links": {
        live: {**LIVE, "checks": [{"outcome": "ok", "time": "2026-11-25T06:00:00Z"}]},
        gone: {**DEAD, "checks": [{"outcome": "broken", "time": "2026-11-25T06:00:00Z"}]}}}))
    report_path.write_text("# Link check 2026-11-25T06:00:00Z\n")
    (tmp_path / "check.json").write_text(json.dumps({"groups": {"new_dead": [gone]}}))
    monkeypatch.setenv("WAYBACK_BASE_URL", fake.base)
    monkeypatch.setenv("ARCHIVE_ORG_ACCESS_KEY", ACCESS)
    monkeypatch.setenv("ARCHIVE_ORG_SECRET_KEY", SECRET)
    # The real pacing, without its waits: the command's own client, with a sleep that returns at once.
    monkeypatch.setattr("linkcheck.cli.Wayback", lambda endpoints, credentials: Wayback(
        endpoints, credentials, Pacing(), sleep=lambda seconds: None))
    code = cli.main(["archive", "--ledger", str(ledger_path), "--report", str(report_path), "--check-json",
                     str(tmp_path / "check.json"), "--needs-action", str(flag), "--warc", str(tmp_path / "warc")])
    assert code == 0 and flag.exists()
    links = json.loads(ledger_path.read_text())["links"]
    assert links[live]["archive"]["found_by"] == "save" and links[live]["fingerprint"]["title"] == "Gipfel"
    report_text = report_path.read_text()
    assert report_text.startswith("# Link check") and "## Archived copies" in report_text
    assert f"- <{gone}>" in report_text  # dead, and no copy anywhere
    assert (tmp_path / "warc" / "index.jsonl").exists()
    shown = capsys.readouterr()
    for text in (shown.out, shown.err, ledger_path.read_text(), report_text):
        assert ACCESS not in text and SECRET not in text


def test_a_page_in_windows_1251_is_read_with_the_charset_its_header_names(tmp_path):
    text = "Организация Договора о коллективной безопасности провела саммит в Ереване. " * 4
    body = f"<title>Саммит</title><article><p>{text}</p></article>".encode("cp1251")

    class Handler(BaseHTTPRequestHandler):
        def log_message(self, *args):
            pass

        def do_GET(self):
            self.send_response(200)
            self.send_header("Content-Type", "text/html; charset=windows-1251")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    threading.Thread(target=server.serve_forever, args=(0.05,), daemon=True).start()
    try:
        url = f"http://127.0.0.1:{server.server_address[1]}/news"
        links = {url: dict(LIVE)}
        snapshot_all(links, time="t", limiter=NO_WAIT)
    finally:
        server.shutdown()
        server.server_close()
    assert links[url]["fingerprint"]["title"] == "Саммит"


def test_a_save_error_that_echoes_the_keys_reaches_the_report_scrubbed_and_short(fake, site, tmp_path, monkeypatch,
                                                                                 capsys, caplog):
    ledger_path, report_path = tmp_path / "links.json", tmp_path / "linkcheck.md"
    live = f"{site.base}/news"
    ledger_path.write_text(json.dumps({"version": 1, "links": {
        live: {**LIVE, "checks": [{"outcome": "ok", "time": "2026-11-25T06:00:00Z"}]}}}))
    fake.save_script = [{"status": "error", "status_ext": "error:bad-request",
                         "message": "Bad request.\nHeaders: {'Authorization': '{authorization}'} " + "x" * 500}]
    monkeypatch.setenv("WAYBACK_BASE_URL", fake.base)
    monkeypatch.setenv("ARCHIVE_ORG_ACCESS_KEY", ACCESS)
    monkeypatch.setenv("ARCHIVE_ORG_SECRET_KEY", SECRET)
    monkeypatch.setattr("linkcheck.cli.Wayback", lambda endpoints, credentials: Wayback(
        endpoints, credentials, Pacing(), sleep=lambda seconds: None))
    assert cli.main(["archive", "--ledger", str(ledger_path), "--report", str(report_path)]) == 0
    assert fake.authorizations()  # the keys went to the configured host, which echoed them
    report_text = report_path.read_text()
    [row] = [line for line in report_text.splitlines() if line.startswith(f"| {live}")]
    assert "error:bad-request (Bad request.)" in row and len(row) < 400
    shown = capsys.readouterr()
    for text in (shown.out, shown.err, caplog.text, ledger_path.read_text(), report_text):
        assert ACCESS not in text and SECRET not in text
