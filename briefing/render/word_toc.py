"""The Word briefing's table of contents: the TOC field's shown result, one linked line per heading.

The table of contents stays a real TOC field, so Word (F9) and LibreOffice (Update) can
add page numbers; its shown result is written here, because only a layout engine knows
page numbers, and LibreOffice's layout is not Word's.
"""

from __future__ import annotations

TOC_LEVELS = {"Heading 1": 1, "Heading 2": 2}
BOOKMARK = "_Toc{:06d}"


def fill_contents(document) -> None:
    """Write the TOC field's result: one linked line per Heading 1 and 2, in TOC 1 and TOC 2 styles.

    Each heading gets a bookmark (_Toc000001 …), as Word's own TOC makes; each line holds a
    PAGEREF field to it, empty until Word or LibreOffice updates the fields.
    """
    field = _toc_field(document)
    if field is None:
        return
    first, separate, end = field
    names = _style_names(document)
    headings = [(p, TOC_LEVELS[names[p._p.style]]) for p in document.paragraphs
                if names.get(p._p.style) in TOC_LEVELS and p.text.strip()]
    entries = []
    for number, (paragraph, level) in enumerate(headings, 1):
        name = BOOKMARK.format(number)
        _bookmark(paragraph._p, name, number)
        entries.append((level, paragraph.text.strip(), name))
    _replace_result(document, first, separate, end, entries)


def _style_names(document) -> dict[str | None, str]:
    """Each paragraph style's id to its name, and None (a paragraph without a style) to the default's: one pass
    over the styles, not one a paragraph (python-docx looks each id up in a list)."""
    from docx.enum.style import WD_STYLE_TYPE

    styles = [s for s in document.styles if s.type == WD_STYLE_TYPE.PARAGRAPH]
    names: dict[str | None, str] = {s.style_id: s.name for s in styles}
    default = document.styles.default(WD_STYLE_TYPE.PARAGRAPH)
    names[None] = default.name if default is not None else ""
    return names


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
