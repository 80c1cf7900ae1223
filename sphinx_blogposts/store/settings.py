"""The settings of this build, made once and kept on the environment.

``blogposts_*`` values are resolved at ``config-inited``; at ``builder-inited``
(once the environment of this build exists) they become one
:class:`~..core.documents.Site`, which every stage reads through
:func:`site_of` instead of rebuilding it from the configuration.  It is made
again on every build, so a changed ``conf.py`` or ``_config.yml`` is always
seen.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from ..core.config import BlogpostsConfig
from ..core.documents import Site

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinx.environment import BuildEnvironment

#: The attribute of the environment that holds this build's :class:`Site`.
ATTRIBUTE = "blogposts_site"


def attach_settings(app: Sphinx) -> None:
    """Make this build's settings (``builder-inited``)."""
    setattr(app.env, ATTRIBUTE, Site.from_settings(BlogpostsConfig.from_config(app.config), app.config.language))


def site_of(env: BuildEnvironment) -> Site:
    """This build's settings, folders and time zone."""
    site: Site | None = getattr(env, ATTRIBUTE, None)
    if site is None:  # asked before builder-inited (a test that calls a stage directly)
        site = Site.from_settings(BlogpostsConfig.from_config(env.config), env.config.language)
        setattr(env, ATTRIBUTE, site)
    return site


def settings_of(env: BuildEnvironment) -> BlogpostsConfig:
    """This build's resolved ``blogposts_*`` settings."""
    return site_of(env).settings
