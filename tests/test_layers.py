"""The shape of the house: data flows one way, stages stay stages, only languages/ knows a language.

The graph is read from the source (every `from briefing… import`, at the top of a module or
inside a function), as `python3 tools/import_graph.py` prints it.
"""

from __future__ import annotations

import ast
import io
import re
import shutil
import sys
import tokenize
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tools"))

import import_graph  # noqa: E402

STAGES = ("briefing.ingest", "briefing.analyse", "briefing.enrich", "briefing.select", "briefing.render",
          "briefing.publish", "briefing.templating", "briefing.languages", "briefing.model")
ABOVE_STAGES = ("briefing.config", "briefing.pipeline", "briefing.cli", "briefing.check", "briefing.extract",
                "briefing.evaluate", "briefing.operate", "briefing.project")


def test_no_import_cycle():
    assert import_graph.cycles(import_graph.graph()) == []


def test_every_import_goes_down_the_layers():
    assert import_graph.upward(import_graph.graph()) == []


def test_every_module_has_a_layer():
    listed = {p for layer in import_graph.LAYERS for p in layer}
    for module in import_graph.modules():
        top = ".".join(module.split(".")[:2])
        assert module == "briefing" or top in listed, f"{module} is in no layer of tools/import_graph.py"


def test_stages_never_import_config_pipeline_or_commands():
    for source, targets in import_graph.graph().items():
        if source.startswith(STAGES):
            wrong = sorted(t for t in targets if t.startswith(ABOVE_STAGES))
            assert not wrong, f"{source} imports {wrong}"


def test_an_upward_import_is_caught(tmp_path):
    """The check itself: a copy of the package with one added upward import fails it."""
    copy = tmp_path / "briefing"
    shutil.copytree(ROOT / "briefing", copy, ignore=shutil.ignore_patterns("__pycache__", "templates", "skeleton"))
    model = copy / "model" / "document.py"
    model.write_text(model.read_text(encoding="utf-8") + "\nfrom briefing.pipeline import build  # upward\n",
                     encoding="utf-8")
    edges = import_graph.graph(copy)
    assert ("briefing.model.document", "briefing.pipeline") in import_graph.upward(edges)
    assert import_graph.cycles(edges)  # the pipeline imports the model: the new arrow closes a cycle


# A language is known in languages/ only: no branch on a language code, no Chinese pattern elsewhere.
_LANGUAGE_LITERAL = re.compile(r"""(?:==|!=|\bin)\s*\(?\s*["'](?:zh|en)["']|["'](?:zh|en)["']\s*(?:==|!=|:)""")
_CJK = re.compile(r"[\u3000-\u303f\u4e00-\u9fff\uff00-\uffef]")


def _code_lines(path: Path):
    """(line number, source line) of every line of code: docstrings and comments left out."""
    source = path.read_text(encoding="utf-8")
    tree = ast.parse(source)
    docstrings = {n.body[0].value.lineno for n in ast.walk(tree)
                  if isinstance(n, (ast.Module, ast.ClassDef, ast.FunctionDef, ast.AsyncFunctionDef)) and n.body
                  and isinstance(n.body[0], ast.Expr) and isinstance(n.body[0].value, ast.Constant)
                  and isinstance(n.body[0].value.value, str)}
    spans = set()
    for n in ast.walk(tree):
        if isinstance(n, ast.Expr) and isinstance(n.value, ast.Constant) and n.value.lineno in docstrings:
            spans.update(range(n.value.lineno, n.value.end_lineno + 1))
    lines = source.splitlines()
    for token in tokenize.generate_tokens(io.StringIO(source).readline):
        if token.type == tokenize.COMMENT:  # a comment ends its line; a "#" in a string is no comment
            row, column = token.start
            lines[row - 1] = lines[row - 1][:column]
    for number, line in enumerate(lines, 1):
        if number not in spans:
            yield number, line


def _outside_languages():
    return [p for p in sorted((ROOT / "briefing").rglob("*.py")) if "languages" not in p.relative_to(ROOT).parts]


@pytest.mark.parametrize("pattern, what", [(_LANGUAGE_LITERAL, "a branch on a language code"),
                                           (_CJK, "a Chinese word or pattern")])
def test_only_the_language_packs_know_a_language(pattern, what):
    found = sorted(f"{p.relative_to(ROOT)}:{n}: {line.strip()}" for p in _outside_languages()
                   for n, line in _code_lines(p) if pattern.search(line))
    assert not found, f"{what} outside briefing/languages/:\n" + "\n".join(found)
