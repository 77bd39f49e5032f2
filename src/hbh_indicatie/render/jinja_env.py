"""The one Jinja2 set-up for every document in ``render/templates`` (onderbouwing, besluittekst,
impact memo): strict about missing values, HTML escaped, Markdown and text left as written.
Each renderer adds its own filters."""

from __future__ import annotations

from jinja2 import Environment, PackageLoader, StrictUndefined, select_autoescape


def new_environment(keep_trailing_newline: bool = True) -> Environment:
    return Environment(
        loader=PackageLoader("hbh_indicatie.render", "templates"),
        autoescape=select_autoescape(enabled_extensions=("html.j2",), default=False),
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=keep_trailing_newline,
    )
