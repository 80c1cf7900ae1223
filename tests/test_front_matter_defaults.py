"""Front-matter ``defaults:`` as Jekyll's ``FrontmatterDefaults`` applies them.

Cases from Jekyll's ``test/test_front_matter_defaults.rb``,
``test/test_document.rb`` (collections with defaults) and
``features/frontmatter_defaults.feature``, each named after its source; then
the rules those cases leave implicit (string prefixes, leading ``/``, the fold
of ``has_precedence?``, ``null`` in a merge), read from
``lib/jekyll/frontmatter_defaults.rb`` and ``Utils.deep_merge_hashes``.
"""

from __future__ import annotations

import posixpath

import pytest
from hypothesis import given
from hypothesis import strategies as st

from conftest import warnings_of
from sphinx_blogposts.core.config import BlogpostsConfig
from sphinx_blogposts.core.defaults import deep_merge, defaults_for, merge_front_matter, problems, scope_type
from sphinx_blogposts.core.documents import Site, renders_liquid
from sphinx_blogposts.core.post_record import taxonomy


def key_of(path: str, doc_type: str, defaults: list, key: str = "key", **kwargs):
    return defaults_for(path, doc_type, defaults, **kwargs).get(key)


def one(scope: dict | None, values: dict | None = None) -> list:
    entry: dict = {"values": values or {"key": "val"}}
    if scope is not None:
        entry["scope"] = scope
    return [entry]


@pytest.mark.parametrize(
    ("defaults", "path", "doc_type", "expected"),
    [
        pytest.param(one({"path": "contacts", "type": "page"}), "contacts/bar.html", "pages", "val",
                     id="test_front_matter_defaults: full front matter defaults, affected"),
        pytest.param(one({"path": "contacts", "type": "page"}), "about.html", "pages", None,
                     id="test_front_matter_defaults: full front matter defaults, not affected"),
        pytest.param(one({"path": "contacts/*.html", "type": "page"}), "contacts/bar.html", "pages", "val",
                     id="test_front_matter_defaults: full front matter defaults (glob), affected"),
        pytest.param(one({"path": "contacts/*.html", "type": "page"}), "about.html", "pages", None,
                     id="test_front_matter_defaults: full front matter defaults (glob), not affected"),
        pytest.param(one({"path": "index.html"}), "index.html", "pages", "val",
                     id="test_front_matter_defaults: type pages and an extension, affected"),
        pytest.param(one({"path": "index.html"}), "about.html", "pages", None,
                     id="test_front_matter_defaults: type pages and an extension, not affected"),
        pytest.param(one({"path": "win"}), "win/_posts/2009-05-24-yaml-linebreak.markdown", "posts", "val",
                     id="test_front_matter_defaults: no type, a post in the path"),
        pytest.param(one({"path": "win"}), "about.html", "pages", None,
                     id="test_front_matter_defaults: no type, a page outside"),
        pytest.param(one({"type": "page"}), "about.html", "pages", "val",
                     id="test_front_matter_defaults: no path and a deprecated type, pages"),
        pytest.param(one({"type": "page"}), "_posts/2013-10-14-x.md", "posts", None,
                     id="test_front_matter_defaults: no path and a deprecated type, posts"),
        pytest.param(one({"type": "pages"}), "about.html", "pages", "val",
                     id="test_front_matter_defaults: no path, pages"),
        pytest.param(one({"type": "pages"}), "_posts/2013-10-14-x.md", "posts", None,
                     id="test_front_matter_defaults: no path, posts"),
        pytest.param(one({}), "_posts/2013-10-14-x.md", "posts", "val",
                     id="test_front_matter_defaults: no path or type"),
        pytest.param(one(None), "about.html", "pages", "val",
                     id="test_front_matter_defaults: no scope"),
        pytest.param(one({"path": "", "type": "slides"}), "_slides/slide1.html", "slides", "val",
                     id="frontmatter_defaults.feature: Use frontmatter defaults in collections"),
        pytest.param(one({"path": "_slides", "type": "slides"}), "_slides/example-slide-1.html", "slides", "val",
                     id="test_document: a collection with valid path"),
        pytest.param(one({"path": "somepath", "type": "slides"}), "_slides/example-slide-1.html", "slides", None,
                     id="test_document: a collection with invalid path"),
        pytest.param(one({"type": "post"}), "_drafts/x.md", "posts", "val",
                     id="document.rb: a draft's type is posts (Jekyll 4)"),
        pytest.param(one({"type": "draft"}), "_drafts/x.md", "posts", None,
                     id="frontmatter_defaults.rb: draft -> drafts, which no Jekyll 4 document is"),
        pytest.param(one({"path": "contacts"}), "contacts.html", "pages", "val",
                     id="frontmatter_defaults.rb path_is_subpath?: a string prefix"),
        pytest.param(one({"path": "contacts/"}), "contacts.html", "pages", None,
                     id="frontmatter_defaults.rb path_is_subpath?: a trailing / is kept"),
        pytest.param(one({"path": "/about"}), "about.md", "pages", None,
                     id="frontmatter_defaults.rb applies_path?: a leading / is not removed from the scope"),
        pytest.param(one({"path": 2020}), "about.md", "pages", "val",
                     id="frontmatter_defaults.rb applies_path?: a path that is not text covers everything"),
        pytest.param(one({"path": "_posts/*"}), "_posts/en/2020-01-01-x.md", "posts", "val",
                     id="glob: a folder it names holds the document"),
        pytest.param(one({"path": "_posts/*.md"}), "_posts/en/2020-01-01-x.md", "posts", None,
                     id="glob: * stays in one folder"),
        pytest.param(one({"path": "**/*.md"}), "_posts/en/2020-01-01-x.md", "posts", "val",
                     id="glob: ** crosses folders"),
        pytest.param(one({"path": "{news,blog}/*"}), "blog/x.md", "pages", "val",
                     id="glob: {a,b} alternatives"),
    ],
)
def test_scopes(defaults, path, doc_type, expected):
    assert key_of(path, doc_type, defaults) == expected


def test_scope_types():
    assert [scope_type({"type": t}) for t in ("page", "post", "draft", "slides", None)] == [
        "pages", "posts", "drafts", "slides", None,
    ]


OVERRIDE_BY_PATH = [
    {"scope": {"path": "special"}, "values": {"layout": "subfolder", "description": "the special section"}},
    {"scope": {"path": ""}, "values": {"layout": "root", "description": "the webpage"}},
]
BY_TYPE = [
    {"scope": {"path": "", "type": "post"}, "values": {"permalink": "/post.html"}},
    {"scope": {"path": "", "type": "page"}, "values": {"permalink": "/page.html"}},
    {"scope": {"path": ""}, "values": {"permalink": "/perma.html"}},
]
SUBDIRS = [
    {"scope": {"path": "_posts/en"}, "values": {"layout": "main", "lang": "en"}},
    {"scope": {"path": "_posts/de"}, "values": {"layout": "main", "lang": "de"}},
]


@pytest.mark.parametrize(
    ("defaults", "path", "doc_type", "key", "expected"),
    [
        pytest.param(OVERRIDE_BY_PATH, "_posts/2013-10-14-about.md", "posts", "description", "the webpage",
                     id="frontmatter_defaults.feature: Override frontmatter defaults by path (root post)"),
        pytest.param(OVERRIDE_BY_PATH, "special/_posts/2013-10-14-about.md", "posts", "description",
                     "the special section", id="frontmatter_defaults.feature: Override by path (special post)"),
        pytest.param(OVERRIDE_BY_PATH, "index.html", "pages", "layout", "root",
                     id="frontmatter_defaults.feature: Override by path (root page)"),
        pytest.param(OVERRIDE_BY_PATH, "special/index.html", "pages", "layout", "subfolder",
                     id="frontmatter_defaults.feature: Override by path (special page)"),
        pytest.param(BY_TYPE, "_posts/2013-10-14-this-is-a-post.md", "posts", "permalink", "/post.html",
                     id="frontmatter_defaults.feature: Override frontmatter defaults by type (post)"),
        pytest.param(BY_TYPE, "index.html", "pages", "permalink", "/page.html",
                     id="frontmatter_defaults.feature: Override frontmatter defaults by type (page)"),
        pytest.param(SUBDIRS, "_posts/en/2014-09-01-helloworld.md", "posts", "lang", "en",
                     id="frontmatter_defaults.feature: Use frontmatter scopes for subdirectories (en)"),
        pytest.param(SUBDIRS, "_posts/de/2014-09-01-hallowelt.md", "posts", "lang", "de",
                     id="frontmatter_defaults.feature: Use frontmatter scopes for subdirectories (de)"),
        pytest.param([{"scope": {"path": "_posts"}, "values": {"k": "typeless"}},
                      {"scope": {"path": "_posts", "type": "posts"}, "values": {"k": "typed"}}],
                     "_posts/x.md", "posts", "k", "typed", id="has_precedence?: as long a path, the typed wins"),
        pytest.param([{"scope": {"path": "_posts", "type": "posts"}, "values": {"k": "typed"}},
                      {"scope": {"path": "_posts"}, "values": {"k": "typeless"}}],
                     "_posts/x.md", "posts", "k", "typed", id="has_precedence?: the typed wins, written first too"),
        pytest.param([{"scope": {"path": "_posts"}, "values": {"k": "first"}},
                      {"scope": {"path": "_posts"}, "values": {"k": "second"}}],
                     "_posts/x.md", "posts", "k", "second", id="has_precedence?: equal scopes, the later wins"),
        pytest.param([{"scope": {"path": "_posts/en"}, "values": {"k": "long"}},
                      {"scope": {"path": ""}, "values": {"k": "empty", "b": "from empty"}},
                      {"scope": {"path": "_posts"}, "values": {"k": "mid", "b": "from mid"}}],
                     "_posts/en/x.md", "posts", "b", "from empty",
                     id="FrontmatterDefaults#all: a set without precedence goes under everything merged so far"),
    ],
)
def test_precedence(defaults, path, doc_type, key, expected):
    assert key_of(path, doc_type, defaults, key) == expected


def test_collections_dir_is_stripped():
    # frontmatter_defaults.rb strip_collections_dir; Document#relative_path is inside collections_dir
    defaults = one({"path": "my_collections/_posts"})
    assert key_of("my_collections/_posts/x.md", "posts", defaults, collections_dir="my_collections", in_collection=True) == "val"
    assert key_of("my_collections/_posts/x.md", "posts", one({"path": "_posts"}),
                  collections_dir="my_collections", in_collection=True) == "val"


@pytest.mark.parametrize(
    ("base", "over", "expected"),
    [
        pytest.param({"nested": {"test1": "default1", "test2": "default1"}},
                     {"nested": {"test1": "override1", "test2": "override2"}},
                     {"nested": {"test1": "override1", "test2": "override2"}},
                     id="test_document: a collection with overridden default values"),
        pytest.param({"fruit": {"apple": 2}}, {"fruit": {"orange": 1}}, {"fruit": {"apple": 2, "orange": 1}},
                     id="frontmatter_defaults.feature: Deep merge frontmatter defaults"),
        pytest.param({"layout": "single"}, {"layout": None}, {"layout": "single"},
                     id="utils.rb merge_values: a nil never replaces a value"),
        pytest.param({"a": {"b": 1}}, {"a": 5}, {"a": 5}, id="utils.rb merge_values: not both hashes, the new wins"),
        pytest.param({}, {"a": None}, {"a": None}, id="utils.rb merge_values: a new nil key is kept"),
    ],
)
def test_deep_merge(base, over, expected):
    assert deep_merge(base, over) == expected


def test_front_matter_is_merged_last():
    # frontmatter_defaults.feature: "Actual frontmatter overrides defaults", test_document nested defaults
    defaults = defaults_for("_posts/x.md", "posts", [{"values": {"permalink": "/perma.html", "author": "Chris",
                                                                  "nested": {"key": "myval"}}}])
    merged = merge_front_matter(defaults, {"permalink": "/frontmatter.html", "author": "some guy"}, True)
    assert merged == {"permalink": "/frontmatter.html", "author": "some guy", "nested": {"key": "myval"}}


@pytest.mark.parametrize(
    ("defaults", "own", "document", "expected"),
    [
        pytest.param(["blog"], ["x", "blog"], True, ["blog", "x"], id="document.rb merge_categories!: the union, in order"),
        pytest.param("blog news", "x", True, ["blog", "news", "x"], id="document.rb merge_categories!: text is split"),
        pytest.param(["blog"], ["x"], False, ["x"], id="page.rb: a page's own categories replace the defaults'"),
    ],
)
def test_categories_are_added(defaults, own, document, expected):
    merged = merge_front_matter({"categories": defaults}, {"categories": own}, document)
    assert taxonomy(merged, [])[1] == expected


def site_fields(path: str, front_matter: str, defaults: list, **settings) -> dict:
    site = Site.from_settings(BlogpostsConfig(jekyll_site=True, defaults=defaults, **settings))
    return site.judge(posixpath.splitext(path)[0], path, f"---\n{front_matter}\n---\n").fields


def test_the_build_judges_with_these_rules():
    # frontmatter_defaults.feature: "Define permalink default for posts", "Use frontmatter defaults in collections"
    fields = site_fields("_posts/2013-10-14-testpost.md", "category: blog",
                         [{"scope": {"path": "", "type": "posts"}, "values": {"permalink": "/:categories/:title/"}}])
    assert fields["permalink"] == "/:categories/:title/"
    slides = site_fields("_slides/slide2.html", "myval: Override",
                         [{"scope": {"path": "", "type": "slides"}, "values": {"myval": "Test", "other": 1}}],
                         collections={"slides": {"output": True}})
    assert slides["myval"] == "Override" and slides["other"] == 1  # Override frontmatter defaults inside a collection
    page = site_fields("about.md", "title: About", [{"scope": {"type": "post"}, "values": {"layout": "single"}}])
    assert "layout" not in page  # a post's defaults are not a page's


def test_sets_jekyll_ignores_or_never_matches_are_reported():
    found = problems([
        {"scope": {"path": "/about"}, "values": {"a": 1}},
        {"scope": {"type": "draft"}, "values": {"a": 1}},
        {"scope": {"path": ""}},
        "not a set",
        {"scope": {"path": "about"}, "values": {"a": 1}},
    ])
    assert [m.split(":")[0].split(" is")[0] for m in found] == ["set 1", "set 2", "set 3", "set 4"]
    assert "'about'" in found[0] and "'posts'" in found[1]


def test_a_bad_set_warns_at_config_and_the_build_goes_on(make_app, tmp_path):
    (tmp_path / "conf.py").write_text('extensions = ["sphinx_blogposts"]\n', encoding="utf-8")
    (tmp_path / "_config.yml").write_text(
        "title: t\ndefaults:\n  - scope: {path: /about}\n    values: {layout: x}\n  - 3\n", encoding="utf-8"
    )
    (tmp_path / "about.md").write_text("---\ntitle: About\n---\n\nHi.\n", encoding="utf-8")
    app = make_app("html", srcdir=tmp_path)
    app.build()
    got = [w for w in warnings_of(app) if "blogposts_defaults" in w]
    assert len(got) == 2 and all("_config.yml:2" in w and "[blogposts.config]" in w for w in got), got
    assert (tmp_path / "_build" / "html" / "about.html").is_file()


def test_render_with_liquid_from_defaults():
    # post_data.feature "Use page.render_with_liquid variable", given through defaults
    fields = site_fields("_posts/2017-07-06-x.md", "title: x",
                         [{"scope": {"path": "_posts"}, "values": {"render_with_liquid": False}}])
    assert renders_liquid(fields) is False
    assert renders_liquid(site_fields("about.md", "title: x", [{"scope": {"path": "_posts"},
                                                               "values": {"render_with_liquid": False}}]))



def _any_yaml():
    leaf = st.one_of(st.none(), st.booleans(), st.integers(), st.text(max_size=12))
    return st.recursive(
        leaf,
        lambda kids: st.one_of(st.lists(kids, max_size=3), st.dictionaries(st.text(max_size=6), kids, max_size=3)),
        max_leaves=12,
    )


def _scope():
    path = st.one_of(st.none(), st.integers(), st.text(alphabet="ab/*?[]{},._-", max_size=10))
    kind = st.one_of(st.none(), st.sampled_from(["post", "posts", "page", "pages", "draft", "slides"]), st.integers())
    return st.fixed_dictionaries({}, optional={"path": path, "type": kind})


_SETS = st.one_of(
    _any_yaml(),
    st.fixed_dictionaries(
        {"values": st.dictionaries(st.text(max_size=5), _any_yaml(), max_size=3)},
        optional={"scope": st.one_of(_scope(), _any_yaml())},
    ),
)


@given(defaults=st.lists(_SETS, max_size=5), path=st.text(alphabet="ab/._-", min_size=1, max_size=16))
def test_any_defaults_never_raise(defaults, path):
    """Bad input: whatever _config.yml's defaults: hold, no traceback."""
    merged = defaults_for(path, "posts", defaults, "a", True)
    assert isinstance(merged, dict)
    assert all(isinstance(m, str) for m in problems(defaults))
    assert isinstance(merge_front_matter(merged, {"categories": "x y"}, True), dict)
