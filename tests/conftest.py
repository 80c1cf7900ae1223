"""Shared fixtures: Sphinx's testing fixtures, test roots, and ../shared/."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

pytest_plugins = ["sphinx.testing.fixtures"]

ROOTS = Path(__file__).parent / "roots"
SHARED = Path(__file__).resolve().parent.parent.parent / "shared"


@pytest.fixture(scope="session")
def rootdir() -> Path:
    return ROOTS


@pytest.fixture
def shared() -> Path:
    """The read-only ``../shared/`` folder; tests that need it skip without it."""
    if not SHARED.is_dir():
        pytest.skip(f"{SHARED} is absent (it holds the seed post and the real corpora)")
    return SHARED


def copy_tree(src: Path, dst: Path) -> Path:
    """Copy a (possibly read-only) folder into a writable temporary site."""
    shutil.copytree(src, dst, dirs_exist_ok=True)
    for path in [dst, *dst.rglob("*")]:
        path.chmod(path.stat().st_mode | 0o200)
    return dst


def warnings_of(app) -> list[str]:  # noqa: ANN001 - SphinxTestApp
    """The warning lines of a build, without colour codes."""
    from sphinx.util.console import strip_escape_sequences

    text = strip_escape_sequences(app.warning.getvalue())
    return [line for line in text.splitlines() if "WARNING" in line or "ERROR" in line]


@pytest.fixture
def build(make_app, tmp_path):
    """``build("jekyll", buildername="html", **kwargs)``: copy a test root, build it."""

    def _build(root: str, buildername: str = "html", srcdir: Path | None = None, **kwargs):
        if srcdir is None:
            srcdir = copy_tree(ROOTS / f"test-{root}", tmp_path / root)
        app = make_app(buildername, srcdir=srcdir, **kwargs)
        app.build()
        return app

    return _build


def module_site(root: str, tmp_path_factory):  # noqa: ANN001, ANN201 - a fixture body
    """One HTML build of a test root, shared by a module's tests (a generator for fixtures)."""
    from sphinx.testing.util import SphinxTestApp

    src = copy_tree(ROOTS / f"test-{root}", tmp_path_factory.mktemp(root) / "site")
    app = SphinxTestApp("html", srcdir=src)
    try:
        app.build()
        yield app
    finally:
        app.cleanup()


def edit_then_build_fresh(make_app, tmp_path: Path, edit, parallel: int = 1):  # noqa: ANN001, ANN201
    """Build a copy of test-jekyll, ``edit`` it, rebuild incrementally; also build
    the edited sources from scratch.  Returns ``(incremental, fresh)`` apps."""
    site = copy_tree(ROOTS / "test-jekyll", tmp_path / "site")
    make_app("html", srcdir=site, parallel=parallel).build()
    edit(site)
    again = make_app("html", srcdir=site, parallel=parallel)
    again.build()
    fresh_site = tmp_path / "fresh"
    shutil.copytree(site, fresh_site, ignore=shutil.ignore_patterns("_build"))
    fresh = make_app("html", srcdir=fresh_site, freshenv=True)
    fresh.build()
    return again, fresh
