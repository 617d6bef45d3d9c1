"""One run of the checker: pick the URLs due, check them, record each result in the ledger at once.

The command line (cli) and tests call `run`; reports are made from what it returns.
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timezone
from typing import Callable

from linkcheck.check import Checker
from linkcheck.ledger import Ledger
from linkcheck.types import Checked, CitedUrl, Result


@dataclass(frozen=True)
class Run:
    checked: tuple[Checked, ...]
    skipped: tuple[CitedUrl, ...]  # checked ok recently: not asked again (see --force)
    started: datetime
    strikes_needed: int = 3  # broken checks that make a link dead (the ledger's rule)

    @property
    def dead(self) -> list[Checked]:
        return [item for item in self.checked if item.after == "dead"]


def run(cited: list[CitedUrl], checker: Checker, ledger: Ledger, *, force: bool = False,
        recheck_days: float = 7.0, now: Callable[[], datetime] = lambda: datetime.now(timezone.utc),
        on_checked: Callable[[Checked], None] | None = None) -> Run:
    """Check every cited URL that is due; each result is in the ledger's journal (on disk) before the next is reported."""
    started = now()
    due = [item for item in cited if force or not ledger.is_fresh(item.url, started, recheck_days)]
    due_urls = {item.url for item in due}
    skipped = tuple(item for item in cited if item.url not in due_urls)
    by_url = {item.url: item for item in due}
    done: dict[str, Checked] = {}

    def record(result: Result) -> None:
        item = by_url[result.url]
        change = ledger.record(item, result, now())
        done[item.url] = Checked(item, result, change.before, change.after, change.strikes)
        if on_checked:
            on_checked(done[item.url])

    checker.check_all([item.url for item in due], on_result=record)
    return Run(tuple(done[item.url] for item in due if item.url in done), skipped, started, ledger.rule.strikes)
