"""The Word briefings read back with python-docx: styles, fonts, fields, contents, GB/T 9704, and PDF."""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from docx import Document as Word
from docx.oxml.ns import qn
from docx.shared import Mm

from conftest import ROOT

sys.path.insert(0, str(ROOT / "tools"))
from make_golden import DATE  # noqa: E402


BUILT_IN = ("executive", "analyst", "public", "jianbao")
W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


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
    assert {"Title", "Heading 1", "Caption", "Figure"} <= used
    assert ("List Number" in used) == (name != "jianbao")  # a 简报 numbers its directives （一） in plain paragraphs
    assert {"Heading 2", "TOC 1"} <= used or name != "analyst"
    expected = {"executive": ("宋体", "黑体"), "analyst": ("宋体", "黑体"), "public": ("宋体", "黑体"),
                "jianbao": ("仿宋", "黑体")}[name]
    assert (_east_asian(doc.styles["Normal"]), _east_asian(doc.styles["Heading 1"])) == expected
    for style in ("Normal", "Title", "Heading 1", "Heading 2", "List Number", "Caption"):
        lang = doc.styles[style].element.rPr.find(qn("w:lang"))
        assert lang.get(qn("w:eastAsia")) == lang.get(qn("w:val")) == "zh-CN", style
    theme = doc.settings.element.find(qn("w:themeFontLang"))  # the theme's fonts: Chinese ones, not Japanese
    assert (theme.get(qn("w:val")), theme.get(qn("w:eastAsia"))) == ("zh-CN", "zh-CN")
    tables = [t for t in doc.tables if t.style.name != "Imprint Table"]  # the 简报's 版记 is a table of rules
    assert tables and all(t.style.name == "Briefing Table" for t in tables)
    for table in tables:  # the header row repeats on every page
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
        ("Marking", "内部资料　注意保存"), ("Masthead", "西部大开发简报"), ("Issue Number", "第1期"),
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
    from briefing.render.pdf import to_pdf

    for name in BUILT_IN:
        pdf = to_pdf(golden_build / name / "briefing.docx", tmp_path / name)
        info = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True, check=True).stdout
        pages = int(re.search(r"Pages:\s+(\d+)", info).group(1))
        assert "(A4)" in info, (name, info)
        assert pages == 1 if name == "executive" else pages > 1, (name, pages)  # the executive briefing is one page
        fonts = subprocess.run(["pdffonts", str(pdf)], capture_output=True, text=True, check=True).stdout
        assert re.search(r"Noto(Serif|Sans)(CJK)?SC", fonts), (name, fonts)  # a Chinese face, also where the
        # machine has none of its own: the bundled Noto SC faces, never a box
        text = subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
        assert "要坚持" in text, (name, text[:300])


def test_an_english_briefing_tags_its_latin_text_english(tmp_path: Path):
    """The built-in templates tag text zh-CN; an English briefing's styles say its own language for Latin text."""
    from conftest import run_cli

    source = ROOT / "tests/gold/2025-02-11-executive-order-grid.en.txt"
    (tmp_path / "src").mkdir()
    (tmp_path / "src" / source.name).write_text(source.read_text(encoding="utf-8"), encoding="utf-8")
    (tmp_path / "briefing.yaml").write_text("title: Grid order\nsources: [src/*.txt]\naudiences:\n"
                                            "  analyst: {template: analyst}\n", encoding="utf-8")
    result = run_cli("build", str(tmp_path / "briefing.yaml"), "--date", "2025-02-12")
    assert result.returncode == 0, result.stderr
    doc = Word(str(next(tmp_path.glob("out/*/2025-02-12/analyst/briefing.docx"))))
    langs = {(lang.get(qn("w:val")), lang.get(qn("w:eastAsia"))) for lang in doc.styles.element.iter(qn("w:lang"))}
    assert langs == {(doc.core_properties.language, "zh-CN")} and doc.core_properties.language.startswith("en")


def test_sections_order_the_word_briefing_as_they_order_the_digest(make_config):
    """An audience's `sections:` puts the Word briefing's sections in its order too (they used to follow the Word
    template, and only `templates check` said so)."""
    from conftest import run_cli

    order = ["sources", "charts", "directives", "summary"]
    config = make_config(audiences={"analyst": {"template": "analyst", "sections": order}})
    result = run_cli("build", str(config), "--date", DATE)
    assert result.returncode == 0, result.stderr
    edition = config.parent / "out/western-development" / DATE / "analyst"
    headings = [p.text for p in Word(str(edition / "briefing.docx")).paragraphs if p.style.name == "Heading 1"]
    digest = [line[3:] for line in (edition / "digest.md").read_text(encoding="utf-8").splitlines()
              if line.startswith("## ")]
    assert headings == digest == ["来源与处理", "图表", "重要指示", "摘要"], (headings, digest)
