"""`python -m edition.site serve` on a free port of 127.0.0.1, in a scratch copy of the project.

The copy lets tests break and add data files without touching the real ones; `-m` with the copy as the
working folder imports the copy's own edition package, so the preview builds and watches the copy.
"""
from __future__ import annotations

import json
import os
import re
import shutil
import socket
import subprocess
import sys
import time
from pathlib import Path

import requests

PROJECT = Path(__file__).resolve().parent.parent
COPIED = ("docs", "data", "overrides", "edition", "hooks", "mkdocs.yml", "mkdocs.en.yml")


def copy_project(destination: Path) -> Path:
    for name in COPIED:
        source = PROJECT / name
        if source.is_dir():
            shutil.copytree(source, destination / name, ignore=shutil.ignore_patterns("__pycache__"))
        else:
            shutil.copy2(source, destination / name)
    return destination


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


class Preview:
    """A running preview: its address, its project copy, and what it printed."""

    def __init__(self, root: Path, port: int | None = None):
        self.root = root
        self.port = port or free_port()
        self.base = f"http://127.0.0.1:{self.port}/"
        self.log = root / "serve.log"
        env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
        env.pop("SITE_URL", None)
        with self.log.open("w") as log:
            self.process = subprocess.Popen([sys.executable, "-m", "edition.site", "serve", "--port", str(self.port)],
                                            cwd=root, env=env, stdout=log, stderr=subprocess.STDOUT)

    def wait_until_serving(self, timeout: float = 90) -> None:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise AssertionError(f"the preview stopped:\n{self.output()}")
            try:
                requests.get(self.base, timeout=30)
                return
            except requests.ConnectionError:
                time.sleep(0.3)
        raise AssertionError(f"the preview did not answer within {timeout} s:\n{self.output()}")

    def get(self, path: str, **options) -> requests.Response:
        return requests.get(self.base + path, timeout=60, **options)

    def token(self) -> str:
        page = self.get("article/").text
        found = re.search(r'<script type="application/json" id="edition-authoring">(.*?)</script>', page)
        return json.loads(found.group(1))["token"]

    def wait_for(self, condition, what: str, timeout: float = 90):
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            result = condition()
            if result:
                return result
            time.sleep(0.3)
        raise AssertionError(f"{what} did not happen within {timeout} s:\n{self.output()[-3000:]}")

    def output(self) -> str:
        return self.log.read_text(errors="replace")

    def stop(self) -> None:
        self.process.terminate()
        try:
            self.process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()


def serving_copy(tmp_path_factory, name: str):
    """A preview of a fresh copy of the project, for a module-scoped fixture: yields it, then stops it."""
    running = Preview(copy_project(tmp_path_factory.mktemp(name)))
    running.wait_until_serving()
    yield running
    running.stop()
