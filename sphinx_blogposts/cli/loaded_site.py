"""A site as the build configures it, without building: ``conf.py`` evaluated as
Sphinx does, ``_config.yml`` and every ``blogposts_*`` value resolved as at
``config-inited``.  The start of ``check``, ``init`` and ``new``.
"""

from __future__ import annotations

import dataclasses
import logging
import os
import posixpath
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from types import SimpleNamespace
from typing import Any

from ..core.config import BlogpostsConfig, conf_py_line, resolve_config
from ..core.documents import Site
from ..core.jekyll_site import excluded_patterns
from ..core.warnings import BlogWarning
from ..liquid.modes import liquid_available
from ..reading.author_profile import warn_avatars
from ..reading.site_setup import JEKYLL_MYST_EXTENSIONS, resolved_language_folders, site_language, site_values

#: Paths Sphinx never reads (``sphinx.project.EXCLUDE_PATHS``).
SPHINX_EXCLUDED = ("**/_sources", ".#*", "**/.#*", "*.lproj/**")


@dataclass(frozen=True)
class Issue:
    """One problem: what the build would warn, with ``path`` relative to the site."""

    path: str
    line: int
    subtype: BlogWarning
    message: str

    def format(self, root: str = "") -> str:
        """``file:line: blogposts.<subtype>: message`` (``root`` is put before the path)."""
        shown = (
            posixpath.join(root, self.path) if root and not os.path.isabs(self.path) else self.path
        )
        return f"{shown}:{self.line}: blogposts.{self.subtype.value}: {self.message}"


@dataclass
class LoadedSite:
    """A site's settings, resolved as the build resolves them."""

    srcdir: Path
    site: Site
    #: ``conf.py``'s own values (empty when there is none).
    conf: dict[str, Any]
    issues: list[Issue] = field(default_factory=list)
    #: ``_config.yml`` as read (empty in a docs project).
    jekyll_data: dict[str, Any] = field(default_factory=dict)
    _liquid: tuple[Any, dict[str, Any]] | None = field(default=None, repr=False)

    @property
    def settings(self) -> BlogpostsConfig:
        return self.site.settings

    @property
    def jekyll_site(self) -> bool:
        return self.settings.jekyll_site

    def html_image(self) -> bool:
        """Whether MyST reads ``<img>`` tags as images (``html_image``)."""
        if "myst_enable_extensions" in self.conf:
            return "html_image" in (self.conf["myst_enable_extensions"] or [])
        return self.jekyll_site and "html_image" in JEKYLL_MYST_EXTENSIONS

    def liquid_environment(self) -> tuple[Any, dict[str, Any]] | None:
        """The build's Liquid environment and a ``site`` for it (see
        :func:`.liquid.render.static_site_vars`), or ``None`` when the build renders no
        Liquid (``blogposts_liquid`` is ``"off"``, or python-liquid is missing).
        Made once per site."""
        if getattr(self.settings, "liquid", "off") == "off":
            return None
        if self._liquid is None:
            if not liquid_available():
                return None
            # here: the renderer needs python-liquid, which an environment can lack
            from ..liquid.render import jekyll_environment, static_site_vars

            env, config = jekyll_environment(self.srcdir, self.settings)
            self._liquid = env, static_site_vars(env, config, self.site)
        return self._liquid

    def liquid_tags(self) -> frozenset[str] | None:
        """The Liquid tags the build renders, or ``None`` when it renders no Liquid."""
        made = self.liquid_environment()
        return None if made is None else frozenset(made[0].known_tags)

    def suffixes(self) -> set[str]:
        """The file suffixes Sphinx reads here: Markdown's, ``.rst``, conf.py's ``source_suffix``."""
        out = {f".{e.lower()}" for e in self.settings.markdown_ext} | {".rst", ".md"}
        extra = self.conf.get("source_suffix")
        if isinstance(extra, str):
            out.add(extra)
        elif isinstance(extra, (list, tuple, dict)):
            out.update(str(s) for s in extra)
        return out

    def exclude_patterns(self) -> list[str]:
        """What Sphinx leaves out: conf.py's patterns, Jekyll's non-content folders, Sphinx's own."""
        patterns: list[str] = []
        for key in ("exclude_patterns", "templates_path", "html_static_path", "html_extra_path"):
            value = self.conf.get(key)
            if isinstance(value, (list, tuple)):
                patterns.extend(str(v) for v in value)
        if self.jekyll_site:
            folders = list(self.site.folders)
            patterns += excluded_patterns(
                self.srcdir, folders, self.settings.include, self.settings.exclude
            )
        return [*patterns, *SPHINX_EXCLUDED]

    def sources(self) -> list[str]:
        """Every source file Sphinx would find, relative POSIX paths, sorted."""
        from sphinx.util.matching import get_matching_files

        include = self.conf.get("include_patterns") or ("**",)
        suffixes = self.suffixes()
        found = get_matching_files(self.srcdir, include, self.exclude_patterns())
        return sorted(p for p in found if posixpath.splitext(p)[1].lower() in suffixes)

    def display(self, path: str | Path) -> str:
        """A path relative to the site when it lies inside it (a symbolic link is named by its own path)."""
        try:
            return Path(os.path.abspath(path)).relative_to(os.path.abspath(self.srcdir)).as_posix()
        except ValueError:
            pass
        try:
            return Path(path).resolve().relative_to(self.srcdir.resolve()).as_posix()
        except ValueError:
            return str(path)


@contextmanager
def _captured_warnings() -> Iterator[list[logging.LogRecord]]:
    """Collect the extension's warnings (``blogposts.*``) instead of printing them."""
    logger = logging.getLogger("sphinx.sphinx_blogposts")
    records: list[logging.LogRecord] = []

    class _Collect(logging.Handler):
        def emit(self, record: logging.LogRecord) -> None:
            records.append(record)

    handler = _Collect(logging.WARNING)
    propagate = logger.propagate
    logger.addHandler(handler)
    logger.propagate = False
    try:
        yield records
    finally:
        logger.removeHandler(handler)
        logger.propagate = propagate


def read_conf_py(srcdir: Path) -> tuple[dict[str, Any], list[Issue]]:
    """``conf.py``'s values, evaluated as Sphinx does; ``{}`` when there is none."""
    conf_py = srcdir / "conf.py"
    if not conf_py.is_file():
        return {}, []
    from sphinx.config import eval_config_file
    from sphinx.errors import ConfigError
    from sphinx.util.tags import Tags

    try:
        return eval_config_file(conf_py.resolve(), Tags()), []
    except (ConfigError, Exception) as exc:  # noqa: BLE001 - any error in the user's conf.py
        lines = [line.strip() for line in str(exc).splitlines() if line.strip()]
        message = lines[-1] if lines else type(exc).__name__  # the error, not the traceback
        return {}, [Issue("conf.py", 1, BlogWarning.CONFIG, f"conf.py cannot be read: {message}")]


def load_site(srcdir: Path) -> LoadedSite:
    """Resolve a site's ``blogposts_*`` settings exactly as ``config-inited`` does."""
    srcdir = Path(srcdir)
    conf, issues = read_conf_py(srcdir)
    names = [f"blogposts_{f.name}" for f in dataclasses.fields(BlogpostsConfig)]
    namespace = SimpleNamespace(**{name: conf.get(name) for name in names})
    with _captured_warnings() as early:  # _data/authors.yml linked out of the site
        _, jekyll, values = site_values(
            srcdir, namespace.blogposts_jekyll_config, namespace.blogposts_jekyll_site
        )
    loaded = LoadedSite(
        srcdir=srcdir, site=Site.from_settings(BlogpostsConfig()), conf=conf, issues=issues,
        jekyll_data=dict(jekyll.data),
    )
    for problem in jekyll.problems:
        loaded.issues.append(
            Issue(
                loaded.display(jekyll.path or ""), problem.line, BlogWarning.CONFIG, problem.message
            )
        )
    with _captured_warnings() as records:
        settings = resolve_config(
            namespace,
            values,
            jekyll.location,
            lambda name: conf_py_line(srcdir / "conf.py", name),
        )
    for record in [*early, *records]:
        loaded.issues.append(_issue_from_record(loaded, record))
    settings.language_folders = resolved_language_folders(srcdir, settings.language_folders)
    language = conf.get("language")
    with _captured_warnings():  # reported by check's own reading of _config.yml
        language = language if isinstance(language, str) and language else site_language(jekyll)
    loaded.site = Site.from_settings(settings, language)
    with _captured_warnings() as avatars:  # what the build says at builder-inited
        warn_avatars(settings, srcdir, srcdir / "conf.py", frozenset(conf))
    loaded.issues += [_issue_from_record(loaded, record) for record in avatars]
    return loaded


def _issue_from_record(loaded: LoadedSite, record: logging.LogRecord) -> Issue:
    location = str(getattr(record, "location", "") or "")
    path, _, line = location.rpartition(":")
    if not line.isdigit():
        path, line = location, "1"
    try:
        subtype = BlogWarning(getattr(record, "subtype", "config"))
    except ValueError:
        subtype = BlogWarning.CONFIG
    return Issue(
        loaded.display(path) if path else "conf.py", int(line), subtype, record.getMessage()
    )
