"""The package's import graph: its cycles, and the imports that go up the layers.

    python3 tools/import_graph.py            # cycles and upward imports; exit 1 if any
    python3 tools/import_graph.py --edges    # every arrow, one per line
    python3 tools/import_graph.py --root OTHER/briefing   # another checkout's package (cycles only)

Every `from briefing… import` counts, at the top of a module or inside a function.
A module is a file; a package is its `__init__.py`. tests/test_layers.py holds the
same rules in CI.
"""

from __future__ import annotations

import ast
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent / "briefing"

# Rule 1 of the architecture review, top to bottom. A module may import only from its own layer's
# package or a lower layer; the first entry whose prefix matches a module names its layer.
LAYERS: tuple[tuple[str, ...], ...] = (
    ("briefing.cli", "briefing.__main__"),
    ("briefing.batch", "briefing.check", "briefing.extract", "briefing.evaluate", "briefing.operate",
     "briefing.project"),
    ("briefing.pipeline",),
    ("briefing.config",),
    ("briefing.select", "briefing.render", "briefing.publish"),
    ("briefing.templating", "briefing.enrich", "briefing.analyse", "briefing.ingest"),
    ("briefing.languages",),
    ("briefing.model",),
    ("briefing.errors", "briefing.yamlfile", "briefing.resources", "briefing.cache", "briefing.patterns", "briefing"),
)


def modules(root: Path = ROOT) -> dict[str, Path]:
    """Every module of the package by its dotted name."""
    found = {}
    for path in sorted(root.rglob("*.py")):
        parts = path.relative_to(root.parent).with_suffix("").parts
        name = ".".join(parts[:-1] if parts[-1] == "__init__" else parts)
        found[name] = path
    return found


def graph(root: Path = ROOT) -> dict[str, set[str]]:
    """Module → the package modules it imports (a `from pkg import name` names pkg.name when that is a module)."""
    mods = modules(root)
    edges: dict[str, set[str]] = {m: set() for m in mods}
    for name, path in mods.items():
        package = name if path.name == "__init__.py" else name.rsplit(".", 1)[0]
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            for target in _targets(node, package):
                while target not in mods and "." in target:
                    target = target.rsplit(".", 1)[0]
                if target in mods and target != name and target != "briefing":
                    edges[name].add(target)
    return edges


def _targets(node: ast.AST, package: str) -> list[str]:
    if isinstance(node, ast.Import):
        return [a.name for a in node.names if a.name.startswith("briefing")]
    if not isinstance(node, ast.ImportFrom):
        return []
    base = node.module or ""
    if node.level:
        anchor = package.split(".")[: len(package.split(".")) - node.level + 1]
        base = ".".join(anchor + ([base] if base else []))
    if not base.startswith("briefing"):
        return []
    return [f"{base}.{a.name}" for a in node.names] + [base]


def cycles(edges: dict[str, set[str]]) -> list[list[str]]:
    """Strongly connected components with more than one module (Tarjan)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    found: list[list[str]] = []

    def visit(v: str) -> None:
        index[v] = low[v] = len(index)
        stack.append(v)
        for w in sorted(edges.get(v, ())):
            if w not in index:
                visit(w)
                low[v] = min(low[v], low[w])
            elif w in stack:
                low[v] = min(low[v], index[w])
        if low[v] == index[v]:
            component = []
            while True:
                w = stack.pop()
                component.append(w)
                if w == v:
                    break
            if len(component) > 1:
                found.append(sorted(component))

    sys.setrecursionlimit(10000)
    for v in sorted(edges):
        if v not in index:
            visit(v)
    return sorted(found)


def layer_of(module: str) -> int:
    for depth, prefixes in enumerate(LAYERS):
        if any(module == p or module.startswith(p + ".") for p in prefixes if p != "briefing"):
            return depth
    return len(LAYERS) - 1


def upward(edges: dict[str, set[str]]) -> list[tuple[str, str]]:
    """Imports from a lower layer up to a higher one (imports within a layer are held by the cycle check)."""
    return [(source, target) for source, targets in sorted(edges.items()) for target in sorted(targets)
            if layer_of(target) < layer_of(source)]


def main(argv: list[str]) -> int:
    root = Path(argv[argv.index("--root") + 1]) if "--root" in argv else ROOT
    edges = graph(root.resolve())
    if "--edges" in argv:
        for source, targets in sorted(edges.items()):
            for target in sorted(targets):
                print(f"{source} -> {target}")
        return 0
    found = cycles(edges)
    up = upward(edges) if root.resolve() == ROOT else []
    arrows = sum(len(t) for t in edges.values())
    print(f"{len(edges)} modules, {arrows} import arrows, {len(found)} cycles, {len(up)} upward imports")
    for component in found:
        print("cycle:", " <-> ".join(component))
    for source, target in up:
        print(f"upward: {source} -> {target}")
    return 1 if found or up else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
