"""jemoji: ``:emoji:`` shortcodes become emoji characters where the site lists
jemoji under ``plugins:`` (``markdown/emoji.py``, GitHub's gemoji names)."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from conftest import ROOTS, copy_tree, module_site, warnings_of
from sphinx_blogposts.markdown.emoji import NAMES_FILE, emoji_for, emoji_names


@pytest.mark.parametrize(
    ("name", "char"),
    [("+1", "\U0001f44d"), ("thumbsup", "\U0001f44d"), ("-1", "\U0001f44e"), ("smile", "\U0001f604"),
     ("tada", "\U0001f389"), ("heart", "\u2764\ufe0f"), ("100", "\U0001f4af"), ("octocat", None),
     ("no_such_emoji", None), ("Smile", None)],
)
def test_names_are_githubs(name: str, char: str | None) -> None:
    assert emoji_for(name) == char


def test_the_names_file_is_a_table_of_text() -> None:
    data = json.loads(NAMES_FILE.read_text(encoding="utf-8"))
    assert data == emoji_names()
    assert len(data) > 1800
    assert all(re.fullmatch(r"[a-z0-9_+\-]+", k) and isinstance(v, str) and v for k, v in data.items())


@pytest.fixture(scope="module")
def site(tmp_path_factory):  # noqa: ANN001, ANN201
    yield from module_site("github-pages", tmp_path_factory)


def _body(app, path: str) -> str:  # noqa: ANN001
    html = (Path(app.outdir) / path).read_text(encoding="utf-8")
    return html.split('<div class="body"', 1)[1].split('<div class="sphinxsidebar"', 1)[0]


def test_shortcodes_in_text_become_characters(site) -> None:  # noqa: ANN001
    body = _body(site, "docs/emoji.html")
    assert "Done \U0001f604 \U0001f389," in body
    assert "link \U0001f44d</a>" in body  # in a link's text
    assert "Welcome \U0001f44d" in _body(site, "index.html")  # a page without front matter
    assert warnings_of(site) == []


@pytest.mark.parametrize(
    "kept",
    [
        '<span class="pre">:smile:</span></code>',  # a code span
        ":smile: in a code block",
        ":octocat: and :nosuchname: stay",  # no character: as written
        '<span title=":smile:">html</span>',  # raw HTML
        "at 10:30:00",
        'href="https://example.org/:smile:"',  # link addresses
        ">https://example.org/:smile:</a>",  # an autolink's text is its address
    ],
)
def test_shortcodes_elsewhere_stay(site, kept: str) -> None:  # noqa: ANN001
    assert kept in _body(site, "docs/emoji.html")


def test_without_jemoji_shortcodes_stay(make_app, tmp_path: Path) -> None:  # noqa: ANN001
    src = copy_tree(ROOTS / "test-github-pages", tmp_path / "site")
    (src / "_config.yml").write_text("title: A project\n", encoding="utf-8")  # GitHub Pages, no jemoji
    app = make_app("html", srcdir=src)
    app.build()
    assert "Done :smile: :tada:," in _body(app, "docs/emoji.html")


#: Shortcodes added to posts of minimal-mistakes (which lists jemoji under plugins:).
ADDED = "\n\nShortcodes :smile: and :+1:, kept `:tada:`.\n"


def test_minimal_mistakes(minimal_mistakes: Path, make_app) -> None:  # noqa: ANN001
    posts = sorted((minimal_mistakes / "_posts").glob("*.md"))
    names = emoji_names()
    chosen = [p for p in posts if "```" not in p.read_text(encoding="utf-8")][:3]
    for post in chosen:
        post.write_text(post.read_text(encoding="utf-8") + ADDED, encoding="utf-8")
    before = sum(
        len([m for m in re.findall(r":([a-z0-9_+\-]+):", re.sub(r"`[^`\n]*`", "", p.read_text(encoding="utf-8")))
             if m in names])
        for p in posts
    )  # fmt: skip
    assert before == 2 * len(chosen)  # the corpus itself writes none
    app = make_app("html", srcdir=minimal_mistakes)
    app.build()
    after = 0
    converted = 0
    for page in Path(app.outdir).rglob("*.html"):
        text = page.read_text(encoding="utf-8")
        text = re.sub(r"<code.*?</code>|<pre.*?</pre>|<[^>]*>", "", text, flags=re.S)
        after += len([m for m in re.findall(r":([a-z0-9_+\-]+):", text) if m in names])
        converted += text.count("Shortcodes \U0001f604 and \U0001f44d, kept")
    assert after == 0
    assert converted == len(chosen)
