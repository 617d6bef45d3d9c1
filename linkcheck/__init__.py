"""The edition's link checker: finds every cited URL, checks it politely, keeps the ledger, reports.

Stages: collect/extract → check (ratelimit, softnotfound, sites) → ledger → report; cli is a thin shell.
"""
from linkcheck.check import Checker, Settings
from linkcheck.collect import collect
from linkcheck.ledger import DeadRule, Ledger
from linkcheck.ratelimit import Politeness
from linkcheck.runner import Run, run
from linkcheck.types import Checked, Citation, CitedUrl, Outcome, Result

__all__ = ["Checked", "Checker", "Citation", "CitedUrl", "DeadRule", "Ledger", "Outcome", "Politeness", "Result",
           "Run", "Settings", "collect", "run"]
