"""What websites do that the checker must know about, in one place, each with the reason it is needed.

- `QUIRKS`: particular sites (keys are host names without a leading "www."; ask `quirks_for(host)`).
- `BOT_WALLS`: the CDNs and firewalls in front of the region's news and government sites, and how
  their challenge or refusal pages look (`bot_wall`).
- `INTERSTITIAL`: addresses a deep link is sent to when a site wants a login, a consent or a captcha
  first (`interstitial`).
- `LANGUAGE_ROOT_ALIASES`: country codes the region's sites use as language roots (`/ua/`, `/kz/`).
"""
from __future__ import annotations

import html
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
    """A challenge or refusal page of one vendor. Any header or body marker identifies it.

    Markers are what only the vendor's challenge or block page contains, never what every page served
    through the vendor carries (`server: cloudflare`, `server: ddos-guard`, Imperva's `x-iinfo`,
    Akamai's `akamai-grn` come with ordinary pages and with an origin's own 503 too).
    """

    name: str
    headers: tuple[tuple[str, str], ...] = ()  # (lower-case header name, regular expression for its value)
    markers: tuple[str, ...] = ()  # regular expressions searched in the first part of the body


BOT_WALLS: tuple[BotWall, ...] = (
    BotWall("Cloudflare", headers=(("cf-mitigated", r"challenge"),),
            markers=(r"window\._cf_chl_opt", r"/cdn-cgi/challenge-platform/h/", r"<title>\s*just a moment\.\.\.",
                     r"attention required! \| cloudflare", r"cf-browser-verification",
                     r"checking (?:if the site connection is secure|your browser before accessing)")),
    BotWall("DDoS-Guard", markers=(r"<title>\s*ddos-guard\s*</title>", r"/\.well-known/ddos-guard/",
                                   r"check\.ddos-guard\.net", r"ddos-guard\.net/[^\"']*block")),
    BotWall("Qrator", markers=(r"/__qrator/", r"qauth\.js", r"<title>[^<]*qrator")),
    BotWall("StormWall", markers=(r"stormwall\.pro/", r"swp_token", r"<title>[^<]*stormwall")),
    BotWall("Variti", markers=(r"variti\.(?:io|net|ru)", r"<title>[^<]*variti")),
    BotWall("Servicepipe", markers=(r"servicepipe\.ru", r"<title>[^<]*servicepipe")),
    BotWall("Akamai", markers=(r"errors\.edgesuite\.net", r"/_sec/cp_challenge/", r"bm-verify",
                     r"<title>\s*access denied\s*</title>[\s\S]{0,2000}reference\s*#")),
    BotWall("Imperva", markers=(r"_incapsula_resource", r"incapsula incident id", r"imperva\.com/[^\"']*incident")),
    BotWall("Sucuri", headers=(("x-sucuri-block", r"."),),
            markers=(r"sucuri website firewall", r"cloudproxy@sucuri\.net", r"sucuri\.net/privacy-policy")),
    BotWall("AWS WAF", headers=(("x-amzn-waf-action", r"challenge|captcha|block"),),
            markers=(r"awswafintegration", r"\bgokuprops\b")),
    BotWall("DataDome", markers=(r"captcha-delivery\.com",)),
    BotWall("PerimeterX", markers=(r"px-captcha", r"_pxcaptcha", r"perimeterx\.net")),
    BotWall("Yandex SmartCaptcha", markers=(r"smartcaptcha\.yandexcloud\.net", r"/showcaptcha\?")),
)
_WALL_PATTERNS = tuple((wall, tuple(re.compile(marker, re.IGNORECASE) for marker in wall.markers))
                       for wall in BOT_WALLS)
WALL_SCAN = 64 * 1024  # challenge pages are small: the markers are in the first 64 KiB


def bot_wall(headers: dict[str, str], body: bytes) -> str | None:
    """The vendor whose challenge or block page this answer is, or None. Headers' names in lower case."""
    text = html.unescape(body[:WALL_SCAN].decode("utf-8", "replace"))  # Akamai writes "errors&#46;edgesuite"
    for wall, markers in _WALL_PATTERNS:
        if any(re.search(pattern, headers.get(name, ""), re.IGNORECASE) for name, pattern in wall.headers):
            return wall.name
        if any(marker.search(text) for marker in markers):
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
