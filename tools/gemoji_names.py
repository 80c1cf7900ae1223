"""Remake ``sphinx_blogposts/markdown/gemoji.json`` from GitHub's gemoji list.

jemoji (the Jekyll plugin GitHub Pages allows) knows the shortcodes of
GitHub's gemoji library; its ``db/emoji.json`` is a list of facts (each emoji
character and its aliases).  This keeps only ``alias -> character``, sorted,
so the build knows the same names without a dependency::

    python tools/gemoji_names.py path/to/gemoji/db/emoji.json
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

TARGET = Path(__file__).resolve().parent.parent / "sphinx_blogposts" / "markdown" / "gemoji.json"


def names(entries: list[dict]) -> dict[str, str]:
    """``alias -> emoji`` for every entry that is a Unicode character (GitHub's
    custom images, such as ``:octocat:``, have none and are left out)."""
    out: dict[str, str] = {}
    for entry in entries:
        char = entry.get("emoji")
        if not char:
            continue
        for alias in entry.get("aliases", []):
            out.setdefault(alias, char)
    return dict(sorted(out.items()))


def main(source: str) -> None:
    entries = json.loads(Path(source).read_text(encoding="utf-8"))
    table = names(entries)
    text = json.dumps(table, ensure_ascii=False, indent=0, separators=(",", ":"))
    TARGET.write_text(text + "\n", encoding="utf-8")
    print(f"{len(table)} names written to {TARGET}")


if __name__ == "__main__":
    main(sys.argv[1])
