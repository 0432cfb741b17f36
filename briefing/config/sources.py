"""The sources: paths and globs (relative to the config), web pages and feeds, each with its fetch limits;
checked without fetching anything."""

from __future__ import annotations

import datetime as dt
import glob
import os
import re
from dataclasses import replace
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from briefing.config.schema import SOURCE_KEYS
from briefing.ingest.readers import READERS
from briefing.model import FEED_EXTENSIONS, Limits, SourceSpec
from briefing.yamlfile import Checker, shown


def sources(value: Any, folder: Path, check: Checker) -> tuple[SourceSpec, ...]:
    """Every source, in order: a glob's files sorted, a page or feed as written; checked without fetching."""
    if not isinstance(value, list):
        return ()
    if not value:
        check.error(("sources",), "the list is empty", "name at least one source file, glob pattern or address")
    found: list[SourceSpec] = []
    for i, entry in enumerate(value):
        if isinstance(entry, str) and entry.startswith(("http://", "https://")):
            found.extend(_web_source({"url": entry}, "url", ("sources", i), folder, check))
        elif isinstance(entry, dict):
            found.extend(_mapped_source(entry, ("sources", i), folder, check))
        elif check.typed(entry, str, ("sources", i), "a path, a glob pattern, an address, or {file: …} / {url: …} / "
                                                     "{feed: …}"):
            found.extend(SourceSpec("file", str(p)) for p in _files(entry, ("sources", i), folder, check))
    return tuple(dict.fromkeys(found))


def _files(pattern: str, keys: tuple, folder: Path, check: Checker) -> list[Path]:
    matches = [Path(m) for m in sorted(glob.glob(str(folder / pattern), recursive=True)) if Path(m).is_file()]
    if not matches:
        check.error(keys, f'"{pattern}" matches no file', f"check the path; it is relative to {folder}")
    for match, target, bound in _links_out(pattern, matches, folder):
        check.error(keys, f'"{pattern}" matches {match}, a link to {target}, outside {bound}',
                    "a file outside the project is read only when sources: names it by its own path; "
                    "or remove the link")
        matches = [m for m in matches if m != match]
    unreadable = [m.name for m in matches if m.suffix.lower() not in READERS and m.suffix.lower() not in FEED_EXTENSIONS]
    if unreadable:
        check.error(keys, f'"{pattern}" matches {", ".join(unreadable[:3])}, which no reader takes',
                    "give .txt, .md, .html, .docx, .pdf files or feeds (.xml, .rss, .atom); narrow the pattern")
    return matches


def _links_out(pattern: str, matches: list[Path], folder: Path) -> list[tuple[Path, Path, str]]:
    """The files a glob pattern reaches through a link that leads out of where the pattern points: out of the
    project for a pattern inside it, out of the pattern's own folder for one that points elsewhere
    (`../shared/*.txt`). A path written out in full (no wildcard) is the user's choice, read wherever it leads."""
    if not glob.has_magic(pattern):
        return []
    fixed = []
    for part in Path(pattern).parts:
        if glob.has_magic(part):
            break
        fixed.append(part)
    project = Path(os.path.abspath(folder))
    start = Path(os.path.abspath(folder.joinpath(*fixed)))
    inside = start == project or project in start.parents
    allowed = (project if inside else start).resolve()
    bound = "the project" if inside else f"the folder the pattern names ({start})"
    found = []
    for match in matches:
        target = match.resolve()
        if target != allowed and allowed not in target.parents:
            found.append((match, target, bound))
    return found


def _mapped_source(entry: dict, keys: tuple, folder: Path, check: Checker) -> list[SourceSpec]:
    """A {file: …}, {url: …} or {feed: …} entry, with its date (a file, a page) or its limits (a page, a feed)."""
    check.unknown(entry, SOURCE_KEYS, keys)
    kinds = [k for k in ("file", "url", "feed") if k in entry]
    if len(kinds) != 1:
        check.error(keys, "expected one of file:, url: or feed:" if not kinds else
                    f"give one of {', '.join(k + ':' for k in kinds)}, not several",
                    "e.g. {file: sources/notice.txt, date: 2024-03-05} or {url: https://example.org/page.html}")
        return []
    before = len(check.errors)
    date = _date(entry, kinds[0], keys, check)
    specs = _file_source(entry, keys, folder, check) if kinds[0] == "file" else _web_source(entry, kinds[0], keys,
                                                                                          folder, check)
    return [] if len(check.errors) > before else [replace(spec, date=date) for spec in specs]


def _date(entry: dict, kind: str, keys: tuple, check: Checker) -> str | None:
    """A source's date: YYYY-MM-DD and a day of the calendar; a feed's items carry their own."""
    if "date" not in entry:
        return None
    value = entry["date"]
    if kind == "feed":
        check.error(keys + ("date",), "a feed's items carry their own dates", "remove date:, or list the page as url:")
        return None
    try:
        if isinstance(value, str) and re.fullmatch(r"\d{4}-\d\d-\d\d", value.strip()):
            return dt.date.fromisoformat(value.strip()).isoformat()
    except ValueError:
        pass
    check.error(keys + ("date",), f"expected a date YYYY-MM-DD, got {shown(value)}", "e.g. date: 2024-03-05")
    return None


def _file_source(entry: dict, keys: tuple, folder: Path, check: Checker) -> list[SourceSpec]:
    limits = [key for key in ("max_items", "retries", "timeout", "max_mb") if key in entry]
    if limits:
        check.error(keys + (limits[0],), "only a web page or a feed is fetched", f"remove {limits[0]}: from a file")
    pattern = entry["file"]
    if not check.typed(pattern, str, keys + ("file",), SOURCE_KEYS["file"][1]):
        return []
    return [SourceSpec("file", str(p)) for p in _files(pattern, keys + ("file",), folder, check)]


def _web_source(entry: dict, kind: str, keys: tuple, folder: Path, check: Checker) -> list[SourceSpec]:
    """A {url: …} or {feed: …} entry with its limits."""
    before = len(check.errors)
    location = entry[kind]
    if check.typed(location, str, keys + (kind,), SOURCE_KEYS[kind][1]):
        location = _location(location, kind, keys + (kind,), folder, check)
    if "max_items" in entry and kind != "feed":
        check.error(keys + ("max_items",), "only a feed has items", "remove max_items:, or make it a feed:")
    for key in ("max_items", "retries"):
        if key in entry and check.typed(entry[key], int, keys + (key,), SOURCE_KEYS[key][1]) \
                and entry[key] < (1 if key == "max_items" else 0):
            check.error(keys + (key,), f"expected {1 if key == 'max_items' else 0} or more, got {entry[key]}")
    for key in ("timeout", "max_mb"):
        if key in entry and (isinstance(entry[key], bool) or not isinstance(entry[key], (int, float))
                             or entry[key] <= 0):
            check.error(keys + (key,), f"expected a number above 0, got {shown(entry[key])}", SOURCE_KEYS[key][1])
    if len(check.errors) > before:
        return []
    limits = Limits(timeout=float(entry.get("timeout", Limits.timeout)), retries=entry.get("retries", Limits.retries),
                    max_bytes=int(entry.get("max_mb", Limits.max_bytes / 2 ** 20) * 2 ** 20))
    return [SourceSpec(kind, location, limits, entry.get("max_items") if kind == "feed" else None)]


def _location(text: str, kind: str, keys: tuple, folder: Path, check: Checker) -> str:
    """An address as written, or a local feed file's absolute path."""
    try:
        parts = urlsplit(text.strip())
    except ValueError as exc:  # "http://[::1": an address urllib cannot take apart
        check.error(keys, f"{shown(text)} is not a valid address ({exc})", "check the brackets and the host")
        return text.strip()
    if parts.scheme in ("http", "https") and parts.netloc:
        return text.strip()
    if kind == "url" or parts.scheme:
        check.error(keys, f"expected an http:// or https:// address, got {shown(text)}",
                    "a local file goes in sources: as a plain path")
    elif not (folder / text).is_file():
        check.error(keys, f'"{text}" not found', f"check the path; it is relative to {folder}")
    return str(folder / text)
