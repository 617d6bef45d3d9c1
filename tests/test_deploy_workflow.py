"""The GitHub Pages workflow: it tests before it publishes, builds for the Pages address, and calls
only make targets and scripts that exist in this repository."""
import re
import shlex
from pathlib import Path

import pytest
import yaml
from mkdocs.config import load_config

WORKFLOW = ".github/workflows/deploy.yml"


@pytest.fixture(scope="module")
def workflow(project):
    return yaml.safe_load((project / WORKFLOW).read_text(encoding="utf-8"))


def make_targets(project) -> set[str]:
    text = (project / "Makefile").read_text(encoding="utf-8")
    return set(re.findall(r"^([A-Za-z][\w.-]*):(?!=)", text, flags=re.MULTILINE))


def commands(run: str):
    """Each simple command of a `run:` script, as a list of words."""
    for line in run.splitlines():
        for command in re.split(r"&&|\|\||;", line):
            words = shlex.split(command, comments=True)
            if words:
                yield words


def steps(workflow):
    for name, job in workflow["jobs"].items():
        for step in job["steps"]:
            yield name, step


def test_publishes_on_every_push_to_main(workflow):
    # PyYAML reads the key `on` as the boolean True (YAML 1.1).
    triggers = workflow.get("on", workflow.get(True))
    assert triggers["push"]["branches"] == ["main"]
    assert workflow["permissions"]["pages"] == "write" and workflow["permissions"]["id-token"] == "write"


def test_runs_only_make_targets_and_scripts_that_exist(workflow, project):
    targets = make_targets(project)
    assert {"test", "build"} <= targets
    unknown = []
    for job, step in steps(workflow):
        for words in commands(step.get("run", "")):
            if words[0] == "make":
                unknown += [f"{job}: make {t}" for t in words[1:] if not t.startswith("-") and t not in targets]
            elif words[0] == "bash" and len(words) == 2:
                if not (project / words[1]).is_file():
                    unknown.append(f"{job}: missing script {words[1]}")
            else:
                unknown.append(f"{job}: {' '.join(words)} (neither a make target nor a script of ours)")
    assert not unknown, unknown


def test_tests_gate_the_build_and_the_build_uses_the_pages_address(workflow, project):
    build = workflow["jobs"]["build"]["steps"]
    uses = [step.get("uses", "").split("@")[0] for step in build]
    runs = [step.get("run", "") for step in build]
    pages = next(step for step in build if step.get("uses", "").startswith("actions/configure-pages@"))
    assert runs.index("bash .ci/run") < runs.index("make build"), "the site is built before it is tested"
    make_build = next(step for step in build if step.get("run") == "make build")
    assert make_build["env"]["SITE_URL"] == "${{ steps.%s.outputs.base_url }}/" % pages["id"]
    upload = build[uses.index("actions/upload-pages-artifact")]
    site_dir = Path(load_config(str(project / "mkdocs.yml")).site_dir)
    assert upload["with"]["path"] == site_dir.relative_to(project).as_posix()
    assert uses.index("actions/upload-pages-artifact") > runs.index("make build")


def test_deploys_the_built_artifact_to_the_pages_environment(workflow):
    deploy = workflow["jobs"]["deploy"]
    assert deploy["needs"] == "build"
    assert deploy["environment"]["name"] == "github-pages"
    assert [step["uses"].split("@")[0] for step in deploy["steps"]] == ["actions/deploy-pages"]
