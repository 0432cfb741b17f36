"""Write the built-in Word templates (briefing/templates/*/briefing.docx).

The .docx files are the templates people edit in Word; this script only makes the
first version of each. Everything a Word user would set by hand is set the way Word
sets it: real styles (Title, Heading 1–2, List Number, Caption, TOC 1–2, a table
style) carry the fonts — East Asian fonts in `w:eastAsia`, the language tagged
zh-CN — so the rendered briefing has no direct formatting to fight; page size and
margins are the section's; page numbers are PAGE fields; the analyst's table of
contents is a TOC field; figure numbers are SEQ fields; table header rows repeat.
Each section of the briefing is wrapped in `{%p if "NAME" in sections %}` … `{%p endif %}`,
so a person can move a section in Word and leave one out in template.yaml.

    .venv/bin/python tools/make_word_templates.py
"""

from __future__ import annotations

import datetime as dt
import zipfile
from dataclasses import dataclass, field
from pathlib import Path

from docx import Document
from docx.enum.section import WD_ORIENT
from docx.enum.style import WD_STYLE_TYPE
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_LINE_SPACING, WD_TAB_ALIGNMENT
from docx.oxml import OxmlElement, parse_xml
from docx.oxml.ns import nsdecls, qn
from docx.shared import Cm, Mm, Pt, RGBColor

ROOT = Path(__file__).resolve().parent.parent / "briefing" / "templates"
RED = RGBColor(0xB7, 0x1C, 0x1C)
GB_RED = RGBColor(0xE6, 0x00, 0x12)  # the red of GB/T 9704's masthead and separator line
INK = RGBColor(0x1F, 0x1F, 0x1F)
GREY = RGBColor(0x55, 0x55, 0x55)

# Fonts a Word user's machine may or may not have. The font table names, for each, the
# font it is the same as under another name (w:altName) and what kind of font it is
# (panose, family, GB2312 charset), so Word and LibreOffice substitute a font of the
# same kind when it is missing. The fallbacks, font by font, are in briefing/templates/fonts.conf.
FONT_TABLE = {
    # name: (altName, panose1, family, pitch)
    "宋体": ("SimSun", "02010600030101010101", "auto", "variable"),
    "黑体": ("SimHei", "02010609060101010101", "modern", "fixed"),
    "仿宋": ("FangSong", "02010609060101010101", "modern", "fixed"),
    "楷体": ("KaiTi", "02010609060101010101", "modern", "fixed"),
    "方正小标宋简体": ("FZXiaoBiaoSong-B05S", "02000000000000000000", "script", "variable"),
}


@dataclass
class Look:
    """What differs between the built-in Word templates: fonts, sizes, colours, page."""

    latin: str = "Times New Roman"  # beside 宋体 or 仿宋, as Chinese official documents set Latin text
    body: str = "宋体"
    heading: str = "黑体"
    heading2: str = "黑体"
    title_font: str = "黑体"
    size: float = 10.5
    title_size: float = 20
    h1: float = 14
    h2: float = 12
    caption: float = 9
    table: float = 9
    line: float = 1.15  # a multiple of single spacing, or with exact_line the exact spacing in points
    exact_line: bool = False
    first_line_indent: float = 0  # in characters, as Chinese body text is indented two
    title_colour: RGBColor = RED
    heading_colour: RGBColor = INK
    margins_mm: tuple[float, float, float, float] = (25, 22, 25, 25)  # top, bottom, left, right
    header_mm: float = 12
    footer_mm: float = 10
    space_after: float = 4
    extra: dict = field(default_factory=dict)

    @property
    def text_width_mm(self) -> float:
        return 210 - self.margins_mm[2] - self.margins_mm[3]


# ---------------------------------------------------------------- styles


def set_fonts(style, east_asian: str | None = None, size: float | None = None, bold: bool | None = None,
              colour: RGBColor | None = None, latin: str | None = None) -> None:
    """Set on a style only what it changes from its base: a face, a size, bold, a colour. Every other style
    inherits Normal's, so a Word user who changes Normal changes the body of the whole briefing."""
    font = style.font
    if size:
        font.size = Pt(size)
    if bold is not None:
        font.bold = bold
    if colour is not None:
        font.color.rgb = colour
    rpr = style.element.get_or_add_rPr()
    fonts = _own_fonts(rpr)
    if latin:
        for attr in ("w:ascii", "w:hAnsi", "w:cs"):
            fonts.set(qn(attr), latin)
    if east_asian:
        fonts.set(qn("w:eastAsia"), east_asian)
    if not fonts.attrib:
        rpr.remove(fonts)
    _set_language(rpr)


def _own_fonts(rpr):
    """The rFonts of run properties, its theme fonts removed: a theme font wins over Normal's named one."""
    fonts = rpr.find(qn("w:rFonts"))
    if fonts is None:
        fonts = OxmlElement("w:rFonts")
        rpr.insert(0, fonts)
    for attr in ("w:asciiTheme", "w:hAnsiTheme", "w:eastAsiaTheme", "w:cstheme"):
        fonts.attrib.pop(qn(attr), None)
    return fonts


def _set_language(rpr) -> None:
    """Tag run properties zh-CN, East Asian text and Latin alike: a Chinese briefing (so Word, WPS and LibreOffice
    pick the Chinese fonts, line breaking and checker; python-docx's own template says en-GB)."""
    lang = rpr.find(qn("w:lang"))
    if lang is None:
        lang = OxmlElement("w:lang")
        rpr.append(lang)
    lang.set(qn("w:val"), "zh-CN")
    lang.set(qn("w:eastAsia"), "zh-CN")


def paragraph_style(doc, name: str, base: str = "Normal", next_style: str | None = None):
    styles = doc.styles
    try:
        style = styles[name]
    except KeyError:
        style = styles.add_style(name, WD_STYLE_TYPE.PARAGRAPH)
        style.base_style = styles[base]
        style.quick_style = True
    if next_style:
        style.next_paragraph_style = styles[next_style]
    return style


def spacing(style, look: Look, before: float = 0, after: float | None = None, line: float | None = None,
            exact: bool | None = None) -> None:
    pf = style.paragraph_format
    pf.space_before = Pt(before)
    pf.space_after = Pt(look.space_after if after is None else after)
    exact = look.exact_line if exact is None else exact
    line = look.line if line is None else line
    if exact:
        pf.line_spacing_rule = WD_LINE_SPACING.EXACTLY
        pf.line_spacing = Pt(line)
    else:
        pf.line_spacing = line


def styles(doc, look: Look) -> None:
    """The styles, each set only where it differs from Normal (its base, directly or through another): Normal
    and the document defaults carry the body's faces and size; a heading its own face; a caption its size."""
    s = doc.styles
    _defaults(doc, look)
    set_fonts(s["Normal"], look.body, look.size, latin=look.latin)
    spacing(s["Normal"], look)
    if look.first_line_indent:
        s["Normal"].paragraph_format.first_line_indent = Pt(look.size * look.first_line_indent)
    _inherit_faces(doc)
    for name in ("Title", "Subtitle", "Heading 1", "Heading 2", "List Number", "List Bullet", "List Bullet 2",
                 "Caption", "Quote", "Header", "Footer", "TOC Heading"):
        _no_indent(s[name], look)
    set_fonts(s["Title"], look.title_font, look.title_size, True, look.title_colour)
    spacing(s["Title"], look, 6, 6, 1.0, False)
    s["Title"].paragraph_format.alignment = WD_ALIGN_PARAGRAPH.CENTER
    _no_border(s["Title"])
    set_fonts(s["Subtitle"], bold=False, colour=GREY)
    _no_size(s["Subtitle"])  # python-docx's Subtitle is 12 pt: it follows the body instead
    s["Subtitle"].font.italic = False
    s["Subtitle"].paragraph_format.alignment = WD_ALIGN_PARAGRAPH.CENTER
    spacing(s["Subtitle"], look, 0, 12)
    for name, east, size in (("Heading 1", look.heading, look.h1), ("Heading 2", look.heading2, look.h2)):
        set_fonts(s[name], east, size, True, look.heading_colour)
        s[name].font.italic = False
        spacing(s[name], look, 12 if name == "Heading 1" else 8, 4)
        s[name].paragraph_format.keep_with_next = True
    set_fonts(s["TOC Heading"], look.heading, look.h1, True, look.heading_colour)
    for name in ("List Number", "List Bullet", "List Bullet 2", "Quote"):
        set_fonts(s[name])
    s["Quote"].font.italic = False
    s["Quote"].font.color.rgb = RGBColor(0x33, 0x33, 0x33)
    s["Quote"].paragraph_format.left_indent = Cm(0.75)
    set_fonts(s["Caption"], size=look.caption, bold=False, colour=RGBColor(0x44, 0x44, 0x44))
    s["Caption"].paragraph_format.alignment = WD_ALIGN_PARAGRAPH.CENTER
    spacing(s["Caption"], look, 2, 10, 1.0, False)
    figure = paragraph_style(doc, "Figure", next_style="Caption")
    figure.paragraph_format.alignment = WD_ALIGN_PARAGRAPH.CENTER
    figure.paragraph_format.keep_with_next = True
    figure.paragraph_format.first_line_indent = Pt(0)
    spacing(figure, look, 6, 0, 1.0, False)  # an exact line height would crop the picture
    text = paragraph_style(doc, "Table Text")
    set_fonts(text, size=look.table)
    spacing(text, look, 1, 1, 1.0, False)
    text.paragraph_format.first_line_indent = Pt(0)
    note = paragraph_style(doc, "Note")
    set_fonts(note, size=look.caption, bold=False, colour=GREY)
    note.paragraph_format.first_line_indent = Pt(0)
    for level in (1, 2):
        toc = paragraph_style(doc, f"TOC {level}", next_style="Normal")
        set_fonts(toc)
        toc.paragraph_format.first_line_indent = Pt(0)
        toc.paragraph_format.left_indent = Cm(0.75 * (level - 1))
        toc.paragraph_format.tab_stops.add_tab_stop(Mm(look.text_width_mm), WD_TAB_ALIGNMENT.RIGHT)
        spacing(toc, look, 0, 2)
    set_fonts(s["Header"], size=8.5, bold=False, colour=GREY)
    set_fonts(s["Footer"], size=9, bold=False, colour=GREY)
    for name in ("Header", "Footer"):
        spacing(s[name], look, 0, 0, 1.0, False)
        _clear_tabs(s[name])
        tabs = s[name].paragraph_format.tab_stops
        tabs.add_tab_stop(Mm(look.text_width_mm / 2), WD_TAB_ALIGNMENT.CENTER)
        tabs.add_tab_stop(Mm(look.text_width_mm), WD_TAB_ALIGNMENT.RIGHT)
    table_style(doc, look)
    marking = paragraph_style(doc, "Marking")
    set_fonts(marking, look.heading, bold=True, colour=look.title_colour)
    marking.paragraph_format.first_line_indent = Pt(0)
    hyperlink = doc.styles.add_style("Hyperlink", WD_STYLE_TYPE.CHARACTER) if "Hyperlink" not in [x.name for x in s] \
        else s["Hyperlink"]
    hyperlink.font.color.rgb = RGBColor(0x1F, 0x4E, 0x79)


def _defaults(doc, look: Look) -> None:
    """The document defaults (docDefaults, what Word's "Set as Default" writes) say what Normal says: the Latin
    and the Chinese face and the size, zh-CN; no theme font, which would win over a face a user sets."""
    rpr = doc.styles.element.find(qn("w:docDefaults")).find(qn("w:rPrDefault")).find(qn("w:rPr"))
    _set_language(rpr)
    fonts = _own_fonts(rpr)
    for attr in ("w:ascii", "w:hAnsi", "w:cs"):
        fonts.set(qn(attr), look.latin)
    fonts.set(qn("w:eastAsia"), look.body)
    for tag in ("w:sz", "w:szCs"):
        rpr.find(qn(tag)).set(qn("w:val"), str(round(look.size * 2)))


def _inherit_faces(doc) -> None:
    """No style but Normal keeps a theme face (python-docx's headings, title and table styles name the theme's):
    a theme face wins over Normal's, so a change to Normal would not reach them."""
    for element in doc.styles.element.findall(qn("w:style")):
        rpr = element.find(qn("w:rPr"))
        fonts = rpr.find(qn("w:rFonts")) if rpr is not None else None
        if fonts is not None:
            _own_fonts(rpr)
            if not fonts.attrib:
                rpr.remove(fonts)


def _no_size(style) -> None:
    rpr = style.element.get_or_add_rPr()
    for tag in ("w:sz", "w:szCs"):
        for element in rpr.findall(qn(tag)):
            rpr.remove(element)


def _no_indent(style, look: Look) -> None:
    if look.first_line_indent:
        style.paragraph_format.first_line_indent = Pt(0)


def _no_border(style) -> None:
    ppr = style.element.get_or_add_pPr()
    for border in ppr.findall(qn("w:pBdr")):
        ppr.remove(border)


def _clear_tabs(style) -> None:
    ppr = style.element.get_or_add_pPr()
    for tabs in ppr.findall(qn("w:tabs")):
        ppr.remove(tabs)


def table_style(doc, look: Look) -> None:
    """"Briefing Table": rules above and below and under the header row (三线表), the header row bold. It names no
    face or size: its cells' Table Text (Normal's child) does, so a change to Normal reaches them."""
    style = doc.styles.add_style("Briefing Table", WD_STYLE_TYPE.TABLE)
    style.base_style = doc.styles["Normal Table"]
    style.element.append(parse_xml(
        f'<w:pPr {nsdecls("w")}><w:spacing w:before="20" w:after="20" w:line="240" w:lineRule="auto"/>'
        '<w:ind w:firstLine="0" w:firstLineChars="0"/></w:pPr>'))
    style.element.append(parse_xml(
        f'<w:tblPr {nsdecls("w")}><w:tblBorders>'
        '<w:top w:val="single" w:sz="12" w:space="0" w:color="1F1F1F"/>'
        '<w:bottom w:val="single" w:sz="12" w:space="0" w:color="1F1F1F"/>'
        '<w:insideH w:val="single" w:sz="2" w:space="0" w:color="D0D0D0"/>'
        '</w:tblBorders><w:tblCellMar><w:left w:w="80" w:type="dxa"/><w:right w:w="80" w:type="dxa"/>'
        '</w:tblCellMar></w:tblPr>'))
    style.element.append(parse_xml(
        f'<w:tblStylePr {nsdecls("w")} w:type="firstRow"><w:rPr><w:b/></w:rPr>'
        '<w:tcPr><w:tcBorders><w:bottom w:val="single" w:sz="6" w:space="0" w:color="1F1F1F"/></w:tcBorders>'
        '<w:shd w:val="clear" w:color="auto" w:fill="F2F2F2"/></w:tcPr></w:tblStylePr>'))


def font_table(doc, names: list[str]) -> None:
    """Declare the East Asian fonts with their other name and kind, so a missing one is substituted well."""
    part = next(p for p in doc.part.package.parts if str(p.partname) == "/word/fontTable.xml")
    from lxml import etree

    root = etree.fromstring(part.blob)
    for name in names:
        alt, panose, family, pitch = FONT_TABLE[name]
        root.append(parse_xml(
            f'<w:font {nsdecls("w")} w:name="{name}"><w:altName w:val="{alt}"/><w:panose1 w:val="{panose}"/>'
            f'<w:charset w:val="86"/><w:family w:val="{family}"/><w:pitch w:val="{pitch}"/></w:font>'))
    part._blob = etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)


def chinese_heading_numbers(doc) -> None:
    """Heading 1 numbered 一、二、 and Heading 2 （一）（二）, by the styles (GB/T 9704's first two levels)."""
    numbering = doc.part.numbering_part.element
    numbering.insert(0, parse_xml(
        f'<w:abstractNum {nsdecls("w")} w:abstractNumId="90"><w:multiLevelType w:val="multilevel"/>'
        '<w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="chineseCounting"/><w:pStyle w:val="Heading1"/>'
        '<w:suff w:val="nothing"/><w:lvlText w:val="%1、"/><w:lvlJc w:val="left"/>'
        '<w:pPr><w:ind w:left="0" w:firstLine="640"/></w:pPr></w:lvl>'
        '<w:lvl w:ilvl="1"><w:start w:val="1"/><w:numFmt w:val="chineseCounting"/><w:pStyle w:val="Heading2"/>'
        '<w:lvlRestart w:val="1"/><w:suff w:val="nothing"/><w:lvlText w:val="（%2）"/><w:lvlJc w:val="left"/>'
        '<w:pPr><w:ind w:left="0" w:firstLine="640"/></w:pPr></w:lvl></w:abstractNum>'))
    numbering.append(parse_xml(f'<w:num {nsdecls("w")} w:numId="90"><w:abstractNumId w:val="90"/></w:num>'))
    for level, name in enumerate(("Heading 1", "Heading 2")):
        ppr = doc.styles[name].element.get_or_add_pPr()
        ppr.insert(0, parse_xml(f'<w:numPr {nsdecls("w")}><w:ilvl w:val="{level}"/><w:numId w:val="90"/></w:numPr>'))


# ---------------------------------------------------------------- page, header, footer


def page(doc, look: Look) -> None:
    section = doc.sections[0]
    section.orientation = WD_ORIENT.PORTRAIT
    section.page_width, section.page_height = Mm(210), Mm(297)
    top, bottom, left, right = look.margins_mm
    section.top_margin, section.bottom_margin = Mm(top), Mm(bottom)
    section.left_margin, section.right_margin = Mm(left), Mm(right)
    section.header_distance, section.footer_distance = Mm(look.header_mm), Mm(look.footer_mm)


def running_header(doc, marking: bool = True, audience: bool = True) -> None:
    """Marking on the left; title, audience and date on the right."""
    header = doc.sections[0].header.paragraphs[0]
    header.style = doc.styles["Header"]
    if marking:
        run = header.add_run("{{ marking }}")
        run.bold = True
        run.font.color.rgb = RED
    header.add_run("\t\t")
    header.add_run("{{ title }} · {{ audience.title }} · {{ date|date }}" if audience else "{{ title }} · {{ date|date }}")


def page_footer(paragraph, align=WD_ALIGN_PARAGRAPH.CENTER, size: float | None = None, font: str | None = None) -> None:
    """"— 1 —": the page number is a PAGE field between two em dashes."""
    paragraph.alignment = align
    for text in ("— ", None, " —"):
        if text is None:
            field_runs(paragraph, "PAGE", "1")
        else:
            paragraph.add_run(text)
    for run in paragraph.runs:
        if size:
            run.font.size = Pt(size)
        if font:
            run.font.name = font
            run._r.get_or_add_rPr().get_or_add_rFonts().set(qn("w:eastAsia"), font)


def field_runs(paragraph, code: str, result: str) -> None:
    """A complex field (begin, instruction, separate, result, end) as Word writes one."""
    def run_with(element):
        r = paragraph.add_run()._r
        r.append(element)
        return r

    begin = OxmlElement("w:fldChar")
    begin.set(qn("w:fldCharType"), "begin")
    run_with(begin)
    instr = OxmlElement("w:instrText")
    instr.set(qn("xml:space"), "preserve")
    instr.text = f" {code} "
    run_with(instr)
    separate = OxmlElement("w:fldChar")
    separate.set(qn("w:fldCharType"), "separate")
    run_with(separate)
    paragraph.add_run(result)
    end = OxmlElement("w:fldChar")
    end.set(qn("w:fldCharType"), "end")
    run_with(end)


# ---------------------------------------------------------------- content


def p(doc, text: str, style: str = "Normal"):
    return doc.add_paragraph(text, style=style)


def tag(doc, text: str):
    """A paragraph holding only a {%p … %} tag: docxtpl removes the paragraph and keeps the tag."""
    return doc.add_paragraph(text, style="Normal")


def repeated(doc, loop: str, text: str, style: str = "Normal") -> None:
    """One paragraph in `style`, repeated by {%p for LOOP %}."""
    tag(doc, f"{{%p for {loop} %}}")
    p(doc, text, style)
    tag(doc, "{%p endfor %}")


def section(name: str):
    """Wrap a writer of one section in {%p if "NAME" in sections %} … {%p endif %}."""
    def wrap(write):
        def written(doc, *args, **kwargs):
            tag(doc, f'{{%p if "{name}" in sections %}}')
            write(doc, *args, **kwargs)
            tag(doc, "{%p endif %}")
        written.section = name
        return written
    return wrap


def table(doc, look: Look, headers: list[str], cells: list[str], loop: str, widths: list[float]) -> None:
    """A table whose header row repeats on every page and whose one templated row docxtpl repeats."""
    t = doc.add_table(rows=4, cols=len(headers))
    t.style = doc.styles["Briefing Table"]
    t.alignment = WD_TABLE_ALIGNMENT.CENTER
    t.autofit = False
    total = sum(widths)
    for column, width in zip(t._tbl.tblGrid.findall(qn("w:gridCol")), widths):
        column.set(qn("w:w"), str(round(look.text_width_mm * width / total * 56.6929)))  # twips: LibreOffice reads these
    for row in t.rows:
        tr_pr = row._tr.get_or_add_trPr()
        tr_pr.append(OxmlElement("w:cantSplit"))
        for cell, width in zip(row.cells, widths):
            cell.width = Mm(look.text_width_mm * width / total)
            cell.paragraphs[0].style = doc.styles["Table Text"]
    for cell, text in zip(t.rows[0].cells, headers):
        cell.paragraphs[0].add_run(text)
    header = OxmlElement("w:tblHeader")
    header.set(qn("w:val"), "true")
    t.rows[0]._tr.get_or_add_trPr().append(header)
    t.rows[1].cells[0].paragraphs[0].add_run("{%tr for " + loop + " %}")
    for cell, text in zip(t.rows[2].cells, cells):
        cell.paragraphs[0].add_run(text)
    t.rows[3].cells[0].paragraphs[0].add_run("{%tr endfor %}")
    look_el = t._tbl.tblPr.find(qn("w:tblLook"))
    if look_el is None:
        look_el = OxmlElement("w:tblLook")
        t._tbl.tblPr.append(look_el)
    for attr, value in (("w:firstRow", "1"), ("w:lastRow", "0"), ("w:firstColumn", "0"), ("w:noHBand", "1"),
                        ("w:noVBand", "1"), ("w:val", "0420")):
        look_el.set(qn(attr), value)


def heading(doc, text: str, level: int = 1):
    return p(doc, text, f"Heading {level}")


def title_block(doc, audience: bool = True) -> None:
    p(doc, "{{ title }}", "Title")
    p(doc, "{{ date|date }} · {{ audience.title }}" if audience else "{{ date|date }}", "Subtitle")
    failed_note(doc)


@section("contents")
def contents(doc) -> None:
    p(doc, "{{ labels.contents }}", "TOC Heading")
    toc = p(doc, "", "TOC 1")
    field_runs(toc, 'TOC \\o "1-2" \\h \\z \\u', "（briefing 在生成时填写目录 · filled in when the briefing is built）")


@section("whats_new")
def whats_new(doc) -> None:
    heading(doc, "{{ labels.whats_new }}")
    tag(doc, "{%p if changes.first %}")
    p(doc, "{{ labels.first_edition }}")
    tag(doc, "{%p elif changes.empty %}")
    p(doc, '{{ labels.nothing_new|replace("{previous}", changes.previous) }}')
    tag(doc, "{%p else %}")
    p(doc, '{{ labels.since|replace("{previous}", changes.previous) }}')
    for loop, text in (("t in changes.new_directives", "{{ labels.new_directive }}{{ labels.colon }}{{ t }}"),
                       ("r in changes.reworded", "{{ labels.reworded }}{{ labels.colon }}{{ r.old }} → {{ r.new }}"),
                       ("t in changes.removed_directives", "{{ labels.removed_directive }}{{ labels.colon }}{{ t }}"),
                       ("f in changes.revised_figures",
                        "{{ labels.revised_figure }}{{ labels.colon }}{{ f.label }}{{ labels.open }}{{ f.period }}"
                        "{{ labels.close }}{{ f.old }} → {{ f.new }}"),
                       ("f in changes.new_figures", "{{ labels.new_figure }}{{ labels.colon }}{{ f }}"),
                       ("f in changes.removed_figures", "{{ labels.removed_figure }}{{ labels.colon }}{{ f }}")):
        repeated(doc, loop, text, "List Bullet")
    tag(doc, "{%p endif %}")


@section("whats_new")
def whats_new_line(doc) -> None:
    """What's new in one line under the title, for a one-page briefing."""
    note = p(doc, "", "Note")
    note.add_run("{{ labels.whats_new }}{{ labels.colon }}").bold = True
    items = "".join(
        f"{{% for {var} in changes.{name} %}} {{{{ labels.{label} }}}}{{{{ labels.colon }}}}{text}{{{{ labels.sep }}}}"
        "{% endfor %}"
        for var, name, label, text in (("t", "new_directives", "new_directive", "{{ t }}"),
                                       ("r", "reworded", "reworded", "{{ r.new }}"),
                                       ("t", "removed_directives", "removed_directive", "{{ t }}"),
                                       ("f", "revised_figures", "revised_figure", "{{ f.label }} {{ f.old }} → {{ f.new }}"),
                                       ("f", "new_figures", "new_figure", "{{ f }}"),
                                       ("f", "removed_figures", "removed_figure", "{{ f }}")))
    note.add_run('{% if changes.first %}{{ labels.first_edition }}'
                 '{% elif changes.empty %}{{ labels.nothing_new|replace("{previous}", changes.previous) }}'
                 '{% else %}{{ labels.since|replace("{previous}", changes.previous) }}' + items + "{% endif %}")


@section("summary")
def summary(doc, label: str = "summary") -> None:
    heading(doc, f"{{{{ labels.{label} }}}}")
    repeated(doc, "s in summary", "{{ s }}")


def failed_note(doc) -> None:
    """One line near the top when a source could not be read and no sources section lists it."""
    tag(doc, '{%p if failed_sources and "sources" not in sections %}')
    p(doc, '{{ (labels.failed_note_one if failed_sources|length == 1 else labels.failed_note)'
           '|replace("{count}", failed_sources|length|string) }}', "Note")
    tag(doc, "{%p endif %}")


def directive_line(refs: bool) -> str:
    """A directive and who said it; with refs, its source: in full where the audience shows sources
    (新华社2024年4月23日，第6段), else by the source's short name when there are several, else nothing."""
    ref = ("{% if show_sources %}{{ labels.sep }}{{ d.cite }}"
           "{% elif sources|length > 1 and d.cite_short %}{{ labels.sep }}{{ d.cite_short }}{% endif %}") if refs else ""
    return "{{ d.text }}{{ labels.open }}{{ d.attribution }}" + ref + "{{ labels.close }}"


@section("directives")
def directives(doc, refs: bool = True) -> None:
    heading(doc, "{{ labels.directives }}")
    tag(doc, "{%p for d in directives %}")
    p(doc, directive_line(refs), "List Number")
    tag(doc, "{%p if show_actions %}")
    repeated(doc, "a in d.actions", "{{ a }}", "List Bullet 2")
    tag(doc, "{%p endif %}")
    tag(doc, "{%p endfor %}")


@section("others")
def others(doc) -> None:
    heading(doc, "{{ labels.others }}", 2)
    tag(doc, "{%p for d in other_remarks %}")
    p(doc, "{{ d.attribution }}{{ labels.colon }}{{ d.text }}"
      "{% if d.cite %}{{ labels.open }}{{ d.cite }}{{ labels.close }}{% endif %}", "List Bullet")
    tag(doc, "{%p endfor %}")


@section("figures")
def figures(doc, look: Look, refs: bool = True) -> None:
    heading(doc, "{{ labels.figures }}")
    headers = ["{{ labels.indicator }}", "{{ labels.value }}", "{{ labels.change }}"]
    cells = ["{{ f.label }}{{ labels.open }}{{ f.period }}{{ labels.close }}", "{{ f.shown }}", "{{ f.change }}"]
    widths = [34, 15, 30]  # a change with its span (增长39.7%（2019—2023年）) on one line
    if refs:
        headers.append("{{ labels.source }}")
        cells.append("{{ f.cite_short }}")  # short: a cell of a few characters, never three lines
        widths.append(21)
    table(doc, look, headers, cells, "f in figures", widths)


@section("narratives")
def narratives(doc) -> None:
    heading(doc, "{{ labels.narratives }}", 2)
    repeated(doc, "n in narratives", "{{ n }}", "List Bullet")


@section("flags")
def flags(doc) -> None:
    heading(doc, "{{ labels.flags }}", 2)
    repeated(doc, "flag in flags", "⚑ {{ flag }}", "List Bullet")


@section("indicators")
def indicators(doc, look: Look) -> None:
    heading(doc, "{{ labels.indicators }}", 2)
    table(doc, look, ["{{ labels.indicator }}", "{{ labels.period }}", "{{ labels.value }}", "{{ labels.source }}"],
          ["{{ i.label }}{% if i.measure %}{{ labels.open }}{{ i.measure }}{{ labels.close }}{% endif %}",
           "{{ i.period }}", "{{ i.shown }}", "{{ i.cite }}"], "i in indicators", [36, 18, 16, 30])


@section("charts")
def charts(doc, with_heading: bool = True) -> None:
    if with_heading:
        heading(doc, "{{ labels.charts }}")
    tag(doc, "{%p for c in charts %}")
    p(doc, "{{ c.image }}", "Figure")
    caption = p(doc, "{{ labels.figure }}", "Caption")
    field_runs(caption, "SEQ Figure \\* ARABIC", "{{ c.number }}")
    caption.add_run("{{ labels.caption_sep }}{{ c.caption }}")
    tag(doc, "{%p endfor %}")


@section("annex")
def annex(doc) -> None:
    heading(doc, "{{ labels.annex }}")
    tag(doc, "{%p for a in annex %}")
    quote = p(doc, "", "Quote")
    quote.add_run("{{ a.ref }}{{ labels.open }}{{ a.cite }}{{ labels.sep }}{{ labels.cited_by }}{{ labels.colon }}"
                  "{{ a.cited_by|join(labels.list_sep) }}{{ labels.close }}").bold = True
    quote.add_run("{{ a.text }}")
    tag(doc, "{%p endfor %}")


@section("sources")
def sources(doc) -> None:
    heading(doc, "{{ labels.sources }}")
    tag(doc, "{%p for s in sources %}")
    p(doc, "{{ s.title }}{{ labels.open }}{{ s.cite }}{% if show_sources %}{{ labels.comma }}"
      "{{ labels.paragraph_count|replace('{n}', s.paragraphs) }}{% endif %}{{ labels.close }}", "List Bullet")
    repeated(doc, "r in s.repairs", "{{ labels.repaired }}{{ r }}", "List Bullet 2")
    tag(doc, "{%p endfor %}")
    tag(doc, "{%p if failed_sources %}")
    p(doc, "", "Normal").add_run("{{ labels.failed_sources }}").bold = True
    repeated(doc, "f in failed_sources", "{{ f.source }}{{ labels.colon }}{{ f.reason }}", "List Bullet")
    tag(doc, "{%p endif %}")


# ---------------------------------------------------------------- the templates


def new_document(look: Look, fonts: list[str]):
    doc = Document()
    doc.element.body.remove(doc.paragraphs[0]._p) if doc.paragraphs else None
    styles(doc, look)
    page(doc, look)
    font_table(doc, fonts)
    _drop_thumbnail(doc)
    return doc


def _drop_thumbnail(doc) -> None:
    """python-docx's blank document carries a thumbnail of itself; a stale picture in a file dialog helps no one."""
    package = doc.part.package
    for key, rel in list(package.rels.items()):
        if rel.reltype.endswith("/thumbnail"):
            del package.rels[key]


def base() -> Document:
    """Every section, in the base's order: the Word template of any template that has none of its own."""
    look = Look()
    doc = new_document(look, ["宋体", "黑体"])
    running_header(doc)
    page_footer(doc.sections[0].footer.paragraphs[0])
    title_block(doc)
    contents(doc)
    whats_new(doc)
    summary(doc)
    directives(doc)
    others(doc)
    figures(doc, look)
    narratives(doc)
    flags(doc)
    indicators(doc, look)
    charts(doc)
    annex(doc)
    sources(doc)
    return doc


def executive() -> Document:
    """One page: what's new in a line, the directives, three figures, one chart."""
    look = Look(margins_mm=(20, 18, 22, 22), size=10.5, title_size=18, h1=12.5, space_after=2)
    doc = new_document(look, ["宋体", "黑体"])
    running_header(doc)
    page_footer(doc.sections[0].footer.paragraphs[0])
    title_block(doc)
    whats_new_line(doc)
    summary(doc, "key_points")
    directives(doc)
    figures(doc, look)
    charts(doc)
    return doc


def public() -> Document:
    """For readers outside the office: no marking, no paragraph numbers, no annex."""
    look = Look(title_colour=RGBColor(0x1F, 0x4E, 0x79))
    doc = new_document(look, ["宋体", "黑体"])
    running_header(doc, marking=False, audience=False)
    page_footer(doc.sections[0].footer.paragraphs[0])
    title_block(doc, audience=False)
    summary(doc)
    directives(doc, refs=False)
    figures(doc, look, refs=False)
    narratives(doc)
    charts(doc)
    return doc


JIANBAO = Look(
    latin="Times New Roman", body="仿宋", heading="黑体", heading2="楷体", title_font="方正小标宋简体",
    size=16, title_size=22, h1=16, h2=16, caption=12, table=12, line=28.95, exact_line=True,
    first_line_indent=2, title_colour=INK, heading_colour=INK, margins_mm=(37, 35, 28, 26), header_mm=15,
    footer_mm=21, space_after=0)


def jianbao() -> Document:
    """GB/T 9704-2012 conventions: A4, 37 mm top and 28 mm binding margins, a 156 × 225 mm text block of
    22 lines; 3号仿宋 body, 黑体 and 楷体 headings numbered 一、 and （一）; a 2号小标宋 headline; the
    masthead's name in red over the 期号, the 编发单位 and the date, then a red rule; page numbers
    "— 1 —" in 4号宋体, right on odd pages and left on even ones, one character in from the edge."""
    look = JIANBAO
    doc = new_document(look, ["仿宋", "黑体", "楷体", "宋体", "方正小标宋简体"])
    s = doc.styles
    chinese_heading_numbers(doc)
    for name in ("Heading 1", "Heading 2"):
        s[name].font.bold = False
        spacing(s[name], look, 0, 0)
    s["Title"].paragraph_format.space_after = Pt(28.95)
    s["Title"].font.bold = False  # 小标宋 is heavy by design; bold would be a fake bold over it
    masthead = paragraph_style(doc, "Masthead")
    set_fonts(masthead, "方正小标宋简体", 36, False, GB_RED)
    masthead.paragraph_format.alignment = WD_ALIGN_PARAGRAPH.CENTER
    masthead.paragraph_format.first_line_indent = Pt(0)
    spacing(masthead, look, 0, 6, 1.0, False)
    issue = paragraph_style(doc, "Issue Number")
    issue.paragraph_format.alignment = WD_ALIGN_PARAGRAPH.CENTER
    issue.paragraph_format.first_line_indent = Pt(0)
    rule = paragraph_style(doc, "Masthead Line")
    rule.paragraph_format.first_line_indent = Pt(0)
    _clear_tabs(rule)
    rule.paragraph_format.tab_stops.add_tab_stop(Mm(look.text_width_mm), WD_TAB_ALIGNMENT.RIGHT)
    rule.element.get_or_add_pPr().append(parse_xml(
        f'<w:pBdr {nsdecls("w")}><w:bottom w:val="single" w:sz="18" w:space="6" w:color="E60012"/></w:pBdr>'))
    spacing(rule, look, 0, 24)
    marking = s["Marking"]
    set_fonts(marking, "黑体", bold=False, colour=INK)
    for name in ("List Number", "List Bullet", "List Bullet 2"):
        s[name].paragraph_format.first_line_indent = Pt(0)
    # no running header: GB/T 9704 has none; the masthead carries the title, date and marking
    settings = doc.settings.element
    settings.append(OxmlElement("w:evenAndOddHeaders"))
    section = doc.sections[0]
    odd = section.footer.paragraphs[0]
    even = section.even_page_footer.paragraphs[0]
    for paragraph, align, indent in ((odd, WD_ALIGN_PARAGRAPH.RIGHT, "right"), (even, WD_ALIGN_PARAGRAPH.LEFT, "left")):
        paragraph.style = s["Footer"]
        page_footer(paragraph, align, 14, "宋体")
        for run in paragraph.runs:
            run.font.color.rgb = INK
        setattr(paragraph.paragraph_format, f"{indent}_indent", Pt(14))
    tag(doc, "{%p if marking %}")
    p(doc, "{{ marking }}", "Marking")
    tag(doc, "{%p endif %}")
    p(doc, "{{ title }}", "Masthead")
    p(doc, '{{ labels.issue|replace("{number}", issue.number) }}', "Issue Number")
    p(doc, "{{ issuer }}\t{{ date|date }}", "Masthead Line")
    p(doc, "{{ sources[0].title if sources|length == 1 else audience.title }}", "Title")
    failed_note(doc)
    summary(doc)
    numbered_directives(doc)
    figures(doc, look, refs=False)
    plain_narratives(doc)
    charts(doc)
    imprint(doc, look)
    return doc


# GB/T 9704's levels below a heading: （一） then 1．, plain paragraphs (a 公文 has no bullets)
NUMBER = '{{ labels.open }}{{ loop.index|zh_numeral if language == "zh" else loop.index }}{{ labels.close }}'
SUB_NUMBER = '{{ loop.index }}{{ "．" if language == "zh" else ". " }}'


@section("directives")
def numbered_directives(doc) -> None:
    heading(doc, "{{ labels.directives }}")
    tag(doc, "{%p for d in directives %}")
    p(doc, NUMBER + directive_line(False))
    tag(doc, "{%p if show_actions %}")
    repeated(doc, "a in d.actions", SUB_NUMBER + "{{ a }}")
    tag(doc, "{%p endif %}")
    tag(doc, "{%p endfor %}")


@section("narratives")
def plain_narratives(doc) -> None:
    heading(doc, "{{ labels.narratives }}", 2)
    repeated(doc, "n in narratives", "{{ n }}")


def imprint(doc, look: Look) -> None:
    """The 版记 after GB/T 9704: 报：送：发： (each set) and the 印发 line (the issuer, 2026年12月1日印发), 4号,
    one character in from each side, a thick rule above and below, thin ones between: a table of one column
    whose rows docxtpl repeats, so the rules stay right whichever lines are set."""
    style = paragraph_style(doc, "Imprint")
    set_fonts(style, size=14)
    style.paragraph_format.first_line_indent = Pt(-28)  # a line that wraps lines up after 报：
    style.paragraph_format.left_indent = Pt(14 + 28)
    style.paragraph_format.right_indent = Pt(14)
    style.paragraph_format.tab_stops.add_tab_stop(Mm(look.text_width_mm) - Pt(14), WD_TAB_ALIGNMENT.RIGHT)
    spacing(style, look, 0, 0, 1.0, False)
    style.paragraph_format.keep_with_next = True  # the 版记 stands whole on one page, never split over two
    rules = doc.styles.add_style("Imprint Table", WD_STYLE_TYPE.TABLE)
    rules.base_style = doc.styles["Normal Table"]
    rules.element.append(parse_xml(
        f'<w:tblPr {nsdecls("w")}><w:tblBorders>'
        '<w:top w:val="single" w:sz="8" w:space="0" w:color="000000"/>'
        '<w:bottom w:val="single" w:sz="8" w:space="0" w:color="000000"/>'
        '<w:insideH w:val="single" w:sz="6" w:space="0" w:color="000000"/>'
        '</w:tblBorders><w:tblCellMar><w:top w:w="60" w:type="dxa"/><w:left w:w="0" w:type="dxa"/>'
        '<w:bottom w:w="60" w:type="dxa"/><w:right w:w="0" w:type="dxa"/></w:tblCellMar></w:tblPr>'))
    tag(doc, "{%p if distribution or issuer %}")
    spacer = p(doc, "")
    spacer.paragraph_format.keep_with_next = True
    rows = ["{%tr for d in distribution %}",
            "{{ d.label }}{{ labels.colon }}{{ d.units|join(labels.comma) }}{{ labels.end }}", "{%tr endfor %}",
            "{%tr if issuer %}", '{{ issuer }}\t{{ labels.printed|replace("{date}", date|date) }}', "{%tr endif %}"]
    t = doc.add_table(rows=len(rows), cols=1)
    t.style = rules
    t.alignment = WD_TABLE_ALIGNMENT.CENTER
    t._tbl.tblGrid.findall(qn("w:gridCol"))[0].set(qn("w:w"), str(round(look.text_width_mm * 56.6929)))
    for row, text in zip(t.rows, rows):
        row._tr.get_or_add_trPr().append(OxmlElement("w:cantSplit"))
        cell = row.cells[0]
        cell.width = Mm(look.text_width_mm)
        cell.paragraphs[0].style = style
        cell.paragraphs[0].add_run(text)  # a tab: python-docx writes it as w:tab
    tag(doc, "{%p endif %}")


def analyst() -> Document:
    """Everything, in the base's layout; its own file so that a project's copy has a Word template to edit."""
    return base()


BUILT = {"base": base, "executive": executive, "analyst": analyst, "public": public, "jianbao": jianbao}


def main() -> None:
    for name, make in BUILT.items():
        folder = ROOT / name
        folder.mkdir(parents=True, exist_ok=True)
        doc = make()
        chinese_theme(doc)
        props = doc.core_properties
        props.author = "briefing"
        props.title = f"briefing template: {name}"
        props.comments = "Edit in Word: fonts, header, logo, the order of sections. Tags: see templates/README.md."
        props.revision = 1
        props.created = props.modified = dt.datetime(2024, 1, 1)
        props.last_modified_by = "briefing"
        doc.save(str(folder / "briefing.docx"))
        fixed_times(folder / "briefing.docx")
        print(folder / "briefing.docx")


def chinese_theme(doc) -> None:
    """The theme's font language zh-CN (python-docx's template says ja-JP, so the theme's East Asian fonts would
    be the Japanese ones)."""
    theme = doc.settings.element.find(qn("w:themeFontLang"))
    if theme is None:
        theme = OxmlElement("w:themeFontLang")
        doc.settings.element.append(theme)
    theme.set(qn("w:val"), "zh-CN")
    theme.set(qn("w:eastAsia"), "zh-CN")


def fixed_times(path: Path) -> None:
    """The same template, the same bytes: zip entries dated 2024-01-01, so a rerun changes nothing in git."""
    with zipfile.ZipFile(path) as source:
        entries = [(info, source.read(info)) for info in source.infolist()]
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as target:
        for info, data in entries:
            info.date_time = (2024, 1, 1, 0, 0, 0)
            target.writestr(info, data)


if __name__ == "__main__":
    main()
