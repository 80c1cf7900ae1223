"""Hostile input, incremental builds: what a writer edits or takes away shows at once.

Each case builds a small Jekyll site (Liquid on), edits it, rebuilds
incrementally (``-j 1`` and ``-j 2``), builds the same sources from scratch
(``-E``) in another folder, and compares every output file byte for byte.

- An edited ``_includes/`` file, ``_data/`` file or ``include_relative``
  target is a dependency of the documents whose Liquid read it: they are read
  and written again (Sphinx would keep the old text).
- A post deleted, unpublished or moved to ``_drafts/`` loses every output: its
  page, its ``_sources`` copy, its words in the search index, and the images
  and downloads no other page uses (Sphinx leaves all but the search entry,
  and keeps even the removed post's words in the index, pointing nowhere).
"""

from __future__ import annotations

import json
import shutil
from collections.abc import Callable
from pathlib import Path

import pytest
from conftest import edit_then_build_fresh, warnings_of

#: A tiny PNG (Sphinx copies images without reading them; the bytes only need to differ).
PNG = bytes.fromhex(
    "89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c489"
    "0000000d49444154789c63000100000500010d0a2db40000000049454e44ae426082"
)
DOOMED = "_posts/2021-01-05-doomed.md"

SITE = {
    "conf.py": 'extensions = ["sphinx_blogposts"]\n',
    "_config.yml": "title: Lab\nurl: https://lab.example.org\n",
    "_includes/note.html": '<p class="note">Note: {{ include.text }}, first version</p>\n',
    "_data/team.yml": "lead: Ada\n",
    "_data/other.yml": "motto: first motto\n",
    "index.md": "---\ntitle: Home\n---\n\nWelcome.\n",
    "_posts/2021-01-01-uses-include.md": '---\ntitle: Include\n---\n\n{% include note.html text="hi" %}\n',
    "_posts/2021-01-02-uses-data.md": "---\ntitle: Data\n---\n\nLead: {{ site.data.team.lead }}\n",
    "_posts/2021-01-03-relative.md": "---\ntitle: Relative\n---\n\n{% include_relative snippet.txt %}\n",
    "_posts/snippet.txt": "Snippet, first version.\n",
    "_posts/2021-01-04-plain.md": (
        "---\ntitle: Plain\n---\n\nPlain words.\n\n![shared](/images/shared.png)\n\n"
        '{% include figure image_path="/images/shared.png" alt="a figure" caption="Mapped" %}\n'
    ),
    "_posts/2021-01-06-all-data.md": "---\ntitle: All data\n---\n\nEverything below.\n\nAll: {{ site.data | jsonify }}\n",
    DOOMED: (
        "---\ntitle: Doomed\n---\n\nXylophonist words.\n\n![doomed](/images/doomed.png)\n\n"
        "![shared](/images/shared.png)\n\nThe {download}`paper </files/doomed.pdf>`.\n"
    ),
    # Liquid that looks for files the writer has not made yet
    "_posts/2021-01-07-awaits-include.md": "---\ntitle: Awaits\n---\n\nWaiting.\n\n{% include later.html %}\n",
    "_posts/2021-01-08-awaits-data.md": "---\ntitle: Awaits data\n---\n\nWaiting.\n\nLater: {{ site.data.later.word }}\n",
    # a site's own figure include: the build maps {% include figure %} itself and never reads it
    "_includes/figure": "<p>never used</p>\n",
}


def make_site(root: Path) -> Path:
    """The small site of this module, written into ``root``."""
    for name, text in SITE.items():
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    (root / "images").mkdir()
    (root / "images" / "doomed.png").write_bytes(PNG)
    (root / "images" / "shared.png").write_bytes(PNG + b"shared")
    (root / "files").mkdir()
    (root / "files" / "doomed.pdf").write_bytes(b"%PDF-1.4\n% doomed\n")
    return root


def _replace(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, (path, old)
    path.write_text(text.replace(old, new), encoding="utf-8")


def _to_drafts(site: Path) -> None:
    (site / "_drafts").mkdir()
    (site / DOOMED).rename(site / "_drafts" / "doomed.md")


#: name -> (edit, a text the new output must show)
EDITS: dict[str, tuple[Callable[[Path], None], str | None]] = {
    "include": (lambda s: _replace(s / "_includes/note.html", "first version", "second version"), "second version"),
    "data": (lambda s: _replace(s / "_data/team.yml", "Ada", "Grace"), "Lead: Grace"),
    "data-other": (lambda s: _replace(s / "_data/other.yml", "first motto", "second motto"), "second motto"),
    "include-relative": (lambda s: _replace(s / "_posts/snippet.txt", "first version", "second version"),
                         "Snippet, second version."),
    "add-include": (lambda s: (s / "_includes/later.html").write_text("<p>Made later</p>\n"), "Made later"),
    "add-data": (lambda s: (s / "_data/later.yml").write_text("word: belated\n"), "Later: belated"),
    "delete": (lambda s: (s / DOOMED).unlink(), None),
    "unpublish": (lambda s: _replace(s / DOOMED, "title: Doomed", "title: Doomed\npublished: false"), None),
    "draft": (_to_drafts, None),
    "drop-image": (lambda s: _replace(s / DOOMED, "![doomed](/images/doomed.png)", "No picture."), None),
}
GONE = {"delete", "unpublish", "draft"}


def outputs(outdir: Path, srcdir: Path) -> dict[str, bytes]:
    """Every file of the output, the source folder's path taken out (Sphinx writes
    the absolute path of sources outside it, such as generated pages, into the search index)."""
    found = {}
    for path in sorted(outdir.rglob("*")):
        if path.is_file():
            found[path.relative_to(outdir).as_posix()] = path.read_bytes().replace(bytes(srcdir), b"<src>")
    return found


def edit_and_compare(make_app, tmp_path: Path, name: str, parallel: int):  # noqa: ANN001, ANN201
    """Build, edit, rebuild incrementally, build fresh; return both outputs and the rebuild."""
    site = make_site(tmp_path / "site")
    again, fresh = edit_then_build_fresh(make_app, tmp_path, EDITS[name][0], parallel, site=site)
    return outputs(again.outdir, site), outputs(fresh.outdir, fresh.srcdir), again


def search_words(outdir: Path) -> set[str]:
    text = (outdir / "searchindex.js").read_text(encoding="utf-8")
    index = json.loads(text[text.index("(") + 1 : text.rindex(")")])
    return set(index["terms"]) | set(index["titleterms"])


@pytest.mark.parametrize("parallel", [1, 2])
@pytest.mark.parametrize("name", sorted(EDITS))
def test_incremental_output_equals_fresh(make_app, tmp_path, name, parallel):
    got, want, again = edit_and_compare(make_app, tmp_path, name, parallel)
    assert sorted(got) == sorted(want)
    assert [path for path in want if got[path] != want[path]] == []
    # the include that is still missing is reported only when its post is read
    assert [w for w in warnings_of(again) if "[blogposts" in w and "later.html" not in w] == []
    shows = EDITS[name][1]
    if shows is not None:
        assert any(shows.encode() in body for path, body in got.items() if path.startswith("2021/"))  # posts at their Jekyll URLs
    if name in GONE:
        # a removed post loses every output: page, _sources copy, image, download, words
        # (its image and PDF stay in the sources: static files of the site, copied as Jekyll does)
        static = {"images/doomed.png", "files/doomed.pdf"}
        assert [path for path in got if "doomed" in path and path not in static] == []
        assert not {w for w in search_words(Path(again.outdir)) if w.startswith(("xylophon", "doom"))}
    if name in GONE:
        # nor an empty folder of its own (its download's)
        assert not list((Path(again.outdir) / "_downloads").glob("*/"))
    if name in GONE or name == "drop-image":
        assert "_images/doomed.png" not in got
        assert "_images/shared.png" in got  # still used by another post


def _mtimes(outdir: Path) -> dict[str, int]:
    return {p.relative_to(outdir).as_posix(): p.stat().st_mtime_ns for p in outdir.rglob("*.html")}


@pytest.mark.parametrize(
    ("edit", "written"),
    [
        # only the documents whose Liquid read the file are read and written again
        ("_includes/note.html", {"2021/01/01/uses-include.html"}),
        ("_posts/snippet.txt", {"2021/01/03/relative.html"}),
        ("_data/team.yml", {"2021/01/02/uses-data.html", "2021/01/06/all-data.html"}),
        ("_data/other.yml", {"2021/01/06/all-data.html"}),
        # a file looked for and missing: the document waits for it
        ("_includes/later.html", {"2021/01/07/awaits-include.html"}),
        # ... and a loop over all of site.data shows a new file
        ("_data/later.json", {"2021/01/08/awaits-data.html", "2021/01/06/all-data.html"}),
        ("_data/unused.yml", {"2021/01/06/all-data.html"}),
        # a theme include the build maps to native nodes has no file
        ("_includes/figure", set()),
    ],
)
def test_only_the_documents_that_read_a_file_depend_on_it(make_app, tmp_path, edit, written):
    site = make_site(tmp_path / "site")
    first = make_app("html", srcdir=site)
    first.build()
    before = _mtimes(Path(first.outdir))
    path = site / edit
    text = path.read_text(encoding="utf-8") if path.exists() else '{"word": "new"}' if edit.endswith(".json") else "x: 1"
    path.write_text(text + "\n", encoding="utf-8")
    again = make_app("html", srcdir=site)
    again.build()
    after = _mtimes(Path(again.outdir))
    changed = {page for page, mtime in after.items() if before.get(page) != mtime}
    # search.html and genindex.html are written on every build
    assert changed - {"search.html", "genindex.html"} == written


def test_a_page_waiting_for_thousands_of_files_stays_small(make_app, tmp_path):
    """Each missing file is remembered up to a limit; past it, its folder is
    watched, so the environment stays small and the page still shows a new file."""
    from sphinx_blogposts.liquid.context import AWAITED_KEY, MAX_AWAITED

    site = make_site(tmp_path / "site")
    wanted = "\n\n".join(f"Value {n}: {{{{ site.data.k{n}.word }}}}" for n in range(1000))
    (site / "_posts" / "2021-01-09-greedy.md").write_text(f"---\ntitle: Greedy\n---\n\nMany.\n\n{wanted}\n")
    first = make_app("html", srcdir=site)
    first.build()
    awaited = first.env.domaindata["blogposts"][AWAITED_KEY]["2021/01/09/greedy"]
    assert len(awaited) <= MAX_AWAITED + 1
    (site / "_data" / "k999.yml").write_text("word: finally\n")
    again = make_app("html", srcdir=site)
    again.build()
    page = (Path(again.outdir) / "2021" / "01" / "09" / "greedy.html").read_text(encoding="utf-8")
    assert "Value 999: finally" in page


def test_an_include_made_in_a_new_includes_folder(make_app, tmp_path):
    # a new _includes/ changes exclude_patterns, so Sphinx reads every document again
    site = make_site(tmp_path / "site")
    shutil.rmtree(site / "_includes")
    first = make_app("html", srcdir=site)
    first.build()
    assert any("later.html" in w for w in warnings_of(first))
    (site / "_includes").mkdir()
    (site / "_includes" / "later.html").write_text("<p>Made later</p>\n")
    again = make_app("html", srcdir=site)
    again.build()
    page = (Path(again.outdir) / "2021" / "01" / "07" / "awaits-include.html").read_text(encoding="utf-8")
    assert "Made later" in page
