"""The briefing config: one YAML file, validated whole when loaded.

Paths in it are relative to the file itself, so cron can run it from anywhere.
Every error names the file, the line and the key path, and all of them are
reported at once; nothing falls back silently to a default. The keys are declared
once (config.schema, and the model's AUDIENCE_KEYS); sources, tables and audiences
are checked in their own modules.
"""

from __future__ import annotations

import re
from pathlib import Path

from briefing.config import audiences as audience_entries
from briefing.config.limits import limits as input_limits
from briefing.config.schema import DEFAULT_OUTPUT, SOURCE_KEYS, TABLE_KEYS, TOP_KEYS
from briefing.config import sources as source_entries
from briefing.config import tables as table_entries
from briefing.config.output import check_names, check_output
from briefing.errors import InputError, InputErrors
from briefing.model import AUDIENCE_KEYS, SUMMARY_CHARS, Config, TableSpec
from briefing.yamlfile import Checker, read_yaml, shown

__all__ = ["AUDIENCE_KEYS", "DEFAULT_OUTPUT", "SOURCE_KEYS", "TABLE_KEYS", "TOP_KEYS", "Config", "TableSpec",
           "load_config"]


def load_config(path: Path, read_tables: bool = True) -> Config:
    """Read and validate a config file; raises InputError (all errors at once) when it is wrong.

    With `read_tables`, every table is read too, so that a column the config maps and the table lacks is among
    the errors; `build` reads them when it needs them (an up-to-date build never does)."""
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
    source_specs = source_entries.sources(data.get("sources"), path.parent, check)
    sources = tuple(dict.fromkeys(Path(s.location) for s in source_specs if not s.is_remote))
    limits = input_limits(data.get("limits"), check)
    tables, from_sources = table_entries.indicators(data.get("indicators", [{"from_sources": True}]), path.parent, check,
                                                    limits, read_tables)
    summary_chars = data.get("summary_chars", SUMMARY_CHARS)
    audiences = audience_entries.audiences(data.get("audiences"), path.parent, summary_chars, check)
    output = data.get("output", DEFAULT_OUTPUT)
    if isinstance(output, str):
        for field in re.findall(r"{(\w*)}", output):
            if field not in ("briefing", "date", "audience"):
                check.error(("output",), f"unknown field {{{field}}}", "use {briefing}, {date} and {audience}")
        if "{audience}" not in output and isinstance(data.get("audiences"), dict) and len(data["audiences"]) > 1:
            check.error(("output",), "the path has no {audience}, so audiences would overwrite each other",
                        "add {audience} to the path")
    name = data.get("name") or path.stem
    names_ok = isinstance(name, str) and check_names(name, [str(a) for a in data.get("audiences") or {}]
                                                     if isinstance(data.get("audiences"), dict) else [], check)
    if isinstance(output, str) and names_ok and not check.errors:
        inputs = [path] + list(sources) + [t.path for t in tables if t.query is None or not t.query.url]
        check_output(output, name, [a.name for a in audiences], path.parent, inputs, [a.template for a in audiences],
                     check)
    if isinstance(summary_chars, int) and summary_chars < 0:  # as an audience's own summary_chars is
        check.error(("summary_chars",), f"expected 0 or more, got {summary_chars}", TOP_KEYS["summary_chars"][1])
    if isinstance(data.get("keep"), int) and data["keep"] < 1:
        check.error(("keep",), f"expected 1 or more, got {data['keep']}", "keep at least the latest edition")
    if isinstance(data.get("since"), str) and data["since"] != "last-edition":
        check.error(("since",), f'unknown value "{data["since"]}"', "write since: last-edition, or leave it out")
    aliases = _aliases(data.get("aliases"), check)
    if check.errors:
        raise InputErrors(check.errors) if len(check.errors) > 1 else check.errors[0]
    return Config(path, name, data["title"], sources, tables, from_sources, audiences, output, summary_chars,
                  keep=data.get("keep"), on_failure=data.get("on_failure", ""), deliver=data.get("deliver", ""),
                  since=data.get("since", ""), source_specs=source_specs, limits=limits, aliases=aliases)


def _aliases(value, check: Checker) -> dict[str, tuple[str, ...]]:
    """{canonical name: [other names]} (one other name may be a plain text); no name stands for two."""
    if not isinstance(value, dict):
        return {}
    aliases: dict[str, tuple[str, ...]] = {}
    owner: dict[str, str] = {}
    for canonical, others in value.items():
        others = [others] if isinstance(others, str) else others
        if not isinstance(canonical, str) or not canonical.strip() or not isinstance(others, list) or not all(
                isinstance(o, str) and o.strip() for o in others):
            check.error(("aliases", str(canonical)), f"expected a name and a list of its other names, got {shown(others)}",
                        TOP_KEYS["aliases"][1])
            continue
        for name in [canonical, *others]:
            if name.strip().casefold() in owner and owner[name.strip().casefold()] != canonical:
                check.error(("aliases", canonical), f'"{name}" is also an alias of "{owner[name.strip().casefold()]}"',
                            "give each name to one indicator")
            owner.setdefault(name.strip().casefold(), canonical)
        aliases[canonical.strip()] = tuple(o.strip() for o in others)
    return aliases
