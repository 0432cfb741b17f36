"""Render: the Word briefing from a Word template (docxtpl), the digest from a Jinja2 template.

Both take the same context and render in the same sandboxed, strict Jinja environment
(briefing.templating.environment). Undefined names are errors that name the template
and the line (for Word, the paragraph), never an empty gap in a briefing.

docxtpl was chosen over driving python-docx by hand because it lets a person edit
the layout, fonts, header and the order of sections in Word itself: the .docx is
the template, its Jinja tags are plain text in it, and its styles carry through.
What tags cannot say is done here, from the rendered document itself: charts are
placed at their own width (never wider than the text), the table of contents is
filled in from the headings, and the document properties are set.

The table of contents stays a real TOC field, so Word (F9) and LibreOffice (Update)
can add page numbers; its shown result is written here as one linked line per
heading, because only a layout engine knows page numbers, and LibreOffice's layout
is not Word's (other fonts, other line breaks), so numbers taken from it would be
wrong in Word.
"""

from __future__ import annotations

import datetime as dt
import re
import zipfile
from pathlib import Path
from typing import IO

import jinja2

from briefing.errors import InputError
from briefing.resources import FONTS_CONF
from briefing.templating import Template, environment, load_template, render_digest, template_error

TOC_LEVELS = {"Heading 1": 1, "Heading 2": 2}
BOOKMARK = "_Toc{:06d}"


def render_markdown(context: dict, template: Template | Path) -> str:
    """The Markdown digest of one audience."""
    return render_digest(context, as_template(template))


def as_template(template: Template | Path) -> Template:
    return template if isinstance(template, Template) else load_template(Path(template))


def render_docx(context: dict, template: Template | Path, out: Path | IO[bytes]) -> None:
    """Render the Word template to `out` (a path, or a file object for a trial render)."""
    from docx.opc.exceptions import PackageNotFoundError
    from docx.shared import Mm
    from docxtpl import DocxTemplate, InlineImage

    template = as_template(template)
    path = template.word
    word = DocxTemplate(str(path))
    try:
        word.init_docx()
    except (KeyError, ValueError, OSError, zipfile.BadZipFile, PackageNotFoundError) as exc:
        raise InputError(str(path), f"cannot read the Word template: {exc}", "save it again from Word as .docx") from None
    width = text_width_mm(word.docx)
    charts = [{**c, "image": InlineImage(word, c["path"], width=Mm(min(c.get("width_mm") or width, width)))}
              for c in context["charts"]]
    try:
        word.render({**context, "charts": charts}, jinja_env=environment(template, word=True), autoescape=True)
    except Exception as exc:  # a template is code its author wrote: whatever it raises is their mistake to fix
        raise word_error(exc, word, path, context) from None
    fill_contents(word.docx)
    set_properties(word.docx, context)
    word.save(out if not isinstance(out, Path) else str(out))


def text_width_mm(document) -> float:
    """The width of the text of the first section: the page less its margins, in millimetres."""
    section = document.sections[0]
    return round((section.page_width - section.left_margin - section.right_margin) / 36000, 1)


# ---------------------------------------------------------------- errors in a Word template


def word_error(exc: Exception, word, path: Path, context: dict) -> InputError:
    """A Jinja error in a Word template, placed at the Word paragraph it comes from (Word has no line numbers)."""
    error = template_error(exc, path, context)
    where = word_place(word, exc)
    problem = f"Word template: {error.problem}"
    fix = error.fix
    if isinstance(exc, jinja2.TemplateSyntaxError):
        fix = "open it in Word and fix the tag ({% … %} or {{ … }}); type each tag in one go so Word keeps it in one piece"
    return InputError(str(path), problem, fix, where)


def word_place(word, exc: BaseException) -> str:
    """'paragraph “…”' (or 'header paragraph “…”') where a Jinja error happened in a rendered Word part."""
    line = getattr(exc, "lineno", None) if isinstance(exc, jinja2.TemplateSyntaxError) else _template_line(exc)
    part = getattr(word, "current_rendering_part", None)
    try:
        xml = part_xml(word, part)
    except Exception:  # the place is a help, never a second error
        return ""
    text = paragraph_at(xml, line) if line else ""
    kind = _part_kind(part)
    return f"{kind}paragraph “{text}”" if text else kind.strip()


def part_xml(word, part) -> str:
    """The XML of a part as docxtpl hands it to Jinja: tags cleaned up, one paragraph a line."""
    from docx.oxml import parse_xml

    if part is None or part is word.docx._part:
        xml = word.get_xml()
    else:
        xml = word.xml_to_string(parse_xml(part.blob))
    return re.sub(r"<w:p([ >])", r"\n<w:p\1", word.patch_xml(xml))


def paragraph_at(xml: str, line: int, hint: str = "") -> str:
    """The text of the Word paragraph on a line of `part_xml`. A line may end with the tag of a
    {%p %} paragraph docxtpl has already unwrapped; with a `hint`, the piece holding it is chosen."""
    lines = xml.splitlines()
    if not 0 < line <= len(lines):
        return ""
    paragraph, _, rest = lines[line - 1].partition("</w:p>")
    pieces = [re.sub(r"<[^>]+>", "", piece).strip() for piece in (paragraph, rest)]
    text = next((p for p in pieces if hint and hint in p), None) or next((p for p in pieces if p), "")
    if PARAGRAPH_TAG.match(text):  # docxtpl's {% for %} was the paragraph {%p for %} in Word
        text = "{%p" + text[2:]
    return text if len(text) <= 60 else text[:57] + "…"


PARAGRAPH_TAG = re.compile(r"\{%\s*(for|if|elif|else|endif|endfor)\b")


def _part_kind(part) -> str:
    name = str(getattr(part, "partname", ""))
    return "header " if "header" in name else "footer " if "footer" in name else ""


def _template_line(exc: BaseException) -> int | None:
    line = None
    tb = exc.__traceback__
    while tb is not None:
        if tb.tb_frame.f_code.co_filename == "<template>":
            line = tb.tb_lineno
        tb = tb.tb_next
    return line


# ---------------------------------------------------------------- the table of contents


def fill_contents(document) -> None:
    """Write the TOC field's result: one linked line per Heading 1 and 2, in TOC 1 and TOC 2 styles.

    Each heading gets a bookmark (_Toc000001 …), as Word's own TOC makes; each line holds a
    PAGEREF field to it, empty until Word or LibreOffice updates the fields.
    """
    field = _toc_field(document)
    if field is None:
        return
    first, separate, end = field
    headings = [(p, TOC_LEVELS[p.style.name]) for p in document.paragraphs
                if p.style is not None and p.style.name in TOC_LEVELS and p.text.strip()]
    entries = []
    for number, (paragraph, level) in enumerate(headings, 1):
        name = BOOKMARK.format(number)
        _bookmark(paragraph._p, name, number)
        entries.append((level, paragraph.text.strip(), name))
    _replace_result(document, first, separate, end, entries)


def _toc_field(document):
    """(the paragraph the TOC field begins in, its separate fldChar run, its end fldChar run), or None."""
    from docx.oxml.ns import qn

    body = document.element.body
    runs = body.iter(qn("w:r"))
    for run in runs:
        instr = run.find(qn("w:instrText"))
        if instr is None or not instr.text.strip().upper().startswith("TOC"):
            continue
        depth, separate = 1, None
        for later in runs:
            char = later.find(qn("w:fldChar"))
            if char is None:
                continue
            kind = char.get(qn("w:fldCharType"))
            if kind == "begin":
                depth += 1
            elif kind == "end":
                depth -= 1
                if depth == 0:
                    return run.getparent(), separate, later
            elif kind == "separate" and depth == 1:
                separate = later
        return None
    return None


def _bookmark(p, name: str, number: int) -> None:
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    start, end = OxmlElement("w:bookmarkStart"), OxmlElement("w:bookmarkEnd")
    start.set(qn("w:id"), str(900000 + number))
    start.set(qn("w:name"), name)
    end.set(qn("w:id"), str(900000 + number))
    ppr = p.find(qn("w:pPr"))
    p.insert(0 if ppr is None else list(p).index(ppr) + 1, start)
    p.append(end)


def _replace_result(document, first, separate, end, entries: list[tuple[int, str, str]]) -> None:
    """Put the entries between the field's separate and end, dropping whatever result was there."""
    from docx.oxml.ns import qn

    last = end.getparent()
    # drop the old result: what follows `separate` in the first paragraph, paragraphs in between,
    # what precedes `end` in the last one
    after = False
    for child in list(first):
        if after and child is not end:
            first.remove(child)
        after = after or child is separate
    if last is not first:
        node = first.getnext()
        while node is not None and node is not last:
            following = node.getnext()
            node.getparent().remove(node)
            node = following
        for child in list(last):
            if child is end:
                break
            if child.tag != qn("w:pPr"):
                last.remove(child)
    end.getparent().remove(end)
    paragraph = first
    for index, (level, text, name) in enumerate(entries or [(1, "", "")]):
        if index:
            new = _new_toc_paragraph(paragraph, level, document)
            paragraph.addnext(new)
            paragraph = new
        else:
            _set_toc_style(paragraph, level, document)
        if name:
            paragraph.append(_entry(text, name))
    paragraph.append(end)
    if last is not first and not [c for c in last if c.tag != qn("w:pPr")]:
        last.getparent().remove(last)


def _toc_style_id(document, level: int) -> str | None:
    try:
        return document.styles[f"TOC {level}"].style_id
    except KeyError:
        return None


def _set_toc_style(p, level: int, document) -> None:
    from docx.oxml.ns import qn

    style_id = _toc_style_id(document, level)
    if style_id is None:
        return
    ppr = p.get_or_add_pPr()
    style = ppr.find(qn("w:pStyle"))
    if style is None:
        from docx.oxml import OxmlElement

        style = OxmlElement("w:pStyle")
        ppr.insert(0, style)
    style.set(qn("w:val"), style_id)


def _new_toc_paragraph(after, level: int, document):
    from docx.oxml import OxmlElement

    p = OxmlElement("w:p")
    _set_toc_style(p, level, document)
    return p


def _entry(text: str, bookmark: str):
    """<w:hyperlink w:anchor=…>text, a tab, PAGEREF bookmark</w:hyperlink>, as Word writes a TOC line."""
    from docx.oxml import parse_xml
    from docx.oxml.ns import nsdecls
    from xml.sax.saxutils import escape

    return parse_xml(
        f'<w:hyperlink {nsdecls("w")} w:anchor="{bookmark}" w:history="1">'
        f'<w:r><w:t xml:space="preserve">{escape(text)}</w:t></w:r><w:r><w:tab/></w:r>'
        '<w:r><w:fldChar w:fldCharType="begin"/></w:r>'
        f'<w:r><w:instrText xml:space="preserve"> PAGEREF {bookmark} \\h </w:instrText></w:r>'
        '<w:r><w:fldChar w:fldCharType="separate"/></w:r><w:r><w:t></w:t></w:r>'
        '<w:r><w:fldChar w:fldCharType="end"/></w:r></w:hyperlink>')


# ---------------------------------------------------------------- document properties


def set_properties(document, context: dict) -> None:
    """Title, subject, author, dates and language from the briefing, so a file list shows what it is."""
    props = document.core_properties
    props.title = context["title"]
    props.subject = context["audience"]["title"]
    props.author = context.get("issuer") or "briefing"
    props.keywords = "; ".join(filter(None, (context["audience"]["name"], context.get("marking", ""))))
    props.comments = "; ".join(s["title"] for s in context.get("sources", []))[:255]
    props.language = "zh-CN" if context.get("language") == "zh" else "en-GB"
    props.created = dt.datetime.fromisoformat(context["date"])
    props.modified = props.created
    props.last_modified_by = "briefing"
    props.revision = 1
    props.category = context.get("marking", "")


# ---------------------------------------------------------------- PDF, for a look at the pages




def to_pdf(docx: Path, folder: Path, timeout: float = 180) -> Path:
    """Convert a briefing to PDF with LibreOffice (soffice must be on the PATH), in a profile of its own.

    The built-in templates' font fallbacks (templates/fonts.conf) are added to the
    system's fontconfig for the conversion, so 仿宋 shows as a Song face, not a Hei.
    """
    import os
    import subprocess

    folder.mkdir(parents=True, exist_ok=True)
    config = folder / "fonts.conf"
    config.write_text('<?xml version="1.0"?>\n<fontconfig>\n'
                      '  <include ignore_missing="yes">/etc/fonts/fonts.conf</include>\n'
                      f'  <include ignore_missing="yes">{FONTS_CONF}</include>\n</fontconfig>\n', encoding="utf-8")
    env = {**os.environ, "FONTCONFIG_FILE": str(config)}
    subprocess.run(["soffice", f"-env:UserInstallation={(folder / 'lo-profile').as_uri()}", "--headless",
                    "--convert-to", "pdf", "--outdir", str(folder), str(docx)],
                   check=True, capture_output=True, timeout=timeout, env=env)
    return folder / (Path(docx).stem + ".pdf")
