"""YAML files with a line for every key path, and a Checker that collects every error of one file.

config (briefing.yaml) and templating (template.yaml) read their files through these, so an
error names the file, the line and the key path (`audiences.executive.max_directives`).
"""

from __future__ import annotations

import unicodedata
from pathlib import Path
from typing import Any, Callable

import yaml

from briefing.errors import InputError, InputErrors
from briefing.patterns import lazy


MAX_BYTES = 2 ** 20  # a config or template.yaml is a page of keys; 1 MB is hundreds of sources
MAX_NODES = 10_000  # values in the file once its aliases are expanded: a billion laughs stops here
CONTROL = lazy(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")  # in a string: everything but tab and newline


MAX_DEPTH = 64  # values inside values: a config is a few levels deep; this is far below what a walk of it can take

# libyaml's parser where PyYAML has it (its wheels do): the pure-Python one is 5 times slower, a few milliseconds
# a file of every run, and fails on a deep nesting with a RecursionError where libyaml stops at 1000 levels.
_Parser = yaml.CSafeLoader if getattr(yaml, "__with_libyaml__", False) else yaml.SafeLoader


class _Loader(_Parser):  # type: ignore[misc,valid-type]
    """YAML with no implicit dates: `date: 2024-02-30` is text that the schema checks and names with its line,
    not a crash of the loader (and `date: 2024-03-05` is the same text as `date: "2024-03-05"`)."""


_Loader.yaml_implicit_resolvers = {first: [(tag, regexp) for tag, regexp in resolvers if tag != "tag:yaml.org,2002:timestamp"]
                                   for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()}


class _Refused(yaml.YAMLError):
    """A composed file refused before anything walks it: what is wrong, the fix, and where."""

    def __init__(self, problem: str, fix: str, mark: Any):
        self.problem, self.fix, self.mark = problem, fix, mark


def _children(node: Any) -> list:
    if isinstance(node, yaml.SequenceNode):
        return node.value
    if isinstance(node, yaml.MappingNode):
        return [part for pair in node.value for part in pair]
    return []


def check_size(root: Any) -> None:
    """Refuse a composed tree that expands, aliases expanded, past MAX_NODES values (a billion laughs), that nests
    deeper than MAX_DEPTH, or that holds itself (`a: &x [*x]`). An alias is the node it names, so the walk is of
    the nodes as composed, each once (a depth-first walk with a stack of its own, not Python's)."""
    size: dict[int, int] = {}
    depth: dict[int, int] = {}
    counting = set()  # the nodes whose values are being counted: one of them met again is an alias to itself
    stack = [(root, False)]
    while stack:
        node, counted = stack.pop()
        key = id(node)
        if counted:
            children = _children(node)
            size[key] = 1 + sum(size[id(child)] for child in children)
            depth[key] = 1 + max((depth[id(child)] for child in children), default=0)
            counting.discard(key)
            if size[key] > MAX_NODES:
                raise _Refused(f"the YAML aliases (*name) expand it past {MAX_NODES:,} values",
                               "write the values out, or use fewer aliases", node.start_mark)
            if depth[key] > MAX_DEPTH:
                raise _Refused(f"values nested more than {MAX_DEPTH} levels deep", "write it flatter", node.start_mark)
            continue
        if key in size:
            continue
        if key in counting:
            raise _Refused("an alias (*name) inside the value it names: the value would hold itself",
                           "point the alias at a value outside it", node.start_mark)
        counting.add(key)
        stack.append((node, True))
        stack.extend((child, False) for child in _children(node) if id(child) not in size)


def read_yaml(path: Path) -> tuple[Any, dict[tuple, int]]:
    """The file's data and the line of every key path. Refused, as one InputError per problem: a file over
    MAX_BYTES, expanding past MAX_NODES or nesting past MAX_DEPTH, invalid YAML, a key given twice, a control
    character in a string."""
    loader = _Loader(_text(path))
    try:
        node = _composed(loader)
        lines = _lines(path, node)  # before construction, which folds merge keys (<<: *defaults) into the node
        data = loader.construct_document(node) if node is not None else None
    except _Refused as exc:
        raise InputError(str(path), exc.problem, exc.fix, exc.mark.line + 1) from None
    except RecursionError:  # the pure-Python parser, without libyaml, on a nesting deeper than Python's stack
        raise InputError(str(path), f"values nested more than {MAX_DEPTH} levels deep", "write it flatter") from None
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        problem = getattr(exc, "problem", None) or "not valid YAML"
        if "nesting depth" in problem:  # libyaml's own limit, 1000 levels, met before check_size's
            raise InputError(str(path), f"values nested more than {MAX_DEPTH} levels deep", "write it flatter",
                             mark.line + 1 if mark else None) from None
        raise InputError(str(path), f"YAML syntax error: {problem}", "check the indentation and the colons",
                         mark.line + 1 if mark else None) from None
    finally:
        loader.dispose()
    return data, lines


def read_data(path: Path) -> Any:
    """The data of a YAML file that may be broken, for a first look (a config's on_failure hook before the config
    is checked): None when it cannot be read, or not within the bounds read_yaml keeps."""
    try:
        loader = _Loader(_text(path))
    except InputError:
        return None
    try:
        node = _composed(loader)
        return loader.construct_document(node) if node is not None else None
    except (yaml.YAMLError, RecursionError):
        return None
    finally:
        loader.dispose()


def _composed(loader: _Loader) -> Any:
    """The file's node tree, refused (_Refused) when it is too big, too deep or holds itself."""
    node = loader.get_single_node()
    if node is not None:
        check_size(node)
    return node


def _lines(path: Path, node: Any) -> dict[tuple, int]:
    lines: dict[tuple, int] = {}
    problems: list[InputError] = []
    mark_lines(node, (), lines, lambda line, problem, fix: problems.append(
        InputError(str(path), printable(problem), fix, line)))
    if problems:
        raise InputErrors(problems) if len(problems) > 1 else problems[0]
    return lines


def _text(path: Path) -> str:
    try:
        with path.open("rb") as file:
            raw = file.read(MAX_BYTES + 1)
        if len(raw) > MAX_BYTES:
            raise InputError(str(path), "the config is over 1 MB", "keep the config to its keys: long lists of "
                             "sources fit in a glob (data/sources/*.txt), texts belong in files of their own")
        return raw.decode("utf-8")
    except FileNotFoundError:
        raise InputError(str(path), "config file not found",
                         "give the path of a briefing.yaml, or run `briefing init DIR` to make one") from None
    except UnicodeDecodeError:
        raise InputError(str(path), "the config is not UTF-8 text", "save it as UTF-8") from None
    except OSError as exc:
        raise InputError(str(path), f"cannot read the config: {exc.strerror}") from None


Problem = Callable[[int, str, str], None]  # (line, problem, fix)


def mark_lines(node: Any, keys: tuple, lines: dict[tuple, int], problem: Problem) -> None:
    """Record the line of every key path under `node`; report a key given twice and a string holding a control
    character. The tree is at most MAX_NODES values, aliases expanded, and MAX_DEPTH deep (check_size), so this
    walk is bounded."""
    if node is None:
        return
    lines[keys] = node.start_mark.line + 1
    if isinstance(node, yaml.MappingNode):
        seen: dict[str, int] = {}
        for key, value in node.value:
            line = key.start_mark.line + 1
            if not isinstance(key, yaml.ScalarNode):  # `[a, b]: 1` or `? {a: 1}`: no config key is one
                where = f"{_where(keys)}: " if keys else ""
                problem(line, f"{where}a key that is a list or a mapping", "write each key as a plain word or text")
                continue
            path = keys + (key.value,)
            if key.tag != "tag:yaml.org,2002:merge":
                _check_string(key, path, problem)
                if key.value in seen:
                    problem(line, f"{_where(path)}: the key is given twice, on line {seen[key.value]} and here",
                            "keep one of them: YAML would silently take the last")
                seen.setdefault(key.value, line)
            mark_lines(value, path, lines, problem)
            lines[path] = line
    elif isinstance(node, yaml.SequenceNode):
        for i, value in enumerate(node.value):
            mark_lines(value, keys + (i,), lines, problem)
    elif isinstance(node, yaml.ScalarNode):
        _check_string(node, keys, problem)


def _check_string(node: Any, keys: tuple, problem: Problem) -> None:
    found = CONTROL.search(node.value) if node.tag == "tag:yaml.org,2002:str" else None
    if found:
        problem(node.start_mark.line + 1, f"{_where(keys)}: a control character (U+{ord(found.group()):04X}) in "
                "the text", "remove it: titles, names and paths go into folders, Word files and mails")


def _where(keys: tuple) -> str:
    return ".".join(str(k) for k in keys)


def printable(text: str) -> str:
    """A message with what a terminal would not show, or would break a line at, written as an escape (\\n,
    \\u202e), so an error stays one line and shows what is really there."""
    return "".join(ch.encode("unicode_escape").decode("ascii") if unicodedata.category(ch) in _UNSHOWN else ch
                   for ch in text)


_UNSHOWN = ("Cc", "Cf", "Cs", "Co", "Cn", "Zl", "Zp")  # controls, format (bidi, zero-width), unassigned, breaks


class Checker:
    """Collects every error of one config file, each with its line and key path."""

    def __init__(self, path: Path, lines: dict[tuple, int]):
        self.path = path
        self.lines = lines
        self.errors: list[InputError] = []

    def error(self, keys: tuple, problem: str, fix: str = "") -> None:
        line = self.lines.get(keys) or self.lines.get(keys[:-1]) or ""
        where = ".".join(str(k) for k in keys)
        self.errors.append(InputError(str(self.path), printable(f"{where}: {problem}" if where else problem), fix, line))

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
