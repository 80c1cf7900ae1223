"""blogposts_* values and _config.yml: resolution order and clear warnings."""

from __future__ import annotations

from conftest import ROOTS, by_source, copy_tree, docname_of, warnings_of
from sphinx_blogposts.core.config import BlogpostsConfig
from sphinx_blogposts.store.domain import BlogpostsDomain


def test_conf_py_beats_config_yml(build):
    app = build("jekyll", confoverrides={"blogposts_words_per_minute": 50, "blogposts_site_title": "Other"})
    settings = BlogpostsConfig.from_config(app.config)
    assert settings.words_per_minute == 50
    assert settings.site_title == "Other"
    assert settings.timezone == "Europe/Madrid"  # from _config.yml
    assert settings.jekyll_site is True
    assert app.config.project == "Other"


def test_bad_conf_value_is_a_warning_not_a_traceback(build):
    app = build("jekyll", confoverrides={"blogposts_words_per_minute": "fast"})
    bad = [w for w in warnings_of(app) if "[blogposts.config]" in w]
    assert len(bad) == 1 and "blogposts_words_per_minute should be int" in bad[0]
    assert bad[0].split(": WARNING")[0].endswith("conf.py:1")  # set with -D, not in conf.py
    # a bad conf.py value falls back to the next in line: _config.yml's 100, then the default
    assert BlogpostsConfig.from_config(app.config).words_per_minute == 100


def test_bad_config_yml_value_points_at_its_line(build, tmp_path):
    site = copy_tree(ROOTS / "test-jekyll", tmp_path / "site")
    config = site / "_config.yml"
    config.write_text(config.read_text().replace("words_per_minute: 100", "words_per_minute: [lots]"))
    app = build("jekyll", srcdir=site)
    bad = [w for w in warnings_of(app) if "[blogposts.config]" in w]
    assert len(bad) == 1 and "_config.yml:6: WARNING: blogposts_words_per_minute should be int" in bad[0]


def test_invalid_config_yml_still_builds(build, tmp_path):
    site = copy_tree(ROOTS / "test-jekyll", tmp_path / "site")
    (site / "_config.yml").write_text("title: [unclosed\n")
    app = build("jekyll", srcdir=site)
    bad = [w for w in warnings_of(app) if "[blogposts.config]" in w]
    assert len(bad) == 1 and "_config.yml:2: WARNING: invalid YAML" in bad[0]
    assert "_posts/2021-03-04-first-post" in by_source(app, app.env.all_docs)


def test_root_page_from_permalink(build, tmp_path):
    site = copy_tree(ROOTS / "test-jekyll", tmp_path / "site")
    (site / "home.md").write_text("---\ntitle: Welcome\npermalink: /\n---\n\nHello.\n")
    app = build("jekyll", srcdir=site)
    # the page whose URL is / is the site's index.html: the root document "index"
    assert app.config.root_doc == "index" and docname_of(app, "home") == "index"
    assert "index" not in BlogpostsDomain.of(app.env).data["generated"]  # no generated home when the site has one
    assert "Hello." in (app.outdir / "index.html").read_text()


def test_unknown_choices_are_reported(build):
    app = build(
        "jekyll",
        confoverrides={
            "blogposts_index_format": "grid",
            "blogposts_archives": ["year", "tags"],
            "blogposts_feed_formats": "atom,json",
        },
    )
    bad = [w for w in warnings_of(app) if "[blogposts.config]" in w]
    assert len(bad) == 3
    assert any("blogposts_index_format should be one of cards, list, not 'grid'" in w for w in bad)
    assert any("blogposts_archives: unknown value(s) 'tags' ignored" in w for w in bad)
    settings = BlogpostsConfig.from_config(app.config)
    assert (settings.index_format, settings.archives, settings.feed_formats) == ("cards", ["year"], ["atom"])


def test_site_zone_decides_the_archive_year(build, tmp_path):
    from sphinx_blogposts.store.domain import BlogpostsDomain

    site = copy_tree(ROOTS / "test-jekyll", tmp_path / "site")
    (site / "_posts" / "2018-12-31-late.md").write_text("---\ntitle: Late\ndate: 2018-12-31 23:30:00 -0500\n---\n\nx\n")
    app = build("jekyll", srcdir=site)  # the site's zone is Europe/Madrid: 1 January 2019 there
    domain = BlogpostsDomain.of(app.env)
    assert by_source(app, domain.posts)["_posts/2018-12-31-late"].day == "2019-01-01"
    assert "2019" in domain.data["archive_map"]["year"]
    assert "Late" in (app.outdir / "archive" / "2019.html").read_text()


def test_posts_without_collection_are_in_the_default_one(build):
    from sphinx_blogposts.store.domain import BlogpostsDomain

    app = build("docs")
    assert BlogpostsDomain.of(app.env).posts["blog/front"].collection == "news"
    assert "Release 1.0" in (app.outdir / "news" / "index.html").read_text()
