"""Readers: every kind of source becomes the same Document.

One reader per file format, registered by extension (Pelican's readers.py): text and
Markdown, HTML, Word and PDF. Web pages and feeds are fetched within bounded limits
(ingest.fetch) and decoded by their declared or detected charset (ingest.charset).
`gather` reads every source of a briefing and returns the documents with a failure
record for each source that could not be read: one dead link or damaged file never
stops the others.

The registry is what a config's check needs (which extensions have a reader); each format's module
(HTML, Word and PDF, feeds, fetching, charsets) is imported when a source of its kind is read, so loading
a config, and an up-to-date run, import none of them.
"""

from __future__ import annotations

import hashlib
import io
import re
from dataclasses import dataclass, replace
from pathlib import Path
from typing import IO, TYPE_CHECKING
from urllib.parse import unquote, urljoin, urlsplit

from briefing.errors import InputError
from briefing.ingest.readers.text import SUFFIXES, read_text, text_document
from briefing.ingest.files import read_whole
from briefing.ingest.copies import read_once
from briefing.ingest.repair import parse_text
from briefing.model import FEED_EXTENSIONS, Document, InputLimits, Limits, SourceFailure, SourceSpec
from briefing.patterns import lazy

if TYPE_CHECKING:
    from briefing.ingest.fetch import Page
    from briefing.ingest.readers.feeds import FeedItem
    from briefing.ingest.readers.html import PageFacts
    from briefing.ingest.readers.office import FileText

__all__ = ["DEFAULT_MAX_ITEMS", "FEED_EXTENSIONS", "Limits", "READERS", "SourceSpec", "fetched_inputs", "gather",
           "read_file", "read_url"]

DEFAULT_MAX_ITEMS = 20  # a feed's items read when the config does not say
FAILURES_SHOWN = 3  # a feed's items that could not be read, named one by one; the others are counted
FETCHES_AT_ONCE = 4  # pages fetched in parallel: a feed of dead links takes a few timeouts, not one per item


class Reader:
    """Reads one kind of file into a Document: a local file by its extension, a web answer by its content type."""

    file_extensions: tuple[str, ...] = ()
    content_types: tuple[str, ...] = ()  # a web answer of one of these types is this kind of file, not a page

    def read(self, path: Path, source_id: str, data: bytes, limits: InputLimits) -> Document:
        """The document in `data`, the bytes read from `path` (read once, by read_file), within `limits`."""
        raise NotImplementedError


class TextReader(Reader):
    file_extensions = SUFFIXES

    def read(self, path: Path, source_id: str, data: bytes, limits: InputLimits) -> Document:
        return read_text(path, source_id, data)


class HtmlReader(Reader):
    file_extensions = (".html", ".htm", ".xhtml")

    def read(self, path: Path, source_id: str, data: bytes, limits: InputLimits) -> Document:
        from briefing.ingest.charset import decode_page
        from briefing.ingest.readers.html import PageFacts, html_document

        decoded = decode_page(data, str(path))
        return html_document(decoded.text, source_id, str(path), PageFacts(encoding=decoded.encoding,
                                                                           declared=decoded.declared), limits)


class FileReader(Reader):
    """A document format whose text is taken out of its bytes (Word, PDF), from disk or from a link."""

    @staticmethod
    def text(stream: IO[bytes], origin: str, limits: InputLimits) -> FileText:
        raise NotImplementedError

    def read(self, path: Path, source_id: str, data: bytes, limits: InputLimits) -> Document:
        return file_document(self.text(io.BytesIO(data), str(path), limits), source_id, str(path), path.name)


class DocxReader(FileReader):
    file_extensions = (".docx",)
    content_types = ("application/vnd.openxmlformats-officedocument.wordprocessingml.document",)
    @staticmethod
    def text(stream: IO[bytes], origin: str, limits: InputLimits) -> FileText:
        from briefing.ingest.readers.office import docx_text

        return docx_text(stream, origin, limits)


class PdfReader(FileReader):
    file_extensions = (".pdf",)
    content_types = ("application/pdf",)
    @staticmethod
    def text(stream: IO[bytes], origin: str, limits: InputLimits) -> FileText:
        from briefing.ingest.readers.office import pdf_text

        return pdf_text(stream, origin, limits)


_ALL = (TextReader(), HtmlReader(), DocxReader(), PdfReader())
READERS: dict[str, Reader] = {ext: reader for reader in _ALL for ext in reader.file_extensions}
CONTENT_TYPES: dict[str, FileReader] = {t: r for r in _ALL if isinstance(r, FileReader) for t in r.content_types}
_CONVERT = {".doc": "save it as .docx", ".rtf": "save it as .docx", ".odt": "save it as .docx"}
_UNTYPED = ("", "application/octet-stream", "binary/octet-stream", "application/download", "application/x-download")


def read_file(path: Path, source_id: str | None = None, date: str | None = None,
              limits: InputLimits = InputLimits()) -> Document:
    """Read one local file by its extension, within `limits`; a feed file holds many documents and is read by
    gather(). A `date` (ISO) is the document's, over whatever the file says."""
    suffix = path.suffix.lower()
    if suffix in FEED_EXTENSIONS:
        raise InputError(str(path), "a feed holds several documents", "list it under sources: in a config")
    reader = READERS.get(suffix)
    if reader is None:
        known = ", ".join(sorted({e for e in READERS if e not in (".text", ".markdown", ".xhtml")}))
        raise InputError(str(path), f"cannot read {suffix or 'a file without extension'} sources",
                         _CONVERT.get(suffix, f"give a {known} file, or a feed (.xml, .rss, .atom)"))
    data = read_whole(path, limits)  # read once: what is parsed is what is hashed
    document = reader.read(path, source_id or path.stem, data, limits)
    return _dated(replace(document, sha256=hashlib.sha256(data).hexdigest()), date, limits)


def read_url(url: str, limits: Limits = Limits(), facts: PageFacts | None = None,
             page: Page | None = None, date: str | None = None, bounds: InputLimits = InputLimits()) -> Document:
    """Fetch a web page (unless already fetched) and read it: its main text, or a linked PDF, Word or text file
    (within `bounds`, as a local file is). A `date` (ISO) is the document's, over whatever the page says; the
    facts a feed gave of the page (its title, its date) stand where the page says none."""
    from briefing.ingest.readers.html import PageFacts

    return _dated(_page_document(url, limits, facts or PageFacts(), page, bounds), date, bounds)


def _page_document(url: str, limits: Limits, facts: PageFacts, page: Page | None, bounds: InputLimits) -> Document:
    from briefing.ingest.charset import decode_page
    from briefing.ingest.fetch import fetch
    from briefing.ingest.readers.html import html_document

    page = page or fetch(url, limits)
    name = unquote(urlsplit(page.url).path.rsplit("/", 1)[-1])
    reader = _linked_file_reader(page.content_type, name)
    if reader is not None:
        document = file_document(reader.text(io.BytesIO(page.body), page.url, bounds), _url_id(page.url), page.url, name)
        return replace(document, title=facts.title or document.title, date=document.date or facts.date)
    decoded = decode_page(page.body, page.url, page.charset)
    if page.content_type == "text/plain":
        markdown = Path(name).suffix.lower() in (".md", ".markdown")
        document = text_document(decoded.text, _url_id(page.url), page.url, decoded.encoding, name, markdown)
        return replace(document, date=document.date or facts.date)
    facts = replace(facts, encoding=decoded.encoding, declared=decoded.declared)
    return html_document(decoded.text, _url_id(page.url), page.url, facts, bounds)


def file_document(found: FileText, source_id: str, origin: str, name: str) -> Document:
    """A Word or PDF file's text as a Document: its paragraphs kept when they are the author's, and the date of its
    properties when neither its name nor its text gives one."""
    document = parse_text(found.text, source_id, origin, name=name, title=found.title, keep_paragraphs=found.kept)
    return replace(document, date=document.date or found.date)


def _dated(document: Document, date: str | None, limits: InputLimits = InputLimits()) -> Document:
    _numbers_within(document, limits)
    return replace(document, date=date) if date else document


_NUMBER = lazy(r"\d+(?:\.\d+)?")  # 20.5 is one number


def _numbers_within(document: Document, limits: InputLimits) -> None:
    """The figure reader's work is in proportion to the numbers a text writes (a few hundred in a communiqué, a
    few thousand in a yearbook's text); past limits.numbers a source is refused before it is analysed."""
    count = 0
    for paragraph in document.paragraphs:
        count += sum(1 for _ in _NUMBER.finditer(paragraph.text))
        if count > limits.numbers:
            raise InputError(document.origin, f"writes more than {limits.numbers:,} numbers, over the limit",
                             "raise limits.numbers in briefing.yaml")


def _linked_file_reader(content_type: str, name: str) -> FileReader | None:
    """A linked file that is no web page: by its Content-Type, or by its name when the type says nothing."""
    if content_type in _UNTYPED:
        return next((r for r in CONTENT_TYPES.values() if Path(name).suffix.lower() in r.file_extensions), None)
    return CONTENT_TYPES.get(content_type)


def gather(specs: tuple[SourceSpec, ...], bounds: InputLimits = InputLimits(), project: Path | None = None
           ) -> tuple[tuple[Document, ...], tuple[SourceFailure, ...]]:
    """Read every source, in order, within `bounds`; each one that cannot be read becomes a SourceFailure, not
    an error.

    Feeds are expanded into their items, each read as a page of its own; pages are
    fetched a few at a time. A page listed twice is read once. A saved feed's items may be
    files inside `project` (the config's folder) or the feed's own folder; a web feed's items
    may not reach this machine or its network (fetch.check_reach). Of a feed's items that
    cannot be read, the first FAILURES_SHOWN are named and the others counted.
    """
    failures: list[SourceFailure] = []
    fetched = _fetch_all([s for s in specs if s.is_remote])
    jobs: list[tuple[str, object]] = []  # (origin, what to read), in the order of the config
    for spec in specs:
        if spec.is_feed:
            items, failed = _feed_jobs(spec, fetched.get(spec.location), project)
            jobs.extend(items)
            failures.extend(failed)
        else:
            jobs.append((spec.location, spec))
    pages = _fetch_all([job for _, job in jobs if isinstance(job, _ItemJob) and job.url])
    documents: list[Document] = []
    failed_items: dict[str, list[SourceFailure]] = {}  # a feed's failed items, by the feed
    for origin, job in jobs:
        try:
            documents.append(_read_job(job, fetched, pages, bounds))
        except InputError as exc:
            failure = _failure(origin, exc)
            if isinstance(job, _ItemJob):
                failed_items.setdefault(job.feed, []).append(failure)
            else:
                failures.append(failure)
    for feed, failed in failed_items.items():
        failures.extend(_summarised(feed, failed))
    return read_once(_unique(documents)), tuple(failures)


def _summarised(feed: str, failed: list[SourceFailure]) -> list[SourceFailure]:
    """A feed's failed items: the first FAILURES_SHOWN as they are, the others as one line that counts them."""
    if len(failed) <= FAILURES_SHOWN + 1:
        return failed
    rest = len(failed) - FAILURES_SHOWN
    return failed[:FAILURES_SHOWN] + [SourceFailure(feed, f"{rest:,} more of its items (the first "
                                                          f"{FAILURES_SHOWN} are named above)", "more", f"{rest:,}")]


def fetched_inputs(documents: tuple[Document, ...], failures: tuple[SourceFailure, ...]) -> list[tuple[str, bytes]]:
    """What the web gave this build, for the inputs' digest: each page's text, and each failure's reason."""
    pages = [(d.origin, d.text.encode("utf-8")) for d in documents if d.origin.startswith(("http://", "https://"))]
    return pages + [(f.origin, f.reason.encode("utf-8")) for f in failures]


@dataclass(frozen=True)
class _ItemJob:
    """A feed item to read: its page (url, or a local path), or, linking nowhere, its own content."""

    url: str
    path: Path | None
    content: str
    facts: PageFacts
    limits: Limits
    origin: str
    feed: str  # the feed's address or path, as the config names it
    named: str = ""  # the address the user named, whose host and port the item may reach (fetch.check_reach)
    refused: str = ""  # why it is not read at all

    @property
    def location(self) -> str:
        return self.url


def _feed_jobs(spec: SourceSpec, page: Page | InputError | None, project: Path | None) -> tuple[list, list[SourceFailure]]:
    try:
        if not spec.is_remote:
            raw, content_type, base = read_whole(Path(spec.location)), "", spec.location
        else:
            if isinstance(page, InputError):
                raise page
            raw, content_type, base = page.body, page.content_type, page.url
        from briefing.ingest.readers.feeds import feed_items

        items = feed_items(raw, spec.location, content_type, spec.max_items or DEFAULT_MAX_ITEMS)
    except InputError as exc:
        return [], [_failure(spec.location, exc)]
    jobs = [_item_job(item, n, base, spec, project) for n, item in enumerate(items, 1)]
    return [(job.origin, job) for job in jobs], []


def _item_job(item: FeedItem, number: int, base: str, spec: SourceSpec, project: Path | None) -> _ItemJob:
    from briefing.ingest.readers.html import PageFacts

    facts = PageFacts(title=item.title, date=item.date)
    remote = "://" in base
    target = urljoin(base, item.link) if item.link and remote else item.link
    job = _ItemJob("", None, "", facts, spec.limits, f"{spec.location}#item-{number}", spec.location)
    if not target:
        return replace(job, content=item.content)
    if target.startswith(("http://", "https://")):  # a saved feed is the user's own: its links are as if named
        return replace(job, url=target, origin=target, named=spec.location if remote else target)
    if remote:  # a feed from the web never makes us read a file of this machine
        return replace(job, origin=item.link, refused="a feed from the web links to a non-web address")
    path = Path(base).parent / unquote(target.removeprefix("file://"))
    return replace(job, path=path, origin=str(path), refused=_outside(path, Path(base).parent, project))


def _outside(path: Path, feed_folder: Path, project: Path | None) -> str:
    """Why a saved feed may not read the file it links to, or "": as a glob, a saved feed reads only files whose
    real path (links followed) is inside the project or the feed's own folder."""
    target = path.resolve()
    for folder in (feed_folder, project):
        if folder is not None and (target == folder.resolve() or folder.resolve() in target.parents):
            return ""
    where = "the project and the feed's folder" if project is not None else "the feed's folder"
    return f"the feed links to a file outside {where} ({target})"


def _fetch_all(jobs: list) -> dict[str, Page | InputError]:
    """Fetch every job's location at once (a few at a time); each answer is a Page or the InputError. An item
    is fetched as its feed's: only the feed's own host may be on this machine (fetch.check_reach)."""
    wanted = {job.location: (job.limits, job.named if isinstance(job, _ItemJob) else job.location) for job in jobs}
    if not wanted:
        return {}

    from briefing.ingest.fetch import fetch

    def one(url: str) -> Page | InputError:
        try:
            return fetch(url, *wanted[url])
        except InputError as exc:
            return exc

    from concurrent.futures import ThreadPoolExecutor  # only with pages to fetch: with logging, 10 ms to import

    with ThreadPoolExecutor(max_workers=min(FETCHES_AT_ONCE, len(wanted))) as pool:
        return dict(zip(wanted, pool.map(one, wanted)))


def _read_job(job: SourceSpec | _ItemJob, fetched: dict, pages: dict, bounds: InputLimits) -> Document:
    if isinstance(job, SourceSpec):
        if not job.is_remote:
            return read_file(Path(job.location), date=job.date, limits=bounds)
        return read_url(job.location, job.limits, page=_answer(fetched[job.location]), date=job.date, bounds=bounds)
    if job.refused:
        raise InputError(job.origin, job.refused, "check the feed")
    if job.url:
        return read_url(job.url, job.limits, job.facts, page=_answer(pages[job.url]), bounds=bounds)
    if job.path is not None:
        document = read_file(job.path, limits=bounds)
        return replace(document, title=document.title or job.facts.title, date=document.date or job.facts.date)
    if not job.content.strip():
        raise InputError(job.origin, "the feed item links to no page and has no text", "check the feed")
    return _content_document(job, bounds)


def _content_document(job: _ItemJob, bounds: InputLimits) -> Document:
    """An item that links to no page, read from its own HTML: its main text, or, for a description too short to
    be an article's (a sentence or two), all of its text."""
    from briefing.ingest.readers.html import html_document

    try:
        return html_document(job.content, _url_id(job.origin), job.origin, job.facts, bounds)
    except InputError:
        import lxml.html

        try:
            text = lxml.html.fragment_fromstring(job.content, create_parent="div").text_content().strip()
        except (ValueError, lxml.etree.LxmlError):
            text = ""
        if not text:
            raise InputError(job.origin, "the feed item links to no page and has no text", "check the feed") from None
        document = parse_text("\n\n".join(t for t in (job.facts.title, text) if t), _url_id(job.origin), job.origin,
                              title=job.facts.title)
        return replace(document, date=document.date or job.facts.date)


def _answer(page: Page | InputError) -> Page:
    if isinstance(page, InputError):
        raise page
    return page


def _reason(exc: InputError) -> str:
    return f"{exc.problem} ({exc.fix})" if exc.fix else exc.problem


def _failure(origin: str, exc: InputError) -> SourceFailure:
    """A source that failed: the English reason for the log, and its kind and detail (fetch.failed) for a
    briefing to word in its own language; a file that cannot be read is of the kind unreadable."""
    return SourceFailure(origin, _reason(exc), getattr(exc, "kind", "unreadable"), getattr(exc, "detail", ""))


def _url_id(url: str) -> str:
    """A short source id for a page: the last part of its path, else its host."""
    parts = urlsplit(url)
    name = unquote(parts.path.rstrip("/").rsplit("/", 1)[-1])
    stem = re.sub(r"\.(?:s?html?|php|aspx?|jsp)$", "", name, flags=re.I)
    return re.sub(r"[^\w.-]+", "-", stem or parts.hostname or "page").strip("-") or "page"


def _unique(documents: list[Document]) -> tuple[Document, ...]:
    """Each page once (a feed may list a page the config also names), each with an id of its own."""
    seen: set[str] = set()
    ids: set[str] = set()
    out: list[Document] = []
    for document in documents:
        if document.origin in seen:
            continue
        seen.add(document.origin)
        source_id, n = document.source_id, 2
        while source_id in ids:
            source_id, n = f"{document.source_id}-{n}", n + 1
        ids.add(source_id)
        out.append(document if source_id == document.source_id else replace(document, source_id=source_id))
    return tuple(out)


