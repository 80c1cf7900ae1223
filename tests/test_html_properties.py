"""Property tests: the HTML converter never raises, keeps the text, emits no script URL."""

from __future__ import annotations

import html
from pathlib import Path

from docutils import nodes
from hypothesis import given
from hypothesis import strategies as st

from sphinx_blogposts.html.convert import DROPPED_TAGS, Converter
from sphinx_blogposts.html.fragments import Element, parse_fragment, serialize
from sphinx_blogposts.core.urls import SiteAddress, is_unsafe

WORDS = st.text(st.characters(whitelist_categories=("L", "N")), min_size=1, max_size=8)
URLS = st.sampled_from(
    ["/images/a.png", "", "/images/", "javascript:alert(1)", " JAVA\tSCRIPT:x", "../../etc/passwd",
     "https://example.org/x.png", "data:text/html,x", "#top", "/files/x.pdf", "{{ site.url }}/a.png"]
)  # fmt: skip
TAGS = st.sampled_from(["figure", "figcaption", "img", "a", "em", "strong", "code", "br", "p", "div",
                        "center", "span", "script", "sup"])  # fmt: skip


@st.composite
def fragments(draw, depth: int = 0) -> tuple[str, list[str]]:
    """Random HTML (sometimes unclosed or with stray end tags) and its visible words."""
    parts: list[str] = []
    words: list[str] = []
    for _ in range(draw(st.integers(0, 4))):
        kind = draw(st.sampled_from(["text", "tag", "tag", "stray"]))
        if kind == "text":
            word = draw(WORDS)
            parts.append(html.escape(word) + " ")
            words.append(word)
        elif kind == "stray":
            parts.append(f"</{draw(TAGS)}>")
        else:
            tag = draw(TAGS)
            attrs = ""
            if tag in ("img", "a"):
                attrs = f' {"src" if tag == "img" else "href"}="{html.escape(draw(URLS))}"'
                if draw(st.booleans()):
                    attrs += ' onerror="alert(1)"'
            if tag == "img" or tag == "br":
                parts.append(f"<{tag}{attrs}>")
                continue
            inner, inner_words = draw(fragments(depth + 1)) if depth < 3 else ("", [])
            close = draw(st.booleans()) or tag == "script"
            parts.append(f"<{tag}{attrs}>{inner}" + (f"</{tag}> " if close else " "))
            if tag not in DROPPED_TAGS:
                words.extend(inner_words)
    return "".join(parts), words


def _converter(tmp: Path, problems: list) -> Converter:
    return Converter(
        srcdir=tmp, docname="post", site=SiteAddress(), report=lambda *a: problems.append(a)
    )


def _check(tree: nodes.Node, words: list[str]) -> None:
    text = " ".join(tree.astext().split())
    for word in words:
        assert word in text, (word, text)
    for node in tree.findall(nodes.Element):
        for attr in ("refuri", "uri"):
            value = node.get(attr)
            assert not (value and is_unsafe(value)), (attr, value)


@given(fragments())
def test_inline_conversion_never_raises_and_keeps_words(tmp_path_factory, data):
    source, words = data
    problems: list = []
    fragment = parse_fragment(source)
    # figures become figure nodes; everything else is converted as inline text
    root = nodes.paragraph()
    converter = _converter(tmp_path_factory.getbasetemp(), problems)
    for child in fragment.children:
        if isinstance(child, Element) and child.tag == "figure":
            root += converter.figure(child)
        else:
            root.extend(converter.inline([child]))
    for child in fragment.children:
        if isinstance(child, Element) and child.tag in DROPPED_TAGS:
            # a dropped top-level element's words are not expected
            words = [w for w in words if w not in child.text()]
    _check(root, [w for w in words if w in fragment_text(fragment)])


def fragment_text(fragment) -> str:
    out = []
    for child in fragment.children:
        if isinstance(child, str):
            out.append(child)
        elif isinstance(child, Element) and child.tag not in DROPPED_TAGS:
            out.append(_visible(child))
    return " ".join(" ".join(out).split())


def _visible(el: Element) -> str:
    return " ".join(
        c if isinstance(c, str) else _visible(c)
        for c in el.children
        if isinstance(c, str) or (isinstance(c, Element) and c.tag not in DROPPED_TAGS)
    )


@given(st.text(max_size=300))
def test_parser_and_serializer_never_raise(text):
    fragment = parse_fragment(text)
    for element in fragment.elements():
        out = serialize(element)
        assert "onerror" not in out.lower() or "onerror" in html.escape(out)
        assert "<script" not in out and "<style" not in out
