"""The briefing config: one YAML file, validated whole when loaded.

Paths in it are relative to the file itself, so cron can run it from anywhere.
Every error names the file, the line and the key path, and all of them are
reported at once; nothing falls back silently to a default.
"""

from __future__ import annotations

import glob
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from briefing.errors import InputError, InputErrors
from briefing.model import AUDIENCE_KEYS
from briefing.yamlfile import Checker, read_yaml, shown
from briefing.enrich.narratives import check_phrases
from briefing.model import Audience
from briefing.ingest.readers import DEFAULT_MAX_ITEMS, FEED_EXTENSIONS, READERS, Limits, SourceSpec
from briefing.ingest.tables import FIELDS, FORMS, LayoutError, TableLayout, read_table
from briefing.templating import (BUILTIN_TEMPLATES, SECTIONS, builtin_template_names, find_template_folder,
                                 load_template, settings_problems)


# The schema, one documented field per line: key -> (type, help).
TOP_KEYS = {
    "title": (str, "the briefing's title, shown on every audience's edition"),
    "name": (str, "a short name for the output path ({briefing}); defaults to the config file's name"),
    "sources": (list, "source documents: paths or glob patterns (relative to this file), http(s) addresses, "
                      "{url: …} and {feed: …} entries (SOURCE_KEYS)"),
    "indicators": (list, "indicator tables ({table: path, sheet, form, columns, periods}) and {from_sources: true|false}"),
    "audiences": (dict, "one entry per audience: {template: name-or-path, ...limits}"),
    "output": (str, "the edition folder, with {briefing}, {date} and {audience}"),
    "summary_chars": (int, "default summary length, in characters (Chinese) or words (English)"),
    "keep": (int, "keep this many dated editions of the briefing; older ones are removed (default: all)"),
    "on_failure": (str, "a shell command run when a build fails; BRIEFING_ERROR, BRIEFING_EXIT_CODE, "
                        "BRIEFING_CONFIG are in its environment (mail or chat the error)"),
    "deliver": (str, "a shell command run after a good build (and by `briefing resend`); BRIEFING_EDITIONS "
                     "(one folder a line), BRIEFING_DATE, BRIEFING_CONFIG are in its environment"),
    "since": (str, "last-edition: read only sources changed since the latest edition was built"),
}
TABLE_KEYS = {
    "table": (str, "a CSV (UTF-8 or GB18030) or Excel .xlsx file, relative to this file"),
    "sheet": (str, 'the sheet of an .xlsx file, by name (default: the first; quote a name that is a number: "2023")'),
    "form": (str, "tidy: one row per figure (the default); wide: one row per indicator, one column per period"),
    "columns": (dict, "the table's own header names, e.g. {indicator: 指标, unit: 单位, region: 地区, source: 来源}"),
    "periods": (str, "wide form: a pattern matching every period column's header (default: headers that are a year or a range)"),
}
# sources: one entry each; a plain string is a path, a glob or an http(s) address (a web page).
SOURCE_KEYS = {
    "url": (str, "a web page, http:// or https://: its main text, title and date are read"),
    "feed": (str, "an RSS or Atom feed: an address, or a file relative to this file; each item's page is read"),
    "max_items": (int, f"a feed: read at most this many items, the first it lists (default {DEFAULT_MAX_ITEMS})"),
    "timeout": (float, f"seconds one request may take, answer and all (default {Limits.timeout:g})"),
    "retries": (int, f"further tries after a timeout, a lost connection or a server error (default {Limits.retries})"),
    "max_mb": (float, f"refuse a page larger than this, in megabytes (default {Limits.max_bytes // 2 ** 20})"),
}
DEFAULT_OUTPUT = "out/{briefing}/{date}/{audience}"


@dataclass(frozen=True)
class TableSpec:
    """An indicator table and how it is laid out (read by briefing.ingest.tables.read_table)."""

    path: Path
    sheet: str | None = None
    layout: TableLayout = field(default_factory=TableLayout)


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

    @property
    def folder(self) -> Path:
        return self.path.parent


def load_config(path: Path) -> Config:
    """Read and validate a config file; raises InputError (all errors at once) when it is wrong."""
    path = Path(path).absolute()
    data, lines = read_yaml(path)
    check = Checker(path, lines)
    if not isinstance(data, dict):
        raise InputError(str(path), "the config must be a mapping of keys (title:, sources:, audiences:)",
                         "see the README's example config")
    check.unknown(data, TOP_KEYS, ())
    for key in ("title", "sources", "audiences"):
        if key not in data:
            check.error((key,), "missing", TOP_KEYS[key][1])
    for key, (expected, help_text) in TOP_KEYS.items():
        if key in data:
            check.typed(data[key], expected, (key,), help_text)
    source_specs = _sources(data.get("sources"), path.parent, check)
    sources = tuple(dict.fromkeys(Path(s.location) for s in source_specs if not s.is_remote))
    tables, from_sources = _indicators(data.get("indicators", [{"from_sources": True}]), path.parent, check)
    summary_chars = data.get("summary_chars", 300)
    audiences = _audiences(data.get("audiences"), path.parent, summary_chars, check)
    output = data.get("output", DEFAULT_OUTPUT)
    if isinstance(output, str):
        for field in re.findall(r"{(\w*)}", output):
            if field not in ("briefing", "date", "audience"):
                check.error(("output",), f"unknown field {{{field}}}", "use {briefing}, {date} and {audience}")
        if "{audience}" not in output and isinstance(data.get("audiences"), dict) and len(data["audiences"]) > 1:
            check.error(("output",), "the path has no {audience}, so audiences would overwrite each other",
                        "add {audience} to the path")
    if isinstance(data.get("keep"), int) and data["keep"] < 1:
        check.error(("keep",), f"expected 1 or more, got {data['keep']}", "keep at least the latest edition")
    if isinstance(data.get("since"), str) and data["since"] != "last-edition":
        check.error(("since",), f'unknown value "{data["since"]}"', "write since: last-edition, or leave it out")
    if check.errors:
        raise InputErrors(check.errors) if len(check.errors) > 1 else check.errors[0]
    name = data.get("name") or path.stem
    return Config(path, name, data["title"], sources, tables, from_sources, audiences, output, summary_chars,
                  keep=data.get("keep"), on_failure=data.get("on_failure", ""), deliver=data.get("deliver", ""),
                  since=data.get("since", ""), source_specs=source_specs)


def _sources(value: Any, folder: Path, check: Checker) -> tuple[SourceSpec, ...]:
    """Every source, in order: a glob's files sorted, a page or feed as written; checked without fetching."""
    if not isinstance(value, list):
        return ()
    if not value:
        check.error(("sources",), "the list is empty", "name at least one source file, glob pattern or address")
    found: list[SourceSpec] = []
    for i, entry in enumerate(value):
        if isinstance(entry, str) and entry.startswith(("http://", "https://")):
            found.extend(_web_source({"url": entry}, ("sources", i), folder, check))
        elif isinstance(entry, dict):
            found.extend(_web_source(entry, ("sources", i), folder, check))
        elif check.typed(entry, str, ("sources", i), "a path, a glob pattern, an address, or {url: …} / {feed: …}"):
            found.extend(SourceSpec("file", str(p)) for p in _files(entry, ("sources", i), folder, check))
    return tuple(dict.fromkeys(found))


def _files(pattern: str, keys: tuple, folder: Path, check: Checker) -> list[Path]:
    matches = [Path(m) for m in sorted(glob.glob(str(folder / pattern), recursive=True)) if Path(m).is_file()]
    if not matches:
        check.error(keys, f'"{pattern}" matches no file', f"check the path; it is relative to {folder}")
    unreadable = [m.name for m in matches if m.suffix.lower() not in READERS and m.suffix.lower() not in FEED_EXTENSIONS]
    if unreadable:
        check.error(keys, f'"{pattern}" matches {", ".join(unreadable[:3])}, which no reader takes',
                    "give .txt, .md, .html, .docx, .pdf files or feeds (.xml, .rss, .atom); narrow the pattern")
    return matches


def _web_source(entry: dict, keys: tuple, folder: Path, check: Checker) -> list[SourceSpec]:
    """A {url: …} or {feed: …} entry with its limits."""
    check.unknown(entry, SOURCE_KEYS, keys)
    kinds = [k for k in ("url", "feed") if k in entry]
    if len(kinds) != 1:
        check.error(keys, "expected one of url: or feed:" if not kinds else "give url: or feed:, not both",
                    "e.g. {url: https://example.org/page.html} or {feed: https://example.org/rss.xml}")
        return []
    kind = kinds[0]
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
    parts = urlsplit(text.strip())
    if parts.scheme in ("http", "https") and parts.netloc:
        return text.strip()
    if kind == "url" or parts.scheme:
        check.error(keys, f"expected an http:// or https:// address, got {shown(text)}",
                    "a local file goes in sources: as a plain path")
    elif not (folder / text).is_file():
        check.error(keys, f'"{text}" not found', f"check the path; it is relative to {folder}")
    return str(folder / text)


def _indicators(value: Any, folder: Path, check: Checker) -> tuple[tuple[TableSpec, ...], bool]:
    if not isinstance(value, list):
        return (), True
    tables: list[TableSpec] = []
    from_sources = False
    for i, entry in enumerate(value):
        keys = ("indicators", i)
        if not isinstance(entry, dict):
            check.error(keys, f"expected {{table: path}} or {{from_sources: true}}, got {shown(entry)}")
            continue
        if "from_sources" in entry:
            if check.typed(entry["from_sources"], bool, keys + ("from_sources",), "true or false"):
                from_sources = entry["from_sources"]
            continue
        spec = _table(entry, keys, folder, check)
        if spec is not None:
            tables.append(spec)
    return tuple(tables), from_sources


def _table(entry: dict, keys: tuple, folder: Path, check: Checker) -> TableSpec | None:
    """One {table: ...} entry, checked against the table itself so that `validate` finds what `build` would."""
    check.unknown(entry, TABLE_KEYS, keys)
    if "table" not in entry:
        check.error(keys + ("table",), "missing", TABLE_KEYS["table"][1])
        return None
    typed = [check.typed(entry[k], t, keys + (k,), h) for k, (t, h) in TABLE_KEYS.items() if k in entry]
    if not all(typed):
        return None
    path = folder / entry["table"]
    readable = _table_file(path, entry, keys, check)
    layout = _layout(entry, keys, check)
    if not readable or layout is None:
        return None
    spec = TableSpec(path, entry.get("sheet"), layout)
    _check_table(spec, entry, keys, check)
    return spec


def _table_file(path: Path, entry: dict, keys: tuple, check: Checker) -> bool:
    suffix = path.suffix.lower()
    if not path.is_file():
        check.error(keys + ("table",), f'"{entry["table"]}" not found', f"check the path; it is relative to {path.parent}")
    elif suffix not in (".csv", ".xlsx"):
        fix = "save it as .xlsx or .csv" if suffix in (".xls", ".ods", ".numbers") else "give a .csv or .xlsx file"
        check.error(keys + ("table",), f"cannot read {suffix or 'extensionless'} tables", fix)
    elif "sheet" in entry and suffix != ".xlsx":
        check.error(keys + ("sheet",), "a CSV file has no sheets", "remove sheet:, or give the .xlsx file")
    else:
        return True
    return False


def _layout(entry: dict, keys: tuple, check: Checker) -> TableLayout | None:
    """The declared form, column names and period pattern; None (with errors) when they are wrong."""
    before = len(check.errors)
    form = entry.get("form", "tidy")
    if form not in FORMS:
        check.error(keys + ("form",), f"expected tidy or wide, got {shown(form)}",
                    "tidy: one row per figure; wide: one column per period")
    columns = _columns(entry.get("columns", {}), form, keys + ("columns",), check)
    _periods(entry.get("periods"), form, keys + ("periods",), check)
    return None if len(check.errors) > before else TableLayout(form, columns, entry.get("periods"))


def _columns(columns: dict, form: str, keys: tuple, check: Checker) -> dict[str, str]:
    """{field: the table's header name}; every field known for the form, every name a text, no name twice."""
    fields = FIELDS if form != "wide" else tuple(f for f in FIELDS if f not in ("period", "value"))
    for name, header in columns.items():
        if name not in fields:
            why = "a wide table's period columns hold the periods and values; " if name in ("period", "value") else ""
            check.error(keys + (name,), "unknown key", f"{why}use one of: {', '.join(fields)}")
        elif not isinstance(header, str) or not header.strip():
            check.error(keys + (name,), f"expected the column's header name, got {shown(header)}",
                        'quote a name that is a number: "2023"')
    named = [h.strip() for h in columns.values() if isinstance(h, str)]
    for header in sorted({h for h in named if named.count(h) > 1}):
        check.error(keys, f'"{header}" is given for two fields', "each field has its own column")
    return {k: v.strip() for k, v in columns.items() if isinstance(v, str)}


def _periods(periods: str | None, form: str, keys: tuple, check: Checker) -> None:
    if periods is None:
        return
    if form != "wide":
        check.error(keys, "only a wide table has period columns", "add form: wide, or remove periods:")
        return
    try:
        re.compile(periods)
    except re.error as exc:
        check.error(keys, f"not a valid pattern: {exc}", r'e.g. "20\\d\\d" for 2019, 2020 …')


def _check_table(spec: TableSpec, entry: dict, keys: tuple, check: Checker) -> None:
    """Read the table now: a mapped column that is not there is the config's error, at the config's line."""
    try:
        read_table(spec.path, spec.sheet, spec.layout)
    except LayoutError as exc:
        if exc.key and (exc.key[0] in entry):
            check.error(keys + exc.key, exc.problem, exc.fix)
        else:
            check.errors.append(exc)
    except InputError as exc:
        check.errors.append(exc)


def _audiences(value: Any, folder: Path, summary_chars: Any, check: Checker) -> tuple[Audience, ...]:
    if not isinstance(value, dict):
        return ()
    if not value:
        check.error(("audiences",), "no audience", "add one, e.g. executive: {template: executive}")
    audiences = []
    for name, spec in value.items():
        keys = ("audiences", name)
        if spec is None:
            spec = {}
        if not isinstance(spec, dict):
            check.error(keys, f"expected a mapping such as {{template: {name}}}, got {shown(spec)}")
            continue
        check.unknown(spec, AUDIENCE_KEYS, keys)
        ok = all([check.typed(spec[k], t, keys + (k,), h) for k, (t, h) in AUDIENCE_KEYS.items() if k in spec])
        for problem in check_phrases(spec["phrases"]) if isinstance(spec.get("phrases"), dict) else ():
            check.error(keys + ("phrases",), problem, "see PHRASES in briefing/narrate.py for the names and fields")
            ok = False
        for key in ("max_directives", "max_charts", "max_figures", "summary_chars", "max_narratives",
                    "narrative_chars"):
            if isinstance(spec.get(key), int) and spec[key] < 0:
                check.error(keys + (key,), f"expected 0 or more, got {spec[key]}")
                ok = False
        for problem, where, fix in settings_problems(spec):
            check.error(keys + where, problem, fix)
            ok = False
        template = find_template(spec.get("template", str(name)), folder)
        if template is None:
            check.error(keys + ("template",), f'no template "{spec.get("template", name)}"',
                        f"use a built-in ({', '.join(builtin_template_names())}) or a folder under templates/")
        defaults = _template_defaults(template, check) if template is not None else None
        if ok and defaults is not None:
            audiences.append(_audience(str(name), {**defaults, **spec}, template, summary_chars))
    return tuple(audiences)


def _template_defaults(template: Path, check: Checker) -> dict | None:
    """The settings the audience's template (and its parents) give; their template.yaml errors are the config's."""
    try:
        settings = load_template(template).settings()
    except InputError as exc:
        check.errors.extend(getattr(exc, "errors", [exc]))
        return None
    # null means "no limit" for a limit, and "not set" for anything else
    return {k: v for k, v in settings.items() if v is not None or k.startswith("max_") or k == "narrative_chars"}


def _audience(name: str, spec: dict, template: Path, summary_chars: Any) -> Audience:
    return Audience(
        name=name,
        template=template,
        title=spec.get("title", name),
        max_directives=spec.get("max_directives"),
        max_charts=spec.get("max_charts"),
        max_figures=spec.get("max_figures"),
        summary_chars=spec.get("summary_chars", summary_chars if isinstance(summary_chars, int) else 300),
        show_actions=spec.get("show_actions", True),
        show_sources=spec.get("show_sources", True),
        phrases=tuple((str(k), str(v)) for k, v in (spec.get("phrases") or {}).items()),
        max_narratives=spec.get("max_narratives"),
        narrative_chars=spec.get("narrative_chars"),
        sections=tuple(spec.get("sections") or SECTIONS),
        language=spec.get("language", "auto"),
        marking=spec.get("marking", ""),
        issuer=spec.get("issuer", ""),
    )


def find_template(name: str, folder: Path) -> Path | None:
    """The template folder: a path (relative to the config), else templates/NAME, else the built-in NAME."""
    return find_template_folder(name, folder)
