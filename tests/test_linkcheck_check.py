"""The checker against servers on loopback: every outcome, redirects, soft-404s, encodings, politeness."""
from __future__ import annotations

import socket
import ssl

import pytest
import trustme

from linkcheck import sites
from linkcheck.check import BROWSER_AGENT, Checker, Settings
from linkcheck.ratelimit import HostLimiter, Politeness
from linkcheck.types import Outcome
from tests.linkserver import Reply, Server, html

FAST = Politeness(host_concurrency=2, host_interval=0.0, max_concurrency=16)


class FakeTime:
    """A clock that only moves when someone sleeps: waits are recorded, never spent."""

    def __init__(self):
        self.now = 1000.0
        self.sleeps: list[float] = []

    def clock(self) -> float:
        return self.now

    def sleep(self, seconds: float) -> None:
        self.sleeps.append(seconds)
        self.now += max(seconds, 0)


def checker(**overrides) -> Checker:
    fake = overrides.pop("time", None) or FakeTime()
    settings = Settings(**{"timeout": 2.0, "retries": 1, "backoff": 0.01, "final_pass": False,
                           "dns_canaries": ("localhost",),  # resolves without a network, as tests have none
                           "politeness": FAST, "body_deadline": 2.0, **overrides})
    return Checker(settings, HostLimiter(settings.politeness, fake.clock, fake.sleep), sleep=fake.sleep)


@pytest.fixture
def server():
    running = Server()
    yield running
    running.close()


ARTICLE = html("Армения примет участие в учениях", "Ереван, 6 апреля. Министерство обороны сообщило …")


# ---- Outcomes by status --------------------------------------------------------------------

@pytest.mark.parametrize("status, outcome", [
    (200, Outcome.OK), (404, Outcome.BROKEN), (410, Outcome.BROKEN),
    (401, Outcome.BLOCKED), (403, Outcome.BLOCKED), (451, Outcome.BLOCKED), (999, Outcome.BLOCKED),
    (500, Outcome.TRANSIENT), (502, Outcome.TRANSIENT), (429, Outcome.TRANSIENT),
])
def test_status_codes_map_to_outcomes(server, status, outcome):
    server.routes["/news/1"] = Reply(status, ARTICLE)
    result = checker().check(server.url("/news/1"))
    assert result.outcome is outcome
    assert result.http_status == status
    assert str(status) in result.reason


def test_a_bot_challenge_is_blocked_not_broken(server):
    server.routes["/a/1"] = Reply(403, html("Just a moment..."), {"cf-mitigated": "challenge"})
    result = checker().check(server.url("/a/1"))
    assert result.outcome is Outcome.BLOCKED
    assert "challenge" in result.reason


def test_a_site_that_refuses_unknown_agents_is_asked_again_as_a_browser(server):
    server.routes["/a/2"] = lambda request: (Reply(200, ARTICLE) if "Mozilla" in request.headers.get("User-Agent", "")
                                             else Reply(403, html("Forbidden")))
    result = checker().check(server.url("/a/2"))
    assert result.outcome is Outcome.OK
    assert any("refuses our user agent" in warning for warning in result.warnings)
    agents = [entry.agent for entry in server.log if entry.target == "/a/2"]
    assert "linkcheck" in agents[0] and "ovks-edition" in agents[0]  # honest first
    assert agents[-1] == BROWSER_AGENT


def test_a_quirk_sends_the_browser_agent_first(server):
    server.routes["/a/3"] = Reply(200, ARTICLE)
    quirky = checker(quirks={"127.0.0.1": sites.Quirks(browser_agent=True, why="test")})
    assert quirky.check(server.url("/a/3")).ok
    assert [entry.agent for entry in server.log if entry.target == "/a/3"] == [BROWSER_AGENT]


def test_invalid_urls_are_not_requested():
    for url, words in [("ftp://example.org/file", "unsupported scheme"), ("https:///nohost", "no host"),
                       ("http://[::1", "malformed"), ("mailto-ish", "unsupported scheme")]:
        result = checker().check(url)
        assert result.outcome is Outcome.INVALID and words in result.reason


# ---- Transient failures, retries, Retry-After --------------------------------------------

def test_a_5xx_is_retried_with_backoff_and_then_succeeds(server):
    server.routes["/r/1"] = lambda request: Reply(503 if request.count == 1 else 200, ARTICLE)
    fake = FakeTime()
    result = checker(time=fake, backoff=4.0).check(server.url("/r/1"))
    assert result.ok
    assert server.targets("GET").count("/r/1") == 2
    assert any(2.0 <= wait <= 6.0 for wait in fake.sleeps)  # 4 s with ±50 % jitter


def test_retry_after_holds_back_the_whole_host(server):
    server.routes["/r/2"] = lambda request: (Reply(429, "slow down", {"Retry-After": "7"}) if request.count == 1
                                             else Reply(200, ARTICLE))
    fake = FakeTime()
    assert checker(time=fake).check(server.url("/r/2")).ok
    assert 7.0 in [round(wait, 3) for wait in fake.sleeps]


def test_a_retry_after_too_long_is_not_waited_for(server):
    server.routes["/r/3"] = Reply(503, "maintenance", {"Retry-After": "86400"})
    fake = FakeTime()
    result = checker(time=fake).check(server.url("/r/3"))
    assert result.outcome is Outcome.TRANSIENT and "Retry-After 86400s" in result.reason
    assert max(fake.sleeps, default=0) < 3600


def test_still_failing_links_get_a_final_pass(server):
    server.routes["/r/4"] = lambda request: Reply(500 if request.count <= 2 else 200, ARTICLE)
    results = checker(final_pass=True, final_pass_delay=0.0, retries=1).check_all([server.url("/r/4")])
    assert results[0].ok
    assert server.targets("GET").count("/r/4") == 3


def test_a_slow_server_times_out_as_transient(server):
    server.routes["/slow"] = Reply(200, ARTICLE, delay=1.0)
    result = checker(timeout=0.2, retries=0).check(server.url("/slow"))
    assert result.outcome is Outcome.TRANSIENT and "timed out" in result.reason


def test_a_refused_connection_is_transient():
    with socket.socket() as unused:
        unused.bind(("127.0.0.1", 0))
        port = unused.getsockname()[1]
    result = checker(retries=0).check(f"http://127.0.0.1:{port}/x")
    assert result.outcome is Outcome.TRANSIENT and "connection failed" in result.reason


@pytest.mark.parametrize("code, outcome", [(socket.EAI_NONAME, Outcome.BROKEN), (socket.EAI_AGAIN, Outcome.TRANSIENT)])
def test_dns_name_unknown_is_broken_but_a_failing_resolver_is_transient(monkeypatch, code, outcome):
    real = socket.getaddrinfo

    def fake(host, *args, **kwargs):
        if host == "gone.example":
            raise socket.gaierror(code, "lookup failed")
        return real(host, *args, **kwargs)

    monkeypatch.setattr(socket, "getaddrinfo", fake)
    result = checker(retries=0).check("https://gone.example/news/1")
    assert result.outcome is outcome
    assert "DNS" in result.reason


def test_no_dns_at_all_is_transient_not_a_domain_that_does_not_exist(monkeypatch):
    def offline(host, *args, **kwargs):
        raise socket.gaierror(socket.EAI_NONAME, "Name or service not known")

    monkeypatch.setattr(socket, "getaddrinfo", offline)
    result = checker(retries=0).check("https://tass.ru/politika/16408427")
    assert result.outcome is Outcome.TRANSIENT and "DNS does not work here" in result.reason


# ---- Redirects -----------------------------------------------------------------------------

def test_redirects_are_followed_recorded_and_a_permanent_one_suggested(server):
    server.routes["/old/1"] = Reply(301, headers={"Location": "/mid/1"})
    server.routes["/mid/1"] = Reply(308, headers={"Location": server.url("/new/1")})
    server.routes["/new/1"] = Reply(200, html("Статья", "текст", extra="<span id='part'></span>"))
    result = checker().check(server.url("/old/1#part"))
    assert result.ok
    assert [(hop.url, hop.status) for hop in result.redirects] == [(server.url("/old/1"), 301),
                                                                    (server.url("/mid/1"), 308)]
    assert result.final_url == server.url("/new/1")
    assert result.suggestion == server.url("/new/1#part")


def test_a_temporary_redirect_is_not_suggested(server):
    server.routes["/t/1"] = Reply(302, headers={"Location": "/t/2"})
    server.routes["/t/2"] = Reply(200, ARTICLE)
    result = checker().check(server.url("/t/1"))
    assert result.ok and result.suggestion is None


def test_a_redirect_loop_is_broken(server):
    server.routes["/loop/a"] = Reply(302, headers={"Location": "/loop/b"})
    server.routes["/loop/b"] = Reply(302, headers={"Location": "/loop/a"})
    result = checker().check(server.url("/loop/a"))
    assert result.outcome is Outcome.BROKEN and "loop" in result.reason
    assert len(result.redirects) == 2


def test_a_deep_link_sent_to_the_home_page_is_gone(server):
    server.routes["/news/2012/06/old-story"] = Reply(301, headers={"Location": "/"})
    server.routes["/"] = Reply(200, html("Главная", "Новости дня"))
    result = checker().check(server.url("/news/2012/06/old-story"))
    assert result.outcome is Outcome.BROKEN and "home page" in result.reason


def test_a_redirect_to_an_error_page_is_gone(server):
    server.routes["/story/5"] = Reply(302, headers={"Location": "/errors/404.html"})
    server.routes["/errors/404.html"] = Reply(200, html("Oops", "Nothing here"))
    result = checker().check(server.url("/story/5"))
    assert result.outcome is Outcome.BROKEN and "error page" in result.reason


# ---- Soft-404s -----------------------------------------------------------------------------

@pytest.mark.parametrize("title", ["Seite nicht gefunden", "Страница не найдена", "Сторінку не знайдено",
                                   "Error 404 — Not Found", "404"])
def test_a_page_that_says_it_is_missing_is_broken(server, title):
    server.routes["/p/1"] = Reply(200, html(title, "Zurück zur Startseite"))
    result = checker().check(server.url("/p/1"))
    assert result.outcome is Outcome.BROKEN and "soft-404" in result.reason


def test_a_headline_about_something_not_found_is_not_a_soft404(server):
    server.routes["/p/2"] = Reply(200, html("Пропавший самолёт не найден", "Поиски продолжаются"))
    server.routes["/p/lc"] = Reply(404)
    assert checker().check(server.url("/p/2")).ok


def test_the_site_root_is_never_a_soft404(server):
    server.routes["/"] = Reply(200, html("Страница не найдена", "Главная"))
    assert checker().check(server.url("/")).ok


def test_a_template_for_every_address_that_says_not_found_is_broken(server):
    template = Reply(200, html("Новости", "Ничего нет", heading="Поиск: по запросу ничего не найдено"))
    server.default = template
    result = checker().check(server.url("/news/777"))
    assert result.outcome is Outcome.BROKEN and "sibling" in result.reason
    probes = [target for target in server.targets() if target.startswith("/news/9")]
    assert probes  # the made-up sibling of /news/777 was asked


def test_a_template_alone_is_only_a_warning(server):
    server.default = Reply(200, html("Vesti", "Всё о политике"))
    result = checker().check(server.url("/news/778"))
    assert result.ok
    assert any("sibling" in warning for warning in result.warnings)


def test_a_site_that_ignores_the_slug_is_not_a_soft404(server):
    article = Reply(200, html("Задержек в поставках не будет", "Армения получит оружие вовремя"))
    server.default = lambda request: article if request.target.startswith("/article/40689/") else Reply(404)
    assert checker().check(server.url("/article/40689/zaderzhek-v-postavkax")).ok


def test_a_server_that_refuses_head_is_probed_with_get(server):
    template = Reply(200, html("Ошибка", "Попробуйте поиск", heading="Поиск: ничего не найдено"), head=Reply(405))
    server.default = template
    result = checker().check(server.url("/item/123"))
    assert result.outcome is Outcome.BROKEN
    probe = [(entry.method, entry.target) for entry in server.log if entry.target != "/item/123"]
    assert probe[0][0] == "HEAD" and probe[1] == ("GET", probe[0][1])


# ---- Bytes on the wire and in the body ------------------------------------------------------

def test_percent_encoded_cyrillic_goes_out_exactly_as_cited(server):
    targets = ["/%D0%BE%D0%B4%D0%BA%D0%B1-%D0%B2%D0%BE%D0%B5%D0%BD%D0%BD%D0%BE/",
               "/%d0%be%d0%b4%d0%ba%d0%b1/?q=%41%2d%7e",
               "/a%2Db/%D1%81%D0%BE%D1%8E%D0%B7?x=1&y=%20"]
    for target in targets:
        server.routes[target] = Reply(200, html("ОДКБ", "военно-политический союз"))
        assert checker(sibling_probe=False).check(server.url(target)).ok
    assert server.targets("GET") == targets


def test_raw_cyrillic_is_encoded_once_as_utf8(server):
    server.routes["/%D1%81%D0%BE%D1%8E%D0%B7"] = Reply(200, ARTICLE)
    assert checker(sibling_probe=False).check(server.url("/союз")).ok
    assert server.targets("GET") == ["/%D1%81%D0%BE%D1%8E%D0%B7"]


def test_a_windows_1251_page_is_read_in_its_own_encoding(server):
    server.routes["/cp/1"] = Reply(200, html("Страница не найдена", charset="windows-1251"),
                                   {"Content-Type": "text/html"})
    server.routes["/cp/2"] = Reply(200, html("ОДКБ", "Союз", charset="windows-1251",
                                             extra="<a name='союз'></a>"),
                                   {"Content-Type": "text/html; charset=windows-1251"})
    assert checker().check(server.url("/cp/1")).outcome is Outcome.BROKEN
    found = checker().check(server.url("/cp/2#%D1%81%D0%BE%D1%8E%D0%B7"))
    assert found.ok and found.missing_fragment is None


def test_a_gzipped_page_is_read(server):
    server.routes["/gz/1"] = Reply(200, html("Seite nicht gefunden"), gzip=True)
    assert checker().check(server.url("/gz/1")).outcome is Outcome.BROKEN


def test_a_huge_body_is_not_downloaded(server):
    def endless():
        yield html("Огромная страница", "начало")
        for _ in range(20000):  # 20000 × 64 KiB ≈ 1.3 GB if read to the end
            yield b"x" * 65536

    server.routes["/big"] = Reply(200, chunks=endless)
    result = checker(max_body=256 * 1024, sibling_probe=False).check(server.url("/big"))
    assert result.ok
    import time
    deadline = time.monotonic() + 10
    while not server.aborted and time.monotonic() < deadline:
        time.sleep(0.02)
    assert server.aborted == 1  # the checker hung up long before the end


def test_a_body_that_trickles_is_cut_at_the_deadline_not_failed(server):
    def trickle():
        import time
        yield html("Медленная страница", "начало")
        for _ in range(50):
            time.sleep(0.1)
            yield b" "

    server.routes["/trickle"] = Reply(200, chunks=trickle)
    assert checker(body_deadline=0.3, sibling_probe=False).check(server.url("/trickle")).ok


# ---- Fragments -------------------------------------------------------------------------------

def test_a_missing_fragment_is_a_warning_not_a_failure(server):
    server.routes["/f/1"] = Reply(200, html("Статья", "текст", extra="<h2 id='present'>Раздел</h2>"))
    assert checker().check(server.url("/f/1#present")).missing_fragment is None
    result = checker().check(server.url("/f/1#absent"))
    assert result.ok and result.missing_fragment == "absent"


def test_a_fragment_a_script_adds_is_not_reported(server):
    server.routes["/f/2"] = Reply(200, html("ОДКБ", "новости"))
    quirky = checker(quirks={"127.0.0.1": sites.Quirks(script_fragments=("loaded",), why="test")})
    assert quirky.check(server.url("/f/2#loaded")).missing_fragment is None


# ---- TLS -------------------------------------------------------------------------------------

@pytest.fixture(scope="module")
def authority():
    return trustme.CA()


def _tls_server(authority) -> Server:
    context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
    authority.issue_cert("127.0.0.1").configure_cert(context)
    return Server(tls=context)


def test_a_trusted_certificate_gives_no_warning(authority, tmp_path):
    secure = _tls_server(authority)
    try:
        secure.routes["/s/1"] = Reply(200, ARTICLE)
        bundle = tmp_path / "ca.pem"
        authority.cert_pem.write_to_path(str(bundle))
        result = checker(ca_bundle=str(bundle)).check(secure.url("/s/1"))
        assert result.ok and not result.warnings
    finally:
        secure.close()


@pytest.mark.filterwarnings("ignore::urllib3.exceptions.InsecureRequestWarning")
def test_an_untrusted_certificate_is_a_warning_and_the_page_still_judged(authority):
    secure = _tls_server(authority)  # its CA is not in the default trust store
    try:
        secure.routes["/s/1"] = Reply(200, ARTICLE)
        secure.routes["/s/2"] = Reply(404)
        ok = checker().check(secure.url("/s/1"))
        assert ok.ok and any("certificate not trusted" in warning for warning in ok.warnings)
        assert checker().check(secure.url("/s/2")).outcome is Outcome.BROKEN
    finally:
        secure.close()


# ---- Politeness ------------------------------------------------------------------------------

def test_requests_to_one_host_start_an_interval_apart():
    fake = FakeTime()
    limiter = HostLimiter(Politeness(host_concurrency=2, host_interval=1.5), fake.clock, fake.sleep)
    starts = []
    for _ in range(3):
        with limiter.slot("tass.ru"):
            starts.append(fake.now)
    with limiter.slot("ria.ru"):
        starts.append(fake.now)
    assert starts == [1000.0, 1001.5, 1003.0, 1003.0]


def test_no_host_gets_more_than_its_concurrency():
    first, second = Server("127.0.0.1"), Server("127.0.0.2")
    try:
        for running in (first, second):
            running.default = Reply(200, ARTICLE, delay=0.05)
        urls = [first.url(f"/n/{i}") for i in range(8)] + [second.url(f"/n/{i}") for i in range(8)]
        results = checker(sibling_probe=False, politeness=Politeness(2, 0.0, 16)).check_all(urls)
        assert all(result.ok for result in results)
        assert first.max_in_flight <= 2 and second.max_in_flight <= 2
        assert len(first.log) == 8 and len(second.log) == 8
    finally:
        first.close()
        second.close()


def test_the_global_limit_holds_across_hosts():
    import threading
    limiter = HostLimiter(Politeness(host_concurrency=5, host_interval=0.0, max_concurrency=1))
    holding, release, second = threading.Event(), threading.Event(), threading.Event()

    def hold():
        with limiter.slot("tass.ru"):
            holding.set()
            release.wait(5)

    def other():
        with limiter.slot("ria.ru"):
            second.set()

    threading.Thread(target=hold).start()
    holding.wait(5)
    threading.Thread(target=other).start()
    assert not second.wait(0.2)  # another host, but the one global slot is taken
    release.set()
    assert second.wait(5)


def test_the_sibling_probe_runs_once_per_parent(server):
    for number in range(5):
        server.routes[f"/politika/{1000 + number}"] = Reply(200, html(f"Новость {number}", "текст"))
    results = checker().check_all([server.url(f"/politika/{1000 + number}") for number in range(5)])
    assert all(result.ok for result in results)
    probes = [entry for entry in server.log if entry.target.startswith("/politika/9")]
    assert [entry.method for entry in probes] == ["HEAD"]  # an honest 404: no GET needed


def test_a_meta_refresh_to_the_home_page_is_gone(server):
    refresh = "<meta http-equiv='refresh' content='0; url=/'>"
    server.routes["/old/story"] = Reply(200, f"<html><head>{refresh}<title>Weiterleitung</title></head></html>")
    server.routes["/new/story"] = Reply(200, "<html><head><meta http-equiv='refresh' content='5;URL=/new/story-2'>"
                                             "<title>Neu</title></head></html>")
    result = checker().check(server.url("/old/story"))
    assert result.outcome is Outcome.BROKEN and "home page" in result.reason
    assert checker().check(server.url("/new/story")).ok


def test_an_error_inside_the_checker_does_not_end_the_run(server, monkeypatch):
    server.routes["/fine"] = Reply(200, ARTICLE)
    odd = checker(sibling_probe=False)
    real = odd.fetcher.follow

    def follow(url, method, agent):
        if url.endswith("/odd"):
            raise RuntimeError("unexpected")
        return real(url, method, agent)

    monkeypatch.setattr(odd.fetcher, "follow", follow)
    results = odd.check_all([server.url("/odd"), server.url("/fine")])
    assert results[0].outcome is Outcome.TRANSIENT and "checker error: RuntimeError" in results[0].reason
    assert results[1].ok


def test_a_site_that_tells_a_browser_the_page_is_gone_is_broken(server):
    server.routes["/a/4"] = lambda request: (Reply(404) if "Mozilla" in request.headers.get("User-Agent", "")
                                             else Reply(403, html("Forbidden")))
    assert checker().check(server.url("/a/4")).outcome is Outcome.BROKEN
