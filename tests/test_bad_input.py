"""Bad front matter: the build goes on, every page is built, one located warning each."""

from __future__ import annotations

import re

from conftest import by_source, page_of, warnings_of
from sphinx_blogposts.store.domain import BlogpostsDomain

EXPECTED = {
    # file: (line, subtype, words of the message)
    "2020-01-01-invalid-yaml.md": (5, "front_matter", "invalid YAML front matter"),
    "2020-01-02-year-only.md": (3, "date", "'2023' is not a date"),
    "2020-01-03-no-such-day.md": (3, "date", "'2020-02-31' is not a valid date"),
    "2020-01-04-untitled.md": (1, "title", "this post has no title; using 'Untitled'"),
    "2020-01-05-list-title.md": (2, "title", "title should be text, not list"),
    "2020-01-06-duplicate-keys.md": (4, "duplicate_key", "key 'title' appears more than once"),
    "2020-01-09-list-front-matter.md": (1, "front_matter", "front matter is a list"),
    "2020-01-10-unterminated.md": (1, "front_matter", "never closed"),
    "2020-01-11-bad-tags.md": (3, "field", "tags should be text or a list of names"),
    "2020-01-12-toml-broken.md": (3, "front_matter", "invalid TOML front matter"),
    "2020-01-13-latin1.md": (2, "encoding", "not valid UTF-8"),
}

LINE = re.compile(r"^(?P<path>\S+?):(?P<line>\d+): WARNING: (?P<msg>.*) \[blogposts\.(?P<sub>\w+)\]$")


def test_each_problem_is_one_located_warning(build):
    app = build("bad")
    seen = {}
    for warning in warnings_of(app):
        m = LINE.match(warning)
        assert m, f"not a located blogposts warning: {warning}"
        name = m["path"].rsplit("/", 1)[-1]
        assert name not in seen, f"two warnings for {name}"
        seen[name] = (int(m["line"]), m["sub"], m["msg"])
    assert set(seen) == set(EXPECTED)
    for name, (line, sub, words) in EXPECTED.items():
        assert seen[name][:2] == (line, sub), (name, seen[name])
        assert words in seen[name][2], (name, seen[name])


def test_every_post_is_still_built_and_nothing_is_lost(build):
    app = build("bad")
    posts = by_source(app, BlogpostsDomain.of(app.env).posts)  # by source: posts are at their URLs
    assert len(posts) == 13
    out = app.outdir / "_posts"
    expect_text = {
        "2020-01-01-invalid-yaml": ["Salvaged title", "The body of a post whose YAML is broken survives."],
        "2020-01-02-year-only": ["Year only", "January 2, 2020"],
        "2020-01-03-no-such-day": ["No such day", "January 3, 2020"],
        "2020-01-04-untitled": ["Untitled", "Nobody gave this post a title."],
        "2020-01-05-list-title": ["List Title", "A title that is a list."],
        "2020-01-06-duplicate-keys": ["Second value"],
        "2020-01-07-bom": ["With a BOM", "Byte order mark at the start."],
        "2020-01-08-crlf": ["With CRLF", "Windows line endings."],
        "2020-01-09-list-front-matter": ["List Front Matter", "Front matter that is a list."],
        # the unclosed block is kept as text
        "2020-01-10-unterminated": ["Unterminated", "title: Never closed", "has no closing line"],
        "2020-01-11-bad-tags": ["Bad tags"],
        "2020-01-12-toml-broken": ["Broken TOML"],
        "2020-01-13-latin1": ["Caf\u00e9 latin-1", "Caf\u00e9 au lait."],
    }
    for stem, texts in expect_text.items():
        html = page_of(app, f"_posts/{stem}").read_text(encoding="utf-8")  # at its Jekyll URL
        for text in texts:
            assert text in html, (stem, text)
    # the raw value of a field we could not use is still on the record
    assert posts["_posts/2020-01-11-bad-tags"].meta["tags"] == {"a": 1}
    assert posts["_posts/2020-01-08-crlf"].date.hour == 9


def test_warnings_fail_a_strict_build(build):
    import pytest
    from sphinx.errors import SphinxWarning

    with pytest.raises(SphinxWarning):
        build("bad", exception_on_warning=True)
