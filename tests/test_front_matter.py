"""The front-matter reader: formats, line numbers, problems; never raises."""

from __future__ import annotations

import datetime as dt

from hypothesis import given
from hypothesis import strategies as st

from sphinx_blogposts.core.front_matter import read_front_matter
from sphinx_blogposts.reading.source_reader import directive_text


def test_yaml_keeps_types_and_lines():
    fm = read_front_matter("---\ntitle: A\ndate: 2020-01-02\ntags: [a, b]\n---\nBody\n")
    assert fm.format == "yaml"
    assert fm.data == {"title": "A", "date": dt.date(2020, 1, 2), "tags": ["a", "b"]}
    assert fm.key_lines == {"title": 2, "date": 3, "tags": 4}
    assert fm.body == "\nBody\n" and fm.block_lines == 5 - 1
    assert fm.problems == []


def test_toml_and_json():
    toml = read_front_matter('+++\ntitle = "T"\ndate = 2020-01-02\n+++\nBody')
    assert (toml.format, toml.data["title"], toml.key_lines["date"]) == ("toml", "T", 3)
    js = read_front_matter('{\n  "title": "J",\n  "n": {"title": 1}\n}\nBody')
    assert (js.format, js.data, js.key_lines) == ("json", {"title": "J", "n": {"title": 1}}, {"title": 2, "n": 3})


def test_impossible_date_stays_text():
    fm = read_front_matter("---\ntitle: X\ndate: 2020-02-31\n---\n")
    assert fm.data == {"title": "X", "date": "2020-02-31"} and fm.problems == []


def test_invalid_yaml_salvages_good_keys():
    fm = read_front_matter("---\ntitle: Good\nbad: [unclosed\ndate: 2020-01-01\n---\nBody")
    assert fm.data["title"] == "Good" and fm.data["date"] == dt.date(2020, 1, 1)
    (problem,) = fm.problems
    assert problem.message.startswith("invalid YAML front matter")
    assert "kept the keys that could be read: title, date" in problem.message


def test_duplicate_keys_and_non_mappings():
    fm = read_front_matter("---\na: 1\na: 2\n---\n")
    assert fm.data == {"a": 2} and fm.problems[0].line == 3
    assert "list" in read_front_matter("---\n- a\n---\n").problems[0].message
    assert "string" in read_front_matter("---\njust text\n---\n").problems[0].message


def test_no_and_unclosed_front_matter():
    assert not read_front_matter("# Title\n").present
    fm = read_front_matter("---\ntitle: x\n\nbody")
    assert not fm.present and fm.body == "---\ntitle: x\n\nbody" and "never closed" in fm.problems[0].message


@given(st.text())
def test_never_raises_and_keeps_the_body(text):
    fm = read_front_matter(text)
    assert text.endswith(fm.body)
    assert fm.block_lines == text[: len(text) - len(fm.body)].count("\n")
    # the replacement keeps every body line where it was
    if fm.present:
        replaced = directive_text(fm.block_lines) + fm.body
        assert replaced.count("\n") == text.count("\n") + max(0, 2 - fm.block_lines)


# line and paragraph separators (NEL, U+2028...) are line breaks to YAML itself
_TEXT = st.text(st.characters(blacklist_categories=("Cs", "Cc", "Zl", "Zp")))


@given(st.dictionaries(_TEXT.filter(lambda k: k and k.strip() == k and ":" not in k), _TEXT))
def test_yaml_round_trip(mapping):
    import yaml

    text = "---\n" + yaml.safe_dump(mapping, allow_unicode=True) + "---\nbody"
    fm = read_front_matter(text)
    assert fm.data == mapping or fm.problems
