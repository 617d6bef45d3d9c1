"""A requests Session that puts the cited path and query on the request line byte for byte.

requests re-quotes URLs (%2D → -) and urllib3 upper-cases escapes (%d0 → %D0); this bypasses both.
"""
from __future__ import annotations

import os

import requests
from requests.adapters import HTTPAdapter
from urllib3.connection import HTTPConnection, HTTPSConnection
from urllib3.connectionpool import HTTPConnectionPool, HTTPSConnectionPool

# A private header that carries the exact target from the session to the connection; never sent.
RAW_TARGET = "X-Linkcheck-Raw-Target"


class _ExactTarget:
    """Use the checker's own request target instead of the one urllib3 normalised."""

    def request(self, method, url, body=None, headers=None, **kwargs):
        if headers and RAW_TARGET in headers:
            raw = headers[RAW_TARGET]
            headers = {name: value for name, value in headers.items() if name != RAW_TARGET}
            if url.startswith("/"):  # absolute-form (through a proxy) keeps urllib3's target
                url = raw
        return super().request(method, url, body=body, headers=headers, **kwargs)


class _HTTPConnection(_ExactTarget, HTTPConnection):
    pass


class _HTTPSConnection(_ExactTarget, HTTPSConnection):
    pass


class _HTTPPool(HTTPConnectionPool):
    ConnectionCls = _HTTPConnection


class _HTTPSPool(HTTPSConnectionPool):
    ConnectionCls = _HTTPSConnection


class ExactAdapter(HTTPAdapter):
    def init_poolmanager(self, *args, **kwargs):
        super().init_poolmanager(*args, **kwargs)
        self.poolmanager.pool_classes_by_scheme = {"http": _HTTPPool, "https": _HTTPSPool}


def session(pool_size: int = 10) -> requests.Session:
    """A Session whose requests honour the RAW_TARGET header (see `exact_headers`).

    It reads the environment only when a variable there configures something (a proxy, a CA bundle):
    otherwise requests looks for proxies, ~/.netrc and CA bundles again on every request, a third of its
    CPU time per URL (see benchmarks/). ~/.netrc credentials are then never sent to a cited site.
    """
    result = requests.Session()
    result.trust_env = any(name.lower().endswith("_proxy") or name in ("REQUESTS_CA_BUNDLE", "CURL_CA_BUNDLE")
                           for name in os.environ)
    adapter = ExactAdapter(pool_connections=pool_size, pool_maxsize=pool_size, max_retries=0)
    result.mount("http://", adapter)
    result.mount("https://", adapter)
    return result


def exact_headers(target: str, headers: dict[str, str]) -> dict[str, str]:
    return {**headers, RAW_TARGET: target}
