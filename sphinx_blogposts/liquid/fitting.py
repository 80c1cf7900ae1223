"""Fitting a rendered construct to the lines its source took: blank runs
collapsed, lines joined (HTML first), never inside a code block."""

from __future__ import annotations

import re

FENCE = re.compile(r"^ {0,3}(`{3,}|~{3,})")


BLANK_RUN = re.compile(r"\n[ \t]*\n([ \t]*\n)+")


def trailing_blanks(text: str) -> int:
    """Blank lines right before a construct that starts its line."""
    lines = text.split("\n")
    if len(lines) < 2 or lines[-1].strip():
        return 0
    count = 0
    for part in reversed(lines[:-1]):
        if part.strip():
            break
        count += 1
    return count if count < len(lines) - 1 else max(0, count - 1)


def after_html(text: str) -> bool:
    """Whether the last line with text is HTML: an HTML block runs until a blank
    line, so the blank line before a code block must stay."""
    for line in reversed(text.split("\n")):
        if line.strip():
            return line.lstrip().startswith("<")
    return False


def leading_blanks(text: str) -> int:
    """Blank lines right after a construct that ends its line."""
    lines = text.split("\n")
    if len(lines) < 2 or lines[0].strip():
        return 0
    count = 0
    for part in lines[1:-1]:
        if part.strip():
            break
        count += 1
    return count


def fenced_lines(lines: list[str]) -> set[int]:
    """Indices of lines that belong to a code fence (never joined)."""
    protected: set[int] = set()
    opener: str | None = None
    for index, text in enumerate(lines):
        m = FENCE.match(text)
        if opener is None:
            if m:
                opener = m.group(1)
                protected.add(index)
            continue
        protected.add(index)
        if m and m.group(1)[0] == opener[0] and len(m.group(1)) >= len(opener) and not text.strip()[len(m.group(1)):]:
            opener = None
    return protected


def collapse_blanks(out: str, excess: int) -> tuple[str, int]:
    """Runs of blank lines become one blank line (outside code blocks)."""
    if "```" in out or "~~~" in out:
        return out, excess

    def shorten(m: re.Match[str]) -> str:
        nonlocal excess
        extra = min(excess, m.group(0).count("\n") - 2)
        excess -= extra
        return "\n" * (m.group(0).count("\n") - extra)

    return BLANK_RUN.sub(shorten, out), excess


def join_lines(out: str, excess: int) -> tuple[str, int]:
    """Join lines until ``excess`` breaks are gone: HTML lines first, then any
    two lines of text, then blank lines; never inside a code block."""
    if excess <= 0:
        return out, excess
    lines = out.split("\n")
    protected = fenced_lines(lines)
    ranked: list[tuple[int, int]] = []
    for i in range(len(lines) - 1):
        if i in protected or i + 1 in protected:
            continue
        a, b = lines[i].strip(), lines[i + 1].strip()
        if a and b:
            rank = 0 if a.endswith(">") or b.startswith("<") else 1
        else:
            rank = 2
        ranked.append((rank, -i))
    chosen = {-i for _, i in sorted(ranked)[:excess]}
    merged: list[str] = []
    for i, text in enumerate(lines):
        if i - 1 in chosen:
            merged[-1] = merged[-1] + " " + text.lstrip() if merged[-1].strip() else text
        else:
            merged.append(text)
    return "\n".join(merged), excess - len(chosen)
