"""docxtpl builds the rendered body with a plain lxml parser; python-docx must still see its own element classes.

docxtpl's fix_tables parses the rendered body XML with `etree.XMLParser`, whose elements are lxml's plain
_Element, and map_tree puts that tree into the document. lxml gives an element the class of the parser of its
document only when it makes the element's Python proxy; a proxy made before the move (the tree docxtpl still
holds, a debugger or profiler thread holding the build's frames, garbage not yet collected) keeps the plain
class, and python-docx then fails on it ("'lxml.etree._Element' object has no attribute 'p_lst'") when the
table of contents reads the body. Holding every proxy of the tree, as such a thread does, provokes it each time.
"""

from __future__ import annotations

import datetime as dt
import threading
from pathlib import Path

from docx import Document as Word

from briefing.config import load_config
from briefing.pipeline import build
from briefing.render.word import BriefingDocx
from conftest import ROOT


def test_a_thread_holding_the_rendered_tree_cannot_break_the_contents(tmp_path: Path, monkeypatch):
    held: list = []
    hold = threading.Event()
    fix_tables = BriefingDocx.fix_tables

    def holding(self, xml):
        tree = fix_tables(self, xml)
        held.extend(tree.iter())  # every element's proxy made now, with the plain parser's class, and kept
        return tree

    monkeypatch.setattr(BriefingDocx, "fix_tables", holding)
    holder = threading.Thread(target=hold.wait, args=(30,))  # a thread alive through the build, as a profiler's
    holder.start()
    try:
        config = load_config(ROOT / "briefing.yaml")
        report = build(config, ["analyst"], dt.date(2024, 4, 23).isoformat(), tmp_path / "out")
    finally:
        hold.set()
        holder.join()
    assert held, "the render went through docxtpl's fix_tables"
    word = Word(str(report.editions[0] / "briefing.docx"))
    contents = [p.text for p in word.paragraphs if p.style.name in ("TOC 1", "TOC 2")]
    headings = [p.text.strip() for p in word.paragraphs if p.style.name in ("Heading 1", "Heading 2") and p.text.strip()]
    assert contents and [c.strip() for c in contents] == headings


def test_a_parts_xml_is_cleaned_for_jinja_once_a_process(monkeypatch):
    """docxtpl's patch_xml depends on the XML alone: the second audience of a template reuses the first's."""
    from docxtpl import DocxTemplate

    from briefing.render import word
    from briefing.resources import BUILTIN_TEMPLATES

    calls = []
    original = DocxTemplate.patch_xml
    monkeypatch.setattr(DocxTemplate, "patch_xml", lambda self, xml: calls.append(xml) or original(self, xml))
    word._patched.cache_clear()
    document = word.BriefingDocx(str(BUILTIN_TEMPLATES / "base" / "briefing.docx"))
    xml = '<w:p><w:r><w:t>{{</w:t></w:r><w:r><w:t> title }}</w:t></w:r></w:p>'
    first = document.patch_xml(xml)
    assert document.patch_xml(xml) == first == original(document, xml)
    assert calls == [xml]
    document.patch_xml(xml + " ")  # another part: cleaned on its own
    assert calls == [xml, xml + " "]
