"""Benchmark: the link checker over a set of hard cases on one loopback host, one of them a 25-second hang.

Prints each case's expected and found outcome, how many are right, and the wall time of the whole run
(the goal: within 45 s with the checker's own timeouts, retries and final pass).
Run: .venv/bin/python benchmarks/linkcheck_hard_cases.py [--host-interval 1]
"""
from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

PROJECT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(PROJECT))

from linkcheck.check import Checker, Settings  # noqa: E402
from linkcheck.ratelimit import Politeness  # noqa: E402
from tests.linkserver import Reply, Server, html  # noqa: E402  (the tests' own loopback server)

ARTICLE = html("Армения заморозила участие в ОДКБ", "Ереван, 22 февраля. " * 40)
CHALLENGE = "<html><head><title>Just a moment...</title></head><body><script>window._cf_chl_opt={}</script></body></html>"


def browser_only(refusal: Reply):
    return lambda request: Reply(200, ARTICLE) if "Mozilla" in request.headers.get("User-Agent", "") else refusal


def cookie_check(request):
    if "seen=1" in request.headers.get("Cookie", ""):
        return Reply(200, ARTICLE)
    return Reply(302, headers={"Location": "/cookie/1", "Set-Cookie": "seen=1; Path=/"})


def cases(server: Server) -> dict[str, tuple[str, str]]:
    """Request target → (expected outcome, what the case is); the routes are set on `server`."""
    routes = server.routes
    found: dict[str, tuple[str, str]] = {}

    def add(target: str, expected: str, what: str, reply) -> None:
        routes[target] = reply
        found[target] = (expected, what)

    add("/hang/1", "transient", "answers after 25 s", Reply(200, ARTICLE, delay=25.0))
    add("/moved/ok", "ok", "redirect to /ok", Reply(301, headers={"Location": "/ok"}))
    routes["/ok"] = Reply(200, ARTICLE)
    add("/moved/tv", "ok", "redirect to /tv", Reply(302, headers={"Location": "/tv"}))
    routes["/tv"] = Reply(200, ARTICLE)
    add("/moved/ru", "broken", "redirect to the Russian root", Reply(301, headers={"Location": "/ru/"}))
    routes["/ru/"] = Reply(200, "<html lang='ru'><title>Главная</title><h1>Новости</h1></html>")
    add("/busy/1", "transient", "503 with Retry-After: 120", Reply(503, "busy", {"Retry-After": "120"}))
    add("/down/1", "transient", "500 every time", Reply(500, "error"))
    add("/wall/1", "blocked", "Cloudflare challenge as 503", Reply(503, CHALLENGE, {"cf-mitigated": "challenge"}))
    add("/wall/2", "blocked", "DDoS-Guard challenge as 200",
        Reply(200, "<html><title>DDoS-Guard</title><script src='/.well-known/ddos-guard/js'></script></html>"))
    add("/private/1", "blocked", "redirect to /login?next=", Reply(302, headers={"Location": "/login?next=/private/1"}))
    routes["/login?next=/private/1"] = Reply(200, html("Вход"))
    add("/robots/404", "ok", "404 to robots, 200 to browsers", browser_only(Reply(404)))
    add("/robots/drop", "ok", "hangs up on robots", browser_only(Reply(drop="reset")))
    add("/cookie/1", "ok", "302 to itself with Set-Cookie", cookie_check)
    for step in range(15):
        routes[f"/chain/{step}"] = Reply(302, headers={"Location": f"/chain/{step + 1}"})
    routes["/chain/15"] = Reply(200, ARTICLE)
    found["/chain/0"] = ("ok", "15 redirects")
    for number, title in enumerate(["Старонка не знойдзена", "Саҳифа ёфт нашуд", "Sahifa topilmadi",
                                    "Саҳифа топилмади", "Такой страницы нет", "Материал не найден",
                                    "Բեռնել · Էջը չի գտնվել", "Səhifə tapılmadı", "Page introuvable"]):
        add(f"/soft/{number}", "broken", f"soft-404 {title!r}", Reply(200, html(title, "…")))
    add("/headline/1", "ok", "headline mentions 404", Reply(200, html("Why 404 errors hurt the web", "…")))
    add("/gone/1", "broken", "404", Reply(404, html("Not Found")))
    add("/article/1", "ok", "an article", Reply(200, ARTICLE))
    return found


def main() -> int:
    options = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    options.add_argument("--host-concurrency", type=int, default=2)
    options.add_argument("--host-interval", type=float, default=0.05, help="seconds between request starts")
    args = options.parse_args()
    server = Server()
    try:
        expected = cases(server)
        settings = Settings(politeness=Politeness(args.host_concurrency, args.host_interval, 64))
        started = time.monotonic()
        results = Checker(settings).check_all([server.url(target) for target in expected])
        elapsed = time.monotonic() - started
    finally:
        server.close()
    right = 0
    for (target, (want, what)), result in zip(expected.items(), results):
        good = result.outcome.value == want
        right += good
        print(f"{'  ' if good else '✗ '}{what:38} expected {want:9} got {result.outcome.value:9} {result.reason[:70]}")
    print(f"\n{right}/{len(expected)} right; {len(server.log)} requests; {elapsed:.1f} s wall "
          f"({args.host_concurrency} in flight per host, {args.host_interval:g} s apart; goal: within 45 s)")
    return 0 if right == len(expected) and elapsed <= 45 else 1


if __name__ == "__main__":
    raise SystemExit(main())
