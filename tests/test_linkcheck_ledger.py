"""The link ledger: the dead-after-3 rule on a fake clock, statuses, skipping, the journal, the lock, faithful saves."""
from __future__ import annotations

import json
import os
from datetime import datetime, timedelta, timezone

import pytest

from edition.datafile import DataError
from linkcheck.ledger import DeadRule, Ledger, LedgerBusy, journal_path
from linkcheck.types import CitedUrl, Outcome, Result

URL = "https://www.interfax.ru/world/904410"
CITED = CitedUrl(URL, (), "2023-09")
START = datetime(2026, 11, 1, 10, 0, tzinfo=timezone.utc)


def result(outcome: Outcome) -> Result:
    return Result(URL, outcome, f"{outcome.value} for the test", http_status={"ok": 200, "broken": 404}.get(outcome.value))


def history(ledger: Ledger, *steps: tuple[float, Outcome]) -> list[str]:
    """Record checks `days` after START; return the status after each."""
    return [ledger.record(CITED, result(outcome), START + timedelta(days=days)).after for days, outcome in steps]


def test_dead_only_after_three_broken_checks_three_days_apart(tmp_path):
    ledger = Ledger(tmp_path / "links.json")
    B = Outcome.BROKEN
    assert history(ledger, (0, B), (1, B), (2, B), (3, B), (5, B), (6, B)) == [
        "unknown", "unknown", "unknown", "unknown", "unknown", "dead"]


def test_the_rule_is_configurable(tmp_path):
    ledger = Ledger(tmp_path / "links.json", rule=DeadRule(strikes=2, spacing_days=7))
    assert history(ledger, (0, Outcome.BROKEN), (6, Outcome.BROKEN), (7, Outcome.BROKEN)) == ["unknown", "unknown", "dead"]


def test_blocked_and_transient_never_make_a_link_dead_nor_reset_the_count(tmp_path):
    ledger = Ledger(tmp_path / "links.json")
    steps = [(days, Outcome.BLOCKED) for days in range(0, 30, 3)] + [(days, Outcome.TRANSIENT) for days in range(30, 60, 3)]
    assert set(history(ledger, *steps)) == {"unknown"}
    assert history(ledger, (60, Outcome.BROKEN), (63, Outcome.TRANSIENT), (64, Outcome.BROKEN),
                   (66, Outcome.BLOCKED), (68, Outcome.BROKEN))[-1] == "dead"


def test_any_ok_makes_a_link_live_again_and_restarts_the_count(tmp_path):
    ledger = Ledger(tmp_path / "links.json")
    B, O = Outcome.BROKEN, Outcome.OK
    assert history(ledger, (0, O), (3, B), (6, B), (9, B), (10, O), (13, B), (16, B)) == [
        "live", "live", "live", "dead", "live", "live", "live"]
    assert ledger.links[URL]["status_since"] == "2026-11-11T10:00:00Z"


def test_an_ok_check_keeps_a_content_status_set_by_the_archive(tmp_path):
    ledger = Ledger(tmp_path / "links.json")
    history(ledger, (0, Outcome.OK))
    ledger.links[URL]["status"] = "deviated"
    assert history(ledger, (7, Outcome.OK)) == ["deviated"]


def test_unknown_fields_survive_a_round_trip(tmp_path):
    path = tmp_path / "links.json"
    archive = {"url": "https://web.archive.org/web/20230905120000/" + URL, "timestamp": "20230905120000",
               "found_by": "availability"}
    path.write_text(json.dumps({"version": 1, "note": "kept", "links": {URL: {
        "first_cited": "2023-09", "status": "live", "status_since": "2026-10-01T00:00:00Z", "checks": [],
        "archive": archive, "fingerprint": {"title": "Интерфакс"}, "similarity": 0.97}}}), encoding="utf-8")
    with Ledger.open(path) as ledger:
        ledger.record(CITED, result(Outcome.OK), START)
    saved = json.loads(path.read_text(encoding="utf-8"))
    assert saved["note"] == "kept"
    entry = saved["links"][URL]
    assert entry["archive"] == archive and entry["fingerprint"] == {"title": "Интерфакс"} and entry["similarity"] == 0.97
    assert entry["checks"] == [{"time": "2026-11-01T10:00:00Z", "outcome": "ok", "http_status": 200,
                                "final_url": None, "redirects": [], "reason": "ok for the test"}]


def test_saves_are_sorted_indented_and_leave_no_temporary_files(tmp_path):
    path = tmp_path / "data" / "links.json"
    path.parent.mkdir()
    with Ledger.open(path) as ledger:
        ledger.record(CitedUrl("https://b.example/", (), "2026-11-25"), Result("https://b.example/", Outcome.OK, "x"), START)
        ledger.record(CITED, result(Outcome.BROKEN), START)
    text = path.read_text(encoding="utf-8")
    assert text.startswith('{\n  "links": {\n    "https://b.example/"')
    # The journal is folded in; only the lock file (which holds no data) stays beside the ledger.
    assert sorted(item.name for item in path.parent.iterdir()) == ["links.json", "links.json.lock"]


def test_first_cited_keeps_the_earliest_date(tmp_path):
    ledger = Ledger(tmp_path / "links.json")
    ledger.record(CitedUrl(URL, (), "2026-11-25"), result(Outcome.OK), START)
    ledger.record(CITED, result(Outcome.OK), START)
    ledger.record(CitedUrl(URL, (), "2026-12-01"), result(Outcome.OK), START)
    assert ledger.links[URL]["first_cited"] == "2023-09"


def test_only_recent_ok_checks_are_fresh(tmp_path):
    ledger = Ledger(tmp_path / "links.json")
    history(ledger, (0, Outcome.OK))
    assert ledger.is_fresh(URL, START + timedelta(days=6), recheck_days=7)
    assert not ledger.is_fresh(URL, START + timedelta(days=8), recheck_days=7)
    history(ledger, (1, Outcome.TRANSIENT))
    assert not ledger.is_fresh(URL, START + timedelta(days=2), recheck_days=7)


@pytest.mark.parametrize("text", ["{not json", '["a list"]', '{"version": 2, "links": {}}'])
def test_an_unreadable_ledger_is_an_error_naming_the_file(tmp_path, text):
    path = tmp_path / "links.json"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(DataError, match="links.json:1: not (a )?valid"):
        Ledger.open(path)


def test_records_from_many_threads_all_reach_the_file(tmp_path):
    import threading
    path = tmp_path / "links.json"
    ledger = Ledger(path)
    cited = [CitedUrl(f"https://tass.ru/politika/{number}", (), "2023-09") for number in range(40)]
    threads = [threading.Thread(target=ledger.record, args=(item, Result(item.url, Outcome.OK, "HTTP 200"), START))
               for item in cited]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    lines = [json.loads(line) for line in journal_path(path).read_text(encoding="utf-8").splitlines()]
    assert sorted(line["url"] for line in lines) == sorted(item.url for item in cited)
    ledger.close()
    assert set(json.loads(path.read_text(encoding="utf-8"))["links"]) == {item.url for item in cited}


def test_each_check_is_in_the_journal_before_record_returns_and_the_ledger_is_rewritten_once(tmp_path):
    path = tmp_path / "links.json"
    ledger = Ledger.open(path)
    ledger.record(CITED, result(Outcome.OK), START)
    assert not path.exists()  # nothing rewritten per result
    [line] = [json.loads(line) for line in journal_path(path).read_text(encoding="utf-8").splitlines()]
    assert line["url"] == URL and line["check"]["outcome"] == "ok" and line["status"] == "live"
    ledger.close()
    assert not journal_path(path).exists()
    assert json.loads(path.read_text(encoding="utf-8"))["links"][URL]["checks"][0]["outcome"] == "ok"


def test_a_journal_left_by_a_killed_run_is_replayed_and_a_cut_last_line_dropped(tmp_path):
    path = tmp_path / "links.json"
    with Ledger.open(path) as first:
        first.record(CITED, result(Outcome.OK), START)
    killed = Ledger.open(path)
    killed.record(CITED, result(Outcome.BROKEN), START + timedelta(days=7))
    other = CitedUrl("https://tass.ru/politika/1", (), "2023-09")
    killed.record(other, Result(other.url, Outcome.OK, "HTTP 200"), START + timedelta(days=7))
    os.close(killed._run_lock)  # what the system does when the process dies; the journal stays
    with journal_path(path).open("a", encoding="utf-8") as journal:
        journal.write('{"url": "https://half.example/", "che')  # the write the kill interrupted
    (tmp_path / ".links.json-k1ll3d.tmp").write_text("{half a ledg", encoding="utf-8")  # a rewrite cut short
    with Ledger.open(path) as resumed:
        assert not (tmp_path / ".links.json-k1ll3d.tmp").exists()
        assert [check["outcome"] for check in resumed.links[URL]["checks"]] == ["ok", "broken"]
        assert resumed.links[other.url]["status"] == "live" and "https://half.example/" not in resumed.links
        assert not journal_path(path).exists()  # folded in at once: this run's journal starts empty
    assert [check["outcome"] for check in json.loads(path.read_text())["links"][URL]["checks"]] == ["ok", "broken"]


def test_a_journal_the_ledger_already_holds_is_not_applied_twice(tmp_path):
    path = tmp_path / "links.json"
    ledger = Ledger.open(path)
    ledger.record(CITED, result(Outcome.BROKEN), START)
    journal = journal_path(path).read_text(encoding="utf-8")
    ledger.close()
    journal_path(path).write_text(journal, encoding="utf-8")  # killed after the rewrite, before the removal
    with Ledger.open(path) as again:
        assert len(again.links[URL]["checks"]) == 1


def test_a_damaged_journal_line_is_one_error_naming_the_journal_and_line(tmp_path):
    path = tmp_path / "links.json"
    journal_path(path).write_text(json.dumps({"url": URL, "check": {"time": "yesterday", "outcome": "ok"}}) + "\n",
                                  encoding="utf-8")
    with pytest.raises(DataError, match=r"links.json.journal:1: https://www.interfax.ru/world/904410: "
                                        r"checks\[0\].time 'yesterday'; allowed: a UTC time"):
        Ledger.open(path)


def test_a_second_run_on_the_same_ledger_is_refused_with_the_first_runs_pid(tmp_path):
    path = tmp_path / "links.json"
    first = Ledger.open(path)
    with pytest.raises(LedgerBusy, match=rf"links.json is in use by another linkcheck run \(pid {os.getpid()}\)"):
        Ledger.open(path)
    first.close()
    Ledger.open(path).close()  # free again once the first has finished
