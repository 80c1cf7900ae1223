"""Jekyll's tags, case by case from Jekyll's own tests: ``test/test_tag_post_url.rb``,
``test_tag_link.rb``, ``test_tag_include.rb``, ``test_tag_include_relative.rb`` and
``test_tag_highlight.rb`` (Jekyll split its ``test_tags.rb`` into these).

The tags run in the extension's Liquid environment, on a site made of Jekyll's
test fixtures (the same file names and contents).  Jekyll's expectations are
on kramdown's HTML; here the Liquid output is compared before Markdown, so an
include's HTML keeps its own quotes and ``---`` stays three hyphens.  A few
cases run through a real build at the end.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from liquid.exceptions import LiquidError

from conftest import ROOTS, copy_tree, module_site, warnings_of
from sphinx_blogposts.core.config import BlogpostsConfig
from sphinx_blogposts.core.facts import SourceFacts
from sphinx_blogposts.core.permalinks import claim_urls
from sphinx_blogposts.core.post_names import PostNameError, find_post, post_name_key, post_url_names
from sphinx_blogposts.liquid.render import jekyll_environment
from sphinx_blogposts.liquid.tags import HIGHLIGHT_SYNTAX, highlight_code, highlight_options

PARAMS_HTML = """<span id='include-param'>{{include.param}}</span>

<ul id='param-list'>
  {% for param in include %}
    <li>{{param[0]}} = {{param[1]}}</li>
  {% endfor %}
</ul>"""

FILES = {
    "_includes/params.html": PARAMS_HTML,
    "_includes/params@2.0.html": PARAMS_HTML,
    "_includes/include.html": "included\n",
    "_includes/sig.markdown": "---\nTom Preston-Werner\ngithub.com/mojombo\n",
    "_includes_custom/custom.html": "custom_included\n",
    "_posts/include_relative/rel_include.html": "relative_included\n",
    "_posts/include_relative/params.html": PARAMS_HTML,
    "_posts/2014-03-03-yaml-with-dots.md": "---\ntitle: Test Post Where YAML Ends in Dots\n...\n\n# Test\n",
    "_posts/2008-11-21-complex.markdown": "complex\n",
    "_posts/es/2008-11-21-nested.markdown": "nested\n",
    "_posts/2016-11-26-special-chars-(+).markdown": "special\n",
    "contacts.html": "---\n---\ncontacts\n",
    "info.md": "---\n---\ninfo\n",
    "css/screen.css": "body {}\n",
    "_methods/yaml_with_dots.md": "---\n---\n",
    "_methods/sanitized_path.md": "---\n---\n",
    "_methods/site/generate.md": "---\n---\n",
}
#: The URLs Jekyll's tests expect (``permalink: pretty`` for the posts).
URLS = {
    "_posts/2008-11-21-complex.markdown": "/2008/11/21/complex/",
    "_posts/es/2008-11-21-nested.markdown": "/2008/11/21/nested/",
    "_posts/2016-11-26-special-chars-(+).markdown": "/2016/11/26/special-chars-(+)/",
    "_posts/2014-03-03-yaml-with-dots.md": "/2014/03/03/yaml-with-dots/",
    "contacts.html": "/contacts.html",
    "info.md": "/info.html",
    "_methods/yaml_with_dots.md": "/methods/yaml_with_dots.html",
    "_methods/sanitized_path.md": "/methods/sanitized_path.html",
    "_methods/site/generate.md": "/methods/site/generate.html",
}


def _facts(relpath: str) -> SourceFacts:
    post = relpath.startswith("_posts/")
    return SourceFacts(
        has_front_matter=True, kind="post" if post else "page", collection="posts" if post else None,
        published=True, draft=False, timestamp=None, undated_post=False, permalink=URLS[relpath],
    )


def make_site(root: Path, config: str = "") -> Path:
    for relpath, text in FILES.items():
        path = root / relpath
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    (root / "_config.yml").write_text(config, encoding="utf-8")
    return root


def environment(root: Path, **settings):
    env, _ = jekyll_environment(root, BlogpostsConfig(jekyll_site=True, **settings))
    entries = [(os.path.splitext(p)[0], p, _facts(p)) for p in URLS]
    *_, post_files, _ = claim_urls(entries)
    env.post_files = post_files
    env.file_urls = dict(URLS)
    return env


@pytest.fixture(scope="module")
def site(tmp_path_factory) -> Path:
    return make_site(tmp_path_factory.mktemp("jekyll-tags"))


@pytest.fixture(scope="module")
def env(site):
    return environment(site)


def render(env, source: str, page: dict | None = None, site: dict | None = None) -> str:
    page = {"path": "_posts/2014-09-02-relative-includes.markdown", **(page or {})}
    return env.from_string(source).render(page=page, site={"baseurl": "", **(site or {})})


# --- post_url ------------------------------------------------------------------------

PU = "test_tag_post_url: "
POST_URL_CASES = [
    pytest.param("{% post_url 2008-11-21-complex %}", "/2008/11/21/complex/", id=PU + "simple page with post linking"),
    pytest.param("{% post_url 2016-11-26-special-chars-(+) %}", "/2016/11/26/special-chars-(+)/", id=PU + "simple page with post linking containing special characters"),
    pytest.param("- 1 {% post_url 2008-11-21-complex %}", "- 1 /2008/11/21/complex/", id=PU + "simple page with nested post linking (1)"),
    pytest.param("- 2 {% post_url /2008-11-21-complex %}", "- 2 /2008/11/21/complex/", id=PU + "simple page with nested post linking (2: leading slash)"),
    pytest.param("- 3 {% post_url es/2008-11-21-nested %}", "- 3 /2008/11/21/nested/", id=PU + "simple page with nested post linking (3: subfolder)"),
    pytest.param("- 4 {% post_url /es/2008-11-21-nested %}", "- 4 /2008/11/21/nested/", id=PU + "simple page with nested post linking (4: slash and subfolder)"),
    pytest.param("- 1 {% post_url 2008-11-21-nested %}", "- 1 /2008/11/21/nested/", id=PU + "simple page with nested post linking and path not used in post_url"),
    pytest.param("{% assign n = '2008-11-21-complex' %}{% post_url {{ n }} %}", "/2008/11/21/complex/", id="post_url.rb: the name may be made with {{ }}"),
]  # fmt: skip


@pytest.mark.parametrize(("source", "expected"), POST_URL_CASES)
def test_post_url(env, source, expected):
    assert render(env, source) == expected


@pytest.mark.parametrize(
    ("source", "words"),
    [
        ("{% post_url abc2008-11-21-complex %}", "is not the name of a post"),
        ("{% post_url 2008-42-21-complex %}", "does not contain a valid date"),
        ("{% post_url 2008-11-22-complex %}", "names no published post"),
    ],
    ids=[PU + "simple page with invalid post name linking: cause an error", PU + "cause an error with a bad date", "post_url.rb: a post that is not there"],
)
def test_post_url_errors(env, source, words):
    with pytest.raises(LiquidError, match=words):
        render(env, source)


def test_post_url_is_under_baseurl(env):
    """post_url.rb: Jekyll writes ``relative_url(post)``."""
    assert render(env, "{% post_url 2008-11-21-complex %}", site={"baseurl": "/blog"}) == "/blog/2008/11/21/complex/"


@pytest.mark.parametrize(
    ("relpath", "names"),
    [
        ("_posts/2008-11-21-complex.markdown", ("2008-11-21-complex",)),
        ("_posts/es/2008-11-21-nested.markdown", ("es/2008-11-21-nested", "2008-11-21-nested")),
        ("es/_posts/2008-11-21-nested.markdown", ("es/2008-11-21-nested", "2008-11-21-nested")),
    ],
    ids=["post_url.rb: a post in _posts/", "post_url.rb: _posts/<path>", "post_url.rb: <path>_posts/"],
)
def test_post_url_names(relpath, names):
    assert post_url_names(relpath) == names
    assert find_post("/" + names[0], {names[0]: relpath}) == relpath


def test_an_exact_name_wins_over_a_name_without_its_folder():
    """post_url.rb: the exact (path-date-slug) match is looked for in every post first."""
    entries = [
        ("a", "_posts/1/2008-11-21-x.md", _facts_post()),
        ("b", "_posts/2008-11-21-x.md", _facts_post()),
    ]
    *_, post_files, _ = claim_urls(entries)
    assert post_files["2008-11-21-x"] == "_posts/2008-11-21-x.md"
    assert post_files["1/2008-11-21-x"] == "_posts/1/2008-11-21-x.md"
    with pytest.raises(PostNameError):
        post_name_key("not-a-post")


def _facts_post() -> SourceFacts:
    return SourceFacts(
        has_front_matter=True, kind="post", collection="posts", published=True, draft=False, timestamp=None,
        undated_post=False,
    )


# --- link ----------------------------------------------------------------------------

LK = "test_tag_link: "
LINK_CASES = [
    pytest.param("{% link contacts.html %}", "/contacts.html", id=LK + "simple page with linking to a page (contacts)"),
    pytest.param("{% link info.md %}", "/info.html", id=LK + "simple page with linking to a page (info)"),
    pytest.param("{% link /css/screen.css %}", "/css/screen.css", id=LK + "simple page with linking to a page (screen.css)"),
    pytest.param("{% assign contacts_filename = 'contacts' %}{% assign contacts_ext = 'html' %}{% link {{contacts_filename}}.{{contacts_ext}} %}", "/contacts.html", id=LK + "simple page with dynamic linking to a page (contacts)"),
    pytest.param("{% assign info_path = 'info.md' %}{% link {{ info_path }} %}", "/info.html", id=LK + "simple page with dynamic linking to a page (info)"),
    pytest.param("{% assign screen_css_path = '/css' %}{% link {{ screen_css_path }}/screen.css %}", "/css/screen.css", id=LK + "simple page with dynamic linking to a page (screen.css)"),
    pytest.param("{% link _methods/yaml_with_dots.md %}", "/methods/yaml_with_dots.html", id=LK + "simple page with linking"),
    pytest.param("{% assign yaml_with_dots_path = '_methods/yaml_with_dots.md' %}{% link {{yaml_with_dots_path}} %}", "/methods/yaml_with_dots.html", id=LK + "simple page with dynamic linking"),
    pytest.param("- 1 {% link _methods/sanitized_path.md %}", "- 1 /methods/sanitized_path.html", id=LK + "simple page with nested linking (1)"),
    pytest.param("- 2 {% link _methods/site/generate.md %}", "- 2 /methods/site/generate.html", id=LK + "simple page with nested linking (2)"),
    pytest.param("{% raw %}{% link _collection/name-of-document.md %}{% endraw %}", "{% link _collection/name-of-document.md %}", id=LK + "post content has raw tag"),
]  # fmt: skip


@pytest.mark.parametrize(("source", "expected"), LINK_CASES)
def test_link(env, source, expected):
    assert render(env, source) == expected


@pytest.mark.parametrize(
    "source",
    ["{% link non-existent-collection-item %}", "{% assign non_existent_path = 'non-existent-collection-item' %}{% link {{ non_existent_path }} %}"],
    ids=[LK + "simple page with invalid linking", LK + "simple page with invalid dynamic linking"],
)
def test_link_errors(env, source):
    with pytest.raises(LiquidError, match="names no file of the site"):
        render(env, source)


def test_link_to_a_file_jekyll_does_not_publish(env):
    """link.rb: Jekyll looks only among the files it writes (pages, documents, static files)."""
    with pytest.raises(LiquidError, match="names a file the site does not publish"):
        render(env, "{% link _config.yml %}")


# --- include -------------------------------------------------------------------------

IN = "test_tag_include: "
VARIABLE_PAGE = {
    "include1": "include.html", "include2": "include", "include3": "INCLUDE", "include4": "params", "include5": "clude",
}  # fmt: skip
INCLUDE_CASES = [
    pytest.param('{% include params.html param="value" %}', "<span id='include-param'>value</span>", id=IN + "with one parameter: correctly output include variable"),
    pytest.param('{% include sig.markdown myparam="test" %}', "---\nTom Preston-Werner\ngithub.com/mojombo\n", id=IN + "with one parameter: ignore parameters if unused"),
    pytest.param('{% include params.html\n  param="value" %}', "<span id='include-param'>value</span>", id=IN + "with simple syntax but multiline markup"),
    pytest.param('{% assign path = "params" | append: ".html" %}{% include {{ path }}\n  param="value" %}', "<span id='include-param'>value</span>", id=IN + "with variable syntax but multiline markup"),
    pytest.param('{% include params.html param1="new_value" param2="another" %}', "<li>param1 = new_value</li>", id=IN + "with several parameters: list all parameters (1)"),
    pytest.param('{% include params.html param1="new_value" param2="another" %}', "<li>param2 = another</li>", id=IN + "with several parameters: list all parameters (2)"),
    pytest.param('{% include params.html param1="new_value" param2="another" %}', "<span id='include-param'></span>", id=IN + "with several parameters: not include previously used parameters"),
    pytest.param("{% include params.html %}", "<span id='include-param'></span>", id=IN + "without parameters"),
    pytest.param("{% include params@2.0.html %}", "<span id='include-param'></span>", id=IN + "with include file with special characters without params"),
    pytest.param('{% include params@2.0.html param1="foobar" param2="bazbar" %}', "<li>param1 = foobar</li>", id=IN + "with include file with special characters with params (1)"),
    pytest.param('{% include params@2.0.html param1="foobar" param2="bazbar" %}', "<li>param2 = bazbar</li>", id=IN + "with include file with special characters with params (2)"),
    pytest.param("{% if true %}{% include params.html %}{% endif %}", "<span id='include-param'></span>", id=IN + "without parameters within if statement"),
    pytest.param("- 1 {% include {{ page.include1 }} %}", "- 1 included", id=IN + "include tag with variable and liquid filters: include file as variable with liquid filters (1)"),
    pytest.param("- 2 {% include {{ page.include2 | append: '.html' }} %}", "- 2 included", id=IN + "include tag with variable and liquid filters: include file as variable with liquid filters (2)"),
    pytest.param("- 3 {% include {{ page.include3 | downcase | append: '.html' }} %}", "- 3 included", id=IN + "include tag with variable and liquid filters: include file as variable with liquid filters (3)"),
    pytest.param("- 4 {% include {{page.include1}} %}", "- 4 included", id=IN + "include tag with variable and liquid filters: with arbitrary whitespace (4)"),
    pytest.param("- 5 {% include {{   page.include1}} %}", "- 5 included", id=IN + "include tag with variable and liquid filters: with arbitrary whitespace (5)"),
    pytest.param("- 6 {% include {{  page.include3   | downcase |   append:  '.html'}} %}", "- 6 included", id=IN + "include tag with variable and liquid filters: with arbitrary whitespace (6)"),
    pytest.param("- 7 {% include {{ page.include4 | append: '.html' }} var1='foo' var2='bar' %}", "<li>var1 = foo</li>", id=IN + "include tag with variable and liquid filters: with additional parameters (var1)"),
    pytest.param("- 7 {% include {{ page.include4 | append: '.html' }} var1='foo' var2='bar' %}", "<li>var2 = bar</li>", id=IN + "include tag with variable and liquid filters: with additional parameters (var2)"),
    pytest.param("- 8 {% include in{{ page.include5 }}.html %}", "- 8 included", id=IN + "include tag with variable and liquid filters: include file as partial variable"),
    pytest.param("{% include params.html param=page.include2 %}", "<span id='include-param'>include</span>", id="include.rb: a parameter from a variable"),
    pytest.param('{% include params.html param="say \\"hi\\"" %}', "<span id='include-param'>say \"hi\"</span>", id="include.rb: an escaped quote in a parameter"),
    pytest.param("{% include params.html param='a\\\\b' %}", "<span id='include-param'>a\\\\b</span>", id="include.rb: other backslashes are kept"),
]  # fmt: skip


@pytest.mark.parametrize(("source", "expected"), INCLUDE_CASES)
def test_include(env, source, expected):
    assert expected in render(env, source, page=VARIABLE_PAGE)


def test_nested_include_keeps_the_includers_parameters(env):
    """include.rb: ``include`` is set only when the tag has parameters (Ruby's ``if @params``)."""
    (env.includes_dir / "outer.html").write_text("{% include inner.html %}", encoding="utf-8")
    (env.includes_dir / "inner.html").write_text("[{{ include.param }}]", encoding="utf-8")
    assert render(env, '{% include outer.html param="kept" %}') == "[kept]"


@pytest.mark.parametrize(
    "source",
    ['{% include params.html param s="value" %}', '{% include params.html params="value %}'],
    ids=[IN + "with invalid parameter syntax: throw a ArgumentError (1)", IN + "with invalid parameter syntax: throw a ArgumentError (2)"],
)
def test_include_invalid_parameters(env, source):
    with pytest.raises(LiquidError, match="invalid parameters for include"):
        render(env, source)


def test_include_missing_file(env):
    """test_tag_include: include missing file: raise error relative to source directory"""
    with pytest.raises(LiquidError, match="include file 'missing.html' not found in _includes/"):
        render(env, "{% include missing.html %}")


def test_include_symlink_out_of_the_includes(env, site, tmp_path):
    """test_tag_include: with symlink'd include: not allow symlink includes; not expose the
    existence of symlinked files"""
    outside = tmp_path / "tmp"
    outside.mkdir()
    (outside / "pages-test").write_text("SYMLINK TEST", encoding="utf-8")
    link = site / "_includes" / "tmp"
    if not link.exists():
        link.symlink_to(outside, target_is_directory=True)
    with pytest.raises(LiquidError, match="leads outside _includes/") as found:
        render(env, "{% include tmp/pages-test %}")
    assert "SYMLINK TEST" not in str(found.value)
    with pytest.raises(LiquidError, match="leads outside _includes/"):
        render(env, "{% include tmp/pages-test-does-not-exist %}")


def test_include_from_a_custom_includes_directory(tmp_path):
    """test_tag_include: with custom includes directory: include file from custom directory"""
    root = make_site(tmp_path, "includes_dir: _includes_custom\n")
    assert "custom_included" in render(environment(root), "{% include custom.html %}")


# --- include_relative ------------------------------------------------------------------

IR = "test_tag_include_relative: include_relative tag with variable and liquid filters: "
RELATIVE_PAGE = {
    "include1": "rel_include.html", "include2": "include_relative/rel_include", "include3": "rel_INCLUDE",
    "include4": "params", "include5": "clude",
}  # fmt: skip
RELATIVE_CASES = [
    pytest.param("- 1 {% include_relative include_relative/{{ page.include1 }} %}", "- 1 relative_included", id=IR + "include file as variable with liquid filters (1)"),
    pytest.param("- 2 {% include_relative {{ page.include2 | append: '.html' }} %}", "- 2 relative_included", id=IR + "include file as variable with liquid filters (2)"),
    pytest.param("- 3 {% include_relative include_relative/{{ page.include3 | downcase | append: '.html' }} %}", "- 3 relative_included", id=IR + "include file as variable with liquid filters (3)"),
    pytest.param("- 4 {% include_relative include_relative/{{page.include1}} %}", "- 4 relative_included", id=IR + "include file as variable and liquid filters with arbitrary whitespace (4)"),
    pytest.param("- 5 {% include_relative include_relative/{{   page.include1}} %}", "- 5 relative_included", id=IR + "include file as variable and liquid filters with arbitrary whitespace (5)"),
    pytest.param("- 6 {% include_relative include_relative/{{  page.include3   | downcase |   append:  '.html'}} %}", "- 6 relative_included", id=IR + "include file as variable and liquid filters with arbitrary whitespace (6)"),
    pytest.param("- 7 {% include_relative include_relative/{{ page.include4 | append: '.html' }} var1='foo' var2='bar' %}", "<li>var1 = foo</li>", id=IR + "include file as variable and filters with additional parameters"),
    pytest.param("- 8 {% include_relative include_relative/rel_in{{ page.include5 }}.html %}", "- 8 relative_included", id=IR + "include file as partial variable"),
    pytest.param("- 9 {% include_relative 2014-03-03-yaml-with-dots.md %}", "- 9 ---\ntitle: Test Post Where YAML", id=IR + "include files relative to self"),
]  # fmt: skip


@pytest.mark.parametrize(("source", "expected"), RELATIVE_CASES)
def test_include_relative(env, source, expected):
    assert expected in render(env, source, page=RELATIVE_PAGE)


@pytest.mark.parametrize(
    ("source", "words"),
    [
        ("{% include_relative missing.html %}", "include file 'missing.html' not found in _posts/"),
        ("{% include_relative ../README.markdown %}", "is not a file inside _posts/"),
    ],
    ids=[
        "test_tag_include_relative: include missing file: raise error relative to source directory",
        "test_tag_include_relative: include existing file above you: raise error relative to source directory",
    ],
)
def test_include_relative_errors(env, source, words):
    with pytest.raises(LiquidError, match=words):
        render(env, source)


# --- highlight -----------------------------------------------------------------------

HL = "test_tag_highlight: "


@pytest.mark.parametrize(
    "markup",
    ["ruby", "c#", "xml+cheetah", "x.y", "coffee-script", "shell_session", "ruby key=val", "ruby a=b c=d"],
)
def test_highlight_language_names(markup):
    """test_tag_highlight: language name: match only the required set of chars"""
    assert HIGHLIGHT_SYNTAX.match(markup)


def test_highlight_refuses_other_names():
    """test_tag_highlight: language name: match only the required set of chars (refute blah^)"""
    assert not HIGHLIGHT_SYNTAX.match("blah^")


HIGHLIGHT_CASES = [
    pytest.param("ruby ", ("ruby", False, ""), id=HL + "highlight tag in unsafe mode: set the no options with just a language name"),
    pytest.param("ruby linenos ", ("ruby", True, ""), id=HL + "set the linenos option as 'inline' if no linenos value"),
    pytest.param("ruby linenos=table ", ("ruby", True, ""), id=HL + "set the linenos option to 'table' if the linenos key is given the table value"),
    pytest.param("ruby linenos=table nowrap ", ("ruby", True, ""), id=HL + "recognize nowrap option with linenos set"),
    pytest.param("Ruby ", ("ruby", False, ""), id=HL + "treat language name as case insensitive"),
    pytest.param('python mark_lines="1 3"', ("python", False, "1,3"), id="highlight.rb: mark_lines emphasises lines"),
]  # fmt: skip


@pytest.mark.parametrize(("markup", "expected"), HIGHLIGHT_CASES)
def test_highlight_options(markup, expected):
    assert highlight_options(markup) == expected


@pytest.mark.parametrize(
    ("code", "expected"),
    [
        ("\n\n     [,1] [,2]\n[1,] FALSE TRUE\n[2,] FALSE TRUE\n", "     [,1] [,2]\n[1,] FALSE TRUE\n[2,] FALSE TRUE"),
        ("\n\n     [,1] [,2]\n\n\n[1,] FALSE TRUE\n[2,] FALSE TRUE\n\n\n", "     [,1] [,2]\n\n\n[1,] FALSE TRUE\n[2,] FALSE TRUE"),
        ("\r\n\r\n\r\n     [,1] [,2]", "     [,1] [,2]"),
        ("     [,1] [,2]\n[1,] FALSE TRUE\n", "     [,1] [,2]\n[1,] FALSE TRUE"),
    ],
    ids=[
        HL + "post content has highlight tag with preceding spaces & lines: only strip the preceding newlines",
        HL + "with preceding spaces & lines in several places: only strip the newlines which precede and succeed the entire block",
        HL + "with preceding spaces & Windows-style newlines: only strip the preceding newlines",
        HL + "with only preceding spaces: only strip the preceding newlines",
    ],
)
def test_highlight_strips_only_the_outer_line_breaks(code, expected):
    assert highlight_code(code) == expected


def test_highlight_with_line_numbers_stops_at_its_end(env):
    """test_tag_highlight: post content has highlight tag with linenumbers: should stop highlighting at boundary"""
    out = render(env, "This is not yet highlighted\n{% highlight php linenos %}\ntest\n{% endhighlight %}\n\nThis should not be highlighted, right?")
    assert out.startswith("This is not yet highlighted\n```php ")
    assert out.endswith("\ntest\n```\n\nThis should not be highlighted, right?")


def test_highlight_with_a_bad_markup_is_an_error(env):
    """highlight.rb: Jekyll raises a syntax error (the renderer then shows the code as written)."""
    with pytest.raises(LiquidError, match="syntax error in tag 'highlight'"):
        render(env, "{% highlight blah^ %}x{% endhighlight %}")


# --- through a real build ------------------------------------------------------------------


def test_tags_in_a_build(build, tmp_path):
    """``post_url`` with a leading slash and a subfolder, ``link`` to a page's URL, and an
    include made with ``{{ }}`` and parameters, in a real build: rendered, and located
    warnings for what Jekyll would refuse."""
    site = copy_tree(ROOTS / "test-liquid", tmp_path / "tags")
    posts = site / "_posts"
    (posts / "sub").mkdir(exist_ok=True)
    (posts / "sub" / "2021-02-02-nested.md").write_text("---\ntitle: Nested\n---\nNested body.\n", encoding="utf-8")
    (site / "_includes" / "echo.html").write_text("[{{ include.word }}]", encoding="utf-8")
    (posts / "2021-02-03-tags.md").write_text(
        "---\ntitle: Tags\nkind: echo\n---\n"
        "`{% post_url /sub/2021-02-02-nested %}` and `{% post_url 2021-02-02-nested %}`.\n\n"
        '{% include {{ page.kind }}.html word="hi" %}\n\n'
        "{% post_url 2021-42-02-nested %}\n\n"
        '{% include echo.html word="unclosed %}\n',
        encoding="utf-8",
    )
    app = build("liquid", srcdir=site)
    html = (app.outdir / "2021" / "02" / "03" / "tags.html").read_text(encoding="utf-8")
    body = html.split("</head>", 1)[1]  # the SEO head's description repeats the text
    assert body.count("/notes/2021/02/02/nested.html") == 2, html  # under the site's baseurl, as Jekyll writes it
    assert "[hi]" in html
    mine = [w for w in warnings_of(app) if "2021-02-03-tags.md" in w]
    assert any(":9: WARNING:" in w and "does not contain a valid date" in w for w in mine), mine
    assert any(":11: WARNING:" in w and "invalid parameters for include" in w for w in mine), mine


def test_include_relative_symlink_out_of_the_folder(env, site, tmp_path):
    """test_tag_include_relative: with symlink'd include: not allow symlink includes; not
    expose the existence of symlinked files"""
    outside = tmp_path / "elsewhere"
    outside.mkdir()
    (outside / "pages-test").write_text("SYMLINK TEST", encoding="utf-8")
    link = site / "_posts" / "tmp"
    if not link.exists():
        link.symlink_to(outside, target_is_directory=True)
    for name in ("tmp/pages-test", "tmp/pages-test-does-not-exist"):
        with pytest.raises(LiquidError, match="leads outside _posts/"):
            render(env, "{% include_relative " + name + " %}")


@pytest.mark.xfail(strict=True, reason="a name without its folder finds the post by the older rule, without Jekyll's deprecation message")
def test_post_url_older_rule_is_said(env):
    """test_tag_post_url: simple page with nested post linking and path not used in post_url: throw a deprecation warning"""
    said = []
    env.report = lambda message, token: said.append(message)
    try:
        render(env, "{% post_url 2008-11-21-nested %}")
    finally:
        env.report = None
    assert said


ROUGE = [
    pytest.param('<figure class="highlight"><pre><code class="language-python" data-lang="python">', id=HL + "with the rouge highlighter: post content has highlight tag: render markdown with rouge"),
    pytest.param('<table class="rouge-table"><tbody><tr><td class="gutter gl"><pre class="lineno">1', id=HL + "with the rouge highlighter: render markdown with rouge with line numbers"),
]  # fmt: skip


@pytest.fixture(scope="module")
def code_site(tmp_path_factory):
    yield from module_site("liquid", tmp_path_factory)


@pytest.mark.xfail(strict=True, reason="Sphinx highlights with Pygments, not Rouge: the code and its line numbers are the same, the HTML around them is Sphinx's")
@pytest.mark.parametrize("markup", ROUGE)
def test_highlight_html_is_rouges(code_site, markup):
    assert markup in (Path(code_site.outdir) / "2021" / "01" / "02" / "code.html").read_text(encoding="utf-8")
