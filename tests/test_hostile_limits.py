"""Hostile input, second round: bounded work, no crash (issue 14, part C).

Each case is a small Jekyll site made in ``tmp_path``: dates at the edge of
the calendar, a YAML alias inside its own anchor, front matter nested
hundreds or thousands of levels deep (YAML, JSON, TOML), a YAML alias bomb,
Liquid includes that fan out ten times per level, 50,000 nested ``<div>``.
``sphinx-build``, ``sphinx-blogposts check`` and ``init`` each run in a
subprocess with a timeout and a 2 GiB address-space limit (a limit, not a
timed assertion): each must end normally, with the located warnings, and the
post must still be built and listed.
"""

from __future__ import annotations

import os
import re
import resource
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import warnings_of
from sphinx.errors import SphinxError

from sphinx_blogposts.core.front_matter import MAX_ALIAS_VALUES, MAX_DEPTH, read_front_matter
from sphinx_blogposts.core.guards import document_guard
from sphinx_blogposts.core.warnings import BlogWarning

TIMEOUT = 120
MEMORY = 2 * 1024**3
WARNING = re.compile(r"^(?P<path>\S+?):(?P<line>\d+): WARNING: (?P<msg>.*) \[blogposts\.(?P<sub>\w+)\]$")
PROBLEM = re.compile(r"^(?P<path>\S+?):(?P<line>\d+): blogposts\.(?P<sub>\w+): (?P<msg>.*)$")


def post_page(out, name: str):  # noqa: ANN001, ANN201 - Paths
    """The page of ``_posts/<name>``: at its Jekyll URL (``/2022/01/01/x.html``, the date style)."""
    year, month, day, slug = name.removesuffix(".md").split("-", 3)
    return out / year / month / day / f"{slug}.html"


def _limit_memory() -> None:
    resource.setrlimit(resource.RLIMIT_AS, (MEMORY, MEMORY))


def _run(*args: str | Path, cwd: Path | None = None) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "NO_COLOR": "1", "COLUMNS": "300"}
    return subprocess.run(
        [sys.executable, *map(str, args)], capture_output=True, text=True, timeout=TIMEOUT,
        preexec_fn=_limit_memory, cwd=cwd, env=env, check=False,
    )


def make_site(root: Path, posts: dict[str, str], includes: dict[str, str] | None = None) -> Path:
    """A Jekyll site: ``_config.yml``, the one-line ``conf.py``, a home page, ``_posts/``."""
    (root / "_posts").mkdir(parents=True)
    (root / "_config.yml").write_text("title: Limits\n", encoding="utf-8")
    (root / "conf.py").write_text('extensions = ["sphinx_blogposts"]\n', encoding="utf-8")
    (root / "index.md").write_text("---\ntitle: Home\n---\n\nHome.\n", encoding="utf-8")
    for name, text in posts.items():
        (root / "_posts" / name).write_text(text, encoding="utf-8")
    if includes:
        (root / "_includes").mkdir()
        for name, text in includes.items():
            (root / "_includes" / name).write_text(text, encoding="utf-8")
    return root


def build(site: Path, *extra: str) -> tuple[list[tuple[str, int, str, str]], Path]:
    """Build ``site`` with sphinx-build in a subprocess; its blogposts warnings and output folder."""
    out = site / "_build" / "html"
    done = _run("-m", "sphinx", "-b", "html", *extra, site, out)
    text = done.stdout + done.stderr
    assert done.returncode == 0, text[-3000:]
    assert "Traceback" not in text and "Exception occurred" not in text, text[-3000:]
    found = []
    for line in text.splitlines():
        m = WARNING.match(line.strip())
        if m:
            found.append((Path(m["path"]).name, int(m["line"]), m["sub"], m["msg"]))
    return found, out


def check(site: Path) -> list[tuple[str, int, str, str]]:
    """``sphinx-blogposts check`` in a subprocess: its problem lines (it never crashes or hangs)."""
    done = _run("-m", "sphinx_blogposts", "check", "--quiet", site)
    text = done.stdout + done.stderr
    assert done.returncode in (0, 1), text[-3000:]
    assert "Traceback" not in text, text[-3000:]
    found = []
    for line in done.stdout.splitlines():
        m = PROBLEM.match(line.strip())
        if m:
            found.append((Path(m["path"]).name, int(m["line"]), m["sub"], m["msg"]))
    return found


def init(site: Path, tmp_path: Path) -> str:
    """``sphinx-blogposts init`` on a copy of ``site`` without its conf.py; its output."""
    copy = tmp_path / "init-copy"
    shutil.copytree(site, copy, ignore=shutil.ignore_patterns("_build", "conf.py"))
    done = _run("-m", "sphinx_blogposts", "init", copy)
    text = done.stdout + done.stderr
    assert done.returncode == 0, text[-3000:]
    assert "Traceback" not in text, text[-3000:]
    assert (copy / "conf.py").is_file()
    return text


def _post(title: str, extra: str, body: str) -> str:
    extra = f"{extra}\n" if extra else ""
    return f"---\ntitle: {title}\n{extra}---\n\n{body}\n"


def _bomb() -> str:
    lines = ["a: &a [lol, lol, lol, lol, lol, lol, lol, lol, lol]"]
    for prev, name in zip("abcdefgh", "bcdefghi"):
        lines.append(f"{name}: &{name} [" + ", ".join([f"*{prev}"] * 9) + "]")
    return "\n".join(lines)


#: name -> (posts, expected (file, line, subtype, words), words of the built page)
CASES = {
    "calendar-edges": (
        {
            "2022-01-01-year-one.md": _post("Year one", "date: 0001-01-01 00:00:00 +01:00", "Body of year one."),
            "2022-01-02-year-max.md": _post("Year max", "date: 9999-12-31 23:59:59 -01:00", "Body of year max."),
        },
        [
            ("2022-01-01-year-one.md", 3, "date", "at the edge of the calendar"),
            ("2022-01-02-year-max.md", 3, "date", "at the edge of the calendar"),
        ],
        "Body of year one.",
    ),
    "self-alias": (
        {"2022-01-01-loop.md": _post("Loop", "loop: &x [*x]\ntags: [kept]", "Body of loop.")},
        [("2022-01-01-loop.md", 3, "front_matter", "'loop' is left out: it contains itself")],
        "Body of loop.",
    ),
    "yaml-deep": (
        {"2022-01-01-deep.md": _post("Deep", "deep: " + "[" * 700 + "]" * 700 + "\ntags: [kept]", "Body of deep.")},
        [("2022-01-01-deep.md", 3, "front_matter", f"'deep' is left out: it is nested more than {MAX_DEPTH}")],
        "Body of deep.",
    ),
    "json-deep": (
        {
            "2022-01-01-deep.md": '{\n"title": "Deep",\n"deep": ' + "[" * 900 + "]" * 900
            + ',\n"tags": ["kept"]\n}\n\nBody of deep.\n'
        },
        [("2022-01-01-deep.md", 3, "front_matter", f"'deep' is left out: it is nested more than {MAX_DEPTH}")],
        "Body of deep.",
    ),
    "toml-deep": (
        {
            "2022-01-01-deep.md": '+++\ntitle = "Deep"\ntags = ["kept"]\ndeep = ' + "[" * 5000 + "]" * 5000
            + "\n" + "a." * 5000 + "b = 1\n+++\n\nBody of deep.\n"
        },
        [
            ("2022-01-01-deep.md", 4, "front_matter", f"'deep' is left out: it is nested more than {MAX_DEPTH}"),
            ("2022-01-01-deep.md", 5, "front_matter", f"'a' is left out: it is nested more than {MAX_DEPTH}"),
        ],
        "Body of deep.",
    ),
    "alias-bomb": (
        {"2022-01-01-bomb.md": _post("Bomb", _bomb() + "\ntags: [kept]", "Body of bomb.")},
        [
            ("2022-01-01-bomb.md", 8, "front_matter", f"'f' is left out: its aliases repeat more than {MAX_ALIAS_VALUES}"),
            ("2022-01-01-bomb.md", 9, "front_matter", "'g' is left out: it refers to a value that is left out"),
            ("2022-01-01-bomb.md", 10, "front_matter", "'h' is left out"),
            ("2022-01-01-bomb.md", 11, "front_matter", "'i' is left out"),
        ],
        "Body of bomb.",
    ),
}


def _assert_warnings(seen: list[tuple[str, int, str, str]], expected: list[tuple[str, int, str, str]]) -> None:
    rest = list(seen)
    for name, line, sub, words in expected:
        hit = next((w for w in rest if w[:3] == (name, line, sub) and words in w[3]), None)
        assert hit, f"missing {name}:{line} blogposts.{sub} {words!r}; seen {seen}"
        rest.remove(hit)
    assert not rest, f"unexpected: {rest}"


@pytest.mark.parametrize("case", list(CASES))
def test_build_check_and_init_end_with_located_warnings(case, tmp_path):
    posts, expected, body = CASES[case]
    site = make_site(tmp_path / "site", posts)
    seen, out = build(site)
    _assert_warnings(seen, expected)
    # every post is built, keeps its body and the keys that were safe, and is listed
    archive = (out / "archive" / "2022.html").read_text(encoding="utf-8")
    for name in posts:
        page = post_page(out, name)
        assert page.is_file(), name
        link = post_page(out, name).relative_to(out).as_posix()  # the archive at /archive/ links ../<URL>
        assert f'href="../{link}"' in archive, f"{name} is not in the 2022 archive"
    assert any(body in post_page(out, n).read_text(encoding="utf-8") for n in posts)
    if case != "calendar-edges":  # the safe keys are kept: the post's tag is in its header
        page = post_page(out, next(iter(posts))).read_text(encoding="utf-8")
        assert ">kept<" in page
    # check sees the same problems, at the same lines, and init lists them
    _assert_warnings(check(site), expected)
    shown = init(site, tmp_path)
    assert f"{expected[0][0]}:{expected[0][1]}: blogposts.{expected[0][2]}" in shown


def test_calendar_edges_keep_the_file_name_date(tmp_path):
    posts, _, _ = CASES["calendar-edges"]
    site = make_site(tmp_path / "site", posts)
    _, out = build(site)
    page = (out / "2022" / "01" / "01" / "year-one.html").read_text(encoding="utf-8")
    assert "2022-01-01" in page  # the header's machine-readable date, from the file name


def test_deep_front_matter_in_a_parallel_build(tmp_path):
    """``-j 2`` pickles each worker's environment back: nothing deep may be in it."""
    posts = {**CASES["yaml-deep"][0], **CASES["json-deep"][0]}
    posts["2022-01-02-deep-json.md"] = posts.pop("2022-01-01-deep.md")  # json's, under its own name
    posts["2022-01-01-deep.md"] = CASES["yaml-deep"][0]["2022-01-01-deep.md"]
    posts.update({f"2022-02-{i:02d}-plain.md": _post(f"Plain {i}", "", "Plain body.") for i in range(1, 9)})
    site = make_site(tmp_path / "site", posts)
    seen, out = build(site, "-j", "2")
    assert sorted((w[0], w[1], w[2]) for w in seen) == [
        ("2022-01-01-deep.md", 3, "front_matter"),
        ("2022-01-02-deep-json.md", 3, "front_matter"),
    ]
    for name in posts:
        assert (post_page(out, name)).is_file(), name


def test_liquid_render_budget(tmp_path):
    """Ten includes per level, ten levels deep: within the depth limit, 10**10 renders."""
    includes = {f"l{n}.html": ("{% include " + f"l{n + 1}.html" + " %}") * 10 for n in range(9)}
    includes["l9.html"] = "leaf"
    loops = "{% for i in (1..30000) %}{% endfor %}"
    posts = {
        "2022-01-01-fan-out.md": _post("Fan out", "", "Before.\n\n{% include l0.html %}\n\nAfter."),
        "2022-01-02-loops.md": _post("Loops", "", f"One.\n\n{loops}\n\nTwo.\n\n{loops}\n\nThree."),
        "2022-01-03-small.md": _post("Small", "", "{% include l8.html %} and {% for i in (1..3) %}{{ i }}{% endfor %}"),
    }
    site = make_site(tmp_path / "site", posts, includes)
    expected = [
        ("2022-01-01-fan-out.md", 7, "liquid", "takes more than 50000 steps"),
        ("2022-01-02-loops.md", 11, "liquid", "takes more than 50000 steps"),
    ]
    seen, out = build(site)
    _assert_warnings(seen, expected)
    fan = (out / "2022" / "01" / "01" / "fan-out.html").read_text(encoding="utf-8")
    assert "Before." in fan and "After." in fan and "{% include l0.html %}" in fan
    loops_page = (out / "2022" / "01" / "02" / "loops.html").read_text(encoding="utf-8")
    assert "Three." in loops_page and "{% for i in (1..30000) %}" in loops_page
    small = (out / "2022" / "01" / "03" / "small.html").read_text(encoding="utf-8")
    assert "leaf" * 10 in small and "123" in small  # a document within the budget renders fully
    _assert_warnings(check(site), expected)
    assert "Other warnings the build will give: 2 (2 liquid)" in init(site, tmp_path)


def test_fifty_thousand_nested_divs(tmp_path):
    """The build keeps the HTML with a warning; check and init say the same instead of crashing."""
    n = 50_000
    posts = {"2022-01-01-divs.md": _post("Divs", "", "Before.\n\n" + "<div>" * n + "x" + "</div>" * n + "\n\nAfter.")}
    site = make_site(tmp_path / "site", posts)
    seen, out = build(site)
    expected = [("2022-01-01-divs.md", 7, "html", "could not convert this HTML")]
    _assert_warnings(seen, expected)
    assert "After." in (out / "2022" / "01" / "01" / "divs.html").read_text(encoding="utf-8")
    _assert_warnings(check(site), expected)
    assert "Other warnings the build will give: 1 (1 html)" in init(site, tmp_path)


# -- the pieces, in process --------------------------------------------------------


def test_safe_keys_are_kept_beside_unsafe_ones():
    fm = read_front_matter(
        "---\ntitle: T\nshared: &s {a: 1}\nuse: [*s, *s]\nloop: &x {me: *x}\nafter: 2\n---\nbody"
    )
    assert fm.data == {"title": "T", "shared": {"a": 1}, "use": [{"a": 1}, {"a": 1}], "after": 2}
    assert [(p.line, p.subtype) for p in fm.problems] == [(5, BlogWarning.FRONT_MATTER)]


@pytest.mark.parametrize(
    "text",
    [
        "---\nok: 1\nd: " + "[" * (MAX_DEPTH + 1) + "]" * (MAX_DEPTH + 1) + "\n---\n",
        '{\n"ok": 1,\n"d": ' + "[" * (MAX_DEPTH + 1) + "]" * (MAX_DEPTH + 1) + "\n}\n",
        "+++\nok = 1\nd = " + "[" * (MAX_DEPTH + 1) + "]" * (MAX_DEPTH + 1) + "\n+++\n",
    ],
    ids=["yaml", "json", "toml"],
)
def test_the_depth_limit_is_exact(text):
    over = read_front_matter(text)
    assert over.data == {"ok": 1}
    assert [(p.line, "nested more than" in p.message) for p in over.problems] == [(3, True)]
    at = read_front_matter(text.replace("[", "", 1).replace("]", "", 1))
    assert "d" in at.data and not at.problems


def test_brackets_in_strings_and_comments_are_not_nesting():
    many = "[" * (MAX_DEPTH + 5)
    fm = read_front_matter(f'+++\ntitle = "{many}" # {many}\ntext = \'{many}\'\n+++\n')
    assert fm.data == {"title": many, "text": many} and not fm.problems
    fm = read_front_matter(f'{{\n"title": "{many}\\" {many}"\n}}\n')
    assert fm.data == {"title": f'{many}" {many}'} and not fm.problems


def test_the_guard_passes_strict_errors_on_and_stops_the_rest():
    with pytest.raises(SphinxError):
        with document_guard(("doc", 1), "a step", BlogWarning.DIRECTIVE, "nothing happens"):
            raise SphinxError("strict mode")
    with document_guard(("doc", 1), "a step", BlogWarning.DIRECTIVE, "nothing happens"):
        raise RecursionError("too deep")  # reported, not raised


def test_an_unexpected_failure_in_the_directive_is_a_warning(make_app, tmp_path, monkeypatch):
    import sphinx_blogposts.reading.directive as directive

    def broken(*args, **kwargs):
        raise RuntimeError("boom")

    monkeypatch.setattr(directive, "build_record", broken)
    site = make_site(tmp_path / "site", {"2022-01-01-one.md": _post("One", "", "Body of one.")})
    app = make_app("html", srcdir=site)
    app.build()
    lines = [w for w in warnings_of(app) if "blogposts.directive" in w and "2022-01-01-one.md:1:" in w]
    assert len(lines) == 1 and "the post directive failed (RuntimeError: boom)" in lines[0]
    assert "Body of one." in (app.outdir / "2022" / "01" / "01" / "one.html").read_text(encoding="utf-8")


def test_a_documents_liquid_output_is_bounded_in_all(make_app, tmp_path):
    """Each construct may write up to the stream limit; so may the whole document, not more."""
    body = (
        '{% assign x = "0123456789" %}{% for i in (1..20) %}{% assign x = x | append: x %}{% endfor %}'
        "\n\n{{ x }}\n\n{{ x }}\n\nEnd."
    )
    site = make_site(tmp_path / "site", {"2022-01-01-out.md": _post("Out", "", body)})
    app = make_app("html", srcdir=site)
    app.build()
    lines = [w for w in warnings_of(app) if "blogposts.liquid" in w]
    assert len(lines) == 1 and "2022-01-01-out.md:9:" in lines[0] and "'{{ x }}' is kept as written" in lines[0]
    page = (app.outdir / "2022" / "01" / "01" / "out.html").read_text(encoding="utf-8")
    assert "End." in page and "{{ x }}" in page


def test_without_libyaml_deep_yaml_is_refused_too(tmp_path):
    """PyYAML's pure-Python composer recurses once per level: it stops at the limit."""
    code = (
        "import yaml\n"
        "del yaml.CSafeLoader\n"
        "from sphinx_blogposts.core.front_matter import read_front_matter\n"
        "for n in (60, 5000):\n"
        "    fm = read_front_matter('---\\ntitle: T\\ndeep: ' + '[' * n + ']' * n + '\\nafter: 1\\n---\\n')\n"
        "    assert fm.data == {'title': 'T', 'after': 1}, fm.data\n"
        "    assert [p.line for p in fm.problems] == [3], fm.problems\n"
        "    assert 'nested more than' in fm.problems[0].message\n"
        "fm = read_front_matter('---\\nloop: &x [*x]\\nafter: 1\\n---\\n')\n"
        "assert fm.data == {'after': 1} and fm.problems[0].line == 2\n"
        "print('ok')\n"
    )
    done = _run("-c", code)
    assert done.returncode == 0 and done.stdout.strip() == "ok", done.stderr[-2000:]
