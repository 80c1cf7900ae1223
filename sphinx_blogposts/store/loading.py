"""The last build's environment loaded without the cyclic garbage collector.

Sphinx unpickles the environment (every document's toctree, titles and
dependencies, and our records) after the extensions are set up and before
``builder-inited``.  Unpickling creates hundreds of thousands of objects, and
the cyclic collector walks the whole growing heap again and again meanwhile:
on a 2,000-post site that is about half of the load (measured: 1.05 -> 0.68 s
and 1.79 -> 0.60 s on a loaded machine).  Nothing in between makes cyclic
garbage worth collecting, so the collector is paused from ``setup`` to
``builder-inited`` (and given back at ``build-finished`` should that never come).
What was loaded then lives as long as the build, so it is frozen out of the
collector's walks until the build has finished.
"""

from __future__ import annotations

import gc
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from sphinx.application import Sphinx

#: The application's attribute that says this extension paused the collector.
PAUSED = "_blogposts_paused_gc"


def pause_collector(app: Sphinx) -> None:
    """Pause the cyclic collector while Sphinx loads the environment (from ``setup``)."""
    if gc.isenabled():
        gc.disable()
        app.__dict__[PAUSED] = True


def resume_collector(app: Sphinx, *args: object) -> None:
    """Give the collector back (``builder-inited``; ``build-finished`` as a safety net).

    What was loaded meanwhile lives as long as the build: it is moved to the
    collector's permanent generation (``gc.freeze``), so that no collection of
    the build walks it again (on a 10,000-post site each full collection walked
    millions of objects), and is given back when the build has finished."""
    if app.__dict__.pop(PAUSED, False):
        gc.freeze()
        app.__dict__[FROZEN] = True
        gc.enable()


#: The application's attribute that says this extension froze what was loaded.
FROZEN = "_blogposts_frozen_gc"


def unfreeze(app: Sphinx, *args: object) -> None:
    """What was loaded is the collector's again (``build-finished``)."""
    if app.__dict__.pop(FROZEN, False):
        gc.unfreeze()
