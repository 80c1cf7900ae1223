"""The ``sphinx-blogposts`` command line: init, new, check."""

from __future__ import annotations

import datetime as dt
import re
import subprocess
import sys
from pathlib import Path

import pytest
import yaml
from click.testing import CliRunner
from conftest import ROOTS, copy_tree

from sphinx_blogposts.cli.commands import main
from sphinx_blogposts.cli.scaffold import REQUIREMENTS_FILE
from sphinx_blogposts.core.slugs import file_slug as slugify


def run(*args: str):
    return CliRunner().invoke(main, [str(a) for a in args], catch_exceptions=False)


def liquid_renders() -> bool:
    """Whether this installation renders Liquid (python-liquid and the liquid module)."""
    try:
        from sphinx_blogposts.liquid.modes import liquid_available
    except ImportError:
        return False
    return liquid_available()


@pytest.fixture
def jekyll_site(tmp_path: Path) -> Path:
    """A copy of test-jekyll without its conf.py, plus a post with raw HTML and Liquid."""
    site = copy_tree(ROOTS / "test-jekyll", tmp_path / "site")
    (site / "conf.py").unlink()
    (site / "images").mkdir()
    (site / "images" / "a.png").write_bytes(b"\x89PNG\r\n\x1a\n")
    (site / "_posts" / "2021-06-01-html.md").write_text(
        "---\ntitle: HTML\n---\n\n"
        '<figure>\n  <img src="/images/a.png" alt="a">\n\n  <figcaption>A.</figcaption>\n</figure>\n\n'
        'Text with an inline <img src="/images/a.png" alt="b"> image.\n\n'
        '<div><img src="/images/a.png"> and words</div>\n\n'
        "{% include note.html %}\n\n{% highlight python %}\nx = 1\n{% endhighlight %}\n\n"
        "```\n{% include in-code.html %} <img src=x>\n```\n\nSite: {{ site.title }}.\n",
        encoding="utf-8",
    )
    return site


def test_help_through_python_m() -> None:
    result = subprocess.run(
        [sys.executable, "-m", "sphinx_blogposts", "--help"],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    for command in ("init", "new", "check"):
        assert command in result.stdout


def test_init_writes_the_files_and_reports_the_site(jekyll_site: Path) -> None:
    posts_before = {p: p.read_bytes() for p in jekyll_site.rglob("*.md")}
    result = run("init", jekyll_site)
    assert result.exit_code == 0, result.output
    out = result.output
    # the same rules as the build: draft, future, published: false, undated, not output
    assert re.search(
        r"^  posts\s+6   \(left out: 1 dated in the future, 1 draft, 1 no date in file name, "
        r"1 published: false\)$",
        out,
        re.MULTILINE,
    ), out
    assert re.search(r"^  notes\s+3$", out, re.MULTILINE), out
    assert re.search(
        r"^  hidden\s+0   \(left out: 1 collection not output\)$", out, re.MULTILINE
    ), out
    assert "Pages: 2 (Markdown files without front matter are not pages: 1)" in out
    # one figure (split by a blank line) and two of three <img> become native
    assert "1 <figure>, 3 <img>: 1 figure(s) and 2 image(s) become native nodes" in out
    # Liquid outside code: an include of a missing file, highlight, one output tag
    if liquid_renders():
        assert "3 construct(s) in 1 file(s): 2 rendered with python-liquid" in out
        assert "({% highlight %} ×1, {{ }} ×1)" in out
        assert "1 not rendered (unknown tags and missing includes, shown as written): " in out
        assert "{% include %} of a missing file ×1" in out
    else:
        assert "3 construct(s) in 1 file(s), not rendered: python-liquid is not installed" in out
    assert "Front-matter problems: 2" in out
    assert "_posts/2020-1-5-short-date.md:1: blogposts.title: this post has no title" in out
    assert "_posts/no-date-in-name.md:1: blogposts.date:" in out
    if liquid_renders():  # the two missing includes, found by rendering as the build does
        assert "Other warnings the build will give: 3 (1 html, 2 liquid)" in out
    else:
        assert "Other warnings the build will give: 1 (1 html)" in out
    assert f"Next: sphinx-build -b html {jekyll_site} {jekyll_site}/_build/html" in out
    # the files
    assert (jekyll_site / "conf.py").read_text().count('extensions = ["sphinx_blogposts"]') == 1
    rtd = yaml.safe_load((jekyll_site / ".readthedocs.yaml").read_text())
    assert rtd["version"] == 2
    assert rtd["build"] == {"os": "ubuntu-24.04", "tools": {"python": "3.12"}}
    assert rtd["sphinx"] == {"configuration": "conf.py"}
    assert rtd["python"] == {"install": [{"requirements": REQUIREMENTS_FILE}]}
    assert "sphinx_blogposts" in (jekyll_site / REQUIREMENTS_FILE).read_text()
    # no post was touched
    assert {p: p.read_bytes() for p in jekyll_site.rglob("*.md")} == posts_before


def test_init_dry_run_writes_nothing(jekyll_site: Path) -> None:
    result = run("init", "--dry-run", jekyll_site)
    assert result.exit_code == 0, result.output
    assert "Dry run: nothing written" in result.output
    assert not (jekyll_site / "conf.py").exists()
    assert not (jekyll_site / ".readthedocs.yaml").exists()


def test_init_refuses_to_overwrite_unless_forced(jekyll_site: Path) -> None:
    (jekyll_site / ".readthedocs.yaml").write_text("version: 2\n# mine\n")
    result = run("init", jekyll_site)
    assert result.exit_code == 1
    assert ".readthedocs.yaml already exist(s)" in result.stderr and "--force" in result.stderr
    assert (jekyll_site / ".readthedocs.yaml").read_text() == "version: 2\n# mine\n"
    assert not (jekyll_site / "conf.py").exists()  # all or nothing
    forced = run("init", "--force", jekyll_site)
    assert forced.exit_code == 0, forced.output
    assert "Overwrote" in forced.output
    assert "# mine" not in (jekyll_site / ".readthedocs.yaml").read_text()
    assert (jekyll_site / "conf.py").is_file()


def test_init_and_build_minimal_mistakes(shared: Path, tmp_path: Path) -> None:
    from sphinx.cmd.build import build_main

    site = copy_tree(shared / "corpora" / "minimal-mistakes", tmp_path / "mm")
    result = run("init", site)
    assert result.exit_code == 0, result.output
    out = result.output
    assert re.search(r"^  posts\s+69   \(left out: 1 dated in the future\)$", out, re.MULTILINE), (
        out
    )
    assert "Pages: 0 (Markdown files without front matter are not pages: 1)" in out  # SOURCE.md
    assert "9 <figure>, 10 <img>: 7 figure(s) and 6 image(s) become native nodes" in out
    assert "18 construct(s) in 8 file(s)" in out
    if liquid_renders():  # gallery and toc are theme includes the build maps itself
        assert "18 rendered with python-liquid ({% include %} ×7," in out
        assert "not rendered" not in out
    assert "Front-matter problems: 1" in out
    assert "2009-09-05-edge-case-no-yaml-title.md:1: blogposts.title" in out
    out_dir = tmp_path / "html"
    assert build_main(["-b", "html", str(site), str(out_dir), "-q"]) == 0
    # every post at its Jekyll URL (the corpus's /:categories/:title/): 69 pages of posts
    built = [p for p in out_dir.rglob("index.html") if "http-equiv" not in p.read_text(encoding="utf-8")[:3000]]
    assert len([p for p in built if "blogposts-post-header" in p.read_text(encoding="utf-8")]) >= 69
    assert not (out_dir / "9999" / "12" / "31" / "edge-case-future-post.html").exists()


def test_new_post_with_date_and_time_zone(jekyll_site: Path) -> None:
    result = run("new", "--site", jekyll_site, "--date", "2024-05-01 09:30", "Café & Crème: ¡Hola!")
    assert result.exit_code == 0, result.output
    path = jekyll_site / "_posts" / "2024-05-01-café-crème-hola.md"
    assert result.output.strip() == str(path)
    text = path.read_text(encoding="utf-8")
    assert text.startswith("---\n") and text.endswith("---\n\n")
    data = yaml.safe_load(text.split("---\n")[1])
    assert data["title"] == "Café & Crème: ¡Hola!"
    assert data["tags"] == []
    # Europe/Madrid (from _config.yml) in May is +02:00
    assert data["date"] == dt.datetime(2024, 5, 1, 7, 30, tzinfo=dt.UTC)
    assert "date: 2024-05-01 09:30:00 +02:00\n" in text
    again = run("new", "--site", jekyll_site, "--date", "2024-05-01 10:00", "Café & Crème: ¡Hola!")
    assert again.exit_code == 1
    assert "already exists" in again.output
    assert path.read_text(encoding="utf-8") == text


def test_new_post_today_in_a_collection(jekyll_site: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(jekyll_site)
    result = run("new", "--collection", "notes", "Lab three")
    assert result.exit_code == 0, result.output
    path = jekyll_site / "_notes" / "lab-three.md"
    assert result.output.strip() == "_notes/lab-three.md"
    data = yaml.safe_load(path.read_text(encoding="utf-8").split("---\n")[1])
    assert data["collection"] == "notes"
    today = dt.datetime.now(dt.UTC).astimezone(data["date"].tzinfo).date()
    assert data["date"].date() == today
    unknown = run("new", "--collection", "recipes", "Soup")
    assert unknown.exit_code == 1
    assert "no collection 'recipes'" in unknown.output


def test_jekyll_slugify() -> None:
    assert slugify("Hello, World!") == "hello-world"
    assert slugify("  Sobre mí: ¿por qué?  ") == "sobre-mí-por-qué"
    assert slugify("Cafe\u0301") == "café"  # combining accent kept with its letter
    assert slugify("日本語 の 投稿") == "日本語-の-投稿"
    assert slugify("!!!") == ""


EXPECTED_BAD = [
    "_posts/2020-01-01-invalid-yaml.md:5: blogposts.front_matter: invalid YAML front matter",
    "_posts/2020-01-02-year-only.md:3: blogposts.date: '2023' is not a date",
    "_posts/2020-01-03-no-such-day.md:3: blogposts.date: '2020-02-31' is not a valid date",
    "_posts/2020-01-04-untitled.md:1: blogposts.title: this post has no title; using 'Untitled'",
    "_posts/2020-01-05-list-title.md:2: blogposts.title: title should be text, not list",
    "_posts/2020-01-06-duplicate-keys.md:4: blogposts.duplicate_key: front matter key 'title' appears more than once",
    "_posts/2020-01-09-list-front-matter.md:1: blogposts.front_matter: front matter is a list",
    "_posts/2020-01-10-unterminated.md:1: blogposts.front_matter: the file starts with '---' but the front matter is never closed",
    "_posts/2020-01-11-bad-tags.md:3: blogposts.field: tags should be text or a list of names",
    "_posts/2020-01-12-toml-broken.md:3: blogposts.front_matter: invalid TOML front matter",
    "_posts/2020-01-13-latin1.md:2: blogposts.encoding: this file is not valid UTF-8",
]


def test_check_finds_the_problems_of_test_bad(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    site = copy_tree(ROOTS / "test-bad", tmp_path / "bad")
    monkeypatch.chdir(tmp_path)
    result = run("check", "bad")
    assert result.exit_code == 1
    lines = [line for line in result.output.splitlines() if ": blogposts." in line]
    assert len(lines) == len(EXPECTED_BAD), result.output
    for line, expected in zip(lines, EXPECTED_BAD, strict=True):
        assert line.startswith("bad/" + expected), (line, expected)
    assert (
        "11 problem(s) in 11 file(s): 2 date, 1 duplicate_key, 1 encoding, 1 field, 4 front_matter, 2 title."
        in (result.output)
    )
    assert "Read 13 source(s) (13 post(s)) of 13 found." in result.output
    quiet = run("check", "--quiet", site)
    assert quiet.exit_code == 1
    assert quiet.output.splitlines() == [f"{site}/{line.removeprefix('bad/')}" for line in lines]


def test_check_agrees_with_the_build(build) -> None:
    """Every blogposts warning of a real build of test-bad is a line of ``check``."""
    from conftest import warnings_of

    app = build("bad")
    result = run("check", "-q", app.srcdir)
    warned = set()
    for warning in warnings_of(app):
        m = re.match(r"^(\S+?):(\d+): WARNING: (.*) \[(blogposts\.\w+)\]$", warning)
        assert m, warning
        warned.add(f"{Path(m[1]).name}:{m[2]}: {m[4]}: {m[3]}")
    checked = {re.sub(r"^.*/", "", line) for line in result.output.splitlines()}
    assert checked == warned


def test_check_passes_a_clean_site(tmp_path: Path) -> None:
    site = tmp_path / "clean"
    (site / "_posts").mkdir(parents=True)
    (site / "_config.yml").write_text("title: Clean\n")
    (site / "_posts" / "2020-01-01-fine.md").write_text(
        "---\ntitle: Fine\ntags: [a]\n---\n\nHello.\n"
    )
    result = run("check", site)
    assert result.exit_code == 0, result.output
    assert "No problems found." in result.output
    assert "Read 1 source(s) (1 post(s)) of 1 found." in result.output
    assert run("check", "-q", site).output == ""


def test_check_reports_settings_problems(tmp_path: Path) -> None:
    site = tmp_path / "conf"
    (site / "_posts").mkdir(parents=True)
    (site / "_config.yml").write_text("title: C\nwords_per_minute: fast\n")
    (site / "conf.py").write_text(
        'extensions = ["sphinx_blogposts"]\nblogposts_paginate = "many"\n'
    )
    (site / "_posts" / "2020-01-01-fine.md").write_text("---\ntitle: Fine\n---\n\nHello.\n")
    result = run("check", "-q", site)
    assert result.exit_code == 1
    assert result.output.splitlines() == [
        (
            f"{site}/_config.yml:2: blogposts.config: blogposts_words_per_minute should be int, "
            "not str ('fast'); using the default 200"
        ),
        (
            f"{site}/conf.py:2: blogposts.config: blogposts_paginate should be int, not str ('many'); "
            "using the default 10"
        ),
    ]
    (site / "conf.py").write_text('raise RuntimeError("boom")\n')
    broken = run("check", "-q", site)
    assert (
        f"{site}/conf.py:1: blogposts.config: conf.py cannot be read: RuntimeError: boom"
        in broken.output
    )


def test_check_on_the_hostile_corpus_says_only_what_the_build_says(tmp_path: Path) -> None:
    """Each line ``check`` prints for the hostile corpus is one of the build's own
    warnings (tests/test_hostile.py), and it never reads the link to /etc/passwd."""
    from test_hostile import EXPECTED, add_generated_posts

    if not Path("/etc/passwd").exists() or not Path("/etc/hostname").exists():
        pytest.skip("the symbolic links of the hostile corpus point at /etc/hostname and /etc/passwd")
    site = copy_tree(ROOTS / "test-hostile", tmp_path / "hostile")
    add_generated_posts(site)
    result = run("check", "-q", site)
    assert result.exit_code == 1
    expected = {(name, line, sub) for name, line, sub, _ in EXPECTED}
    seen = set()
    for line in result.output.splitlines():
        m = re.match(r"^\S+/([^/]+):(\d+): blogposts\.(\w+): ", line)
        assert m, line
        seen.add((m[1], int(m[2]), m[3]))
    assert seen <= expected, seen - expected
    assert ("2022-01-10-nul.md", 5, "encoding") in seen
    assert ("2022-02-08-symlinked-post.md", 1, "link") in seen
    assert "root:" not in result.output


def test_new_follows_jekyll_compose_default_front_matter(tmp_path: Path) -> None:
    """``jekyll_compose: default_front_matter:`` in _config.yml is the template of ``new``."""
    site = tmp_path / "compose"
    (site / "_posts").mkdir(parents=True)
    (site / "_config.yml").write_text(
        "title: C\ntimezone: UTC\njekyll_compose:\n  default_front_matter:\n"
        "    posts:\n      description:\n      tags: [draft-notes]\n      comments: true\n"
    )
    result = run("new", "--site", site, "--date", "2024-05-01 10:00:00", "A composed post")
    assert result.exit_code == 0, result.output
    text = (site / "_posts" / "2024-05-01-a-composed-post.md").read_text()
    assert text == (
        "---\ntitle: A composed post\ndate: 2024-05-01 10:00:00 +00:00\ndescription:\n"
        "tags:\n- draft-notes\ncomments: true\n---\n\n"
    )


def test_check_reports_the_builds_liquid_problems(build) -> None:
    """``check`` renders Liquid as the build does: the same blogposts.liquid lines."""
    if not liquid_renders():
        pytest.skip("python-liquid is not installed")
    app = build("liquid")
    from conftest import warnings_of

    built = set()
    for warning in warnings_of(app):
        m = re.match(r"^(\S+?):(\d+): WARNING: (.*) \[blogposts\.liquid\]$", warning)
        if m:
            built.add((Path(m[1]).name, int(m[2]), m[3]))
    result = run("check", "-q", app.srcdir)
    checked = set()
    for line in result.output.splitlines():
        m = re.match(r"^\S+/([^/]+):(\d+): blogposts\.liquid: (.*)$", line)
        if m:
            checked.add((m[1], int(m[2]), m[3]))
    assert len(built) == 11 and checked == built
