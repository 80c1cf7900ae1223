"""Who wrote a post: the site's ``author:`` and the entries of ``_data/authors.yml``.

One rule for the author box, the feeds' entry authors, JSON-LD and Liquid:
a post's first ``author:`` names an entry of ``authors.yml`` (or is a name of
its own); a post without one is the site author's.  The keys are those of
minimal-mistakes and academicpages (``name``, ``avatar``, ``bio``,
``location``, ``email``, ``uri``, ``links:`` and profile keys such as
``github`` or ``twitter``).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

#: Profile keys of an author entry and the address each names.
PROFILE_URLS: dict[str, str] = {
    "github": "https://github.com/{}",
    "gitlab": "https://gitlab.com/{}",
    "twitter": "https://twitter.com/{}",
    "mastodon": "{}",
    "linkedin": "https://www.linkedin.com/in/{}",
    "bluesky": "https://bsky.app/profile/{}",
    "instagram": "https://instagram.com/{}",
    "youtube": "https://www.youtube.com/{}",
    "stackoverflow": "https://stackoverflow.com/users/{}",
    "googlescholar": "{}",
    "orcid": "https://orcid.org/{}",
    "keybase": "https://keybase.io/{}",
}


@dataclass(frozen=True)
class Author:
    """An author as a theme shows them: plain text and links (picklable)."""

    key: str
    name: str
    avatar: str = ""
    bio: str = ""
    location: str = ""
    email: str = ""
    uri: str = ""
    #: ``(label, url)`` pairs: the entry's ``links:`` then its profile keys.
    links: tuple[tuple[str, str], ...] = ()


def _text(value: object) -> str:
    return value.strip() if isinstance(value, str) else ""


def author_from(key: str, value: Any) -> Author | None:
    """The :class:`Author` an ``author:`` value describes (a name, or a mapping)."""
    if isinstance(value, str):
        return Author(key=key, name=value.strip()) if value.strip() else None
    if not isinstance(value, dict):
        return None
    name = _text(value.get("name")) or key.strip()
    if not name:
        return None
    links: list[tuple[str, str]] = []
    for link in value.get("links") if isinstance(value.get("links"), list) else ():
        if isinstance(link, dict) and _text(link.get("url")):
            links.append((_text(link.get("label")) or _text(link.get("url")), _text(link.get("url"))))
    for profile, pattern in PROFILE_URLS.items():
        handle = value.get(profile)
        if isinstance(handle, (str, int)) and str(handle).strip():
            links.append((profile, pattern.format(str(handle).strip())))
    email = _text(value.get("email"))
    uri = _text(value.get("uri")) or _text(value.get("url")) or _text(value.get("home"))
    return Author(
        key=key,
        name=name,
        avatar=_text(value.get("avatar")),
        bio=_text(value.get("bio")),
        location=_text(value.get("location")),
        email=email,
        uri=uri,
        links=tuple(links),
    )


def post_author(names: list[str] | tuple[str, ...], authors: dict[str, Any], site_author: Any) -> Author | None:
    """The author of a post: its first ``author:`` (an ``authors.yml`` entry when one
    has that key, else that name), else the site's ``author:``; ``None`` when neither."""
    for name in names:
        if not isinstance(name, str) or not name.strip():
            continue
        entry = authors.get(name) if isinstance(authors, dict) else None
        return author_from(name, entry) if entry is not None else author_from(name, name)
    return author_from("", site_author) if site_author else None


def shows_profile(fields: Mapping[str, Any]) -> bool:
    """Does a page ask for the author box?  minimal-mistakes tests
    ``page.author_profile`` with Liquid's truth: anything but nil and false."""
    value = fields.get("author_profile")
    return value is not None and value is not False


def avatar_address(avatar: str) -> str:
    """Where an avatar is: a URL as written, a path from the site's root otherwise
    (themes write ``{{ author.avatar | relative_url }}``)."""
    avatar = avatar.strip()
    if not avatar or "://" in avatar or avatar.startswith(("/", "data:", "mailto:")):
        return avatar
    return "/" + avatar


def shown_links(author: Author) -> list[tuple[str, str]]:
    """The links of the box, in order: the entry's links and profiles, then its
    ``email`` and ``uri`` unless a link already goes there."""
    links = list(author.links)
    urls = {url for _, url in links}
    if author.email:
        mailto = author.email if author.email.startswith("mailto:") else f"mailto:{author.email}"
        if mailto not in urls:
            links.append(("Email", mailto))
    if author.uri and author.uri not in urls:
        links.append(("Website", author.uri))
    return links
