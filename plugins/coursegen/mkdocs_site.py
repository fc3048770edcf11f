"""MkDocs' side of the course: its configuration and its files, as the core sees them."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import Files

from .site_config import Script, SiteConfig
from .site_files import UrlOf


def site_config(config: MkDocsConfig) -> SiteConfig:
    """The settings the core reads, from MkDocs' own (validated) configuration."""
    theme = config.theme
    settings: dict[str, Any] = {"name": theme.name, **{key: theme[key] for key in theme}}
    return SiteConfig(
        config_file=Path(config.config_file_path) if config.config_file_path else None,
        docs_dir=Path(config.docs_dir),
        site_dir=Path(config.site_dir),
        site_name=config.site_name or "",
        site_url=config.site_url or None,
        use_directory_urls=bool(config.use_directory_urls),
        strict=bool(config.strict),
        markdown_extensions=list(config.markdown_extensions),
        mdx_configs=dict(config.mdx_configs),
        theme=settings,
        nav=config.nav,
        exclude_docs=config.exclude_docs,
        draft_docs=config.draft_docs,
        extra_css=[str(path) for path in config.extra_css],
        extra_javascript=[Script(str(script), getattr(script, "type", None)) for script in config.extra_javascript],
    )


def url_of(files: Files) -> UrlOf:
    """A lookup of a file's URL (relative to the site's root) by its path in ``docs_dir``."""

    def url(src_uri: str) -> str | None:
        # The mapping first: get_file_from_path normalises the path through pathlib, which cost
        # more than the lookup (a page per lesson asks for every lesson it links).
        found = files.src_uris.get(src_uri) or files.get_file_from_path(src_uri)
        return found.url if found is not None else None

    return url
