"""The ledger's contract (edition/ledger.py): every field checked for its type on load, one line per bad
entry naming file, line, URL and field; the same rules for `make check`, the site and the checker (exit 2)."""
from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from edition import check, ledger
from edition.datafile import DataError
from linkcheck.types import Outcome

PROJECT = Path(__file__).resolve().parent.parent
URL = "https://www.interfax.ru/world/904410"
GOOD_CHECK = {"time": "2026-11-25T10:00:00Z", "outcome": "ok", "http_status": 200, "final_url": URL,
              "redirects": [], "reason": "HTTP 200"}


def ledger_text(entry) -> str:
    """A ledger as the checker writes it (indented, sorted), with one entry; the entry's URL is on line 3."""
    return json.dumps({"version": 1, "links": {URL: entry}}, indent=2, sort_keys=True) + "\n"


def entry(**fields) -> dict:
    return {"first_cited": "2023-09", "status": "live", "status_since": "2026-11-25T10:00:00Z",
            "checks": [dict(GOOD_CHECK)], **fields}


# (what is wrong, the entry, the message after "links.json:LINE: URL: ") — the cases first.
BAD = [
    ("first_cited as a number", entry(first_cited=2023),
     r"first_cited 2023 \(a number, not text\); allowed: a date as text: 2023, 2023-09 or 2023-09-05"),
    ("an entry that is a list", ["ok"], r"the entry is a list; allowed: an object"),
    ("checks as a string", entry(checks="ok"), r"checks is text; allowed: a list of checks"),
    ("a check time 'yesterday'", entry(checks=[{**GOOD_CHECK, "time": "yesterday"}]),
     r"checks\[0\].time 'yesterday'; allowed: a UTC time such as 2026-11-25T10:00:00Z"),
    ("an archived copy at a script address",
     entry(archive={"url": "javascript:alert(301)//", "timestamp": "20230905120000", "found_by": "cdx"}),
     r"archive url 'javascript:alert\(301\)//' is not a Wayback Machine capture; allowed: url, a 14-digit"),
    ("an archived copy on another site",
     entry(archive={"url": "https://evil.example/web/20230905120000/x", "timestamp": "20230905120000",
                    "found_by": "cdx"}), r"archive url 'https://evil.example/web/"),
    ("a check that is text", entry(checks=["ok"]), r"checks\[0\] is text; allowed: an object with time"),
    ("an unknown outcome", entry(checks=[{**GOOD_CHECK, "outcome": "fine"}]),
     r"checks\[0\].outcome 'fine'; allowed: ok, broken, blocked, transient, invalid"),
    ("an HTTP status as text", entry(checks=[{**GOOD_CHECK, "http_status": "200"}]),
     r"checks\[0\].http_status '200'; allowed: an HTTP status"),
    ("redirects as an object", entry(checks=[{**GOOD_CHECK, "redirects": {"url": URL}}]),
     r"checks\[0\].redirects"),
    ("a reason as a number", entry(checks=[{**GOOD_CHECK, "reason": 404}]),
     r"checks\[0\].reason 404 \(a number, not text\); allowed: text, or null"),
    ("warnings as text", entry(checks=[{**GOOD_CHECK, "warnings": "TLS"}]), r"checks\[0\].warnings 'TLS'"),
    ("a status_since that is no time", entry(status_since="2026-11-25"), r"status_since '2026-11-25'; allowed: a UTC"),
    ("an unknown status", entry(status="gone"), r"status 'gone'; allowed: live, dead"),
    ("a similarity above 1", entry(similarity=23), r"similarity 23; allowed: a number from 0 to 1"),
    ("a similarity true", entry(similarity=True), r"similarity True"),
    ("shingles as text", entry(fingerprint={"title": "x", "shingles": ["1"]}), r"fingerprint shingles"),
    ("a month 13", entry(first_cited="2023-13"), r"first_cited '2023-13'"),
]


@pytest.mark.parametrize("what, bad, words", BAD, ids=[case[0] for case in BAD])
def test_a_bad_field_is_one_line_naming_file_line_url_and_field(tmp_path, what, bad, words):
    path = tmp_path / "links.json"
    path.write_text(ledger_text(bad), encoding="utf-8")
    with pytest.raises(DataError, match=rf"^{tmp_path}/links.json:\d+: {URL}: {words}") as caught:
        ledger.load(path)
    assert "\n" not in str(caught.value)


def test_the_line_is_the_fields_own_line(tmp_path):
    path = tmp_path / "links.json"
    text = ledger_text(entry(checks=[dict(GOOD_CHECK), {**GOOD_CHECK, "time": "yesterday"}]))
    path.write_text(text, encoding="utf-8")
    with pytest.raises(DataError) as caught:
        ledger.load(path)
    assert caught.value.line == next(number for number, line in enumerate(text.splitlines(), 1) if "yesterday" in line)
    path.write_text(ledger_text(entry(first_cited=2023)), encoding="utf-8")
    with pytest.raises(DataError) as caught:
        ledger.load(path)
    assert '"first_cited": 2023' in path.read_text().splitlines()[caught.value.line - 1]


def test_what_the_checker_writes_and_the_archive_adds_is_valid(tmp_path):
    path = tmp_path / "links.json"
    full = entry(archive={"url": f"https://web.archive.org/web/20230905120000/{URL}", "timestamp": "20230905120000",
                          "found_by": "availability"},
                 fingerprint={"time": "2026-11-25T10:00:00Z", "title": "Интерфакс", "text_sha256": "0" * 64,
                              "shingles": [1, 2, 3]}, similarity=0.97, note="a field the checker does not know")
    full["checks"].append({**GOOD_CHECK, "outcome": "broken", "http_status": None, "final_url": None,
                           "redirects": [{"url": URL, "status": 301}], "suggestion": URL + "/",
                           "missing_fragment": "part", "warnings": ["TLS certificate not trusted"]})
    path.write_text(ledger_text(full), encoding="utf-8")
    assert ledger.load(path)["links"][URL]["note"] == "a field the checker does not know"
    assert ledger.load(tmp_path / "missing.json") == ledger.empty()


def test_a_mirror_named_by_wayback_base_url_is_a_capture_address_too(monkeypatch):
    copy = "http://127.0.0.1:5000/web/20230905120000/https://a.example/"
    assert not ledger.is_capture_address(copy)
    monkeypatch.setenv("WAYBACK_BASE_URL", "http://127.0.0.1:5000/")
    assert ledger.is_capture_address(copy)


def test_the_outcomes_are_the_checkers_outcomes():
    assert ledger.OUTCOMES == tuple(outcome.value for outcome in Outcome)


def test_make_check_reports_the_same_line(tmp_path):
    """`make check` (edition.check) on a copy of the project's data with a bad ledger: exactly that line."""
    (tmp_path / "data").mkdir()
    for name in ("docs", "source"):
        (tmp_path / name).symlink_to(PROJECT / name)
    for name in ("footnotes.yml", "annotations", "timelines"):
        (tmp_path / "data" / name).symlink_to(PROJECT / "data" / name)
    assert check.run(tmp_path) == []
    text = ledger_text(entry(first_cited=2023))
    (tmp_path / "data" / "links.json").write_text(text, encoding="utf-8")
    line = next(number for number, row in enumerate(text.splitlines(), 1) if '"first_cited"' in row)
    assert check.run(tmp_path) == [f"{tmp_path}/data/links.json:{line}: {URL}: first_cited 2023 (a number, not text); "
                                   "allowed: a date as text: 2023, 2023-09 or 2023-09-05"]


def test_the_edition_reads_the_ledger_without_importing_the_link_checker():
    code = ("import sys, edition.check, edition.sources, edition.ledger; "
            "print(sorted(name for name in sys.modules if name.split('.')[0] == 'linkcheck'))")
    done = subprocess.run([sys.executable, "-c", code], cwd=PROJECT, capture_output=True, text=True, check=True)
    assert done.stdout.strip() == "[]"


def test_no_module_of_the_edition_imports_the_link_checker():
    import re
    offenders = [f"{path.relative_to(PROJECT)}:{number}" for path in sorted((PROJECT / "edition").rglob("*.py"))
                 for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
                 if re.match(r"\s*(from|import)\s+linkcheck\b", line)]
    assert offenders == []
