"""What websites do that the checker must know about, in one place, each with the reason it is needed.

- `QUIRKS`: particular sites (keys are host names without a leading "www."; ask `quirks_for(host)`).
- `BOT_WALLS`: the CDNs and firewalls in front of the region's news and government sites, and how
  their challenge or refusal pages look (`bot_wall`).
- `INTERSTITIAL`: addresses a deep link is sent to when a site wants a login, a consent or a captcha
  first (`interstitial`).
- `LANGUAGE_ROOT_ALIASES`: country codes the region's sites use as language roots (`/ua/`, `/kz/`).
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from urllib.parse import parse_qsl, unquote, urlsplit


@dataclass(frozen=True)
class Quirks:
    browser_agent: bool = False  # refuses unknown user agents: ask with the browser-like one at once
    script_fragments: tuple[str, ...] = ()  # #fragments a script adds after loading: not in the HTML
    why: str = ""


NONE = Quirks()

QUIRKS: dict[str, Quirks] = {
    "odkb-csto.org": Quirks(script_fragments=("loaded",),
                            why="its Bitrix pages append #loaded in JavaScript after an AJAX load"),
}

# Fragments every browser honours without an element of that id: the top of the page, text fragments.
UNIVERSAL_FRAGMENTS = ("", "top")


def quirks_for(host: str, table: dict[str, Quirks] | None = None) -> Quirks:
    table = QUIRKS if table is None else table
    host = host.lower()
    return table.get(host.removeprefix("www."), NONE)


# ---- Bot walls ------------------------------------------------------------------------------

@dataclass(frozen=True)
class BotWall:
    """A challenge or refusal page of one vendor. Any header signal or body marker identifies it.

    Markers are what only the vendor's challenge or block page contains, never what every page served
    through the vendor carries (`server: cloudflare`, `server: ddos-guard`, Imperva's `x-iinfo`,
    Akamai's `akamai-grn`, Cloudflare's /cdn-cgi/challenge-platform/scripts/ come with ordinary pages,
    and with an origin's own 503, too). Markers are plain lower-case text: a substring test is fast.
    """

    name: str
    headers: tuple[tuple[str, str], ...] = ()  # (lower-case header name, regular expression for its value)
    markers: tuple[str, ...] = ()  # lower-case text looked for in the first WALL_SCAN bytes of the body


BOT_WALLS: tuple[BotWall, ...] = (
    BotWall("Cloudflare", headers=(("cf-mitigated", r"challenge"),),
            markers=("window._cf_chl_opt", "/cdn-cgi/challenge-platform/h/", "<title>just a moment...</title>",
                     "attention required! | cloudflare", "cf-browser-verification",
                     "checking if the site connection is secure", "checking your browser before accessing")),
    BotWall("DDoS-Guard", markers=("<title>ddos-guard</title>", "/.well-known/ddos-guard/", "check.ddos-guard.net")),
    BotWall("Qrator", markers=("/__qrator/", "<title>qrator")),
    BotWall("StormWall", markers=("stormwall.pro/", "swp_token", "<title>stormwall")),
    BotWall("Variti", markers=("variti.io", "variti.net", "variti.ru", "<title>variti")),
    BotWall("Servicepipe", markers=("servicepipe.ru", "<title>servicepipe")),
    BotWall("Akamai", markers=("errors.edgesuite.net", "errors&#46;edgesuite&#46;net", "/_sec/cp_challenge/",
                               "bm-verify")),
    BotWall("Imperva", markers=("_incapsula_resource", "incapsula incident id")),
    BotWall("Sucuri", headers=(("x-sucuri-block", r"."),),
            markers=("sucuri website firewall", "cloudproxy@sucuri.net")),
    BotWall("AWS WAF", headers=(("x-amzn-waf-action", r"challenge|captcha|block"),),
            markers=("awswafintegration", "gokuprops")),
    BotWall("DataDome", markers=("captcha-delivery.com",)),
    BotWall("PerimeterX", markers=("px-captcha", "_pxcaptcha")),
    BotWall("Yandex SmartCaptcha", markers=("smartcaptcha.yandexcloud.net", "/showcaptcha?")),
)
WALL_SCAN = 64 * 1024  # challenge pages are small: the markers are in the first 64 KiB


def bot_wall(headers: dict[str, str], body: bytes, url: str = "") -> str | None:
    """The vendor whose challenge or block page this answer is, or None. Headers' names in lower case.

    `url` is where the answer came from: a redirect to /.well-known/ddos-guard/… or /showcaptcha?… says it too.
    """
    text = url.lower() + "\n" + body[:WALL_SCAN].decode("utf-8", "replace").lower()
    for wall in BOT_WALLS:
        if any(re.search(pattern, headers.get(name, ""), re.IGNORECASE) for name, pattern in wall.headers):
            return wall.name
        if any(marker in text for marker in wall.markers):
            return wall.name
    return None


# ---- Login, consent and captcha pages -------------------------------------------------------

# Path segments of a login, consent or captcha step (the whole segment, so /author/ is not /auth/).
_INTERSTITIAL_PATH = re.compile(
    r"(?:^|/)(?:"
    r"(?P<login>log-?in|log-?on|sign-?in|sign_in|signin\.\w+|login\.\w+|auth|authori[sz]e|authentication|"
    r"servicelogin|sso|oauth2?|session/new|users?/sign_in|wp-login\.php|vhod|avtorizaci(?:ya|ja)|personal/auth)"
    r"|(?P<consent>consent|cookie-?consent|gdpr|privacy-?gate)"
    r"|(?P<captcha>showcaptcha|captcha|challenge|bot-?check|verify-?human)"
    r"|(?P<paywall>paywall|subscribe|subscription-required)"
    r")(?=/|$|\?)", re.IGNORECASE)
# Query parameters that say where to come back to after the step: `next`, `returnUrl`, Yandex's `retpath`…
RETURN_PARAMETERS = frozenset({"next", "returnurl", "return_url", "returnto", "return_to", "redirect",
                               "redirect_uri", "redirect_url", "redirect_to", "backurl", "back_url", "retpath",
                               "continue", "came_from", "destination", "service", "referer"})
# Bitrix, the region's most common CMS, shows its login form on any page with ?login=yes or ?auth=yes.
_BITRIX_LOGIN = re.compile(r"(?:^|&)(?:login|auth|forgot_password)=yes(?:&|$)", re.IGNORECASE)


def interstitial(cited: str, final: str) -> str | None:
    """What a deep link was sent to instead of the page: "login", "consent", "captcha", "paywall" or None.

    Only for an address reached by a redirect; the cited page itself is never one.
    """
    parts = urlsplit(final)
    path = unquote(parts.path)
    found = _INTERSTITIAL_PATH.search(path)
    if found:
        return found.lastgroup
    if _BITRIX_LOGIN.search(parts.query):
        return "login"
    cited_parts = urlsplit(cited)
    cited_path = unquote(cited_parts.path).rstrip("/")
    for name, value in parse_qsl(parts.query, keep_blank_values=True):
        # A redirect elsewhere that names the cited page as the way back: a step in front of the page.
        if name.lower() in RETURN_PARAMETERS and cited_path and cited_path in unquote(value) \
                and path.rstrip("/") != cited_path:
            return "login"
    return None


# ---- Language roots -------------------------------------------------------------------------

# The region's sites often name a language root after the country: /ua/ (Ukrainian, ISO 639 "uk"),
# /kz/ (Kazakh, "kk"), /am/ (Armenian, "hy"; "am" is Amharic in ISO 639), /ge/ (Georgian, "ka"),
# /by/, /tj/, /kg/; uza.uz and gov.uz use /oz/ for Uzbek in Cyrillic; some use three-letter codes.
LANGUAGE_ROOT_ALIASES: dict[str, str] = {
    "ua": "uk", "kz": "kk", "qz": "kk", "am": "hy", "arm": "hy", "hye": "hy", "ge": "ka", "geo": "ka", "kat": "ka",
    "by": "be", "bel": "be", "tj": "tg", "tgk": "tg", "taj": "tg", "kg": "ky", "kir": "ky", "kgz": "ky",
    "oz": "uz", "uzb": "uz", "aze": "az", "kaz": "kk", "rus": "ru", "ukr": "uk", "eng": "en", "deu": "de",
    "ger": "de", "fra": "fr", "fre": "fr", "cn": "zh", "jp": "ja", "gr": "el", "cz": "cs", "dk": "da", "se": "sv",
    "ee": "et", "rs": "sr",
}
