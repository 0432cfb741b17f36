"""Word (.docx, python-docx) and PDF (pdfminer.six) files as text, paragraph by paragraph.

Both produce plain text in the shape parse_text reads: paragraphs apart by a blank
line, the lines of one paragraph on lines of their own (parse_text glues them, and
joins a word hyphenated at a line end). A Word file's paragraphs are its author's own,
so none is joined to another; its title and date come from its styles and properties.

Both are bounded before they are unpacked (InputLimits): a Word file by its zip directory (its parts, and
what they unzip to: zipfile never gives more of a part than the directory declares), a PDF by its pages
and by what its streams decode to, each stream checked before pdfminer inflates it (readers/pdfstreams).
"""

from __future__ import annotations

import datetime as dt
import zipfile
from contextlib import contextmanager
from dataclasses import dataclass
from itertools import islice
from pathlib import Path
from typing import BinaryIO, Iterator

from briefing.errors import InputError
from briefing.ingest.files import megabytes
from briefing.ingest.readers.pdfstreams import bounded_streams
from briefing.languages.common import ends_sentence
from briefing.model import InputLimits


# The creation time python-docx's own blank template carries: no one gave a document made from it that date.
_TEMPLATE_STAMP = dt.datetime(2013, 12, 23, 23, 15, tzinfo=dt.timezone.utc)
MAX_PARTS = 10_000  # parts of one .docx (a long report with its images has a few hundred)
# A part that inflates more than this many times its packed size is a zip bomb, not a document (Word's XML
# packs 5 to 20 times; Apache POI refuses 100 the same way): python-docx holds some 25 bytes of memory for
# each byte of XML, so 100 MB of tiny paragraphs in a 0.4 MB file would take gigabytes, under any size limit.
MAX_RATIO = 100
_RATIO_FROM = 2 ** 20  # parts that small are never refused by their ratio
# python-docx holds ~25 bytes for each byte of XML it parses: the XML parts of a file may unzip to this share of
# limits.unpacked_mb (17 MB by default, some 3,000 pages of text), so that a file within the limits is read
# in a few hundred megabytes.
XML_SHARE = 12


@dataclass(frozen=True)
class FileText:
    """A file's text, and what the file itself says besides it."""

    text: str
    title: str = ""  # a Word file's first paragraph, when it is styled as a title or heading
    date: str | None = None  # the date the file's properties give (a Word file's creation date)
    kept: bool = False  # the paragraphs are the author's own: parse_text joins none of them


def docx_text(source: Path | BinaryIO, name: str, limits: InputLimits = InputLimits()) -> FileText:
    """Every paragraph of the body, and every table row (cells joined by " | "), in document order; a file of
    more than MAX_PARTS parts or unzipping past limits.unpacked_mb is refused before it is unzipped."""
    import docx

    _check_zip(source, name, limits)
    try:
        document = docx.Document(str(source) if isinstance(source, Path) else source)
        items = list(document.iter_inner_content())
        blocks = [_docx_block(item) for item in items]
        created = document.core_properties.created
    except Exception as exc:  # python-docx raises zip, XML and KeyError failures alike on a damaged file
        raise InputError(name, f"cannot read the Word file: {_why(exc, 'not a .docx file, or damaged')}",
                         "open it in Word and save it again as .docx") from None
    text = "\n\n".join(b for b in blocks if b.strip())
    date = created.date().isoformat() if created and created != _TEMPLATE_STAMP else None
    return FileText(text, _docx_title(items), date, kept=True)


def _check_zip(source: Path | BinaryIO, name: str, limits: InputLimits) -> None:
    """The zip's central directory, read before any part is unzipped (a damaged zip is python-docx's to name)."""
    try:
        with zipfile.ZipFile(source) as archive:
            parts = archive.infolist()
    except (zipfile.BadZipFile, OSError, ValueError):
        return
    finally:
        if not isinstance(source, Path):
            source.seek(0)
    if len(parts) > MAX_PARTS:
        raise InputError(name, f"the Word file holds {len(parts):,} parts, over the {MAX_PARTS:,} a document has",
                         "open it in Word and save it again as .docx")
    unpacked, most = sum(part.file_size for part in parts), limits.unpacked_mb * 2 ** 20
    if unpacked > most:
        raise InputError(name, f"unzips to {megabytes(unpacked)}, over the limit of {megabytes(most)}",
                         "raise limits.unpacked_mb in briefing.yaml")
    for part in parts:
        if part.file_size > _RATIO_FROM and part.file_size > MAX_RATIO * max(part.compress_size, 1):
            raise InputError(name, f"{part.filename} unzips to {megabytes(part.file_size)} from "
                             f"{megabytes(part.compress_size)}, {part.file_size // max(part.compress_size, 1):,} "
                             f"times: a zip bomb, not a document", "open it in Word and save it again as .docx")
    xml = sum(part.file_size for part in parts if part.filename.endswith((".xml", ".rels")))
    if xml > most / XML_SHARE:
        raise InputError(name, f"its text and markup (XML) unzip to {megabytes(xml)}, over the "
                         f"{megabytes(most / XML_SHARE)} the Word reader takes (1/{XML_SHARE} of limits.unpacked_mb)",
                         "raise limits.unpacked_mb in briefing.yaml, or split the document")


def _docx_title(items: list) -> str:
    """The first paragraph with text, when Word styles it as a title or a heading."""
    first = next((item for item in items if _docx_block(item).strip()), None)
    style = getattr(getattr(first, "style", None), "name", "") or ""
    return first.text.strip() if first is not None and style.startswith(("Title", "Heading")) else ""


def _docx_block(item) -> str:
    if hasattr(item, "rows"):
        return "\n\n".join(_docx_row(row) for row in item.rows)
    return item.text


def _docx_row(row) -> str:
    cells: list[str] = []
    for cell in row.cells:
        text = " ".join(cell.text.split())
        if text and (not cells or cells[-1] != text):  # a merged cell is given once per grid column it spans
            cells.append(text)
    return " | ".join(cells)


def pdf_text(source: Path | BinaryIO, name: str, limits: InputLimits = InputLimits()) -> FileText:
    """The text of a PDF: lines grouped into paragraphs by their spacing and first-line indents; pages apart.
    A PDF of more than limits.pdf_pages pages, or whose streams decode past limits.unpacked_mb, is refused."""
    from pdfminer.high_level import extract_pages
    from pdfminer.layout import LTTextBox, LTTextLine
    from pdfminer.pdfdocument import PDFEncryptionError

    pages: list[str] = []
    try:
        with bounded_streams(name, limits), _opened(source) as stream:
            _check_pages(stream, name, limits)
            for page in extract_pages(stream, maxpages=limits.pdf_pages):
                lines = [line for box in page if isinstance(box, LTTextBox) for line in box
                         if isinstance(line, LTTextLine) and line.get_text().strip()]
                pages.append("\n\n".join("\n".join(p) for p in _paragraphs(lines)))
    except InputError:
        raise
    except PDFEncryptionError:
        raise InputError(name, "the PDF is encrypted (it asks for a password)",
                         "save or print a copy without protection") from None
    except Exception as exc:  # pdfminer raises PSSyntaxError, PDFSyntaxError, KeyError, … on a damaged file
        raise InputError(name, f"cannot read the PDF: {_why(exc, 'not a PDF file, or damaged')}",
                         "open it and save or print it again as PDF") from None
    text = "\n\n".join(pages)
    if not any(ch.isalnum() for ch in text):
        raise InputError(name, "the PDF has no text layer (a scan?)", "run OCR on it first, or give the text")
    return FileText(text)


@contextmanager
def _opened(source: Path | BinaryIO) -> Iterator[BinaryIO]:
    if not isinstance(source, Path):
        yield source
        return
    with source.open("rb") as stream:
        yield stream


def _check_pages(stream: BinaryIO, name: str, limits: InputLimits) -> None:
    """Count the PDF's pages from its page tree, before any is laid out; then rewind for pdfminer's reading."""
    from pdfminer.pdfdocument import PDFDocument
    from pdfminer.pdfpage import PDFPage
    from pdfminer.pdfparser import PDFParser

    pages = sum(1 for _ in islice(PDFPage.create_pages(PDFDocument(PDFParser(stream))), limits.pdf_pages + 1))
    stream.seek(0)
    if pages > limits.pdf_pages:
        raise InputError(name, f"the PDF is over the limit of {limits.pdf_pages:,} pages",
                         "raise limits.pdf_pages in briefing.yaml")


def _paragraphs(lines: list) -> list[list[str]]:
    """Group a page's lines: a new paragraph after a gap wider than the usual leading, where the next line is
    not below the last, at a first-line indent after a line that ended a sentence or stopped short, and after a
    sentence that ends well short of the column's right edge."""
    if not lines:
        return []
    import statistics  # a PDF's only: with fractions, 4 ms of every run's imports

    height = statistics.median(line.height for line in lines) or 1.0
    gaps = [a.y0 - b.y1 for a, b in zip(lines, lines[1:]) if 0 <= a.y0 - b.y1 < 2 * height]
    usual = statistics.median(gaps) if gaps else 0.2 * height
    paragraphs: list[list[str]] = [[_line_text(lines[0])]]
    for before, line in zip(lines, lines[1:]):
        gap = before.y0 - line.y1
        same = -0.2 * height <= gap <= min(max(0.6 * height, 1.3 * usual), 1.2 * height)
        right = _column_right(before, lines)
        ended = ends_sentence(_line_text(before))
        indented = line.x0 > before.x0 + 0.8 * height
        if same and not (indented and (ended or before.x1 < right - 2 * height)) \
                and not (ended and before.x1 < right - 3 * height):
            paragraphs[-1].append(_line_text(line))
        else:
            paragraphs.append([_line_text(line)])
    return paragraphs


def _column_right(line, lines: list) -> float:
    """The right edge of the column a line is in: the widest of the lines above and below it."""
    return max(other.x1 for other in lines if other.x0 < line.x1 and other.x1 > line.x0)


def _line_text(line) -> str:
    return line.get_text().strip()


def _why(exc: Exception, default: str) -> str:
    text = str(exc).strip().splitlines()[0] if str(exc).strip() else ""
    return f"{default} ({text[:100]})" if text else default
