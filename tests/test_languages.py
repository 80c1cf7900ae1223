"""The pure rules of a site in several languages (core/languages.py, core/i18n.py)
and the shipped catalogs."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from babel.messages.pofile import read_po

from sphinx_blogposts.core.i18n import LOCALE_DIR, SHIPPED, catalog_for, load_translations
from sphinx_blogposts.core.languages import (
    Languages,
    archive_key,
    display_name,
    html_tag,
    language_folders,
    normalize_language,
    translation_key,
)

#: The languages issue 19 asks catalogs for.
REQUIRED = (
    "en", "es", "de", "fr", "pt", "it", "ja", "zh_CN", "zh_TW", "ko", "ru", "uk", "tr", "pl", "id", "vi", "bg",
)  # fmt: skip


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("es", "es"),
        ("EN", "en"),
        ("zh_cn", "zh_CN"),
        ("zh-CN", "zh_CN"),
        ("pt-br", "pt_BR"),
        ("es-419", "es_419"),
        ("sr_Latn", "sr_Latn"),
        ("zh_Hant_HK", "zh_HK"),
        ("images", None),
        ("assets", None),
        ("blog", None),
        ("js", None),
        ("", None),
        (12, None),
        (None, None),
    ],
)
def test_normalize_language(value, expected):
    assert normalize_language(value) == expected


@pytest.mark.parametrize(
    ("folders", "setting", "expected"),
    [
        (["en", "es", "images", "assets"], None, {"en": "en", "es": "es"}),
        # one folder that happens to be a code (Italian notes? an "id" folder?) is not a site in languages
        (["it", "images"], None, {}),
        (["it", "images"], True, {"it": "it"}),
        (["en", "es"], False, {}),
        (["en", "es", "de"], ["de", "pictures"], {"de": "de"}),
        (["zh_cn", "pt-br", "news"], None, {"pt-br": "pt_BR", "zh_cn": "zh_CN"}),
    ],
)
def test_language_folders(folders, setting, expected):
    assert language_folders(folders, setting) == expected


FOLDERS = Languages.of("en", {"en": "en", "es": "es", "zh_cn": "zh_CN"}, (), None)
POLYGLOT = Languages.of("en", {}, ["en", "es", "fr"], "en")


@pytest.mark.parametrize(
    ("languages", "fields", "path", "expected"),
    [
        (FOLDERS, {"lang": "de"}, "es/news/_posts/2024-01-01-x.md", "de"),  # front matter first
        (FOLDERS, {"language": "pt-BR"}, "x.md", "pt_BR"),
        (FOLDERS, {"locale": "fr_FR"}, "x.md", "fr_FR"),
        (FOLDERS, {"lang": "not a language"}, "es/x.md", "es"),  # then the folder
        (FOLDERS, {}, "zh_cn/news/_posts/2024-01-01-x.md", "zh_CN"),
        (FOLDERS, {}, "about.md", "en"),  # then the site's
        (POLYGLOT, {}, "about.md", "en"),  # polyglot: default_lang
        (POLYGLOT, {"lang": "fr"}, "_posts/2024-01-01-x.md", "fr"),
        (Languages.of("es", {}, (), None), {}, "x.md", "es"),
        (Languages.of(None, {}, (), None), {}, "x.md", "en"),
    ],
)
def test_document_language(languages, fields, path, expected):
    assert languages.document_language(fields, path) == expected


@pytest.mark.parametrize(
    ("languages", "path", "collection", "language", "expected"),
    [
        (FOLDERS, "es/news/_posts/2024-01-01-x.md", "posts", "es", "es/news"),
        (FOLDERS, "es/_posts/2024-01-01-x.md", "posts", "es", "es"),
        (FOLDERS, "es/news/_drafts/x.md", "posts", "es", "es/news"),
        (FOLDERS, "_posts/2024-01-01-x.md", "posts", "en", ""),
        (FOLDERS, "es/about.md", None, "es", ""),
        (POLYGLOT, "_posts/2024-01-01-x.md", "posts", "fr", "fr/posts"),
        (POLYGLOT, "_posts/2024-01-01-x.md", "posts", "en", ""),  # the default language: the site's own
        (POLYGLOT, "_notes/x.md", "notes", "es", "es/notes"),
    ],
)
def test_blog_of(languages, path, collection, language, expected):
    assert languages.blog_of(path, collection, language) == expected


def test_the_language_folder_is_not_a_shown_category():
    assert FOLDERS.shown_categories("es/news/_posts/x.md", ["es", "news"]) == ["news"]
    assert FOLDERS.shown_categories("news/_posts/x.md", ["news"]) == ["news"]


@pytest.mark.parametrize(
    ("languages", "fields", "path", "permalink", "expected"),
    [
        (FOLDERS, {}, "es/news/_posts/2024-01-02-release.md", None, "path:news/_posts/release"),
        # a translation published a day later is the same post
        (FOLDERS, {}, "en/news/_posts/2024-01-03-release.md", None, "path:news/_posts/release"),
        (FOLDERS, {}, "es/about.md", None, "path:/about"),
        (FOLDERS, {"ref": "about-us"}, "es/sobre.md", None, "key:about-us"),
        (FOLDERS, {"translation_key": 7}, "x.md", None, "key:7"),
        (FOLDERS, {"lang_ref": "t"}, "x.md", None, "key:t"),
        (FOLDERS, {}, "about.md", None, ""),  # no language folder, no key: no translations
        (POLYGLOT, {}, "es/about.md", "/about/", "url:/about/"),
    ],
)
def test_translation_key(languages, fields, path, permalink, expected):
    assert translation_key(fields, path, languages, permalink) == expected


@pytest.mark.parametrize(
    ("code", "tag", "name"),
    [("es", "es", "Español"), ("de", "de", "Deutsch"), ("zh_CN", "zh-CN", "中文 (简体, 中国)"), ("ja", "ja", "日本語")],
)
def test_html_tag_and_display_name(code, tag, name):
    assert html_tag(code) == tag
    assert display_name(code) == name


def test_archive_key():
    assert archive_key("tag", "") == "tag"
    assert archive_key("tag", "es/news") == "tag@es/news"


@pytest.mark.parametrize(
    ("language", "catalog"),
    [
        ("en", "en"),
        ("en_GB", "en"),
        ("es_MX", "es"),
        ("pt_BR", "pt"),
        ("zh", "zh_CN"),
        ("zh_CN", "zh_CN"),
        ("zh_HK", "zh_TW"),
        ("zh_Hant", "zh_TW"),
        ("sv", None),  # labels in English (one info line per build)
        ("not a code", None),
    ],
)
def test_catalog_for(language, catalog):
    assert catalog_for(language) == catalog


def test_every_required_language_has_a_catalog():
    shipped = sorted(p.name for p in LOCALE_DIR.iterdir() if (p / "LC_MESSAGES" / "sphinx_blogposts.po").is_file())
    assert sorted(SHIPPED) == shipped
    assert set(REQUIRED) <= set(shipped)


def _catalog(path: Path) -> dict[str, str]:
    with path.open("rb") as f:
        return {m.id: m.string for m in read_po(f) if m.id}


def test_every_catalog_translates_every_label_and_keeps_its_placeholders():
    english = _catalog(LOCALE_DIR / "en" / "LC_MESSAGES" / "sphinx_blogposts.po")
    for code in SHIPPED:
        catalog = _catalog(LOCALE_DIR / code / "LC_MESSAGES" / "sphinx_blogposts.po")
        assert set(catalog) == set(english), code
        for msgid, msgstr in catalog.items():
            assert msgstr.strip(), (code, msgid)
            placeholders = sorted(re.findall(r"%\(\w+\)[sd]", msgid))
            assert sorted(re.findall(r"%\(\w+\)[sd]", msgstr)) == placeholders, (code, msgid)


def test_every_label_the_code_emits_is_in_the_catalogs():
    """The msgids of the package's source (``_("...")``, ``gettext("...")``, ``t("...")``
    and the archive titles) are all in the English catalog."""
    english = _catalog(LOCALE_DIR / "en" / "LC_MESSAGES" / "sphinx_blogposts.po")
    package = LOCALE_DIR.parent
    found: set[str] = set()
    for path in package.rglob("*.py"):
        text = path.read_text(encoding="utf-8")
        found |= set(re.findall(r'\b(?:_|gettext|t)\("((?:[^"\\]|\\.)+)"\)', text))
    found = {f.encode().decode("unicode_escape") if "\\u" in f else f for f in found}
    assert found, "no labels found"
    assert found <= set(english), sorted(found - set(english))


@pytest.mark.parametrize(
    ("language", "label", "expected"),
    [("es", "Posted on", "Publicado el"), ("de", "Next post", "Nächster Beitrag"), ("ja", "Tags", "タグ"),
     ("sv", "Posted on", "Posted on")],
)  # fmt: skip
def test_load_translations(language, label, expected):
    assert load_translations(language).gettext(label) == expected


def test_a_lang_that_is_not_a_language_is_reported_and_not_used():
    import datetime as dt

    from sphinx_blogposts.core.post_record import PostSource, build_record

    source = PostSource("es/x", "es/x.md", None)
    record, problems = build_record({"lang": "elvish"}, source, dt.UTC, "page", FOLDERS)
    assert record.language == "es"
    assert [(p.key, p.subtype.value) for p in problems] == [("lang", "field")]
    # ``language:`` often names a programming language: not a problem
    record, problems = build_record({"language": "python"}, source, dt.UTC, "page", FOLDERS)
    assert record.language == "es" and not problems


@pytest.mark.parametrize(("text", "value"), [("0", False), ("true", True), ("es, en", ["es", "en"])])
def test_language_folders_from_the_command_line(text, value):
    from sphinx_blogposts.core.config import _coerce

    assert _coerce("language_folders", text, None) == value
