"""Profile one build of the large profile with cProfile (``-j 1``), as the performance notes did.

    python benchmarks/profile_build.py --posts 1000 [--variant plain] [--keep DIR]

Writes the site (``corpus.write_large_site``), builds it once with
``sphinx.cmd.build.build_main`` under cProfile, and prints Sphinx's phases
and the extension's own functions by cumulative time.  ``--stats FILE``
keeps the raw profile for ``python -m pstats``.
"""

from __future__ import annotations

import argparse
import cProfile
import pstats
import shutil
import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from corpus import write_large_variant  # noqa: E402

#: Sphinx's phases, to compare a build with plain Sphinx's.
PHASES = "builders/__init__.py:.*\\((read|write|_write_docname|finish)\\)|html/__init__.py:.*\\((handle_page|index_page|write_doc)\\)"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--posts", type=int, default=1000)
    parser.add_argument("--variant", choices=["plain", "blogposts"], default="blogposts")
    parser.add_argument("--keep", type=Path, help="write the site and its output here (default: a temporary folder)")
    parser.add_argument("--stats", type=Path, help="also save the profile to this file")
    parser.add_argument("--top", type=int, default=40)
    args = parser.parse_args()
    from sphinx.cmd.build import build_main

    with tempfile.TemporaryDirectory(prefix="blogposts-profile-") as tmp:
        work = args.keep or Path(tmp)
        src, out = work / f"{args.variant}-{args.posts}", work / f"out-{args.variant}-{args.posts}"
        if not src.exists():
            write_large_variant(src, args.posts, args.variant)
        shutil.rmtree(out, ignore_errors=True)
        profile = cProfile.Profile()
        profile.enable()
        build_main([str(src), str(out), "-q", "-E", "-j", "1"])
        profile.disable()
        if args.stats:
            profile.dump_stats(str(args.stats))
        stats = pstats.Stats(profile).sort_stats("cumulative")
        stats.print_stats(PHASES)
        stats.print_stats("sphinx_blogposts", args.top)
    return 0


if __name__ == "__main__":
    sys.exit(main())
