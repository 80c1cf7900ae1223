"""``init`` and ``check`` say what a Jekyll site becomes: its ``.html``/Liquid pages,
its menu, its static files, its Ruby plugins, the URLs that cannot be kept; and
``init``'s requirements file names where the extension can be installed from."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner
from conftest import ROOTS, copy_tree

from sphinx_blogposts.cli import commands
from sphinx_blogposts.cli.commands import main
from sphinx_blogposts.cli.scaffold import PLACEHOLDER, REQUIREMENTS_FILE, requirements_for

VCS_INSTALL = json.dumps(
    {
        "url": "https://codeberg.example.net/ana/sphinx_blogposts.git",
        "vcs_info": {"vcs": "git", "commit_id": "0123456789abcdef0123456789abcdef01234567"},
    }
)
LOCAL_INSTALL = json.dumps({"url": "file:///home/ana/src/sphinx_blogposts", "dir_info": {"editable": True}})


def run(*args: str):
    return CliRunner().invoke(main, [str(a) for a in args], catch_exceptions=False)


def test_requirements_for_a_vcs_install_pin_the_commit() -> None:
    made = requirements_for(VCS_INSTALL)
    lines = [line for line in made.text.splitlines() if line and not line.startswith("#")]
    assert lines == [
        "sphinx_blogposts @ git+https://codeberg.example.net/ana/sphinx_blogposts.git"
        "@0123456789abcdef0123456789abcdef01234567"
    ]
    assert made.instruction is None
    assert "[liquid]" not in made.text  # python-liquid is a dependency


@pytest.mark.parametrize("record", [LOCAL_INSTALL, None, "not json"])
def test_requirements_for_a_local_install_is_a_placeholder(record: str | None) -> None:
    made = requirements_for(record)
    lines = [line for line in made.text.splitlines() if line and not line.startswith("#")]
    assert lines == [PLACEHOLDER]
    assert made.instruction is not None and REQUIREMENTS_FILE in made.instruction
    if record == LOCAL_INSTALL:
        assert "file:///home/ana/src/sphinx_blogposts" in made.text
        assert "installed from a folder or file" not in made.instruction  # says where from
        assert "file:///home/ana/src/sphinx_blogposts" in made.instruction


def _site(tmp_path: Path) -> Path:
    site = copy_tree(ROOTS / "test-academic", tmp_path / "site")
    (site / "conf.py").unlink()
    return site


def test_init_writes_the_vcs_requirement(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    site = _site(tmp_path)
    monkeypatch.setattr(commands, "installed_from", lambda: VCS_INSTALL)
    result = run("init", site)
    assert result.exit_code == 0, result.output
    text = (site / REQUIREMENTS_FILE).read_text()
    assert "sphinx_blogposts @ git+https://codeberg.example.net/ana/sphinx_blogposts.git@0123456" in text
    assert "Before Read the Docs can build" not in result.output


def test_init_says_to_edit_the_requirement_of_a_local_install(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    site = _site(tmp_path)
    monkeypatch.setattr(commands, "installed_from", lambda: LOCAL_INSTALL)
    result = run("init", site)
    assert result.exit_code == 0, result.output
    assert PLACEHOLDER in (site / REQUIREMENTS_FILE).read_text()
    assert f"Before Read the Docs can build: Edit {REQUIREMENTS_FILE}" in result.output


def test_readme_quick_start_is_what_ci_runs() -> None:
    """The README's two commands: the first installs the extension alone (Liquid comes
    with it), the second is exactly what ``.ci/run`` runs."""
    root = Path(__file__).parent.parent
    readme = (root / "README.md").read_text(encoding="utf-8")
    first = (
        'python3 -m venv .venv && .venv/bin/pip install -e . && .venv/bin/sphinx-build -b html '
        'examples examples/_build/html && echo "Open examples/_build/html/index.html"'
    )
    second = 'python3 -m venv .venv && .venv/bin/pip install -e ".[test]" && .venv/bin/python -m pytest'
    assert first in readme and second in readme
    assert second in (root / ".ci" / "run").read_text(encoding="utf-8").splitlines()
    assert "sphinx_blogposts[liquid]" not in readme  # no release on an index to install from


ARCHIVE_GENERATOR = """\
# Jekyll made one archive page per year of posts.
module Cuaderno
  class ArchivePage < Jekyll::Page
    def initialize(site, base, dir, year)
      @site, @base, @dir = site, base, dir
    end
  end

  class ArchiveGenerator < Jekyll::Generator
    safe true
    def generate(site)
      site.posts.docs.group_by { |p| p.date.year }.each do |year, _|
        site.pages << ArchivePage.new(site, site.source, "archive/#{year}", year)
      end
    end
  end

  module Shout
    def shout(input)
      input.upcase
    end
  end
end

Liquid::Template.register_filter(Cuaderno::Shout)
"""

#: What init and check say about test-academic (with the plugin above).
ACADEMIC_CHANGES = [
    "Liquid and listing pages (.html and other files Jekyll renders, listings): 3",
    "  _pages/ai.html: a listing page at /ai/ with a native list of the collection 'ai'",
    "  _pages/teaching.html: a listing page at /teaching/ with a native list of the collection 'teaching'",
    "  _pages/year-archive.html: a listing page at /year-archive/ with a native list of the posts",
    "Menu (_data/navigation.yml, main:): 6 entr(y/ies)",
    "  Inteligencia artificial /ai/: the page _pages/ai.html",
    "  Docencia /teaching/: the page _pages/teaching.html",
    "  Archivo /year-archive/: the page _pages/year-archive.html",
    "  Instalación /docs/install/: the page _pages/docs/install.md",
    "  CV /files/cv.pdf: the static file files/cv.pdf",
    "  Código https://codeberg.example.net/ana: another site",
    "Static files copied as they are, to the same paths: 7",
    "Ruby plugins (_plugins/): 1; Ruby cannot run in this build, so what each made is not made",
    "  _plugins/archive_generator.rb: generator ArchiveGenerator; generated pages (ArchivePage); "
    "Liquid filter(s) Cuaderno::Shout (shout)",
    "URLs that cannot be kept (claimed twice, refused): 0",
]


@pytest.fixture
def academic(tmp_path: Path) -> Path:
    """A copy of test-academic with a Ruby plugin that generated archive pages."""
    site = copy_tree(ROOTS / "test-academic", tmp_path / "academic")
    (site / "_plugins").mkdir()
    (site / "_plugins" / "archive_generator.rb").write_text(ARCHIVE_GENERATOR, encoding="utf-8")
    return site


def _in_order(out: str, expected: list[str]) -> None:
    lines = out.splitlines()
    at = 0
    for want in expected:
        assert want in lines[at:], (want, out)
        at = lines.index(want, at) + 1


def test_check_says_what_the_site_becomes(academic: Path) -> None:
    result = run("check", academic)
    assert result.exit_code == 0, result.output
    _in_order(result.output, ACADEMIC_CHANGES)
    assert run("check", "-q", academic).output == ""  # quiet: problem lines only


def test_init_says_what_the_site_becomes(academic: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (academic / "conf.py").unlink()
    monkeypatch.setattr(commands, "installed_from", lambda: VCS_INSTALL)
    result = run("init", academic)
    assert result.exit_code == 0, result.output
    _in_order(result.output, ACADEMIC_CHANGES)


def test_urls_that_cannot_be_kept(academic: Path) -> None:
    """A URL claimed by two files (both named; the first by path keeps it), a permalink
    that leaves the site, a menu entry that leads nowhere, a file linked out of the site."""
    pages = academic / "_pages"
    (pages / "ai-copia.html").write_text("---\ntitle: Copia\npermalink: /ai/\n---\n<p>x</p>\n", encoding="utf-8")
    (pages / "fuera.html").write_text("---\ntitle: Fuera\npermalink: /../../fuera/\n---\n<p>x</p>\n", encoding="utf-8")
    (academic / "feed-extra.xml").write_text("---\n---\n<feed>{{ site.title }}</feed>\n", encoding="utf-8")
    menu = academic / "_data" / "navigation.yml"
    menu.write_text(menu.read_text(encoding="utf-8") + '  - title: "Charlas"\n    url: /talks/\n', encoding="utf-8")
    outside = academic.parent / "secret.txt"
    outside.write_text("secret\n", encoding="utf-8")
    (academic / "secret.txt").symlink_to(outside)
    result = run("check", academic)
    assert result.exit_code == 1, result.output
    out = result.output
    shown = str(academic)
    assert (
        f"{shown}/_pages/ai.html:1: blogposts.permalink: the old URL '/ai/' is claimed by "
        "_pages/ai-copia.html too; that one keeps it"
    ) in out
    assert f"{shown}/_pages/fuera.html:3: blogposts.permalink: '/../../fuera/' leaves" in out
    assert (
        f"{shown}/_data/navigation.yml:15: blogposts.link: the menu entry 'Charlas' points at /talks/, "
        "which is no page or file of this site"
    ) in out
    assert "URLs that cannot be kept (claimed twice, refused): 2" in out
    assert "  feed-extra.xml: rendered with Liquid and written at /feed-extra.xml" in out
    assert "  _pages/ai-copia.html: a page at /ai/" in out
    assert "  not copied: secret.txt, a symbolic link out of the site" in out
    assert "Static files copied as they are, to the same paths: 7" in out
    assert "secret" not in (academic / "_build").as_posix()  # nothing built, nothing read out
