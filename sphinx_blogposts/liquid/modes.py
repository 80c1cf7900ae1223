"""Whether Liquid is rendered: ``blogposts_liquid`` (``off``/``on``/``strict``), whether
python-liquid is installed, and what a Liquid construct looks like.

Importable without python-liquid, so the build and the command line can ask
before they load the renderer (:mod:`.render`).
"""

from __future__ import annotations

import re
from typing import Any

from sphinx.errors import SphinxError

#: The values of ``blogposts_liquid``.
MODES = ("off", "on", "strict")
#: python-liquid is a dependency; an environment can still lack it (installed
#: with ``--no-deps``, or removed), and then the build says what to install.
INSTALL_HINT = "pip install python-liquid"


#: One Liquid construct: ``{% raw %}...{% endraw %}``, ``{{ ... }}`` or ``{% ... %}``.
CONSTRUCT = re.compile(
    r"(?P<raw>\{%-?\s*raw\s*-?%\}.*?\{%-?\s*endraw\s*-?%\})"
    r"|(?P<out>\{\{.*?\}\})"
    r"|(?P<tag>\{%-?\s*(?P<name>#|\w+)?.*?%\})",
    re.DOTALL,
)


class LiquidStrictError(SphinxError):
    """A Liquid problem with ``blogposts_liquid = "strict"``."""

    category = "Liquid error"


def liquid_available() -> bool:
    """Is python-liquid (a dependency, which an environment can still lack) installed?"""
    try:
        import liquid  # noqa: F401
    except ImportError:
        return False
    return True


def mode_of(config: Any) -> str:
    """``blogposts_liquid`` of a configuration, ``"off"`` when it is not one of :data:`MODES`."""
    value = getattr(config, "blogposts_liquid", None)
    return value if value in MODES else "off"
