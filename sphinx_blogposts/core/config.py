"""The ``blogposts_*`` configuration values.

Each field of :class:`BlogpostsConfig` is registered as ``blogposts_<name>``
with a default of ``None``, which means "not set in conf.py".  At
``config-inited`` every value is resolved once — ``conf.py`` first, then the
Jekyll ``_config.yml`` (see :mod:`.core.jekyll_site`), then the default below — and
written back into the Sphinx config, so a change in ``_config.yml`` changes the
config and Sphinx rebuilds what depends on it.  Invalid values get a
``blogposts.config`` warning and fall back to the default.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from sphinx.application import Sphinx
from sphinx.config import Config

from .comments import comments_setup
from .defaults import problems as defaults_problems
from .urls import is_site_relative, is_web_url
from .warnings import BlogWarning, warn


def _opt(default: Any, types: tuple[type, ...], doc: str, choices: tuple[str, ...] = ()) -> Any:
    factory = (lambda: type(default)(default)) if isinstance(default, (dict, list)) else None
    meta = {"types": types, "doc": doc, "choices": choices}
    if factory:
        return field(default_factory=factory, metadata=meta)
    return field(default=default, metadata=meta)


@dataclass
class BlogpostsConfig:
    """Resolved settings of sphinx_blogposts (``blogposts_<field>`` in conf.py)."""

    jekyll_site: bool = _opt(
        False, (bool,), "Read the source folder as a Jekyll site (default: when _config.yml exists)."
    )
    jekyll_config: str = _opt("_config.yml", (str,), "The Jekyll configuration file, relative to the source folder.")
    collections: dict = _opt(
        {}, (dict, list), "Collections: name -> {output, permalink, sort_by, order, title, description}."
    )
    collections_dir: str = _opt("", (str,), "Folder that holds the _<collection> folders.")
    defaults: list = _opt([], (list,), "Front-matter defaults, as Jekyll's defaults: [{scope: {path, type}, values}].")
    exclude: list = _opt([], (list,), "Extra paths or patterns that are not content (Jekyll's exclude:).")
    include: list = _opt([], (list,), "Underscore or dot folders that are content after all (Jekyll's include:).")
    drafts: bool = _opt(False, (bool,), "Build the posts in _drafts/.")
    future: bool = _opt(False, (bool,), "Build posts dated in the future.")
    site_title: str = _opt("", (str,), "The site's title (Jekyll's title).")
    site_description: str = _opt("", (str,), "The site's description.")
    site_url: str = _opt("", (str,), "The site's address, e.g. https://example.org (Jekyll's url).")
    baseurl: str = _opt("", (str,), "The path the site lived under, e.g. /blog (Jekyll's baseurl).")
    timezone: str = _opt("", (str,), "Time zone for dates without an offset (e.g. Europe/Madrid); UTC when empty.")
    permalink: str = _opt("date", (str,), "Permalink style or template of posts (Jekyll's permalink).")
    excerpt_separator: str = _opt("\n\n", (str,), "Where a post's excerpt ends (default: after the first paragraph).")
    words_per_minute: int = _opt(200, (int,), "Reading speed for the reading time in the post header.")
    post_header: bool = _opt(True, (bool,), "Show the post header (date, collection, tags, author, reading time).")
    home_page: bool = _opt(True, (bool,), "Generate a home page when the site has no root document.")
    repository: str = _opt("", (str,), "The site's GitHub repository (owner/name), to find its files by raw URL.")
    bare_image_urls: bool = _opt(True, (bool,), "Show an image URL that stands alone on a line as the image.")
    convert_html: bool = _opt(True, (bool,), "Turn raw HTML figures, images and media into native nodes.")
    raw_html: str | None = _opt(
        None,
        (str, type(None)),
        "Raw HTML in pages: sanitize (remove scripts, handlers, script URLs) or keep (as "
        "written, at the site's own risk). Default: sanitize every page of a Jekyll site, "
        "only the posts of a docs project.",
        ("sanitize", "keep"),
    )
    paginate: int = _opt(10, (int,), "Posts per page of a collection index (Jekyll's paginate).")
    related: int = _opt(4, (int,), "Related posts shown at the end of each post with related: true (0: none).")
    index_format: str = _opt("cards", (str,), "Layout of collection indexes: cards or list.", ("cards", "list"))
    archives: list = _opt(
        ["year", "tag", "category", "author"],
        (list,),
        "Archive pages to generate: year, tag, category, author.",
        ("year", "tag", "category", "author"),
    )
    archive_paths: dict = _opt(
        {"year": "archive", "tag": "tags", "category": "categories", "author": "authors"},
        (dict,),
        "Folder of each kind of archive page.",
    )
    feeds: bool = _opt(True, (bool,), "Write Atom and RSS feeds (needs html_baseurl or url).")
    feed_formats: list = _opt(
        ["atom", "rss"], (list,), "Which feeds: atom (feed.xml), rss (rss.xml).", ("atom", "rss")
    )
    feed_length: int = _opt(
        20, (int,), "Posts per feed, newest first (jekyll-feed's posts_limit; default: 10 in a Jekyll site)."
    )
    feed_tags: bool | dict = _opt(
        False,
        (bool, dict),
        "Also write a feed per tag: True (beside each tag page), or jekyll-feed's {only, except, "
        "path} (feed/by_tag/<tag>.xml).",
    )
    feed_full_text: bool = _opt(
        False,
        (bool,),
        "Put each post's full text in the feeds, else its summary (default: on in a Jekyll "
        "site, as jekyll-feed; off with feed: excerpt_only: true).",
    )
    feed_path: str = _opt("feed.xml", (str,), "The site's Atom feed (jekyll-feed's feed: path); rss.xml beside it.")
    feed_collections: dict | list = _opt(
        {},
        (dict, list),
        "jekyll-feed's collections: names, or name -> {path, categories}: feed/<collection>.xml "
        "and feed/<collection>/<category>.xml.",
    )
    feed_categories: list = _opt([], (list,), "jekyll-feed's categories: a feed of posts at feed/<category>.xml each.")
    archive_limit: int = _opt(
        1000, (int,), "Most pages per kind of archive (tags, categories, authors); the most used win."
    )
    toctree_posts: bool | None = _opt(
        None,
        (bool, type(None)),
        "Put every post in its collection index's toctree: True, False, or None (only for "
        "builders that assemble one document: singlehtml, latex, epub, texinfo, man).",
    )
    navigation: str = _opt(
        "navigation.main",
        (str,),
        "The site's menu, the root toctree of a Jekyll site: <data file>.<key> in _data/ "
        "(navigation.main: _data/navigation.yml's main:); empty for the short default.",
    )
    url_spellings: bool = _opt(
        True,
        (bool,),
        "Write a redirect page at the other spelling of each page's own URL (x.html for "
        "/x/, x/index.html for /x.html), so a plain static host answers every spelling; "
        "False leaves them out (Jekyll never wrote them).",
    )
    markdown_ext: list = _opt(
        ["md", "markdown", "mkdown", "mkdn", "mkd"], (list, str), "File extensions read as Markdown."
    )
    kramdown: bool = _opt(
        False,
        (bool,),
        "Read Markdown as kramdown reads it (Jekyll's dialect: attribute lists, {:toc}, "
        "abbreviations, $$ math, kramdown tables and footnotes). Default: on in a Jekyll "
        "site, off in a docs project.",
    )
    kramdown_options: dict = _opt(
        {},
        (dict,),
        "kramdown's options, as under kramdown: in _config.yml: toc_levels, smart_quotes, and "
        "parse_block_html (true reads the content of every HTML block element as Markdown); a "
        "page's {::options} wins.",
    )
    authors: dict = _opt({}, (dict,), "Authors by key, as in Jekyll's _data/authors.yml.")
    author: dict | str = _opt(
        {}, (dict, str), "The site's author (a name, or name/avatar/bio/links...): the author of posts that name none."
    )
    github_pages: bool | None = _opt(
        None,
        (bool, type(None)),
        "The site runs on GitHub Pages, whose default plugins are then on (optional front "
        "matter, titles from headings, README as index, relative links): True, False, or "
        "None (on when the Gemfile names the github-pages gem).",
    )
    plugins: list = _opt(
        [], (list, str), "Jekyll's plugins: (or gems:) of _config.yml; GitHub Pages' plugins and jemoji listed there are on."
    )
    seo: bool = _opt(True, (bool,), "Write the SEO head of jekyll-seo-tag (Open Graph, Twitter card, JSON-LD) in HTML pages.")
    twitter: dict | str = _opt({}, (dict, str), "The site's Twitter/X account (Jekyll's twitter: username, card).")
    social: dict = _opt({}, (dict,), "Who the site is (Jekyll's social: type, name, links) for JSON-LD.")
    og_image: str | dict = _opt("", (str, dict), "The picture of pages that have none (og_image: in _config.yml).")
    logo: str = _opt("", (str,), "The site's logo, the JSON-LD publisher's (Jekyll's logo:).")
    comments: dict | bool | str = _opt(
        {}, (dict, bool, str), "Comments on posts: provider (giscus, utterances, disqus) and its keys (Jekyll's comments:)."
    )
    language_folders: bool | list | None = _opt(
        None,
        (bool, list, type(None)),
        "Top-level folders that are languages (es/, zh_cn/, pt-br/): True, False, a list of "
        "folder names, or None (on when two or more top-level folders are language codes).",
    )
    languages: list = _opt([], (list,), "jekyll-polyglot's languages: the site's language codes.")
    default_lang: str = _opt("", (str,), "jekyll-polyglot's default_lang (default: the first of languages).")
    liquid: str = _opt(
        "off",
        (str,),
        "Render the Liquid of posts and pages: off, on, or strict (a Liquid problem fails the "
        "build). Default: on in a Jekyll site, off in a docs project.",
        ("off", "on", "strict"),
    )

    @classmethod
    def from_config(cls, config: Config) -> BlogpostsConfig:
        """The resolved settings (valid after ``config-inited``)."""
        return cls(**{f.name: getattr(config, f"blogposts_{f.name}") for f in dataclasses.fields(cls)})


def register_config_values(app: Sphinx) -> None:
    """Declare every ``blogposts_*`` value (all default to ``None``: "not set")."""
    for f in dataclasses.fields(BlogpostsConfig):
        app.add_config_value(
            f"blogposts_{f.name}",
            None,
            "env",
            types=(*f.metadata["types"], type(None)),
            description=f.metadata["doc"],
        )


def resolve_config(
    config: Config, jekyll: dict[str, Any], locate: Any, conf_location: Any
) -> BlogpostsConfig:
    """Fill every ``blogposts_*`` value: conf.py, then ``jekyll``, then the default.

    ``jekyll`` maps field names to values taken from ``_config.yml``;
    ``locate(name)`` gives a warning location for a value from there, and
    ``conf_location(name)`` for a value from conf.py.
    """
    resolved: dict[str, Any] = {}
    for f in dataclasses.fields(BlogpostsConfig):
        name = f"blogposts_{f.name}"
        default = f.default_factory() if f.default_factory is not dataclasses.MISSING else f.default
        types: tuple[type, ...] = f.metadata["types"]
        value, where = getattr(config, name), "conf.py"
        site_value = jekyll.get(f.name)
        if value is not None and _valid(site_value, types, f.metadata["choices"]):
            default = site_value  # a bad conf.py value falls back to the site's own setting
        if value is None and jekyll.get(f.name) is not None:
            value, where = jekyll[f.name], None
        if value is None:
            value = default
        value = _coerce(f.name, value, default)
        if not isinstance(value, types) or (isinstance(value, bool) and bool not in types):
            expected = " or ".join(t.__name__ for t in types)
            warn(
                f"{name} should be {expected}, not {type(value).__name__} ({value!r}); "
                f"using the default {default!r}",
                BlogWarning.CONFIG,
                location=locate(f.name) if where is None else conf_location(name),
            )
            value = default
        value = _check_choices(name, value, default, f.metadata["choices"], lambda: (
            locate(f.name) if where is None else conf_location(name)
        ))
        problem = _check_text(f.name, value)
        if problem:
            warn(
                f"{name}: {problem}",
                BlogWarning.CONFIG,
                location=locate(f.name) if where is None else conf_location(name),
            )
            value = f.default
        if f.name == "defaults":
            for message in defaults_problems(value):
                warn(
                    f"{name}: {message}",
                    BlogWarning.CONFIG,
                    location=locate(f.name) if where is None else conf_location(name),
                )
        if f.name == "comments":
            # a provider that cannot be written: said once, at the line of comments:
            _, problem = comments_setup(value, resolved.get("repository", ""))
            if problem:
                warn(problem, BlogWarning.CONFIG, location=locate(f.name) if where is None else conf_location(name))
        resolved[f.name] = value
        setattr(config, name, value)
    return BlogpostsConfig(**resolved)


def _check_text(name: str, value: Any) -> str | None:
    """What is wrong with a text value that reaches links or dates, or ``None``.

    The site's address becomes the base of feed, canonical and sitemap links,
    so it must be ``http(s)://host`` and its ``baseurl`` a path; a time zone
    must be one Python knows.
    """
    if name == "baseurl" and value and (not is_site_relative(value.strip()) or any(c in value for c in "?#")):
        return f"{value[:200]!r} is not a path such as /blog; it is not used"
    if name == "site_url" and value and not is_web_url(value.strip()):
        return (
            f"{value[:200]!r} is not an http:// or https:// address of a host; it is not used "
            "(feeds, canonical links and the sitemap need html_baseurl or a valid url)"
        )
    if name == "timezone" and value and not _known_zone(value):
        return f"unknown time zone {value[:200]!r}; dates without an offset are read in UTC"
    return None


def _known_zone(name: str) -> bool:
    from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

    try:
        ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError, OSError):  # unknown, or a path such as ../x
        return False
    return True


def _valid(value: Any, types: tuple[type, ...], choices: tuple[str, ...]) -> bool:
    if value is None or not isinstance(value, types) or (isinstance(value, bool) and bool not in types):
        return False
    return not (choices and isinstance(value, str) and value not in choices)


def _check_choices(name: str, value: Any, default: Any, choices: tuple[str, ...], location: Any) -> Any:
    """Keep only known values (``cards``/``list``, ``year``/``tag``/...), with a warning."""
    if not choices:
        return value
    if isinstance(value, str) and value not in choices:
        warn(
            f"{name} should be one of {', '.join(choices)}, not {value!r}; using {default!r}",
            BlogWarning.CONFIG,
            location=location(),
        )
        return default
    if isinstance(value, list):
        unknown = [v for v in value if v not in choices]
        if unknown:
            warn(
                f"{name}: unknown value(s) {', '.join(map(repr, unknown))} ignored "
                f"(known: {', '.join(choices)})",
                BlogWarning.CONFIG,
                location=location(),
            )
            return [v for v in value if v in choices]
    return value


def _coerce(name: str, value: Any, default: Any) -> Any:
    """Accept the spellings Jekyll allows, and text from ``-D name=value``."""
    if isinstance(value, str) and not isinstance(default, str):
        text = value.strip()
        if isinstance(default, bool) and text.lower() in ("true", "1", "yes", "on", "false", "0", "no", "off"):
            return text.lower() in ("true", "1", "yes", "on")
        if isinstance(default, int) and not isinstance(default, bool) and text.lstrip("-").isdigit():
            return int(text)
        if isinstance(default, list) and name != "markdown_ext":
            return [item.strip() for item in text.split(",") if item.strip()]
    if name == "language_folders" and isinstance(value, str):  # -D blogposts_language_folders=0 / =es,en
        text = value.strip().lower()
        if text in ("true", "1", "yes", "on", "false", "0", "no", "off"):
            return text in ("true", "1", "yes", "on")
        return [item.strip() for item in value.split(",") if item.strip()]
    if name == "markdown_ext" and isinstance(value, str):
        return [ext.strip().lstrip(".") for ext in value.split(",") if ext.strip()]
    if name == "collections" and isinstance(value, list):
        return {str(c): {} for c in value}
    if isinstance(default, str) and isinstance(value, (int, float)) and not isinstance(value, bool):
        return str(value)
    return value


def conf_py_line(conf_py: Path, name: str) -> str:
    """``conf.py:<line>`` where ``name`` is assigned (line 1 when set elsewhere, e.g. -D)."""
    try:
        lines = conf_py.read_text(encoding="utf-8", errors="replace").splitlines()
    except OSError:
        lines = []
    for number, line in enumerate(lines, 1):
        if line.split("=", 1)[0].strip() == name and "=" in line:
            return f"{conf_py}:{number}"
    return f"{conf_py}:1"
