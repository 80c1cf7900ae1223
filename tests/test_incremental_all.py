"""Every mutation a writer makes: the incremental build's output equals a fresh build's.

Each case edits a copy of tests/roots/test-jekyll, rebuilds incrementally
(-j 1 and -j 2), builds the edited sources from scratch, and compares every
HTML page and every feed, byte for byte except the few parts that differ
between any two Sphinx builds (none, so far, for these pages).
"""

from __future__ import annotations

from pathlib import Path

import pytest

from conftest import edit_then_build_fresh


def _replace(path: Path, old: str, new: str) -> None:
    text = path.read_text()
    assert old in text, (path, old)
    path.write_text(text.replace(old, new))


MUTATIONS = {
    "add": lambda s: (s / "_posts" / "2023-03-03-new.md").write_text("---\ntitle: New\ntags: [alpha]\n---\n\nNew.\n"),
    "delete": lambda s: (s / "_posts" / "2021-05-06-second-post.md").unlink(),
    "rename": lambda s: (s / "_posts" / "2022-01-02-more-marker.md").rename(s / "_posts" / "2022-01-02-marker.md"),
    "retitle": lambda s: _replace(s / "_posts" / "2021-03-04-first-post.md", 'title: "First *post*"', "title: Renamed"),
    "date": lambda s: _replace(s / "_posts" / "2021-03-04-first-post.md", "2021-03-04 10:00:00", "2019-03-04 10:00:00"),
    "tags": lambda s: _replace(s / "_posts" / "2021-03-04-first-post.md", 'tags: [alpha, "two words"]', "tags: [omega]"),
    "collection": lambda s: (s / "_notes" / "lab-one.md").rename(s / "_posts" / "2023-07-08-lab-one.md"),
    "body": lambda s: _replace(s / "_posts" / "2021-03-04-first-post.md", "is the excerpt.", "is the new excerpt."),
    "config": lambda s: _replace(s / "_config.yml", 'title: "Field Notes & Trials"', 'title: "Renamed Site"'),
}


def outputs(outdir: Path) -> dict[str, bytes]:
    skip = {"searchindex.js", "search.html", "genindex.html", ".buildinfo", "objects.inv"}
    return {
        str(p.relative_to(outdir)): p.read_bytes()
        for p in sorted(outdir.rglob("*"))
        if p.is_file() and p.suffix in (".html", ".xml", ".json") and p.name not in skip and "_sources" not in p.parts
    }


def folders(outdir: Path) -> set[str]:
    return {str(p.relative_to(outdir)) for p in outdir.rglob("*") if p.is_dir() and ".doctrees" not in p.parts}


@pytest.mark.parametrize("parallel", [1, 2])
@pytest.mark.parametrize("mutation", sorted(MUTATIONS))
def test_incremental_output_equals_fresh(make_app, tmp_path, mutation, parallel):
    again, fresh = edit_then_build_fresh(make_app, tmp_path, MUTATIONS[mutation], parallel)
    got, want = outputs(again.outdir), outputs(fresh.outdir)
    assert sorted(got) == sorted(want)
    different = [name for name in want if got[name] != want[name]]
    assert different == []
    # a deleted redirect or page leaves no empty folder behind: the folders are a fresh build's
    assert folders(again.outdir) == folders(fresh.outdir)
