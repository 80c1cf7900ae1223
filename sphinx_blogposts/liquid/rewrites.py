"""Jekyll markup MyST cannot parse, rewritten in the source before it does.

1. Liquid that only spells the site's own address in a link or image target —
   ``![x]({{ site.url }}{{ site.baseurl }}/x.jpg)``, ``src="{{ base_path }}/x"``,
   ``{{ "/x" | relative_url }}`` — becomes the root-absolute path, which
   :mod:`.core.urls` resolves to the file (MyST cannot read a target with spaces).
2. Theme includes that mean a figure or a video:
``{% include figure image_path=... alt=... caption=... %}`` (minimal-mistakes),
``{% include figure.liquid path=... %}`` (al-folio) and
``{% include video id=... provider=youtube %}`` are rewritten, at
``source-read``, into one line of HTML — the same line, so numbering is kept —
which :mod:`.html.figures` then turns into native nodes like any other
``<figure>``.  Includes inside code blocks and ``{% raw %}`` are left alone;
an include whose values are Liquid variables is left for Liquid rendering.
"""

from __future__ import annotations

import html
import re
import shlex
from collections.abc import Callable

from ..core.inline_markdown import markdown_inline_html
from ..core.post_names import PostNameError, find_post
from ..core.urls import SITE_URL_LIQUID, expand_liquid_urls, is_image_path

_FIGURE_INCLUDES = frozenset(("figure", "figure.html", "figure.liquid"))
_VIDEO_INCLUDES = frozenset(("video", "video.html", "video.liquid"))
_GALLERY_INCLUDES = frozenset(("gallery", "gallery.html", "gallery.liquid"))
_TOC_INCLUDES = frozenset(("toc", "toc.html", "toc.liquid"))
#: Every include name :func:`theme_include` stands for (no ``_includes/`` file needed).
THEME_INCLUDES = _FIGURE_INCLUDES | _VIDEO_INCLUDES | _GALLERY_INCLUDES | _TOC_INCLUDES


def rewrite_source(
    text: str, post_files: dict[str, str] | None = None, report: Callable[[str, int], None] | None = None
) -> str:
    """Rewrite site-URL Liquid in targets, theme includes, ``{% post_url %}`` and
    ``{% link %}`` (line count unchanged).  ``report(message, line)`` is told of a
    ``post_url`` that names no post."""
    if "{%" not in text and "{{" not in text:
        return text
    lines = text.split("\n")
    fence: str | None = None
    raw = False
    for index, line in enumerate(lines):
        stripped = line.strip()
        if fence is None and stripped.startswith(("```", "~~~")):
            fence = stripped[:3]
            continue
        if fence is not None:
            if stripped.startswith(fence):
                fence = None
            continue
        if "{% raw" in stripped or "{%- raw" in stripped:
            raw = "endraw" not in stripped.split("raw", 1)[1]
            continue
        if raw:
            raw = "endraw" not in stripped
            continue
        if stripped.startswith("{%") and stripped.endswith("%}"):
            replacement = include_html(stripped)
            if replacement is not None:
                indent = line[: len(line) - len(line.lstrip())]
                lines[index] = indent + replacement
                continue
        if "{{" in line:
            line = lines[index] = expand_targets(line)
        if "post_url" in line or "{% link" in line or "{%- link" in line:
            lines[index] = _link_tags(line, post_files or {}, lambda m: report and report(m, index + 1))
    return "\n".join(lines)


_LINK_TAG = re.compile(r"\{%-?\s*(post_url|link)\s+([^\s%]+)\s*-?%\}")


def _link_tags(line: str, post_files: dict[str, str], report: Callable[[str], None]) -> str:
    """``{% post_url 2010-07-21-name %}`` and ``{% link _posts/x.md %}`` as the source's path."""
    parts = line.split("`")

    def replace(match: re.Match[str]) -> str:
        kind, name = match.group(1), match.group(2).strip("\"'")
        if kind == "link":
            return "/" + name.lstrip("/")
        try:
            path = find_post(name, post_files)
        except PostNameError as exc:
            report(f"{{% post_url {name} %}}: {exc}; it is kept as written")
            return match.group(0)
        if path is None:
            report(f"{{% post_url {name} %}} names no published post; it is kept as written")
            return match.group(0)
        return "/" + path

    for i in range(0, len(parts), 2):  # not inside inline code
        parts[i] = _LINK_TAG.sub(replace, parts[i])
    return "`".join(parts)


def expand_targets(line: str) -> str:
    """Site-URL Liquid right at the start of a link target or attribute value.

    Inline code spans (between backticks) are left alone.
    """
    parts = line.split("`")
    for i in range(0, len(parts), 2):
        parts[i] = _expand_segment(parts[i])
    return "`".join(parts)


def _expand_segment(text: str) -> str:
    out: list[str] = []
    pos = 0
    chained = False
    for match in SITE_URL_LIQUID.finditer(text):
        before = text[pos : match.start()]
        context = (out[-1] if out and not before else "") + before
        if (chained and not before) or context.rstrip().endswith(("(", '"', "'", "=", ":", "<")):
            out.append(before)
            out.append(expand_liquid_urls(match.group(0)))
            chained = True
        else:
            out.append(before + match.group(0))
            chained = False
        pos = match.end()
    out.append(text[pos:])
    return "".join(out)


def parse_include(tag: str) -> tuple[str, dict[str, str]] | None:
    """``{% include name key="value" ... %}`` as (name, params); None if not that."""
    inner = tag[2:-2].strip().strip("-").strip()
    try:
        tokens = shlex.split(inner)
    except ValueError:
        return None
    if len(tokens) < 2 or tokens[0] != "include":
        return None
    params: dict[str, str] = {}
    for token in tokens[2:]:
        key, sep, value = token.partition("=")
        if not sep or not key:
            return None
        params[key] = value
    return tokens[1], params


def include_html(tag: str) -> str | None:
    """One line of HTML for a figure or video include, or None to leave it."""
    parsed = parse_include(tag)
    if parsed is None:
        return None
    name, params = parsed
    if any("{{" in v or "{%" in v for v in params.values()):
        return None
    if name in _FIGURE_INCLUDES:
        return _figure(params)
    if name in _VIDEO_INCLUDES:
        return _video(params)
    return None


def theme_include(name: str, params: dict[str, object], page: dict[str, object] | None = None) -> str | None:
    """What a well-known theme include stands for, once Liquid has evaluated its
    values: one line of HTML for ``figure``/``video``/``gallery``, a MyST
    ``contents`` directive for ``toc``; None when ``name`` is none of them (or its
    values do not fit), so the site's own ``_includes/`` file is used.

    Raises ValueError (with a message for a warning) for a gallery with no images.
    """
    text = {k: "" if v is None else str(v) for k, v in params.items() if not isinstance(v, (list, dict))}
    if name in _FIGURE_INCLUDES:
        return _figure(text)
    if name in _VIDEO_INCLUDES:
        return _video(text)
    if name in _GALLERY_INCLUDES:
        return _gallery(text, page or {})
    if name in _TOC_INCLUDES:
        title = text.get("title") or "On this page"
        return f"```{{contents}} {title}\n:local:\n```"
    return None


def _gallery(params: dict[str, str], page: dict[str, object]) -> str:
    """minimal-mistakes' gallery: the front-matter list ``page[id]`` (default
    ``gallery``) of ``{url, image_path, alt, title}`` as one ``<figure>``."""
    key = params.get("id") or "gallery"
    items = page.get(key)
    if not isinstance(items, list) or not any(isinstance(i, dict) and i.get("image_path") for i in items):
        raise ValueError(f"the gallery include found no images in the front matter list {key!r}")
    images = [i for i in items if isinstance(i, dict) and i.get("image_path")]
    layout = params.get("layout") or ("half" if len(images) == 2 else "third" if len(images) >= 3 else "")
    parts = []
    for item in images:
        src = str(item["image_path"])
        if "://" not in src and not src.startswith("/"):
            src = "/" + src
        img = "<img" + _attr("src", src) + _attr("alt", str(item.get("alt") or "")) + " />"
        if item.get("url"):
            title = _attr("title", str(item["title"])) if item.get("title") else ""
            img = f"<a{_attr('href', str(item['url']))}{title}>{img}</a>"
        parts.append(img)
    caption = params.get("caption")
    caption_html = f"<figcaption>{markdown_inline_html(caption)}</figcaption>" if caption else ""
    classes = " ".join(c for c in ("gallery", layout, params.get("class", "")) if c)
    return f"<figure{_attr('class', classes)}>{''.join(parts)}{caption_html}</figure>"


def _attr(name: str, value: str) -> str:
    return f' {name}="{html.escape(value, quote=True)}"'


def _figure(params: dict[str, str]) -> str | None:
    src = params.get("image_path") or params.get("path")
    if src is None or ("/" not in src and not is_image_path(src)):
        return None  # a Liquid variable, not a path
    if "://" not in src and not src.startswith("/"):
        src = "/" + src  # theme includes take paths from the site root (relative_url)
    img = "<img" + _attr("src", src) + _attr("alt", params.get("alt", params.get("title", "")))
    for key in ("width", "height"):
        if params.get(key):
            img += _attr(key, params[key])
    img += " />"
    link = params.get("url") or params.get("href")
    if link:
        img = f"<a{_attr('href', link)}>{img}</a>"
    caption = params.get("caption")
    caption_html = f"<figcaption>{markdown_inline_html(caption)}</figcaption>" if caption else ""
    classes = params.get("class", "")
    return f"<figure{_attr('class', classes) if classes else ''}>{img}{caption_html}</figure>"


def _video(params: dict[str, str]) -> str | None:
    provider = params.get("provider", "").lower()
    video_id = params.get("id", "")
    if provider == "youtube" and video_id:
        src = f"https://www.youtube-nocookie.com/embed/{video_id}"
    elif provider == "vimeo" and video_id:
        src = f"https://player.vimeo.com/video/{video_id}?dnt=true"
    elif params.get("path"):
        controls = " controls" if params.get("controls", "true") != "false" else ""
        return f"<video{_attr('src', params['path'])}{controls}></video>"
    else:
        return None
    return (
        f'<iframe{_attr("src", src)} title="{html.escape(provider.title())} video" '
        'frameborder="0" allowfullscreen loading="lazy"></iframe>'
    )

