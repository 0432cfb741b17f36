"""Write the built-in Word templates (briefing/templates/*/briefing.docx).

The .docx files are the templates people edit in Word; this script only makes the
first version of each, with real Word styles (East Asian fonts set in the styles,
the language tagged) and docxtpl tags as plain text. Run it again after changing it:

    .venv/bin/python tools/make_word_templates.py
"""

from __future__ import annotations

from pathlib import Path

from docx import Document
from docx.enum.section import WD_SECTION
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Pt, RGBColor

ROOT = Path(__file__).resolve().parent.parent / "briefing" / "templates"
BODY_EA, HEAD_EA, LATIN = "宋体", "黑体", "Calibri"


def set_fonts(style, latin: str, east_asian: str, size: float | None = None, bold: bool | None = None,
              colour: RGBColor | None = None) -> None:
    font = style.font
    font.name = latin
    if size:
        font.size = Pt(size)
    if bold is not None:
        font.bold = bold
    if colour is not None:
        font.color.rgb = colour
    rpr = style.element.get_or_add_rPr()
    fonts = rpr.find(qn("w:rFonts"))
    if fonts is None:
        fonts = OxmlElement("w:rFonts")
        rpr.insert(0, fonts)
    for attr in ("w:ascii", "w:hAnsi", "w:cs"):
        fonts.set(qn(attr), latin)
    fonts.set(qn("w:eastAsia"), east_asian)
    for attr in ("w:asciiTheme", "w:hAnsiTheme", "w:eastAsiaTheme", "w:cstheme"):
        fonts.attrib.pop(qn(attr), None)
    lang = rpr.find(qn("w:lang"))
    if lang is None:
        lang = OxmlElement("w:lang")
        rpr.append(lang)
    lang.set(qn("w:val"), "en-GB")
    lang.set(qn("w:eastAsia"), "zh-CN")


def styles(doc) -> None:
    s = doc.styles
    set_fonts(s["Normal"], LATIN, BODY_EA, 10.5)
    s["Normal"].paragraph_format.space_after = Pt(4)
    s["Normal"].paragraph_format.line_spacing = 1.15
    set_fonts(s["Title"], LATIN, HEAD_EA, 20, True, RGBColor(0xB7, 0x1C, 0x1C))
    set_fonts(s["Subtitle"], LATIN, BODY_EA, 10.5, False, RGBColor(0x55, 0x55, 0x55))
    set_fonts(s["Heading 1"], LATIN, HEAD_EA, 14, True, RGBColor(0x1F, 0x1F, 0x1F))
    set_fonts(s["Heading 2"], LATIN, HEAD_EA, 12, True, RGBColor(0x1F, 0x1F, 0x1F))
    for name in ("List Number", "List Bullet", "List Bullet 2", "Caption", "Quote"):
        set_fonts(s[name], LATIN, BODY_EA)
    set_fonts(s["Caption"], LATIN, BODY_EA, 9, False, RGBColor(0x44, 0x44, 0x44))
    s["Caption"].paragraph_format.alignment = WD_ALIGN_PARAGRAPH.CENTER
    s["Title"].paragraph_format.alignment = WD_ALIGN_PARAGRAPH.CENTER
    s["Subtitle"].paragraph_format.alignment = WD_ALIGN_PARAGRAPH.CENTER


def page(doc) -> None:
    section = doc.sections[0]
    section.page_width, section.page_height = Cm(21), Cm(29.7)
    section.left_margin = section.right_margin = Cm(2.5)
    section.top_margin, section.bottom_margin = Cm(2.5), Cm(2.2)
    header = section.header.paragraphs[0]
    header.text = "{{ title }} · {{ audience.title }} · {{ date }}"
    header.alignment = WD_ALIGN_PARAGRAPH.RIGHT
    footer = section.footer.paragraphs[0]
    footer.alignment = WD_ALIGN_PARAGRAPH.CENTER
    footer.add_run("— ")
    _field(footer, "PAGE")
    footer.add_run(" —")


def _field(paragraph, code: str) -> None:
    run = paragraph.add_run()
    for kind, text in (("begin", None), (None, code), ("separate", None), (None, "1"), ("end", None)):
        if kind:
            el = OxmlElement("w:fldChar")
            el.set(qn("w:fldCharType"), kind)
        elif text == code:
            el = OxmlElement("w:instrText")
            el.set(qn("xml:space"), "preserve")
            el.text = f" {code} "
        else:
            el = OxmlElement("w:t")
            el.text = text
        run._r.append(el)


def p(doc, text: str, style: str = "Normal"):
    return doc.add_paragraph(text, style=style)


def table(doc, headers: list[str], cells: list[str], loop: str) -> None:
    """A table with a repeating header row and one templated row repeated by docxtpl."""
    t = doc.add_table(rows=4, cols=len(headers))
    t.style = doc.styles["Table Grid"]
    t.alignment = WD_TABLE_ALIGNMENT.CENTER
    for cell, text in zip(t.rows[0].cells, headers):
        cell.text = text
        for run in cell.paragraphs[0].runs:
            run.bold = True
    tr_pr = t.rows[0]._tr.get_or_add_trPr()
    repeat = OxmlElement("w:tblHeader")
    repeat.set(qn("w:val"), "true")
    tr_pr.append(repeat)
    t.rows[1].cells[0].text = "{%tr for " + loop + " %}"
    for cell, text in zip(t.rows[2].cells, cells):
        cell.text = text
    t.rows[3].cells[0].text = "{%tr endfor %}"


def directives(doc, with_actions: bool) -> None:
    p(doc, "{{ labels.directives }}", "Heading 1")
    p(doc, "{%p for d in directives %}")
    p(doc, "{{ d.text }}（{{ d.speaker }}{{ d.verb }}；{% if show_sources %}{{ d.source }} {% endif %}¶{{ d.paragraph }}）", "List Number")
    if with_actions:
        p(doc, "{%p if show_actions %}")
        p(doc, "{%p for a in d.actions %}")
        p(doc, "{{ a }}", "List Bullet 2")
        p(doc, "{%p endfor %}")
        p(doc, "{%p endif %}")
    p(doc, "{%p endfor %}")


def figures(doc, short: bool = False) -> None:
    p(doc, "{{ labels.figures }}", "Heading 1")
    table(doc, ["{{ labels.indicator }}", "{{ labels.value }}", "{{ labels.change }}", "{{ labels.source }}"],
          ["{{ f.label }}（{{ f.period }}）", "{{ f.shown }}",
           "{{ f.change }}", "{{ f.ref }}" if short else "{{ f.source }}"], "f in figures")


def charts(doc) -> None:
    p(doc, "{{ labels.charts }}", "Heading 1")
    p(doc, "{%p for c in charts %}")
    image = p(doc, "{{ c.image }}")
    image.alignment = WD_ALIGN_PARAGRAPH.CENTER
    p(doc, "{{ labels.figure }}{{ c.number }}　{{ c.caption }}", "Caption")
    p(doc, "{%p endfor %}")


def heading_block(doc) -> None:
    p(doc, "{{ title }}", "Title")
    p(doc, "{{ date }} · {{ audience.title }}", "Subtitle")


def executive() -> Document:
    doc = Document()
    styles(doc)
    page(doc)
    heading_block(doc)
    directives(doc, with_actions=False)
    figures(doc, short=True)
    charts(doc)
    return doc


def analyst() -> Document:
    doc = Document()
    styles(doc)
    page(doc)
    heading_block(doc)
    p(doc, "{{ labels.summary }}", "Heading 1")
    p(doc, "{%p for s in summary %}")
    p(doc, "{{ s }}")
    p(doc, "{%p endfor %}")
    directives(doc, with_actions=True)
    p(doc, "{%p if other_remarks %}")
    p(doc, "{{ labels.others }}", "Heading 2")
    p(doc, "{%p for d in other_remarks %}")
    p(doc, "{{ d.speaker }}{{ d.verb }}：{{ d.text }}（{{ d.source }} ¶{{ d.paragraph }}）", "List Bullet")
    p(doc, "{%p endfor %}")
    p(doc, "{%p endif %}")
    figures(doc)
    p(doc, "{{ labels.narratives }}", "Heading 2")
    p(doc, "{%p for n in narratives %}")
    p(doc, "{{ n }}", "List Bullet")
    p(doc, "{%p endfor %}")
    p(doc, "{%p for flag in flags %}")
    p(doc, "⚑ {{ flag }}", "List Bullet")
    p(doc, "{%p endfor %}")
    p(doc, "{{ labels.indicators }}", "Heading 2")
    table(doc, ["{{ labels.indicator }}", "{{ labels.period }}", "{{ labels.value }}", "{{ labels.source }}"],
          ["{{ i.label }}{% if i.measure %}（{{ i.measure }}）{% endif %}", "{{ i.period }}",
           "{{ i.shown }}", "{{ i.source }}"], "i in indicators")
    charts(doc)
    p(doc, "{{ labels.sources }}", "Heading 1")
    p(doc, "{%p for s in sources %}")
    p(doc, "{{ s.title }}（{{ s.id }}，{{ s.date }}，{{ s.paragraphs }} {{ labels.paragraphs }}）", "List Bullet")
    p(doc, "{%p for r in s.repairs %}")
    p(doc, "{{ labels.repaired }}{{ r }}", "List Bullet 2")
    p(doc, "{%p endfor %}")
    p(doc, "{%p endfor %}")
    return doc


def main() -> None:
    for name, make in (("executive", executive), ("analyst", analyst)):
        folder = ROOT / name
        folder.mkdir(parents=True, exist_ok=True)
        doc = make()
        doc.core_properties.author = "briefing"
        doc.save(str(folder / "briefing.docx"))
        print(folder / "briefing.docx")


if __name__ == "__main__":
    main()
