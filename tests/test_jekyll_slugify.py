"""Jekyll's ``Utils.slugify`` and the ``slugify`` filter, case by case from Jekyll's
own tests (``test/test_utils.rb``, ``test/test_filters.rb``): input -> expected.

:func:`sphinx_blogposts.core.slugs.jekyll_slugify` is the one slug rule: the
filter and the permalinks' ``:title``/``:slug``/``:name`` all call it.
"""

from __future__ import annotations

import pytest

from sphinx_blogposts.core.permalinks import PermalinkInput, fill
from sphinx_blogposts.core.slugs import default_slug, jekyll_slugify, pretty_slug, transliterate_latin

U = "test_utils: Utils.slugify: "
F = "test_filters: slugify filter: "

#: (text, mode, cased, expected), each with the name of the Jekyll test it comes from.
CASES = [
    pytest.param(None, None, False, None, id=U + "return nil if passed nil"),
    pytest.param("Working with drafts", None, False, "working-with-drafts", id=U + "replace whitespace with hyphens"),
    pytest.param("Basic   Usage", None, False, "basic-usage", id=U + "replace consecutive whitespace with a single hyphen"),
    pytest.param("  Working with drafts   ", None, False, "working-with-drafts", id=U + "trim leading and trailing whitespace"),
    pytest.param("So what is Jekyll, exactly?", None, False, "so-what-is-jekyll-exactly", id=U + "drop trailing punctuation"),
    pytest.param("كيف حالك؟", None, False, "كيف-حالك", id=U + "drop trailing punctuation (Arabic)"),
    pytest.param("Pre-releases", None, False, "pre-releases", id=U + "ignore hyphens"),
    pytest.param("The _config.yml file", None, False, "the-config-yml-file", id=U + "replace underscores with hyphens"),
    pytest.param("Customizing Git - Git Hooks", None, False, "customizing-git-git-hooks", id=U + "combine adjacent hyphens and spaces"),
    pytest.param("5時〜6時 三・一四", None, False, "5時-6時-三-一四", id=U + "replace punctuation in any scripts by hyphens"),
    pytest.param("மல்லிப்பூ வகைகள்", None, False, "மல்லிப்பூ-வகைகள்", id=U + "not replace Unicode Mark, Letter or Decimal Digit characters"),
    pytest.param("மல்லிப்பூ வகைகள்", "pretty", False, "மல்லிப்பூ-வகைகள்", id=U + "not replace Unicode Mark, Letter or Decimal Digit characters (pretty)"),
    pytest.param("The _config.yml file?", "default", False, "the-config-yml-file", id=U + "not change behaviour if mode is default"),
    pytest.param("The _config.yml file?", None, False, "the-config-yml-file", id=U + "not change behaviour if mode is nil"),
    pytest.param("The _config.yml file?", "pretty", False, "the-_config.yml-file", id=U + "not replace period and underscore if mode is pretty"),
    pytest.param("The _config.yml file?", "ascii", False, "the-config-yml-file", id=U + "replace everything else but ASCII characters"),
    pytest.param("fürtive glance!!!!", "ascii", False, "f-rtive-glance", id=U + "replace everything else but ASCII characters (ü)"),
    pytest.param("The _config.yml file?", "latin", False, "the-config-yml-file", id=U + "map accented latin characters to ASCII characters"),
    pytest.param("fürtive glance!!!!", "latin", False, "furtive-glance", id=U + "map accented latin characters to ASCII characters (ü)"),
    pytest.param("àáçèéíïòóúü", "latin", False, "aaceeiioouu", id=U + "map accented latin characters to ASCII characters (all)"),
    pytest.param("Aあわれ鬱господинZ", "latin", False, "a-z", id=U + "map accented latin characters to ASCII characters (other scripts)"),
    pytest.param("The _config.yml file?", "raw", False, "the-_config.yml-file?", id=U + "only replace whitespace if mode is raw"),
    pytest.param("The _config.yml file?", "none", False, "the _config.yml file?", id=U + "return the given string if mode is none"),
    pytest.param("Working with drafts", None, True, "Working-with-drafts", id=U + "Keep all uppercase letters if cased is true (1)"),
    pytest.param("Basic   Usage", None, True, "Basic-Usage", id=U + "Keep all uppercase letters if cased is true (2)"),
    pytest.param("  Working with drafts   ", None, True, "Working-with-drafts", id=U + "Keep all uppercase letters if cased is true (3)"),
    pytest.param("So what is Jekyll, exactly?", None, True, "So-what-is-Jekyll-exactly", id=U + "Keep all uppercase letters if cased is true (4)"),
    pytest.param("Pre-releases", None, True, "Pre-releases", id=U + "Keep all uppercase letters if cased is true (5)"),
    pytest.param("The _config.yml file", None, True, "The-config-yml-file", id=U + "Keep all uppercase letters if cased is true (6)"),
    pytest.param("Customizing Git - Git Hooks", None, True, "Customizing-Git-Git-Hooks", id=U + "Keep all uppercase letters if cased is true (7)"),
    pytest.param("The _config.yml file?", "default", True, "The-config-yml-file", id=U + "Keep all uppercase letters if cased is true (8)"),
    pytest.param("The _config.yml file?", None, True, "The-config-yml-file", id=U + "Keep all uppercase letters if cased is true (9)"),
    pytest.param("The _config.yml file?", "pretty", True, "The-_config.yml-file", id=U + "Keep all uppercase letters if cased is true (10)"),
    pytest.param("The _config.yml file?", "raw", True, "The-_config.yml-file?", id=U + "Keep all uppercase letters if cased is true (11)"),
    pytest.param("The _config.yml file?", "none", True, "The _config.yml file?", id=U + "Keep all uppercase letters if cased is true (12)"),
    pytest.param("💎", None, False, "", id=U + "records a warning in the log if the returned slug is empty"),
    pytest.param(" Q*bert says @!#?@!", None, False, "q-bert-says", id=F + "return a slugified string"),
    pytest.param(" Q*bert says @!#?@!", "pretty", False, "q-bert-says-@!-@!", id=F + "return a slugified string with mode"),
    # the examples of Utils.slugify's own documentation
    pytest.param("The _config.yml file", "pretty", False, "the-_config.yml-file", id="utils.rb doc: pretty"),
    pytest.param("The _config.yml file", "ascii", False, "the-config-yml-file", id="utils.rb doc: ascii"),
    pytest.param("The _config.yml file", "latin", False, "the-config-yml-file", id="utils.rb doc: latin"),
    # an unknown mode is "none"; Ruby's \s is ASCII only, so raw keeps a no-break space
    pytest.param("Mixed Case", "nonsense", False, "mixed case", id="utils.rb: an unknown mode returns the text, lowercased"),
    pytest.param("a\u00a0b c", "raw", False, "a\u00a0b-c", id="utils.rb: raw replaces only ASCII whitespace"),
    pytest.param("-x-", None, False, "x", id="utils.rb: one hyphen dropped at each end"),
    pytest.param("e\u0301t\u00e9", None, False, "e\u0301t\u00e9", id="utils.rb: a combining mark stays with its letter"),
]  # fmt: skip


@pytest.mark.parametrize(("text", "mode", "cased", "expected"), CASES)
def test_slugify_as_jekyll(text, mode, cased, expected):
    assert jekyll_slugify(text, mode, cased) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Æsir Þór Łódź Œuvre ß", "AEsir Thor Lodz OEuvre ss"),
        ("ŉ ĸ ı Ŀ ŧ", "'n k i L t"),
        ("÷ ſ ạ ё", "? ? ? ?"),  # outside I18n's table: "?"
        ("plain ASCII ~!", "plain ASCII ~!"),
    ],
    ids=["i18n table: ligatures and strokes", "i18n table: odd ones", "i18n: not in the table", "i18n: ASCII kept"],
)
def test_latin_transliteration_is_i18n_default_table(text, expected):
    assert transliterate_latin(text) == expected


def test_permalink_placeholders_use_the_same_rule():
    """``:title`` is ``slugify(pretty, cased)``, ``:slug`` and ``:name`` ``slugify`` (Jekyll's UrlDrop)."""
    info = PermalinkInput(
        collection="posts", path="_posts/2020-01-01-The _config.yml file.md",
        collection_path="2020-01-01-The _config.yml file", slug="The _config.yml file", categories=(), date=None,
    )
    assert fill("/:title/:slug/", info) == "/The-_config.yml-file/the-config-yml-file/"
    assert pretty_slug("The _config.yml file") == "The-_config.yml-file"
    assert default_slug("The _config.yml file") == "the-config-yml-file"
