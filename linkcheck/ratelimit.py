"""Per-host pacing: at most N requests in flight to one host, a minimum interval between their starts.

A server's Retry-After holds back every request to that host, not just the one that was told.
"""
from __future__ import annotations

import threading
import time
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Callable, Iterator


@dataclass(frozen=True)
class Politeness:
    host_concurrency: int = 2
    host_interval: float = 1.0  # seconds between the starts of two requests to one host
    max_concurrency: int = 64  # requests in flight over all hosts
    max_retry_after: float = 10.0  # a longer Retry-After is not waited for: transient, and the run moves on


class _Host:
    def __init__(self, concurrency: int):
        self.slots = threading.BoundedSemaphore(concurrency)
        self.lock = threading.Lock()
        self.next_start = 0.0


class HostLimiter:
    """Hands out the right to send one request to a host, honouring the politeness settings."""

    def __init__(self, politeness: Politeness, clock: Callable[[], float] = time.monotonic,
                 sleep: Callable[[float], None] = time.sleep):
        self.politeness = politeness
        self._clock, self._sleep = clock, sleep
        self._hosts: dict[str, _Host] = {}
        self._hosts_lock = threading.Lock()
        self._global = threading.BoundedSemaphore(politeness.max_concurrency)

    def _host(self, name: str) -> _Host:
        with self._hosts_lock:
            if name not in self._hosts:
                self._hosts[name] = _Host(self.politeness.host_concurrency)
            return self._hosts[name]

    @contextmanager
    def slot(self, host: str) -> Iterator[None]:
        """Wait for a free slot and the host's next start time; hold the slot for one request."""
        state = self._host(host)
        with state.slots:
            while True:
                with state.lock:
                    wait = state.next_start - self._clock()
                    if wait <= 0:
                        state.next_start = self._clock() + self.politeness.host_interval
                        break
                self._sleep(wait)
            with self._global:
                yield

    def hold_back(self, host: str, seconds: float) -> None:
        """No request to the host starts for `seconds` (a Retry-After or a backoff)."""
        state = self._host(host)
        with state.lock:
            state.next_start = max(state.next_start, self._clock() + seconds)
