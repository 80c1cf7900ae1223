"""One date per post: discovery (archives), the record (lists, the index) and
Liquid agree, also for a draft dated by its file time."""

from __future__ import annotations

import datetime as dt
import os
from pathlib import Path

import pytest

from conftest import docname_of
from sphinx_blogposts.core.post_record import PostSource, build_record, post_date

TZ = dt.timezone(dt.timedelta(hours=2))


def _write(path: Path, text: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")


def test_front_matter_then_file_name_then_a_drafts_file_time():
    named = PostSource(docname="_posts/2020-05-06-a", path="_posts/2020-05-06-a.md", collection="posts")
    assert post_date({"date": "2021-01-02"}, named, TZ)[0].value.date() == dt.date(2021, 1, 2)
    assert post_date({}, named, TZ)[0].value.date() == dt.date(2020, 5, 6)
    # a date that cannot be read: the file name's, and why
    date, problem = post_date({"date": "2020-02-31"}, named, TZ)
    assert date.value.date() == dt.date(2020, 5, 6) and "file name is used" in problem

    mtime = dt.datetime(2019, 3, 4, 12, 0, tzinfo=TZ).timestamp()
    draft = PostSource(docname="_drafts/b", path="_drafts/b.md", collection="posts", draft=True, mtime=mtime)
    date, problem = post_date({}, draft, TZ)
    assert date.value == dt.datetime(2019, 3, 4, 12, 0, tzinfo=TZ) and date.has_time and problem is None
    # not a draft: no file time
    page = PostSource(docname="b", path="b.md", collection=None, mtime=mtime)
    assert post_date({}, page, TZ) == (None, None)


def test_the_record_takes_the_same_date():
    mtime = dt.datetime(2019, 3, 4, 12, 0, tzinfo=TZ).timestamp()
    draft = PostSource(docname="_drafts/b", path="_drafts/b.md", collection="posts", draft=True, mtime=mtime)
    record, problems = build_record({"title": "B"}, draft, TZ, "post")
    assert record.date == post_date({}, draft, TZ)[0].value and record.day == "2019-03-04" and not problems


def test_an_undated_draft_is_in_the_archive_of_the_year_it_is_counted_under(make_app, tmp_path):
    """With drafts shown, an undated draft is dated by its file time everywhere: the
    post index counts it under that year, and that year's archive page lists it."""
    site = tmp_path / "site"
    _write(site / "_config.yml", "title: Dates\ntimezone: UTC\n")
    _write(site / "conf.py", 'extensions = ["sphinx_blogposts"]\n')
    _write(site / "index.md", "---\ntitle: Home\n---\n\nWelcome.\n")
    _write(site / "_posts/2020-01-01-old.md", "---\ntitle: An old post\n---\n\nOld.\n")
    draft = site / "_drafts/undated-draft.md"
    _write(draft, "---\ntitle: An undated draft\n---\n\nNot done.\n")
    when = dt.datetime(2023, 6, 15, 10, 0, tzinfo=dt.UTC).timestamp()
    os.utime(draft, (when, when))

    app = make_app("html", srcdir=site, confoverrides={"blogposts_drafts": True})
    app.build()

    from sphinx_blogposts.store.domain import BlogpostsDomain

    domain = BlogpostsDomain.of(app.env)
    draft_doc = docname_of(app, "_drafts/undated-draft")  # the docname of its URL
    assert domain.posts[draft_doc].day == "2023-06-15"
    assert domain.facts(draft_doc).timestamp == when
    assert draft_doc in domain.index.named("year", "2023")
    archive = (Path(app.outdir) / "archive/2023.html").read_text(encoding="utf-8")
    assert "An undated draft" in archive
    assert "An old post" in (Path(app.outdir) / "archive/2020.html").read_text(encoding="utf-8")


def test_liquid_lists_an_undated_draft_with_the_same_date(make_app, tmp_path):
    """``site.posts`` in Liquid dates the undated draft as its record does."""
    pytest.importorskip("liquid")
    site = tmp_path / "site"
    _write(site / "_config.yml", "title: Dates\ntimezone: UTC\n")
    _write(site / "conf.py", 'extensions = ["sphinx_blogposts"]\nblogposts_liquid = "on"\n')
    _write(site / "index.md", "---\ntitle: Home\n---\n\n{% for p in site.posts %}[{{ p.title }} {{ p.date | date: '%Y-%m-%d' }}]{% endfor %}\n")
    draft = site / "_drafts/undated-draft.md"
    _write(draft, "---\ntitle: An undated draft\n---\n\nNot done.\n")
    when = dt.datetime(2023, 6, 15, 10, 0, tzinfo=dt.UTC).timestamp()
    os.utime(draft, (when, when))

    app = make_app("html", srcdir=site, confoverrides={"blogposts_drafts": True})
    app.build()
    assert "[An undated draft 2023-06-15]" in (Path(app.outdir) / "index.html").read_text(encoding="utf-8")
