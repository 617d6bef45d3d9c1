"""Soft-404s: pages that answer 200 but say the cited page is not there, or send the reader home.

Decisive alone (see `assess`): the final address is the site's home page or an error address, or the
title or first heading says the *page* is missing, in any language the sources use. A headline that
says something else is not found ("Пропавший самолёт не найден", "Why 404 errors hurt") is no signal;
a looser hint counts only together with the random-sibling probe.
"""
from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from urllib.parse import urljoin, urlsplit

from linkcheck import urls
from linkcheck.pages import Page


def _any(*patterns: str) -> str:
    return "(?:" + "|".join(patterns) + ")"


# Words that may stand between "page" and "not found": "the page (that) you are looking for does not exist".
_EN_GAP = r"(?:(?:you|are|were|is|was|that|which|looking|for|requested|tried|trying|to|reach|access|visit|want|wanted|have|has|been|seem|seems|just|sorry)\s+){0,5}"
_DE_GAP = r"(?:(?:die|sie|suchen|gesucht\w*|angefordert\w*|gewünscht\w*|aufgerufen\w*|haben|wurde|wird|ist|konnte|leider|von|ihnen|mehr)\s+){0,5}"
_FR_GAP = r"(?:(?:que|vous|recherchez|cherchez|demandée?|avez|consultée?|souhaitez|voulez|consulter|visiter|est|a|été)\s+){0,5}"
_RU_GAP = r"(?:(?:вы|которую|которой|ищете|искали|запросили|запрашиваете|открыть|пытаетесь|хотели|к|сожалению|была|был|уже|или|возможно|по|этому|адресу)\s+){0,5}"
_UK_GAP = r"(?:(?:яку|якої|ви|шукаєте|шукали|запитували|на|жаль|була|вже|можливо|за|цією|адресою)\s+){0,5}"
_BE_GAP = r"(?:(?:якую|вы|шукаеце|шукалі|на|жаль|была|ужо)\s+){0,4}"

# Tier 1: phrases only ever said about the page itself; searched anywhere in the title or first heading.
PAGE_PHRASES = re.compile(_any(
    # English
    r"\bpage\s+" + _EN_GAP + r"(?:(?:is\s+|was\s+)?not\s+(?:be\s+)?found|can\s*(?:'|no)?t\s+be\s+found"
    r"|could\s*(?:n't|\s+not)\s+be\s+found|does\s*(?:n't|\s+not)\s+exist|no\s+longer\s+exists|is\s+missing)",
    r"(?:can\s*(?:'|no)?t|could\s*(?:n't|\s+not)|unable\s+to)\s+find\s+(?:that|this|the|your)\s+(?:\w+\s+)?page",
    r"\b404\b\s*[-–—:|.]?\s*(?:error\b|page\s+not|file\s+not|not\s+found)",
    # German
    r"\bseite\s+" + _DE_GAP + r"(?:nicht\s+gefunden|existiert\s+(?:leider\s+)?nicht|nicht\s+(?:mehr\s+)?vorhanden"
    r"|konnte\s+nicht\s+gefunden)",
    r"(?:diese|die|eine\s+solche)\s+seite\s+gibt\s+es\s+(?:leider\s+)?nicht",
    # French
    r"\bpage\s+" + _FR_GAP + r"(?:introuvable|non\s+trouvée|inexistante|n'existe\s+(?:pas|plus)"
    r"|n'a\s+pas\s+été\s+trouvée)",
    r"impossible\s+de\s+trouver\s+(?:la|cette)\s+page",
    # Russian
    r"страниц[аыу]\s+" + _RU_GAP + r"(?:не\s+(?:найден[аоы]?|существует|обнаружен[аоы]?)|удал[её]н[аы]"
    r"|перемещ[её]н[аы]|отсутствует)",
    r"(?:такой|этой|данной|запрашиваемой)\s+страницы\s+(?:нет|не\s+существует)",
    r"нет\s+такой\s+страницы",
    r"не\s+(?:удается|удаётся|удалось|можем)\s+найти\s+(?:эту\s+|данную\s+|запрашиваемую\s+|нужную\s+)?страницу",
    r"запрашиваем\w*\s+(?:вами\s+)?(?:страниц|материал|документ|ресурс)\w*\s+не\s+(?:найден|существует|обнаружен)",
    # Ukrainian
    r"сторінк[аиуі]\s+" + _UK_GAP + r"(?:не\s+(?:знайден[аоі]?|існує)|немає|видален[аоі]|відсутня)",
    r"сторінку\s+не\s+знайдено",
    r"(?:такої|цієї)\s+сторінки\s+(?:не\s+існує|немає|не\s+знайдено)",
    r"не\s+(?:вдалося|вдається)\s+знайти\s+(?:цю\s+|потрібну\s+)?сторінку",
    # Belarusian
    r"старонк[аіу]\s+" + _BE_GAP + r"(?:не\s+(?:знойдзен[аы]?|існуе)|няма|выдален[аы])",
    r"(?:такой|гэтай)\s+старонкі\s+(?:не\s+існуе|няма)",
    # Kazakh
    r"(?:бет|парақ|парақша)\w*\s+(?:табылмады|табылған\s+жоқ)",
    r"мұндай\s+(?:бет|парақ)\w*\s+(?:жоқ|табылмады)",
    # Kyrgyz
    r"(?:барак|баракча)\w*\s+(?:табылган\s+жок|табылбады)",
    r"мындай\s+(?:барак|бет)\w*\s+жок",
    # Uzbek, Latin and Cyrillic
    r"sahifa\w*\s+(?:topilmadi|mavjud\s+emas|yo'q)",
    r"bunday\s+sahifa\s+(?:mavjud\s+emas|yo'q)",
    r"саҳифа\w*\s+(?:топилмади|мавжуд\s+эмас|йўқ)",
    r"бундай\s+саҳифа\s+(?:мавжуд\s+эмас|йўқ)",
    # Tajik
    r"саҳифа\w*\s+(?:ёфт\s+нашуд|пайдо\s+нашуд|вуҷуд\s+надорад|мавҷуд\s+нест)",
    r"чунин\s+саҳифа\s+(?:вуҷуд\s+надорад|нест)",
    # Armenian
    r"էջ\w*\s+(?:չի\s+գտնվել|չգտնվեց|գտնված\s+չէ|գոյություն\s+չունի|չկա)",
    r"նման\s+էջ\s+(?:գոյություն\s+չունի|չկա)",
    # Azerbaijani
    r"s[əe]hif[əe]\w*\s+(?:tap[ıi]lmad[ıi]|m[öo]vcud\s+deyil)",
    r"bel[əe]\s+s[əe]hif[əe]\s+(?:m[öo]vcud\s+deyil|yoxdur)",
    # Georgian
    r"გვერდ\w*\s+(?:ვერ\s+მოიძებნა|არ\s+მოიძებნა|არ\s+არსებობს)",
    r"ასეთი\s+გვერდი\s+არ\s+არსებობს",
))

# Tier 2: said of a generic subject ("Материал не найден", "Not Found", "404"), so only decisive when it is a
# whole part of the title or heading (the parts a site joins with " | ", " — "), not inside a headline.
_ERROR_WORD = r"(?:error|fehler|erreur|ошибка|помилка|памылка|қате|ката|xato(?:lik)?|хато(?:лик|и)?|սխալ|x[əe]ta|შეცდომა)"
_NOT_FOUND_404 = _any(
    _ERROR_WORD + r"?\s*[-–—:]?\s*404(?:\s*[-–—:]?\s*(?:" + _ERROR_WORD + r"|қатесі|катасы|xatosi|хатоси|x[əe]tas[ıi]"
    r"|not\s+found|page\s+not\s+found))?",
    r"404\s*[-–—:]?\s*(?:" + _ERROR_WORD + r"|қатесі|катасы|xatosi|x[əe]tas[ıi])",
)
MISSING_SUBJECT = re.compile(_any(
    _NOT_FOUND_404,
    # English, German, French
    r"(?:(?:the|this)\s+)?(?:article|story|post|content|document|file|item|entry|resource|news|record|page)\s+"
    r"(?:was\s+|is\s+|has\s+been\s+)?(?:not\s+found|removed|deleted|unavailable|does\s*(?:n't|\s+not)\s+exist)",
    r"(?:nothing|no\s+results?)\s+(?:was\s+)?found", r"not\s+found", r"file\s+or\s+directory\s+not\s+found",
    r"(?:der\s+|die\s+|das\s+)?(?:artikel|beitrag|inhalt|dokument|datei|meldung|nachricht|eintrag|seite)\s+"
    r"(?:wurde\s+)?(?:nicht\s+gefunden|existiert\s+nicht|nicht\s+(?:mehr\s+)?verfügbar|nicht\s+vorhanden|gelöscht)",
    r"nichts\s+gefunden", r"nicht\s+gefunden",
    r"(?:l'|le\s+|la\s+|cet\s+|cette\s+)?(?:article|contenu|document|fichier|actualité|élément|page)\s+"
    r"(?:est\s+)?(?:introuvable|non\s+trouvée?|inexistante?|supprimée?|n'existe\s+(?:pas|plus))",
    r"introuvable", r"aucun\s+(?:article|résultat|contenu)\s+trouvé",
    # Russian, Ukrainian, Belarusian
    r"(?:запрашиваем\w*\s+|искомы\w*\s+|так\w*\s+|данн\w*\s+)?(?:материал|стать|новост|документ|запис|публикаци|элемент"
    r"|раздел|файл|ресурс|объект|информаци|сообщени|контент|содержимое|страниц)\w*\s+(?:не\s+(?:найден\w*"
    r"|существует|обнаружен\w*)|удал[её]н\w*|отсутству\w*)(?:\s+или\s+(?:был\w*\s+)?(?:удал[её]н\w*|перемещ[её]н\w*"
    r"|не\s+существует))?",
    r"ничего\s+не\s+найдено", r"не\s+найдено?", r"такой\s+(?:статьи|новости|записи|страницы)\s+нет",
    r"(?:матеріал|статт|новин|документ|запис|публікаці|елемент|розділ|файл|ресурс|сторінк)\w*\s+"
    r"(?:не\s+(?:знайден\w*|існує)|видален\w*)",
    r"нічого\s+не\s+знайдено", r"не\s+знайдено",
    r"(?:матэрыял|артыкул|навін|дакумент|старонк|запіс)\w*\s+не\s+(?:знойдзен\w*|існуе)",
    r"нічога\s+не\s+знойдзена", r"не\s+знойдзена",
    # Kazakh, Kyrgyz, Uzbek, Tajik
    r"(?:материал|мақала|жаңалық|құжат|бет|парақ|ақпарат)\w*\s+(?:табылмады|табылған\s+жоқ|жоқ)",
    r"ештеңе\s+табылмады", r"табылмады",
    r"(?:материал|макала|жаңылык|документ|барак|бет|маалымат)\w*\s+(?:табылган\s+жок|табылбады|жок)",
    r"эч\s+нерсе\s+табылган\s+жок", r"табылган\s+жок",
    r"(?:material|maqola|yangilik|hujjat|sahifa|ma'lumot)\w*\s+(?:topilmadi|mavjud\s+emas|yo'q)",
    r"hech\s+narsa\s+topilmadi", r"topilmadi",
    r"(?:материал|мақола|янгилик|ҳужжат|саҳифа|маълумот)\w*\s+(?:топилмади|мавжуд\s+эмас|йўқ)",
    r"ҳеч\s+нарса\s+топилмади", r"топилмади",
    r"(?:мавод|мақола|хабар|ҳуҷҷат|саҳифа|маълумот)\w*\s+(?:ёфт\s+нашуд|пайдо\s+нашуд|вуҷуд\s+надорад|нест)",
    r"ҳеч\s+чиз\s+ёфт\s+нашуд", r"ёфт\s+нашуд",
    # Armenian, Azerbaijani, Georgian
    r"(?:նյութ|հոդված|լուր|փաստաթուղթ|էջ)\w*\s+(?:չի\s+գտնվել|չգտնվեց|գտնված\s+չէ|գոյություն\s+չունի|չկա)",
    r"ոչինչ\s+չի\s+գտնվել", r"չի\s+գտնվել",
    r"(?:material|m[əe]qal[əe]|x[əe]b[əe]r|s[əe]n[əe]d|s[əe]hif[əe])\w*\s+(?:tap[ıi]lmad[ıi]|m[öo]vcud\s+deyil)",
    r"he[çc]\s+n[əe]\s+tap[ıi]lmad[ıi]", r"tap[ıi]lmad[ıi]",
    r"(?:მასალა|სტატია|სიახლე|დოკუმენტი|გვერდი|ჩანაწერი)\w*\s+(?:ვერ\s+მოიძებნა|არ\s+მოიძებნა|არ\s+არსებობს)",
    r"ვერაფერი\s+მოიძებნა", r"ვერ\s+მოიძებნა",
))
# How sites join a page's title to their name: "Страница не найдена | ТАСС", "404 — Not Found".
_PARTS = re.compile(r"\s+[|/—–·•»«-]+\s+|\s*[|•·»«]\s*|\s*::\s*")
# What may stand before or after the phrase in its part: "Упс! ", "Sorry, ", "Извините, но …", a full stop.
_LEAD = re.compile(r"^(?:(?:oops|whoops|sorry|oups|désolé|hoppla|leider|entschuldigung|упс|ой|увы|извините|"
                   r"к\s+сожалению|на\s+жаль|вибачте|прабачце|кечиресіз|кечиресиз|kechirasiz|üzr\s+ist[əe]yirik|"
                   r"ներողություն|ბოდიში)\b[\s,!.:;…]*)+")
_TRAIL = re.compile(r"[\s,!.…:;]+$")

# Looser phrases: a hint only, since a news headline may say "не найдено" about something else.
HINT_PHRASES = re.compile(_any(
    r"not\s+found", r"nicht\s+gefunden", r"introuvable", r"не\s+найден", r"не\s+знайден", r"не\s+знойдзен",
    r"табылмады", r"табылган\s+жок", r"topilmadi", r"топилмади", r"ёфт\s+нашуд", r"չի\s+գտնվել", r"tap[ıi]lmad[ıi]",
    r"მოიძებნა", r"\b404\b",
))

# Final addresses that name an error page (InternetArchiveBot's rule): /404, /404.html, notfound, ?error=404.
NOT_FOUND_ADDRESS = re.compile(r"/404(?:[/.?#_-]|$)|not[-_]?found|error[-_]?404|[?&](?:error|err|code|status)=404\b",
                               re.IGNORECASE)


@dataclass(frozen=True)
class Verdict:
    soft404: bool
    reason: str = ""
    warning: str = ""


def normalise(text: str) -> str:
    """Text as the phrases are written: case-folded, one kind of apostrophe, single spaces."""
    text = unicodedata.normalize("NFC", text.casefold().replace("\u0307", ""))  # "İ" folds to i + dot above
    text = re.sub(r"[\u2018\u2019\u02bb\u02bc`´]", "'", text)
    return " ".join(text.split())


def says_missing(text: str) -> bool:
    """Whether a title or heading says the page is not there (not that something else was not found)."""
    text = normalise(text)
    if not text:
        return False
    if PAGE_PHRASES.search(" ".join(text.replace(",", " ").split())):  # "Страница, которую вы ищете, не …"
        return True
    for part in _PARTS.split(text):
        part = _TRAIL.sub("", _LEAD.sub("", part.strip()))
        if part and MISSING_SUBJECT.fullmatch(part):
            return True
    return False


def sent_home(cited: str, final: str, page: Page | None) -> bool:
    """Whether `final` is the site's home page: its root, or a language root the site really uses.

    A path such as /ru/ or /en-us/ counts when the page there says it is in that language, links to
    the site's other language roots, or the cited address itself began with a language root. /ok, /tv,
    /go are no language at all; /it/ on an English page without a language switcher is a page.
    """
    if urls.is_site_root(final):
        return True
    languages = urls.language_root(final)
    if not languages:
        return False
    if urls.leading_language(cited):
        return True
    if page is None:
        return False
    if languages & page.languages:
        return True
    host = urls.host(final)
    return any(urls.host(link) == host and urls.language_root(link) and link != final
               for link in (urljoin(final, href) for href in page.root_links))


# What identifies a page in its address: a number of five digits or more, or four that are no year.
_IDENTIFIER = re.compile(r"(?<!\d)(?:\d{5,}|(?!19\d\d|20\d\d)\d{4})(?!\d)")


def sent_up(cited: str, final: str) -> bool:
    """Whether a deep link was sent up to a section that contains it (/politika/16408427 → /politika/)
    or to its script without the page's number (news.php?id=14928 → news.php), losing what identified it.

    A redirect that keeps the identifier (/article/40689/slug → /article/40689/) is the page itself.
    """
    cited_path, final_path = urlsplit(cited).path, urlsplit(final).path
    cited_parts = [part for part in cited_path.split("/") if part]
    final_parts = [part for part in final_path.split("/") if part]
    ancestor = len(final_parts) < len(cited_parts) and cited_parts[:len(final_parts)] == final_parts
    same_script = cited_parts == final_parts and bool(urlsplit(cited).query) and not urlsplit(final).query
    if not (ancestor or same_script):
        return False
    identifiers = _IDENTIFIER.findall(urls.request_target(cited))
    if same_script and not _IDENTIFIER.search(urlsplit(cited).query):
        return False  # only tracking or display parameters dropped (?utm_source=…): the same page
    return not any(identifier in urls.request_target(final) for identifier in identifiers)


def assess(cited: str, final: str, page: Page | None, sibling: Page | None) -> Verdict:
    """Decide whether a 200 answer for `cited` (ending at `final`) is really a missing page.

    `sibling` is the page a made-up neighbour address got (None if it got an honest error).
    """
    if urls.is_home_page(cited):
        return Verdict(False)
    if final != urls.without_fragment(cited) and sent_home(cited, final, page):
        return Verdict(True, f"soft-404: the deep link leads to the site's home page {final}")
    if final != urls.without_fragment(cited) and NOT_FOUND_ADDRESS.search(urls.request_target(final)):
        return Verdict(True, f"soft-404: redirected to an error page {final}")
    if final != urls.without_fragment(cited) and sent_up(cited, final):
        return Verdict(True, f"soft-404: the deep link leads up to {final}, which does not name the page")
    if page is None:
        return Verdict(False)
    if page.refresh and sent_home(cited, urls.resolve_location(final, page.refresh), page):
        return Verdict(True, f"soft-404: the page sends readers on to the home page ({page.refresh})")
    for text in [page.title, *page.headings[:1]]:
        if says_missing(text):
            return Verdict(True, f"soft-404: the page says {text[:80]!r}")
    template = sibling is not None and page.similar_to(sibling)
    hinted = any(HINT_PHRASES.search(normalise(text)) for text in [page.title, *page.headings[:4]])
    if template and hinted:
        return Verdict(True, "soft-404: a made-up sibling address gets the same page, which says it is not found")
    if template:
        return Verdict(False, warning="a made-up sibling address gets the same page: the site may serve a "
                                      "template for every address")
    return Verdict(False)
