"""Post lists are filled when an HTML page is translated (in the parallel writers).

What a reader sees is the same as when the lists were filled at
``doctree-resolved``; what changes is where the work happens: an HTML
builder's doctree keeps the list placeholder until its translator writes it,
so the page's search words are its own (not every listed post's excerpt), and
a card's picture is still copied though only the list shows it.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from conftest import warnings_of

POST = """---
title: "{title}"
date: 2024-0{month}-02 10:00:00 +0100
tags: [{tag}]
{extra}---

{body}
"""


def write_site(root: Path) -> Path:
    """Three posts (one with a picture only its front matter names) and two list pages."""
    (root / "_posts").mkdir(parents=True)
    (root / "images").mkdir()
    (root / "images" / "teaser.png").write_bytes(
        b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x02\x00\x00\x00\x90wS\xde"
        b"\x00\x00\x00\x0cIDATx\x9cc\xf8\x0f\x00\x00\x01\x01\x00\x05\x18\xd8N\x00\x00\x00\x00IEND\xaeB`\x82"
    )
    posts = [
        ("Quokka news", 1, "animals", "header:\n  teaser: /images/teaser.png\n", "A paragraph about zanzibarite."),
        ("Second post", 2, "animals", "", "Words of the second post."),
        ("Third post", 3, "plants", "", "Words of the third post."),
    ]
    for n, (title, month, tag, extra, body) in enumerate(posts):
        (root / "_posts" / f"2024-0{month}-02-post-{n}.md").write_text(
            POST.format(title=title, month=month, tag=tag, extra=extra, body=body), encoding="utf-8"
        )
    (root / "_config.yml").write_text("title: Lists\nurl: https://lists.example.org\n", encoding="utf-8")
    (root / "conf.py").write_text('extensions = ["sphinx_blogposts"]\n', encoding="utf-8")
    (root / "cards.md").write_text(
        "---\ntitle: Cards\npermalink: /cards/\n---\n\n```{postlist}\n:format: cards\n:tag: animals\n```\n",
        encoding="utf-8",
    )
    (root / "plain-list.md").write_text(
        "---\ntitle: A plain list\npermalink: /plain-list/\n---\n\nKookaburra words here.\n\n```{postlist}\n```\n",
        encoding="utf-8",
    )
    return root


def search_index(outdir: Path) -> dict:
    text = (outdir / "searchindex.js").read_text(encoding="utf-8")
    return json.loads(text[text.index("(") + 1 : text.rindex(")")])


@pytest.fixture
def site(tmp_path: Path) -> Path:
    return write_site(tmp_path / "site")


@pytest.mark.parametrize("parallel", [1, 2])
def test_lists_are_written_with_their_entries(make_app, site, parallel):
    app = make_app("html", srcdir=site, parallel=parallel)
    app.build()
    assert not [w for w in warnings_of(app) if "post list" in w]
    page = (app.outdir / "plain-list" / "index.html").read_text(encoding="utf-8")
    titles = re.findall(r'class="blogposts-entry-link reference internal" href="[^"]+">([^<]+)</a>', page)
    assert titles == ["Third post", "Second post", "Quokka news"]
    assert "Kookaburra words here." in page
    # the placeholder itself writes no element
    assert "postlist" not in page.split('role="main"', 1)[1].split("</main>", 1)[0].replace("blogposts-postlist", "")


@pytest.mark.parametrize("parallel", [1, 2])
def test_a_picture_only_a_card_shows_is_copied(make_app, site, parallel):
    app = make_app("html", srcdir=site, parallel=parallel)
    app.build()
    cards = (app.outdir / "cards" / "index.html").read_text(encoding="utf-8")
    (src,) = re.findall(r'<img[^>]*class="[^"]*blogposts-card-img[^"]*"[^>]*src="([^"]+)"', cards) or re.findall(
        r'<img[^>]*src="([^"]+)"[^>]*class="[^"]*blogposts-card-img', cards
    )
    assert src == "../_images/teaser.png"
    assert (app.outdir / "_images" / "teaser.png").is_file()


def test_list_pages_are_searched_for_their_own_words(make_app, site):
    app = make_app("html", srcdir=site)
    app.build()
    index = search_index(app.outdir)
    docs = index["docnames"]
    page = docs.index("plain-list/index")
    post = next(i for i, d in enumerate(docs) if d.endswith("post-0") or "post-0" in d)

    def documents_of(word: str) -> set[int]:
        found = index["terms"].get(word, [])
        return {found} if isinstance(found, int) else set(found)

    assert page in documents_of("kookaburra")  # the page's own words are found on it
    # a listed post's words lead to the post, not to every page that lists it
    assert documents_of("zanzibarit") == {post}


def test_other_builders_get_the_entries_in_the_doctree(make_app, site):
    app = make_app("text", srcdir=site)
    app.build()
    text = (app.outdir / "plain-list" / "index.txt").read_text(encoding="utf-8")
    for title in ("Third post", "Second post", "Quokka news"):
        assert title in text
