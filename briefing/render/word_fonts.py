"""The Chinese fonts of a Word briefing, embedded in it as Word's "Embed fonts in the file" does.

A briefing names 宋体, 仿宋, 黑体 … (its template's fonts), which a machine without Chinese fonts lacks: every
character a box in LibreOffice, WPS or Word. Each such name gets the bundled face of its kind (a Song for 宋体,
仿宋, 楷体 and 小标宋, a Hei for 黑体, as templates/fonts.conf maps them), subset to the characters the document
holds, embedded as ECMA-376 Part 1 says (§17.8.1, §17.8.3.3): a word/fonts/fontN.odttf part, its first 32
bytes XORed with the key of the w:font's w:embedRegular, related from the font table; settings.xml asks for
the fonts to be used (w:embedTrueTypeFonts, w:saveSubsetFonts).

Each subset is named after the w:font it stands for (its name and its altName, e.g. 宋体 and SimSun), its
PostScript name staying the bundled face's (NotoSerifSC-Regular, what a PDF shows). LibreOffice registers an
embedded font under the w:font name the document gives it (vcl's AddTempDevFont sets the family name to it),
so the names inside matter to Word and WPS, which install the font and look it up by its own names. Its
outlines are TrueType (quadratic) ones, the kind Word embeds.

SPEED. Cutting an 11 MB CFF face down with fontTools.subset costs a second or more per face and grows with
the characters (30 s for 3,000 here), and the test suite builds hundreds of briefings. So each glyph is
drawn once per machine, into TrueType outlines, and kept in the face's glyph store (an SQLite file); a
subset is put together from the store (0.2 s for 1,000 characters, the compiled outlines copied as they
are), and cached itself, keyed by (the face's digest, the characters' digest, fontTools' version), both
under the user's cache folder ($XDG_CACHE_HOME/briefing/fonts, ~/.cache/briefing/fonts). A cache that cannot
be written is skipped; a damaged entry is made again.

Every byte follows from the document and the faces (keys are digests, no timestamps), so a build is
byte-identical from run to run.
"""

from __future__ import annotations

import copy
import hashlib
import io
import re
import unicodedata
import xml.etree.ElementTree as ET
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.opc.part import Part
from docx.oxml.ns import qn
from lxml import etree

from briefing import cache
from briefing.resources import FONTS_CONF

OBFUSCATED_FONT = "application/vnd.openxmlformats-officedocument.obfuscatedFont"
SERIF, SANS = "Noto Serif SC", "Noto Sans SC"  # the bundled faces' family names, as fonts.conf names them
# settings.xml's children that come before w:embedTrueTypeFonts (CT_Settings is a sequence)
_BEFORE_EMBED = ("writeProtection", "view", "zoom", "removePersonalInformation", "removeDateAndTime",
                 "doNotDisplayPageBoundaries", "displayBackgroundShape", "printPostScriptOverText",
                 "printFractionalCharacterWidth", "printFormsData")
_EMBEDS = ("embedRegular", "embedBold", "embedItalic", "embedBoldItalic")


@dataclass(frozen=True)
class Face:
    """A bundled font file and the family name it has."""

    path: Path
    family: str

    @property
    def digest(self) -> str:
        return _file_digest(str(self.path), self.path.stat().st_mtime_ns, self.path.stat().st_size)

    def open(self):
        """The face's file as a font (lazily: a glyph is read when it is drawn); close it after use."""
        from fontTools.ttLib import TTFont

        return TTFont(str(self.path), recalcTimestamp=False, lazy=True)

    def tables(self) -> dict:
        """What a subset takes from the face, read once per process: head, hhea, OS/2, the PostScript name,
        the character map."""
        return _tables(self)


@lru_cache(maxsize=2)
def _tables(face: Face) -> dict:
    with face.open() as font:
        return {"head": copy.deepcopy(font["head"]), "hhea": copy.deepcopy(font["hhea"]),
                "OS/2": copy.deepcopy(font["OS/2"]), "psname": font["name"].getDebugName(6),
                "cmap": font.getBestCmap()}


@dataclass(frozen=True)
class Embedded:
    """One font of the document embedded: the w:font's name, the face standing for it, the part's bytes."""

    name: str
    face: Face
    key: str  # the w:fontKey GUID, {XXXXXXXX-XXXX-XXXX-XXXX-XXXXXXXXXXXX}
    data: bytes  # obfuscated, as stored in the part


def embed_fonts(document) -> list[Embedded]:
    """Embed the bundled face of each Chinese font the document uses, subset to its characters; what was
    embedded, in the font table's order."""
    table_part = _font_table_part(document)
    if table_part is None:
        return []
    table = etree.fromstring(table_part.blob)
    found = scan(document)
    used, text = found.fonts, "".join(sorted(found.chars))
    chosen = [(font, face) for font in table.iter(qn("w:font")) if (face := _face_for(font, used))]
    for font, _ in chosen:  # a template saved with its fonts embedded: those parts give way to the subsets
        _unmark_embedded(font, table_part)
    embedded = []
    for font, face in chosen:
        names = _names(font)
        plain = subset(face, text, names)
        key = font_key(plain)
        package = document.part.package
        part = Part(package.next_partname("/word/fonts/font%d.odttf"), OBFUSCATED_FONT, obfuscate(plain, key), package)
        rid = table_part.relate_to(part, RT.FONT)
        _mark_embedded(font, rid, key)
        embedded.append(Embedded(names[0], face, key, part.blob))
    if embedded:
        table_part._blob = etree.tostring(table, xml_declaration=True, encoding="UTF-8", standalone=True)
        _ask_to_use(document.settings.element)
    return embedded


# ---------------------------------------------------------------- which fonts, which characters


def _font_table_part(document):
    for rel in document.part.rels.values():
        if rel.reltype == RT.FONT_TABLE and not rel.is_external:
            return rel.target_part
    return None


def _names(font) -> list[str]:
    """A w:font's name and its altName (宋体, SimSun)."""
    alt = font.find(qn("w:altName"))
    return [font.get(qn("w:name"))] + ([alt.get(qn("w:val"))] if alt is not None and alt.get(qn("w:val")) else [])


def _face_for(font, used: set[str]) -> Face | None:
    """The bundled face a w:font stands for, when the document uses it and fonts.conf names it."""
    names = _names(font)
    if names[0] not in used:
        return None
    kinds = font_kinds()
    kind = next((kinds[n] for n in names if n in kinds), None)
    return bundled_faces()[kind] if kind else None


@lru_cache(maxsize=1)
def font_kinds() -> dict[str, str]:
    """Each font name templates/fonts.conf gives fallbacks to → the bundled family its list ends with."""
    kinds = {}
    for alias in ET.parse(FONTS_CONF).getroot().iter("alias"):
        family = alias.findtext("family")
        prefer = [f.text for f in alias.iter("family")][1:]
        kind = next((f for f in reversed(prefer) if f in (SERIF, SANS)), None)
        if family and kind:
            kinds[family] = kind
    return kinds


@lru_cache(maxsize=1)
def bundled_faces() -> dict[str, Face]:
    import pylopdf_fonts_zh_cn

    return {SERIF: Face(Path(pylopdf_fonts_zh_cn.serif_path()), SERIF),
            SANS: Face(Path(pylopdf_fonts_zh_cn.sans_path()), SANS)}


def _xml_parts(document):
    """The document's parts whose XML holds text or names fonts: body, headers, footers, notes, styles …"""
    for part in document.part.package.iter_parts():
        if str(part.partname).startswith("/word/") and part.partname.endswith(".xml"):
            yield part


@dataclass(frozen=True)
class Scan:
    """What a part of the document holds for its fonts: the font names it gives, the characters it shows."""

    fonts: frozenset[str]
    chars: frozenset[str]


_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_FONT_ATTRIBUTES = tuple(f"{_W}{a}" for a in ("ascii", "hAnsi", "eastAsia", "cs"))
_THEME_FONT = "{http://schemas.openxmlformats.org/drawingml/2006/main}font"
_SCANNED = {f"{_W}rFonts", f"{_W}t", f"{_W}lvlText", _THEME_FONT}


def scan(document) -> Scan:
    """Every font name a run, a style or the theme's Chinese script gives, and every character the document
    shows: its runs' text (body, tables, headers, footers, notes), list labels, and the digits numbering
    writes; each part read once. A part python-docx keeps as bytes (the theme, the font table, a template's
    own parts) is the template's, the same in every audience: it is read once a process."""
    fonts: set[str] = set()
    chars = set(_counting())
    for part in _xml_parts(document):
        element = getattr(part, "element", None)
        found = _scan_element(element) if element is not None else _scan_blob(part.blob)
        fonts |= found.fonts
        chars |= found.chars
    return Scan(frozenset(fonts), frozenset(c for c in chars if not unicodedata.category(c).startswith("C")))


@lru_cache(maxsize=64)
def _scan_blob(blob: bytes) -> Scan:
    return _scan_element(etree.fromstring(blob))


def _scan_element(element) -> Scan:
    fonts, chars = set(), set()
    for node in element.iter(*_SCANNED):
        tag = node.tag
        if tag == _W + "t":
            chars.update(node.text or "")
        elif tag == _W + "rFonts":
            fonts.update(v for a in _FONT_ATTRIBUTES if (v := node.get(a)))
        elif tag == _W + "lvlText":
            chars.update(re.sub(r"%\d", "", node.get(_W + "val") or ""))
        elif node.get("script") == "Hans" and node.get("typeface"):  # the theme's font for Chinese script
            fonts.add(node.get("typeface"))
    return Scan(frozenset(fonts), frozenset(chars))


# ---------------------------------------------------------------- the part


def font_key(data: bytes) -> str:
    """A GUID from the font's own bytes (never random: a build is the same from run to run)."""
    h = hashlib.sha256(data).hexdigest()[:32].upper()
    return "{" + f"{h[:8]}-{h[8:12]}-{h[12:16]}-{h[16:20]}-{h[20:]}" + "}"


def obfuscate(data: bytes, key: str) -> bytes:
    """ECMA-376 Part 1 §17.8.1: the first 32 bytes XORed with the key's bytes, last to first (its own inverse)."""
    mask = bytes.fromhex(re.sub(r"[^0-9A-Fa-f]", "", key))[::-1]
    head = bytes(b ^ mask[i % 16] for i, b in enumerate(data[:32]))
    return head + data[32:]


def _unmark_embedded(font, table_part) -> None:
    """A w:font's embedded faces taken out, with the font table's relationships to their parts."""
    for old in [c for c in font if etree.QName(c).localname in _EMBEDS]:
        font.remove(old)
        if old.get(qn("r:id")) in table_part.rels:
            del table_part.rels[old.get(qn("r:id"))]


def _mark_embedded(font, rid: str, key: str) -> None:
    mark = etree.SubElement(font, qn("w:embedRegular"))
    mark.set(qn("r:id"), rid)
    mark.set(qn("w:fontKey"), key)
    mark.set(qn("w:subsetted"), "true")


def _ask_to_use(settings) -> None:
    """w:embedTrueTypeFonts and w:saveSubsetFonts, in their place in the settings' sequence."""
    for name in ("embedTrueTypeFonts", "saveSubsetFonts"):
        for old in settings.findall(qn(f"w:{name}")):
            settings.remove(old)
    before = [c for c in settings if etree.QName(c).localname in _BEFORE_EMBED]
    index = settings.index(before[-1]) + 1 if before else 0
    for offset, name in enumerate(("embedTrueTypeFonts", "saveSubsetFonts")):
        settings.insert(index + offset, etree.Element(qn(f"w:{name}")))


# ---------------------------------------------------------------- subsets, cached


def subset(face: Face, text: str, names: list[str]) -> bytes:
    """The face with only the glyphs of `text`, in TrueType outlines, named `names`. The subset is cached by
    (the face's digest, the characters' digest, fontTools' version); naming it costs milliseconds, and a
    process keeps what it named (the audiences of one build mostly show the same characters)."""
    return _named_subset(face, face.digest, text, tuple(names))


@lru_cache(maxsize=32)
def _named_subset(face: Face, face_digest: str, text: str, names: tuple[str, ...]) -> bytes:
    import fontTools

    chars = hashlib.sha256(text.encode("utf-8")).hexdigest()
    digest = hashlib.sha256(f"{face_digest}\0{chars}\0{fontTools.version}".encode()).hexdigest()
    data = _cache_read(digest)
    if data is None:
        data = make_subset(face, text)
        _cache_write(digest, data)
    return named(data, list(names), face.family)


def make_subset(face: Face, text: str) -> bytes:
    """A TrueType font of the face's glyphs for `text` (those it has, and .notdef): outlines, advances, the
    face's metrics and names. Each glyph is turned into TrueType outlines once per machine and kept in the
    face's glyph store, so a new document costs only the characters no document had before."""
    wanted = [NOTDEF] + [ord(c) for c in text]
    with GlyphStore(face) as store:
        glyphs = store.get(wanted)
        missing = [c for c in wanted if c not in glyphs]
        if missing:
            drawn = draw(face, missing)
            store.put(drawn)
            glyphs.update(drawn)
    return assemble(face, [c for c in wanted if c in glyphs], glyphs)


def assemble(face: Face, codes: list[int], glyphs: dict[int, tuple[bytes, int, int]]) -> bytes:
    """The font of these glyphs (.notdef first), their compiled bytes kept as they are (recompiling every
    outline costs more than drawing it): the bounds and maxima a font's tables hold are read off each glyph's
    header instead."""
    from fontTools.fontBuilder import FontBuilder
    from fontTools.ttLib import newTable
    from fontTools.ttLib.tables._g_l_y_f import Glyph

    source = face.tables()
    order = [".notdef"] + [f"uni{c:04X}" if c <= 0xFFFF else f"u{c:05X}" for c in codes[1:]]
    builder = FontBuilder(source["head"].unitsPerEm, isTTF=True)
    builder.setupGlyphOrder(order)
    builder.setupCharacterMap({c: name for c, name in zip(codes[1:], order[1:])})
    font = builder.font
    font["loca"] = newTable("loca")
    glyf = font["glyf"] = newTable("glyf")
    glyf.glyphOrder = order
    glyf.glyphs = {name: Glyph(glyphs[c][0]) for c, name in zip(codes, order)}
    builder.setupHorizontalMetrics({name: glyphs[c][1:] for c, name in zip(codes, order)})
    hhea = source["hhea"]
    builder.setupHorizontalHeader(ascent=hhea.ascent, descent=hhea.descent, lineGap=hhea.lineGap)
    builder.setupNameTable({"familyName": face.family, "styleName": "Regular",
                            "psName": source["psname"] or face.family.replace(" ", "") + "-Regular"})
    builder.setupPost(keepGlyphNames=False)
    builder.setupMaxp()
    _bounds(font, [glyphs[c] for c in codes])
    os2 = copy.deepcopy(source["OS/2"])
    os2.usFirstCharIndex = min(min(codes[1:], default=32), 0xFFFF)
    os2.usLastCharIndex = min(max(codes[1:], default=32), 0xFFFF)
    os2.usMaxContext = 0
    font["OS/2"] = os2
    for name in ("created", "modified", "fontRevision", "macStyle"):
        setattr(font["head"], name, getattr(source["head"], name))
    font.recalcBBoxes = False
    return _saved(font)


def _bounds(font, glyphs: list[tuple[bytes, int, int]]) -> None:
    """head's box, hhea's extents and maxp's maxima, from each glyph's header (numberOfContours, its box,
    endPtsOfContours): what fontTools would recompute by decompiling every outline."""
    import struct

    boxes, points, contours = [], [0], [0]
    for data, advance, lsb in glyphs:
        if not data:
            continue
        count, x_min, y_min, x_max, y_max = struct.unpack(">hhhhh", data[:10])
        boxes.append((x_min, y_min, x_max, y_max, advance, lsb))
        contours.append(count)
        points.append(struct.unpack(">H", data[10 + 2 * (count - 1):12 + 2 * (count - 1)])[0] + 1 if count > 0 else 0)
    head, hhea, maxp = font["head"], font["hhea"], font["maxp"]
    if boxes:
        head.xMin, head.yMin = min(b[0] for b in boxes), min(b[1] for b in boxes)
        head.xMax, head.yMax = max(b[2] for b in boxes), max(b[3] for b in boxes)
        hhea.minLeftSideBearing = min(b[5] for b in boxes)
        hhea.minRightSideBearing = min(b[4] - b[5] - (b[2] - b[0]) for b in boxes)
        hhea.xMaxExtent = max(b[5] + (b[2] - b[0]) for b in boxes)
    hhea.advanceWidthMax = max(g[1] for g in glyphs)
    maxp.maxPoints, maxp.maxContours = max(points), max(contours)
    maxp.maxZones = 1


NOTDEF = -1  # the store's code for .notdef


def _sound(data: bytes) -> bool:
    """A stored glyph whose header holds together: empty, or a simple glyph's contours within its bytes."""
    import struct

    if not data:
        return True
    count = struct.unpack(">h", data[:2])[0] if len(data) >= 10 else -1
    return count > 0 and len(data) >= 12 + 2 * count


def draw(face: Face, codes: list[int]) -> dict[int, tuple[bytes, int, int]]:
    """Each code point's glyph of the face in quadratic (TrueType) outlines: compiled glyf bytes, advance width,
    left side bearing. A code the face lacks is left out."""
    from fontTools.pens.cu2quPen import Cu2QuPen
    from fontTools.pens.ttGlyphPen import TTGlyphPen

    cmap = face.tables()["cmap"]
    drawn = {}
    with face.open() as font:
        glyphs = font.getGlyphSet()
        metrics = font["hmtx"]
        for code in codes:
            name = ".notdef" if code == NOTDEF else cmap.get(code)
            if name is None:
                continue
            pen = TTGlyphPen(None)
            glyphs[name].draw(Cu2QuPen(pen, max_err=1.0, reverse_direction=True))
            glyph = pen.glyph()
            data = glyph.compile(None) if glyph.numberOfContours else b""
            drawn[code] = (data, metrics[name][0], getattr(glyph, "xMin", 0))
    return drawn


class GlyphStore:
    """The glyphs of one face drawn so far, in TrueType outlines: an SQLite file in the cache folder, keyed by
    the face's digest and fontTools' version. One that cannot be opened or written is skipped (the glyphs are
    drawn again), one that is damaged is made anew."""

    def __init__(self, face: Face):
        import fontTools

        self.path = cache_folder() / f"glyphs-{face.digest[:32]}-{fontTools.version}.sqlite"
        self.db = None

    def __enter__(self) -> "GlyphStore":
        import sqlite3

        for attempt in range(2):
            try:
                self.path.parent.mkdir(parents=True, exist_ok=True)
                self.db = sqlite3.connect(self.path, timeout=10)
                self.db.execute("CREATE TABLE IF NOT EXISTS glyph (code INTEGER PRIMARY KEY, data BLOB, "
                                "advance INTEGER, lsb INTEGER)")
                return self
            except (OSError, sqlite3.Error) as exc:
                self.close()
                if attempt or not isinstance(exc, sqlite3.DatabaseError) or isinstance(exc, sqlite3.OperationalError):
                    return self  # no store this time
                _unlink(self.path)  # not a database: made anew
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    def close(self) -> None:
        if self.db is not None:
            self.db.close()
            self.db = None

    def get(self, codes: list[int]) -> dict[int, tuple[bytes, int, int]]:
        import sqlite3
        import struct

        if self.db is None:
            return {}
        found = {}
        try:
            for start in range(0, len(codes), 500):
                chunk = codes[start:start + 500]
                rows = self.db.execute(f"SELECT code, data, advance, lsb FROM glyph WHERE code IN "
                                       f"({','.join('?' * len(chunk))})", chunk)
                found.update((code, (bytes(data), advance, lsb)) for code, data, advance, lsb in rows)
            if not all(_sound(data) for data, _, _ in found.values()):
                raise ValueError("a damaged glyph")
        except (sqlite3.Error, ValueError, struct.error):  # a damaged store: drawn again, and made anew
            self.close()
            _unlink(self.path)
            return {}
        return found

    def put(self, glyphs: dict[int, tuple[bytes, int, int]]) -> None:
        import sqlite3

        if self.db is None:
            return
        try:
            with self.db:
                self.db.executemany("INSERT OR REPLACE INTO glyph VALUES (?, ?, ?, ?)",
                                    [(c, d, a, l) for c, (d, a, l) in glyphs.items()])
        except sqlite3.Error:
            pass  # locked by another build, or a full disk: drawn again next time


def _unlink(path: Path) -> None:
    try:
        path.unlink()
    except OSError:
        pass


def _saved(font) -> bytes:
    out = io.BytesIO()
    font.recalcTimestamp = False  # head.modified stays the face's: the same bytes from run to run
    font.save(out)
    return out.getvalue()


def named(data: bytes, names: list[str], family: str) -> bytes:
    """The subset under the w:font's names: its family is 宋体 in the Chinese record and SimSun (the
    altName) in the English one, so an application that installs it finds the name the document uses; its
    PostScript and full names stay the bundled face's (NotoSerifSC-Regular), which a PDF shows."""
    from fontTools.ttLib import TTFont

    font = TTFont(io.BytesIO(data), recalcTimestamp=False)
    table = font["name"]
    postscript = table.getDebugName(6) or re.sub(r"[^A-Za-z0-9]", "", family) + "-Regular"
    for name_id in (1, 2, 3, 4, 16, 17, 21, 22):
        table.removeNames(nameID=name_id)
    latin = next((n for n in reversed(names) if n.isascii()), names[0])
    for language, family_name in ((0x409, latin), (0x804, names[0])):
        table.setName(family_name, 1, 3, 1, language)
        table.setName("Regular", 2, 3, 1, language)
        table.setName(f"{postscript};briefing subset as {latin}", 3, 3, 1, language)
        table.setName(f"{family} Regular", 4, 3, 1, language)
    return _saved(font)


def cache_folder() -> Path:
    """$XDG_CACHE_HOME/briefing/fonts, ~/.cache/briefing/fonts without it."""
    return cache.folder("fonts")


def _cache_read(digest: str) -> bytes | None:
    """A cached subset, or None when there is none or it is damaged."""
    return cache.read("fonts", f"{digest}.ttf")


def _cache_write(digest: str, data: bytes) -> None:
    cache.write("fonts", f"{digest}.ttf", data)


@lru_cache(maxsize=8)
def _file_digest(path: str, mtime_ns: int, size: int) -> str:
    h = hashlib.sha256()
    with open(path, "rb") as f:
        for block in iter(lambda: f.read(1 << 20), b""):
            h.update(block)
    return h.hexdigest()


@lru_cache(maxsize=1)
def _counting() -> str:
    """What a numbering format writes that no w:t holds: the digits of page numbers and list labels, Western and
    CJK (those whose Unicode numeric value a counting format writes: 0-10, 100, 1000, 10000); found on first
    use, not at import (a scan of 28,000 characters)."""
    return "0123456789" + "".join(c for c in map(chr, range(0x3000, 0xA000))
                                  if unicodedata.numeric(c, None) in (*range(11), 100, 1000, 10000))
