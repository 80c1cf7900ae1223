"""A rebuild does only what the change asks for: counted, never timed.

A body edit that changes a post's reading time rewrites the post alone (no
list shows the reading time); an unchanged redirect page is neither read nor
written again, a deleted or outdated one is written again; each file's front
matter is judged once per build.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from conftest import ROOTS, copy_tree, docname_of


def built(make_app, site: Path, written: list[str] | None = None, **kwargs):  # noqa: ANN001, ANN003, ANN201
    app = make_app("html", srcdir=site, **kwargs)
    if written is not None:
        app.connect("doctree-resolved", lambda app, doctree, docname: written.append(docname))
    app.build()
    return app


@pytest.fixture
def site(tmp_path: Path) -> Path:
    return copy_tree(ROOTS / "test-jekyll", tmp_path / "site")


def test_a_longer_body_rewrites_the_post_alone(make_app, site):
    first = built(make_app, site)
    post = site / "_posts" / "2021-05-06-second-post.md"
    docname = docname_of(first, "_posts/2021-05-06-second-post")
    before = first.env.domaindata["blogposts"]["posts"][docname].reading_minutes
    post.write_text(post.read_text(encoding="utf-8") + "\n" + " word" * 1000 + "\n", encoding="utf-8")
    written: list[str] = []
    again = built(make_app, site, written)
    assert again.env.domaindata["blogposts"]["posts"][docname].reading_minutes > before
    assert written == [docname]


def redirect_pages(outdir: Path) -> dict[str, int]:
    """Each redirect page the build wrote, with its modification time."""
    names = [line.split("\t")[0] for line in (outdir / ".blogposts-redirects").read_text().splitlines() if line]
    return {name: (outdir / name).stat().st_mtime_ns for name in names}


def test_unchanged_redirect_pages_are_left_alone(make_app, site):
    spellings = {"blogposts_url_spellings": True}  # the test site's old URLs are its spellings
    first = built(make_app, site, confoverrides=spellings)
    pages = redirect_pages(first.outdir)
    assert pages  # the test site has old URLs to redirect
    built(make_app, site, confoverrides=spellings)
    assert redirect_pages(first.outdir) == pages
    gone = sorted(pages)[0]
    (first.outdir / gone).unlink()
    built(make_app, site, confoverrides=spellings)
    assert (first.outdir / gone).is_file()  # a page that is not there is written again
    assert 'http-equiv="refresh"' in (first.outdir / gone).read_text(encoding="utf-8")


def test_front_matter_is_judged_once_per_file(make_app, site, monkeypatch):
    from sphinx_blogposts.core.documents import Site

    judged: list[str] = []
    judge = Site.judge

    def counting(self, docname, path, text, mtime=None):  # noqa: ANN001, ANN202
        judged.append(path)
        return judge(self, docname, path, text, mtime)

    monkeypatch.setattr(Site, "judge", counting)
    built(make_app, site)
    assert judged
    assert len(judged) == len(set(judged))


def _readers_environments(monkeypatch) -> list:  # noqa: ANN001 - pytest's fixture
    """Every environment a parallel reader sends back to the main process, as unpickled
    there (Sphinx's ``pickle`` in its builders module, recording)."""
    import pickle

    import sphinx.builders

    sent: list = []
    loads = pickle.loads

    class Recording:
        def __getattr__(self, name):  # noqa: ANN001, ANN204
            return getattr(pickle, name)

        def loads(self, data, *args, **kwargs):  # noqa: ANN001, ANN201
            value = loads(data, *args, **kwargs)
            if hasattr(value, "domaindata"):
                sent.append(value)
            return value

    monkeypatch.setattr(sphinx.builders, "pickle", Recording())
    return sent


def test_parallel_readers_send_back_only_their_own_records(make_app, site, monkeypatch):
    received = _readers_environments(monkeypatch)
    app = make_app("html", srcdir=site, parallel=2)
    app.build()
    if len(received) < 2:
        pytest.skip("Sphinx read this site in one process")
    sent = [set(env.domaindata["blogposts"]["posts"]) for env in received]
    # each reader's records are its own documents' only: no two readers send the same one
    assert sum(len(s) for s in sent) == len(set().union(*sent))
    assert set().union(*sent) == set(app.env.domaindata["blogposts"]["posts"])
    # and none of the main process's data (discovery's facts, URL maps, the plan)
    assert all("sources" not in env.domaindata["blogposts"] for env in received)


def test_a_one_post_edit_is_read_without_a_forked_reader(make_app, site, monkeypatch):
    built_parallel = make_app("html", srcdir=site, parallel=2)
    built_parallel.build()
    post = site / "_posts" / "2021-05-06-second-post.md"
    post.write_text(post.read_text(encoding="utf-8") + "\nOne more sentence.\n", encoding="utf-8")
    sent = _readers_environments(monkeypatch)
    written: list[str] = []
    app = make_app("html", srcdir=site, parallel=2)
    app.connect("doctree-resolved", lambda app, doctree, docname: written.append(docname))
    app.build()
    docname = docname_of(app, "_posts/2021-05-06-second-post")
    assert sent == []  # read in the main process
    assert written == [docname]
    assert app.parallel == 2  # given back for writing
    assert "One more sentence." in Path(app.builder.get_outfilename(docname)).read_text(encoding="utf-8")


def test_a_no_change_rebuild_makes_no_fingerprints(make_app, site, monkeypatch):
    from sphinx_blogposts.output import freshness

    built(make_app, site)
    made: list[int] = []
    real = freshness.page_fingerprints
    monkeypatch.setattr(freshness, "page_fingerprints", lambda env: made.append(1) or real(env))
    written: list[str] = []
    built(make_app, site, written)
    assert made == [] and written == []  # nothing read, nothing fingerprinted, nothing written
    post = site / "_posts" / "2021-05-06-second-post.md"
    post.write_text(post.read_text(encoding="utf-8") + "\n" + " word" * 500 + "\n", encoding="utf-8")
    built(make_app, site, written)
    assert made == [] and len(written) == 1  # a body edit: no list shows other records
    written.clear()
    post.write_text(post.read_text(encoding="utf-8").replace("title:", "title: Now", 1), encoding="utf-8")
    again = built(make_app, site, written)
    assert made == [1]
    assert len(written) > 1  # the retitled post and the lists that show it
    assert docname_of(again, "_posts/2021-05-06-second-post") in written


def test_feeds_are_made_again_only_from_changed_posts(make_app, site, monkeypatch):
    from sphinx_blogposts.output import feeds

    first = built(make_app, site)
    feed = Path(first.outdir) / "feed.xml"
    before = feed.read_bytes()
    made: list[str] = []
    real = feeds.render_feed
    monkeypatch.setattr(feeds, "render_feed", lambda app, base, title, d, r, fmt, path, *a: made.append(path) or real(app, base, title, d, r, fmt, path, *a))
    built(make_app, site)
    assert made == [] and feed.read_bytes() == before  # no change: no feed made
    post = site / "_posts" / "2021-05-06-second-post.md"
    post.write_text(post.read_text(encoding="utf-8") + "\nA sentence for the feed.\n", encoding="utf-8")
    built(make_app, site)
    assert "feed.xml" in made and "A sentence for the feed." in feed.read_text(encoding="utf-8")
    made.clear()
    feed.unlink()
    built(make_app, site)
    assert made == ["feed.xml"] and feed.is_file()  # a feed that is not there is made again


def test_the_collector_paused_for_loading_runs_again(make_app, site):
    import gc

    built(make_app, site)
    assert gc.isenabled() and gc.get_freeze_count() == 0  # given back when it finished
    app = make_app("html", srcdir=site)  # loads the environment of the first build
    assert gc.isenabled() and app.env.all_docs  # given back at builder-inited
    app.build()
    assert gc.isenabled() and gc.get_freeze_count() == 0  # given back when it finished


def test_a_parallel_reader_pickles_only_its_records():
    import os
    import pickle

    from sphinx_blogposts.store.domain import INITIAL_DATA, PER_DOCUMENT, ReaderData

    data = ReaderData({**INITIAL_DATA, "version": 8, "posts": {"a": "record"}, "sources": {"a": "facts"}})
    data.main_pid = os.getpid() + 1  # this process is a reader forked by another
    sent = pickle.loads(pickle.dumps(data))
    assert set(sent) == {*PER_DOCUMENT, "version"} and sent["posts"] == {"a": "record"}
    data.main_pid = os.getpid()  # the main process saves the whole environment
    assert pickle.loads(pickle.dumps(data)) == dict(data)


def test_what_the_environment_loading_made_is_frozen_until_the_build_finished(make_app, site):
    import gc

    make_app("html", srcdir=site).build()
    again = make_app("html", srcdir=site)
    frozen_while_building = []
    again.connect("env-updated", lambda app, env: frozen_while_building.append(gc.get_freeze_count()))
    again.build()
    assert frozen_while_building and frozen_while_building[0] > 0  # the loaded environment
    assert gc.isenabled() and gc.get_freeze_count() == 0  # given back when it finished
