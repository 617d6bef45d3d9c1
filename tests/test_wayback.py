"""Finding and making Wayback copies, against a fake Wayback Machine: every API, every error, no leaked keys."""
from __future__ import annotations

import logging
import pickle
import traceback

import pytest

from fakewayback import ACCESS, SECRET, FakeWayback
from linkcheck.wayback import (Credentials, Endpoints, NoCredentials, Pacing, RateLimited, SaveFailed, Wayback,
                               WaybackError, timestamp_for)

URL = "https://www.interfax.ru/world/904410"


class FakeTime:
    """sleep() advances clock(); the waits are recorded instead of spent."""

    def __init__(self):
        self.now, self.waits = 1000.0, []

    def sleep(self, seconds: float) -> None:
        self.waits.append(seconds)
        self.now += seconds

    def clock(self) -> float:
        return self.now


@pytest.fixture
def fake():
    server = FakeWayback().start()
    yield server
    server.stop()


@pytest.fixture
def clock():
    return FakeTime()


def client(fake, clock, keys=True, **pacing) -> Wayback:
    return Wayback(Endpoints.under(fake.base), Credentials(ACCESS, SECRET) if keys else None,
                   Pacing(**{"backoff": 60.0, "save_interval": 9.0, "poll_interval": 5.0, **pacing}),
                   sleep=clock.sleep, clock=clock.clock)


# ---- Looking up ----

def test_the_capture_nearest_before_the_citation_month_is_chosen(fake, clock):
    fake.captures[URL] = [("20230210080000", "200"), ("20230905120000", "200"), ("20231002090000", "200")]
    capture = client(fake, clock).find(URL, "2023-09")
    assert capture.timestamp == "20230905120000"
    assert capture.found_by == "availability"
    assert capture.url == f"https://web.archive.org/web/20230905120000/{URL}"
    asked = fake.paths("/wayback/available")[0].params
    assert asked["timestamp"] == "20230930235959" and asked["closest"] == "before"


def test_a_cited_fragment_is_not_sent_to_the_archive(fake, clock):
    fake.captures[URL] = [("20230101000000", "200")]
    assert client(fake, clock).find(URL + "#loaded", "2023-09").timestamp == "20230101000000"
    assert fake.paths("/wayback/available")[0].params["url"] == URL


def test_captures_that_were_errors_or_later_than_the_citation_do_not_count(fake, clock):
    fake.captures[URL] = [("20230301000000", "404"), ("20240101000000", "200")]
    assert client(fake, clock).find(URL, "2023-09") is None


def test_cdx_answers_when_the_availability_api_fails(fake, clock):
    fake.availability_errors = [503]
    fake.captures[URL] = [("20220101000000", "200"), ("20230815000000", "200"), ("20231201000000", "200")]
    capture = client(fake, clock).find(URL, "2023-09")
    assert (capture.timestamp, capture.found_by) == ("20230815000000", "cdx")
    assert capture.url.endswith(f"/web/20230815000000/{URL}")


def test_the_web_redirect_answers_when_both_apis_fail(fake, clock):
    fake.availability_errors, fake.cdx_errors = [500], [502]
    fake.captures[URL] = [("20230701000000", "200")]
    capture = client(fake, clock).find(URL, "2023-09")
    assert (capture.timestamp, capture.found_by) == ("20230701000000", "redirect")


def test_a_redirect_to_a_capture_after_the_citation_is_not_taken_as_before(fake, clock):
    fake.availability_errors, fake.cdx_errors = [500], [500]
    fake.captures[URL] = [("20250101000000", "200")]
    assert client(fake, clock).find(URL, "2023-09") is None


def test_any_capture_is_found_when_before_is_not_required(fake, clock):
    fake.captures[URL] = [("20250101000000", "200")]
    assert client(fake, clock).find(URL, "2023-09", before=False).timestamp == "20250101000000"


def test_rate_limited_lookups_back_off_with_doubling_waits(fake, clock):
    fake.availability_errors = [429, 429]
    fake.captures[URL] = [("20230101000000", "200")]
    capture = client(fake, clock).find(URL, "2023-09")
    assert capture.found_by == "availability"
    assert clock.waits == [60.0, 120.0]


# ---- Save Page Now ----

def test_save_submits_polls_and_returns_the_new_capture(fake, clock):
    capture = client(fake, clock).save(URL + "#top")
    assert (capture.timestamp, capture.found_by) == ("20261125101500", "save")
    assert capture.url.endswith(f"/web/20261125101500/{URL}")
    post = fake.paths("/save")[0]
    assert post.method == "POST" and post.form["url"] == URL
    assert post.headers["Accept"] == "application/json"
    assert post.headers["Authorization"] == f"LOW {ACCESS}:{SECRET}"
    assert len(fake.paths("/save/status/spn2-1")) == 2  # pending, then success
    assert clock.waits == [5.0, 5.0]


def test_a_session_limit_backs_off_and_tries_again(fake, clock):
    fake.save_script = ["session-limit", "session-limit", "job"]
    assert client(fake, clock).save(URL).found_by == "save"
    assert [r.method for r in fake.paths("/save") if r.path == "/save"] == ["POST"] * 3
    assert clock.waits == [60.0, 120.0, 5.0, 5.0]


def test_http_429_and_509_from_save_slow_down_and_retry(fake, clock):
    fake.save_script = [429, 509, "job"]
    assert client(fake, clock).save(URL).found_by == "save"
    assert clock.waits == [60.0, 120.0, 5.0, 5.0]


def test_endless_rate_limits_give_up_with_rate_limited(fake, clock):
    fake.save_script = [429] * 10
    with pytest.raises(RateLimited, match="429"):
        client(fake, clock, attempts=3).save(URL)
    assert len([r for r in fake.paths("/save") if r.path == "/save"]) == 3


def test_a_job_error_is_reported_with_its_status_ext_and_not_retried(fake, clock):
    fake.job_script = [{"status": "pending"}, {"status": "error", "status_ext": "error:blocked",
                                               "message": "This site is excluded."}]
    with pytest.raises(SaveFailed, match="error:blocked") as failure:
        client(fake, clock).save(URL)
    assert failure.value.status_ext == "error:blocked"
    assert len([r for r in fake.paths("/save") if r.path == "/save"]) == 1


def test_a_job_that_never_ends_times_out(fake, clock):
    fake.job_script = [{"status": "pending"}]
    with pytest.raises(SaveFailed, match="error:job-timeout"):
        client(fake, clock, poll_limit=4).save(URL)
    assert len(fake.paths("/save/status/")) == 4


def test_saves_are_paced_under_the_per_minute_limit(fake, clock):
    wayback = client(fake, clock, poll_interval=1.0)
    wayback.save(URL)
    clock.waits.clear()
    wayback.save(URL + "/other")
    # 2 s of polling passed since the first POST: the second waits the rest of the 9 s interval.
    assert clock.waits[0] == pytest.approx(7.0)


def test_without_keys_nothing_is_submitted(fake, clock):
    with pytest.raises(NoCredentials):
        client(fake, clock, keys=False).save(URL)
    assert fake.paths("/save") == []


def test_keys_never_appear_in_logs_exceptions_or_reprs(fake, clock, caplog):
    caplog.set_level(logging.DEBUG)
    wayback = client(fake, clock, attempts=2)
    fake.save_script = ["session-limit", 429, 429]
    problems = []
    with pytest.raises(RateLimited) as limited:
        wayback.save(URL)
    problems.append(limited.value)
    wrong = Wayback(Endpoints.under(fake.base), Credentials("wrong-" + ACCESS, "wrong-" + SECRET),
                    sleep=clock.sleep, clock=clock.clock)
    with pytest.raises(SaveFailed, match="error:no-access") as refused:
        wrong.save(URL)
    problems.append(refused.value)
    unreachable = Wayback(Endpoints.under("http://127.0.0.1:9"), Credentials(ACCESS, SECRET),
                          Pacing(attempts=1), sleep=clock.sleep, clock=clock.clock)
    with pytest.raises(Exception) as down:
        unreachable.save(URL)
    problems.append(down.value)
    shown = caplog.text + repr(wayback) + str(wayback.credentials) + repr(wrong)
    shown += "".join("".join(traceback.format_exception(problem)) for problem in problems)
    for key in (ACCESS, SECRET):
        assert key not in shown
    with pytest.raises(TypeError):
        pickle.dumps(wayback.credentials)


def test_credentials_come_from_the_environment_or_not_at_all():
    assert Credentials.from_env({}) is None
    assert Credentials.from_env({"ARCHIVE_ORG_ACCESS_KEY": "a"}) is None
    assert Credentials.from_env({"ARCHIVE_ORG_ACCESS_KEY": "a", "ARCHIVE_ORG_SECRET_KEY": "b"}).authorization() == "LOW a:b"


def test_every_endpoint_moves_with_one_setting():
    endpoints = Endpoints.from_env({"WAYBACK_BASE_URL": "http://127.0.0.1:5000/"})
    assert endpoints.availability == "http://127.0.0.1:5000/wayback/available"
    assert endpoints.status("j1") == "http://127.0.0.1:5000/save/status/j1"
    assert Endpoints.from_env({}).save == "https://web.archive.org/save"


@pytest.mark.parametrize("cited, stamp", [("2023-09", "20230930235959"), ("2024-02", "20240229235959"),
                                          ("2026-11-25", "20261125235959"), ("2023", "20231231235959")])
def test_a_citation_date_covers_its_whole_period(cited, stamp):
    assert timestamp_for(cited) == stamp


def test_a_citation_date_that_is_no_date_fails():
    with pytest.raises(ValueError, match="YYYY-MM"):
        timestamp_for("September 2023")


def test_when_no_api_answers_the_lookup_fails_instead_of_saying_no_copy(fake, clock):
    fake.availability_errors, fake.cdx_errors = [500], [500]
    down = Wayback(Endpoints(f"{fake.base}/wayback/available", f"{fake.base}/cdx/search/cdx",
                             "http://127.0.0.1:9/web/", f"{fake.base}/save"), sleep=clock.sleep, clock=clock.clock)
    with pytest.raises(WaybackError, match="no Wayback API answered"):
        down.find(URL, "2023-09")


# ---- Secrets in what servers answer ----

ECHOING = [
    {"status": "error", "status_ext": "error:bad-request", "message": "Bad request. Authorization: {authorization}"},
    {"status": "error", "status_ext": "error:{authorization}", "message": "headers={'Authorization': '{authorization}'}"},
    {"status": "error", "status_ext": "error:internal", "message": "Traceback (most recent call last):\n  {authorization}"},
]


@pytest.mark.parametrize("answer", ECHOING)
def test_an_error_that_echoes_the_keys_reaches_no_message_or_log(fake, clock, caplog, answer):
    caplog.set_level(logging.DEBUG)
    fake.save_script = [answer]
    with pytest.raises(SaveFailed) as failed:
        client(fake, clock).save(URL)
    assert fake.authorizations() == [f"LOW {ACCESS}:{SECRET}"]  # the fake did see the keys, and echoed them
    shown = str(failed.value) + caplog.text + "".join(traceback.format_exception(failed.value))
    assert ACCESS not in shown and SECRET not in shown and "\n" not in str(failed.value)
    assert len(str(failed.value)) < 300


def test_a_job_status_that_echoes_the_keys_is_scrubbed_too(fake, clock):
    fake.job_script = [{"status": "error", "status_ext": "error:blocked", "message": "as {authorization} you may not"}]
    with pytest.raises(SaveFailed, match=r"error:blocked \(as LOW \[hidden\] you may not\)") as failed:
        client(fake, clock).save(URL)
    assert SECRET not in str(failed.value)


@pytest.mark.parametrize("text, kept, gone", [
    ("Authorization: LOW abcdefgh12345678:ZYXWVUTS87654321", "Authorization: [hidden]", "ZYXWVUTS"),
    ('{"authorization": "Bearer eyJhbGciOiJIUzI1NiJ9.payload"}', '"authorization": "[hidden]', "eyJhbG"),
    ("token=Zm9vYmFyYmF6cXV4cXV1eGNvcmdl&x=1", "token=[hidden]", "Zm9v"),
    ("request id 3f2a9c0d4e5b6a7f8091a2b3c4d5e6f7 failed", "request id [hidden] failed", "3f2a9c"),
    ("key pair AbCdEfGh12345678:SeCrEt9876543210 refused", "key pair [hidden] refused", "SeCrEt"),
    ("blob dGhpcyBpcyBhIHNlY3JldCBrZXkgMTIzNA== end", "blob [hidden] end", "dGhpcy"),
    ("secret_key: hunter22", "secret_key: [hidden]", "hunter22"),
])
def test_anything_shaped_like_a_credential_is_hidden(text, kept, gone):
    from linkcheck.wayback import scrub
    assert kept in scrub(text) and gone not in scrub(text)


def test_ordinary_error_words_stay_and_long_texts_are_cut_to_one_line():
    from linkcheck.wayback import scrub
    assert scrub("error:too-many-daily-captures: You have reached the limit of 1000 captures per day") == \
        "error:too-many-daily-captures: You have reached the limit of 1000 captures per day"
    cut = scrub("word " * 100 + "\nsecond line")
    assert len(cut) == 160 and cut.endswith("…") and "second" not in cut


def test_a_save_redirected_to_another_host_is_a_failure_and_the_keys_stay_home(fake, clock):
    other = FakeWayback().start()  # another host, which would happily answer with a job
    try:
        other.save_script = ["job"]
        fake.save_script = [("redirect", f"{other.base}/save")]
        with pytest.raises(SaveFailed, match=r"error:redirected .*another host \(http://127.0.0.1:\d+\); not saved"):
            client(fake, clock).save(URL)
        assert other.received == []
        fake.save_script = [("redirect", "/save?again")]
        with pytest.raises(SaveFailed, match="error:redirected"):
            client(fake, clock).save(URL)
    finally:
        other.stop()


def test_a_redirected_save_stops_saving_for_the_run(fake):
    from linkcheck.archive import Action, archive_all
    fake.save_script = [("redirect", "http://127.0.0.1:9/save")]
    links = {f"https://a.example/{n}": {"first_cited": "2023-09", "status": "live", "checks": [{"outcome": "ok"}]}
             for n in range(3)}
    wayback = Wayback(Endpoints.under(fake.base), Credentials(ACCESS, SECRET),
                      Pacing(poll_interval=0, save_interval=0, backoff=0), sleep=lambda s: None)
    results = archive_all(links, wayback)
    assert [r.action for r in results] == [Action.FAILED, Action.MISSING, Action.MISSING]
    assert len(fake.paths("/save")) == 1
