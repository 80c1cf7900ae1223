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
