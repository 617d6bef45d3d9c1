"""The site builds with MkDocs' own command line too, as maintainers and editors will run it."""
import os
import subprocess
import sys


def test_mkdocs_build_with_a_relative_config_path(project, tmp_path):
    # `mkdocs build -f mkdocs.yml` gives the hooks a relative config path; they must resolve it.
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    for config, out in (("mkdocs.yml", tmp_path / "de"), ("mkdocs.en.yml", tmp_path / "en")):
        result = subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", "-q", "-f", config,
                                 "-d", str(out)], cwd=project, env=env, capture_output=True, text=True)
        assert result.returncode == 0, result.stderr[-2000:]
        assert (out / "article" / "index.html").is_file()
