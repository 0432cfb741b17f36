"""Template folders: the search path, inheritance down to the base, template.yaml and its mistakes."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from briefing.errors import InputError
from briefing.templating import BUILTIN_TEMPLATES, load_template
from conftest import ROOT, copy_project as _project, run_cli

sys.path.insert(0, str(ROOT / "tools"))
from make_golden import DATE  # noqa: E402


def test_a_project_template_overrides_the_built_in_of_its_name(tmp_path: Path):
    from briefing.templating import find_template_folder

    assert find_template_folder("executive", tmp_path) == BUILTIN_TEMPLATES / "executive"
    (tmp_path / "templates" / "executive").mkdir(parents=True)
    (tmp_path / "templates" / "executive" / "template.yaml").write_text("description: ours\n", encoding="utf-8")
    assert find_template_folder("executive", tmp_path) == tmp_path / "templates" / "executive"
    assert find_template_folder("./templates/executive", tmp_path) == tmp_path / "./templates/executive"
    mine = load_template(tmp_path / "templates" / "executive")
    assert [t.origin for t in mine.chain] == ["project", "built-in"]
    assert mine.parent.name == "base"  # no extends: the base, not itself nor the built-in executive
    assert find_template_folder("nothing", tmp_path) is None


def test_a_child_inherits_files_and_settings_down_to_the_base(tmp_path: Path):
    folder = tmp_path / "templates" / "minister"
    folder.mkdir(parents=True)
    (folder / "template.yaml").write_text("extends: executive\ndefaults:\n  marking: 绝密\n", encoding="utf-8")
    minister = load_template(folder)
    assert [t.name for t in minister.chain] == ["minister", "executive", "base"]
    assert minister.word == BUILTIN_TEMPLATES / "executive" / "briefing.docx"
    assert minister.digest == BUILTIN_TEMPLATES / "executive" / "digest.md.j2"
    settings = minister.settings()
    assert settings["marking"] == "绝密" and settings["max_charts"] == 1 and settings["language"] == "auto"
    jianbao = load_template(BUILTIN_TEMPLATES / "jianbao")
    assert [t.name for t in jianbao.chain] == ["jianbao", "public", "base"]


def test_overriding_one_block_keeps_the_rest(tmp_path: Path):
    project = _project(tmp_path)
    folder = project / "templates" / "minister"
    folder.mkdir(parents=True)
    (folder / "template.yaml").write_text("extends: executive\n", encoding="utf-8")
    (folder / "digest.md.j2").write_text(
        '{% extends "parent:digest.md.j2" %}\n{% block figures %}\n## 数字\n\n'
        '{% for f in figures %}\n- {{ f.label }}：{{ f.shown }}\n{% endfor %}\n{% endblock %}\n', encoding="utf-8")
    config = project / "briefing.yaml"
    config.write_text(config.read_text(encoding="utf-8").replace("template: executive", "template: minister"),
                      encoding="utf-8")
    assert run_cli("build", str(config), "--date", DATE).returncode == 0
    digest = (project / "out/western-development" / DATE / "executive/digest.md").read_text(encoding="utf-8")
    assert "## 数字\n\n- 工业增加值：8.1万亿元\n" in digest  # the block it overrides
    assert "1. 要坚持把发展特色优势产业作为主攻方向" in digest and "## 重要指示" in digest  # executive's block
    assert digest.startswith("# 西部大开发简报\n\n2024年4月23日 · 领导参阅 · 内部参阅\n")  # the base's masthead


def test_template_defaults_and_the_config_over_them(tmp_path: Path):
    from briefing.config import load_config

    project = _project(tmp_path)
    config = load_config(project / "briefing.yaml")
    executive, analyst = config.audiences
    assert (executive.max_charts, executive.marking, executive.sections) == (1, "internal-reference",
                                                                              ("whats_new", "summary", "directives",
                                                                               "figures", "charts"))
    assert analyst.summary_chars == 400 and analyst.sections[0] == "contents" and analyst.max_charts is None
    text = (project / "briefing.yaml").read_text(encoding="utf-8")
    (project / "briefing.yaml").write_text(text.replace("    max_charts: 1\n", "    marking: \"\"\n"
                                                        "    sections: [charts, directives]\n"), encoding="utf-8")
    executive = load_config(project / "briefing.yaml").audiences[0]
    assert (executive.max_charts, executive.marking, executive.sections) == (1, "", ("charts", "directives"))


@pytest.mark.parametrize("yaml_text, message", [
    ("extends: nowhere\n", 'template.yaml:1: extends: no template "nowhere"'),
    ("name: x\ncolour: red\n", "template.yaml:2: colour: unknown key"),
    ("defaults:\n  sections: [summary, summery]\n", 'template.yaml:2: defaults.sections.1: unknown section "summery"'),
    ("defaults:\n  max_charts: two\n", 'template.yaml:2: defaults.max_charts: expected an integer, got "two"'),
    ("defaults:\n  language: fr\n", 'template.yaml:2: defaults.language: expected zh, en or auto, got "fr"'),
])
def test_template_yaml_mistakes(tmp_path: Path, yaml_text: str, message: str):
    folder = tmp_path / "templates" / "mine"
    folder.mkdir(parents=True)
    (folder / "template.yaml").write_text(yaml_text, encoding="utf-8")
    with pytest.raises(InputError) as caught:
        load_template(folder)
    assert message in caught.value.line()


def test_templates_that_extend_each_other_in_a_circle(tmp_path: Path):
    for name, parent in (("a", "b"), ("b", "a")):
        (tmp_path / name).mkdir()
        (tmp_path / name / "template.yaml").write_text(f"extends: {parent}\n", encoding="utf-8")
    with pytest.raises(InputError, match="extend each other in a circle: a → b → a"):
        load_template(tmp_path / "a")
