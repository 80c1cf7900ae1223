"""Comments at the end of each post page (:mod:`.core.comments`): giscus, utterances, disqus.

Only site builders (``html``, ``dirhtml``) get them, appended to the page's
``body`` when it is written: they never reach the doctree, so LaTeX, ePub
and text output have none, the raw-HTML sanitizer (which works on what the
page's author wrote) never sees them, and the feeds' copy of the body (saved
at priority 500) is made before them.  A provider that cannot be written is
reported when the settings are resolved (:func:`.core.config.resolve_config`),
so ``sphinx-blogposts check`` reports it too.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from ..core.comments import comments_html, comments_setup, wants_comments
from ..store.domain import BlogpostsDomain
from ..store.labels import language_of
from ..store.settings import settings_of
from ..store.site_urls import page_address
from .feed_content import FEED_BUILDERS, base_url

if TYPE_CHECKING:
    from sphinx.application import Sphinx


def on_html_page_context(
    app: Sphinx, pagename: str, templatename: str, context: dict[str, Any], doctree: Any
) -> None:
    """A post's page of a site builder gets the provider's embed after its body."""
    if app.builder.name not in FEED_BUILDERS or doctree is None or "body" not in context:
        return
    record = BlogpostsDomain.of(app.env).posts.get(pagename)
    if record is None or record.kind != "post" or not wants_comments(record.meta):
        return
    settings = settings_of(app.env)
    setup, _ = comments_setup(settings.comments, settings.repository)
    if setup is None:
        return
    address = page_address(app.env, app.builder, pagename)
    base = base_url(app, settings)
    url = context.get("pageurl") or (base + address if base else "")
    context["body"] = context["body"] + comments_html(
        setup, url, "/" + address, language_of(app.env, pagename)
    )
