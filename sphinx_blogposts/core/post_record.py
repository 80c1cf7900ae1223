"""The post record: everything the extension knows about one post or page.

A record is built once per document, while it is read, from the front matter
(or the ``post`` directive's options) and stored in the environment by
:mod:`.store.domain`.  It is plain data — strings, numbers, dates, lists and the
original front-matter mapping — so it pickles cheaply for parallel builds.
"""

from __future__ import annotations

import datetime as dt
import posixpath
import re
from dataclasses import dataclass, field
from dataclasses import fields as dataclass_fields
from typing import Any

from .dates import DateError, PostDate, date_from_filename, parse_date
from .languages import Languages, normalize_language
from .permalinks import PermalinkError, category_segment, check_path
from .warnings import BlogWarning

#: Front-matter keys with a meaning of their own; every other key is kept in
#: :attr:`PostRecord.meta` and reaches templates unchanged.
KNOWN_KEYS = (
    "title", "date", "collection", "tags", "tag", "categories", "category", "author",
    "authors", "excerpt", "excerpt_separator", "published", "last_modified_at", "slug",
    "image", "header", "permalink",
)  # fmt: skip


@dataclass
class PostRecord:
    """One post (``kind == "post"``) or front-matter page (``kind == "page"``)."""

    docname: str
    kind: str = "post"
    title: str = ""
    #: Where the title came from: ``front matter``, ``file name`` or ``heading``.
    title_source: str = "front matter"
    date: dt.datetime | None = None
    date_has_time: bool = False
    #: The post's day (``YYYY-MM-DD``) in the site's time zone.
    day: str = ""
    last_modified: dt.datetime | None = None
    collection: str | None = None
    tags: list[str] = field(default_factory=list)
    categories: list[str] = field(default_factory=list)
    authors: list[str] = field(default_factory=list)
    excerpt: str = ""
    slug: str = ""
    image: str | None = None
    #: The picture for lists: a local path (``/images/x.jpg``) or a URL; the
    #: front matter's picture, else the post's first image.
    image_uri: str | None = None
    permalink: str | None = None
    draft: bool = False
    #: The date as the site's language writes it (made once, when the post is read).
    date_text: str = ""
    words: int = 0
    reading_minutes: int = 0
    #: The whole front matter (after Jekyll's defaults), unknown keys included.
    meta: dict[str, Any] = field(default_factory=dict)
    #: The file's line where the post's metadata starts (for warnings).
    lineno: int = 1
    #: The document's language, Babel's spelling (``es``, ``zh_CN``; :mod:`.core.languages`).
    language: str = ""
    #: The blog of its language it belongs to (``es/news``), ``""`` for the site's own lists.
    blog: str = ""

    def sort_key(self) -> tuple[float, str]:
        """Newest first when sorted in reverse; undated posts last."""
        return (self.date.timestamp() if self.date else float("-inf"), self.docname)

    def as_context(self) -> dict[str, Any]:
        """A plain mapping for templates (``post.title``, ``post.meta.header``...).

        A shallow copy: the lists and ``meta`` are copied one level, their values
        are shared.  (``dataclasses.asdict`` copies recursively, which expands
        every YAML alias of the front matter again and again.)
        """
        out: dict[str, Any] = {}
        for f in dataclass_fields(self):
            value = getattr(self, f.name)
            out[f.name] = list(value) if isinstance(value, list) else dict(value) if isinstance(value, dict) else value
        return out


@dataclass
class RecordProblem:
    message: str
    key: str | None
    subtype: BlogWarning


@dataclass
class PostSource:
    """Facts about a document that come from its path, not its text."""

    docname: str
    #: Path of the source file relative to the source folder, POSIX style.
    path: str
    collection: str | None
    folder_categories: list[str] = field(default_factory=list)
    draft: bool = False
    #: The file's modification time (drafts are dated by it, as in Jekyll).
    mtime: float | None = None


def titleize(slug: str) -> str:
    """Jekyll's title for a post without one: ``my-first-post`` → ``My First Post``."""
    words = re.split(r"[-_\s]+", slug)
    return " ".join(w[:1].upper() + w[1:] for w in words if w)


def post_date(fields: dict[str, Any], source: PostSource, tz: dt.tzinfo) -> tuple[PostDate | None, str | None]:
    """A document's date, decided once for discovery, the record and Liquid.

    As Jekyll: the front matter's ``date``, else the date in the file name,
    else, for a draft, the file's modification time.  A date with an offset of
    its own is moved to the site's time zone, as Jekyll's ``Utils.parse_date``
    (``Time#localtime`` under the site's ``TZ``) does: ``page.date``, the date
    shown and the URL's ``:year/:month/:day`` all come from that.  Returns the
    date (or ``None``) and, when the front matter's date cannot be read, why.
    """
    stem = posixpath.splitext(posixpath.basename(source.path))[0]
    file_date, _ = date_from_filename(stem, tz)
    value = fields.get("date")
    parsed: PostDate | None = None
    problem: str | None = None
    if value is not None and value != "":
        try:
            parsed = parse_date(value, tz)
        except DateError as exc:
            fallback = " the date in the file name is used" if file_date else " the post has no date"
            problem = f"{exc};{fallback}"
    if parsed is None:
        parsed = file_date
    if parsed is None and source.draft and source.mtime is not None:
        parsed = PostDate(dt.datetime.fromtimestamp(source.mtime, tz), True)
    if parsed is not None and parsed.value.tzinfo is not tz:
        parsed = PostDate(parsed.value.astimezone(tz), parsed.has_time)
    return parsed, problem


def excerpt_separator(fields: dict[str, Any], site_separator: object) -> str:
    """Where a document's excerpt ends, as Jekyll's ``Document#excerpt_separator``: the
    front matter's ``excerpt_separator``, else the site's.  ``""`` (in either) means
    no excerpt at all (``generate_excerpt?`` is false): lists and feeds show none."""
    value = fields.get("excerpt_separator")
    if value is None or value is False:  # Ruby's ``||``: only nil and false fall through
        value = site_separator
    return "" if value is None or value is False else str(value)


def build_record(
    fields: dict[str, Any],
    source: PostSource,
    tz: dt.tzinfo,
    kind: str,
    languages: Languages | None = None,
) -> tuple[PostRecord, list[RecordProblem]]:
    """Turn front-matter ``fields`` into a :class:`PostRecord` (in the language
    ``languages`` decides; the site's own rules when ``None``).

    Never raises: a value that cannot be used is reported and replaced by what
    Jekyll would use (the file name's date and slug, for instance).
    """
    problems: list[RecordProblem] = []
    stem = posixpath.splitext(posixpath.basename(source.path))[0]
    _, file_slug = date_from_filename(stem, tz)
    record = PostRecord(docname=source.docname, kind=kind, meta=dict(fields), draft=source.draft)
    record.collection = source.collection or _text(fields.get("collection")) or None
    if kind == "post" and record.collection is None:
        record.collection = "posts"  # Jekyll's default collection

    # title
    title = fields.get("title")
    if isinstance(title, (str, int, float)) and not isinstance(title, bool) and str(title).strip():
        record.title = str(title).strip()
    else:
        if title is not None and not isinstance(title, str):
            problems.append(
                RecordProblem(
                    f"title should be text, not {type(title).__name__}; "
                    "the title is made from the file name",
                    "title",
                    BlogWarning.TITLE,
                )
            )
        record.title = ""  # filled from a heading or the file name later
        record.title_source = "file name"

    parsed, date_problem = post_date(fields, source, tz)
    if date_problem:
        problems.append(RecordProblem(date_problem, "date", BlogWarning.DATE))
    if parsed is not None:
        record.date, record.date_has_time = parsed.value, parsed.has_time
        # archives and lists go by the day in the site's time zone, as in Jekyll
        record.day = parsed.value.astimezone(tz).date().isoformat()

    modified = fields.get("last_modified_at")
    if modified not in (None, ""):
        try:
            # shown in the site's zone, as Jekyll's date filters show it (localtime)
            record.last_modified = parse_date(modified, tz).value.astimezone(tz)
        except DateError as exc:
            problems.append(RecordProblem(f"last_modified_at: {exc}", "last_modified_at", BlogWarning.DATE))

    languages = languages or Languages()
    record.language = languages.document_language(fields, source.path)
    for key in ("lang", "locale"):  # ``language:`` may well name a programming language
        value = fields.get(key)
        if value not in (None, "") and normalize_language(value) is None:
            problems.append(
                RecordProblem(
                    f"{key}: {str(value)[:100]!r} is not a language code (such as en, es or pt-BR); "
                    f"the document is in {record.language!r}",
                    key,
                    BlogWarning.FIELD,
                )
            )
            break
    record.blog = languages.blog_of(source.path, record.collection, record.language) if kind == "post" else ""
    shown = languages.shown_categories(source.path, source.folder_categories)
    record.tags, record.categories, record.authors = taxonomy(fields, shown, problems)

    excerpt = fields.get("excerpt")
    if excerpt is not None:
        if isinstance(excerpt, (str, int, float)) and not isinstance(excerpt, bool):
            record.excerpt = str(excerpt).strip()
        else:
            problems.append(RecordProblem("excerpt should be text", "excerpt", BlogWarning.FIELD))

    slug = _text(fields.get("slug"))
    record.slug = slug or file_slug
    record.permalink = _text(fields.get("permalink")) or None
    for key in ("permalink", "redirect_from"):
        raw = fields.get(key)
        for item in [raw] if isinstance(raw, (str, int)) else raw if isinstance(raw, list) else []:
            try:
                check_path(str(item))
            except PermalinkError as exc:
                problems.append(RecordProblem(f"{key}: {exc}; it is not used", key, BlogWarning.PERMALINK))
                if key == "permalink":
                    record.permalink = None
    if record.permalink is None or ":categories" in record.permalink:
        for name in record.categories:
            if category_segment(name) != name.lower():
                key = "categories" if "categories" in fields else "category"
                problems.append(
                    RecordProblem(
                        f"the category {name!r} cannot be part of an address; "
                        f"the post's URL uses {category_segment(name)!r} instead",
                        key,
                        BlogWarning.PERMALINK,
                    )
                )
    record.image = _picture(fields)
    return record, problems


def taxonomy(
    fields: dict[str, Any], folder_categories: list[str], problems: list[RecordProblem] | None = None
) -> tuple[list[str], list[str], list[str]]:
    """Tags, categories and authors: list or space-separated text, singular or plural key."""
    out: dict[str, list[str]] = {}
    for attr, keys, split in (
        ("tags", ("tags", "tag"), True),
        ("categories", ("categories", "category"), True),
        ("authors", ("author", "authors"), False),
    ):
        values: list[str] = list(folder_categories) if attr == "categories" else []
        for key in keys:
            if key in fields and fields[key] is not None:
                items, bad = _name_list(fields[key], split_text=split)
                values.extend(items)
                if bad and problems is not None:
                    kind = "text or a list of names" if split else "a name or a list of names"
                    problems.append(
                        RecordProblem(
                            f"{key} should be {kind}; what is not a name is ignored",
                            key,
                            BlogWarning.FIELD,
                        )
                    )
        out[attr] = _unique(values)
    return out["tags"], out["categories"], out["authors"]


def _text(value: Any) -> str:
    if isinstance(value, (str, int, float)) and not isinstance(value, bool):
        return str(value).strip()
    return ""


def _name_list(value: Any, split_text: bool) -> tuple[list[str], bool]:
    """A list of names from a YAML list or a (space-separated) string."""
    if isinstance(value, str):
        return (value.split() if split_text else [value.strip()] if value.strip() else []), False
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return [str(value)], False
    if isinstance(value, list):
        out: list[str] = []
        bad = False
        for item in value:
            if isinstance(item, dict) and "name" in item:
                item = item["name"]
            if isinstance(item, (str, int, float)) and not isinstance(item, bool):
                if str(item).strip():
                    out.append(str(item).strip())
            else:
                bad = True
        return out, bad
    if isinstance(value, dict) and isinstance(value.get("name"), str):
        return [value["name"]], False
    return [], True


def _unique(values: list[str]) -> list[str]:
    return list(dict.fromkeys(values))


def _picture(fields: dict[str, Any]) -> str | None:
    """The post's picture: ``header.teaser``, ``header.image``, then ``image``."""
    header = fields.get("header")
    candidates: list[Any] = []
    if isinstance(header, dict):
        candidates += [header.get("teaser"), header.get("image"), header.get("overlay_image")]
    image = fields.get("image")
    if isinstance(image, dict):
        candidates += [image.get("path"), image.get("feature"), image.get("thumbnail")]
    else:
        candidates.append(image)
    for candidate in candidates:
        if isinstance(candidate, str) and candidate.strip():
            return candidate.strip()
    return None
