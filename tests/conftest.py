"""Shared fixtures: the project's paths and one strict build of the whole site per test session."""
from __future__ import annotations

from pathlib import Path

import pytest

from edition.site import build_site

PROJECT = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="session")
def project() -> Path:
    return PROJECT


@pytest.fixture(scope="session")
def site(tmp_path_factory) -> Path:
    """Both languages built strictly (any warning fails), as `make build` does."""
    site_dir = tmp_path_factory.mktemp("site")
    build_site(site_dir, strict=True, site_url="http://127.0.0.1:8000/")
    return site_dir
