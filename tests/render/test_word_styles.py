"""A Word user edits Normal once and the briefing follows: every body style inherits its face and size from
Normal (directly or through its base styles) and sets only what differs; headings keep their own face."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
import yaml
from docx import Document as Word
from docx.oxml.ns import qn
from docx.shared import Pt

from conftest import ROOT, run_cli

BUILT_IN = ("executive", "analyst", "public", "jianbao")
# Styles that may keep a face (and size) of their own: the title, headings, a masthead, a marking.
OWN_FACE = {"Title", "Subtitle", "Heading 1", "Heading 2", "TOC Heading", "Masthead", "Marking"}
# Body styles smaller than the body by design: they follow Normal's face, not its size.
OWN_SIZE = {"Caption", "Table Text", "Note", "Header", "Footer"}
LATIN, EAST, SIZE = "Georgia", "楷体", 13.0


def _rfonts(element):
    rpr = element.find(qn("w:rPr")) if element is not None else None
    return rpr.find(qn("w:rFonts")) if rpr is not None else None


def _found(rfonts, attr: str) -> str | None:
    """A face set in this rFonts: a theme font (which wins over a named one) as "theme:…"."""
    if rfonts is None:
        return None
    theme = rfonts.get(qn(attr + "Theme"))
    return f"theme:{theme}" if theme else rfonts.get(qn(attr))


def _size(element) -> float | None:
    rpr = element.find(qn("w:rPr")) if element is not None else None
    sz = rpr.find(qn("w:sz")) if rpr is not None else None
    return int(sz.get(qn("w:val"))) / 2 if sz is not None else None


def _chain(style):
    while style is not None:
        yield style
        style = style.base_style


def effective(doc, paragraph, run) -> tuple[str | None, str | None, float | None]:
    """(East Asian face, Latin face, size) of a run as Word resolves them: the run, the paragraph style and
    its base styles, then the document defaults."""
    defaults = doc.styles.element.find(qn("w:docDefaults")).find(qn("w:rPrDefault"))
    places = [run._r] + [s.element for s in _chain(paragraph.style)] + [defaults]
    east = next((f for e in places if (f := _found(_rfonts(e), "w:eastAsia"))), None)
    latin = next((f for e in places if (f := _found(_rfonts(e), "w:ascii"))), None)
    size = next((s for e in places if (s := _size(e)) is not None), None)
    return east, latin, size


def _paragraphs(doc):
    yield from doc.paragraphs
    for table in doc.tables:
        for row in table.rows:
            for cell in row.cells:
                yield from cell.paragraphs


def _user_template(project: Path, name: str) -> None:
    """A copy of the built-in template whose Normal a user changed in Word (face, Latin face and size)."""
    folder = project / "templates" / f"my-{name}"
    folder.mkdir(parents=True)
    doc = Word(str(ROOT / "briefing" / "templates" / name / "briefing.docx"))
    normal = doc.styles["Normal"]
    normal.font.name = LATIN
    normal.font.size = Pt(SIZE)
    normal.element.get_or_add_rPr().get_or_add_rFonts().set(qn("w:eastAsia"), EAST)
    doc.save(str(folder / "briefing.docx"))
    (folder / "template.yaml").write_text(f"name: my-{name}\nextends: {name}\n", encoding="utf-8")


@pytest.fixture(scope="module")
def edited_build(tmp_path_factory) -> Path:
    project = tmp_path_factory.mktemp("edited")
    shutil.copytree(ROOT / "data", project / "data")
    config = yaml.safe_load((ROOT / "briefing.yaml").read_text(encoding="utf-8"))
    config["audiences"] = {name: {"template": f"my-{name}"} for name in BUILT_IN}
    (project / "briefing.yaml").write_text(yaml.safe_dump(config, allow_unicode=True), encoding="utf-8")
    for name in BUILT_IN:
        _user_template(project, name)
    result = run_cli("build", str(project / "briefing.yaml"), "--date", "2024-04-23", "--out", str(project / "out"))
    assert result.returncode == 0, result.stderr
    return project / "out" / "western-development" / "2024-04-23"


@pytest.mark.parametrize("name", BUILT_IN)
def test_body_text_follows_normal(edited_build: Path, name: str):
    doc = Word(str(edited_build / name / "briefing.docx"))
    wrong = []
    for paragraph in _paragraphs(doc):
        chain = {s.name for s in _chain(paragraph.style)}
        if chain & OWN_FACE or not paragraph.text.strip():
            continue
        for run in (r for r in paragraph.runs if r.text.strip()):
            east, latin, size = effective(doc, paragraph, run)
            wanted = (EAST, LATIN, size if chain & OWN_SIZE else SIZE)
            if (east, latin, size) != wanted:
                wrong.append(f"{paragraph.style.name}: {run.text[:12]!r} is {(east, latin, size)}")
    assert not wrong, "\n".join(wrong[:12])


@pytest.mark.parametrize("name", BUILT_IN + ("base",))
def test_body_styles_set_no_face_of_their_own(name: str):
    """Each body style of the built-in template is Normal's child and names no face, theme or size but its own."""
    doc = Word(str(ROOT / "briefing" / "templates" / name / "briefing.docx"))
    for style in ("List Number", "List Bullet", "List Bullet 2", "Quote", "Caption", "Table Text", "Note",
                  "TOC 1", "TOC 2", "Figure"):
        if style not in [s.name for s in doc.styles]:
            continue
        chain = [s.name for s in _chain(doc.styles[style])]
        assert chain[-1] == "Normal", (style, chain)
        rfonts = _rfonts(doc.styles[style].element)
        assert rfonts is None or not dict(rfonts.attrib), (style, dict(rfonts.attrib))
        assert style in OWN_SIZE or _size(doc.styles[style].element) is None, style


@pytest.mark.parametrize("name,east", [("executive", "宋体"), ("analyst", "宋体"), ("public", "宋体"),
                                       ("jianbao", "仿宋"), ("base", "宋体")])
def test_defaults_times_new_roman_beside_the_chinese_face(name: str, east: str):
    doc = Word(str(ROOT / "briefing" / "templates" / name / "briefing.docx"))
    defaults = doc.styles.element.find(qn("w:docDefaults")).find(qn("w:rPrDefault"))
    for element in (doc.styles["Normal"].element, defaults):
        rfonts = _rfonts(element)
        assert (rfonts.get(qn("w:ascii")), rfonts.get(qn("w:hAnsi")), rfonts.get(qn("w:eastAsia"))) == \
            ("Times New Roman", "Times New Roman", east)
        assert not [a for a in rfonts.attrib if a.endswith("Theme") or a.endswith("theme")]
