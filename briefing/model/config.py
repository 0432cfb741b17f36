"""The config as data: what briefing.yaml says once it is checked, and the specs of its sources and tables.

config/ reads and checks the YAML into these; the stages take them, never the file.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

from briefing.model.briefing import Audience

FEED_EXTENSIONS = (".xml", ".rss", ".atom")


@dataclass(frozen=True)
class Limits:
    """How long, how often and how much one source may be fetched."""

    timeout: float = 20.0  # seconds for a whole request: connecting, waiting and reading
    retries: int = 2  # further tries after a timeout, a lost connection, a 429 or a 5xx
    max_bytes: int = 10 * 1024 * 1024


@dataclass(frozen=True)
class InputLimits:
    """How much of each input a build takes before it refuses it (the config's limits: section, LIMIT_KEYS).
    Each is checked before the work it bounds, so a hostile file costs a second and a few megabytes, not the
    machine; exceeding one is an input error naming the file, the limit and the key that raises it."""

    source_mb: float = 50.0  # a local source or table file, as it lies on disk
    unpacked_mb: float = 200.0  # what a .docx or .xlsx unzips to, what a PDF's streams decode to
    pdf_pages: int = 2000
    html_depth: int = 1000  # elements nested in an HTML page
    numbers: int = 100_000  # numbers written in one source: the figure reader's work is in proportion to them
    table_rows: int = 10_000  # rows of one indicator table or sheet: each is a row of the briefing's figures
    template_mb: float = 20.0  # what one template renders to (a digest is ~50 KB)
    render_seconds: float = 10.0  # one render of one template, Word parts together
    query_seconds: float = 60.0  # one SQL query of an indicator table, against its database


@dataclass(frozen=True)
class SourceSpec:
    """One source of a briefing: a local file, a web page or a feed, and the limits for fetching it."""

    kind: str  # "file", "url" or "feed"
    location: str  # an absolute path, or an http(s) address
    limits: Limits = Limits()
    max_items: int | None = None  # a feed: read at most this many items, the first it lists (None: the default)
    date: str | None = None  # the document's date as the config sets it (ISO), over what the source says

    @property
    def is_remote(self) -> bool:
        return self.location.startswith(("http://", "https://"))

    @property
    def is_feed(self) -> bool:
        return self.kind == "feed" or self.kind == "file" and Path(self.location).suffix.lower() in FEED_EXTENSIONS


@dataclass(frozen=True)
class TableLayout:
    """How a table is laid out, as declared in the config: its form, its own header names, its periods."""

    form: str = "tidy"
    columns: dict[str, str] = field(default_factory=dict)  # field -> the table's header name
    periods: str | None = None  # wide form: a pattern every period column's header matches


@dataclass(frozen=True)
class ConfigPlace:
    """Where an entry is in its config file: the file, the entry's key path, the lines of the entry's keys, and
    the keys it declares; so that a mistake found when the entry is used (a column its table lacks) is placed at
    the config's line as a mistake found on loading is."""

    file: Path
    keys: tuple = ()
    lines: tuple[tuple[tuple, int], ...] = ()
    declared: tuple[str, ...] = ()


@dataclass(frozen=True)
class TableSpec:
    """An indicator table and how it is laid out (read by briefing.ingest.tables.read_table): a file, or the
    result of an SQL query against a database (a SQLite file, or a database server's SQLAlchemy URL)."""

    path: Path  # the table file; for a query, the SQLite file (a server's URL has none: Path())
    sheet: str | None = None
    layout: TableLayout = field(default_factory=TableLayout)
    query: Query | None = None
    place: ConfigPlace | None = field(default=None, compare=False)  # its entry in the config


@dataclass(frozen=True)
class Query:
    """An SQL query whose result is an indicator table, and the database it runs against."""

    sql: str
    url: str = ""  # a server's SQLAlchemy URL as the config writes it (${NAME} taken from the environment); empty: SQLite


def hidden_password(url: str) -> str:
    """The URL as a log or manifest may show it: a password written in it becomes ***."""
    return re.sub(r"(://[^/:@]*:)[^@/]*@", r"\1***@", url)


@dataclass(frozen=True)
class Config:
    path: Path
    name: str
    title: str
    sources: tuple[Path, ...]
    tables: tuple[TableSpec, ...]
    from_sources: bool
    audiences: tuple[Audience, ...]
    output: str
    summary_chars: int
    keep: int | None = None
    on_failure: str = ""
    deliver: str = ""
    since: str = ""
    source_specs: tuple[SourceSpec, ...] = ()  # every source in the config's order: files (globs expanded), pages, feeds
    limits: InputLimits = InputLimits()
    aliases: dict[str, tuple[str, ...]] = field(default_factory=dict)  # canonical indicator name -> its other names

    @property
    def folder(self) -> Path:
        return self.path.parent
