"""The preview's own HTML (error page, annotation form): Jinja templates in this folder, autoescaped."""
from __future__ import annotations

from pathlib import Path

from jinja2 import Environment, FileSystemLoader, StrictUndefined, select_autoescape

_env = Environment(loader=FileSystemLoader(Path(__file__).parent), autoescape=select_autoescape(["html"]),
                   undefined=StrictUndefined, trim_blocks=True, lstrip_blocks=True)


def render(name: str, **values) -> str:
    return _env.get_template(name).render(**values)
