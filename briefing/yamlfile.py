"""YAML files with a line for every key path, and a Checker that collects every error of one file.

config (briefing.yaml) and templating (template.yaml) read their files through these, so an
error names the file, the line and the key path (`audiences.executive.max_directives`).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml

from briefing.errors import InputError


class _Loader(yaml.SafeLoader):
    """YAML with no implicit dates: `date: 2024-02-30` is text that the schema checks and names with its line,
    not a crash of the loader (and `date: 2024-03-05` is the same text as `date: "2024-03-05"`)."""


_Loader.yaml_implicit_resolvers = {first: [(tag, regexp) for tag, regexp in resolvers if tag != "tag:yaml.org,2002:timestamp"]
                                   for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()}


def read_yaml(path: Path) -> tuple[Any, dict[tuple, int]]:
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise InputError(str(path), "config file not found",
                         "give the path of a briefing.yaml, or run `briefing init DIR` to make one") from None
    except UnicodeDecodeError:
        raise InputError(str(path), "the config is not UTF-8 text", "save it as UTF-8") from None
    except OSError as exc:
        raise InputError(str(path), f"cannot read the config: {exc.strerror}") from None
    try:
        node = yaml.compose(text, Loader=_Loader)
        data = yaml.load(text, Loader=_Loader)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        problem = getattr(exc, "problem", None) or "not valid YAML"
        raise InputError(str(path), f"YAML syntax error: {problem}", "check the indentation and the colons",
                         mark.line + 1 if mark else None) from None
    lines: dict[tuple, int] = {}
    mark_lines(node, (), lines)
    return data, lines


def mark_lines(node: Any, keys: tuple, lines: dict[tuple, int]) -> None:
    if node is None:
        return
    lines[keys] = node.start_mark.line + 1
    if isinstance(node, yaml.MappingNode):
        for key, value in node.value:
            lines[keys + (key.value,)] = key.start_mark.line + 1
            mark_lines(value, keys + (key.value,), lines)
            lines[keys + (key.value,)] = key.start_mark.line + 1
    elif isinstance(node, yaml.SequenceNode):
        for i, value in enumerate(node.value):
            mark_lines(value, keys + (i,), lines)



class Checker:
    """Collects every error of one config file, each with its line and key path."""

    def __init__(self, path: Path, lines: dict[tuple, int]):
        self.path = path
        self.lines = lines
        self.errors: list[InputError] = []

    def error(self, keys: tuple, problem: str, fix: str = "") -> None:
        line = self.lines.get(keys) or self.lines.get(keys[:-1]) or ""
        where = ".".join(str(k) for k in keys)
        self.errors.append(InputError(str(self.path), f"{where}: {problem}" if where else problem, fix, line))

    def typed(self, value: Any, expected: type, keys: tuple, help_text: str) -> bool:
        ok = isinstance(value, expected) and not (expected is int and isinstance(value, bool))
        if not ok:
            self.error(keys, f"expected {type_name(expected)}, got {shown(value)}", help_text)
        return ok

    def unknown(self, mapping: dict, schema: dict, keys: tuple) -> None:
        for key in mapping:
            if key not in schema:
                known = ", ".join(schema)
                self.error(keys + (key,), "unknown key", f"use one of: {known}")


def type_name(expected: type) -> str:
    return {str: "a text", int: "an integer", bool: "true or false", list: "a list", dict: "a mapping"}[expected]


def shown(value: Any) -> str:
    if value is None:
        return "nothing"
    return f'"{value}"' if isinstance(value, str) else type(value).__name__ if isinstance(value, (list, dict)) else str(value)
