"""The shipped message catalogs are compiled from their .po files."""

from __future__ import annotations

import importlib.util
from pathlib import Path

import pytest

TOOL = Path(__file__).resolve().parent.parent / "tools" / "compile_catalogs.py"


def test_mo_files_match_po_files():
    if not TOOL.exists():
        pytest.skip("tools/ is not part of an installed package")
    spec = importlib.util.spec_from_file_location("compile_catalogs", TOOL)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    pos = sorted(module.LOCALE_DIR.glob("*/LC_MESSAGES/*.po"))
    assert pos, "no catalogs"
    for po in pos:
        assert po.with_suffix(".mo").read_bytes() == module.compiled(po), f"run tools/compile_catalogs.py ({po})"
