"""The shipped message catalogs carry every translation of their .po files.

The comparison is on messages, not bytes: a compiled catalog's header names
the Babel version that wrote it, so byte equality would hold for one Babel
release only.
"""

from __future__ import annotations

from pathlib import Path

from babel.messages.mofile import read_mo
from babel.messages.pofile import read_po

LOCALE_DIR = Path(__file__).resolve().parent.parent / "sphinx_blogposts" / "locale"


def _translations(catalog) -> dict:
    """Message id -> translation, for the messages a .mo file keeps."""
    return {
        message.id: message.string
        for message in catalog
        if message.id and message.string and not message.fuzzy
    }


def test_every_po_file_has_a_compiled_catalog():
    pos = sorted(LOCALE_DIR.glob("*/LC_MESSAGES/*.po"))
    assert pos, "no catalogs"
    for po in pos:
        assert po.with_suffix(".mo").is_file(), f"run tools/compile_catalogs.py ({po})"


def test_mo_files_translate_as_their_po_files():
    for po in sorted(LOCALE_DIR.glob("*/LC_MESSAGES/*.po")):
        with po.open("rb") as f:
            source = _translations(read_po(f))
        with po.with_suffix(".mo").open("rb") as f:
            shipped = _translations(read_mo(f))
        assert source, f"{po} translates nothing"
        assert shipped == source, f"run tools/compile_catalogs.py ({po})"


def test_the_check_sees_a_stale_catalog(tmp_path):
    """A .mo missing one translation of its .po is told apart."""
    from babel.messages.catalog import Catalog
    from babel.messages.mofile import write_mo

    po = next(LOCALE_DIR.glob("*/LC_MESSAGES/*.po"))
    with po.open("rb") as f:
        catalog = read_po(f)
    source = _translations(catalog)
    first = next(iter(source))
    stale = Catalog(locale=catalog.locale)
    for msgid, msgstr in source.items():
        if msgid != first:
            stale.add(msgid, msgstr)
    path = tmp_path / "stale.mo"
    with path.open("wb") as f:
        write_mo(f, stale)
    with path.open("rb") as f:
        assert _translations(read_mo(f)) != source
