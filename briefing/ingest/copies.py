"""One article read once: the same text under two names, or reposted by two sites, is one source.

Reposts differ at their edges (a site's header, an editor's line, a title with the site's
name) but share their body paragraph for paragraph. Two documents are copies when the
paragraphs they share, each written out the same, make up most of the shorter one; the first
in the config's order is kept, and its repairs say which copy was left out.
"""

from __future__ import annotations

from dataclasses import replace

from briefing import languages
from briefing.model import Document, Repair
from briefing.patterns import lazy

SHARED = 0.8  # of the shorter document's text, in paragraphs both have: the same article
_LONG = 20  # characters a paragraph needs to count (a dateline or "来源：新华社" says nothing of the article)
_SPACE = lazy(r"\s+")


def read_once(documents: tuple[Document, ...]) -> tuple[Document, ...]:
    """The documents with every later copy of an earlier one left out (and named in the earlier one's repairs)."""
    kept: list[Document] = []
    sizes: list[int] = []  # each kept document's text, in the paragraphs that count
    owner: dict[str, int] = {}  # a paragraph's text -> the first kept document that has it
    for document in documents:
        paragraphs = _paragraphs(document)
        original = _original(paragraphs, owner, sizes)
        if original is None:
            for text in paragraphs:
                owner.setdefault(text, len(kept))
            kept.append(document)
            sizes.append(sum(paragraphs.values()))
        else:
            kept[original] = _noted(kept[original], document)
    return tuple(kept)


def _paragraphs(document: Document) -> dict[str, int]:
    texts = (_SPACE.sub("", p.text) for p in document.paragraphs)
    return {text: len(text) for text in texts if len(text) >= _LONG}


def _original(paragraphs: dict[str, int], owner: dict[str, int], sizes: list[int]) -> int | None:
    """The kept document this one is a copy of, or None. Only documents sharing a paragraph are compared."""
    shared: dict[int, int] = {}
    for text, size in paragraphs.items():
        if text in owner:
            shared[owner[text]] = shared.get(owner[text], 0) + size
    mine = sum(paragraphs.values())
    for index, size in sorted(shared.items(), key=lambda item: -item[1]):
        if mine and sizes[index] and size >= SHARED * min(mine, sizes[index]):
            return index
    return None


def _noted(kept: Document, copy: Document) -> Document:
    note = languages.get(kept.language).words.repairs["copy"].format(title=copy.title or copy.source_id,
                                                                    origin=copy.origin)
    return replace(kept, repairs=kept.repairs + (Repair("copy", note),))
