"""The weekly link-check workflow: it parses, runs only what exists, pins its actions, keeps secrets in
secrets, and its issue and pull-request scripts do the right thing (against a fake `gh`)."""
from __future__ import annotations

import os
import re
import shlex
import subprocess
from pathlib import Path

import pytest
import yaml

PROJECT = Path(__file__).resolve().parent.parent
WORKFLOW = PROJECT / ".github" / "workflows" / "linkcheck.yml"
SCRIPTS = PROJECT / ".github" / "scripts"


@pytest.fixture(scope="module")
def workflow() -> dict:
    return yaml.safe_load(WORKFLOW.read_text(encoding="utf-8"))


def steps(workflow: dict) -> list[dict]:
    return [step for job in workflow["jobs"].values() for step in job["steps"]]


def make_targets() -> set[str]:
    text = (PROJECT / "Makefile").read_text(encoding="utf-8")
    return set(re.findall(r"^([\w-]+):(?!=)", text, re.M))


def test_it_runs_weekly_and_on_demand(workflow):
    triggers = workflow.get("on", workflow.get(True))  # YAML 1.1 reads a bare `on` as true
    assert "workflow_dispatch" in triggers
    [schedule] = triggers["schedule"]
    minute, hour, day, month, weekday = schedule["cron"].split()
    assert (day, month) == ("*", "*") and weekday.isdigit()


def test_every_command_is_a_make_target_or_a_script_of_the_project(workflow):
    for step in steps(workflow):
        if "run" not in step:
            continue
        words = shlex.split(step["run"])
        if words[0] == "make":
            targets = [word for word in words[1:] if "=" not in word]  # VAR=value sets a make variable
            assert targets and set(targets) <= make_targets(), step["run"]
        else:
            script = PROJECT / words[0]
            assert script.is_file() and os.access(script, os.X_OK), step["run"]
            subprocess.run(["bash", "-n", str(script)], check=True)


def test_actions_are_pinned_to_full_commit_shas(workflow):
    uses = [step["uses"] for step in steps(workflow) if "uses" in step]
    assert uses and all(re.fullmatch(r"[\w.-]+/[\w.-]+@[0-9a-f]{40}", use) for use in uses), uses


def test_secrets_reach_the_check_only_through_the_environment(workflow):
    for step in steps(workflow):
        assert "secrets." not in step.get("run", "")
    check = next(step for step in steps(workflow) if step.get("run", "").startswith("make linkcheck"))
    assert check["env"] == {"ARCHIVE_ORG_ACCESS_KEY": "${{ secrets.ARCHIVE_ORG_ACCESS_KEY }}",
                            "ARCHIVE_ORG_SECRET_KEY": "${{ secrets.ARCHIVE_ORG_SECRET_KEY }}"}


# ---- The scripts, against a fake gh that records its calls ----

FAKE_GH = """#!/usr/bin/env bash
echo "gh $*" >> "$GH_LOG"
case "$1 $2" in
  "issue list"|"pr list") echo "${FAKE_OPEN:-}" ;;
esac
"""


@pytest.fixture
def gh(tmp_path, monkeypatch):
    bin_dir = tmp_path / "bin"
    bin_dir.mkdir()
    (bin_dir / "gh").write_text(FAKE_GH)
    (bin_dir / "gh").chmod(0o755)
    log = tmp_path / "gh.log"
    monkeypatch.setenv("PATH", f"{bin_dir}{os.pathsep}{os.environ['PATH']}")
    monkeypatch.setenv("GH_LOG", str(log))
    return lambda: [line for line in log.read_text().splitlines() if not line.startswith("gh label")] \
        if log.exists() else []


def run_issue_script(tmp_path, needs_action: bool, open_issue: str = "") -> None:
    report = tmp_path / "linkcheck.md"
    report.write_text("# Link check\n\n2 dead links\n")
    flag = tmp_path / "needs-action"
    if needs_action:
        flag.write_text("")
    env = {**os.environ, "FAKE_OPEN": open_issue, "RUN_URL": "https://example.invalid/run/1"}
    subprocess.run([str(SCRIPTS / "linkcheck-issue.sh"), str(report), str(flag)], check=True, env=env)


@pytest.mark.parametrize("needs_action, open_issue, expected", [
    (True, "", "gh issue create --title Cited links need action --label linkcheck --body-file {report}"),
    (True, "7", "gh issue edit 7 --body-file {report}"),
    (False, "7", "gh issue close 7 --comment Nothing needs action after the latest check (https://example.invalid/run/1)."),
])
def test_the_tracking_issue_is_opened_updated_or_closed(tmp_path, gh, needs_action, open_issue, expected):
    run_issue_script(tmp_path, needs_action, open_issue)
    assert gh()[-1] == expected.format(report=tmp_path / "linkcheck.md")


def test_no_issue_is_touched_when_all_is_well_and_none_is_open(tmp_path, gh):
    run_issue_script(tmp_path, needs_action=False)
    assert gh() == ["gh issue list --label linkcheck --state open --limit 1 --json number --jq .[0].number // empty"]


def git(cwd: Path, *args: str) -> str:
    return subprocess.run(["git", *args], cwd=cwd, check=True, capture_output=True, text=True).stdout


@pytest.fixture
def repo(tmp_path):
    remote, work = tmp_path / "remote.git", tmp_path / "work"
    git(tmp_path, "init", "--quiet", "--bare", str(remote))
    git(tmp_path, "init", "--quiet", "-b", "main", str(work))
    git(work, "config", "user.email", "t@example.invalid")
    git(work, "config", "user.name", "t")
    (work / "data").mkdir()
    (work / "data" / "links.json").write_text('{"links": {}, "version": 1}\n')
    (work / "report.md").write_text("# Link check\n")
    git(work, "add", "data")
    git(work, "commit", "--quiet", "-m", "start")
    git(work, "remote", "add", "origin", str(remote))
    return work


def test_an_unchanged_ledger_proposes_nothing(repo, gh):
    subprocess.run([str(SCRIPTS / "ledger-pr.sh"), "report.md"], cwd=repo, check=True, capture_output=True)
    assert gh() == []


def test_a_changed_ledger_is_pushed_to_one_branch_and_proposed(repo, gh):
    (repo / "data" / "links.json").write_text('{"links": {"https://a.example/": {}}, "version": 1}\n')
    subprocess.run([str(SCRIPTS / "ledger-pr.sh"), "report.md"], cwd=repo, check=True, capture_output=True)
    assert gh()[-1] == ("gh pr create --head linkcheck/ledger --base main "
                        "--title Link ledger: weekly check and archive --body-file report.md")
    pushed = git(repo, "--git-dir", str(repo.parent / "remote.git"), "show", "linkcheck/ledger:data/links.json")
    assert "https://a.example/" in pushed
