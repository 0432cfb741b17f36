"""RSS and Atom feeds (feedparser): the items a feed lists, each to be read as a source of its own."""

from __future__ import annotations

import re
import time
from dataclasses import dataclass

from briefing.errors import InputError
from briefing.patterns import lazy


@dataclass(frozen=True)
class FeedItem:
    """One item of a feed: where its page is, and what the feed says of it."""

    link: str  # as the feed gives it (may be relative to the feed)
    title: str
    date: str | None  # ISO date
    content: str  # the item's own HTML (content or summary), read when it links to no page


def feed_items(raw: bytes, origin: str, content_type: str = "", max_items: int | None = None) -> list[FeedItem]:
    """The items of an RSS or Atom feed, newest first as the feed lists them; a non-feed is an InputError."""
    import feedparser

    headers = {"content-type": content_type} if content_type else {}
    if max_items is not None:
        raw = first_items(raw, max_items)
    parsed = feedparser.parse(raw, response_headers=headers, sanitize_html=False, resolve_relative_uris=False)
    if not parsed.entries and (parsed.bozo or not parsed.version):
        problem = getattr(parsed, "bozo_exception", None)
        raise InputError(origin, "not an RSS or Atom feed" + (f" ({_short(problem)})" if problem else ""),
                         "give the feed's address, or list the page under url:")
    if not parsed.entries:
        raise InputError(origin, "the feed lists no items", "check the feed, or leave it out")
    entries = parsed.entries[:max_items] if max_items is not None else parsed.entries
    return [_item(entry) for entry in entries]


_ITEM_END = lazy(rb"</(?:[\w.-]+:)?(?:item|entry)\s*>", re.I)  # the end of an RSS item or an Atom entry


def first_items(raw: bytes, count: int) -> bytes:
    """The feed with only its first `count` items: what comes after the last item (the closing tags) kept, the
    items between cut out, before any parser spends time or memory on them (a feed of 100,000 items is read
    in the time of 20)."""
    ends = _ITEM_END.finditer(raw)
    cut = next((m.end() for n, m in enumerate(ends, 1) if n == count), None)
    if cut is None:
        return raw  # no more items than wanted
    last = cut
    for last_end in ends:
        last = last_end.end()
    return raw[:cut] + raw[last:]


def _item(entry) -> FeedItem:
    content = entry.get("content") or []
    html = content[0].get("value", "") if content else entry.get("summary", "")
    stamp = entry.get("published_parsed") or entry.get("updated_parsed")
    return FeedItem(link=_link(entry), title=(entry.get("title") or "").strip(),
                    date=time.strftime("%Y-%m-%d", stamp) if stamp else None, content=html or "")


def _link(entry) -> str:
    """The item's page: its alternate link, an address or a path (feedparser offers a urn: id as a link too)."""
    links = [link.get("href", "") for link in entry.get("links", []) if link.get("rel", "alternate") == "alternate"]
    for link in links + [entry.get("link") or ""]:
        link = link.strip()
        scheme = link.split(":", 1)[0].lower() if re.match(r"^[A-Za-z][A-Za-z0-9+.-]*:", link) else ""
        if link and scheme in ("", "http", "https", "file"):
            return link
    return ""


def _short(problem: object) -> str:
    text = str(problem).strip().splitlines()[0] if str(problem).strip() else type(problem).__name__
    return text[:120]
