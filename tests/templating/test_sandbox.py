"""The sandbox: a template cannot reach Python, files or names that are no context field."""

from __future__ import annotations

import shutil
import sys
from pathlib import Path

import pytest

from briefing.errors import InputError
from briefing.templating import BUILTIN_TEMPLATES, load_template
from conftest import ROOT, copy_project as _project, run_cli

sys.path.insert(0, str(ROOT / "tools"))
from make_golden import DATE  # noqa: E402


def _digest_template(tmp_path: Path, body: str):
    folder = tmp_path / "templates" / "mine"
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "digest.md.j2").write_text(body, encoding="utf-8")
    return load_template(folder)


@pytest.mark.parametrize("body, message", [
    ("{{ ''.__class__.__mro__ }}", "refused: access to attribute '__class__' of 'str' object is unsafe"),
    ("{{ title.__init__.__globals__ }}", "refused: access to attribute '__init__' of 'str' object is unsafe"),
    ("{{ labels.items.__self__ }}", "refused"),
    ("{% include '../../briefing.yaml' %}", 'no template file "../../briefing.yaml"'),
    ("{% include '/etc/passwd' %}", 'no template file "/etc/passwd"'),
    ("{% include 'secret.txt' %}", 'no template file "secret.txt"'),  # a symlink out of the folder
    ("{% extends 'base:../../render.py' %}", "no template file"),
    ("{{ 'x' * 10**9 }}", "refused: repeating 1000000000 times"),
    ("{{ 2**1000 }}", "refused: a power of 1000 is more than a template needs"),
    ("{{ 'x' * 1000000000 }}", "refused: repeating 1000000000 times is more than a template needs"),
    ("{% for i in range(10**6) %}{% endfor %}", "refused: Range too big"),
])
def test_the_sandbox_refuses(tmp_path: Path, body: str, message: str):
    from briefing.render.markdown import render_markdown

    (tmp_path / "outside.txt").write_text("secret", encoding="utf-8")
    template = _digest_template(tmp_path, body)
    (template.folder / "secret.txt").symlink_to(tmp_path / "outside.txt")
    with pytest.raises(InputError) as caught:
        render_markdown({"title": "T", "labels": {"a": 1}}, template)
    assert message in caught.value.line() and "digest.md.j2" in caught.value.line()


def test_the_sandbox_through_the_command(tmp_path: Path):
    project = _project(tmp_path)
    shutil.copytree(BUILTIN_TEMPLATES / "executive", project / "templates" / "executive")
    (project / "templates/executive/digest.md.j2").write_text(
        '{% extends "parent:digest.md.j2" %}\n{% block directives %}\n'
        "{{ ''.__class__.__mro__[1].__subclasses__() }}\n{% endblock %}\n", encoding="utf-8")
    result = run_cli("build", str(project / "briefing.yaml"), "--date", DATE)
    assert result.returncode == 2 and "Traceback" not in result.stderr
    assert "templates/executive/digest.md.j2:3: refused: access to attribute '__class__' of 'str' object is unsafe" \
        in result.stderr
    assert not (project / "out").exists() or not list((project / "out").rglob("*.docx"))
