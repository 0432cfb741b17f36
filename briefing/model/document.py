"""Sources as the stages see them: documents, their paragraphs and repairs, and sources that failed."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Paragraph:
    """One paragraph of a source after repair: its index and its exact text."""

    index: int
    text: str


@dataclass(frozen=True)
class Repair:
    """One change ingest made to the raw text, so a reader can see what was cleaned."""

    kind: str  # "joined", "sidebar", "duplicate", "noise", "page", "whitespace", "copy" (another source left out)
    detail: str
    paragraph: int | None = None


@dataclass(frozen=True)
class Document:
    """A source document, decoded, cleaned and split into paragraphs."""

    source_id: str
    title: str
    date: str | None  # ISO date, when the document states one or its name does
    language: str  # "zh" or "en"
    paragraphs: tuple[Paragraph, ...]
    origin: str  # the path or URL it came from
    encoding: str = "utf-8"
    highlights: tuple[str, ...] = ()  # the document's own box of key points, lifted out
    repairs: tuple[Repair, ...] = ()
    sha256: str = ""  # a local file: the digest of the very bytes that were read and parsed

    @property
    def text(self) -> str:
        return "\n\n".join(p.text for p in self.paragraphs)


@dataclass(frozen=True)
class SourceFailure:
    """A source that could not be read (a dead link, a timeout, a damaged file): named in the edition and the log."""

    origin: str  # the path or URL, as the config or the feed gave it
    reason: str  # what went wrong and what to do, one line, in English: the log's and the command line's
    kind: str = "unreadable"  # what went wrong, in no language: http, timeout, connect, too_large, refused, more, …
    detail: str = ""  # what a message of that kind names: the HTTP status, the seconds, the limit, a count
