"""Reports of a run for maintainers: Markdown (the tracking issue), JSON, JUnit XML.

Every format shows the same groups, each link with the places that cite it.
"""
from __future__ import annotations

import json
from typing import Callable
from xml.etree import ElementTree

from edition.ledger import timestamp
from linkcheck.runner import Run
from linkcheck.types import Checked, Outcome

# (key, heading, who belongs): the order of the Markdown report and of the JSON `groups`.
GROUPS: list[tuple[str, str, Callable[[Checked], bool]]] = [
    ("new_dead", "New dead links", lambda c: c.after == "dead" and c.before != "dead"),
    ("still_dead", "Still dead", lambda c: c.after == "dead" and c.before == "dead"),
    ("recovered", "Recovered", lambda c: c.before == "dead" and c.after != "dead"),
    ("broken", "Broken, not yet dead", lambda c: c.result.outcome is Outcome.BROKEN and c.after != "dead"),
    ("blocked", "Blocked (the page may exist; we were refused)", lambda c: c.result.outcome is Outcome.BLOCKED),
    ("transient", "Transient failures (retried; will be checked again)", lambda c: c.result.outcome is Outcome.TRANSIENT),
    ("invalid", "Invalid URLs", lambda c: c.result.outcome is Outcome.INVALID),
    ("redirects", "Redirects to update (permanent)", lambda c: bool(c.result.suggestion)),
    ("fragments", "Missing fragments (the page exists; the #anchor does not)", lambda c: bool(c.result.missing_fragment)),
    ("warnings", "Other warnings (untrusted certificates, refused user agents, template pages)",
     lambda c: bool(c.result.warnings)),
]


def groups(run: Run) -> dict[str, list[Checked]]:
    return {key: [item for item in run.checked if belongs(item)] for key, _, belongs in GROUPS}


def summary(run: Run) -> dict[str, int]:
    counts = {outcome.value: 0 for outcome in Outcome}
    for item in run.checked:
        counts[item.result.outcome.value] += 1
    return {"checked": len(run.checked), "skipped": len(run.skipped), "dead": len(run.dead), **counts}


def _entry(item: Checked) -> dict:
    result = item.result
    return {
        "url": result.url,
        "outcome": result.outcome.value,
        "status": item.after,
        "status_before": item.before,
        "strikes": item.strikes,
        "http_status": result.http_status,
        "final_url": result.final_url,
        "redirects": [{"url": hop.url, "status": hop.status} for hop in result.redirects],
        "reason": result.reason,
        "suggestion": result.suggestion,
        "missing_fragment": result.missing_fragment,
        "warnings": list(result.warnings),
        "citations": [{"file": c.file, "line": c.line, "language": c.language, "ref": c.ref}
                      for c in item.cited.citations],
    }


def to_json(run: Run) -> str:
    """The schema is documented in README.md (section "Link checker")."""
    found = groups(run)
    document = {
        "version": 1,
        "started": timestamp(run.started),
        "summary": summary(run),
        "groups": {key: [item.result.url for item in items] for key, items in found.items()},
        "links": [_entry(item) for item in run.checked],
        "skipped": [item.url for item in run.skipped],
    }
    return json.dumps(document, indent=2, ensure_ascii=False) + "\n"


def to_markdown(run: Run) -> str:
    counts = summary(run)
    lines = [f"# Link check {timestamp(run.started)}", "",
             f"{counts['checked']} checked, {counts['skipped']} skipped (checked ok recently), "
             f"{counts['dead']} dead; outcomes: " + ", ".join(f"{counts[o.value]} {o.value}" for o in Outcome) + ".", ""]
    for key, heading, _ in GROUPS:
        items = groups(run)[key]
        if not items:
            continue
        lines += [f"## {heading} ({len(items)})", ""]
        for item in items:
            lines.append(f"- <{item.result.url}>: {_detail(key, item, run.strikes_needed)}")
            lines += [f"  - cited at `{citation.label()}`" for citation in item.cited.citations]
        lines.append("")
    if not any(groups(run).values()):
        lines += ["Every checked link works.", ""]
    return "\n".join(lines)


def _detail(key: str, item: Checked, strikes_needed: int) -> str:
    result = item.result
    if key == "redirects":
        return f"now at <{result.suggestion}>"
    if key == "fragments":
        return f"no element with id `{result.missing_fragment}` on the page"
    if key == "warnings":
        return "; ".join(result.warnings)
    if key == "broken":
        return f"{result.reason} (strike {item.strikes} of {strikes_needed} before it counts as dead)"
    return result.reason + (f"; ended at <{result.final_url}>" if result.final_url and result.final_url != result.url else "")


def to_junit(run: Run) -> str:
    """One test case per URL: dead links fail; other problems are skipped with their reason."""
    suite = ElementTree.Element("testsuite", name="linkcheck", tests=str(len(run.checked)),
                                failures=str(len(run.dead)), timestamp=timestamp(run.started))
    for item in run.checked:
        first = item.cited.citations[0] if item.cited.citations else None
        case = ElementTree.SubElement(suite, "testcase", name=item.result.url,
                                      classname=first.file if first else "linkcheck")
        if item.after == "dead":
            failure = ElementTree.SubElement(case, "failure", message=item.result.reason, type="dead")
            failure.text = "\n".join(c.label() for c in item.cited.citations)
        elif item.result.outcome is not Outcome.OK:
            ElementTree.SubElement(case, "skipped", message=f"{item.result.outcome.value}: {item.result.reason}")
    return ElementTree.tostring(ElementTree.ElementTree(suite).getroot(), encoding="unicode", xml_declaration=True) + "\n"
