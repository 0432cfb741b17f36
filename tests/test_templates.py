"""Templates: the search path and inheritance, the sandbox, the filters, the context as a contract,
the golden digests, the Word briefings read back, PDF conversion, and `briefing templates`."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from docx import Document as Word
from docx.oxml.ns import qn
from docx.shared import Mm

from briefing.templating import filters
from briefing.languages import LANGUAGES
from briefing.render.context import FIELDS
from briefing.errors import InputError
from briefing.templating import BUILTIN_TEMPLATES, SECTIONS, TEMPLATE_KEYS, environment, load_template
from conftest import ROOT, run_cli

sys.path.insert(0, str(ROOT / "tools"))
from make_golden import DATE, GOLDEN, build_sample  # noqa: E402

BUILT_IN = ("executive", "analyst", "public", "jianbao")
W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


@pytest.fixture(scope="session")
def golden_build(tmp_path_factory) -> Path:
    """tests/golden/briefing.yaml (one audience per built-in template) built once, time and locale pinned."""
    return build_sample(tmp_path_factory.mktemp("golden"))


def _project(tmp_path: Path) -> Path:
    shutil.copy(ROOT / "briefing.yaml", tmp_path / "briefing.yaml")
    shutil.copytree(ROOT / "data", tmp_path / "data")
    return tmp_path


# ---------------------------------------------------------------- the context is a contract


def test_every_context_field_is_built_and_described(golden_build: Path):
    from briefing.pipeline import analyse, charts_for
    from briefing.config import load_config
    from briefing.render.context import build_context
    from briefing.select import select
    from briefing.ingest import read_document

    config = load_config(ROOT / "briefing.yaml")
    analysis = analyse(tuple(read_document(p) for p in config.sources), (), True)
    audience = config.audiences[1]
    context = build_context(select(charts_for(analysis, audience), audience, config.title, DATE))
    assert set(context) == set(FIELDS)
    assert all(len(text.split()) >= 3 for text in FIELDS.values()), "every field needs a real description"


def test_the_docs_keep_up_with_the_context_and_the_filters():
    docs = (ROOT / "templates" / "README.md").read_text(encoding="utf-8")
    for name in FIELDS:
        assert f"`{name}`" in docs, f"context field {name} is not in templates/README.md"
    for name in filters.FILTERS:
        assert f"`{name}`" in docs, f"filter {name} is not in templates/README.md"
    for name in list(SECTIONS) + list(TEMPLATE_KEYS):
        assert f"`{name}`" in docs, f"{name} is not in templates/README.md"
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    for command in ("templates list", "templates new", "templates check"):
        assert command in readme
    for name in BUILT_IN:
        assert f"docs/{name}-page1.png" in readme and (ROOT / "docs" / f"{name}-page1.png").is_file()


def test_every_section_has_a_label_in_every_language():
    for code, pack in LANGUAGES.items():
        assert set(SECTIONS) <= set(pack.words.labels), code


# ---------------------------------------------------------------- filters


def test_filters():
    f = filters
    zh_scale, zh_numeral = f.FILTERS["zh_scale"], f.FILTERS["zh_numeral"]
    assert f.thousands(1234567.5) == "1,234,567.5" and f.thousands("26900") == "26,900"
    assert f.thousands(2.345, 2) == "2.35" and f.thousands(-1234.5, 0) == "-1,235"
    assert f.percent(31.25) == "31.3%" and f.percent("4.9", 0) == "5%"
    assert f.share(0.505) == "50.5%"
    assert f.signed(31.2) == "+31.2" and f.signed(-0.55, 1, " pp") == "−0.6 pp"
    assert zh_scale(26_900_000_000_000, "元") == "26.9万亿元"
    assert zh_scale(370_000_000_000) == "3700亿" and zh_scale(35000, "列") == "3.5万列"
    assert zh_scale(2055, "列") == "2,055列" and zh_scale(123_456_789, digits=1) == "1.2亿"
    assert [zh_numeral(n) for n in (0, 3, 10, 12, 20, 105, 1010, 10500, 114)] == [
        "〇", "三", "十", "十二", "二十", "一百零五", "一千零一十", "一万零五百", "一百一十四"]
    assert f.FILTERS["date_zh"]("2024-04-23") == "2024年4月23日" and f.FILTERS["date_en"]("2024-04-03") == "3 April 2024"
    assert f.anchor("What's new") == "whats-new" and f.anchor("附件：原文摘录") == "附件原文摘录"
    env = environment()
    assert env.from_string("{{ d|date }}").render(d="2024-04-23", language="en") == "23 April 2024"
    assert env.from_string("{{ d|date }}").render(d="2024-04-23", language="zh") == "2024年4月23日"
    assert env.from_string("{{ 12|heading_number }}").render(language="zh") == "十二、"
    assert env.from_string("{{ 12|heading_number }}").render(language="en") == "12. "
    with pytest.raises(ValueError, match="'西部' is not a number"):
        f.thousands("西部")


def test_filters_do_not_depend_on_the_locale():
    code = ("from briefing.templating.filters import FILTERS; "
            "print(FILTERS['thousands'](1234567.5), FILTERS['date_en']('2024-04-23'))")
    for locale in ("C.UTF-8", "de_DE.UTF-8", "fr_FR.UTF-8"):
        out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT,
                             env={**os.environ, "LC_ALL": locale}).stdout
        assert out == "1,234,567.5 23 April 2024\n", locale


# ---------------------------------------------------------------- search path and inheritance


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
                                                                              ("whats_new", "directives", "figures", "charts"))
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


# ---------------------------------------------------------------- the sandbox


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
    from briefing.render.word import render_markdown

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


# ---------------------------------------------------------------- golden digests


@pytest.mark.parametrize("name", BUILT_IN)
def test_golden_digest(golden_build: Path, name: str):
    expected = (GOLDEN / f"{name}.md").read_text(encoding="utf-8")
    actual = (golden_build / name / "digest.md").read_text(encoding="utf-8")
    assert actual == expected, f"the {name} digest changed; if on purpose, run `make golden` and read the diff"


def test_golden_digests_say_what_each_template_is_for():
    executive, analyst, public, jianbao = (
        (GOLDEN / f"{n}.md").read_text(encoding="utf-8") for n in BUILT_IN)
    assert "内部参阅" in executive and "## 摘要" not in executive and "强化科技创新" not in executive
    assert analyst.index("## 目录") < analyst.index("## 新变化") < analyst.index("## 摘要")
    assert "## 附件：原文摘录" in analyst and "> **¶24**" in analyst and "⚑" in analyst
    assert "内部" not in public and "¶" not in public and "附件" not in public and "xinhua-" not in public
    assert jianbao.startswith("**内部资料　注意保存**\n\n**西部大开发简报**\n\n第114期\n\n综合研究室编　　2024年4月23日\n\n---\n")
    assert "## 一、摘要" in jianbao and "## 二、重要指示" in jianbao and "¶" not in jianbao


# ---------------------------------------------------------------- Word read back


def _word(golden_build: Path, name: str):
    return Word(str(golden_build / name / "briefing.docx"))


def _east_asian(style) -> str:
    return style.element.rPr.find(qn("w:rFonts")).get(qn("w:eastAsia"))


def _fields(element) -> list[str]:
    return [t.text.strip() for t in element.iter(qn("w:instrText"))] + \
           [f.get(qn("w:instr")).strip() for f in element.iter(qn("w:fldSimple"))]


@pytest.mark.parametrize("name", BUILT_IN)
def test_word_styles_fonts_and_language(golden_build: Path, name: str):
    doc = _word(golden_build, name)
    used = {p.style.name for p in doc.paragraphs}
    assert {"Title", "Heading 1", "List Number", "Caption", "Figure"} <= used
    assert {"Heading 2", "TOC 1"} <= used or name != "analyst"
    expected = {"executive": ("宋体", "黑体"), "analyst": ("宋体", "黑体"), "public": ("宋体", "黑体"),
                "jianbao": ("仿宋", "黑体")}[name]
    assert (_east_asian(doc.styles["Normal"]), _east_asian(doc.styles["Heading 1"])) == expected
    for style in ("Normal", "Title", "Heading 1", "Heading 2", "List Number", "Caption"):
        lang = doc.styles[style].element.rPr.find(qn("w:lang"))
        assert lang.get(qn("w:eastAsia")) == "zh-CN", style
    assert doc.tables and all(t.style.name == "Briefing Table" for t in doc.tables)
    for table in doc.tables:  # the header row repeats on every page
        assert table.rows[0]._tr.trPr.find(qn("w:tblHeader")) is not None
        assert all(c.paragraphs[0].style.name == "Table Text" for r in table.rows for c in r.cells)
    assert not [p.text for p in doc.paragraphs if "{{" in p.text or "{%" in p.text]
    # nothing but styles: no run sets its own font or size in the body
    assert not [r.text for p in doc.paragraphs for r in p.runs if r.font.name or r.font.size]


@pytest.mark.parametrize("name", BUILT_IN)
def test_word_header_footer_fields_captions_images(golden_build: Path, name: str):
    doc = _word(golden_build, name)
    section = doc.sections[0]
    header = section.header.paragraphs[0].text
    expected = {"executive": "内部参阅\t\t西部大开发简报 · 领导参阅 · 2024年4月23日",
                "analyst": "内部资料\t\t西部大开发简报 · 研究人员版 · 2024年4月23日",
                "public": "\t\t西部大开发简报 · 2024年4月23日", "jianbao": ""}[name]
    assert header == expected
    footer = section.footer.paragraphs[0]
    assert footer.text == "— 1 —" and "PAGE" in _fields(footer._p)
    captions = [p for p in doc.paragraphs if p.style.name == "Caption"]
    assert captions and all("SEQ Figure \\* ARABIC" in _fields(p._p) for p in captions)
    assert [re.match(r"图(\d+)　", p.text).group(1) for p in captions] == [str(i) for i in range(1, len(captions) + 1)]
    width = section.page_width - section.left_margin - section.right_margin
    assert len(doc.inline_shapes) == len(captions) >= 1
    assert all(Mm(100) < shape.width <= width for shape in doc.inline_shapes)
    props = doc.core_properties
    assert (props.title, props.created.date().isoformat(), props.language) == ("西部大开发简报", DATE, "zh-CN")
    assert props.subject == {"executive": "领导参阅", "analyst": "研究人员版", "public": "公开版", "jianbao": "简报"}[name]


def test_analyst_has_a_table_of_contents_that_shows_when_opened(golden_build: Path):
    doc = _word(golden_build, "analyst")
    body = doc.element.body
    assert any(f.startswith('TOC \\o "1-2" \\h') for f in _fields(body))
    entries = [p for p in doc.paragraphs if p.style.name in ("TOC 1", "TOC 2")]
    headings = [p for p in doc.paragraphs if p.style.name in ("Heading 1", "Heading 2")]
    assert [p.text.split("\t")[0] for p in entries] == [h.text for h in headings]
    assert [p.style.name[-1] for p in entries] == [h.style.name[-1] for h in headings]
    anchors = [h.get(qn("w:anchor")) for p in entries for h in p._p.iter(qn("w:hyperlink"))]
    marks = [b.get(qn("w:name")) for h in headings for b in h._p.iter(qn("w:bookmarkStart"))]
    assert anchors == marks == [f"_Toc{i:06d}" for i in range(1, len(headings) + 1)]
    assert entries[0].text.startswith("新变化") and "附件：原文摘录" in [e.text.split("\t")[0] for e in entries]


def test_executive_public_and_jianbao_leave_out_what_is_not_theirs(golden_build: Path):
    executive, public, jianbao = (_word(golden_build, n) for n in ("executive", "public", "jianbao"))
    assert not [p for p in executive.paragraphs if p.style.name == "List Bullet 2"]  # no supporting actions
    assert len(executive.tables[0].rows) == 1 + 3 and len(executive.inline_shapes) == 1
    text = "\n".join(p.text for p in public.paragraphs) + public.sections[0].header.paragraphs[0].text
    assert "内部" not in text and "¶" not in text and "xinhua-" not in text and "附件" not in text
    assert [c.text for c in public.tables[0].rows[0].cells] == ["指标", "数值", "变化"]
    assert "¶" not in "\n".join(p.text for p in jianbao.paragraphs)


def test_jianbao_follows_gb_t_9704(golden_build: Path):
    doc = _word(golden_build, "jianbao")
    section = doc.sections[0]
    assert (round(section.page_width.mm), round(section.page_height.mm)) == (210, 297)
    margins = (section.top_margin, section.bottom_margin, section.left_margin, section.right_margin)
    assert [round(m.mm) for m in margins] == [37, 35, 28, 26]  # a 156 × 225 mm text block
    paragraphs = doc.paragraphs
    assert [(p.style.name, p.text) for p in paragraphs[:4]] == [
        ("Marking", "内部资料　注意保存"), ("Masthead", "西部大开发简报"), ("Issue Number", "第114期"),
        ("Masthead Line", "综合研究室编\t2024年4月23日")]
    assert paragraphs[4].style.name == "Title" and paragraphs[4].text.startswith("习近平主持召开")
    styles = doc.styles
    assert _east_asian(styles["Title"]) == _east_asian(styles["Masthead"]) == "方正小标宋简体"
    assert (_east_asian(styles["Normal"]), _east_asian(styles["Heading 2"])) == ("仿宋", "楷体")
    assert styles["Normal"].font.size.pt == 16 and styles["Title"].font.size.pt == 22
    rule = styles["Masthead Line"].element.find(f".//{W}pBdr/{W}bottom")
    assert str(styles["Masthead"].font.color.rgb) == rule.get(qn("w:color")) == "E60012"  # the red of the rule
    numbering = doc.part.numbering_part.element
    assert styles["Heading 1"].element.pPr.find(qn("w:numPr")) is not None
    assert [lvl.find(qn("w:lvlText")).get(qn("w:val")) for lvl in numbering.iter(qn("w:lvl"))
            if lvl.find(qn("w:numFmt")).get(qn("w:val")) == "chineseCounting"] == ["%1、", "（%2）"]
    assert doc.settings.odd_and_even_pages_header_footer
    odd, even = section.footer.paragraphs[0], section.even_page_footer.paragraphs[0]
    assert odd.text == even.text == "— 1 —" and odd.alignment == 2 and even.alignment == 0  # right, left
    fonts = (ROOT / "briefing/templates/fonts.conf").read_text(encoding="utf-8")
    for name in ("仿宋", "方正小标宋简体", "黑体", "楷体"):
        assert f"<family>{name}</family>" in fonts  # each named with its fallbacks


@pytest.mark.skipif(shutil.which("soffice") is None or shutil.which("pdfinfo") is None,
                    reason="LibreOffice (soffice) or poppler's pdfinfo is not on the PATH")
def test_each_built_in_converts_to_pdf(golden_build: Path, tmp_path: Path):
    from briefing.render.word import to_pdf

    for name in BUILT_IN:
        pdf = to_pdf(golden_build / name / "briefing.docx", tmp_path / name)
        info = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True, check=True).stdout
        pages = int(re.search(r"Pages:\s+(\d+)", info).group(1))
        assert "(A4)" in info, (name, info)
        assert pages == 1 if name == "executive" else pages > 1, (name, pages)  # the executive briefing is one page


# ---------------------------------------------------------------- briefing templates list | new | check


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


def test_an_english_briefing_gets_english_words_and_punctuation(tmp_path: Path):
    (tmp_path / "data").mkdir()
    shutil.copy(ROOT / "tests/gold/2025-11-15-ministerial-communique.en.txt", tmp_path / "data")
    (tmp_path / "briefing.yaml").write_text(
        "title: Ministerial briefing\nsources: [data/*.txt]\naudiences:\n  analyst: {template: analyst}\n",
        encoding="utf-8")
    assert run_cli("build", str(tmp_path / "briefing.yaml"), "--date", "2025-11-16").returncode == 0
    edition = tmp_path / "out/briefing/2025-11-16/analyst"
    digest = (edition / "digest.md").read_text(encoding="utf-8")
    assert digest.startswith("# Ministerial briefing\n\n16 November 2025 · analyst · Internal\n")
    assert "(Ministers agreed; 2025-11-15-ministerial-communique.en ¶8)" in digest
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
        "  board:\n    template: base\noutput: out/{briefing}/{date}/{audience}\n")
    before = config.read_text(encoding="utf-8")
    with pytest.raises(InputError, match='no template "nowhere"'):
        wire(config, "board", "nowhere")
    assert config.read_text(encoding="utf-8") == before  # a config that would not load is put back
