"""The edition's link checker: finds every cited URL, checks it politely, keeps the ledger, reports.

Stages: collect (edition.citations, edition.extract) → check (ratelimit, softnotfound, sites) → ledger → report; cli is a thin shell.
Then archive (wayback, drift, warc): a copy of every ledger link, and a fingerprint of every live page.
"""
from linkcheck.check import Checker, Settings
from linkcheck.collect import collect
from linkcheck.ledger import DeadRule, Ledger
from linkcheck.ratelimit import Politeness
from linkcheck.runner import Run, run
from linkcheck.types import Checked, Citation, CitedUrl, Outcome, Result

__all__ = ["Checked", "Checker", "Citation", "CitedUrl", "DeadRule", "Ledger", "Outcome", "Politeness", "Result",
           "Run", "Settings", "collect", "run"]
