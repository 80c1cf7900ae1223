"""Authors: the rule of who wrote a post (core/authors.py), the author box of
``author_profile: true`` pages and author archives, the author in Liquid."""

from __future__ import annotations

import re
import struct
import zlib
from pathlib import Path

import pytest
from click.testing import CliRunner

from conftest import SHARED, built_site, copy_tree, docname_of, edit_then_build_fresh, page_of, warnings_of
from sphinx_blogposts.cli.commands import main
from sphinx_blogposts.core.authors import (
    Author,
    author_from,
    avatar_address,
    post_author,
    shown_links,
    shows_profile,
)
from sphinx_blogposts.store.domain import BlogpostsDomain

# -- core/authors.py ----------------------------------------------------------

#: minimal-mistakes' _config.yml author: (as the corpus has it)
MM_SITE_AUTHOR = {
    "name": "Michael Rose",
    "avatar": "/assets/images/michael-rose.jpg",
    "bio": "Just another *boring*, *tattooed*, *time traveling*, *designer*.",
    "location": "Buffalo, NY",
    "links": [
        {"label": "Made Mistakes", "icon": "fas fa-fw fa-link", "url": "https://mademistakes.com"},
        {"label": "Twitter", "icon": "fab fa-fw fa-twitter-square", "url": "https://twitter.com/mmistakes"},
    ],
}
#: an entry of minimal-mistakes' _data/authors.yml
MM_BILLY = {
    "name": "Billy Rick",
    "bio": "What do you want, jewels? I am a very extravagant man.",
    "avatar": "/assets/images/bio-photo-2.jpg",
    "links": [
        {"label": "Email", "icon": "fas fa-fw fa-envelope-square", "url": "mailto:billyrick@rick.com"},
        {"label": "Website", "icon": "fas fa-fw fa-link", "url": "https://thewhip.com"},
    ],
}
#: academicpages' _config.yml author: (profile keys instead of links:)
ACADEMIC = {
    "name": "Your Sidebar Name",
    "avatar": "profile.png",
    "bio": "Your bio",
    "location": "Earth",
    "employer": None,
    "email": "me@example.org",
    "uri": "https://example.org",
    "github": "academicpages",
    "twitter": "",
    "orcid": "0000-0002-1825-0097",
    "googlescholar": "https://scholar.google.com/citations?user=x",
}


@pytest.mark.parametrize(
    ("key", "value", "expected"),
    [
        pytest.param("", MM_SITE_AUTHOR, Author(
            key="", name="Michael Rose", avatar="/assets/images/michael-rose.jpg",
            bio="Just another *boring*, *tattooed*, *time traveling*, *designer*.", location="Buffalo, NY",
            links=(("Made Mistakes", "https://mademistakes.com"), ("Twitter", "https://twitter.com/mmistakes")),
        ), id="minimal-mistakes site author"),
        pytest.param("Billy Rick", MM_BILLY, Author(
            key="Billy Rick", name="Billy Rick", avatar="/assets/images/bio-photo-2.jpg",
            bio="What do you want, jewels? I am a very extravagant man.",
            links=(("Email", "mailto:billyrick@rick.com"), ("Website", "https://thewhip.com")),
        ), id="minimal-mistakes authors.yml entry"),
        pytest.param("", ACADEMIC, Author(
            key="", name="Your Sidebar Name", avatar="profile.png", bio="Your bio", location="Earth",
            email="me@example.org", uri="https://example.org",
            links=(("github", "https://github.com/academicpages"),
                   ("googlescholar", "https://scholar.google.com/citations?user=x"),
                   ("orcid", "https://orcid.org/0000-0002-1825-0097")),
        ), id="academicpages profile keys (empty ones left out)"),
        pytest.param("ana", {"bio": "x"}, Author(key="ana", name="ana", bio="x"), id="no name: the key"),
        pytest.param("", "Ana Robles", Author(key="", name="Ana Robles"), id="a name"),
        pytest.param("", "  ", None, id="a blank name"),
        pytest.param("", None, None, id="nothing"),
        pytest.param("", ["Ana"], None, id="a list"),
        pytest.param("", 42, None, id="a number"),
        pytest.param("", {"name": None}, None, id="a mapping without name or key"),
        pytest.param("k", {"name": 3, "links": 5, "avatar": ["a"], "bio": {"x": 1}}, Author(key="k", name="k"),
                     id="bad values never raise"),
        pytest.param("k", {"links": "https://x.org"}, Author(key="k", name="k"), id="links as text"),
        pytest.param("k", {"links": [None, {"url": 3}, {"label": "L"}, {"url": "https://a.org"}]},
                     Author(key="k", name="k", links=(("https://a.org", "https://a.org"),)),
                     id="bad links skipped, a label defaults to its URL"),
        pytest.param("k", {"github": 12345}, Author(key="k", name="k", links=(("github", "https://github.com/12345"),)),
                     id="a numeric handle"),
    ],
)
def test_author_from(key, value, expected):
    assert author_from(key, value) == expected


AUTHORS = {"Billy Rick": MM_BILLY, "empty": None, "named": {"name": "Someone Else"}}


@pytest.mark.parametrize(
    ("names", "authors", "site", "expected"),
    [
        pytest.param(["Billy Rick"], AUTHORS, MM_SITE_AUTHOR, "Billy Rick", id="an entry of authors.yml"),
        pytest.param(["named"], AUTHORS, MM_SITE_AUTHOR, "Someone Else", id="an entry's name"),
        pytest.param(["Nobody Known"], AUTHORS, MM_SITE_AUTHOR, "Nobody Known", id="a name without an entry"),
        pytest.param(["empty"], AUTHORS, MM_SITE_AUTHOR, "empty", id="an empty entry: its key"),
        pytest.param([], AUTHORS, MM_SITE_AUTHOR, "Michael Rose", id="no author: the site's"),
        pytest.param(["", "  "], AUTHORS, "Ana", "Ana", id="blank names: the site's"),
        pytest.param([None, 3, "Billy Rick"], AUTHORS, None, "Billy Rick", id="names that are not text skipped"),
        pytest.param(["Billy Rick", "named"], AUTHORS, None, "Billy Rick", id="the first author"),
        pytest.param([], {}, None, None, id="no author anywhere"),
        pytest.param([], {}, [1, 2], None, id="a site author that is not one"),
        pytest.param(["Billy Rick"], ["not", "a", "mapping"], None, "Billy Rick", id="authors not a mapping"),
    ],
)
def test_post_author(names, authors, site, expected):
    author = post_author(names, authors, site)
    assert (author.name if author else None) == expected


@pytest.mark.parametrize(
    ("value", "shown"),
    [
        (True, True), (False, False), (None, False), ("yes", True),
        # Liquid's truth, as minimal-mistakes' {% if page.author_profile %}: only nil and false are false
        ("false", True), (0, True), ("", True),
    ],
)
def test_shows_profile_is_liquid_truth(value, shown):
    assert shows_profile({"author_profile": value}) is shown
    assert shows_profile({}) is False


@pytest.mark.parametrize(
    ("avatar", "address"),
    [
        ("/assets/images/a.jpg", "/assets/images/a.jpg"),
        ("images/a.jpg", "/images/a.jpg"),  # relative_url: from the site's root
        ("https://gravatar.com/a.png", "https://gravatar.com/a.png"),
        ("  ", ""),
    ],
)
def test_avatar_address(avatar, address):
    assert avatar_address(avatar) == address


def test_shown_links_add_email_and_uri_once():
    author = author_from("", ACADEMIC)
    assert shown_links(author)[-2:] == [("Email", "mailto:me@example.org"), ("Website", "https://example.org")]
    billy = author_from("b", MM_BILLY | {"email": "billyrick@rick.com", "uri": "https://thewhip.com"})
    assert shown_links(billy) == list(billy.links)  # already linked: not twice


# -- builds -------------------------------------------------------------------


def _png() -> bytes:
    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))

    header = struct.pack(">IIBBBBB", 1, 1, 8, 2, 0, 0, 0)
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", zlib.compress(b"\x00\xff\x00\x00")) + chunk(b"IEND", b"")


def _box(html: str) -> str:
    """The author box of a page ('' when it has none)."""
    match = re.search(r'<aside class="blogposts-author-box.*?</aside>', html, re.S)
    return match.group(0) if match else ""


@pytest.fixture(scope="module")
def mm(tmp_path_factory):
    """minimal-mistakes built zero-config, with the site author's avatar in place
    (the corpus has no images; Billy Rick's stays missing)."""

    corpus = SHARED / "corpora" / "minimal-mistakes"
    if not corpus.is_dir():
        pytest.skip(f"{corpus} is absent (the real posts and authors this test reads)")
    site = copy_tree(corpus, tmp_path_factory.mktemp("mm") / "mm")
    (site / "conf.py").write_text('extensions = ["sphinx_blogposts"]\n', encoding="utf-8")
    (site / "assets" / "images").mkdir(parents=True)
    (site / "assets" / "images" / "michael-rose.jpg").write_bytes(_png())
    yield from built_site(site)


def _posts(app):
    """(record, output HTML) of every post."""
    for record in BlogpostsDomain.of(app.env).posts.values():
        if record.kind == "post":
            source = BlogpostsDomain.of(app.env).data["moved"].get(record.docname, record.docname)
            yield record, page_of(app, source).read_text(encoding="utf-8"), source


def test_minimal_mistakes_every_author_profile_post_has_the_box(mm):
    shown = hidden = 0
    for record, html, source in _posts(mm):
        box = _box(html)
        if record.meta.get("author_profile") is not True:
            assert box == "", source
            hidden += 1
            continue
        shown += 1
        if source.endswith("layout-author-override"):
            assert '<p class="blogposts-author-name">Billy Rick</p>' in box
            assert "What do you want, jewels?" in box
            assert 'href="mailto:billyrick@rick.com"' in box
            assert "<img" not in box  # its avatar is missing: the box goes without it
        else:
            assert '<p class="blogposts-author-name">Michael Rose</p>' in box, source
            assert "Just another <em>boring</em>, <em>tattooed</em>" in box  # the bio's Markdown
            assert '<p class="blogposts-author-location">Buffalo, NY</p>' in box
            assert 'href="https://github.com/mmistakes"' in box
            assert re.search(r'<img [^>]*src="(\.\./)*_images/michael-rose\.jpg"', box), source
        # at the end of the post, before the previous/next links
        assert html.index("blogposts-author-box") < html.index("blogposts-post-nav"), source
    assert shown >= 60 and hidden == 3  # the three layout-*-disabled / sidebar posts say false
    assert (Path(mm.outdir) / "_images" / "michael-rose.jpg").is_file()


def test_minimal_mistakes_missing_avatar_is_one_located_warning(mm):
    warnings = [w for w in warnings_of(mm) if "avatar" in w]
    authors_yml = Path(mm.srcdir) / "_data" / "authors.yml"
    assert any(f"{authors_yml}:3:" in w and "'Billy Rick'" in w and "bio-photo-2.jpg" in w
               and "[blogposts.image]" in w for w in warnings), warnings
    assert len([w for w in warnings if "Billy Rick" in w]) == 1  # once, not once per page
    assert not any("michael-rose" in w for w in warnings)
    assert "Traceback" not in mm.warning.getvalue()


def test_minimal_mistakes_author_archive_starts_with_the_box(mm):
    archive = BlogpostsDomain.of(mm.env).data["archive_map"]["author"]
    page = Path(mm.outdir) / mm.builder.get_target_uri(archive["Billy Rick"])
    html = page.read_text(encoding="utf-8")
    box = _box(html)
    assert "blogposts-author-box-archive" in box and "Billy Rick" in box
    assert html.index("</h1>") < html.index("blogposts-author-box") < html.index("blogposts-postlist")


def test_minimal_mistakes_feeds_carry_no_author_box(mm):
    for feed in ("feed.xml", "rss.xml"):
        path = Path(mm.outdir) / feed
        if path.is_file():
            assert "blogposts-author-box" not in path.read_text(encoding="utf-8")


SITE = {
    "_config.yml": (
        'title: "Lab"\n'
        "author:\n  name: Ana Robles\n  avatar: https://example.org/ana.png\n"
        '  bio: "Bióloga *computacional*"\n  email: ana@example.org\n'
        "defaults:\n  - scope: {path: '', type: posts}\n    values: {author_profile: true}\n"
    ),
    "_data/authors.yml": "Luis:\n  name: Luis Pérez\n  bio: \"First bio\"\n  avatar: /images/luis.png\n",
    "images/luis.png": None,
    "_posts/2024-01-01-by-ana.md": "---\ntitle: By Ana\n---\n\nAna's post. {{ page.author }} ~ {{ site.author.name }}\n",
    "_posts/2024-01-02-by-luis.md": (
        "---\ntitle: By Luis\nauthor: Luis\n---\n\n"
        "Luis's post: {{ page.author }} ~ {{ site.data.authors.Luis.name }}\n"
    ),
    "_posts/2024-01-03-no-box.md": "---\ntitle: No box\nauthor_profile: false\n---\n\nNo box here.\n",
    "about.md": "---\ntitle: About\nauthor_profile: true\nauthor: Luis\n---\n\nA page.\n",
}


def _site(root: Path, files: dict[str, str | None] = SITE) -> Path:
    for name, text in files.items():
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        if text is None:
            path.write_bytes(_png())
        else:
            path.write_text(text, encoding="utf-8")
    (root / "conf.py").write_text('extensions = ["sphinx_blogposts"]\n', encoding="utf-8")
    return root


def test_small_site_boxes_liquid_and_pages(build, tmp_path):
    app = build("lab", srcdir=_site(tmp_path / "lab"))
    ana = page_of(app, "_posts/2024-01-01-by-ana").read_text(encoding="utf-8")
    luis = page_of(app, "_posts/2024-01-02-by-luis").read_text(encoding="utf-8")
    none = page_of(app, "_posts/2024-01-03-no-box").read_text(encoding="utf-8")
    about = page_of(app, "about").read_text(encoding="utf-8")
    # an http(s) avatar is an external image; the site author's email is a mailto: link
    assert '<img src="https://example.org/ana.png" alt="Ana Robles"' in _box(ana)
    assert "Bióloga <em>computacional</em>" in _box(ana)
    assert 'href="mailto:ana@example.org"' in _box(ana)
    assert "Luis Pérez" in _box(luis) and re.search(r'src="(\.\./)*_images/luis\.png"', _box(luis))
    assert _box(none) == ""
    assert "Luis Pérez" in _box(about)  # a page asks for it too
    # the box on a post is not the post's text: the search does not find every post by the bio
    index = (Path(app.outdir) / "searchindex.js").read_text(encoding="utf-8").lower()
    assert "computacion" not in index and "bi\\u00f3loga" not in index and "bióloga" not in index
    # Liquid: page.author is the front matter's value; site.author and site.data.authors are there
    assert "post.  ~ Ana Robles" in ana or "post. ~ Ana Robles" in ana
    assert "Luis ~ Luis Pérez" in luis
    assert not [w for w in warnings_of(app) if "[blogposts." in w and "author" in w.lower()]


@pytest.mark.parametrize("buildername", ["text", "latex"])
def test_builders_without_html_get_paragraphs(build, tmp_path, buildername):
    app = build("lab", buildername=buildername, srcdir=_site(tmp_path / "lab"))
    text = "\n".join(p.read_text(encoding="utf-8") for p in Path(app.outdir).rglob(f"*.{'txt' if buildername == 'text' else 'tex'}"))
    assert "Luis Pérez" in text and "First bio" in text
    assert "ana@example.org" in text
    assert "computacional" in text
    assert not [w for w in warnings_of(app) if "[blogposts." in w and ("author" in w.lower() or "image" in w.lower())]


def _box_of(app, source: str) -> str:
    return _box(page_of(app, source).read_text(encoding="utf-8"))


@pytest.mark.parametrize("parallel", [1, 2])
def test_editing_authors_yml_updates_every_box(make_app, tmp_path, parallel):
    site = _site(tmp_path / "site")

    def edit(root: Path) -> None:
        (root / "_data" / "authors.yml").write_text(
            "Luis:\n  name: Luis Pérez\n  bio: \"Second *bio*\"\n  location: Madrid\n", encoding="utf-8"
        )
        config = root / "_config.yml"
        config.write_text(config.read_text(encoding="utf-8").replace("Bióloga", "Ecóloga"), encoding="utf-8")

    again, fresh = edit_then_build_fresh(make_app, tmp_path, edit, parallel, site=site)
    for source in ("_posts/2024-01-01-by-ana", "_posts/2024-01-02-by-luis", "about"):
        assert _box_of(again, source) == _box_of(fresh, source), source
    assert "Second <em>bio</em>" in _box_of(again, "_posts/2024-01-02-by-luis")
    assert "Madrid" in _box_of(again, "about")
    assert "<img" not in _box_of(again, "about")  # the avatar was removed from the entry
    assert "Ecóloga" in _box_of(again, "_posts/2024-01-01-by-ana")
    archive = BlogpostsDomain.of(again.env).data["archive_map"]["author"]["Luis"]
    assert "Second <em>bio</em>" in _box(
        (Path(again.outdir) / again.builder.get_target_uri(archive)).read_text(encoding="utf-8")
    )


def test_an_avatar_added_later_is_shown(make_app, tmp_path):
    files = dict(SITE)
    del files["images/luis.png"]
    site = _site(tmp_path / "site", files)

    def edit(root: Path) -> None:
        (root / "images").mkdir()
        (root / "images" / "luis.png").write_bytes(_png())

    again, fresh = edit_then_build_fresh(make_app, tmp_path, edit, 1, site=site)
    assert "luis.png" in _box_of(again, "_posts/2024-01-02-by-luis")
    assert _box_of(again, "_posts/2024-01-02-by-luis") == _box_of(fresh, "_posts/2024-01-02-by-luis")


def test_docs_project_authors_from_conf_py(make_app, tmp_path):
    src = tmp_path / "docs"
    src.mkdir()
    (src / "conf.py").write_text(
        'extensions = ["sphinx_blogposts"]\nblogposts_liquid = "on"\n'
        'blogposts_author = {"name": "Site Owner", "bio": "Writes **docs**"}\n'
        'blogposts_authors = {"ada": {"name": "Ada Example", "github": "ada"}}\n',
        encoding="utf-8",
    )
    (src / "index.md").write_text("# Home\n\n```{toctree}\npost\nmine\n```\n", encoding="utf-8")
    (src / "post.md").write_text(
        "---\ntitle: A post\ndate: 2024-01-01\nauthor: ada\nauthor_profile: true\n---\n\n"
        "{{ site.data.authors.ada.name }}\n",
        encoding="utf-8",
    )
    (src / "mine.md").write_text("---\ntitle: Mine\ndate: 2024-02-02\nauthor_profile: true\n---\n\nText.\n", encoding="utf-8")
    app = make_app("html", srcdir=src)
    app.build()
    post = (Path(app.outdir) / "post.html").read_text(encoding="utf-8")
    assert "Ada Example" in _box(post) and 'href="https://github.com/ada"' in _box(post)
    assert "<p>Ada Example</p>" in post  # site.data.authors from blogposts_authors
    assert "Writes <strong>docs</strong>" in _box((Path(app.outdir) / "mine.html").read_text(encoding="utf-8"))


def test_bad_author_values_warn_and_build(build, tmp_path):
    files = dict(SITE)
    files["_data/authors.yml"] = (
        "Luis:\n  name: Luis\n  links: 5\n  avatar: \"javascript:alert(1)\"\n"
        '  bio: "Hi <script>alert(1)</script> there"\n'
        "Eve:\n  avatar: [1, 2]\n  links:\n    - {label: x, url: \"javascript:alert(2)\"}\n"
    )
    files["_posts/2024-01-04-eve.md"] = "---\ntitle: Eve\nauthor: Eve\n---\n\nEve.\n"
    app = build("lab", srcdir=_site(tmp_path / "lab", files))
    luis = _box_of(app, "_posts/2024-01-02-by-luis")
    eve = _box_of(app, "_posts/2024-01-04-eve")
    assert "<script" not in luis and "Hi" in luis and "there" in luis
    assert "javascript:" not in luis + eve and "<img" not in luis
    assert "Eve" in eve
    warnings = warnings_of(app)
    assert any("_data/authors.yml:1:" in w and "avatar" in w for w in warnings), warnings
    assert any("removed a <script> element" in w for w in warnings), warnings
    assert "Traceback" not in app.warning.getvalue()
    assert docname_of(app, "_posts/2024-01-04-eve") in BlogpostsDomain.of(app.env).posts


def test_check_reports_a_missing_avatar_as_the_build_does(tmp_path):
    files = dict(SITE)
    del files["images/luis.png"]
    site = _site(tmp_path / "site", files)
    result = CliRunner().invoke(main, ["check", "--quiet", str(site)], catch_exceptions=False)
    assert result.exit_code == 1
    lines = [line for line in result.output.splitlines() if "avatar" in line]
    assert len(lines) == 1 and "authors.yml:1: blogposts.image:" in lines[0] and "'Luis Pérez'" in lines[0]
