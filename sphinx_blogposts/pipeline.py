"""The pipeline in one table: every Sphinx event the extension hooks, in order.

Each row is one job: the stage it belongs to, the event (or ``transform``: a
docutils transform run while a document is read), the priority, the handler
and why it runs there.  Handlers of one event run by priority, and rows of the
same event and priority in the order of this table.  ``setup_pipeline``
registers the rows; each module's own ``register_*`` function adds only what
is not an event (nodes, directives, the domain, configuration values).
:doc:`/explanation/architecture` shows the same table; a test keeps them equal.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from .generate import generated_pages
from .generate import menu as menu_plan
from .html import figures, media, sanitizer
from .liquid import files as liquid_files
from .liquid import stage as liquid_stage
from .markdown import parser
from .output import (
    assets,
    author_box,
    comments,
    feed_content,
    feeds,
    freshness,
    kramdown_attributes,
    list_pages,
    navigation,
    page_context,
    pager,
    post_header,
    postlist,
    redirects,
    related_posts,
    removed,
    seo_head,
    static_files,
    translations,
)
from .reading import (
    author_profile,
    directive,
    discovery,
    file_access,
    html_pages,
    includes,
    kramdown_toc,
    links,
    numbering,
    site_setup,
    source_reader,
    transforms,
)
from .store import domain, generated, labels, loading, settings, sources

if TYPE_CHECKING:
    from sphinx.application import Sphinx


@dataclass(frozen=True)
class Hook:
    """One job of the pipeline: ``handler`` runs at ``event`` with ``priority``."""

    stage: str
    event: str
    priority: int
    handler: Callable[..., Any]
    why: str


#: Registrations that are not events, in the order Sphinx needs them (the
#: domain before the directive that is added to it).
REGISTER: tuple[Callable[[Sphinx], None], ...] = (
    loading.pause_collector,
    site_setup.register_site,
    parser.register_kramdown,
    domain.register_domain,
    directive.register_directive,
    file_access.register_file_access,
    postlist.register_postlist,
    pager.register_pager,
    post_header.register_post_header,
    navigation.register_navigation,
    figures.register_html_figures,
    media.register_media,
    author_box.register_author_box,
)

# fmt: off
PIPELINE: tuple[Hook, ...] = (
    Hook("configure", "config-inited", 790, site_setup.on_config_inited,
         "read _config.yml and resolve blogposts_*; before Sphinx checks config types and merges suffixes (800)"),
    Hook("configure", "builder-inited", 0, loading.resume_collector,
         "the last build's environment is loaded: the garbage collector, paused since setup, runs again"),
    Hook("configure", "builder-inited", 500, settings.attach_settings,
         "this build's settings made once and kept on the environment, for every later stage"),
    Hook("output", "builder-inited", 500, assets.on_builder_inited,
         "the extension's stylesheet on HTML pages, copied before any page is written"),
    Hook("output", "builder-inited", 500, kramdown_attributes.on_builder_inited,
         "HTML builders write the attributes of kramdown's attribute lists (target, rel...), on the theme's translator"),
    Hook("read", "builder-inited", 500, author_profile.check_avatars,
         "an author avatar that cannot be shown is said once per build, at its setting"),
    Hook("discover", "env-get-outdated", 500, discovery.on_env_get_outdated,
         "take the files that are not pages out of the project, before Sphinx reads"),
    Hook("discover", "env-get-outdated", 510, discovery.claim_old_urls,
         "who owns each old URL, from the facts discovery just read"),
    Hook("plan", "env-get-outdated", 520, generated_pages.inject_generated_pages,
         "plan archives, indexes and the home page from the facts; write and map them as documents"),
    Hook("plan", "env-get-outdated", 525, menu_plan.plan_navigation,
         "a Jekyll site's menu (or a short default) planned as the root toctree; the root is read again when it changes"),
    Hook("plan", "env-get-outdated", 527, translations.link_translations,
         "which documents are translations of each other, from the facts; those whose translations changed are read again"),
    Hook("output", "env-get-outdated", 530, removed.delete_removed_output,
         "delete the page and _sources copy of removed documents, after the generated pages took theirs back"),
    Hook("liquid", "env-get-outdated", 540, liquid_stage.stale_site_readers,
         "pages whose Liquid lists site.posts are read again when any document changes"),
    Hook("liquid", "env-get-outdated", 550, liquid_stage.awaiting_documents,
         "pages whose Liquid looked for a missing include or _data/ file are read again once it is there"),
    Hook("liquid", "env-before-read-docs", 500, liquid_stage.on_env_before_read_docs,
         "without python-liquid, say once per build that Liquid was found"),
    Hook("read", "env-before-read-docs", 500, domain.note_main_process,
         "remember the process that forks the parallel readers"),
    Hook("read", "env-before-read-docs", 510, domain.read_few_serially,
         "a handful of documents (a one-post edit) is read in the main process: a forked reader sends the whole environment back"),
    Hook("read", "source-read", 400, domain.leave_inherited_records,
         "a parallel reader lets go of the records it inherited, which the main process would unpickle for nothing"),
    Hook("read", "source-read", 500, source_reader.on_source_read,
         "front matter becomes the post directive, then Liquid is rendered, line for line"),
    Hook("read", "include-read", 500, includes.on_include_read,
         "included files: never from outside the source folder, include loops cut"),
    Hook("liquid", "transform", 690, liquid_stage.CodeOptions,
         "highlight options of rendered code blocks, before the raw HTML is converted"),
    Hook("html", "transform", 690, figures.HtmlToNodes,
         "raw HTML becomes figures, images and media before links and titles are looked at"),
    Hook("read", "transform", 694, html_pages.HtmlFileLinks,
         "a link to an .html file that is not a page stays a link to the file"),
    Hook("read", "transform", 695, links.InternalLinks,
         "links to the old site's URLs become references to documents"),
    Hook("read", "transform", 696, links.OutsideDownloads,
         "a download link to a file outside the source folder publishes nothing (posts, Jekyll sites)"),
    Hook("read", "transform", 700, transforms.PostTransform,
         "title, excerpt, reading time; before Sphinx collects titles and toctrees (850-880)"),
    Hook("read", "transform", 701, kramdown_toc.KramdownToc,
         "kramdown's {:toc} made the list of the page's headings, once the title is settled"),
    Hook("read", "transform", 702, author_profile.AuthorProfile,
         "the author box of author_profile pages and author archives, before Sphinx collects the avatar image (880)"),
    Hook("html", "transform", 705, sanitizer.RawHtmlSanitizer,
         "raw HTML left after the conversion made inert, after the excerpt separator was found"),
    Hook("output", "transform", 710, navigation.RootNavigation,
         "the menu (Jekyll site) or the generated sections (docs project) join the root document's toctree"),
    Hook("read", "doctree-read", 900, numbering.on_doctree_read,
         "note the numberable nodes of a post (after Sphinx's own collectors)"),
    Hook("read", "doctree-read", 900, transforms.on_doctree_read,
         "the post's picture for lists (after Sphinx's image collector) and its Open Graph fields"),
    Hook("read", "env-updated", 100, domain.restore_parallel,
         "reading is done: -j is given back for writing"),
    Hook("output", "env-updated", 500, removed.delete_unused_assets,
         "delete the images and downloads no document uses any more"),
    Hook("read", "env-updated", 500, sources.forget_judged,
         "reading is done: the front matter judged once for this build is let go"),
    Hook("output", "env-updated", 500, navigation.orphan_pages,
         "a Jekyll site's pages are reached from its menu, lists and links: no toctree warning (before the consistency check)"),
    Hook("index", "env-updated", 500, domain.on_env_updated,
         "one index of all posts, in the main process, after parallel reads are merged"),
    Hook("output", "env-updated", 500, labels.report_untranslated,
         "one info line for the documents' languages that have no catalog (their labels stay English)"),
    Hook("output", "env-updated", 510, related_posts.on_env_updated,
         "each post's related posts, once per build from the merged records (after the index)"),
    Hook("output", "env-get-updated", 500, freshness.on_env_get_updated,
         "pages whose lists or links now show something else are written again"),
    Hook("output", "env-get-updated", 500, related_posts.on_env_get_updated,
         "posts whose related posts now are others (or retitled) are written again"),
    Hook("output", "env-get-updated", 500, feed_content.on_env_get_updated,
         "which posts a feed shows, so only they save their text; one that entered a feed without it is written again"),
    Hook("read", "env-get-updated", 900, numbering.on_env_get_updated,
         "number the figures of posts, after Sphinx's own numbering (which resets them)"),
    Hook("output", "doctree-resolved", 490, pager.on_doctree_resolved,
         "builders without pages drop the pagers, and a paginated list's first page shows it whole"),
    Hook("output", "doctree-resolved", 500, post_header.on_doctree_resolved,
         "the header under each post's title (nodes for builders without templates)"),
    Hook("output", "doctree-resolved", 500, postlist.on_doctree_resolved,
         "post lists filled from this build's index (HTML: by the translator, in the parallel writers)"),
    Hook("output", "doctree-resolved", 500, navigation.on_doctree_resolved,
         "previous/next links of each post"),
    Hook("output", "doctree-resolved", 500, author_box.on_doctree_resolved,
         "the author box as paragraphs for builders without HTML templates"),
    Hook("html", "doctree-resolved", 500, figures.on_doctree_resolved,
         "builders without HTML drop image self-links and line breaks"),
    Hook("html", "doctree-resolved", 500, media.on_doctree_resolved,
         "media placeholders get the addresses of their copied files (links elsewhere)"),
    Hook("output", "doctree-resolved", 510, related_posts.on_doctree_resolved,
         "the related posts end the post, after what ends it at 500 (author box, previous/next links)"),
    Hook("output", "html-page-context", 390, navigation.shared_toctrees,
         "pages in no toctree share the sidebar toctree's rendering (by where its links lead from the page)"),
    Hook("output", "html-page-context", 400, navigation.static_menu_links,
         "the menu's static files linked relative to each page; before themes (furo) render the sidebar at 500"),
    Hook("output", "html-page-context", 500, generated.on_html_page_context,
         "generated and re-encoded documents get a proper _sources/ name"),
    Hook("output", "html-page-context", 500, page_context.on_html_page_context,
         "sidebar data and feed links for each page"),
    Hook("output", "html-page-context", 500, feed_content.on_html_page_context,
         "the body of a post a feed shows saved for the feeds' full text, as its page is written"),
    Hook("output", "html-page-context", 500, related_posts.on_html_page_context,
         "blogposts_related: the post's related posts for theme layouts"),
    Hook("output", "html-page-context", 500, redirects.on_html_page_context,
         "redirect_to: the page sends readers on"),
    Hook("output", "html-page-context", 500, translations.on_html_page_context,
         "the page's own lang attribute, hreflang links to its translations, its blog's feeds"),
    Hook("output", "html-page-context", 550, comments.on_html_page_context,
         "a post's comments (giscus, utterances, disqus) after its body, once the feeds saved the body (500)"),
    Hook("output", "html-page-context", 600, page_context.old_url_for_opengraph,
         "og:url is the old URL, after sphinxext-opengraph wrote its own (500)"),
    Hook("output", "html-page-context", 600, translations.og_locale,
         "og:locale is the page's language, where sphinxext-opengraph wrote Open Graph tags (500)"),
    Hook("output", "html-page-context", 650, seo_head.on_html_page_context,
         "jekyll-seo-tag's head (Open Graph, Twitter card, JSON-LD), without the tags sphinxext-opengraph (500) or 600 wrote"),
    Hook("output", "html-page-context", 900, navigation.static_menu_links_in_themes,
         "the same for the navigation functions themes add (pydata, book), after they added them"),
    Hook("output", "html-collect-pages", 500, removed.drop_orphan_words,
         "a removed page's words leave the search index"),
    Hook("output", "html-collect-pages", 500, generated.on_html_collect_pages,
         "the search index names generated and re-encoded documents by their path in the site"),
    Hook("output", "html-collect-pages", 500, list_pages.on_html_collect_pages,
         "pages 2, 3... of paginated lists, written from the index (not documents), when they changed"),
    Hook("configure", "build-finished", 0, loading.unfreeze,
         "what the environment's loading made is collected again, the build done"),
    Hook("configure", "build-finished", 0, loading.resume_collector,
         "the garbage collector runs again even when the build stopped before builder-inited"),
    Hook("output", "build-finished", 500, feeds.on_build_finished,
         "Atom and RSS feeds from the index, and jekyll-feed's (feed: in _config.yml) at its paths"),
    Hook("output", "build-finished", 500, redirects.on_build_finished,
         "a redirect page for every old URL, and the sitemap"),
    Hook("output", "build-finished", 500, static_files.on_build_finished,
         "a Jekyll site's static files copied when changed, deleted when removed (html, dirhtml)"),
    Hook("liquid", "build-finished", 600, liquid_files.on_build_finished,
         "the site's other Liquid files (search.json, .txt, .xml) rendered and written at their paths"),
)
# fmt: on


def setup_pipeline(app: Sphinx) -> None:
    """Register everything: first what is not an event, then every row of :data:`PIPELINE`."""
    for register in REGISTER:
        register(app)
    for hook in PIPELINE:
        if hook.event == "transform":
            app.add_transform(hook.handler)  # type: ignore[arg-type]
        elif hook.event in app.events.events:  # include-read: Sphinx >= 7.2
            app.connect(hook.event, hook.handler, priority=hook.priority)


def pipeline_table() -> str:
    """:data:`PIPELINE` as the Markdown table that ``docs/explanation/architecture.md`` quotes."""
    rows = ["| stage | event | priority | handler | why |", "|---|---|---|---|---|"]
    for hook in PIPELINE:
        module = hook.handler.__module__.removeprefix(f"{__package__}.")
        why = hook.why.replace("_", r"\_").replace("*", r"\*")  # Markdown: no emphasis
        rows.append(f"| {hook.stage} | `{hook.event}` | {hook.priority} | `{module}.{hook.handler.__qualname__}` | {why} |")
    return "\n".join(rows) + "\n"
