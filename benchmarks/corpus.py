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


# --- the large, real-shaped profile -------------------------------------------------

#: Language folders of the large profile (each holds ``<section>/_posts/``).
LANGUAGES = ("en", "es", "fr", "de", "it", "pt", "nl", "pl", "ja")
SECTIONS = ("news", "blog")
#: What ``site.data.ui_text[page.lang]`` holds in every post of the large profile.
UI_TEXT = {"read_more": "Read more", "share": "Share this", "related": "Related posts"}


def _large_folders() -> list[str]:
    """17 post folders: every language has news, the first eight a blog too."""
    folders = [f"{lang}/news" for lang in LANGUAGES]
    folders += [f"{lang}/blog" for lang in LANGUAGES[:8]]
    return folders


def _large_post(i: int, folder: str, rng: random.Random, images: int) -> tuple[str, str]:
    """The file name and text of post ``i`` of the large profile."""
    lang = folder.split("/")[0]
    year, month, day = 2008 + i % 17, 1 + i % 12, 1 + i % 28
    tags = rng.sample(TAGS, 3)
    paragraphs = [" ".join(rng.choices(WORDS, k=rng.randint(40, 90))) for _ in range(rng.randint(3, 7))]
    image = i % images
    name = f"{year}-{month:02d}-{day:02d}-story-{i}.md"
    text = (
        f'---\ntitle: "Story {i} from {folder}"\ndate: {year}-{month:02d}-{day:02d} 09:30:00 +0100\n'
        f"lang: {lang}\ntags: [{', '.join(tags)}]\n"
        f"excerpt: \"{paragraphs[0][:120]}\"\nheader:\n  teaser: /assets/images/img-{image}.png\n---\n\n"
        f"{paragraphs[0]}\n\n## {rng.choice(WORDS).title()} and {rng.choice(WORDS)}\n\n{paragraphs[1]}\n\n"
        f'<figure class="align-center">\n  <a href="/assets/images/img-{image}.png">'
        f'<img src="/assets/images/img-{image}.png" alt="figure {i}"></a>\n'
        f"  <figcaption>What story {i} shows.</figcaption>\n</figure>\n\n"
        + "\n\n".join(paragraphs[2:])
        + f"\n\n- {rng.choice(WORDS)}\n- {rng.choice(WORDS)}\n- {rng.choice(WORDS)}\n\n"
        f"{{{{ site.data.ui_text[page.lang].related }}}}: [the about page]({{{{ '/{lang}/about/' | relative_url }}}}).\n\n"
        f"![inline](/assets/images/img-{(image + 1) % images}.png)\n"
    )
    return name, text


def write_large_site(root: Path, posts: int = 5000, pages: int | None = None, seed: int = 7) -> list[Path]:
    """A real-shaped Jekyll site: ``posts`` posts in 17 language folders (each with
    ``lang:``), a few hundred pages in ``_pages/`` (permalinks; some ``.html``),
    a ``docs`` collection, ``_config.yml`` with collections and ``defaults:``,
    a ``_data/navigation.yml`` menu, ``_data/ui_text.yml`` used by every post's
    Liquid, raw ``<figure>`` blocks and images.  Returns the posts' paths.

    The same files serve plain Sphinx + MyST (which shows the Liquid as text and
    ignores the ``.html`` pages) and sphinx_blogposts.
    """
    rng = random.Random(seed)
    pages = pages if pages is not None else max(20, min(300, posts // 17))
    images = max(10, posts // 10)
    (root / "assets" / "images").mkdir(parents=True, exist_ok=True)
    for n in range(images):
        (root / "assets" / "images" / f"img-{n}.png").write_bytes(png_bytes(n))
    folders = _large_folders()
    written = []
    for i in range(posts):
        folder = folders[i % len(folders)]
        name, text = _large_post(i, folder, rng, images)
        path = root / folder / "_posts" / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
        written.append(path)
    (root / "_pages").mkdir(exist_ok=True)
    menu = []
    for n in range(pages):
        lang = LANGUAGES[n % len(LANGUAGES)]
        body = "\n\n".join(" ".join(rng.choices(WORDS, k=60)) for _ in range(3))
        if n < len(LANGUAGES):  # one about page per language: in the menu
            permalink, title = f"/{lang}/about/", f"About ({lang})"
            menu.append((title, permalink))
        else:
            permalink, title = f"/{lang}/pages/page-{n}/", f"Page {n}"
        if n % 10 == 5 and n >= len(LANGUAGES):  # some pages are HTML with Liquid
            (root / "_pages" / f"page-{n}.html").write_text(
                f'---\ntitle: "{title}"\npermalink: {permalink}\nlang: {lang}\n---\n'
                f"<h2>{html_escape(title)}</h2>\n<p>{body[:200]}</p>\n"
                f"<p>{{{{ site.data.ui_text[page.lang].share }}}}</p>\n",
                encoding="utf-8",
            )
            continue
        (root / "_pages" / f"page-{n}.md").write_text(
            f'---\ntitle: "{title}"\npermalink: {permalink}\nlang: {lang}\n---\n\n{body}\n', encoding="utf-8"
        )
    (root / "_docs").mkdir(exist_ok=True)
    for n in range(max(5, pages // 10)):
        (root / "_docs" / f"guide-{n}.md").write_text(
            f'---\ntitle: "Guide {n}"\n---\n\n## Step one\n\n{" ".join(rng.choices(WORDS, k=80))}\n', encoding="utf-8"
        )
    (root / "_pages" / "home.md").write_text(
        "---\ntitle: Home\npermalink: /\n---\n\nThe site's home page.\n", encoding="utf-8"
    )
    menu += [("Guides", "/docs/guide-0/")]
    (root / "_data").mkdir(exist_ok=True)
    (root / "_data" / "navigation.yml").write_text(
        "main:\n" + "".join(f'  - title: "{t}"\n    url: {u}\n' for t, u in menu), encoding="utf-8"
    )
    (root / "_data" / "ui_text.yml").write_text(
        "".join(f"{lang}:\n" + "".join(f'  {k}: "{v}"\n' for k, v in UI_TEXT.items()) for lang in LANGUAGES),
        encoding="utf-8",
    )
    (root / "_config.yml").write_text(
        "title: Large site\nurl: https://large.example.org\nlocale: en-US\ntimezone: Europe/Madrid\n"
        "permalink: /:categories/:year/:month/:day/:title/\ninclude: [_pages]\n"
        "collections:\n  docs:\n    output: true\n    permalink: /:collection/:path/\n"
        "defaults:\n  - scope:\n      path: \"\"\n      type: posts\n    values:\n      layout: single\n"
        "      author_profile: true\n      share: true\n"
        "  - scope:\n      path: \"_pages\"\n    values:\n      layout: single\n"
        "  - scope:\n      path: \"\"\n      type: docs\n    values:\n      layout: single\n      toc: true\n",
        encoding="utf-8",
    )
    return written


def html_escape(text: str) -> str:
    """``&``, ``<`` and ``>`` escaped (titles in the HTML pages)."""
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def write_large_variant(root: Path, posts: int, variant: str) -> None:
    """The large profile as ``plain`` (Sphinx + MyST, the same files, MyST extensions
    as the extension turns on in a Jekyll site) or ``blogposts``."""
    write_large_site(root, posts)
    if variant == "blogposts":
        (root / "conf.py").write_text('extensions = ["sphinx_blogposts"]\n', encoding="utf-8")
        return
    # plain Sphinx has no menu: its root toctree lists the about pages and a guide, as the menu does
    conf = [
        "extensions = ['myst_parser']",
        "project = 'Large site'",
        "exclude_patterns = ['_build', '_data']",
        "suppress_warnings = ['toc.not_included', 'myst.header', 'myst.xref_missing']",
        "myst_enable_extensions = ['deflist', 'smartquotes', 'colon_fence', 'html_image', 'strikethrough']",
        "myst_heading_anchors = 6",
        "myst_title_to_header = True",  # the front matter's title is the page's, as in Jekyll
    ]
    (root / "conf.py").write_text("\n".join(conf) + "\n", encoding="utf-8")
    abouts = "\n".join(f"_pages/page-{n}" for n in range(len(LANGUAGES)))
    (root / "index.md").write_text(f"# Large site\n\n```{{toctree}}\n{abouts}\n_docs/guide-0\n```\n", encoding="utf-8")
