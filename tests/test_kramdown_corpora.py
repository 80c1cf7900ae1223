"""No kramdown syntax left as text on real sites: minimal-mistakes' demo posts and the example site.

Every page's article text (outside code, where posts show kramdown's syntax
on purpose) is scanned for the markers kramdown would have consumed; a
failure lists each leftover with its page and a snippet.  The markers of
tables and footnotes (item 1's other half, another branch) are checked by
a test of their own.
"""

from __future__ import annotations

import re
import shutil
from html.parser import HTMLParser
from pathlib import Path

import pytest
from conftest import SHARED, copy_tree, warnings_of

EXAMPLES = Path(__file__).resolve().parent.parent / "examples"

#: What kramdown consumes that this dialect covers: name → pattern on article text.
MARKERS = {
    "block or span IAL / ALD": re.compile(r"\{:(?![/]?\})[^}\n]*\}"),
    "extension": re.compile(r"\{::[A-Za-z]|\{:/[A-Za-z]+\}"),
    "heading id": re.compile(r"\{#[A-Za-z][\w:-]*\}"),
    "abbreviation definition": re.compile(r"(?m)^\s*\*\[[^\]\n]+\]:"),
    "math": re.compile(r"\$\$"),
    "end-of-block marker": re.compile(r"(?m)^\s*\^\s*$"),
}
#: The other half of item 1 (tables, definition lists, footnotes).
OTHER_MARKERS = {
    "table row": re.compile(r"(?m)^\s*\|.*\|\s*$"),
    "footnote": re.compile(r"\[\^[^\]\n]+\]"),
}


class _Article(HTMLParser):
    """The text of a page's main part, code left out; and the items that read ``TOC``."""

    SKIP = frozenset(("pre", "code", "script", "style", "kbd", "samp"))

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.depth_main = 0
        self.stack: list[str] = []
        self.text: list[str] = []
        self.items: list[list[str]] = []

    def handle_starttag(self, tag, attrs):  # noqa: ANN001
        if tag in ("img", "br", "hr", "meta", "link", "input", "source", "wbr"):
            return
        attrs = dict(attrs)
        is_main = attrs.get("role") == "main" or tag == "article"
        self.stack.append("main" if is_main else tag)
        if tag == "li":
            self.items.append([])

    def handle_endtag(self, tag):  # noqa: ANN001
        while self.stack:
            if self.stack.pop() in (tag, "main"):
                break

    def handle_data(self, data):  # noqa: ANN001
        if "main" in self.stack and not self.SKIP.intersection(self.stack):
            self.text.append(data)
            if "li" in self.stack and self.items:
                self.items[-1].append(data)


def leftovers(outdir: Path, markers: dict[str, re.Pattern[str]], toc: bool) -> list[str]:
    """``page: kind: snippet`` for every marker found in an article's text."""
    found = []
    for page in sorted(outdir.rglob("*.html")):
        if page.name in ("search.html", "genindex.html") or "_static" in page.parts:
            continue
        article = _Article()
        article.feed(page.read_text(encoding="utf-8", errors="replace"))
        text = "".join(article.text)
        where = page.relative_to(outdir)
        for kind, pattern in markers.items():
            for match in pattern.finditer(text):
                snippet = text[max(0, match.start() - 30) : match.end() + 30].replace("\n", "⏎")
                found.append(f"{where}: {kind}: …{snippet}…")
        if toc:
            found += [f"{where}: * TOC list" for item in article.items if "".join(item).strip() in ("TOC", "Table of Contents")]
    return found


@pytest.fixture(scope="module")
def corpora(tmp_path_factory):  # noqa: ANN001, ANN201
    """minimal-mistakes (when ../shared/ is there) and the example site, built zero-config."""
    from sphinx.testing.util import SphinxTestApp

    sites = {}
    sources = {"example": EXAMPLES}
    if (SHARED / "corpora" / "minimal-mistakes").is_dir():
        sources["minimal-mistakes"] = SHARED / "corpora" / "minimal-mistakes"
    for name, source in sources.items():
        site = copy_tree(source, tmp_path_factory.mktemp(name) / "site")
        for built in site.glob("_build"):  # a build of the example made by hand
            shutil.rmtree(built)
        (site / "conf.py").write_text('extensions = ["sphinx_blogposts"]\n', encoding="utf-8")
        app = SphinxTestApp("html", srcdir=site)
        app.build()
        sites[name] = app
    yield sites
    for app in sites.values():
        app.cleanup()


@pytest.mark.parametrize("name", ["minimal-mistakes", "example"])
def test_no_kramdown_syntax_shows_as_text(corpora, name):  # noqa: ANN001
    if name not in corpora:
        pytest.skip("../shared/corpora/minimal-mistakes is absent (the real posts this test reads)")
    app = corpora[name]
    found = leftovers(Path(app.outdir), MARKERS, toc=True)
    assert not found, f"{len(found)} kramdown leftovers in {name}:\n" + "\n".join(found)
    # what kramdown could not apply is reported, never a traceback
    assert not [w for w in warnings_of(app) if "Traceback" in w or "ERROR" in w]


def test_no_kramdown_tables_or_footnotes_show_as_text(corpora):  # noqa: ANN001
    """Item 1's other half (another branch): these sites already show none (MyST's own tables,
    footnotes and definition lists read them); kept so a regression there is listed too."""
    found = [f"{name}/{line}" for name, app in corpora.items() for line in leftovers(Path(app.outdir), OTHER_MARKERS, toc=False)]
    assert not found, f"{len(found)} leftovers:\n" + "\n".join(found)


def test_minimal_mistakes_notices_and_abbreviations_are_applied(corpora):  # noqa: ANN001
    """post-notice: ``{: .notice--info}`` paragraphs; markup-html-tags-and-formatting: ``*[CSS]:``."""
    if "minimal-mistakes" not in corpora:
        pytest.skip("../shared/corpora/minimal-mistakes is absent (the real posts this test reads)")
    pages = {p.parent.name or p.stem: p.read_text(encoding="utf-8") for p in Path(corpora["minimal-mistakes"].outdir).rglob("*.html")}
    notice = next(text for name, text in pages.items() if "post-notice" in name)
    for cls in ("notice", "notice--primary", "notice--info", "notice--warning", "notice--danger", "notice--success"):
        assert re.search(rf'<p class="{cls}"', notice), cls
    markup = next(text for name, text in pages.items() if "markup-html-tags-and-formatting" in name)
    assert '<abbr title="Cascading Style Sheets">CSS</abbr>' in markup
