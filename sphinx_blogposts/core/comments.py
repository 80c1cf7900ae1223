"""Comments on posts from the theme's ``comments:`` settings: giscus, utterances, disqus.

minimal-mistakes' (and most themes') keys: ``comments.provider`` names the
service, ``comments.<provider>`` holds its keys, and the site's
``repository:`` is the GitHub repository of giscus and utterances.  What a
provider needs is checked once per build (:func:`comments_setup`); a post
shows the comments unless its ``comments:`` (own, or from ``defaults:``) is
false.
"""

from __future__ import annotations

import html
import json
from dataclasses import dataclass, field
from typing import Any

#: The providers the extension writes, and the keys each one needs.
REQUIRED: dict[str, tuple[str, ...]] = {
    "giscus": ("repository", "repo_id", "category_name", "category_id"),
    "utterances": ("repository",),
    "disqus": ("shortname",),
}

#: Values of ``provider`` that mean "no comments" (minimal-mistakes writes ``"false"``).
_OFF = ("", "false", "none", "no", "off")


@dataclass(frozen=True)
class CommentsSetup:
    """A provider and its keys (text), ready to write on every post."""

    provider: str
    keys: dict[str, str] = field(default_factory=dict)


def _text(value: Any) -> str:
    if isinstance(value, bool) or value is None:
        return "1" if value is True else "0" if value is False else ""
    return str(value).strip() if isinstance(value, (str, int, float)) else ""


def comments_setup(comments: Any, repository: str) -> tuple[CommentsSetup | None, str | None]:
    """The comments of this site, and what is wrong with the setting (or ``None``).

    Nothing (and no problem) when comments are not configured or the provider is
    ``false``; a provider the extension does not write, or one missing a key it
    needs, gives no comments and a problem to report."""
    if not isinstance(comments, dict):
        return None, None  # comments: false / unset
    provider = comments.get("provider")
    if (
        provider is None
        or provider is False
        or (isinstance(provider, str) and provider.strip().lower() in _OFF)
    ):
        return None, None
    name = _text(provider).lower()
    if name not in REQUIRED:
        known = ", ".join(REQUIRED)
        return (
            None,
            f"comments: provider {name[:80]!r} is not one the extension writes ({known}); no comments",
        )
    own = comments.get(name) if isinstance(comments.get(name), dict) else {}
    keys = {str(k): _text(v) for k, v in own.items() if _text(v)}
    if repository.strip():
        keys["repository"] = repository.strip()
    missing = [k for k in REQUIRED[name] if not keys.get(k)]
    if missing:
        where = ", ".join(k if k == "repository" else f"comments.{name}.{k}" for k in missing)
        return None, f"comments: provider {name} needs {where}; no comments are written"
    return CommentsSetup(name, keys), None


def wants_comments(meta: dict[str, Any]) -> bool:
    """A post's own choice: on unless its ``comments:`` is false (``false``, ``"false"``, ``0``)."""
    value = meta.get("comments", True)
    if isinstance(value, str):
        return value.strip().lower() not in ("false", "no", "off", "0")
    return value is None or bool(value)


def _attributes(pairs: list[tuple[str, str]]) -> str:
    return "".join(f' {name}="{html.escape(value, quote=True)}"' for name, value in pairs if value)


def _script_text(value: str) -> str:
    """A JavaScript string literal that cannot end its ``<script>``."""
    return json.dumps(value).replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")


def comments_html(setup: CommentsSetup, page_url: str, identifier: str, language: str) -> str:
    """The provider's embed for one post, as its documentation gives it.

    ``page_url`` is the post's canonical URL (``""`` when unknown), ``identifier``
    its path in the site (Disqus' thread id), ``language`` its language."""
    keys = setup.keys
    if setup.provider == "giscus":
        embed = "<script" + _attributes([
            ("src", "https://giscus.app/client.js"),
            ("data-repo", keys["repository"].lower()),
            ("data-repo-id", keys["repo_id"]),
            ("data-category", keys["category_name"]),
            ("data-category-id", keys["category_id"]),
            ("data-mapping", keys.get("discussion_term") or "pathname"),
            ("data-strict", keys.get("strict") or "0"),
            ("data-reactions-enabled", keys.get("reactions_enabled") or "1"),
            ("data-emit-metadata", keys.get("emit_metadata") or "0"),
            ("data-input-position", keys.get("input_position") or "bottom"),
            ("data-theme", keys.get("theme") or "light"),
            ("data-lang", keys.get("lang") or language.split("_")[0] or "en"),
            ("data-loading", keys.get("loading") or ""),
            ("crossorigin", "anonymous"),
        ]) + " async></script>"  # fmt: skip
    elif setup.provider == "utterances":
        embed = "<script" + _attributes([
            ("src", "https://utteranc.es/client.js"),
            ("repo", keys["repository"]),
            ("issue-term", keys.get("issue_term") or "pathname"),
            ("label", keys.get("label") or ""),
            ("theme", keys.get("theme") or "github-light"),
            ("crossorigin", "anonymous"),
        ]) + " async></script>"  # fmt: skip
    else:
        shortname = "".join(c for c in keys["shortname"] if c.isalnum() or c in "-_")
        config = ""
        if page_url:
            config += f"this.page.url = {_script_text(page_url)}; "
        config += f"this.page.identifier = {_script_text(identifier)};"
        embed = (
            '<div id="disqus_thread"></div>\n<script>\n'
            f"var disqus_config = function () {{ {config} }};\n"
            "(function () { var d = document, s = d.createElement('script');\n"
            f"  s.src = {_script_text(f'https://{shortname}.disqus.com/embed.js')};\n"
            "  s.setAttribute('data-timestamp', +new Date()); (d.head || d.body).appendChild(s); })();\n"
            "</script>"
        )
    return (
        f'\n<section class="blogposts-comments" id="comments" data-provider="{setup.provider}">\n'
        f"{embed}\n</section>\n"
    )
