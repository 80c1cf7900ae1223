"""The doctree nodes the stages leave for each other: placeholders that reading
puts in a page and writing fills in or renders.  Their visitors are registered
by the modules that render them.
"""

from __future__ import annotations

from docutils import nodes


class post_node(nodes.Element):  # noqa: N801 - docutils node naming
    """Where the post header is rendered; ``node["docname"]`` finds the record."""


class post_title(nodes.TextElement):  # noqa: N801
    """The parsed title, moved into the page's section title by a transform."""


class post_excerpt(nodes.Element):  # noqa: N801
    """The directive's content: the post's excerpt (not shown on the post page)."""


class image_self_link(nodes.reference):  # noqa: N801 - docutils naming
    """A link from an image to its own file (``<a href=x><img src=x></a>``).

    The copied file's name is known only when the page is written, so HTML
    translators fill in the address then; other builders drop the link.
    """


class line_break(nodes.Inline, nodes.Element):  # noqa: N801
    """``<br>`` in a caption: ``<br />`` in HTML, a space elsewhere."""


class media_html(nodes.General, nodes.Element):  # noqa: N801 - docutils naming
    """Media HTML with placeholders for the addresses of copied files.

    ``node["html"]`` is safe HTML; ``node["downloads"]`` the copied files'
    destinations (``<digest>/<name>``) in placeholder order; ``node["links"]``
    (label, url) pairs for builders without HTML.
    """


class post_nav_node(nodes.General, nodes.Element):  # noqa: N801 - docutils naming
    """Where the links to the older and newer post go."""


class postlist_node(nodes.General, nodes.Element):  # noqa: N801 - docutils naming
    """Placeholder for a post list; ``node["spec"]`` is a :class:`ListSpec` as a dict."""


class pager_node(nodes.General, nodes.Element):  # noqa: N801 - docutils naming
    """The links between the pages of a paginated list: ``node["pages"]`` (page
    names, the first a document), ``node["number"]`` and its labels
    (:func:`.generate.page_source.pager_info`)."""


class page_link(nodes.Inline, nodes.TextElement):  # noqa: N801 - docutils naming
    """A link to a list page (no document): ``node["target"]`` is its page name;
    the text its label.  Resolved when the page is written."""


class author_box(nodes.General, nodes.Element):  # noqa: N801 - docutils naming
    """A page's author box, made while reading; its children are native nodes
    (the avatar image, the name, the bio, the location, the links).

    ``node["author"]`` is the author as a plain mapping (name, avatar, bio,
    location, email, uri, links), ``node["place"]`` ``"post"`` or ``"archive"``;
    ``node["avatar_url"]`` an avatar that is a URL (no file to copy).
    """
