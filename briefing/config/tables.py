"""The indicator tables: each file, sheet and declared layout, checked against the table itself."""

from __future__ import annotations

import re
from dataclasses import replace
from pathlib import Path
from typing import Any

from briefing.config.schema import TABLE_KEYS
from briefing.errors import InputError, LayoutError
from briefing.ingest.tables import FIELDS, FORMS, TABLE_READERS, Table, read_spec
from briefing.model import ConfigPlace, InputLimits, Query, TableLayout, TableSpec
from briefing.yamlfile import Checker, shown


def indicators(value: Any, folder: Path, check: Checker, limits: InputLimits = InputLimits(),
               read: bool = True) -> tuple[tuple[TableSpec, ...], bool]:
    """The tables and whether the sources' figures count; with `read`, each table is read now, within `limits`
    (otherwise by whoever reads it: read_placed)."""
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
        spec = _table(entry, keys, folder, check, limits, read)
        if spec is not None:
            tables.append(spec)
    return tuple(tables), from_sources


def _table(entry: dict, keys: tuple, folder: Path, check: Checker, limits: InputLimits,
           read: bool = True) -> TableSpec | None:
    """One {table: ...} entry; with `read`, checked against the table itself so that `validate` finds what `build`
    would."""
    check.unknown(entry, TABLE_KEYS, keys)
    if not _one_kind(entry, keys, check):
        return None
    typed = [check.typed(entry[k], t, keys + (k,), h) for k, (t, h) in TABLE_KEYS.items() if k in entry]
    if not all(typed):
        return None
    if "sql" in entry:
        spec = _query(entry, keys, folder, check)
    else:
        spec = TableSpec(folder / entry["table"], entry.get("sheet")) if _table_file(folder / entry["table"], entry,
                                                                                     keys, check) else None
    layout = _layout(entry, keys, check)
    if spec is None or layout is None:
        return None
    lines = tuple((k, line) for k, line in check.lines.items() if k[:len(keys)] == keys)
    spec = replace(spec, layout=layout, place=ConfigPlace(check.path, keys, lines, tuple(entry)))
    if read:
        try:
            read_placed(spec, limits)
        except InputError as exc:
            check.errors.append(exc)
    return spec


def _one_kind(entry: dict, keys: tuple, check: Checker) -> bool:
    """A table entry is a file (table:) or a query (sql: and database:), never both."""
    if "table" in entry and ("sql" in entry or "database" in entry):
        check.error(keys + ("sql" if "sql" in entry else "database",), "a table is a file or a query, not both",
                    "keep table: for a file, or sql: and database: for a query")
    elif "sql" in entry and "database" not in entry:
        check.error(keys + ("database",), "missing", TABLE_KEYS["database"][1])
    elif "database" in entry and "sql" not in entry:
        check.error(keys + ("sql",), "missing", TABLE_KEYS["sql"][1])
    elif "table" not in entry and "sql" not in entry:
        check.error(keys + ("table",), "missing", TABLE_KEYS["table"][1] + "; or sql: and database: for a query")
    else:
        return True
    return False


def _query(entry: dict, keys: tuple, folder: Path, check: Checker) -> TableSpec | None:
    """An sql: query against a database: a SQLite file (relative to briefing.yaml) or a server's URL."""
    database, sql = entry["database"].strip(), entry["sql"].strip()
    if "sheet" in entry:
        check.error(keys + ("sheet",), "a query has no sheets", "remove sheet:")
        return None
    if not sql:
        check.error(keys + ("sql",), "is empty", TABLE_KEYS["sql"][1])
        return None
    if "://" in database:
        return TableSpec(Path(), query=Query(sql, database))
    path = folder / database
    if not path.is_file():
        check.error(keys + ("database",), f'"{database}" not found',
                    f"check the path; it is relative to {folder}, or give a server's URL (postgresql://…)")
        return None
    return TableSpec(path, query=Query(sql))


def _table_file(path: Path, entry: dict, keys: tuple, check: Checker) -> bool:
    suffix = path.suffix.lower()
    if not path.is_file():
        check.error(keys + ("table",), f'"{entry["table"]}" not found', f"check the path; it is relative to {path.parent}")
    elif suffix not in TABLE_READERS:
        fix = "save it as .xlsx or .csv" if suffix in (".xls", ".ods", ".numbers") else f"give a {' or '.join(TABLE_READERS)} file"
        check.error(keys + ("table",), f"cannot read {suffix or 'extensionless'} tables", fix)
    elif "sheet" in entry and not TABLE_READERS[suffix].sheets:
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


def read_placed(spec: TableSpec, limits: InputLimits = InputLimits()) -> Table:
    """The table read; a mapped column that is not there is the config's error, at the config's line."""
    try:
        return read_spec(spec, limits)
    except LayoutError as exc:
        place = spec.place
        if place is None or not exc.key or exc.key[0] not in place.declared:
            raise
        check = Checker(place.file, dict(place.lines))
        check.error(place.keys + exc.key, exc.problem, exc.fix)
        raise check.errors[0] from None
