"""Write a synthetic Jekyll-style corpus of N posts for the benchmark.

Every post has front matter (title, date, tags, categories), a few
paragraphs, one raw HTML ``<figure>`` and one Markdown image; posts are
spread over ``_posts`` and a second collection, ``_notes``.
"""

from __future__ import annotations

import random
import struct
import zlib
from pathlib import Path

WORDS = (
    "river stone cloud paper lamp garden window bread letter engine forest signal "
    "harbor ladder mirror orbit pepper quilt saddle timber velvet wagon yarrow zephyr"
).split()
TAGS = [f"tag{i:02d}" for i in range(40)]
CATEGORIES = [f"cat{i}" for i in range(8)]


def png_bytes(seed: int) -> bytes:
    """A tiny valid PNG (8x6 pixels, one colour)."""
    colour = bytes(((seed * 37) % 256, (seed * 91) % 256, (seed * 53) % 256))
    raw = b"".join(b"\x00" + colour * 8 for _ in range(6))

    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)

    header = struct.pack(">IIBBBBB", 8, 6, 8, 2, 0, 0, 0)
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", zlib.compress(raw)) + chunk(b"IEND", b"")


#: What ``--liquid`` adds to every post: a loop, filters, an assign and a
#: highlight block.  sphinx_blogposts renders it; plain Sphinx and ABlog show it as text.
LIQUID = (
    "{% assign count = page.tags | size %}\n"
    "This post has {{ count }} tags: {% for tag in page.tags %}{{ tag | upcase }}"
    "{% unless forloop.last %}, {% endunless %}{% endfor %}, and lives at {{ page.url | relative_url }}.\n\n"
    "{% highlight python %}\nprint({{ page.title | jsonify }})\n{% endhighlight %}\n"
)


def write_posts(root: Path, count: int, seed: int = 1, naive_dates: bool = False, liquid: bool = False) -> list[Path]:
    """The posts and their images, the same for every variant of the benchmark.

    ``naive_dates`` writes dates without time and offset (ABlog stops on
    dates with an offset: it compares them with naive ones); ``liquid`` adds
    :data:`LIQUID` to every post.
    """
    rng = random.Random(seed)
    (root / "images").mkdir(parents=True, exist_ok=True)
    posts = []
    for i in range(count):
        folder = "_posts" if i % 4 else "_notes"
        year, month, day = 2010 + i % 12, 1 + i % 12, 1 + i % 28
        (root / folder).mkdir(exist_ok=True)
        (root / "images" / f"p{i}.png").write_bytes(png_bytes(i))
        tags = rng.sample(TAGS, 3)
        body = "\n\n".join(" ".join(rng.choices(WORDS, k=70)) for _ in range(4))
        name = f"{year}-{month:02d}-{day:02d}-post-{i}.md"
        path = root / folder / name
        path.write_text(
            f"---\ntitle: \"Post number {i}\"\ndate: {year}-{month:02d}-{day:02d}{'' if naive_dates else ' 10:00:00 +0100'}\n"
            f"tags: [{', '.join(tags)}]\ncategories: [{CATEGORIES[i % len(CATEGORIES)]}]\n---\n\n"
            f"{body}\n\n## A section\n\n{body[:300]}\n\n"
            f'<figure>\n  <a href="/images/p{i}.png"><img src="/images/p{i}.png" alt="picture {i}"></a>\n'
            f"  <figcaption>The picture of post {i}</figcaption>\n</figure>\n\n"
            f"![inline picture](/images/p{i}.png)\n" + (f"\n{LIQUID}" if liquid else ""),
            encoding="utf-8",
        )
        posts.append(path)
    return posts


def write_variant(root: Path, count: int, variant: str, liquid: bool = False) -> None:
    """``plain`` (Sphinx + MyST), ``blogposts`` (all features on) or ``ablog``."""
    write_posts(root, count, naive_dates=variant == "ablog", liquid=liquid)
    if variant == "blogposts":
        (root / "_config.yml").write_text(
            "title: Benchmark\nurl: https://bench.example.org\n"
            "collections:\n  notes:\n    output: true\n    permalink: /:collection/:path/\n",
            encoding="utf-8",
        )
        (root / "conf.py").write_text('extensions = ["sphinx_blogposts"]\n', encoding="utf-8")
        return
    conf = [
        "project = 'Benchmark'",
        "exclude_patterns = ['_build']",
        "suppress_warnings = ['toc.not_included', 'myst.header']",
        "myst_enable_extensions = ['html_image']",
    ]
    if variant == "plain":
        conf.insert(0, "extensions = ['myst_parser']")
    else:  # ABlog with its archives and feeds
        conf.insert(0, "extensions = ['myst_parser', 'ablog']")
        conf += [
            "blog_path = 'blog'",
            "blog_post_pattern = ['_posts/*.md', '_notes/*.md']",
            "blog_baseurl = 'https://bench.example.org/'",
            "blog_feed_archives = True",
            "post_date_format = '%Y-%m-%d'",
        ]
    (root / "conf.py").write_text("\n".join(conf) + "\n", encoding="utf-8")
    (root / "index.md").write_text("# Benchmark\n\nA home page.\n", encoding="utf-8")
