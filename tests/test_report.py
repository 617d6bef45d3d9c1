"""`make report`: the annotations by verdict, by review age (due first) and by last change in git, with counts."""
from __future__ import annotations

import os
import subprocess
from datetime import date
from pathlib import Path

from edition import report

FIXTURES = Path(__file__).parent / "fixtures" / "annotations"


def git(root: Path, *args: str, day: str = "2026-01-01") -> None:
    stamp = f"{day}T12:00:00+00:00"
    env = {**os.environ, "GIT_AUTHOR_DATE": stamp, "GIT_COMMITTER_DATE": stamp, "GIT_AUTHOR_NAME": "Ed",
           "GIT_AUTHOR_EMAIL": "ed@example.org", "GIT_COMMITTER_NAME": "Ed", "GIT_COMMITTER_EMAIL": "ed@example.org"}
    subprocess.run(["git", "-C", str(root), *args], check=True, capture_output=True, env=env)


def annotation(name: str, verdict: str, reviewed: str) -> str:
    text = (FIXTURES / "valid" / "nato-31.yml").read_text(encoding="utf-8")
    labels = {"outdated": ("Überholt", "Outdated"), "correct": ("Richtig", "Correct")}[verdict]
    return (text.replace("id: nato-31", f"id: {name}").replace("verdict: outdated", f"verdict: {verdict}")
            .replace("Überholt:", labels[0] + ":").replace("Outdated:", labels[1] + ":")
            .replace('  date: "2026-11-25"', f'  date: "{reviewed}"'))


def project(tmp_path: Path) -> Path:
    folder = tmp_path / "data" / "annotations"
    folder.mkdir(parents=True)
    git(tmp_path, "init", "-q")
    (folder / "old.yml").write_text(annotation("old", "outdated", "2025-01-10"), encoding="utf-8")
    git(tmp_path, "add", ".")
    git(tmp_path, "commit", "-qm", "Add old", day="2025-01-10")
    (folder / "new.yml").write_text(annotation("new", "correct", "2026-11-20"), encoding="utf-8")
    (folder / "tn-alliance.yml").write_text((FIXTURES / "valid" / "tn-alliance.yml").read_text(encoding="utf-8"),
                                            encoding="utf-8")
    git(tmp_path, "add", ".")
    git(tmp_path, "commit", "-qm", "Add new | with a bar", day="2026-11-20")
    # An edit not yet committed: the report says so instead of naming the last commit.
    (folder / "old.yml").write_text(annotation("old", "outdated", "2025-01-10") + "# edited\n", encoding="utf-8")
    return tmp_path


def section(text: str, title: str) -> list[str]:
    lines = text.split("\n")
    start = lines.index(title)
    end = next((n for n in range(start + 1, len(lines)) if lines[n].startswith("## ")), len(lines))
    return lines[start + 1:end]


def test_the_report_counts_by_verdict(tmp_path):
    text = report.render(project(tmp_path), today=date(2026, 12, 4))
    assert text.startswith("# Annotations on 2026-12-04\n\n3 annotations: 2 fact-checks, 1 translator's notes.")
    verdicts = section(text, "## By verdict")
    assert "| Überholt / Outdated (`outdated`) | 1 |" in verdicts
    assert "| Richtig / Correct (`correct`) | 1 |" in verdicts
    assert "| Falsch / False (`inaccurate`) | 0 |" in verdicts
    assert verdicts[verdicts.index("### Überholt / Outdated (1)") + 2] == "- `old`"


def test_due_reviews_come_first(tmp_path):
    rows = section(report.render(project(tmp_path), today=date(2026, 12, 4)), "## By review age (due first)")
    assert rows[1] == "1 due for review (last reviewed more than 12 months ago), 2 not yet."
    table = [row for row in rows if row.startswith("| `")]
    assert [row.split("`")[1] for row in table] == ["old", "new", "tn-alliance"]  # oldest review first, then by id
    assert table[0] == "| `old` | 2025-01-10 | fact-check-desk | **due** | 693 |"
    assert table[1] == "| `new` | 2026-11-20 | fact-check-desk | 2027-11-20 | 14 |"


def test_last_changes_come_from_git_newest_first(tmp_path):
    rows = section(report.render(project(tmp_path), today=date(2026, 12, 4)), "## By last change (from git)")
    assert "| 2026-11 | 2 |" in rows and "| not committed | 1 |" in rows
    table = [row for row in rows if row.startswith("| `")]
    assert table[0] == "| `old` | not committed | changes not yet committed |"
    assert table[1].startswith("| `new` | 2026-11-20 | `") and table[1].endswith("Add new \\| with a bar |")


def test_outside_git_the_changes_are_unknown_and_broken_files_are_listed(tmp_path):
    folder = tmp_path / "data" / "annotations"
    folder.mkdir(parents=True)
    (folder / "new.yml").write_text(annotation("new", "correct", "2026-11-20"), encoding="utf-8")
    (folder / "bad.yml").write_text(annotation("bad", "correct", "2026-11-20").replace("verdict: correct", "verdict: no"),
                                    encoding="utf-8")
    text = report.render(tmp_path, today=date(2026, 12, 4))
    assert "1 annotations: 1 fact-checks" in text
    assert f"No git history at {tmp_path}: last changes are unknown." in text
    broken = section(text, "## Files that do not load (1 problems; run `make check`)")
    assert any(line.startswith("- ") and "bad.yml:3: 'verdict' is 'no'" in line for line in broken)


def test_make_report_prints_the_projects_report(project):
    result = subprocess.run([str(project / ".venv" / "bin" / "python"), "-m", "edition.report"], cwd=project,
                            capture_output=True, text=True, check=True)
    assert result.stdout.startswith("# Annotations on ")
    for title in ("## By verdict", "## By review age (due first)", "## By last change (from git)"):
        assert f"\n{title}\n" in result.stdout
