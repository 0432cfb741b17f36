"""The Word briefing, from a Word template (docxtpl).

The digest (render.markdown) and the briefing take the same context and render in the same sandboxed, strict Jinja environment
(briefing.templating.engine.environment). Undefined names are errors that name the template
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
import io
import re
import zipfile
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from types import SimpleNamespace
from typing import IO

import jinja2
from docx.shared import Mm
from docxtpl import DocxTemplate, InlineImage
from markupsafe import Markup

from briefing import languages
from briefing.errors import InputError
from briefing.model import InputLimits
from briefing.render.word_fonts import embed_fonts
from briefing.render.word_toc import fill_contents
from briefing.render.zipwriter import PackageZip
from briefing.render.word_sections import order_sections
from briefing.templating import Template, load_template
from briefing.templating.engine import environment, template_error
from briefing.patterns import lazy


def as_template(template: Template | Path) -> Template:
    return template if isinstance(template, Template) else load_template(Path(template))


def render_docx(context: dict, template: Template | Path, out: Path | IO[bytes],
                limits: InputLimits = InputLimits()) -> None:
    """Render the Word template to `out` (a path, or a file object for a trial render), within the config's
    template limits."""
    from docx.opc.exceptions import PackageNotFoundError

    template = as_template(template)
    path = template.word
    word = BriefingDocx(str(path))
    try:
        word.init_docx()
    except (KeyError, ValueError, OSError, zipfile.BadZipFile, PackageNotFoundError) as exc:
        raise InputError(str(path), f"cannot read the Word template: {exc}", "save it again from Word as .docx") from None
    order_sections(word.docx.element.body, context.get("sections", []))
    word.pictures = tuple(pictures(context["charts"], text_width_mm(word.docx)))
    try:
        word.render(template_context(context), jinja_env=environment(template, word=True, limits=limits), autoescape=True)
    except Exception as exc:  # a template is code its author wrote: whatever it raises is their mistake to fix
        raise word_error(exc, word, path, context) from None
    fill_contents(word.docx)
    set_properties(word.docx, context)
    if not isinstance(out, Path):  # a trial render, in memory: it checks the template, fonts are the edition's
        return word.save(out)
    embed_fonts(word.docx)
    whole = io.BytesIO()  # written in one go: a disk that fills mid-way never leaves python-docx's zip open
    word.save(whole)
    out.write_bytes(whole.getvalue())


# ---------------------------------------------------------------- charts: pictures as XML, never objects


@dataclass(frozen=True)
class Picture:
    """A chart's PNG (a path, or its bytes in memory for a trial render) and its width on the page."""

    source: str | IO[bytes]
    width_mm: float


def pictures(charts: list[dict], text_width: float) -> list[Picture]:
    """Each chart at its own width, never wider than the text."""
    return [Picture(c["path"], min(c.get("width_mm") or text_width, text_width)) for c in charts]


def picture_xml(part, picture: Picture) -> Markup:
    """The XML of a chart's picture in one part of the document (its body, a header …), the PNG added to it.

    docxtpl's InlineImage writes it, given a stand-in that holds only the part: what a template gets
    is this text, so no tag can reach the document being built (save it, read files into it)."""
    stand_in = SimpleNamespace(current_rendering_part=part)
    return Markup(str(InlineImage(stand_in, picture.source, width=Mm(picture.width_mm))))


def template_context(context: dict) -> dict:
    """The context as a template sees it: a chart without the path of its PNG in the scratch folder."""
    return {**context, "charts": [{k: v for k, v in c.items() if k != "path"} for c in context["charts"]]}


class BriefingDocx(DocxTemplate):
    """docxtpl's template, giving each part of the document (body, headers, footers, footnotes) the charts'
    pictures as XML made for that part."""

    pictures: tuple[Picture, ...] = ()  # set before rendering, once the template's text width is known

    def map_tree(self, tree):
        """The rendered body into the document, parsed anew by python-docx's parser: docxtpl's fix_tables parses
        it with a plain lxml parser, and a proxy of that tree alive when it moves (docxtpl's own reference, a
        thread holding the build's frames, garbage not yet collected) would keep lxml's plain class, on which
        python-docx fails ("'_Element' object has no attribute 'p_lst'")."""
        from docx.oxml.parser import parse_xml
        from lxml import etree

        super().map_tree(parse_xml(etree.tostring(tree)))

    def render_xml_part(self, src_xml, part, context, jinja_env=None):
        if "charts" in src_xml and self.pictures:
            charts = [{**c, "image": picture_xml(part, p)} for c, p in zip(context["charts"], self.pictures)]
            context = {**context, "charts": charts}
        return super().render_xml_part(src_xml, part, context, jinja_env)

    def save(self, filename, *args, **kwargs) -> None:
        """docxtpl's save, the package written by save_package (deflated at zlib's fastest level)."""
        self.pre_processing()
        save_package(self.docx, filename)
        self.post_processing(filename)
        self.is_saved = True

    def patch_xml(self, src_xml):
        """docxtpl's clean-up of a part's XML for Jinja, which depends on the XML alone: the parts of one
        template are cleaned once a process, not once an audience (about a tenth of a render's time)."""
        return _patched(src_xml)


def save_package(document, out: str | IO[bytes]) -> None:
    """python-docx's Document.save (OpcPackage.save, PackageWriter.write) through render.zipwriter's PackageZip,
    at zlib's fastest level, a member written before deflated once (a briefing's 20-35 ms of compressing become
    15-30, and nearly none for the next audience of the same template). The steps are PackageWriter's own; a
    python-docx without them saves as it does by itself."""
    from docx.opc.pkgwriter import PackageWriter

    steps = [getattr(PackageWriter, name, None) for name in _WRITER_STEPS]
    if not all(steps):
        return document.save(out)
    content_types, package_rels, parts = steps
    package = document.part.package
    for part in package.parts:
        part.before_marshal()
    writer = PackageZip(out)
    try:
        content_types(writer, package.parts)
        package_rels(writer, package.rels)
        parts(writer, package.parts)
    finally:
        writer.close()


_WRITER_STEPS = ("_write_content_types_stream", "_write_pkg_rels", "_write_parts")  # python-docx 1.1-1.2


@lru_cache(maxsize=64)
def _patched(src_xml: str) -> str:
    return DocxTemplate.patch_xml(None, src_xml)  # docxtpl's method reads nothing of its template


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


PARAGRAPH_TAG = lazy(r"\{%\s*(for|if|elif|else|endif|endfor)\b")


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


# ---------------------------------------------------------------- document properties


def tag_language(document, locale: str) -> None:
    """The language of Latin-script text in every style, the briefing's (an English briefing is checked as
    English); East Asian text keeps the template's tag (zh-CN in the built-in ones)."""
    from docx.oxml.ns import qn

    for lang in document.styles.element.iter(qn("w:lang")):
        lang.set(qn("w:val"), locale)


def set_properties(document, context: dict) -> None:
    """Title, subject, author, dates and language from the briefing, so a file list shows what it is."""
    props = document.core_properties
    props.title = context["title"]
    props.subject = context["audience"]["title"]
    props.author = context.get("issuer") or "briefing"
    props.keywords = "; ".join(filter(None, (context["audience"]["name"], context.get("marking", ""))))
    props.comments = "; ".join(s["title"] for s in context.get("sources", []))[:255]
    props.language = languages.get(context.get("language") or languages.DEFAULT).locale
    tag_language(document, props.language)
    props.created = dt.datetime.fromisoformat(context["date"])
    props.modified = props.created
    props.last_modified_by = "briefing"
    props.revision = 1
    props.category = context.get("marking", "")
