"""Every mistake an editor was seen to make, one row each: `make check` names it on the line to change.

Each row changes one valid file of a small project (the real articles, one annotation, one timeline) and
lists every `file:line: problem` that check.run must report, and nothing else.
"""
from __future__ import annotations

import shutil
from pathlib import Path
from typing import Callable

import pytest

from edition import check

ANNOTATION = "data/annotations/case.yml"
TIMELINE = "data/timelines/events.yml"
DE = "docs/de/article.md"
EN = "docs/en/article.md"

# A valid fact-check on p-46 (the real article's phrase), line numbers as the rows below count them.
BASE_ANNOTATION = """\
id: case
kind: fact-check
verdict: outdated
anchor:
  de:
    exact: "hat heute 31 Mitgliedsstaaten"
  en:
    exact: "today has 31 member states"
claim:
  de: "Die NATO hat 31 Mitgliedstaaten."
  en: "NATO has 31 member states."
summary:
  de: "Überholt: seit März 2024 sind es 32."
  en: "Outdated: since March 2024 there are 32."
note:
  de: |
    Schweden trat am **7. März 2024** bei.
  en: |
    Sweden joined on **7 March 2024**; see also [p-46](#p-46).
sources:
  - url: "https://www.nato.int/cps/en/natohq/news_223446.htm"
    title: "Sweden officially joins NATO"
    publisher: "NATO"
    date: "2024-03-07"
    kind: primary
reviewed:
  date: "2026-11-25"
  by: editors
"""

BASE_TIMELINE = """\
title:
  de: "Ereignisse"
  en: "Events"
entries:
  - date: "1992-05-15"
    states: [AM, RU]
    text:
      de: "Der Vertrag wird unterzeichnet."
      en: "The treaty is signed."
    paragraphs: [p-2]
    annotations: [case]
    sources:
      - url: "https://www.example.org/treaty"
        title: "Treaty"
        publisher: "Publisher"
        date: "1992"
        kind: primary
"""

SECOND_ENTRY = """\
  - date: "1993-01-01"
    states: [KZ]
    text:
      de: "Noch ein Ereignis."
      en: "Another event."
    sources:
      - url: "https://www.example.org/other"
        title: "Other"
        publisher: "Publisher"
        date: "1993"
        kind: news
"""

ALLOWED_IN_NOTES = "Markdown: paragraphs"  # the start of every note message's `allowed:`


def sub(old: str, new: str, count: int = 1) -> Callable[[str], str]:
    """A change: replace old by new (it must be there)."""
    def change(text: str) -> str:
        assert old in text, f"the row's text {old!r} is not in the file"
        return text.replace(old, new, count)
    return change


NOTES: list[str] = []  # every note the rows write; test_note_injections builds a site with them


def note(markdown: str, language: str = "de") -> Callable[[str], str]:
    """A change: the note in one language becomes markdown (one line, as line 17 or 19 holds it)."""
    NOTES.append(markdown)
    line = ("    Schweden trat am **7. März 2024** bei.\n" if language == "de"
            else "    Sweden joined on **7 March 2024**; see also [p-46](#p-46).\n")
    return sub(line, "".join(f"    {part}\n" for part in markdown.split("\n")))


def cp1252(old: str, new: str) -> Callable[[str], bytes]:
    """A change: the file saved as Windows-1252, as an editor's program on Windows may do."""
    return lambda text: text.replace(old, new).encode("cp1252")


# name → (file, change, every expected (line, problem at the start of the message))
ROWS: dict[str, tuple[str, Callable, list[tuple[int | None, str]]]] = {
    # -- YAML as typed -------------------------------------------------------------------------
    "tab indentation": (ANNOTATION, sub('    exact: "hat', '\texact: "hat'), [(6, "a tab in the indentation")]),
    "every tab, not only the first": (ANNOTATION, lambda t: t.replace("  de: |", "\tde: |").replace("  en: |", "\ten: |"),
                                      [(16, "a tab in the indentation"), (18, "a tab in the indentation")]),
    "tab in a timeline": (TIMELINE, sub("    states:", "\tstates:"), [(6, "a tab in the indentation")]),
    "missing colon": (ANNOTATION, sub("kind: fact-check", "kind fact-check"),
                      [(2, "YAML syntax: a line without ':' between key and value")]),
    "missing colon in a timeline": (TIMELINE, sub("    states: [AM, RU]", "    states [AM, RU]"),
                                    [(6, "YAML syntax: a line without ':' between key and value")]),
    "unclosed quotation mark": (ANNOTATION, sub('  en: "NATO has 31 member states."', '  en: "NATO has 31 member states.'),
                                [(11, "YAML syntax: a quotation mark opened on this line is not closed on it")]),
    "unclosed list": (TIMELINE, sub("states: [AM, RU]", "states: [AM, RU"),
                      [(6, "YAML syntax: a list opened with '[' here is not closed with ']'")]),
    "a key indented too little": (ANNOTATION, sub("    title: \"Sweden", "   title: \"Sweden"),
                                  [(22, "YAML syntax: this line is indented differently")]),
    "a key indented too much": (ANNOTATION, sub("verdict: outdated", "  verdict: outdated"),
                                [(3, "YAML syntax: a second ': ' on one line")]),
    "colon and space in unquoted text": (ANNOTATION, sub('  de: "Überholt: seit März 2024 sind es 32."',
                                                         '  de: Überholt: seit März 2024 sind es 32.'),
                                         [(13, "YAML syntax: a second ': ' on one line")]),
    "a list item under-indented": (TIMELINE, sub("      - url: \"https://www.example.org/treaty\"\n        title",
                                                 "      - url: \"https://www.example.org/treaty\"\n       title"),
                                   [(14, "YAML syntax: this line is indented differently")]),
    "a key twice": (ANNOTATION, sub("verdict: outdated\n", "verdict: outdated\nverdict: imprecise\n"),
                    [(4, "the key 'verdict' appears twice")]),
    "saved as Windows-1252": (ANNOTATION, cp1252("x", "x"),
                              [(13, "not UTF-8 text (byte 0xdc, perhaps saved as Windows-1252 or Latin-1)")]),
    "an invisible control character": (ANNOTATION, sub("Sweden joined", "Sweden\u0001joined"),
                                       [(19, "an invisible control character U+0001")]),
    "an empty file": (ANNOTATION, lambda t: "", [(1, "an annotation file must be a mapping of keys to values, not empty")]),
    "a nested key twice": (ANNOTATION, sub("  by: editors", "  by: editors\n  by: translator"),
                           [(29, "the key 'by' appears twice")]),
    "Windows line endings are fine": (ANNOTATION, lambda t: t.replace("\n", "\r\n").encode("utf-8"), []),
    "a byte-order mark is fine": (ANNOTATION, lambda t: ("\ufeff" + t).encode("utf-8"), []),
    "a tab after the colon is fine": (ANNOTATION, sub("verdict: outdated", "verdict:\toutdated"), []),
    "an article with Windows line endings is fine": (DE, lambda t: t.replace("\n", "\r\n").encode("utf-8"), []),
    "a list where a mapping belongs": (ANNOTATION, lambda t: "- " + t.replace("\n", "\n  ").rstrip() + "\n",
                                       [(1, "an annotation file must be a mapping")]),
    # -- fields --------------------------------------------------------------------------------
    "empty verdict": (ANNOTATION, sub("verdict: outdated", "verdict:"), [(3, "the field 'verdict' is empty")]),
    "empty claim": (ANNOTATION, sub("claim:\n  de: \"Die NATO hat 31 Mitgliedstaaten.\"\n  en: \"NATO has 31 member states.\"\n",
                                    "claim:\n"), [(9, "the field 'claim' is empty")]),
    "unknown field": (ANNOTATION, lambda t: t + "rating: 5\n", [(29, "unknown field 'rating'")]),
    "misspelt field": (ANNOTATION, sub("summary:", "sumary:"),
                       [(12, "unknown field 'sumary'"), (1, "missing field 'summary'")]),
    "missing field": (ANNOTATION, sub("verdict: outdated\n", ""), [(1, "missing field 'verdict'")]),
    "missing kind": (ANNOTATION, sub("kind: fact-check\n", ""), [(1, "missing field 'kind'")]),
    "unknown kind": (ANNOTATION, sub("kind: fact-check", "kind: factcheck"), [(2, "'kind' is 'factcheck'")]),
    "unknown verdict": (ANNOTATION, sub("verdict: outdated", "verdict: wrong"), [(3, "'verdict' is 'wrong'")]),
    "verdict in capitals": (ANNOTATION, sub("verdict: outdated", "verdict: Outdated"), [(3, "'verdict' is 'Outdated'")]),
    "verdict with a trailing space": (ANNOTATION, sub("verdict: outdated", 'verdict: "outdated "'),
                                      [(3, "'verdict' is 'outdated␠'")]),
    "verdict as a label": (ANNOTATION, sub("verdict: outdated", "verdict: Überholt"), [(3, "'verdict' is 'Überholt'")]),
    "a text where a mapping belongs": (ANNOTATION, sub('claim:\n  de: "Die NATO hat 31 Mitgliedstaaten."\n  en: "NATO has 31 member states."',
                                                       'claim: "Die NATO hat 31 Mitgliedstaaten."'),
                                       [(9, "'claim' must be a mapping of keys to values, not text")]),
    "a number where text belongs": (ANNOTATION, sub('    publisher: "NATO"', "    publisher: 1949"),
                                    [(23, "'publisher' must be text, not a number")]),
    "true where text belongs": (ANNOTATION, sub('  en: "NATO has 31 member states."', "  en: yes"), []),
    "a list where text belongs": (ANNOTATION, sub('    title: "Sweden officially joins NATO"', "    title: [Sweden, NATO]"),
                                  [(22, "'title' must be text, not a list")]),
    "missing translation": (ANNOTATION, sub('  en: "NATO has 31 member states."\n', ""),
                            [(9, "'claim' has no 'en' translation")]),
    "empty translation": (ANNOTATION, sub('  en: "NATO has 31 member states."', '  en: ""'),
                          [(11, "'claim' has no 'en' translation")]),
    "unknown language": (ANNOTATION, sub('  en: "NATO has 31 member states."', '  en: "NATO has 31 member states."\n  fr: "x"'),
                         [(12, "unknown language 'fr' in 'claim'")]),
    "language in capitals": (ANNOTATION, sub('  de: "Die NATO', '  DE: "Die NATO'),
                             [(10, "unknown language 'DE' in 'claim'"), (9, "'claim' has no 'de' translation")]),
    "id not the file name": (ANNOTATION, sub("id: case", "id: other"), [(1, "id 'other' differs from the file name")]),
    "id with capitals": (ANNOTATION, sub("id: case", "id: Case"), [(1, "id 'Case' is not a valid id")]),
    "id as a number": (ANNOTATION, sub("id: case", "id: 12"), [(1, "'id' must be text, not a number")]),
    "id of a translator's note on a fact-check": (ANNOTATION, sub("id: case", "id: tn-case"),
                                                  [(1, "id 'tn-case' differs from the file name 'case.yml'")]),
    "a translator's note with a verdict": (ANNOTATION, sub("kind: fact-check", "kind: translator-note"),
                                           [(3, "a translator's note has no 'verdict'"),
                                            (9, "a translator's note has no 'claim'"),
                                            (1, "the translator's note 'case' must have an id starting with 'tn-'")]),
    # -- anchors -------------------------------------------------------------------------------
    "phrase with a typo": (ANNOTATION, sub("hat heute 31 Mitgliedsstaaten", "hat heute 31 Mitgliedstaaten"),
                           [(6, "anchor.de “hat heute 31 Mitgliedstaaten” not found in docs/de/article.md; "
                                "closest passage (p-46): “hat heute 31 Mitgliedsstaaten.”")]),
    "phrase with a trailing space": (ANNOTATION, sub('"hat heute 31 Mitgliedsstaaten"', '"hat heute 31 Mitgliedsstaaten "'),
                                     [(6, "anchor.de “hat heute 31 Mitgliedsstaaten␠” not found")]),
    "phrase with a non-breaking space": (ANNOTATION, sub("hat heute 31 Mitgliedsstaaten", "hat heute 31\u00a0Mitgliedsstaaten"),
                                         [(6, "anchor.de “hat heute 31⍽Mitgliedsstaaten” not found")]),
    "phrase with a tab": (ANNOTATION, sub("today has 31 member states", "today has\t31 member states"),
                          [(8, "anchor.en “today has⇥31 member states” not found")]),
    "phrase on a heading": (ANNOTATION, sub("hat heute 31 Mitgliedsstaaten", "Die Entstehung der OVKS"),
                            [(6, "anchor.de “Die Entstehung der OVKS” is in the heading h-1 of docs/de/article.md")]),
    "phrase found twice": (ANNOTATION, sub('exact: "hat heute 31 Mitgliedsstaaten"', 'exact: "Mitgliedsstaaten"'),
                           [(6, "anchor.de “Mitgliedsstaaten” occurs")]),
    "phrase across a footnote marker": (ANNOTATION, sub("hat heute 31 Mitgliedsstaaten", "Kyjiw einverstanden wäre. Aber"),
                                        [(6, "anchor.de “Kyjiw einverstanden wäre. Aber” crosses the footnote marker [^3]")]),
    "phrase with the footnote number": (ANNOTATION, sub("hat heute 31 Mitgliedsstaaten", "einverstanden wäre[^3]"),
                                        [(6, "anchor.de.exact spans lines or a footnote marker")]),
    "prefix that is not before the phrase": (ANNOTATION, sub('"hat heute 31 Mitgliedsstaaten"\n',
                                                              '"hat heute 31 Mitgliedsstaaten"\n    prefix: "NATO "\n'),
                                              [(6, "anchor.de “hat heute 31 Mitgliedsstaaten” stands in docs/de/article.md "
                                                   "(p-46), but not after the prefix “NATO␠”: the text before it reads "
                                                   "“␠und␠”")]),
    "suffix that is not after the phrase": (ANNOTATION, sub('"today has 31 member states"\n',
                                                             '"today has 31 member states"\n    suffix: " now"\n'),
                                             [(8, "anchor.en “today has 31 member states” stands in docs/en/article.md "
                                                  "(p-46), but not before the suffix “␠now”: the text after it reads “. Th”")]),
    "no German anchor": (ANNOTATION, sub('  de:\n    exact: "hat heute 31 Mitgliedsstaaten"\n', ""),
                         [(4, "'anchor' has no 'de' translation")]),
    "misspelt exact": (ANNOTATION, sub('    exact: "today', '    exakt: "today'),
                       [(8, "unknown field 'exakt'"), (8, "missing field 'exact'")]),
    # -- texts readers see -------------------------------------------------------------------
    "summary label of another verdict": (ANNOTATION, sub("Überholt: seit", "Falsch: seit"),
                                         [(13, "summary.de opens with 'Falsch:' but the verdict is 'outdated' (Überholt)")]),
    "summary without its label": (ANNOTATION, sub("Überholt: seit", "Seit"),
                                  [(13, "summary.de does not open with its verdict's label 'Überholt:'")]),
    "summary label in the other language": (ANNOTATION, sub("Outdated: since", "Überholt: since"),
                                            [(14, "summary.en does not open with its verdict's label 'Outdated:'")]),
    "summary label without its colon": (ANNOTATION, sub("Outdated: since", "Outdated since"),
                                        [(14, "summary.en does not open with its verdict's label 'Outdated:'")]),
    "Markdown bold in a summary": (ANNOTATION, sub("sind es 32.", "sind es **32**."),
                                   [(13, "summary.de has Markdown bold (** or __) '**32**'")]),
    "Markdown emphasis in a claim": (ANNOTATION, sub("NATO has 31", "NATO has *31*"),
                                     [(11, "claim.en has Markdown emphasis (* or _) '*31*'")]),
    "a Markdown link in a claim": (ANNOTATION, sub("NATO has 31", "[NATO](https://www.nato.int/) has 31"),
                                   [(11, "claim.en has a Markdown link [text](…) '[NATO](https://www.nato.int/)'")]),
    "HTML in a claim": (ANNOTATION, sub("NATO has 31", "NATO has <b>31</b>"), [(11, "claim.en has HTML '<b>'")]),
    "an HTML entity in a summary": (ANNOTATION, sub("there are 32.", "there are&nbsp;32."),
                                    [(14, "summary.en has an HTML entity (&…;) '&nbsp;'")]),
    "Markdown in a source title": (ANNOTATION, sub('"Sweden officially joins NATO"', '"*Sweden* officially joins NATO"'),
                                   [(22, "source title has Markdown emphasis (* or _) '*Sweden*'")]),
    "a summary of 3,000 words": (ANNOTATION, sub("sind es 32.", "sind es 32." + " Wort" * 3000),
                                 [(13, "summary.de is 15,036 characters long")]),
    "a 200 KB note": (ANNOTATION, note("Schweden. " * 20000), [(16, "note.de is 199,999 characters long")]),
    # -- notes: script and third-party content --------------------------------------------------
    "svg onload": (ANNOTATION, note("Siehe <svg/onload=alert(9)>."), [(17, "note.de has raw HTML '<svg/onload=alert(9)>'")]),
    "details ontoggle": (ANNOTATION, note("<details/open/ontoggle=alert(13)>"),
                         [(17, "note.de has raw HTML '<details/open/ontoggle=alert(13)>'")]),
    "javascript link": (ANNOTATION, note("[x](javascript:alert(1))"), [(17, "note.de has a link to 'javascript:alert(1)'")]),
    "javascript link in mixed case": (ANNOTATION, note("[x](JaVaScRiPt:alert(2))"),
                                      [(17, "note.de has a link to 'JaVaScRiPt:alert(2)'")]),
    "javascript link as an entity": (ANNOTATION, note("[x](&#106;avascript:alert(3))"),
                                     [(17, "note.de has a link to 'javascript:alert(3)'")]),
    "javascript reference link": (ANNOTATION, note("Siehe [r].\n\n[r]: javascript:alert(4)"),
                                  [(19, "note.de has a link to 'javascript:alert(4)'")]),
    "javascript link in angle brackets": (ANNOTATION, note("[x](<javascript:alert(5)>)"),
                                          [(17, "note.de has a link to 'javascript:alert(5)'")]),
    "javascript link with a tab": (ANNOTATION, note("[x](java&#x09;script:alert(6))"),
                                   [(17, "note.de has a link to 'java⇥script:alert(6)'")]),
    "element with an underscore": (ANNOTATION, note("<a_b onclick=alert(7)>x</a_b>"),
                                   [(17, "note.de has raw HTML '<a_b onclick=alert(7)>'")]),
    "element with a colon": (ANNOTATION, note("<x:y onmouseover=alert(8)>x</x:y>", "en"),
                             [(19, "note.en has raw HTML '<x:y onmouseover=alert(8)>'")]),
    "script element": (ANNOTATION, note("<script>alert(10)</script>"), [(17, "note.de has raw HTML '<script>'")]),
    "img onerror": (ANNOTATION, note("<img src=x onerror=alert(11)>"), [(17, "note.de has raw HTML '<img src=x onerror=alert(11)>'")]),
    "iframe": (ANNOTATION, note("<iframe src=https://evil.example.com/></iframe>"),
               [(17, "note.de has raw HTML '<iframe src=https://evil.example.com/>'")]),
    "HTML comment": (ANNOTATION, note("Text <!-- versteckt -->"), [(17, "note.de has raw HTML '<!--'")]),
    "javascript in angle brackets": (ANNOTATION, note("<javascript:alert(12)>"),
                                     [(17, "note.de has raw HTML '<javascript:alert(12)>'")]),
    "data link": (ANNOTATION, note("[x](data:text/html;base64,PHNjcmlwdD5hbGVydCgxNCk8L3NjcmlwdD4=)"),
                  [(17, "note.de has a link to 'data:text/html;base64,")]),
    "vbscript link": (ANNOTATION, note("[x](vbscript:msgbox(15))"), [(17, "note.de has a link to 'vbscript:msgbox(15)'")]),
    "protocol-relative link": (ANNOTATION, note("[x](//evil.example.com/)"), [(17, "note.de has a link to '//evil.example.com/'")]),
    "backslash link": (ANNOTATION, note("[x](/\\evil.example.com/)"), [(17, "note.de has a link to '/\\evil.example.com/'")]),
    "link to a host without a dot": (ANNOTATION, note("[NATO](https://nato)"), [(17, "note.de has a link to 'https://nato'")]),
    "third-party image": (ANNOTATION, note("![Logo](https://tracker.example.com/pixel.gif)"), [(17, "note.de has an image")]),
    "heading in a note": (ANNOTATION, note("# Überschrift\n\nText."), [(17, "note.de has a heading")]),
    "horizontal rule in a note": (ANNOTATION, note("Eins\n\n---\n\nZwei"), [(19, "note.de has a horizontal rule")]),
    "code block in a note": (ANNOTATION, note("Text\n\n        eingerückt"), [(19, "note.de has a code block")]),
    "mailto link": (ANNOTATION, note("<redaktion@example.org>"), [(17, "note.de has a link to 'mailto:")]),
    "allowed Markdown": (ANNOTATION, note("*a* **b** `c`\n\n- d\n- [e](https://www.nato.int/)\n\n> f\n\n| g |\n|:--|\n| h |"), []),
    # -- sources and dates ----------------------------------------------------------------------
    "host without a dot": (ANNOTATION, sub("https://www.nato.int/cps/en/natohq/news_223446.htm", "https://nato"),
                           [(21, "source url 'https://nato' has no dotted host name")]),
    "javascript source url": (ANNOTATION, sub("https://www.nato.int/cps/en/natohq/news_223446.htm", "javascript:alert(301)//"),
                              [(21, "source url 'javascript:alert(301)//' does not start with https:// or http://")]),
    "url with a space": (ANNOTATION, sub("natohq/news", "natohq /news"), [(21, "source url 'https://www.nato.int/cps/en/natohq /news_223446.htm' contains a space")]),
    "url without its scheme": (ANNOTATION, sub("https://www.nato.int", "www.nato.int"),
                               [(21, "source url 'www.nato.int/cps/en/natohq/news_223446.htm' does not start with")]),
    "url with a user name": (ANNOTATION, sub("https://www.nato.int", "https://me@www.nato.int"),
                             [(21, "source url 'https://me@www.nato.int/cps/en/natohq/news_223446.htm' has a user name")]),
    "source date not a date": (ANNOTATION, sub('date: "2024-03-07"', 'date: "2024-13"'), [(24, "source date '2024-13' is not a date")]),
    "source date in the future": (ANNOTATION, sub('date: "2024-03-07"', 'date: "2062-03"'),
                                  [(24, "source date '2062-03' is in the future")]),
    "source date as a number": (ANNOTATION, sub('date: "2024-03-07"', "date: 2024"), [(24, "'date' must be text, not a number")]),
    "source without a title": (ANNOTATION, sub('    title: "Sweden officially joins NATO"\n', ""),
                               [(21, "missing field 'title'")]),
    "unknown source kind": (ANNOTATION, sub("kind: primary", "kind: blog"), [(25, "source kind 'blog' is not known")]),
    "no sources": (ANNOTATION, lambda t: t.split("sources:")[0] + "sources: []\nreviewed:" + t.split("reviewed:")[1],
                   [(20, "a fact-check needs at least one source")]),
    "one source as a mapping": (ANNOTATION, sub("  - url:", "    url:"),
                                [(20, "'sources' must be a list (lines starting with '- '), not a mapping")]),
    "two sources, two mistakes": (ANNOTATION, sub("reviewed:", '  - url: "https://nato"\n    title: "T"\n    publisher: "P"\n'
                                                   '    date: "2024-02-30"\n    kind: news\nreviewed:'),
                                  [(26, "source url 'https://nato' has no dotted host name"),
                                   (29, "source date '2024-02-30' is not a date")]),
    "review date in the future": (ANNOTATION, sub('  date: "2026-11-25"', '  date: "2062-11-25"'),
                                  [(27, "reviewed.date '2062-11-25' is in the future")]),
    "review date as written in German": (ANNOTATION, sub('  date: "2026-11-25"', '  date: "25.11.2026"'),
                                         [(27, "reviewed.date '25.11.2026' is not a date")]),
    "review without a reviewer": (ANNOTATION, sub("  by: editors\n", ""), [(27, "missing field 'by'")]),
    "three mistakes in one file": (ANNOTATION, lambda t: t.replace("verdict: outdated", "verdict: wrong")
                                   .replace("www.nato.int", "nato").replace('"2026-11-25"', '"2062-01-01"'),
                                   [(3, "'verdict' is 'wrong'"), (21, "source url 'https://nato/cps/en/natohq/news_223446.htm' has no dotted"),
                                    (27, "reviewed.date '2062-01-01' is in the future")]),
    # -- timelines -----------------------------------------------------------------------------
    "state UN": (TIMELINE, sub("[AM, RU]", "[AM, UN]"), [(6, "'UN' is not a state but a union, grouping or region")]),
    "state EU": (TIMELINE, sub("[AM, RU]", "[EU]"), [(6, "'EU' is not a state but a union, grouping or region")]),
    "state in small letters": (TIMELINE, sub("[AM, RU]", "[am]"), [(6, "unknown state code 'am'")]),
    "state by its three-letter code": (TIMELINE, sub("[AM, RU]", "[ARM]"), [(6, "unknown state code 'ARM'")]),
    "a key point as a paragraph": (TIMELINE, sub("[p-2]", "[k-1]"),
                                   [(10, "k-1 is the id of a key point, not of a paragraph; allowed: a paragraph id "
                                         "of docs/de/article.md, p-1 … p-47")]),
    "unknown paragraph": (TIMELINE, sub("[p-2]", "[p-99]"), [(10, "unknown paragraph id 'p-99'")]),
    "unknown annotation": (TIMELINE, sub("[case]", "[cas]"), [(11, "unknown annotation id 'cas'")]),
    "timeline date not a date": (TIMELINE, sub('"1992-05-15"', '"1992-13"'), [(5, "'date': '1992-13' is not a date")]),
    "timeline date unquoted": (TIMELINE, sub('"1992-05-15"', "1992"), [(5, "'date' must be text, not a number")]),
    "timeline range backwards": (TIMELINE, sub('"1992-05-15"', '"1994/1992"'), [(5, "'date': the range '1994/1992' ends before")]),
    "timeline text without English": (TIMELINE, sub('      en: "The treaty is signed."\n', ""),
                                      [(8, "'text' has no 'en' text")]),
    "Markdown in a timeline text": (TIMELINE, sub("Der Vertrag wird", "Der **Vertrag** wird"),
                                    [(8, "text.de has Markdown bold (** or __) '**Vertrag**'")]),
    "HTML in a timeline title": (TIMELINE, sub('"Events"', '"<i>Events</i>"'), [(3, "title.en has HTML '<i>'")]),
    "timeline source host without a dot": (TIMELINE, sub("https://www.example.org/treaty", "https://example"),
                                           [(13, "'url' 'https://example' has no dotted host name")]),
    "timeline source title in Markdown": (TIMELINE, sub('"Treaty"', '"[Treaty](https://www.example.org/)"'),
                                          [(14, "source title has a Markdown link")]),
    "paragraphs as text, not a list": (TIMELINE, sub("[p-2]", "p-2"), [(10, "'paragraphs' must be a list")]),
    "timeline entry without sources": (TIMELINE, lambda t: t.split("    sources:")[0], [(5, "missing field 'sources'")]),
    "timeline unknown field": (TIMELINE, lambda t: t + "    colour: red\n", [(18, "unknown field 'colour'")]),
    "mistakes in two entries": (TIMELINE, lambda t: t.replace("[AM, RU]", "[UN]") + SECOND_ENTRY.replace("[KZ]", "[XX]"),
                                [(6, "'UN' is not a state"), (19, "unknown state code 'XX'")]),
    # -- articles ------------------------------------------------------------------------------
    "id line deleted": (DE, sub("{ #p-6 }\n", ""), [(44, "this paragraph has no block id (p-6 is missing here)")]),
    "id line doubled": (DE, sub("{ #p-7 .statement }", "{ #p-6 .statement }"),
                        [(48, "the block id p-6 appears twice (also at line 45); this one is probably p-7")]),
    "id mistyped": (EN, sub("{ #p-6 }", "{ #p-60 }"), [(45, "the block id p-60 stands where p-6 belongs")]),
    "ids swapped": (DE, lambda t: t.replace("{ #p-6 }", "{ #p-x }").replace("{ #p-8 }", "{ #p-6 }").replace("{ #p-x }", "{ #p-8 }"),
                    [(45, "the block id p-8 stands where p-6 belongs"), (51, "the block id p-6 comes after p-7 (line 48)")]),
    "heading id deleted": (DE, sub(" { #h-2 }", ""), [(53, "this heading has no block id (h-2 is missing here)")]),
    "footnote marker deleted": (DE, sub("wäre[^3]", "wäre"),
                                [(191, "the footnote [^3] is defined here, but its marker [^3] is gone from the text")]),
    "footnote marker deleted in the translation": (EN, sub("agree[^3]", "agree"),
                                                   [(191, "the footnote [^3] is defined here, but its marker")]),
    "footnote marker moved in the translation": (EN, lambda t: t.replace("agree[^3]", "agree").replace(
        "{ #p-6 }", "[^3]\n{ #p-6 }"), [(44, "p-6 has the footnote marker [^3], which docs/de/article.md does not have"),
                                         (51, "p-8 lacks the footnote marker [^3]")]),
    "footnote without definition": (DE, sub("[^3]: <", "[^30]: <"),
                                    [(191, "the footnote [^30] is defined here, but its marker"),
                                     (50, "the footnote marker [^3] has no footnote")]),
    "article saved as Windows-1252": (DE, cp1252("x", "x"), [(3, "not UTF-8 text (byte 0xfc, perhaps saved as Windows-1252")]),
}


@pytest.fixture
def template(tmp_path_factory, project) -> Path:
    """The small project every row changes: the real articles, one annotation, one timeline."""
    root = tmp_path_factory.mktemp("template")
    shutil.copytree(project / "docs", root / "docs", ignore=shutil.ignore_patterns("timeline.md"))
    (root / "data" / "annotations").mkdir(parents=True)
    (root / "data" / "timelines").mkdir()
    shutil.copy(project / "data" / "footnotes.yml", root / "data")
    (root / ANNOTATION).write_text(BASE_ANNOTATION, encoding="utf-8")
    (root / TIMELINE).write_text(BASE_TIMELINE, encoding="utf-8")
    return root


def errors_after(root: Path, name: str, change: Callable, monkeypatch) -> list[str]:
    path = root / name
    changed = change(path.read_text(encoding="utf-8"))
    if isinstance(changed, bytes):
        path.write_bytes(changed)
    else:
        path.write_text(changed, encoding="utf-8")
    monkeypatch.chdir(root)  # messages name files as an editor types them
    return check.run(root)


def test_the_unchanged_small_project_is_valid(template, monkeypatch):
    assert errors_after(template, ANNOTATION, lambda text: text, monkeypatch) == []


@pytest.mark.parametrize("row", ROWS, ids=list(ROWS))
def test_each_mistake_is_named_on_its_line(row, template, monkeypatch):
    name, change, expected = ROWS[row]
    errors = errors_after(template, name, change, monkeypatch)
    for error in errors:
        assert "\n" not in error and "Traceback" not in error
        assert "; allowed: " in error, error
    for line, problem in expected:
        where = f"{name}:{line}: " if line else f"{name}: "
        assert any(error.startswith(where + problem) for error in errors), (where + problem, errors)
    assert len(errors) == len(expected), errors
