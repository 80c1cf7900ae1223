"""Smart quotes as kramdown makes them, in place of markdown-it's.

markdown-it pairs quotes like a stack; kramdown decides each quote from the
characters around it (its ``SQ_RULES``, SmartyPants' rules): ``'80s`` and
``Thomas'`` are apostrophes, a quote after ``</em>`` closes, a quote before
``_x_`` or ``**x**`` opens.  Each quote of a text token is decided from the
character before it in the same text (kramdown's scanner sees no further
back) and the source after it, with the markup of the tokens that follow
(``*``, ``__``, ``\\[``), as kramdown sees the source.  The four quote
characters are kramdown's ``smart_quotes`` option (``lsquo,rsquo,ldquo,rdquo``
by default, from ``_config.yml``'s ``kramdown:``).  Quotes inside an attribute
list (``{:target="_blank"}``) stay as written.  Only on when MyST's
``smartquotes`` extension is (it is, in a Jekyll site).
"""

from __future__ import annotations

import html.entities
import re

from markdown_it import MarkdownIt
from markdown_it.rules_core import StateCore
from markdown_it.token import Token

from .feature import Feature
from .feature import KRAMDOWN_OPTIONS
from .typography import IAL_SPAN

PUNCT = r"""[!"#$%'()*+,\-./:;<=>?@\[\\\]^_`{|}~]"""
CLOSE = r"[^ \\\t\r\n\[{(-]"
#: kramdown's SQ_RULES in order: a pattern tried at the scan position, and what the
#: match becomes: ("g", n) group n as it is, ("q", n, "open"|"close") group n's quote
#: made an opening or closing one, ("c", name) that quote character.
Part = tuple
RULES: list[tuple[re.Pattern[str], list[Part]]] = [
    (re.compile(r"""("|')(?=[_*]{1,2}\S)"""), [("q", 1, "open")]),
    (re.compile(rf"""("|')(?={PUNCT}(?!\.\.)\B)"""), [("q", 1, "close")]),
    (re.compile(r"""(\s?)"'(?=\w)"""), [("g", 1), ("c", "ldquo"), ("c", "lsquo")]),
    (re.compile(r"""(\s?)'"(?=\w)"""), [("g", 1), ("c", "lsquo"), ("c", "ldquo")]),
    (re.compile(r"""(\s?)'(?=\d\ds)"""), [("g", 1), ("c", "rsquo")]),
    (re.compile(r"""(\s)('|")(?=\w)"""), [("g", 1), ("q", 2, "open")]),
    (re.compile(rf"""({CLOSE})('|")"""), [("g", 1), ("q", 2, "close")]),
    (re.compile(r"""("|')(?=\s|s\b|$)"""), [("q", 1, "close")]),
    (re.compile(r"""(.?)'""", re.S), [("g", 1), ("c", "lsquo")]),
    (re.compile(r'(.?)"', re.S), [("g", 1), ("c", "ldquo")]),
]
DEFAULT_QUOTES = ("\u2018", "\u2019", "\u201c", "\u201d")


def quote_chars(option: object) -> tuple[str, str, str, str]:
    """kramdown's ``smart_quotes`` option (entity names or numbers) as four characters."""
    if not isinstance(option, str):
        return DEFAULT_QUOTES
    names = [n.strip() for n in option.split(",")]
    if len(names) != 4:
        return DEFAULT_QUOTES
    chars = []
    for name in names:
        if name.isdigit():
            chars.append(chr(int(name)))
        elif name in html.entities.name2codepoint:
            chars.append(chr(html.entities.name2codepoint[name]))
        else:
            return DEFAULT_QUOTES
    return chars[0], chars[1], chars[2], chars[3]


def _source(token: Token) -> str:
    """What kramdown's scanner sees of a token that follows a quote."""
    if token.type == "text":
        return token.content
    if token.type == "text_special":
        return token.markup or token.content
    if token.type == "code_inline":
        return token.markup + token.content + token.markup
    if token.type in ("softbreak", "hardbreak"):
        return "\n"
    if token.type == "link_open":
        return "["
    if token.type == "link_close":
        return "]"
    if token.type == "html_inline":
        return token.content
    return token.markup or ""


def decide(text: str, following: str, quotes: tuple[str, str, str, str]) -> str:
    """``text`` (one text token) with its quotes made typographic; ``following`` is the
    source after it (lookahead only)."""
    lsquo, rsquo, ldquo, rdquo = quotes
    named = {"lsquo": lsquo, "rsquo": rsquo, "ldquo": ldquo, "rdquo": rdquo}
    out: list[str] = []
    consumed = 0
    index = 0
    protected = [(m.start(), m.end()) for m in IAL_SPAN.finditer(text)]
    while index < len(text):
        char = text[index]
        if char not in "'\"" or any(a <= index < b for a, b in protected):
            index += 1
            continue
        start = index - 1 if index - 1 >= consumed and text[index - 1] != "\\" else index
        subject = text[start:] + following
        for pattern, parts in RULES:
            m = pattern.match(subject)
            if m is None or m.end() > len(text) - start:
                continue
            out.append(text[consumed:start])
            for part in parts:
                if part[0] == "g":
                    out.append(m.group(part[1]))
                elif part[0] == "c":
                    out.append(named[part[1]])
                else:
                    single = m.group(part[1]) == "'"
                    opening = part[2] == "open"
                    out.append((lsquo if opening else rsquo) if single else (ldquo if opening else rdquo))
            consumed = index = start + m.end()
            break
        else:
            index += 1
    out.append(text[consumed:])
    return "".join(out)


def _rule(state: StateCore) -> None:
    options = state.env.get(KRAMDOWN_OPTIONS) if isinstance(state.env, dict) else None
    quotes = quote_chars((options or {}).get("smart_quotes"))
    for token in state.tokens:
        if token.type != "inline" or not token.children:
            continue
        children = token.children
        for position, child in enumerate(children):
            if child.type == "text" and ("'" in child.content or '"' in child.content):
                following = "".join(_source(t) for t in children[position + 1 :])
                child.content = decide(child.content, following, quotes)


def smart_quotes_plugin(md: MarkdownIt) -> None:
    """kramdown's smart quotes where markdown-it's would run (only when those are on)."""
    rules: list[str] = md.core.ruler.get_active_rules()
    if "smartquotes" in rules:
        md.core.ruler.at("smartquotes", _rule)


SMART_QUOTES = Feature("smart_quotes", smart_quotes_plugin)
