"""Build both languages of the site into one folder: German at the root, English under en/.

`python -m edition.site build` is what `make build` runs; `serve` adds live reload for both.
"""
from __future__ import annotations

import argparse
import logging
import shutil
import sys
import tempfile
from pathlib import Path

from mkdocs.commands.build import build
from mkdocs.config import load_config
from mkdocs.exceptions import Abort, ConfigurationError, PluginError
from mkdocs.livereload import LiveReloadServer

PROJECT = Path(__file__).resolve().parent.parent
CONFIGS = ("mkdocs.yml", "mkdocs.en.yml")  # German first: its build clears the whole site folder.

log = logging.getLogger("edition.site")


def build_site(site_dir: Path, *, strict: bool = True, site_url: str | None = None,
               livereload_url: str | None = None) -> None:
    """Build every language into site_dir; raise on the first failing build."""
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


def serve(host: str, port: int) -> None:
    """Serve both languages with live reload on every change to content, data, theme or code."""
    site_dir = Path(tempfile.mkdtemp(prefix="edition-site-"))
    url = f"http://{host}:{port}/"

    def rebuild() -> None:
        try:
            build_site(site_dir, strict=False, site_url=url, livereload_url=url)
        except (Abort, ConfigurationError, PluginError) as error:
            # Keep serving the last good build; the message names the file and line to fix.
            log.error("%s", error)

    server = LiveReloadServer(builder=rebuild, host=host, port=port, root=str(site_dir))
    rebuild()
    for watched in ("docs", "data", "overrides", "edition", "hooks", *CONFIGS):
        server.watch(str(PROJECT / watched))
    try:
        server.serve()
    except KeyboardInterrupt:
        pass
    finally:
        server.shutdown()
        shutil.rmtree(site_dir, ignore_errors=True)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m edition.site", description=__doc__)
    commands = parser.add_subparsers(dest="command", required=True)
    build_cmd = commands.add_parser("build", help="strict build of both languages")
    build_cmd.add_argument("--site-dir", default=str(PROJECT / "site"))
    serve_cmd = commands.add_parser("serve", help="serve both languages with live reload")
    serve_cmd.add_argument("--host", default="127.0.0.1")
    serve_cmd.add_argument("--port", type=int, default=8000)
    args = parser.parse_args(argv)
    logging.basicConfig(level=logging.INFO, format="%(levelname)-7s - %(message)s")
    if args.command == "serve":
        serve(args.host, args.port)
        return 0
    try:
        build_site(Path(args.site_dir))
    except (Abort, ConfigurationError, PluginError) as error:
        print(f"Build failed: {error}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
