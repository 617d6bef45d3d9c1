"""How the annotations scale: `make check` and the German build with 100 annotations against none.

Run: .venv/bin/python benchmarks/annotations_scale.py  (prints seconds and the ratio; no assertions)
"""
from __future__ import annotations

import shutil
import tempfile
import time
from pathlib import Path

from mkdocs.commands.build import build
from mkdocs.config import load_config

from edition import annotations, blocks

PROJECT = Path(__file__).resolve().parent.parent
COUNT = 100


def unique_phrases(count: int) -> list[tuple[str, str]]:
    """(block id, phrase) pairs: four-word stretches that occur once, at most three per block, apart."""
    texts = annotations.anchoring.passages(blocks.read(PROJECT / "docs" / "de" / "article.md"))
    whole = "\n".join(text.text for text in texts)
    found = []
    for text in texts:
        words = text.text.split()
        for first in range(0, len(words) - 4, 12):
            phrase = " ".join(words[first:first + 4])
            if "[" not in phrase and whole.count(phrase) == 1 and sum(b == text.block_id for b, _ in found) < 3:
                found.append((text.block_id, phrase))
            if len(found) == count:
                return found
    return found


def write(root: Path, phrases: list[tuple[str, str]]) -> None:
    template = (PROJECT / "data" / "annotations" / "nato-members-2023.yml").read_text(encoding="utf-8")
    folder = root / "data" / "annotations"
    shutil.rmtree(folder, ignore_errors=True)
    folder.mkdir(parents=True)
    for number, (_, phrase) in enumerate(phrases):
        text = template.replace("id: nato-members-2023", f"id: bench-{number}")
        text = text.replace('exact: "hat heute 31 Mitgliedsstaaten"', f"exact: {phrase!r}".replace("'", '"'))
        (folder / f"bench-{number}.yml").write_text(text, encoding="utf-8")


def timed(action) -> float:
    start = time.perf_counter()
    action()
    return time.perf_counter() - start


def build_german(root: Path) -> None:
    config = load_config(config_file=str(root / "mkdocs.yml"), strict=True, site_dir=str(root / "site"))
    config.plugins.on_startup(command="build", dirty=False)
    try:
        build(config)
    finally:
        config.plugins.on_shutdown()


def main() -> None:
    root = Path(tempfile.mkdtemp(prefix="annotations-bench-"))
    for name in ("docs", "overrides", "hooks", "data", "edition"):
        shutil.copytree(PROJECT / name, root / name)
    for name in ("mkdocs.yml", "mkdocs.en.yml"):
        shutil.copy(PROJECT / name, root)
    phrases = unique_phrases(COUNT)
    results = {}
    for label, chosen in (("none", []), (f"{len(phrases)} annotations", phrases)):
        write(root, chosen)
        results[label] = (min(timed(lambda: annotations.check(root)) for _ in range(3)),
                          min(timed(lambda: build_german(root)) for _ in range(3)))
        print(f"{label:>16}: make check {results[label][0]:.3f} s, German build {results[label][1]:.3f} s")
    (check_none, build_none), (check_many, build_many) = results.values()
    print(f"ratio (annotations / none): check {check_many / max(check_none, 1e-6):.1f}x, "
          f"build {build_many / build_none:.2f}x")
    shutil.rmtree(root)


if __name__ == "__main__":
    main()
