"""At ``config-inited``: read the Jekyll site (if any) and set Sphinx up for it.

Zero-config Jekyll site mode starts when the source folder has a
``_config.yml`` (or ``blogposts_jekyll_site = True``).  Then collections,
``defaults:``, ``exclude:``, ``title``, ``description``, ``url``,
``baseurl``, ``timezone``, ``locale`` and ``future`` come from ``_config.yml``
unless ``conf.py`` sets the matching ``blogposts_*`` value; Jekyll's
non-content folders are excluded; Markdown extensions and ``.html`` (the site's
HTML pages, :mod:`.html_pages`) are registered; the page whose permalink is
``/`` becomes the root document.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import TYPE_CHECKING, Any

from sphinx.locale import init as init_locale
from sphinx.util import logging

from ..core.config import BlogpostsConfig, conf_py_line, register_config_values, resolve_config
from ..core.feeds import FEED_FIELDS, feed_settings
from ..core.front_matter import read_front_matter
from ..core.i18n import LOCALE_DIR, MESSAGE_CATALOG, parse_locale
from ..core.jekyll_site import _KEYS as JEKYLL_KEYS
from ..core.jekyll_site import (
    NON_CONTENT_DIRS,
    JekyllConfig,
    collection_dirs,
    excluded_patterns,
    load_data_file,
    load_jekyll_config,
)
from ..core.github_pages import gemfile_names_github_pages
from ..core.languages import language_folders
from ..core.safe_paths import inside
from ..core.warnings import BlogWarning, warn
from .html_pages import add_html_suffix, register_html_pages

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinx.config import Config

logger = logging.getLogger(__name__)

PACKAGE_DIR = Path(__file__).parent.parent
TEMPLATES_DIR = PACKAGE_DIR / "templates"

#: MyST extensions that match what kramdown (Jekyll's Markdown) does by default.
JEKYLL_MYST_EXTENSIONS = ("deflist", "smartquotes", "colon_fence", "html_image", "strikethrough")

ROOT_PERMALINKS = ("/", "/index.html", "/index", "")


def on_config_inited(app: Sphinx, config: Config) -> None:
    srcdir = Path(app.srcdir)
    conf_py = Path(app.confdir) / "conf.py"
    mode, jekyll, values = site_values(srcdir, config.blogposts_jekyll_config, config.blogposts_jekyll_site)
    for problem in jekyll.problems:
        warn(problem.message, BlogWarning.CONFIG, location=f"{jekyll.path}:{problem.line}")
    # a value from _config.yml is reported at its own key there (url:, not site_url:)
    keys = {name: key for key, name in JEKYLL_KEYS.items()}
    keys.update(dict.fromkeys(FEED_FIELDS, "feed"))  # feed: maps onto several values
    settings = resolve_config(
        config, values, lambda name: jekyll.location(keys.get(name, name)), lambda name: conf_py_line(conf_py, name)
    )

    config.blogposts_language_folders = settings.language_folders = resolved_language_folders(
        srcdir, settings.language_folders
    )
    config.templates_path = [*config.templates_path, str(TEMPLATES_DIR)]
    # Sphinx merges the suffixes into the value it has (800); unset, that is the
    # default dict itself, which every later app of the process would inherit
    if isinstance(config.source_suffix, dict):
        config.source_suffix = dict(config.source_suffix)
    _add_markdown_suffixes(app, settings)
    raw = getattr(config, "_raw_config", {})
    if settings.site_title and "project" not in raw:
        config.project = settings.site_title
        if "html_title" not in raw and hasattr(config, "html_title"):
            config.html_title = settings.site_title  # a blog is not "<project> documentation"
    if "copyright" not in raw and mode:
        config.copyright = _copyright(jekyll.data, settings)
    if "language" not in raw:
        language = site_language(jekyll)
        if language:
            config.language = language
    if mode:
        _setup_jekyll_site(app, config, settings, raw)
    # The catalog follows the final language (conf.py or _config.yml's locale).
    init_locale([str(LOCALE_DIR)], config.language, MESSAGE_CATALOG)


def resolved_language_folders(srcdir: Path, setting: Any) -> list[str]:
    """``blogposts_language_folders`` as the list of folder names it means here
    (:func:`.core.languages.language_folders` over the source folder's top folders)."""
    try:
        names = sorted(e.name for e in srcdir.iterdir() if e.is_dir() and not e.name.startswith(("_", ".")))
    except OSError:
        names = []
    return sorted(language_folders(names, setting))


def site_values(
    srcdir: Path, jekyll_config: str | None, jekyll_site: bool | None
) -> tuple[bool, JekyllConfig, dict[str, Any]]:
    """Jekyll site mode, ``_config.yml`` and the ``blogposts_*`` values it provides.

    ``jekyll_config`` and ``jekyll_site`` are the ``conf.py`` values (``None``
    when unset).  Reads files only; the caller reports ``JekyllConfig.problems``.
    """
    jekyll_file = srcdir / (jekyll_config or "_config.yml")
    mode = jekyll_site
    if mode is None:
        mode = jekyll_file.is_file()
    jekyll = JekyllConfig(path=jekyll_file)
    if mode and jekyll_file.is_file():
        jekyll = load_jekyll_config(jekyll_file)
    values: dict[str, Any] = {**jekyll.settings(), "jekyll_site": bool(mode)}
    if mode:
        values["liquid"] = "on"  # Jekyll renders Liquid; a docs project keeps the default "off"
        values["kramdown"] = True  # and reads Markdown with kramdown
        values.update(feed_settings(jekyll.data.get("feed")))  # jekyll-feed's defaults, then feed:
        authors = load_data_file(srcdir / "_data" / "authors.yml", root=srcdir)
        if isinstance(authors, dict):
            values["authors"] = authors
        if runs_on_github_pages(srcdir):
            values["github_pages"] = True  # blogposts_github_pages = False in conf.py still wins
    return bool(mode), jekyll, values


def runs_on_github_pages(srcdir: Path) -> bool:
    """Does the site's ``Gemfile`` name the ``github-pages`` gem (:mod:`.core.github_pages`)?"""
    gemfile = srcdir / "Gemfile"
    try:
        if not inside(gemfile, srcdir):
            return False  # a link out of the site is not the site's
        text = gemfile.read_text(encoding="utf-8", errors="replace")
    except OSError:
        return False
    return gemfile_names_github_pages(text)


def site_language(jekyll: JekyllConfig) -> str | None:
    """The language code of ``locale`` (or ``lang``), when Babel knows it; else a warning.

    The code reaches ``<html lang>``, dates and the message catalog, so
    anything that is not a locale is refused rather than passed on.
    """
    # jekyll-polyglot's default language is the site's when nothing else names one
    key = next((k for k in ("locale", "lang", "default_lang") if jekyll.data.get(k)), "lang")
    locale = jekyll.data.get(key)
    if not locale:
        return None
    parsed = parse_locale(locale.strip()) if isinstance(locale, str) else None
    if parsed is None:
        warn(
            f"{key}: {str(locale)[:200]!r} is not a locale (such as en, en-US or es_MX); "
            "the language is not set from it",
            BlogWarning.CONFIG,
            location=jekyll.location(key),
        )
        return None
    return parsed.language


def _copyright(data: dict[str, Any], settings: BlogpostsConfig) -> str:
    """Jekyll has no copyright setting; the site's author (or title) is the holder."""
    for value in (data.get("copyright"), data.get("author"), data.get("name"), settings.site_title):
        if isinstance(value, dict):
            value = value.get("name")
        if isinstance(value, str) and value.strip():
            return value.strip()
    return ""


def _add_markdown_suffixes(app: Sphinx, settings: BlogpostsConfig) -> None:
    """Register Jekyll's Markdown extensions; Sphinx merges them into source_suffix next."""
    for ext in settings.markdown_ext:
        if f".{ext}" not in app.registry.source_suffix:
            app.add_source_suffix(f".{ext}", "markdown")


def _setup_jekyll_site(app: Sphinx, config: Config, settings: BlogpostsConfig, raw: dict) -> None:
    srcdir = Path(app.srcdir)
    folders = collection_dirs(settings.collections, settings.collections_dir)
    excluded = excluded_patterns(srcdir, list(folders), settings.include, settings.exclude)
    config.exclude_patterns = [*config.exclude_patterns, *excluded]
    if "myst_enable_extensions" not in raw and hasattr(config, "myst_enable_extensions"):
        current = list(config.myst_enable_extensions or [])
        config.myst_enable_extensions = [*current, *(e for e in JEKYLL_MYST_EXTENSIONS if e not in current)]
    if "smartquotes" not in raw:
        # kramdown's typographic symbols (markdown/typography.py) and MyST's smart
        # quotes do it as kramdown does; Sphinx's would also change link addresses
        config.smartquotes = False
    if "myst_heading_anchors" not in raw and hasattr(config, "myst_heading_anchors"):
        config.myst_heading_anchors = 6  # in-page links written for Jekyll: [..](#sobre-mí)
    if "myst_heading_slug_func" not in raw and hasattr(config, "myst_heading_slug_func"):
        config.myst_heading_slug_func = "sphinx_blogposts.core.slugs.kramdown_slug"
    if "suppress_warnings" not in raw:
        # kramdown accepts any heading levels; Jekyll posts skip levels all the time
        config.suppress_warnings = [*config.suppress_warnings, "myst.header"]
    ignored = sorted(p[:-3] for p in excluded if p.startswith("_") and p.endswith("/**"))
    ignored = [d for d in ignored if d not in NON_CONTENT_DIRS]
    if ignored:
        logger.info(
            "sphinx_blogposts: as in Jekyll, these folders are not collections and are not built "
            "(declare them under collections: in _config.yml to build them): %s",
            ", ".join(ignored),
        )
    root = _scan_pages(srcdir, settings, excluded, folders)
    if root and "root_doc" not in raw and "master_doc" not in raw:
        # the page whose URL is / is the site's index.html: discovery gives it the
        # docname of its URL (or keeps index.md there, when the site has one)
        config.root_doc = config.master_doc = "index"
    add_html_suffix(app)  # .html pages with front matter are pages (reading/html_pages.py)


def _scan_pages(
    srcdir: Path, settings: BlogpostsConfig, excluded: list[str], folders: dict[str, str]
) -> str | None:
    """Find the page whose permalink is ``/`` (Markdown or ``.html``).

    Only pages outside collections are read (collections are never the home).
    """
    skip_top = {p.split("/")[0] for p in excluded} | {f.split("/")[0] for f in folders}
    markdown = {f".{e.lower()}" for e in settings.markdown_ext}
    root: str | None = None
    for dirpath, dirnames, filenames in os.walk(srcdir):
        rel = Path(dirpath).relative_to(srcdir).as_posix()
        if rel == ".":
            dirnames[:] = [d for d in dirnames if d not in skip_top and not d.startswith(".")]
        else:
            dirnames[:] = [d for d in dirnames if not d.startswith((".", "_"))]
        dirnames.sort()
        for name in sorted(filenames):
            stem, ext = os.path.splitext(name)
            ext = ext.lower()
            if ext not in markdown and ext != ".html":
                continue
            path = Path(dirpath) / name
            try:
                with open(path, encoding="utf-8-sig", errors="replace") as f:
                    head = f.read(65536)
            except OSError:
                continue
            fm = read_front_matter(head)
            if not fm.present:
                continue
            relpath = path.relative_to(srcdir).as_posix()
            permalink = fm.data.get("permalink")
            if root is None and isinstance(permalink, str) and permalink.strip() in ROOT_PERMALINKS[:3]:
                root = relpath[: -len(ext)]
    return root


def register_site(app: Sphinx) -> None:
    """Load MyST and sphinx-design, declare the ``blogposts_*`` values and the message catalog."""
    app.setup_extension("myst_parser")
    app.setup_extension("sphinx_design")
    register_config_values(app)
    register_html_pages(app)
    app.add_message_catalog(MESSAGE_CATALOG, str(LOCALE_DIR))
