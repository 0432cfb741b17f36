"""A render is bounded in what it makes and in time (the report's P17 and P29): each template bomb is one
line naming the template's file and line, refused before it takes the memory or the time it asks for."""

from __future__ import annotations

import resource
import shutil
import sys
import time
from pathlib import Path

import pytest

from briefing.errors import InputError
from briefing.model import InputLimits
from briefing.render.markdown import render_markdown
from briefing.templating import BUILTIN_TEMPLATES, load_template
from conftest import ROOT, copy_project, run_cli

sys.path.insert(0, str(ROOT / "tools"))
sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "render"))
from make_golden import DATE  # noqa: E402
from test_word_sandbox import with_paragraph  # noqa: E402

CONTEXT = {"title": "T", "items": list(range(3000)), "x": [1, 2]}


def _render(tmp_path: Path, body: str, limits: InputLimits = InputLimits()) -> str:
    folder = tmp_path / "mine"
    folder.mkdir(exist_ok=True)
    (folder / "digest.md.j2").write_text("\n" + body + "\n", encoding="utf-8")
    return render_markdown(CONTEXT, load_template(folder), limits)


@pytest.mark.parametrize("body, message", [
    ("{{ (('x' * 100000) * 30000)|length }}", "repeating makes 3,000,000,000 items"),
    ("{% set ns = namespace(s='x') %}{% for i in range(40) %}{% set ns.s = ns.s ~ ns.s %}{% endfor %}",
     "a text or list of 33,554,432 items is more than a template may make"),
    ("{% set ns = namespace(s='x') %}{% for i in range(40) %}{% set ns.s = ns.s + ns.s %}{% endfor %}",
     "a text or list of 33,554,432 items"),
    ("{% set ns = namespace(n=10**100) %}{% for i in range(18) %}{% set ns.n = ns.n * ns.n %}{% endfor %}",
     "a number of more than 100,000 bits"),
    ("{{ ((9 ** 99) ** 99) ** 99 }}", "a number of more than 100,000 bits"),
    ("{{ '{:>2000000000}'.format(1) }}", "a {} format: a width of 2,000,000,000"),
    ("{{ '{:{w}}'.format(1, w=10**9) }}", "a {} format: a width of 1,000,000,000"),
    ("{{ '%2000000000d'|format(1) }}", "a % format: a width of 2,000,000,000"),
    ("{{ '%*d'|format(10**9, 1) }}", "a % format: a width of 1,000,000,000"),
    ("{{ '%2000000000d' % 1 }}", "a % format: a width of 2,000,000,000"),
    ("{{ title|center(2000000000) }}", "|center: a width of 2,000,000,000"),
    ("{{ title.ljust(10**9) }}", ".ljust(): a width of 1,000,000,000"),
    ("{{ title|indent(10**9) }}", "|indent: a width"),
    ("{{ range(10)|batch(10**9, 'x')|list }}", "|batch: a width"),
    ("{{ x|tojson(10**9) }}", "|tojson: a width"),
    ("{{ ('x' * 100000)|replace('x', 'x' * 100000) }}", "replacing makes more than 20,000,000 characters"),
    ("{{ ('x' * 100000).replace('x', 'y' * 1000) }}", "replacing makes more than 20,000,000 characters"),
    ("{{ range(100000)|join('x' * 100000) }}", "joining makes more than 20,000,000 characters"),
    ("{{ ('x' * 100000).join(range(1000)|map('string')|list) }}", "joining makes more than"),
    ("{% for i in range(100000) %}{{ 'x' * 1000 }}{% endfor %}", "the template writes more than 20,000,000 characters"),
    ("{{ lipsum(10**6) }}", "more placeholder text than a template needs"),
    ("{{ '1e999999999'|thousands }}", "'1e999999999' is not a figure a briefing can write out"),
    ("{{ 12|thousands(10**9) }}", "1000000000 decimals: give a number of decimals from 0 to 20"),
    ("{{ 12|percent(10**9) }}", "decimals: give a number of decimals from 0 to 20"),
])
def test_a_template_bomb_is_refused_at_its_line(tmp_path: Path, body: str, message: str):
    before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    with pytest.raises(InputError) as caught:
        _render(tmp_path, body)
    line = caught.value.line()
    assert message in line and "mine/digest.md.j2:2:" in line, line
    assert "\n" not in line
    assert resource.getrusage(resource.RUSAGE_SELF).ru_maxrss - before < 400_000  # KB: refused before it allocates


@pytest.mark.parametrize("body", [
    "{% for i in range(100000) %}{% for j in range(100000) %}{% endfor %}{% endfor %}",
    "{% for a in items %}{% for b in items %}{% for c in items %}{% endfor %}{% endfor %}{% endfor %}",
])
def test_a_render_has_a_deadline(tmp_path: Path, body: str):
    started = time.monotonic()
    with pytest.raises(InputError) as caught:
        _render(tmp_path, body, InputLimits(render_seconds=0.5))
    assert time.monotonic() - started < 5
    assert "mine/digest.md.j2:2: refused: the template ran for more than 0.5 s" in caught.value.line()


@pytest.mark.parametrize("body, shown", [
    ("{{ 'x' * 100 }}", "x" * 100),
    ("{{ '%5d|' % 42 }}{{ '{:>6}'.format('ab') }}", r"   42\|    ab"),
    ("{{ title|center(9) }}|{{ 1234567.5|thousands }}|{{ 31.25|percent }}", "    T    |1,234,567.5|31.3%"),
    ("{{ (range(3)|join('-')) ~ '!' }} {{ lipsum(1, false) is string }}", "0-1-2! True"),
    ("{% for i in items %}{% endfor %}{{ items|length }}", "3000"),
])
def test_what_a_template_needs_is_within_the_bounds(tmp_path: Path, body: str, shown: str):
    assert _render(tmp_path, body).rstrip("\n") == shown


def test_a_template_reads_attributes_of_data_only(tmp_path: Path):
    class Store:
        def save(self, path: str) -> str:
            return f"saved {path}"

    folder = tmp_path / "mine"
    folder.mkdir()
    (folder / "digest.md.j2").write_text("{{ title.upper() }} {{ store.save('x') }}\n", encoding="utf-8")
    with pytest.raises(InputError) as caught:
        render_markdown({"title": "t", "store": Store()}, load_template(folder))
    assert "digest.md.j2:1: refused: access to attribute 'save' of 'Store' object is unsafe" in caught.value.line()


@pytest.mark.parametrize("part", ["digest", "word"])
def test_loops_inside_loops_stop_the_build_with_one_line(tmp_path: Path, part: str):
    """The report's tpl/range_nested and word/range_nested, through the real command."""
    project = copy_project(tmp_path)
    folder = project / "templates" / "analyst"
    shutil.copytree(BUILTIN_TEMPLATES / "analyst", folder)
    bomb = "{% for i in range(100000) %}{% for j in range(100000) %}{% endfor %}{% endfor %}"
    if part == "digest":
        (folder / "digest.md.j2").write_text('{% extends "parent:digest.md.j2" %}\n{% block end %}\n' + bomb +
                                             "\n{% endblock %}\n", encoding="utf-8")
    else:
        with_paragraph(folder / "briefing.docx", bomb)
    started = time.monotonic()
    result = run_cli("build", str(project / "briefing.yaml"), "--date", DATE)
    assert result.returncode == 2 and "Traceback" not in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1, result.stderr
    where = "digest.md.j2:3: " if part == "digest" else "briefing.docx:paragraph “"
    assert f"templates/analyst/{where}" in result.stderr and "the template ran for more than 10 s" in result.stderr
    assert time.monotonic() - started < 60
    assert not list((project / "out").rglob("digest.md")) and not list((project / "out").rglob("briefing.docx"))
