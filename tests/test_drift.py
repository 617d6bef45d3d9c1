"""Content drift: a cited page rewritten since its first check becomes `deviated`, small edits do not."""
from __future__ import annotations

from linkcheck import drift

ARTICLE = ("Die Organisation des Vertrags über kollektive Sicherheit tagte in Jerewan. "
           "Usbekistan setzte seine Mitgliedschaft im Juni 2012 aus, der Austritt wurde im Dezember wirksam. "
           "Der Generalsekretär sprach von einer offenen Tür für die Rückkehr des Landes. ") * 3


def page(text: str, sidebar: str = "Meistgelesen heute", title: str = "OVKS tagt") -> str:
    return (f"<html><head><title>{title}</title><script>var x = '{sidebar}';</script></head><body>"
            f"<nav>{sidebar}</nav><article><h1>{title}</h1><p>{text}</p></article>"
            f"<aside>{sidebar} {sidebar}</aside><footer>© 2023</footer></body></html>")


def test_the_first_check_records_a_fingerprint_of_the_main_text():
    entry = {"status": "live"}
    assert drift.update(entry, page(ARTICLE), "2026-11-25T10:00:00Z") is None
    fingerprint = entry["fingerprint"]
    assert fingerprint["title"] == "OVKS tagt" and fingerprint["time"] == "2026-11-25T10:00:00Z"
    assert fingerprint["shingles"] and len(fingerprint["text_sha256"]) == 64
    assert "similarity" not in entry and entry["status"] == "live"


def test_changed_menus_ads_and_scripts_are_not_drift():
    entry = {"status": "live"}
    drift.update(entry, page(ARTICLE), "2026-11-25T10:00:00Z")
    assert drift.update(entry, page(ARTICLE, sidebar="Neue Schlagzeilen"), "2026-12-02T10:00:00Z") == 1.0
    assert entry["status"] == "live"


def test_a_small_correction_keeps_the_link_live_with_its_similarity():
    entry = {"status": "live"}
    drift.update(entry, page(ARTICLE), "2026-11-25T10:00:00Z")
    value = drift.update(entry, page(ARTICLE.replace("Jerewan", "Minsk", 1)), "2026-12-02T10:00:00Z")
    assert 0.7 < value < 1.0
    assert entry["similarity"] == value and entry["status"] == "live"


def test_a_rewritten_page_becomes_deviated_and_recovers_when_the_text_returns():
    entry = {"status": "live", "status_since": "2026-11-25T10:00:00Z"}
    drift.update(entry, page(ARTICLE), "2026-11-25T10:00:00Z")
    other = "Das Wetter in Moskau bleibt kalt, am Wochenende wird Schnee erwartet, sagen die Meteorologen. " * 3
    value = drift.update(entry, page(other, title="Wetter"), "2026-12-02T10:00:00Z")
    assert value < drift.DEVIATED_BELOW
    assert entry["status"] == "deviated" and entry["status_since"] == "2026-12-02T10:00:00Z"
    drift.update(entry, page(ARTICLE), "2026-12-09T10:00:00Z")
    assert entry["status"] == "live" and entry["similarity"] == 1.0


def test_a_usurped_link_stays_usurped():
    entry = {"status": "usurped"}
    drift.update(entry, page(ARTICLE), "2026-11-25T10:00:00Z")
    drift.update(entry, page("Online casino bonus " * 20), "2026-12-02T10:00:00Z")
    assert entry["status"] == "usurped"


def test_the_sketch_estimates_jaccard_on_long_pages():
    words = [f"w{i}" for i in range(3000)]
    first = drift.fingerprint(page(" ".join(words)), "t")
    half = drift.fingerprint(page(" ".join(words[:1500] + [f"x{i}" for i in range(1500)])), "t")
    assert len(first.shingles) == drift.SKETCH_SIZE
    # True Jaccard: ~1496 shared of ~4500 distinct shingles = 0.33.
    assert abs(drift.similarity(first, half) - 0.33) < 0.1


def test_cyrillic_text_is_compared_word_by_word():
    text = "Организация Договора о коллективной безопасности провела саммит в Ереване в ноябре. " * 2
    entry = {"status": "live"}
    drift.update(entry, page(text).encode("utf-8"), "t1")
    assert drift.update(entry, page(text.replace("Ереване", "Минске")), "t2") < 1.0
