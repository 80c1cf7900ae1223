"""Which feeds a site has, where each is written and what each holds: pure rules.

Two families of feeds live side by side:

* the extension's own: the site's feed (``feed.xml`` + ``rss.xml``), one pair
  per collection index and per language blog in its folder, and with
  ``blogposts_feed_tags = True`` one pair beside each tag page;
* jekyll-feed's, at jekyll-feed's paths (``feed:`` in ``_config.yml``):
  ``feed: path`` for the site's Atom feed, ``/feed/<category>.xml``,
  ``/feed/<collection>.xml`` and ``/feed/<collection>/<category>.xml``, and
  ``/feed/by_tag/<tag>.xml``.

The build (:mod:`.output.feeds`), the ``<head>`` links and the list of
reserved outputs all ask this module, so a feed's path is decided once.
"""

from __future__ import annotations

import datetime as dt
import posixpath
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, replace
from typing import Any

from .queries import ListSpec
from .safe_paths import relative_problem, safe_docname

#: jekyll-feed's own defaults, applied to a Jekyll site before its ``feed:`` keys.
JEKYLL_FEED_DEFAULTS: dict[str, Any] = {"feed_length": 10, "feed_full_text": True}
#: The settings ``feed:`` of ``_config.yml`` maps onto (warnings point at its line).
FEED_FIELDS = ("feed_length", "feed_full_text", "feed_path", "feed_collections", "feed_categories", "feed_tags")
#: jekyll-feed's folder of tag feeds (``tags: path``), concatenated with ``<tag>.xml``.
TAG_FEED_FOLDER = "/feed/by_tag/"
#: jekyll-feed writes a tag's feed only for tags of these characters (a simple path).
_TAG_NAME = re.compile(r"^[A-Za-z0-9_]+$")
#: The ``<updated>`` of a feed whose posts have no date at all: fixed, never the clock.
NO_DATE = dt.datetime(1970, 1, 1, tzinfo=dt.timezone.utc)


@dataclass(frozen=True)
class FeedTarget:
    """One feed: its Atom path (``None``: no Atom), RSS path (``None``: no RSS), title,
    the query of its posts (without a limit) and the page it stands for."""

    atom: str | None
    rss: str | None
    title: str
    spec: ListSpec
    page: str


def feed_settings(value: Any) -> dict[str, Any]:
    """The ``blogposts_feed_*`` values of a Jekyll site: jekyll-feed's defaults
    (10 posts, full content), then what its ``feed:`` mapping says."""
    out = dict(JEKYLL_FEED_DEFAULTS)
    if not isinstance(value, dict):
        return out
    collections = value.get("collections")
    posts: dict[str, Any] = {}
    if isinstance(collections, (list, dict)):
        normal = collection_feeds(collections)
        posts = normal.pop("posts", {})  # jekyll-feed: the posts' entry is the site feed's
        out["feed_collections"] = normal
    path = posts.get("path") or value.get("path")
    if isinstance(path, str) and path.strip():
        out["feed_path"] = path.strip()
    categories = posts.get("categories") or value.get("categories")
    if isinstance(categories, (list, str)):
        out["feed_categories"] = _names(categories)
    if isinstance(value.get("posts_limit"), int) and not isinstance(value.get("posts_limit"), bool):
        out["feed_length"] = value["posts_limit"]
    elif isinstance(value.get("posts_limit"), str) and value["posts_limit"].strip().isdigit():
        out["feed_length"] = int(value["posts_limit"])
    if "excerpt_only" in value:
        out["feed_full_text"] = not _truthy(value.get("excerpt_only"))
    tags = value.get("tags")
    if tags is True or (isinstance(tags, str) and tags.strip().lower() == "true"):
        out["feed_tags"] = {"path": TAG_FEED_FOLDER}
    elif isinstance(tags, dict):
        out["feed_tags"] = {"path": TAG_FEED_FOLDER, **tags}
    return out


def _truthy(value: Any) -> bool:
    """Liquid's truth of a YAML value (``"false"`` as text is true there; YAML reads false as False)."""
    return value is not None and value is not False


def _names(value: Any) -> list[str]:
    items = value if isinstance(value, list) else str(value).split()
    return [str(item).strip() for item in items if item is not None and str(item).strip()]


def collection_feeds(value: Any) -> dict[str, dict[str, Any]]:
    """``feed: collections:`` (a list of names or a mapping name -> {path, categories})
    as a mapping name -> {"path": str, "categories": list}."""
    if isinstance(value, list):
        value = {str(name): {} for name in value if name is not None}
    if not isinstance(value, dict):
        return {}
    out: dict[str, dict[str, Any]] = {}
    for name, meta in value.items():
        meta = meta if isinstance(meta, dict) else {}
        path = meta.get("path")
        out[str(name)] = {
            "path": path.strip() if isinstance(path, str) else "",
            "categories": _names(meta["categories"]) if isinstance(meta.get("categories"), (list, str)) else [],
        }
    return out


def _relative(path: str) -> str:
    """A site path as a path of the output (``/feed/x.xml`` -> ``feed/x.xml``)."""
    path = path.strip().lstrip("/")
    return path + "feed.xml" if path.endswith("/") or not path else path


def rss_path(atom: str) -> str:
    """Where the RSS beside an Atom feed goes: ``feed.xml`` -> ``rss.xml``,
    ``tags/x.feed.xml`` -> ``tags/x.rss.xml``, ``feed/news.xml`` -> ``feed/news.rss.xml``."""
    folder, name = posixpath.split(atom)
    stem = name.rsplit(".", 1)[0] if "." in name else name
    if stem == "feed":
        return posixpath.join(folder, "rss.xml")
    return posixpath.join(folder, stem.removesuffix(".feed") + ".rss.xml")


def site_feed_path(settings: Any) -> str:
    """The site's Atom feed, relative to the output (``feed.xml``; jekyll-feed's ``feed: path``)."""
    return _relative(settings.feed_path or "feed.xml")


def site_rss_path(settings: Any) -> str:
    """The site's RSS: ``rss.xml`` in the Atom feed's folder (``/blog/feed.atom`` -> ``blog/rss.xml``)."""
    return posixpath.join(posixpath.dirname(site_feed_path(settings)), "rss.xml")


def tag_feed_names(setting: Any, tags: Iterable[str]) -> list[str]:
    """The tags that get a jekyll-feed tag feed: ``only`` (default: every tag) less
    ``except``, and only names of letters, digits and ``_`` (as jekyll-feed)."""
    if not isinstance(setting, dict):
        return []
    only = setting.get("only")
    pool = _names(only) if isinstance(only, (list, str)) else sorted(tags)
    skip = set(_names(setting.get("except"))) if isinstance(setting.get("except"), (list, str)) else set()
    known = set(tags)
    return [tag for tag in dict.fromkeys(pool) if tag not in skip and tag in known and _TAG_NAME.match(tag)]


def jekyll_feed_title(site_title: str, collection: str | None = None, category: str | None = None) -> str:
    """jekyll-feed's ``<title>``: the site's, then `` | Collection`` (not for posts), `` | Category``."""
    title = site_title
    if collection and collection != "posts":
        title += " | " + collection.capitalize()
    if category:
        title += " | " + category.capitalize()
    return title


def plan_feeds(
    settings: Any,
    title: str,
    root_doc: str,
    archive: dict[str, dict[str, str]],
    tags: Iterable[str],
    page_title: Callable[[str, str], str],
    problem: Callable[[str], None] | None = None,
) -> list[FeedTarget]:
    """Every feed of the site, the site's first; a path claimed twice keeps the first claim.

    ``archive`` is the domain's ``archive_map`` (kind -> name -> docname),
    ``tags`` the tags posts use, ``page_title(docname, fallback)`` a page's title;
    ``problem(message)`` hears of each feed left out because its path is unsafe.
    """
    formats = set(settings.feed_formats)
    jekyll = bool(settings.jekyll_site)
    posts_only = ("posts",) if jekyll else ()  # jekyll-feed's feed.xml is site.posts

    def target(atom: str, feed_title: str, spec: ListSpec, page: str) -> FeedTarget:
        return FeedTarget(
            atom if "atom" in formats else None,
            rss_path(atom) if "rss" in formats else None,
            feed_title,
            spec,
            page,
        )

    site_feed = target(site_feed_path(settings), title, ListSpec(collections=posts_only), root_doc)
    targets = [replace(site_feed, rss=site_rss_path(settings) if site_feed.rss else None)]
    for name, docname in sorted(archive.get("collection", {}).items()):
        folder = posixpath.dirname(docname)
        if not folder:
            continue  # a collection indexed at the root: the site's feed is there already
        # a collection's feed has the posts of its index: those of no language blog
        spec = ListSpec(collections=(name,), blog="")
        targets.append(target(f"{folder}/feed.xml", f"{title}: {page_title(docname, name)}", spec, docname))
    tag_pages = archive.get("tag", {})
    if settings.feed_tags is True:
        for name, docname in sorted(tag_pages.items()):
            targets.append(target(f"{docname}.feed.xml", f"{title}: {name}", ListSpec(tags=(name,)), docname))
    # each language's blog has its feeds in its folder (es/news/feed.xml), in its language
    for blog, docname in sorted(archive.get("blog", {}).items()):
        targets.append(target(f"{blog}/feed.xml", f"{title}: {page_title(docname, blog)}", ListSpec(blog=blog), docname))
    # jekyll-feed's feeds, at its paths
    categories = archive.get("category", {})
    for category in settings.feed_categories:
        spec = ListSpec(collections=posts_only, categories=(category,))
        page = categories.get(category, root_doc)
        targets.append(target(f"feed/{category}.xml", jekyll_feed_title(title, None, category), spec, page))
    for name, meta in collection_feeds(settings.feed_collections).items():
        page = archive.get("collection", {}).get(name, root_doc)
        atom = _relative(meta["path"]) if meta["path"] else f"feed/{name}.xml"
        targets.append(target(atom, jekyll_feed_title(title, name), ListSpec(collections=(name,)), page))
        for category in meta["categories"]:
            spec = ListSpec(collections=(name,), categories=(category,))
            targets.append(target(f"feed/{name}/{category}.xml", jekyll_feed_title(title, name, category), spec, page))
    if isinstance(settings.feed_tags, dict):
        folder = str(settings.feed_tags.get("path") or TAG_FEED_FOLDER)
        for tag in tag_feed_names(settings.feed_tags, tags):
            spec = ListSpec(collections=posts_only, tags=(tag,))
            targets.append(target(_relative(f"{folder}{tag}.xml"), title, spec, tag_pages.get(tag, root_doc)))
    return _first_claims(targets, problem or (lambda message: None))


def _unsafe(path: str) -> bool:
    """A feed path made of names from the settings (``../x``, ``a/./b``, ``\\``): refused."""
    return not safe_docname(path) or relative_problem(path) is not None


def _first_claims(targets: list[FeedTarget], problem: Callable[[str], None]) -> list[FeedTarget]:
    seen: set[str] = set()
    out: list[FeedTarget] = []
    for item in targets:
        unsafe = next((p for p in (item.atom, item.rss) if p and _unsafe(p)), None)
        if unsafe:
            problem(f"the feed path {unsafe!r} is not a path inside the site's output; that feed is not written")
            continue
        atom = item.atom if item.atom not in seen else None
        rss = item.rss if item.rss not in seen else None
        if atom is None and rss is None:
            continue
        seen.update(p for p in (atom, rss) if p)
        out.append(FeedTarget(atom, rss, item.title, item.spec, item.page))
    return out


def configured_outputs(settings: Any) -> frozenset[str]:
    """Feed files whose paths come from settings (``feed: path``, a collection's
    ``path``), as URL keys: what :func:`.core.safe_paths.reserved` cannot know alone."""
    paths = {site_feed_path(settings), site_rss_path(settings)}
    for meta in collection_feeds(settings.feed_collections).values():
        if meta["path"]:
            paths.update((_relative(meta["path"]), rss_path(_relative(meta["path"]))))
    return frozenset(paths)


def excerpt_only(meta: dict[str, Any], full_text: bool) -> bool:
    """Does this post's entry carry only its summary?  jekyll-feed's
    ``post.feed.excerpt_only | default: site.feed.excerpt_only``: a post's true
    wins, a post's false falls back to the site's."""
    own = meta.get("feed")
    if isinstance(own, dict) and _truthy(own.get("excerpt_only")):
        return True
    return not full_text


def entry_image(meta: dict[str, Any], picture: str | None) -> str | None:
    """The picture of a post's entry: jekyll-feed's ``post.image.path | default:
    post.image``, else the post's picture (``header.teaser``, ``header.image``...)."""
    image = meta.get("image")
    if isinstance(image, dict):
        image = image.get("path")
    if isinstance(image, str) and image.strip():
        return image.strip()
    return picture or None
