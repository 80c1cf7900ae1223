"""The ``sphinx-blogposts`` command line: ``check``, ``init`` and ``new``,
reading a site with the build's own functions, without building it.
"""

from .commands import main

__all__ = ["main"]
