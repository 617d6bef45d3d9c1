"""Build both languages of the site into one folder: German at the root, English under en/.

`python -m edition.site build` is what `make build` runs; `serve` is the editors' preview: it rebuilds on
every change into a fresh folder and swaps it in only when the build succeeded (edition.authoring).
"""
from __future__ import annotations

import argparse
import logging
import sys
from pathlib import Path

from mkdocs.commands.build import build
from mkdocs.config import load_config
from mkdocs.exceptions import Abort, ConfigurationError, PluginError

PROJECT = Path(__file__).resolve().parent.parent
CONFIGS = ("mkdocs.yml", "mkdocs.en.yml")  # German first: its build clears the whole site folder.
# What the preview watches: a change to any of these rebuilds the site.
WATCHED = ("docs", "data", "overrides", "edition", "hooks", *CONFIGS)

log = logging.getLogger("edition.site")


def build_site(site_dir: Path, *, strict: bool = True, site_url: str | None = None,
               livereload_url: str | None = None) -> None:
    """Build every language into site_dir; raise on the first failing build.

    site_url is the German root's public address; without it (and without SITE_URL) the site is
    built with relative links only and no canonical, hreflang or JSON-LD addresses.
    """
    for name in CONFIGS:
        overrides = {"strict": strict}
        if site_url is not None:
            overrides["site_url"] = site_url
        config = load_config(config_file=str(PROJECT / name), **overrides)
        sub = "" if name == "mkdocs.yml" else config.extra["edition"]["root"]
        config.site_dir = str(site_dir / sub)
        config.plugins.on_startup(command="build", dirty=False)
        try:
            build(config, serve_url=livereload_url)
        finally:
            config.plugins.on_shutdown()


def serve(port: int) -> int:
    """The editors' preview on 127.0.0.1:port (never another interface); 2 with one line when the port is taken."""
    from edition.authoring.server import PortTaken, preview  # the development server only

    try:
        preview(PROJECT, port, WATCHED)
    except PortTaken as taken:
        print(taken, file=sys.stderr)
        return 2
    return 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m edition.site", description=__doc__)
    commands = parser.add_subparsers(dest="command", required=True)
    build_cmd = commands.add_parser("build", help="strict build of both languages")
    build_cmd.add_argument("--site-dir", default=str(PROJECT / "site"))
    serve_cmd = commands.add_parser("serve", help="the editors' preview, rebuilt on every change")
    serve_cmd.add_argument("--port", type=int, default=8000)
    args = parser.parse_args(argv)
    logging.basicConfig(level=logging.INFO, format="%(levelname)-7s - %(message)s")
    if args.command == "serve":
        return serve(args.port)
    try:
        build_site(Path(args.site_dir))
    except (Abort, ConfigurationError, PluginError) as error:
        print(f"Build failed: {error}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
