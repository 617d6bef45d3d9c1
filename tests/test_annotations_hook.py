"""Through MkDocs: a broken annotation stops the build with its one line, no traceback."""
import shutil

import pytest
from mkdocs.commands.build import build
from mkdocs.config import load_config
from mkdocs.exceptions import Abort


@pytest.fixture
def copy(tmp_path, project):
    """The project's site sources in a temporary folder, so that data files can be broken there."""
    for name in ("docs", "overrides", "hooks", "data", "edition"):
        shutil.copytree(project / name, tmp_path / name)
    for name in ("mkdocs.yml", "mkdocs.en.yml"):
        shutil.copy(project / name, tmp_path)
    return tmp_path


def failed_build(root, caplog):
    """The error line MkDocs prints when the build stops (after its own "Error reading page …" line)."""
    with pytest.raises(Abort):
        build_german(root)
    errors = [record.getMessage() for record in caplog.records if record.levelname == "ERROR"]
    assert not any("Traceback" in error for error in errors)
    return errors[-1]


def build_german(root):
    config = load_config(config_file=str(root / "mkdocs.yml"), strict=True, site_dir=str(root / "site"))
    config.plugins.on_startup(command="build", dirty=False)
    try:
        build(config)
    finally:
        config.plugins.on_shutdown()


def test_a_phrase_the_article_lost_fails_the_build_with_one_line(copy, caplog):
    path = copy / "data" / "annotations" / "nato-members-2023.yml"
    path.write_text(path.read_text(encoding="utf-8").replace("hat heute 31", "hat jetzt 31"), encoding="utf-8")
    message = failed_build(copy, caplog)
    assert "\n" not in message and "nato-members-2023.yml:7: anchor.de “hat jetzt 31 Mitgliedsstaaten” not found" in message
    assert "closest passage (p-46): “hat heute 31 Mitgliedsstaaten.”" in message


def test_an_invalid_file_fails_the_build_with_one_line(copy, caplog):
    (copy / "data" / "annotations" / "x.yml").write_text("id: x\nkind: fact-check\nverdict: maybe\n", encoding="utf-8")
    message = failed_build(copy, caplog)
    assert "\n" not in message and message.endswith("x.yml:1: missing field 'anchor'; allowed: id, kind, verdict, "
                                                     "anchor, claim, summary, note, sources, reviewed")


def test_without_any_annotation_the_site_builds(copy):
    shutil.rmtree(copy / "data" / "annotations")
    # Timeline entries may point to annotations; an edition without annotations has no such links.
    for timeline in (copy / "data" / "timelines").glob("*.yml"):
        lines = timeline.read_text(encoding="utf-8").splitlines(keepends=True)
        timeline.write_text("".join(line for line in lines if not line.lstrip().startswith("annotations:")),
                            encoding="utf-8")
    build_german(copy)
    html = (copy / "site" / "fact-checks" / "index.html").read_text(encoding="utf-8")
    article = (copy / "site" / "article" / "index.html").read_text(encoding="utf-8")
    assert "Noch keine Faktenchecks." in html and "annotation-marker" not in article
