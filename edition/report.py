"""An editor's overview of the annotations, as Markdown on standard output: what `make report` prints.

By verdict, by review age (those due for review first) and by last change in git, each with counts.
"""
from __future__ import annotations

import subprocess
import sys
from collections import Counter
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from edition import annotations
from edition.annotations.load import load_folder, parse_date
from edition.annotations.model import VERDICTS, Annotation
from edition.datafile import Problems

PROJECT = Path(__file__).resolve().parent.parent


@dataclass(frozen=True)
class Change:
    """The last commit that touched a file, or none while the file has changes not yet committed."""
    day: str  # "YYYY-MM-DD" of the commit; "" when uncommitted
    commit: str  # abbreviated hash; "" when uncommitted
    subject: str


def render(root: Path = PROJECT, today: date | None = None) -> str:
    today = today or date.today()
    problems = Problems()
    items = load_folder(root / annotations.FOLDER, problems)
    changes = last_changes(root, [Path(item.path) for item in items])
    facts = [item for item in items if item.is_fact_check]
    lines = [f"# Annotations on {today.isoformat()}", "",
             f"{len(items)} annotations: {len(facts)} fact-checks, {len(items) - len(facts)} translator's notes."]
    lines += ["", "## By verdict", "", "| verdict | count |", "| --- | ---: |"]
    counts = Counter(item.verdict.code for item in facts)
    lines += [f"| {verdict.label['de']} / {verdict.label['en']} (`{code}`) | {counts[code]} |"
              for code, verdict in VERDICTS.items()]
    for code, verdict in VERDICTS.items():
        chosen = sorted(item.id for item in facts if item.verdict.code == code)
        if chosen:
            lines += ["", f"### {verdict.label['de']} / {verdict.label['en']} ({len(chosen)})", ""]
            lines += [f"- `{name}`" for name in chosen]
    lines += ["", *_review_section(items, today)]
    lines += ["", *_change_section(items, changes, root)]
    if problems:
        lines += ["", f"## Files that do not load ({len(problems.errors)} problems; run `make check`)", ""]
        lines += [f"- {error}" for error in problems.errors]
    return "\n".join(lines) + "\n"


def _review_section(items: list[Annotation] | tuple[Annotation, ...], today: date) -> list[str]:
    """Oldest review first, so that those due stand at the top; the due date is a year after the review."""
    rows = sorted(items, key=lambda item: (item.reviewed.date, item.id))
    due = [item for item in rows if _due_on(item) < today]
    lines = ["## By review age (due first)", "",
             f"{len(due)} due for review (last reviewed more than 12 months ago), {len(rows) - len(due)} not yet.", "",
             "| annotation | last reviewed | by | due on | age in days |", "| --- | --- | --- | --- | ---: |"]
    for item in rows:
        reviewed = parse_date(item.reviewed.date)
        mark = "**due**" if _due_on(item) < today else _due_on(item).isoformat()
        lines.append(f"| `{item.id}` | {item.reviewed.date} | {item.reviewed.by} | {mark} | "
                     f"{(today - reviewed).days} |")
    return lines


def _due_on(item: Annotation) -> date:
    return parse_date(item.reviewed.date) + annotations.REVIEW_INTERVAL


def _change_section(items, changes: dict[str, Change], root: Path) -> list[str]:
    lines = ["## By last change (from git)", ""]
    if changes is None:
        return lines + [f"No git history at {root}: last changes are unknown."]
    # Newest first (uncommitted at the top), by id within a day.
    rows = sorted(sorted(items, key=lambda item: item.id), key=lambda item: changes[item.path].day or "9999",
                  reverse=True)
    months = Counter(changes[item.path].day[:7] or "not committed" for item in items)
    lines += ["| month | annotations changed last then |", "| --- | ---: |"]
    lines += [f"| {month} | {count} |" for month, count in sorted(months.items(), reverse=True)]
    lines += ["", "| annotation | last change | commit |", "| --- | --- | --- |"]
    for item in rows:
        change = changes[item.path]
        lines.append(f"| `{item.id}` | {change.day or 'not committed'} | "
                     f"{f'`{change.commit}` {_cell(change.subject)}' if change.commit else 'changes not yet committed'} |")
    return lines


def last_changes(root: Path, paths: list[Path]) -> dict[str, Change] | None:
    """For each path (as given), its last commit; uncommitted changes win. None outside a git work tree."""
    def git(*args: str) -> str:
        return subprocess.run(["git", "-C", str(root), *args], capture_output=True, text=True, check=True).stdout

    try:
        top = Path(git("rev-parse", "--show-toplevel").strip())
        status = git("status", "--porcelain", "--", "data/annotations")
        log = git("log", "--format=\x01%cs %h %s", "--name-only", "--", "data/annotations")
    except (OSError, subprocess.CalledProcessError):
        return None
    changed = {line[3:].strip() for line in status.splitlines()}
    seen: dict[str, Change] = {}
    current = Change("", "", "")
    for line in log.splitlines():
        if line.startswith("\x01"):
            day, commit, subject = (line[1:].split(" ", 2) + [""])[:3]
            current = Change(day, commit, subject)
        elif line.strip():
            seen.setdefault(line.strip(), current)
    result = {}
    for path in paths:
        absolute = path if path.is_absolute() else Path.cwd() / path
        relative = absolute.resolve().relative_to(top.resolve()).as_posix()
        result[str(path)] = Change("", "", "") if relative in changed else seen.get(relative, Change("", "", ""))
    return result


def _cell(text: str, limit: int = 72) -> str:
    """A commit subject for a table cell: no column breaks, long ones cut."""
    text = text.replace("|", "\\|")
    return text if len(text) <= limit else text[:limit - 1].rstrip() + "…"


def main() -> int:
    sys.stdout.write(render())
    return 0


if __name__ == "__main__":
    sys.exit(main())
