"""Files the command line writes: the Sphinx/Read the Docs set-up (``init``) and new posts (``new``).

Nothing here touches a post or ``_config.yml``, and nothing is overwritten
unless the caller says so.
"""

from __future__ import annotations

import datetime as dt
import importlib.metadata
import json
import math
import posixpath
from dataclasses import dataclass
from pathlib import Path

import yaml

from ..core.dates import DateError, PostDate, parse_date
from ..core.documents import TOOL_FOLDERS
from ..core.safe_paths import UnsafePath, is_input_symlink_out, output_file, relative_problem
from ..core.slugs import file_slug
from .loaded_site import LoadedSite

#: The requirements file ``.readthedocs.yaml`` installs from.  A dot file:
#: Jekyll does not publish it and Sphinx does not read it.
REQUIREMENTS_FILE = ".readthedocs-requirements.txt"

CONF_PY = """\
# Sphinx configuration: build this Jekyll site with sphinx_blogposts.
# The site's settings come from _config.yml; a blogposts_<name> value set
# here wins over it (see the configuration reference of sphinx_blogposts).
extensions = ["sphinx_blogposts"]
"""

READTHEDOCS_YAML = f"""\
# Read the Docs builds this site with Sphinx and sphinx_blogposts.
# https://docs.readthedocs.com/platform/stable/config-file/v2.html
version: 2

build:
  os: ubuntu-24.04
  tools:
    python: "3.12"

sphinx:
  configuration: conf.py

python:
  install:
    - requirements: {REQUIREMENTS_FILE}
"""

#: The line of the requirements file when the extension's install source is not one
#: Read the Docs can reach: pip rejects it until it is replaced.
PLACEHOLDER = "sphinx_blogposts @ git+https://REPLACE-WITH-THE-REPOSITORY-URL-OF-sphinx_blogposts"

_HEADER = """\
# Installed by Read the Docs (see .readthedocs.yaml). sphinx_blogposts has no
# release on a package index: it is installed from its repository (python-liquid,
# which renders the posts' Liquid, comes with it).
"""


@dataclass(frozen=True)
class Requirements:
    """The requirements file ``init`` writes, and whether its line must be edited."""

    text: str
    #: ``None``, or what the user must do before Read the Docs can install from it.
    instruction: str | None = None


def installed_from() -> str | None:
    """pip's record of where this copy of the extension was installed from (PEP 610
    ``direct_url.json``), or ``None`` when there is none."""
    try:
        return importlib.metadata.distribution("sphinx_blogposts").read_text("direct_url.json")
    except importlib.metadata.PackageNotFoundError:
        return None


def requirements_for(direct_url: str | None) -> Requirements:
    """The requirements file for an install source (the text of ``direct_url.json``).

    A version-control URL (``vcs_info``) gives ``sphinx_blogposts @ git+URL@commit``,
    pinned to the commit installed here; a file or folder on this machine (an
    editable install, a local clone, a wheel built here) or no record gives a
    comment and :data:`PLACEHOLDER`, which the user replaces.
    """
    try:
        record = json.loads(direct_url) if direct_url else {}
    except ValueError:
        record = {}
    url = str(record.get("url") or "") if isinstance(record, dict) else ""
    vcs = record.get("vcs_info") if isinstance(record, dict) else None
    if url and isinstance(vcs, dict) and vcs.get("vcs") and not url.startswith("file:"):
        commit = vcs.get("commit_id") or vcs.get("requested_revision")
        pin = f"@{commit}" if commit else ""
        line = f"sphinx_blogposts @ {vcs['vcs']}+{url}{pin}"
        return Requirements(f"{_HEADER}# Installed here from {url}; pinned to that commit.\n{line}\n")
    if url.startswith(("https:", "http:")) and isinstance(record.get("archive_info"), dict):
        return Requirements(f"{_HEADER}sphinx_blogposts @ {url}\n")
    where = f"from {url}" if url else "without a record of where from"
    instruction = (
        f"Edit {REQUIREMENTS_FILE}: sphinx_blogposts was installed here {where}, which Read the Docs "
        "cannot reach; replace its last line with 'sphinx_blogposts @ git+<the repository URL>@<commit>'."
    )
    text = (
        f"{_HEADER}# sphinx_blogposts was installed {where} (a folder or file on one machine):\n"
        "# replace the next line with its repository, as\n"
        "#   sphinx_blogposts @ git+https://<host>/<owner>/<repository>@<commit>\n"
        f"{PLACEHOLDER}\n"
    )
    return Requirements(text, instruction)


def init_files(requirements: Requirements | None = None) -> dict[str, str]:
    """The files ``init`` writes, by name relative to the site (the requirements
    file from this install's source unless ``requirements`` is given)."""
    made = requirements or requirements_for(installed_from())
    return {
        "conf.py": CONF_PY,
        ".readthedocs.yaml": READTHEDOCS_YAML,
        REQUIREMENTS_FILE: made.text,
    }


def existing_init_files(site: Path) -> list[str]:
    """The files of :func:`init_files` that the site already has (a dangling link counts)."""
    return [name for name in init_files() if (site / name).exists() or (site / name).is_symlink()]


def unsafe_init_files(site: Path) -> list[str]:
    """The files of :func:`init_files` that are symbolic links dangling or leading out
    of the site: ``init`` never writes through them, not even with ``--force``."""
    return [name for name in init_files() if is_input_symlink_out(site / name, site)]


def write_init_files(site: Path, requirements: Requirements | None = None) -> list[Path]:
    """Write (or overwrite) the files of :func:`init_files`; returns their paths.

    Raises :class:`.core.safe_paths.UnsafePath` (nothing written) when one of them
    is a symbolic link out of the site or dangling."""
    unsafe = unsafe_init_files(site)
    if unsafe:
        raise UnsafePath(f"{', '.join(unsafe)}: symbolic link(s) out of the site or to no file; not written through")
    written: list[Path] = []
    for name, text in init_files(requirements).items():
        path = output_file(site, name)
        path.write_text(text, encoding="utf-8")
        written.append(site / name)
    return written


class NewPostError(ValueError):
    """A post cannot be created as asked; the message says why."""


@dataclass(frozen=True)
class NewPost:
    path: Path
    text: str


def post_date(loaded: LoadedSite, when: str | None, now: dt.datetime | None = None) -> PostDate:
    """The new post's date: ``when`` (any front-matter date) or now, in the site's time zone."""
    tz = loaded.site.tz
    if when:
        try:
            return parse_date(when, tz)
        except DateError as exc:
            raise NewPostError(str(exc)) from None
    moment = (now or dt.datetime.now(dt.UTC)).astimezone(tz).replace(microsecond=0)
    return PostDate(moment, True)


def date_text(date: PostDate) -> str:
    """``2024-05-01 09:30:00 +02:00`` (a YAML timestamp, which Jekyll reads too), or the day alone."""
    if not date.has_time:
        return f"{date.value:%Y-%m-%d}"
    offset = f"{date.value:%z}"
    return f"{date.value:%Y-%m-%d %H:%M:%S} {offset[:3]}:{offset[3:5]}"


def collection_folder(loaded: LoadedSite, collection: str) -> str:
    """The folder (relative, POSIX) that holds a collection's documents."""
    if not collection or "/" in collection or collection.startswith(("_", ".")):
        raise NewPostError(f"{collection!r} is not a collection name")
    for folder, name in loaded.site.folders.items():
        if name == collection and not folder.endswith("_drafts"):
            return folder
    if loaded.jekyll_site:
        raise NewPostError(
            f"the site has no collection {collection!r}: declare it under collections: in _config.yml "
            "(with output: true to build it) first"
        )
    if f"_{collection}" in TOOL_FOLDERS:
        raise NewPostError(f"_{collection} is a tooling folder, not a collection")
    base = loaded.settings.collections_dir.strip("/")
    return posixpath.join(base, f"_{collection}") if base else f"_{collection}"


def new_post(
    loaded: LoadedSite, title: str, collection: str = "posts", when: str | None = None
) -> NewPost:
    """Where a new post goes and what it says (nothing is written)."""
    title = title.strip()
    if not title:
        raise NewPostError("the title is empty")
    slug = file_slug(title)
    if not slug:
        raise NewPostError(f"the title {title!r} has no letters or digits to make a file name from")
    date = post_date(loaded, when)
    folder = collection_folder(loaded, collection)
    if relative_problem(folder):  # collections_dir: ../.. or /abs
        raise NewPostError(f"the collection's folder {folder!r} is not inside the site (check collections_dir)")
    name = f"{date.value:%Y-%m-%d}-{slug}.md" if collection == "posts" else f"{slug}.md"
    text = _yaml_lines({"title": title})
    text += f"date: {date_text(date)}\n"
    if collection != "posts":
        text += f"collection: {collection}\n"
    template = front_matter_template(loaded, collection)
    text += _yaml_lines({k: v for k, v in template.items() if k not in ("title", "date", "collection")})
    return NewPost(path=loaded.srcdir / folder / name, text=f"---\n{text}---\n\n")


def front_matter_template(loaded: LoadedSite, collection: str) -> dict[str, object]:
    """The keys a new post starts with: jekyll-compose's ``default_front_matter`` for
    the collection in ``_config.yml`` when the site has one, else ``tags: []``."""
    compose = loaded.jekyll_data.get("jekyll_compose")
    defaults = compose.get("default_front_matter") if isinstance(compose, dict) else None
    template = defaults.get(collection) if isinstance(defaults, dict) else None
    return dict(template) if isinstance(template, dict) else {"tags": []}


def _yaml_lines(fields: dict[str, object]) -> str:
    """YAML for ``fields``; an empty value is written ``key:``, ready to fill in, as
    jekyll-compose does."""
    text = ""
    for key, value in fields.items():
        if value is None:
            text += f"{key}:\n"
        else:
            text += yaml.safe_dump({key: value}, allow_unicode=True, sort_keys=False, width=math.inf)
    return text


def write_new_post(post: NewPost, site: Path) -> None:
    """Create the post's file inside ``site``; never overwrites (:class:`FileExistsError`),
    never writes outside the site (:class:`NewPostError`)."""
    try:
        output_file(site, post.path)
    except UnsafePath:
        raise NewPostError(
            f"{post.path} is outside the site {site} (check collections_dir); nothing is written"
        ) from None
    post.path.parent.mkdir(parents=True, exist_ok=True)
    with open(post.path, "x", encoding="utf-8") as f:
        f.write(post.text)
