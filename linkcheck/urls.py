"""URLs as strings kept exactly as cited: validation, the request target, the home page, a sibling.

Nothing here decodes or re-encodes an existing %XX escape: a Cyrillic slug is sent byte for byte.
"""
from __future__ import annotations

import random
import re
import string
from urllib.parse import urljoin, urlsplit

from linkcheck.sites import LANGUAGE_ROOT_ALIASES

SCHEMES = ("http", "https")

# Characters that may not stand raw in a request line; everything else (including '%') is left alone.
_UNSAFE = re.compile(r"[^\x21-\x7e]")
# A site's root: "/", "/index.php"; a language root is one language tag before it: "/ru/", "/en-us",
# "/uz-latn/", "/kz/index.php" — the whole path, so /ru/news/ is a page and /ok, /tv, /go are not roots.
_SITE_ROOT = re.compile(r"^/?(?:index\.(?:html?|php|aspx?))?$", re.IGNORECASE)
_LANGUAGE_ROOT = re.compile(r"^/(?P<tag>[a-z]{2,3}(?:[-_][a-z]{4})?(?:[-_](?:[a-z]{2}|\d{3}))?)/?"
                            r"(?:index\.(?:html?|php|aspx?))?$", re.IGNORECASE)
_LANGUAGE_QUERY = re.compile(r"^(?:lang|language|locale|hl|lng)=[a-z]{2,3}(?:[-_][a-z]{2,4})?$", re.IGNORECASE)
_LEADING_TAG = re.compile(r"^/(?P<tag>[a-z]{2,3}(?:[-_][a-z]{4})?(?:[-_](?:[a-z]{2}|\d{3}))?)(?:/|$)", re.IGNORECASE)
# ISO 639-1, the two-letter language codes.
ISO_639_1 = frozenset("""
    aa ab ae af ak am an ar as av ay az ba be bg bh bi bm bn bo br bs ca ce ch co cr cs cu cv cy da de dv dz ee
    el en eo es et eu fa ff fi fj fo fr fy ga gd gl gn gu gv ha he hi ho hr ht hu hy hz ia id ie ig ii ik io is it
    iu ja jv ka kg ki kj kk kl km kn ko kr ks ku kv kw ky la lb lg li ln lo lt lu lv mg mh mi mk ml mn mr ms mt my
    na nb nd ne ng nl nn no nr nv ny oc oj om or os pa pi pl ps pt qu rm rn ro ru rw sa sc sd se sg sh si sk sl sm
    sn so sq sr ss st su sv sw ta te tg th ti tk tl tn to tr ts tt tw ty ug uk ur uz ve vi vo wa wo xh yi yo za zh
    zu""".split())


class InvalidUrl(ValueError):
    """A cited URL that cannot be requested; the message says why."""


def to_uri(url: str) -> str:
    """The URL with non-ASCII and blanks percent-encoded (UTF-8) and the host in IDNA; escapes kept."""
    parts = urlsplit(url.strip())
    host = parts.hostname or ""
    if host and not host.isascii():
        netloc = parts.netloc.replace(host, host.encode("idna").decode("ascii"))
        url = url.strip().replace(parts.netloc, netloc, 1)
    return _UNSAFE.sub(lambda match: "".join(f"%{byte:02X}" for byte in match.group().encode("utf-8")), url.strip())


def validate(url: str) -> str:
    """The requestable form of a cited URL, or InvalidUrl saying what is wrong with it."""
    try:
        parts = urlsplit(url)
        port = parts.port
    except ValueError as error:
        raise InvalidUrl(f"malformed URL: {error}") from None
    if parts.scheme.lower() not in SCHEMES:
        raise InvalidUrl(f"unsupported scheme {parts.scheme or '(none)'!r}; only http and https are checked")
    if not parts.hostname:
        raise InvalidUrl("malformed URL: no host name")
    if port == 0:
        raise InvalidUrl("malformed URL: port 0")
    try:
        return to_uri(url)
    except UnicodeError as error:
        raise InvalidUrl(f"malformed host name: {error}") from None


def without_fragment(url: str) -> str:
    return url.split("#", 1)[0]


def fragment(url: str) -> str:
    return url.split("#", 1)[1] if "#" in url else ""


def request_target(url: str) -> str:
    """The path and query exactly as written ("/" when empty): what goes on the request line."""
    rest = without_fragment(url).split("://", 1)[1]
    slash, question = rest.find("/"), rest.find("?")
    starts = [index for index in (slash, question) if index >= 0]
    if not starts:
        return "/"
    target = rest[min(starts):]
    return target if target.startswith("/") else "/" + target


def origin(url: str) -> str:
    parts = urlsplit(url)
    return f"{parts.scheme.lower()}://{parts.netloc.lower()}"


def host(url: str) -> str:
    return (urlsplit(url).hostname or "").lower()


def is_site_root(url: str) -> bool:
    """True for the site's root page itself: "/", "/index.php", with no query or only a language ("?lang=ru")."""
    parts = urlsplit(url)
    return (not parts.query or bool(_LANGUAGE_QUERY.match(parts.query))) and bool(_SITE_ROOT.match(parts.path))


def language_root(url: str) -> frozenset[str]:
    """The languages a root such as /ru/, /en-us/ or /kz/ may stand for; empty for any other address.

    /kz/ gives {"kk"}, /am/ gives {"am", "hy"} (Amharic by ISO 639, Armenian on the region's sites).
    Whether the site really uses it as a root is for the caller to tell (see softnotfound).
    """
    parts = urlsplit(url)
    found = None if parts.query else _LANGUAGE_ROOT.match(parts.path)
    return _languages(found.group("tag")) if found else frozenset()


def leading_language(url: str) -> frozenset[str]:
    """The languages the first path segment names, as in /ru/news/1 (empty when it names none)."""
    found = _LEADING_TAG.match(urlsplit(url).path)
    return _languages(found.group("tag")) if found else frozenset()


def _languages(tag: str) -> frozenset[str]:
    code = re.split(r"[-_]", tag.lower(), maxsplit=1)[0]
    names = {code} if code in ISO_639_1 else set()
    if code in LANGUAGE_ROOT_ALIASES:
        names.add(LANGUAGE_ROOT_ALIASES[code])
    return frozenset(names)


def is_home_page(url: str) -> bool:
    """True for a site's root or anything shaped like a language root: never judged a soft-404 itself."""
    return is_site_root(url) or bool(language_root(url))


def resolve_location(base: str, location: str) -> str:
    """The absolute URL a Location header points to (raw UTF-8 bytes read as Latin-1 are mended)."""
    try:
        location = location.encode("latin-1").decode("utf-8")
    except UnicodeError:
        pass
    return to_uri(urljoin(base, location.strip()))


def sibling(url: str, rng: random.Random | None = None) -> str:
    """A made-up neighbour of the URL: the same shape with its last identifying part randomised.

    A site that answers it like the cited page serves a template, not the cited page.
    """
    rng = rng or random.Random()
    target = request_target(url)
    path, _, query = target.partition("?")
    if query:
        pairs = query.split("&")
        index = max(range(len(pairs)), key=lambda i: (pairs[i].partition("=")[2].isdigit(), i))
        name, _, value = pairs[index].partition("=")
        pairs[index] = f"{name}={_random_like(value, rng)}"
        return origin(url) + path + "?" + "&".join(pairs)
    trailing = path.endswith("/") and path != "/"
    segments = path.rstrip("/").split("/")
    segments[-1] = _random_like(segments[-1], rng)
    return origin(url) + "/".join(segments) + ("/" if trailing else "")


def _random_like(value: str, rng: random.Random) -> str:
    """Random text of the value's kind: digits for a number, letters and digits otherwise."""
    length = max(len(value), 12)
    alphabet = string.digits if value.isdigit() else string.ascii_lowercase + string.digits
    made_up = "".join(rng.choice(alphabet) for _ in range(length))
    return ("9" + made_up[1:]) if value.isdigit() else "lc" + made_up
