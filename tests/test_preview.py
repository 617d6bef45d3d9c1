"""`make serve`: a failed build leaves the last good site, shows its lines, and recovers by itself;
the port is chosen with PORT; the annotation API refuses requests that are not from this preview."""
from __future__ import annotations

import socket
import subprocess
import sys

import pytest
import requests

from preview import serving_copy

ANNOTATION = "data/annotations/nato-members-2023.yml"
BROKEN_LINE = "data/annotations/nato-members-2023.yml:7: anchor.de “hat heute 99 Mitgliedsstaaten” not found"


@pytest.fixture(scope="module")
def preview(tmp_path_factory):
    yield from serving_copy(tmp_path_factory, "preview")


def _page_with_status(preview, path, status):
    """The page's HTML once it answers with status, else None (a Response with a 500 is falsy itself)."""
    response = preview.get(path)
    return response.text if response.status_code == status else None


def _replace(path, old, new, encoding="utf-8"):
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new), encoding=encoding)


def test_a_broken_anchor_keeps_the_last_good_site_and_shows_the_error_until_fixed(preview):
    assert "fc-nato-members-2023" in preview.get("article/").text
    file = preview.root / ANNOTATION
    _replace(file, "hat heute 31 Mitgliedsstaaten", "hat heute 99 Mitgliedsstaaten")
    try:
        failed = preview.wait_for(lambda: _page_with_status(preview, "article/", 500), "the error page")
        assert BROKEN_LINE in failed
        assert 'id="edition-build-error"' in failed
        assert "/livereload/" in failed  # it reloads by itself after the next build
        # The last good version is still there, one click away, and so are its stylesheets.
        last_good = preview.get("article/?last-good")
        assert last_good.status_code == 200 and "fc-nato-members-2023" in last_good.text
        assert preview.get("assets/stylesheets/edition.css").status_code == 200
        log = preview.output()
        assert BROKEN_LINE in log and "Traceback" not in log
    finally:
        _replace(file, "hat heute 99 Mitgliedsstaaten", "hat heute 31 Mitgliedsstaaten")
    back = preview.wait_for(lambda: _page_with_status(preview, "article/", 200), "the page's return")
    assert "fc-nato-members-2023" in back


def test_an_article_saved_as_windows_1252_is_one_line_not_a_traceback(preview):
    article = preview.root / "docs" / "de" / "article.md"
    original = article.read_bytes()
    article.write_bytes(original.decode("utf-8").encode("cp1252", errors="replace"))
    try:
        failed = preview.wait_for(lambda: _page_with_status(preview, "article/", 500), "the error page")
        assert "docs/de/article.md" in failed or "utf-8" in failed.lower(), failed[-2000:]
        assert "Traceback" not in preview.output()
    finally:
        article.write_bytes(original)
    preview.wait_for(lambda: preview.get("article/").status_code == 200, "the page's return")


def test_only_this_preview_with_its_token_can_write(preview):
    save = preview.base + "_edition/authoring/api/save"
    # A complete translator's note: with the token it is written (checked last), without it nothing is.
    values = {"kind": "translator-note", "id": "tn-intruder", "reviewed_by": "translator",
              "anchor": {"en": {"block": "p-3", "exact": "gradually failed"}},
              "note": {"en": "A note that only this preview's own page may write."}}
    written = preview.root / "data" / "annotations" / "tn-intruder.yml"
    token = preview.token()
    refused = [
        requests.post(save, json=values, timeout=30),  # no token
        requests.post(save, json=values, headers={"X-Edition-Token": "guessed"}, timeout=30),
        requests.post(save, json=values, headers={"X-Edition-Token": token, "Origin": "http://evil.example"},
                      timeout=30),
        requests.post(save, json=values, headers={"X-Edition-Token": token, "Host": f"evil.example:{preview.port}"},
                      timeout=30),
    ]
    assert [response.status_code for response in refused] == [403, 403, 403, 403]
    assert not written.exists()
    # A page name that climbs out of data/annotations/ is no id: refused before any file is touched.
    escape = requests.post(save, json={**values, "id": "../../docs/de/article"},
                           headers={"X-Edition-Token": token}, timeout=30)
    assert escape.status_code == 422 and "is not a valid id" in escape.json()["errors"][0]
    accepted = requests.post(save, json=values, headers={"X-Edition-Token": token}, timeout=60)
    assert accepted.status_code == 200, accepted.text
    assert written.is_file()
    written.unlink()


def test_a_taken_port_is_one_line_that_names_port(tmp_path):
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        result = subprocess.run([sys.executable, "-m", "edition.site", "serve", "--port", str(port)],
                                capture_output=True, text=True, timeout=60)
    assert result.returncode == 2
    assert result.stderr.strip().count("\n") == 0, result.stderr
    assert f"port {port}" in result.stderr and "PORT=" in result.stderr


def test_make_serve_passes_port(project):
    dry = subprocess.run(["make", "-n", "serve", "PORT=8001"], cwd=project, capture_output=True, text=True)
    assert "-m edition.site serve --port 8001" in dry.stdout
