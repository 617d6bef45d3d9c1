"""The hard cases the region's sites produce, each against a server on loopback: language roots and short
paths, slow pages and long Retry-After, bot walls and login pages, sites that refuse robots but serve
browsers, cookie checks by redirect, and soft-404 wording in every language the sources use."""
from __future__ import annotations

import pytest

from linkcheck.check import BROWSER_AGENT
from linkcheck.ratelimit import Politeness
from linkcheck.types import Outcome
from tests.linkserver import Reply, Server, html
from tests.test_linkcheck_check import ARTICLE, FakeTime, checker


@pytest.fixture
def server():
    running = Server()
    yield running
    running.close()


def page(title: str, text: str = "Ереван, 6 апреля. Министерство обороны сообщило о начале учений.",
         lang: str = "", extra: str = "") -> bytes:
    opening = f"<html lang='{lang}'>" if lang else "<html>"
    return (f"<!doctype html>{opening}<head><meta charset='utf-8'><title>{title}</title></head><body>"
            f"<h1>{title}</h1>{extra}<p>{text}</p></body></html>").encode("utf-8")


def is_browser(request) -> bool:
    return "Mozilla" in request.headers.get("User-Agent", "")


# ---- Home page or just a short path ---------------------------------------------------------

@pytest.mark.parametrize("target", ["/ok", "/tv", "/go/", "/it/"])
def test_a_redirect_to_a_short_path_that_is_no_language_root_is_ok(server, target):
    server.routes["/news/2023/armenia-csto"] = Reply(301, headers={"Location": target})
    server.routes[target] = Reply(200, page("Армения и ОДКБ", lang="en" if target == "/it/" else "ru"))
    result = checker().check(server.url("/news/2023/armenia-csto"))
    assert result.outcome is Outcome.OK, result.reason
    assert result.final_url == server.url(target)


@pytest.mark.parametrize("target, lang, extra", [
    ("/ru/", "ru", ""),  # the page says it is Russian
    ("/en-us/", "en-US", ""),  # a region subtag
    ("/kz/", "kk", ""),  # the country code the site uses for Kazakh
    ("/am/", "hy", ""),  # Armenian sites' /am/ (Amharic by ISO 639)
    ("/uz-latn", "", "<a href='/uz-cyrl'>Ўзбекча</a> <a href='/ru'>Русский</a>"),  # no lang, a language switcher
    ("/ru/index.php", "ru", ""),
    ("/kg/", "", "<meta property='og:locale' content='ky_KG'>"),  # Kyrgyz, said by Open Graph
])
def test_a_deep_link_sent_to_a_language_root_the_site_uses_is_broken(server, target, lang, extra):
    server.routes["/news/2023/armenia-csto"] = Reply(302, headers={"Location": target})
    server.routes[target] = Reply(200, page("Главная", lang=lang, extra=extra))
    result = checker().check(server.url("/news/2023/armenia-csto"))
    assert result.outcome is Outcome.BROKEN and "home page" in result.reason


def test_a_cited_language_path_sent_to_its_root_is_broken_without_a_lang_attribute(server):
    server.routes["/ru/news/17/"] = Reply(301, headers={"Location": "/ru/"})
    server.routes["/ru/"] = Reply(200, page("Новости Кыргызстана"))
    assert checker().check(server.url("/ru/news/17/")).outcome is Outcome.BROKEN


def test_a_redirect_into_a_language_section_is_not_the_home_page(server):
    server.routes["/news/17"] = Reply(301, headers={"Location": "/ru/news/17"})
    server.routes["/ru/news/17"] = Reply(200, page("Саммит ОДКБ в Ереване", lang="ru"))
    result = checker().check(server.url("/news/17"))
    assert result.ok and result.suggestion == server.url("/ru/news/17")


@pytest.mark.parametrize("cited, target, outcome", [
    ("/politika/16408427", "/politika/", Outcome.BROKEN),  # the article gone, the section instead
    ("/news.php?id=14928&mode=snews", "/news.php", Outcome.BROKEN),  # the old PHP script without its number
    ("/2023/04/06/csto-summit", "/2023/04/06/", Outcome.BROKEN),  # a year is no identifier
    ("/article/40689/zaderzhek-v-postavkax", "/article/40689/", Outcome.OK),  # the slug dropped, the number kept
    ("/news/40689", "/news/40689/", Outcome.OK),
    ("/analytics/csto-after-2022?utm_source=telegram", "/analytics/csto-after-2022", Outcome.OK),
])
def test_a_deep_link_sent_up_to_its_section_is_broken(server, cited, target, outcome):
    server.routes[cited] = Reply(301, headers={"Location": target})
    server.routes[target] = Reply(200, page("Политика", lang="ru"))
    result = checker(sibling_probe=False).check(server.url(cited))
    assert result.outcome is outcome, result.reason


# ---- Slow pages and long waits --------------------------------------------------------------

def test_a_page_slower_than_the_timeout_is_asked_once_and_not_again_in_the_final_pass(server):
    # It answers after 1.5 timeouts: a final pass with doubled timeouts would wait for it, twice as long.
    server.routes["/slow/1"] = Reply(200, ARTICLE, delay=0.6)
    server.routes["/quick/1"] = Reply(200, ARTICLE)
    results = checker(timeout=0.4, retries=2, final_pass=True, final_pass_delay=0.0, sibling_probe=False) \
        .check_all([server.url("/slow/1"), server.url("/quick/1")])
    assert results[0].outcome is Outcome.TRANSIENT and "timed out" in results[0].reason
    assert results[1].ok
    assert server.targets("GET").count("/slow/1") == 1


def test_a_long_retry_after_on_a_503_does_not_hold_back_the_host(server):
    server.routes["/busy/1"] = Reply(503, "Service Unavailable", {"Retry-After": "120"})
    server.routes["/fine/1"] = Reply(200, ARTICLE)
    fake = FakeTime()
    one_at_a_time = Politeness(host_concurrency=1, host_interval=0.0, max_concurrency=4)
    results = checker(time=fake, politeness=one_at_a_time, final_pass=True, final_pass_delay=30.0,
                      sibling_probe=False).check_all([server.url("/busy/1"), server.url("/fine/1")])
    assert results[0].outcome is Outcome.TRANSIENT and "Retry-After 120s" in results[0].reason
    assert results[1].ok
    assert server.targets("GET").count("/busy/1") == 1  # no retry now, none in the final pass
    assert not [wait for wait in fake.sleeps if wait >= 10]  # nobody waited for the 120 s


def test_a_long_retry_after_on_a_429_pauses_the_host_once_for_the_cap(server):
    server.routes["/limited/1"] = Reply(429, "Too Many Requests", {"Retry-After": "120"})
    fake = FakeTime()
    result = checker(time=fake, final_pass=True).check(server.url("/limited/1"))
    assert result.outcome is Outcome.TRANSIENT
    assert server.targets("GET").count("/limited/1") == 1
    assert max(fake.sleeps, default=0) <= Politeness().max_retry_after


def test_the_final_pass_waits_its_delay_after_the_failure(server):
    server.routes["/flaky/1"] = lambda request: Reply(502 if request.count <= 2 else 200, ARTICLE)
    fake = FakeTime()
    results = checker(time=fake, retries=1, final_pass=True, final_pass_delay=30.0, sibling_probe=False) \
        .check_all([server.url("/flaky/1")])
    assert results[0].ok
    assert any(abs(wait - 30.0) < 0.5 for wait in fake.sleeps)


# ---- Bot walls ------------------------------------------------------------------------------

CF_CHALLENGE = ("<!DOCTYPE html><html><head><title>Just a moment...</title></head><body>"
                "<noscript>Enable JavaScript and cookies to continue</noscript>"
                "<script>(function(){window._cf_chl_opt={cvId: '3',cZone: 'example.org'};})();</script></body></html>")


@pytest.mark.parametrize("status, headers, body, vendor", [
    (503, {"cf-mitigated": "challenge", "Server": "cloudflare"}, CF_CHALLENGE, "Cloudflare"),
    (503, {"Server": "cloudflare"}, CF_CHALLENGE, "Cloudflare"),  # the challenge page without the header
    (429, {"Server": "cloudflare"}, CF_CHALLENGE, "Cloudflare"),
    (200, {"Server": "ddos-guard"}, "<html><head><title>DDoS-Guard</title></head><body>"
                                    "<script src='/.well-known/ddos-guard/check?context=free_splash'></script></body></html>",
     "DDoS-Guard"),
    (403, {"Server": "ddos-guard"}, "<html><body>Access denied. <a href='https://check.ddos-guard.net/'>",
     "DDoS-Guard"),
    (401, {"Server": "QRATOR"}, "<html><head><script src='/__qrator/qauth_utm_v2.js'></script></head></html>",
     "Qrator"),
    (200, {}, "<html><head><title>Проверка</title><script src='https://static.stormwall.pro/p.js'></script></head></html>",
     "StormWall"),
    (200, {}, "<html><head><title>Variti</title></head><body>Checking your browser…</body></html>", "Variti"),
    (403, {"Server": "AkamaiGHost"}, "<HTML><HEAD><TITLE>Access Denied</TITLE></HEAD><BODY>You don't have "
                                     "permission. Reference&#32;&#35;18.5b2c1402 https&#58;&#47;&#47;errors&#46;"
                                     "edgesuite&#46;net/18.5b2c1402</BODY></HTML>", "Akamai"),
    (200, {"X-Iinfo": "12-345"}, "<html><head><META NAME='robots' CONTENT='noindex,nofollow'>"
                                 "<script src='/_Incapsula_Resource?SWJIYLWA=719d34d3'></script></head></html>",
     "Imperva"),
    (403, {}, "<html><title>Sucuri WebSite Firewall - Access Denied</title></html>", "Sucuri"),
    (202, {"x-amzn-waf-action": "challenge"}, "<html><script>AwsWafIntegration.getToken()</script></html>", "AWS WAF"),
])
def test_a_bot_wall_is_blocked_not_transient_nor_ok(server, status, headers, body, vendor):
    server.routes["/politika/16408427"] = Reply(status, body, headers)
    result = checker().check(server.url("/politika/16408427"))
    assert result.outcome is Outcome.BLOCKED, result.reason
    assert vendor in result.reason
    assert [entry.agent for entry in server.log if entry.target == "/politika/16408427"][-1] == BROWSER_AGENT


def test_a_redirect_to_a_wall_address_is_blocked(server):
    server.routes["/politika/1"] = Reply(302, headers={"Location": "/.well-known/ddos-guard/check?context=free_splash"})
    server.routes["/.well-known/ddos-guard/check?context=free_splash"] = Reply(200, "<html><title>…</title></html>")
    result = checker(sibling_probe=False).check(server.url("/politika/1"))
    assert result.outcome is Outcome.BLOCKED and "DDoS-Guard" in result.reason


def test_a_deep_link_sent_to_the_root_with_a_language_query_is_broken(server):
    server.routes["/memleket/entities/mfa/press/news/details/1"] = Reply(302, headers={"Location": "/?lang=ru"})
    server.routes["/?lang=ru"] = Reply(200, page("Портал госорганов", lang="ru"))
    assert checker().check(server.url("/memleket/entities/mfa/press/news/details/1")).outcome is Outcome.BROKEN


@pytest.mark.parametrize("status, headers, body, outcome", [
    # An origin's own 503 behind Cloudflare, and Cloudflare's "origin unreachable": the site is down for now.
    (503, {"Server": "cloudflare"}, "<html><title>Service Temporarily Unavailable</title></html>", Outcome.TRANSIENT),
    (522, {"Server": "cloudflare"}, "<html><title>Connection timed out | example.org | Cloudflare</title>"
                                    "<div id='cf-error-details'></div></html>", Outcome.TRANSIENT),
    # Ordinary pages served through a wall carry its headers and scripts.
    (200, {"Server": "ddos-guard"}, page("ОДКБ: итоги саммита", "Москва. " * 400), Outcome.OK),
    (200, {"Server": "cloudflare"},
     page("Armenia freezes its CSTO participation", "Yerevan. " * 400,
          extra="<script src='/cdn-cgi/challenge-platform/scripts/jsd/main.js'></script>"
                "<p>Cloudflare said the attack on Qrator-protected sites was stopped; DDoS-Guard too.</p>"), Outcome.OK),
])
def test_what_only_passes_through_a_wall_is_not_a_wall(server, status, headers, body, outcome):
    server.routes["/n/1"] = Reply(status, body, headers)
    result = checker(retries=0, sibling_probe=False).check(server.url("/n/1"))
    assert result.outcome is outcome, result.reason


# ---- Login, consent and captcha pages -------------------------------------------------------

@pytest.mark.parametrize("location", [
    "/login?next=/analytics/12345", "/signin", "/auth/", "/account/login?returnUrl=%2Fanalytics%2F12345",
    "/users/sign_in", "/wp-login.php?redirect_to=%2Fanalytics%2F12345", "/analytics/12345?login=yes",
    "/passport?retpath=http%3A%2F%2Fsite%2Fanalytics%2F12345", "/consent?continue=/analytics/12345",
    "/showcaptcha?retpath=/analytics/12345",
])
def test_a_redirect_to_a_login_page_is_blocked_not_ok(server, location):
    server.routes["/analytics/12345"] = Reply(302, headers={"Location": location})
    server.default = Reply(200, page("Вход на сайт", "Введите логин и пароль"))
    result = checker(sibling_probe=False).check(server.url("/analytics/12345"))
    assert result.outcome is Outcome.BLOCKED, result.reason
    assert result.final_url == server.url(location) and ("page may exist" in result.reason or "wall" in result.reason)


@pytest.mark.parametrize("cited, location", [
    ("/analytics/12345", "/author/ivanov/analytics/12345"),  # /author/ is not /auth/
    ("/analytics/12345", "/analytics/12345/?from=rss"),
    ("/login", None),  # a login page cited as such is what it is
])
def test_pages_that_only_look_like_login_addresses_are_ok(server, cited, location):
    if location:
        server.routes[cited] = Reply(301, headers={"Location": location})
    server.default = Reply(200, page("Аналитика: ОДКБ после 2022 года", lang="ru"))
    assert checker(sibling_probe=False).check(server.url(cited)).ok


# ---- Sites that refuse robots but serve browsers --------------------------------------------

def browser_only(refusal: Reply):
    """Serves readers: a browser's agent with the headers a browser sends; anyone else gets `refusal`."""
    def answer(request):
        headers = request.headers
        real = is_browser(request) and headers.get("Sec-Fetch-Mode") == "navigate" and "Accept-Language" in headers
        return Reply(200, ARTICLE) if real else refusal
    return answer


@pytest.mark.parametrize("refusal", [
    Reply(404, html("Not Found")), Reply(410), Reply(403, html("Forbidden")), Reply(400), Reply(406),
    Reply(drop="close"), Reply(drop="reset"), Reply(503, CF_CHALLENGE, {"cf-mitigated": "challenge"}),
    Reply(302, headers={"Location": "/login?next=/a/1"}),
], ids=["404", "410", "403", "400", "406", "hang-up", "reset", "challenge", "login"])
def test_a_site_that_refuses_robots_but_serves_browsers_is_ok(server, refusal):
    server.routes["/a/1"] = browser_only(refusal)
    result = checker(sibling_probe=False).check(server.url("/a/1"))
    assert result.outcome is Outcome.OK, result.reason
    assert any("refuses our user agent" in warning for warning in result.warnings)
    asked = [entry.agent for entry in server.log if entry.target == "/a/1"]
    assert "ovks-edition" in asked[0] and asked[1:] == [BROWSER_AGENT]  # one honest try, then one as a browser


def test_a_page_gone_for_robots_and_browsers_alike_is_broken_after_two_requests(server):
    server.routes["/gone/1"] = Reply(404, html("Not Found"))
    result = checker(sibling_probe=False).check(server.url("/gone/1"))
    assert result.outcome is Outcome.BROKEN and result.reason == "HTTP 404" and not result.warnings
    assert server.targets("GET").count("/gone/1") == 2


def test_not_found_for_robots_but_forbidden_for_browsers_raises_no_alarm(server):
    server.routes["/a/5"] = lambda request: Reply(403) if is_browser(request) else Reply(404)
    result = checker(sibling_probe=False).check(server.url("/a/5"))
    assert result.outcome is Outcome.BLOCKED and "404" in result.reason


# ---- Cookies and long chains ----------------------------------------------------------------

def cookie_check(target: str):
    def answer(request):
        if "visited=1" in request.headers.get("Cookie", ""):
            return Reply(200, ARTICLE)
        return Reply(302, headers={"Location": target, "Set-Cookie": "visited=1; Path=/"})
    return answer


def test_a_redirect_to_the_same_address_that_sets_a_cookie_is_followed(server):
    server.routes["/c/1"] = cookie_check("/c/1")
    result = checker(sibling_probe=False).check(server.url("/c/1"))
    assert result.ok, result.reason
    assert [hop.status for hop in result.redirects] == [302]
    assert server.targets("GET") == ["/c/1", "/c/1"]


def test_cookies_stay_with_their_chain(server):
    server.routes["/c/2"] = cookie_check("/c/2")
    server.routes["/c/3"] = cookie_check("/c/3")
    fetcher = checker(sibling_probe=False)
    assert fetcher.check(server.url("/c/2")).ok
    assert len(fetcher.check(server.url("/c/3")).redirects) == 1  # the next URL starts without the cookie


def test_the_same_redirect_without_a_new_cookie_is_a_loop(server):
    server.routes["/c/4"] = Reply(302, headers={"Location": "/c/4", "Set-Cookie": "visited=1; Path=/"})
    result = checker(sibling_probe=False).check(server.url("/c/4"))
    assert result.outcome is Outcome.BROKEN and "loop" in result.reason


@pytest.mark.parametrize("count, outcome", [(20, Outcome.OK), (21, Outcome.BROKEN)])
def test_up_to_twenty_redirects_are_followed_like_a_browser(server, count, outcome):
    for step in range(count):
        server.routes[f"/hop/{step}"] = Reply(302, headers={"Location": f"/hop/{step + 1}"})
    server.routes[f"/hop/{count}"] = Reply(200, ARTICLE)
    result = checker(sibling_probe=False).check(server.url("/hop/0"))
    assert result.outcome is outcome, result.reason


# ---- Soft-404 wording -----------------------------------------------------------------------

MISSING = [
    # Russian beyond "Страница не найдена"
    "Такой страницы нет", "Запрашиваемая страница не существует", "Ошибка 404", "Материал не найден",
    "Страница, которую вы ищете, не существует", "Новость не найдена | РИА Новости", "Элемент не найден!",
    "Статья не найдена или удалена", "Упс! Страница была удалена", "404 — Страница не найдена — ТАСС",
    # Ukrainian, Belarusian
    "Сторінка не існує", "Такої сторінки не існує", "Матеріал не знайдено", "Помилка 404",
    "Старонка не знойдзена", "Такой старонкі не існуе", "Памылка 404",
    # Kazakh, Kyrgyz, Uzbek (Latin and Cyrillic), Tajik
    "Бет табылмады", "Сұралған бет табылмады", "Барак табылган жок", "Мындай барак жок",
    "Sahifa topilmadi", "Bunday sahifa mavjud emas", "Саҳифа топилмади", "Бундай саҳифа мавжуд эмас",
    "Саҳифа ёфт нашуд", "Чунин саҳифа вуҷуд надорад", "Хатои 404",
    # Armenian, Azerbaijani, Georgian
    "Էջը չի գտնվել", "Նման էջ գոյություն չունի", "Səhifə tapılmadı", "SƏHİFƏ TAPILMADI", "Belə səhifə mövcud deyil",
    "გვერდი ვერ მოიძებნა", "ასეთი გვერდი არ არსებობს",
    # French, German, English
    "Page introuvable", "La page que vous recherchez n’existe pas", "Erreur 404", "Diese Seite gibt es nicht",
    "Die angeforderte Seite wurde nicht gefunden", "Oops! That page can’t be found.", "Not Found",
]


@pytest.mark.parametrize("title", MISSING)
def test_a_page_that_says_in_its_language_that_it_is_missing_is_broken(server, title):
    server.routes["/p/1"] = Reply(200, html(title, "Вернуться на главную"))
    result = checker().check(server.url("/p/1"))
    assert result.outcome is Outcome.BROKEN and "soft-404" in result.reason


def test_a_page_that_says_so_needs_no_sibling_probe(server):
    server.routes["/p/5"] = Reply(200, html("Страница не найдена", "…"))
    assert checker().check(server.url("/p/5")).outcome is Outcome.BROKEN
    assert server.targets() == ["/p/5"]  # one request: the page decided it


@pytest.mark.parametrize("heading", ["Материал не найден", "Sahifa topilmadi", "Էջը չի գտնվել"])
def test_the_first_heading_counts_like_the_title(server, heading):
    server.routes["/p/2"] = Reply(200, html("Новости Армении", "…", heading=heading))
    assert checker().check(server.url("/p/2")).outcome is Outcome.BROKEN


HEADLINES = [
    "Пропавший самолёт не найден", "Документ о поставках оружия не найден", "Тело альпиниста не найдено",
    "Why 404 errors hurt the web", "Error 404: the internet's missing pages", "Evidence not found, says court",
    "404 мигранта задержаны на границе", "Auf der anderen Seite wurde der Täter nicht gefunden",
    "Новая страница в истории ОДКБ", "Сторінка історії: Україна і ОДКБ", "Ядерное оружие в Ираке так и не найдено",
]


@pytest.mark.parametrize("title", HEADLINES)
def test_a_headline_that_mentions_404_or_not_found_stays_ok(server, title):
    server.routes["/p/3"] = Reply(200, html(title, "Поиски продолжаются"))
    assert checker().check(server.url("/p/3")).ok


def test_a_redirect_to_an_error_query_is_broken(server):
    server.routes["/p/4"] = Reply(302, headers={"Location": "/index.php?error=404"})
    server.routes["/index.php?error=404"] = Reply(200, page("Главная"))
    assert checker().check(server.url("/p/4")).outcome is Outcome.BROKEN
