"""The source policy (data/source-policy.yml) and the sourcing rules every cited source must meet.

The policy names domains that may not be cited (aggregators, scrapers, mirrors, machine-generated
sites), each with its reason; a listed domain covers its subdomains. The annotation and timeline
loaders call `refuse_blocked` for every source; `check_annotation_source` adds the rules of the
annotations' sources: a `kind`, and for a quotation its `language` and a `quote_translation` into
every edition language other than its own.
"""
from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from urllib.parse import urlsplit

from edition import datafile
from edition.datafile import DataError, Mapping

POLICY_FILE = Path(__file__).resolve().parent.parent / "data" / "source-policy.yml"
_DOMAIN_CHARACTERS = set("abcdefghijklmnopqrstuvwxyz0123456789-.")


@dataclass(frozen=True)
class BlockedDomain:
    domain: str  # lowercase, without "www."; covers its subdomains
    reason: str


def load_policy(path: Path | str = POLICY_FILE) -> tuple[BlockedDomain, ...]:
    """The blocked domains of a policy file, each checked (a lowercase domain, a reason, no repeats)."""
    path = datafile.shown_path(Path(path))
    data = datafile.expect_mapping(path, datafile.load(path), 1, "the source policy")
    datafile.check_keys(path, data, ["blocked"])
    items = datafile.expect_sequence(path, data["blocked"], data.line_of("blocked"), "'blocked'")
    blocked: dict[str, BlockedDomain] = {}
    for item, line in zip(items, items.item_lines):
        entry = datafile.expect_mapping(path, item, line, "a blocked domain")
        datafile.check_keys(path, entry, ["domain", "reason"])
        domain = datafile.text_field(path, entry, "domain").strip()
        if (domain != domain.lower() or "." not in domain or domain.startswith(("www.", ".")) or "/" in domain
                or not set(domain) <= _DOMAIN_CHARACTERS):
            raise DataError(path, entry.line_of("domain"), f"{domain!r} is not a domain",
                            "a lowercase domain name without scheme, path or 'www.', e.g. example.com")
        if domain in blocked:
            raise DataError(path, entry.line_of("domain"), f"domain {domain!r} is listed twice", "each domain once")
        blocked[domain] = BlockedDomain(domain, datafile.text_field(path, entry, "reason").strip())
    return tuple(blocked.values())


@lru_cache(maxsize=1)
def _policy() -> tuple[BlockedDomain, ...]:
    return load_policy()


def blocked_domain(url: str, policy: tuple[BlockedDomain, ...]) -> BlockedDomain | None:
    """The policy entry that refuses this address (its host or a parent domain is listed), or None."""
    host = (urlsplit(url).hostname or "").lower().rstrip(".")
    for entry in policy:
        if host == entry.domain or host.endswith("." + entry.domain):
            return entry
    return None


def refuse_blocked(path: Path | str, line: int, url: str, policy: tuple[BlockedDomain, ...] | None = None) -> None:
    """Fail with `file:line` when a cited address lies on a domain the source policy refuses."""
    entry = blocked_domain(url, _policy() if policy is None else policy)
    if entry:
        raise DataError(path, line, f"source on the blocked domain {entry.domain}: {entry.reason}",
                        "the original: the actor's own record or the news organisation that reported it "
                        "(data/source-policy.yml lists what may not be cited)")


def check_annotation_source(path: Path | str, fields: Mapping, editions: tuple[str, ...]) -> None:
    """An annotation's source says its kind; a quotation says its language and is translated."""
    if fields.get("kind") in (None, ""):
        raise DataError(path, fields.line, "a source without 'kind'", "primary, news, reference, scholarly")
    if fields.get("quote") in (None, ""):
        for key in ("language", "quote_translation"):
            if key in fields:
                raise DataError(path, fields.line_of(key), f"{key!r} without a 'quote'",
                                "language and quote_translation only with a quote")
        return
    language = fields.get("language")
    if language in (None, ""):
        raise DataError(path, fields.line_of("quote"), "a quote without 'language'",
                        "the quotation's language (ISO 639-1), e.g. ru, en, de")
    needed = [edition for edition in editions if edition != language]
    translation = fields.get("quote_translation")
    missing = [edition for edition in needed if not (isinstance(translation, dict) and translation.get(edition))]
    if missing:
        line = fields.line_of("quote_translation") if "quote_translation" in fields else fields.line_of("quote")
        raise DataError(path, line, f"a {language!r} quote without 'quote_translation' into {', '.join(missing)}",
                        "quote_translation with " + " and ".join(needed) + " (the quotation in every edition "
                        "language other than its own)")
    extra = [edition for edition in translation if edition == language]
    if extra:
        raise DataError(path, translation.line_of(language),
                        f"quote_translation into {language!r}, the quotation's own language",
                        " and ".join(needed) if needed else "no quote_translation")
