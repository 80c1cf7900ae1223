"""Where a path really is: inside the source folder or out of it (links followed)."""

from __future__ import annotations

import os


def outside_source(path: str, real_srcdir: str) -> bool:
    """Does ``path`` lie outside the source folder (``real_srcdir``, symbolic links
    already resolved) once its own links are followed?"""
    real = os.path.realpath(path)
    return not (real == real_srcdir or real.startswith(real_srcdir.rstrip(os.sep) + os.sep))
