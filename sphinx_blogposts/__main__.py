"""``python -m sphinx_blogposts``: the same as the ``sphinx-blogposts`` command."""

from __future__ import annotations

from .cli import main

if __name__ == "__main__":
    main(prog_name="sphinx-blogposts")
