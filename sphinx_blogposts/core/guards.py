"""One document's unexpected failure is a warning on that document, never a traceback.

Every step the extension runs for one document (``source-read``, the
``post`` directive, the transforms, ``doctree-read`` and ``doctree-resolved``
handlers, the header's HTML visitor) runs inside :func:`document_guard`.  The
errors raised on purpose still stop the build: Sphinx's own (``-W``,
``blogposts_liquid = "strict"``) and docutils' directive errors, which docutils
turns into its own located messages.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from functools import wraps
from typing import Any, TypeVar

from docutils.nodes import SkipNode
from docutils.parsers.rst import DirectiveError
from docutils.utils import SystemMessage
from sphinx.errors import SphinxError

from .warnings import BlogWarning, warn

#: What is raised on purpose and must go on: strict modes, docutils' own control flow.
PASSED_ON = (SphinxError, DirectiveError, SystemMessage, SkipNode)

F = TypeVar("F", bound=Callable[..., Any])


@contextmanager
def document_guard(location: Any, step: str, subtype: BlogWarning, outcome: str) -> Iterator[None]:
    """Turn an unexpected exception in ``step`` into a ``blogposts.<subtype>`` warning at
    ``location``; ``outcome`` says what happens instead (``"the post is left without
    a header"``)."""
    try:
        yield
    except PASSED_ON:
        raise
    except Exception as exc:  # noqa: BLE001 - one odd document must not stop the build
        warn(f"{step} failed ({type(exc).__name__}: {exc}); {outcome}", subtype, location=location)


def guarded_handler(step: str, subtype: BlogWarning, outcome: str, docname_arg: int | None = None) -> Callable[[F], F]:
    """:func:`document_guard` around a per-document event handler.

    The warning is located at line 1 of the document: ``args[docname_arg]`` when
    the event passes the docname, else the environment's current document.
    """

    def decorate(handler: F) -> F:
        @wraps(handler)
        def run(app: Any, *args: Any) -> Any:
            docname = args[docname_arg] if docname_arg is not None else getattr(app.env, "docname", "")
            with document_guard((docname, 1), step, subtype, outcome):
                return handler(app, *args)
            return None

        return run  # type: ignore[return-value]

    return decorate
