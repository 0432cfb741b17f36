"""The Chinese fonts embedded in the Word briefing (render.word_fonts), as Word's "Embed fonts in the file" does:
obfuscated word/fonts/*.odttf parts holding the document's characters, the same bytes from build to build, the
subsets cached."""

from __future__ import annotations

import io
import re
import sys
import zipfile
from functools import lru_cache
from pathlib import Path

import pytest
from docx import Document as Word
from docx.oxml.ns import qn
from fontTools.ttLib import TTFont

ROOT = Path(__file__).resolve().parents[2]
BUILT_IN = ("executive", "analyst", "public", "jianbao")
FONT_TYPE = "application/vnd.openxmlformats-officedocument.obfuscatedFont"
FONT_REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/font"
# what numbering writes that no run holds (page numbers, 一、 and （一） labels): a subset may hold these too
COUNTED = set("0123456789〇一二三四五六七八九十百千万")


@lru_cache(maxsize=1)
def faces() -> dict[str, set[str]]:
    """The characters each bundled face has, by its file's name (NotoSerifSC, NotoSansSC)."""
    import pylopdf_fonts_zh_cn

    return {Path(p).stem.split("-")[0]: set(map(chr, TTFont(p).getBestCmap()))
            for p in (pylopdf_fonts_zh_cn.serif_path(), pylopdf_fonts_zh_cn.sans_path())}


def shown_text(doc) -> set[str]:
    """Every character of the document's runs, read back with python-docx: body, tables, headers, footers."""
    def paragraphs(container):
        yield from container.paragraphs
        for table in container.tables:
            for row in table.rows:
                for cell in row.cells:
                    yield from paragraphs(cell)

    chars = set()
    containers = [doc] + [hf for s in doc.sections for hf in (s.header, s.footer, s.even_page_header,
                                                              s.even_page_footer, s.first_page_header,
                                                              s.first_page_footer)]
    for container in containers:
        for paragraph in paragraphs(container):
            chars.update(paragraph.text)
    return chars - {"\n", "\t"}


def deobfuscate(data: bytes, key: str) -> bytes:
    """ECMA-376 Part 1 §17.8.1, written out again here: the key's 16 bytes last to first, over the first 32."""
    mask = bytes.fromhex(key.strip("{}").replace("-", ""))[::-1]
    return bytes(b ^ mask[i % 16] for i, b in enumerate(data[:32])) + data[32:]


def embedded(path: Path) -> dict[str, TTFont]:
    """Each embedded font of a .docx by its w:font name, read from the zip as Word would."""
    with zipfile.ZipFile(path) as z:
        types = z.read("[Content_Types].xml").decode()
        rels = z.read("word/_rels/fontTable.xml.rels").decode()
        table = z.read("word/fontTable.xml").decode()
        fonts = {}
        for name, rid, key in re.findall(r'<w:font w:name="([^"]+)">(?:(?!</w:font>).)*?<w:embedRegular r:id="(\w+)" '
                                         r'w:fontKey="(\{[0-9A-F-]+\})" w:subsetted="true"/>', table):
            target = re.search(rf'Id="{rid}" Type="{FONT_REL}" Target="([^"]+)"', rels).group(1)
            assert f'PartName="/word/{target}" ContentType="{FONT_TYPE}"' in types
            data = z.read(f"word/{target}")
            with pytest.raises(Exception):
                TTFont(io.BytesIO(data), lazy=False).getGlyphOrder()  # obfuscated: no font as it lies
            fonts[name] = TTFont(io.BytesIO(deobfuscate(data, key)))
    return fonts


def test_each_built_in_embeds_its_chinese_fonts_subset_to_its_characters(golden_build: Path):
    """Every Chinese font a built-in template uses is embedded (obfuscated, related from the font table, asked
    for in the settings), as a Song or a Hei face as templates/fonts.conf maps it, holding exactly the glyphs of
    the characters the document shows; the file reopens in python-docx and docxtpl. Before: no font embedded."""
    from docxtpl import DocxTemplate

    from briefing.render import word_fonts

    assert COUNTED <= set(word_fonts._counting())
    expected = {"executive": {"宋体", "黑体"}, "analyst": {"宋体", "黑体"}, "public": {"宋体", "黑体"},
                "jianbao": {"仿宋", "黑体", "楷体", "宋体", "方正小标宋简体"}}
    for name in BUILT_IN:
        path = golden_build / name / "briefing.docx"
        fonts = embedded(path)
        assert set(fonts) == expected[name], (name, set(fonts))
        doc = Word(str(path))
        settings = doc.settings.element
        assert settings.find(qn("w:embedTrueTypeFonts")) is not None and settings.find(qn("w:saveSubsetFonts")) is not None
        text = shown_text(doc)
        chinese = {c for c in text if "\u4e00" <= c <= "\u9fff"}
        assert len(chinese) > 100, name
        for font_name, font in fonts.items():
            cmap = set(map(chr, font.getBestCmap()))
            sans = font_name == "黑体"
            assert font["name"].getDebugName(6) == ("NotoSansSC-Regular" if sans else "NotoSerifSC-Regular")
            assert font_name in {r.toUnicode() for r in font["name"].names if r.nameID == 1}  # found by its name
            assert "glyf" in font and "CFF " not in font  # TrueType outlines, as Word embeds
            has = faces()["NotoSansSC" if sans else "NotoSerifSC"]  # what the bundled face can show at all
            assert text & has <= cmap, (name, font_name, sorted(text & has - cmap)[:20])  # every one of them
            assert cmap - text <= COUNTED | set(word_fonts._counting()), (name, font_name, sorted(cmap - text)[:20])  # and nothing more
            assert len(font.getGlyphOrder()) < 3 * len(cmap)  # a subset: the faces hold 30,000+ glyphs
        DocxTemplate(str(path)).init_docx()  # docxtpl opens it too


def test_two_builds_are_byte_identical(tmp_path: Path):
    """The keys are digests of the fonts and nothing carries the time: the same inputs, the same .docx bytes."""
    sys.path.insert(0, str(ROOT / "tools"))
    from make_golden import build_sample

    first, second = build_sample(tmp_path / "a"), build_sample(tmp_path / "b")
    for name in ("executive", "jianbao"):
        one, two = (d / name / "briefing.docx" for d in (first, second))
        assert "word/fonts/font1.odttf" in zipfile.ZipFile(one).namelist()
        assert one.read_bytes() == two.read_bytes(), name


@pytest.fixture
def fresh_cache(tmp_path: Path, monkeypatch) -> Path:
    from briefing.render import word_fonts

    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    word_fonts._named_subset.cache_clear()  # what this process named before is no entry of this cache
    return tmp_path / "cache" / "briefing" / "fonts"


def _rendered(golden_build: Path):
    """The executive briefing as rendered before its fonts are embedded (the embedded ones taken out)."""
    return Word(str(golden_build / "executive" / "briefing.docx"))


def test_a_cached_subset_is_not_made_again_and_a_damaged_one_is(golden_build: Path, fresh_cache: Path, monkeypatch):
    """The first embedding subsets each face once (宋体 and 黑体: a Song, a Hei), the next one reads the cache;
    an entry damaged on disk is made again, never embedded as it is. Within a process, a subset named once is
    neither made nor read again."""
    from briefing.render import word_fonts

    calls, reads = [], []
    make, read = word_fonts.make_subset, word_fonts._cache_read
    monkeypatch.setattr(word_fonts, "make_subset", lambda face, text: calls.append(face.family) or make(face, text))
    monkeypatch.setattr(word_fonts, "_cache_read", lambda digest: reads.append(digest) or read(digest))
    first = word_fonts.embed_fonts(_rendered(golden_build))
    assert sorted(calls) == ["Noto Sans SC", "Noto Serif SC"] and len(list(fresh_cache.glob("*.ttf"))) == 2
    assert [e.data for e in word_fonts.embed_fonts(_rendered(golden_build))] == [e.data for e in first]
    assert len(calls) == 2 and len(reads) == 2  # the second document of the process: from memory
    word_fonts._named_subset.cache_clear()  # as a new process
    again = word_fonts.embed_fonts(_rendered(golden_build))
    assert len(calls) == 2 and [e.data for e in again] == [e.data for e in first]  # read back, the same bytes
    for entry in fresh_cache.glob("*.ttf"):
        entry.write_bytes(entry.read_bytes()[:5000])  # cut short, as a full disk would leave it
    word_fonts._named_subset.cache_clear()
    mended = word_fonts.embed_fonts(_rendered(golden_build))
    assert len(calls) == 4 and [e.data for e in mended] == [e.data for e in first]


def test_a_cache_that_cannot_be_written_is_skipped(golden_build: Path, tmp_path: Path, monkeypatch):
    """$XDG_CACHE_HOME a file (no folder can be made in it): the fonts are embedded all the same."""
    from briefing.render import word_fonts

    (tmp_path / "cache").write_text("not a folder", encoding="utf-8")
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    assert [e.name for e in word_fonts.embed_fonts(_rendered(golden_build))] == ["宋体", "黑体"]
    assert not list(tmp_path.glob("**/*.tmp"))


def test_a_template_with_embedded_fonts_has_them_replaced_not_doubled(golden_build: Path, tmp_path: Path):
    """A briefing whose template was saved with its fonts embedded (here: one already embedded) gets the new
    subsets in their place: one part per font, no part name twice, and the file opens."""
    from briefing.render import word_fonts

    doc = _rendered(golden_build)
    word_fonts.embed_fonts(doc)
    doc.save(str(tmp_path / "again.docx"))
    names = zipfile.ZipFile(tmp_path / "again.docx").namelist()
    assert sorted(n for n in names if n.startswith("word/fonts/")) == ["word/fonts/font1.odttf", "word/fonts/font2.odttf"]
    assert len(names) == len(set(names)) and set(embedded(tmp_path / "again.docx")) == {"宋体", "黑体"}


def test_a_new_document_draws_only_the_characters_no_document_had(fresh_cache: Path, monkeypatch):
    """The glyph store: a document whose characters were all drawn before draws none; one with two new
    characters draws those two (subsetting the whole face again for each new document took seconds)."""
    from briefing.render import word_fonts

    face = word_fonts.bundled_faces()[word_fonts.SERIF]
    drawn = []
    draw = word_fonts.draw
    monkeypatch.setattr(word_fonts, "draw", lambda f, codes: drawn.extend(codes) or draw(f, codes))
    word_fonts.make_subset(face, "西部大开发简报")
    assert len(drawn) == 8  # seven characters and .notdef
    drawn.clear()
    assert word_fonts.make_subset(face, "简报") and drawn == []
    font = TTFont(io.BytesIO(word_fonts.make_subset(face, "西部简报新篇")))
    assert sorted(map(chr, drawn)) == ["新", "篇"] and set(map(chr, font.getBestCmap())) == set("西部简报新篇")


def test_every_part_is_deflated_at_the_fastest_level(golden_build: Path):
    """A Word file's bulk is compressed already (embedded fonts, charts' PNGs: deflate gains little on them at any
    level) or is XML that level 1 still shrinks many times over; the default level took a third more time to
    save. Every part is deflated at level 1, and reads back. Before: every part at zlib's default level."""
    import zlib

    def deflated(data: bytes) -> int:
        packer = zlib.compressobj(1, zlib.DEFLATED, -15)
        return len(packer.compress(data) + packer.flush())

    for name in BUILT_IN:
        with zipfile.ZipFile(golden_build / name / "briefing.docx") as archive:
            assert archive.testzip() is None
            members = archive.infolist()
            kinds = {m.filename.rsplit(".", 1)[-1] for m in members}
            assert {"odttf", "png", "xml"} <= kinds, (name, kinds)
            for member in members:
                assert member.compress_type == zipfile.ZIP_DEFLATED, (name, member.filename)
                assert member.compress_size == deflated(archive.read(member)), (name, member.filename)
            styles = next(m for m in members if m.filename == "word/styles.xml")
            assert styles.compress_size * 10 < styles.file_size, name  # the XML still shrinks many times over


def test_a_python_docx_without_the_writers_steps_saves_as_it_does_by_itself(monkeypatch):
    """save_package writes through python-docx's PackageWriter steps; a version that renamed them saves the
    document with python-docx's own save, never fails the build."""
    from briefing.render import word

    document = Word()
    document.add_paragraph("西部大开发")
    monkeypatch.setattr(word, "_WRITER_STEPS", word._WRITER_STEPS[:2] + ("_write_parts_renamed",))
    out = io.BytesIO()
    word.save_package(document, out)
    assert [p.text for p in Word(io.BytesIO(out.getvalue())).paragraphs] == ["西部大开发"]
