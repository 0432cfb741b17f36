"""`briefing templates list | new | check`, the check before a build, wiring, and the README's audience settings."""

from __future__ import annotations

import shutil
import sys
from pathlib import Path

import pytest
from docx import Document as Word
from docx.oxml.ns import qn

from briefing.errors import InputError
from briefing.templating import BUILTIN_TEMPLATES, load_template
from conftest import ROOT, copy_project as _project, run_cli

sys.path.insert(0, str(ROOT / "tools"))
from make_golden import DATE  # noqa: E402


def test_templates_list(tmp_path: Path):
    project = _project(tmp_path)
    shutil.copytree(BUILTIN_TEMPLATES / "executive", project / "templates" / "executive")
    result = run_cli("templates", "list", "--config", str(project / "briefing.yaml"))
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    assert lines[0].split()[:3] == ["executive", "project", "templates/executive"]
    jianbao = next(line for line in lines if line.startswith("jianbao"))
    assert "built-in" in jianbao and "extends public" in jianbao and "GB/T 9704" in jianbao
    assert "(overridden by templates/executive)" in next(l for l in lines[1:] if l.startswith("executive"))


def test_templates_new_copies_and_wires(tmp_path: Path):
    project = _project(tmp_path)
    config = project / "briefing.yaml"
    result = run_cli("templates", "new", "minister", "--from", "executive", "--wire", "executive",
                     "--config", str(config))
    assert result.returncode == 0, result.stderr
    folder = project / "templates" / "minister"
    assert sorted(p.name for p in folder.iterdir()) == ["briefing.docx", "chart.mplstyle", "digest.md.j2",
                                                       "template.yaml"]
    assert (folder / "briefing.docx").read_bytes() == (BUILTIN_TEMPLATES / "executive/briefing.docx").read_bytes()
    text = config.read_text(encoding="utf-8")
    assert "    template: minister\n" in text and text.startswith("# The sample briefing")  # comments kept
    mine = load_template(folder)
    assert mine.parent.name == "executive" and mine.settings()["max_figures"] == 3
    result = run_cli("templates", "new", "board", "--from", "public", "--wire", "board", "--config", str(config))
    assert result.returncode == 0 and "audience board added" in result.stdout
    assert "  board:\n    template: board\n" in config.read_text(encoding="utf-8")
    assert run_cli("templates", "check", "--config", str(config)).returncode == 0
    assert run_cli("build", str(config), "--date", DATE).returncode == 0
    assert (project / "out/western-development" / DATE / "board/briefing.docx").is_file()
    again = run_cli("templates", "new", "minister", "--from", "analyst", "--config", str(config))
    assert again.returncode == 2 and "templates/minister: already exists" in again.stderr


def _broken(project: Path, name: str = "executive") -> Path:
    folder = project / "templates" / name
    if not folder.exists():
        shutil.copytree(BUILTIN_TEMPLATES / name, folder)
    return folder


def _digest(body: str):
    def change(project: Path) -> None:
        (_broken(project) / "digest.md.j2").write_text(
            '{% extends "parent:digest.md.j2" %}\n{% block directives %}\n' + body + "\n{% endblock %}\n",
            encoding="utf-8")
    return change


def _yaml(text: str):
    def change(project: Path) -> None:
        (_broken(project) / "template.yaml").write_text(text, encoding="utf-8")
    return change


def _word_paragraph(find: str, edit):
    def change(project: Path) -> None:
        path = _broken(project) / "briefing.docx"
        doc = Word(str(path))
        paragraph = next(p for p in doc.paragraphs if p.text == find)
        edit(doc, paragraph)
        doc.save(str(path))
    return change


def _retype(text: str):
    def edit(doc, paragraph) -> None:
        for run in paragraph.runs[1:]:
            run._r.getparent().remove(run._r)
        paragraph.runs[0].text = text
    return edit


def _split_formatting(doc, paragraph) -> None:
    paragraph.runs[0].text = "{{ labels."
    paragraph.add_run("directives }}").italic = True


def _other_text(doc, paragraph) -> None:
    paragraph.add_run("（注意）")


def _unknown_style(doc, paragraph) -> None:
    paragraph._p.get_or_add_pPr().get_or_add_pStyle().set(qn("w:val"), "Zwischentitel")


def _over_two_paragraphs(doc, paragraph) -> None:
    from copy import deepcopy

    paragraph.runs[0].text = "{{ labels."
    tail = deepcopy(paragraph._p)
    next(tail.iter(qn("w:t"))).text = "directives }}"
    paragraph._p.addnext(tail)


BROKEN = {
    "digest syntax": (_digest("{% for d in directives %}{{ d.text }}"), "templates/executive/digest.md.j2:4:",
                      "template syntax error: Encountered unknown tag 'endblock'"),
    "digest undefined name": (_digest("{{ titel }}"), "templates/executive/digest.md.j2:3:",
                              "'titel' is undefined: no context field has that name (did you mean title?)"),
    "digest unknown filter": (_digest("{{ date|datum }}"), "templates/executive/digest.md.j2:3:",
                              "No filter named 'datum'"),
    "digest misspelt attribute (trial render)": (_digest("{{ audience.titel }}"),
                                                 "templates/executive/digest.md.j2:3:",
                                                 "'dict object' has no attribute 'titel'"),
    "digest filter on text (trial render)": (_digest("{{ title|thousands }}"), "templates/executive/digest.md.j2:3:",
                                             "'西部大开发简报' is not a number"),
    "digest reaches Python internals": (_digest("{{ date.__class__ }}"), "templates/executive/digest.md.j2:3:",
                                        "refused: access to attribute '__class__' of 'str' object is unsafe"),
    "digest includes a file outside": (_digest("{% include '../../briefing.yaml' %}"),
                                       "templates/executive/digest.md.j2:3:",
                                       'no template file "../../briefing.yaml" in this template or its parents'),
    "template.yaml unknown section": (_yaml("extends: base\ndefaults:\n  sections: [directives, figurs]\n"),
                                      "templates/executive/template.yaml:3:",
                                      'defaults.sections.1: unknown section "figurs"'),
    "template.yaml missing parent": (_yaml("extends: exective\n"), "templates/executive/template.yaml:1:",
                                     'extends: no template "exective"'),
    "word syntax": (_word_paragraph("{{ labels.directives }}", _retype("{{ labels.directives + }}")),
                    "briefing.docx:paragraph “{{ labels.directives + }}”", "Word template syntax error"),
    "word undefined name": (_word_paragraph("{{ labels.directives }}", _retype("{{ lables.directives }}")),
                            "briefing.docx:paragraph “{{ lables.directives }}”",
                            "'lables' is undefined: no context field has that name (did you mean labels?)"),
    "word tag split across formatting": (_word_paragraph("{{ labels.directives }}", _split_formatting),
                                         "briefing.docx:paragraph “{{ labels.directives }}”",
                                         "Word split the tag {{ labels.directives }} into parts with different "
                                         "formatting"),
    "word tag over two paragraphs": (_word_paragraph("{{ labels.directives }}", _over_two_paragraphs),
                                     "briefing.docx:paragraph “{{ labels.”",
                                     "a tag opened with {{ is not closed in its paragraph"),
    "word paragraph tag beside text": (_word_paragraph("{%p for d in directives %}", _other_text),
                                       "briefing.docx:paragraph “{%p for d in directives %}（注意）”",
                                       "{%p for d in directives %} shares its paragraph with other text (“（注意）”)"),
    "word style not defined": (_word_paragraph("{{ labels.directives }}", _unknown_style),
                               "briefing.docx:paragraph “{{ labels.directives }}”",
                               "the style “Zwischentitel” is used but not defined"),
    "word not a docx": (lambda p: (_broken(p) / "briefing.docx").write_text("no", encoding="utf-8"),
                        "templates/executive/briefing.docx:", "cannot read the Word template"),
}


@pytest.mark.parametrize("case", sorted(BROKEN))
def test_templates_check_finds(tmp_path: Path, case: str):
    change, where, message = BROKEN[case]
    project = _project(tmp_path)
    change(project)
    result = run_cli("templates", "check", "executive", "--config", str(project / "briefing.yaml"))
    assert result.returncode == 2, (result.stdout, result.stderr)
    assert "Traceback" not in result.stderr
    lines = [line for line in result.stderr.splitlines() if message in line]
    assert lines and where in lines[0], result.stderr


def test_build_runs_the_check_first(tmp_path: Path):
    project = _project(tmp_path)
    BROKEN["word undefined name"][0](project)
    result = run_cli("build", str(project / "briefing.yaml"), "--date", DATE)
    assert result.returncode == 2
    assert "briefing.docx:paragraph “{{ lables.directives }}”: 'lables' is undefined" in result.stderr
    assert not (project / "out").exists() or not list((project / "out").rglob("*.docx"))


def test_templates_check_without_a_config_uses_the_example_project(tmp_path: Path):
    result = run_cli("templates", "check", "jianbao", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert "rendered against the example project, audience jianbao" in result.stdout


def test_a_note_when_word_and_sections_disagree_on_the_order(tmp_path: Path):
    from briefing.render.check import check_template

    folder = tmp_path / "mine"
    folder.mkdir()
    (folder / "template.yaml").write_text("extends: executive\ndefaults:\n  sections: [charts, directives]\n",
                                          encoding="utf-8")
    result = check_template(load_template(folder))
    assert result.ok and len(result.notes) == 1
    assert "order directives, charts; `sections` lists charts, directives" in result.notes[0]


def test_an_english_briefing_gets_english_words_and_punctuation(tmp_path: Path, make_config):
    config = make_config(title="Ministerial briefing", name=None, sources=["english/*.txt"], indicators=None,
                         audiences={"analyst": {"template": "analyst"}})
    (tmp_path / "english").mkdir()
    shutil.copy(ROOT / "tests/gold/2025-11-15-ministerial-communique.en.txt", tmp_path / "english")
    assert run_cli("build", str(config), "--date", "2025-11-16").returncode == 0
    edition = tmp_path / "out/briefing/2025-11-16/analyst"
    digest = (edition / "digest.md").read_text(encoding="utf-8")
    assert digest.startswith("# Ministerial briefing\n\n16 November 2025 · analyst · Internal\n")
    assert "(Ministers agreed; “Joint Communiqué – Fourth Meeting of…”, 15 November 2025, para. 8)" in digest
    assert "## Annex: source paragraphs" in digest and "（" not in digest.split("## Sources")[0].split("## Annex")[0]
    doc = Word(str(edition / "briefing.docx"))
    assert doc.sections[0].header.paragraphs[0].text == "Internal\t\tMinisterial briefing · analyst · 16 November 2025"
    assert [p.text for p in doc.paragraphs if p.style.name == "TOC Heading"] == ["Contents"]
    assert doc.core_properties.language == "en-GB"


def test_every_audience_setting_is_in_the_readme():
    from briefing.model import AUDIENCE_KEYS

    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert [k for k in AUDIENCE_KEYS if f"{k}:" not in readme] == []


def test_wire_keeps_the_layout_of_any_config(tmp_path: Path):
    from briefing.project import wire

    shutil.copytree(ROOT / "data", tmp_path / "data")
    config = tmp_path / "briefing.yaml"
    config.write_text("# flow style\ntitle: 简报\nsources: [data/sources/*.txt]\naudiences:\n"
                      "  executive: {max_directives: 6}   # kept\n  analyst:\noutput: out/{briefing}/{date}/{audience}\n",
                      encoding="utf-8")
    assert [wire(config, a, t) for a, t in (("executive", "public"), ("analyst", "jianbao"), ("board", "base"))] \
        == ["set", "set", "added"]
    assert config.read_text(encoding="utf-8") == (
        "# flow style\ntitle: 简报\nsources: [data/sources/*.txt]\naudiences:\n"
        "  executive: {template: public, max_directives: 6}   # kept\n  analyst: {template: jianbao}\n"
        "  board:\n    template: base\n    title: 简报\noutput: out/{briefing}/{date}/{audience}\n")
    before = config.read_text(encoding="utf-8")
    with pytest.raises(InputError, match='no template "nowhere"'):
        wire(config, "board", "nowhere")
    assert config.read_text(encoding="utf-8") == before  # a config that would not load is put back
