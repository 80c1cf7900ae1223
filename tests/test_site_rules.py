"""The pure rules of what a Jekyll site's files become: listing pages
(core/site_pages), static files (core/static_files), the menu (core/menu), Ruby
plugins (core/ruby_plugins)."""

from __future__ import annotations

import pytest

from sphinx_blogposts.core.menu import MenuEntry, MenuTarget, menu_entries, menu_target
from sphinx_blogposts.core.ruby_plugins import scan_plugin
from sphinx_blogposts.core.site_pages import Listing, default_url, listing_of, page_fate
from sphinx_blogposts.core.static_files import published

COLLECTIONS = frozenset(("ai", "teaching"))


@pytest.mark.parametrize(
    ("body", "fields", "expected"),
    [
        ("{% for post in site.ai reversed %}\n  {% include archive-single.html %}\n{% endfor %}", {},
         Listing("collection", "ai", 1)),
        ("x\n{%- for post in site.posts -%}{% if a %}{% endif %}{% include item.html %}{% endfor %}", {},
         Listing("posts", None, 2)),
        ("{% for c in site.collections %}{% for post in c.docs %}{% include a.html %}{% endfor %}{% endfor %}",
         {}, Listing("collections", None, 1)),
        ("{% for tag in site.tags %}{% for post in tag[1] %}{% include a.html %}{% endfor %}{% endfor %}", {},
         Listing("tags", None, 1)),
        # no include inside the loop: the page writes its own list, it is a page
        ("{% for post in site.posts %}<li>{{ post.title }}</li>{% endfor %}{% include footer.html %}", {}, None),
        # a loop over something that is not posts
        ("{% for item in site.data.menu %}{% include a.html %}{% endfor %}", {}, None),
        ("Text only.", {"layout": "posts"}, Listing("posts")),
        ("", {"layout": "categories"}, Listing("categories")),
        ("", {"layout": "collection", "collection": "teaching"}, Listing("collection", "teaching")),
        ("", {"layout": "archive"}, None),  # minimal-mistakes' archive layout lists nothing itself
    ],
)
def test_listing_of(body: str, fields: dict, expected: Listing | None) -> None:
    assert listing_of(body, fields, COLLECTIONS) == expected


def test_page_fate() -> None:
    loop = "{% for post in site.teaching %}{% include archive-single.html %}{% endfor %}"
    listing = page_fate("_pages/teaching.html", "/teaching/", loop, {}, False, COLLECTIONS)
    assert listing.describe() == "a listing page at /teaching/ with a native list of the collection 'teaching'"
    assert page_fate("about.html", None, "<p>Hi</p>", {}, False, COLLECTIONS).describe() == "a page at /about.html"
    feed = page_fate("feeds/all.xml", None, loop, {}, False, COLLECTIONS)
    assert feed.describe() == "rendered with Liquid and written at /feeds/all.xml"
    assert default_url("docs/index.md", True) == "/docs/"
    assert default_url("index.html", False) == "/"
    assert default_url("data.json", False) == "/data.json"


@pytest.mark.parametrize(
    ("path", "shown"),
    [
        ("favicon.ico", True),
        ("files/cv.pdf", True),
        ("images/ai/red.png", True),
        ("_pages/photo.jpg", True),  # include: _pages
        ("_drafts/x.png", False),
        ("images/.DS_Store", False),
        (".readthedocs.yaml", False),
        ("conf.py", False),  # Sphinx's configuration
    ],
)
def test_published(path: str, shown: bool) -> None:
    # exclude: and Jekyll's tool folders are the build's exclude_patterns (tested with the build)
    assert published(path, frozenset({"_pages"})) is shown


MENU = """\
main:
  - title: "Home"
    url: /
  - title: Notes
    url: /ai/
  - title: "CV"
    url: /files/cv.pdf
  - title: Elsewhere
    url: https://example.net/
  - title: Own site, absolute
    url: https://me.example.org/teaching/
  - title: Nowhere
    url: /talks/
  - title: No url
"""


def test_menu_entries_and_targets() -> None:
    entries, problems = menu_entries(MENU)
    assert [e.title for e in entries] == ["Home", "Notes", "CV", "Elsewhere", "Own site, absolute", "Nowhere"]
    assert entries[1] == MenuEntry("Notes", "/ai/", 5)  # the line of its url
    assert problems == [(14, "the menu entry 'No url' has no url; it is left out")]
    pages = {"": "_pages/about.md", "ai": "_pages/ai.html", "teaching": "_pages/teaching.html"}
    static = {"files/cv.pdf"}
    targets = [menu_target(e.url, pages, static, "https://me.example.org") for e in entries]
    assert targets == [
        MenuTarget("page", "_pages/about.md"),
        MenuTarget("page", "_pages/ai.html"),
        MenuTarget("static", "files/cv.pdf"),
        MenuTarget("external", "https://example.net/"),
        MenuTarget("page", "_pages/teaching.html"),
        MenuTarget("none"),
    ]
    assert menu_target("/blog/ai/", pages, static, baseurl="/blog") == MenuTarget("page", "_pages/ai.html")


@pytest.mark.parametrize("text", ["main: [", "- just\n- a list\n", "main: 3\n", ""])
def test_menu_entries_of_bad_input(text: str) -> None:
    entries, problems = menu_entries(text)
    assert entries == []
    assert all(isinstance(line, int) and line >= 1 for line, _ in problems)


def test_scan_plugin() -> None:
    facts = scan_plugin(
        """\
# class Old < Jekyll::Generator  (a comment: not a generator)
module Jekyll
  class TagPage < Page
  end
  class TagPageGenerator < Generator
    def generate(site)
      site.pages << PageWithoutAFile.new(site, __dir__, "tags", "index.html")
    end
  end
end
module TextFilters
  def shout(s) = s.upcase
  def whisper(s) = s.downcase
end
Liquid::Template.register_tag('youtube', YoutubeTag)
Liquid::Template.register_filter(TextFilters)
"""
    )
    assert facts.generators == ("TagPageGenerator",)
    assert facts.page_classes == ("TagPage",)
    assert facts.pages_without_file
    assert facts.tags == ("youtube",)
    assert facts.filters == ("TextFilters (shout, whisper)",)
    assert facts.describe() == (
        "generator TagPageGenerator; generated pages (TagPage); Liquid tag(s) {% youtube %}; "
        "Liquid filter(s) TextFilters (shout, whisper)"
    )
    assert scan_plugin("puts 1\n").describe() == "nothing recognised (no generator, tag, filter or page)"
