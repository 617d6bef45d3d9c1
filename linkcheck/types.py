"""The checker's vocabulary: where a URL is cited, and what one check of it found.

Outcomes are a closed set (`Outcome`); every stage passes these frozen records, never loose strings.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from enum import Enum

# Where a URL is cited: the edition's records, shared with the Sources page.
from edition.citations import Citation, CitedUrl  # noqa: F401  (re-exported)


class Outcome(str, Enum):
    """What one check found; only `broken` counts towards a link being dead."""

    OK = "ok"
    BROKEN = "broken"  # 404/410, soft-404, deep link sent to the home page, unknown domain, redirect loop
    BLOCKED = "blocked"  # 401/403/451/999, bot challenges: the page may exist, we may not see it
    TRANSIENT = "transient"  # 5xx, 429, timeout, connection failure: try again later
    INVALID = "invalid"  # malformed URL or a scheme we do not check


@dataclass(frozen=True)
class Hop:
    """One answer on the way to the final page: the URL asked and the status it answered with."""

    url: str
    status: int


@dataclass(frozen=True)
class Result:
    """The outcome of one check of one URL, with the evidence behind it."""

    url: str
    outcome: Outcome
    reason: str  # one line a maintainer can act on
    http_status: int | None = None
    final_url: str | None = None
    redirects: tuple[Hop, ...] = ()
    suggestion: str | None = None  # where a permanent redirect leads: the URL to cite instead
    missing_fragment: str | None = None  # the cited #fragment that the page does not have
    warnings: tuple[str, ...] = field(default=())

    @property
    def ok(self) -> bool:
        return self.outcome is Outcome.OK


@dataclass(frozen=True)
class Checked:
    """One URL after a run: where it is cited, what the check found, and its ledger status before and after."""

    cited: CitedUrl
    result: Result
    before: str  # ledger status before this run: live, dead, deviated, usurped, unknown
    after: str
    strikes: int = 0  # broken checks that count towards dead
