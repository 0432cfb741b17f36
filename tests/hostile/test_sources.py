"""Hostile source files (issue 12: P9, P18, P21, P32): every local source is bounded before it is read or
unpacked (limits.source_mb, unpacked_mb, pdf_pages, html_depth), and nothing it holds is silently lost.

The bombs are made here, small on disk; `extract` takes no config, so it proves the default limits."""

from __future__ import annotations

import os
import zipfile
import zlib
from pathlib import Path

import docx
import pytest

from tests.hostile.conftest import edit, run

_PARAGRAPH = b"<w:p><w:r><w:t>x</w:t></w:r></w:p>"


def _bad(project: Path, name: str) -> Path:
    folder = project / "data/bad"
    folder.mkdir(parents=True, exist_ok=True)
    return folder / name


def _with_limits(project: Path, **limits: float) -> None:
    lines = "".join(f"  {key}: {value}\n" for key, value in limits.items())
    edit(project / "briefing.yaml", "indicators:\n", f"limits:\n{lines}indicators:\n")


def _source(project: Path, path: str) -> None:
    edit(project / "briefing.yaml", "  - data/sources/*.txt", f"  - data/sources/*.txt\n  - {path}")


def zip_bomb_docx(path: Path, unpacked_mb: int) -> None:
    """A real .docx whose document.xml unpacks to `unpacked_mb` of tiny paragraphs (about 1,000 to 1 on disk)."""
    docx.Document().save(str(path))
    with zipfile.ZipFile(path) as original:
        parts = {info.filename: original.read(info) for info in original.infolist()}
    body = parts["word/document.xml"]
    head, tail = body.split(b"<w:body>")[0] + b"<w:body>", b"</w:body></w:document>"
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as bomb:
        for name, data in parts.items():
            if name != "word/document.xml":
                bomb.writestr(name, data)
        with bomb.open("word/document.xml", "w", force_zip64=True) as part:
            part.write(head)
            chunk = _PARAGRAPH * (2 ** 20 // len(_PARAGRAPH))
            for _ in range(unpacked_mb):
                part.write(chunk)
            part.write(tail)


def pdf(path: Path, stream: bytes, stream_dict: str, pages: int = 1) -> None:
    """A well-formed PDF of `pages` pages that all draw the one content stream given (its dictionary too)."""
    kids = " ".join(f"{4 + n} 0 R" for n in range(pages))
    objects = [b"<< /Type /Catalog /Pages 2 0 R >>", f"<< /Type /Pages /Kids [{kids}] /Count {pages} >>".encode(),
               f"<< {stream_dict} /Length {len(stream)} >>\nstream\n".encode() + stream + b"\nendstream"]
    objects += [b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 3 0 R "
                b"/Resources << /Font << /F1 << /Type /Font /Subtype /Type1 /BaseFont /Helvetica >> >> >> >>"] * pages
    out, offsets = bytearray(b"%PDF-1.4\n"), []
    for number, body in enumerate(objects, 1):
        offsets.append(len(out))
        out += f"{number} 0 obj\n".encode() + body + b"\nendobj\n"
    xref = len(out)
    out += f"xref\n0 {len(objects) + 1}\n0000000000 65535 f \n".encode()
    out += b"".join(f"{offset:010d} 00000 n \n".encode() for offset in offsets)
    out += f"trailer\n<< /Size {len(objects) + 1} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n".encode()
    path.write_bytes(bytes(out))


_TEXT = b"BT /F1 12 Tf 72 720 Td (The State Council met on 3 May 2024.) Tj ET"


def test_a_docx_zip_bomb_is_refused_from_its_central_directory(fresh: Path):
    bomb = _bad(fresh, "zipbomb.docx")
    zip_bomb_docx(bomb, 210)  # 210 MB of paragraphs, over the default limits.unpacked_mb (200)
    assert bomb.stat().st_size < 2 ** 20
    run("src/f_zipbomb_docx", "extract", "data/bad/zipbomb.docx", cwd=fresh).handled(2).says(
        "zipbomb.docx", "unzips to", "over the limit of 200 MB", "limits.unpacked_mb")


def test_a_docx_zip_bomb_under_the_size_limit_is_refused_by_its_ratio(fresh: Path):
    zip_bomb_docx(_bad(fresh, "zipbomb.docx"), 104)  # as the review's: 3 M paragraphs, 0.4 MB on disk
    run("src/f_zipbomb_docx", "extract", "data/bad/zipbomb.docx", cwd=fresh).handled(2).says(
        "zipbomb.docx", "word/document.xml unzips to 104 MB", "a zip bomb")


def test_a_docx_zip_bomb_in_a_build_is_a_failed_source_within_the_configured_limit(fresh: Path):
    zip_bomb_docx(_bad(fresh, "zipbomb.docx"), 12)
    _with_limits(fresh, unpacked_mb=10)
    _source(fresh, "data/bad/*.docx")
    run("src/f_zipbomb_docx", "build", "--strict", cwd=fresh).handled(1).says(
        "zipbomb.docx", "over the limit of 10 MB", "limits.unpacked_mb")


def test_a_docx_of_too_many_parts_is_refused(fresh: Path):
    bomb = _bad(fresh, "parts.docx")
    docx.Document().save(str(bomb))
    with zipfile.ZipFile(bomb, "a") as parts:
        for n in range(10_001):
            parts.writestr(f"extra/part{n}.xml", b"")
    run("src/f_zipbomb_docx", "extract", "data/bad/parts.docx", cwd=fresh).handled(2).says(
        "parts.docx", "10,000")


@pytest.mark.parametrize("case, columns", [("src/f_predictor_bomb_pdf", 999_999_999),
                                           ("src/f_badstream_pdf", 99_999_999)])
def test_a_pdf_predictor_wider_than_any_page_is_refused(fresh: Path, case: str, columns: int):
    pdf(_bad(fresh, "predictor.pdf"), zlib.compress(b"\x00" + _TEXT),
        f"/Filter /FlateDecode /DecodeParms << /Predictor 12 /Columns {columns} >>")
    run(case, "extract", "data/bad/predictor.pdf", cwd=fresh).handled(2).says(
        "predictor.pdf", "limits.unpacked_mb")


def test_a_pdf_stream_inflating_past_the_limit_is_refused_before_it_is_inflated(fresh: Path):
    bomb = zlib.compressobj(9)
    stream = bomb.compress(_TEXT + b"\n") + b"".join(bomb.compress(b" " * 2 ** 20) for _ in range(210)) + bomb.flush()
    pdf(_bad(fresh, "deflatebomb.pdf"), stream, "/Filter /FlateDecode")
    assert len(stream) < 2 ** 20
    run("src/f_deflatebomb_pdf", "extract", "data/bad/deflatebomb.pdf", cwd=fresh).handled(2).says(
        "deflatebomb.pdf", "over the limit of 200 MB", "limits.unpacked_mb")


def test_a_pdf_of_more_pages_than_the_limit_is_refused(fresh: Path):
    pdf(_bad(fresh, "pages.pdf"), _TEXT, "", pages=30)
    _with_limits(fresh, pdf_pages=20)
    _source(fresh, "data/bad/*.pdf")
    run("src/f_predictor_bomb_pdf", "build", "--strict", cwd=fresh).handled(1).says(
        "pages.pdf", "over the limit of 20", "limits.pdf_pages")


def test_a_pdf_within_the_limits_is_still_read(fresh: Path):
    pdf(_bad(fresh, "ok.pdf"), zlib.compress(_TEXT), "/Filter /FlateDecode", pages=3)
    outcome = run("src/f_ok_pdf", "extract", "data/bad/ok.pdf", "--format", "md", cwd=fresh).handled(0)
    assert "State Council" in outcome.stdout


def test_a_local_html_over_the_size_limit_is_refused_before_it_is_read(fresh: Path):
    page = _bad(fresh, "big.html")
    paragraph = "<p>" + "国务院常务会议研究部署推进东北全面振兴工作。" * 20 + "</p>\n"
    with open(page, "w", encoding="utf-8") as html:
        html.write("<html><body>")
        html.write(paragraph * (51 * 2 ** 20 // len(paragraph.encode()) + 1))
        html.write("</body></html>")
    run("src/f_big50mb_html", "extract", "data/bad/big.html", cwd=fresh).handled(2).says(
        "big.html", "over the limit of 50 MB", "limits.source_mb")


def test_an_html_paragraph_past_the_parser_s_text_limit_is_named_as_such(fresh: Path):
    page = _bad(fresh, "onepara.html")
    page.write_text("<html><body><p>" + "国务院常务会议研究部署推进东北全面振兴工作。" * 400_000 + "</p></body></html>",
                    encoding="utf-8")  # 26 MB of one text node: past libxml2's 10 MB
    outcome = run("src/f_onepara50mb_html", "extract", "data/bad/onepara.html", cwd=fresh).handled(2)
    outcome.says("onepara.html", "10 MB")
    assert "no main text found" not in outcome.stderr


def _nested(depth: int) -> str:
    return ("<html><body>" + "<div>" * depth + "<p>国务院常务会议研究部署推进东北全面振兴工作。</p>" + "</div>" * depth
            + "</body></html>")


def test_html_nested_deeper_than_the_parser_takes_is_still_read(fresh: Path):
    _bad(fresh, "deep300.html").write_text(_nested(300), encoding="utf-8")
    outcome = run("src/f_deep_html", "extract", "data/bad/deep300.html", "--format", "md", cwd=fresh).handled(0)
    assert "东北全面振兴" in outcome.stdout


@pytest.mark.parametrize("case, depth", [("src/f_deep_html", 100_000), ("src/f_deep5k_html", 5_000)])
def test_html_nested_past_the_limit_is_refused_not_emptied(fresh: Path, case: str, depth: int):
    _bad(fresh, "deep.html").write_text(_nested(depth), encoding="utf-8")
    run(case, "extract", "data/bad/deep.html", cwd=fresh).handled(2).says(
        "deep.html", "nested", "over the limit of 1,000", "limits.html_depth")


def test_extract_refuses_a_link_to_a_device(fresh: Path):
    os.symlink("/dev/zero", _bad(fresh, "zero.txt"))
    run("src/devzero", "extract", "data/bad/zero.txt", cwd=fresh).handled(2).says("zero.txt", "not a regular file")


def test_extract_refuses_a_fifo_without_waiting_for_a_writer(fresh: Path):
    os.mkfifo(_bad(fresh, "pipe.txt"))
    run("src/fifo", "extract", "data/bad/pipe.txt", cwd=fresh, timeout=10).handled(2).says(
        "pipe.txt", "not a regular file")


def test_html_nested_past_the_default_limit_but_within_the_parser_names_the_key(fresh: Path):
    _bad(fresh, "deep.html").write_text(_nested(1_500), encoding="utf-8")
    run("src/f_deep_html", "extract", "data/bad/deep.html", cwd=fresh).handled(2).says(
        "deep.html", "nested 1,503 deep", "over the limit of 1,000", "raise limits.html_depth")


def test_a_pdf_past_the_default_page_limit_is_refused(fresh: Path):
    pdf(_bad(fresh, "pages.pdf"), _TEXT, "", pages=2_001)
    run("src/f_predictor_bomb_pdf", "extract", "data/bad/pages.pdf", cwd=fresh).handled(2).says(
        "pages.pdf", "over the limit of 2,000 pages", "limits.pdf_pages")


REPEATED = "地区生产总值从2019年的20.5万亿元增长至2023年的26.9万亿元，"  # four numbers a clause


@pytest.mark.parametrize("case, repeats, end", [("src/repeat40000", 40_000, ""), ("src/repeat40000_end", 40_000, "。"),
                                                ("src/repeat80000", 80_000, "")])
def test_a_text_of_more_numbers_than_the_limit_is_refused_before_it_is_analysed(fresh: Path, case: str,
                                                                                repeats: int, end: str):
    text = _bad(fresh, "repeat.txt")
    text.write_text(REPEATED * repeats + end, encoding="utf-8")
    run(case, "extract", "data/bad/repeat.txt", cwd=fresh).handled(2).says(
        "repeat.txt", "more than 100,000 numbers", "limits.numbers")


@pytest.mark.parametrize("case, repeats, end", [("src/repeat20000", 20_000, ""), ("src/repeat20000_end", 20_000, "。"),
                                                ("src/repeat16000", 16_000, ""), ("src/repeat16000_end", 16_000, "。")])
def test_a_text_within_the_numbers_limit_is_analysed_in_time(fresh: Path, case: str, repeats: int, end: str):
    """Up to 80,000 numbers, 40,000 figures of one series: read whole."""
    _bad(fresh, "repeat.txt").write_text(REPEATED * repeats + end, encoding="utf-8")
    outcome = run(case, "extract", "data/bad/repeat.txt", cwd=fresh).handled(0)
    assert outcome.stdout.count('"quote"') >= 2 * repeats


def test_a_docx_of_more_text_than_the_word_reader_takes_is_refused_before_it_is_parsed(fresh: Path):
    """A large Word file that is no bomb (its XML packs a few times, as real text does) but that python-docx would
    hold in gigabytes: over 1/12 of limits.unpacked_mb of XML is refused from the zip directory."""
    import random

    path = _bad(fresh, "long.docx")
    docx.Document().save(str(path))
    with zipfile.ZipFile(path) as original:
        parts = {info.filename: original.read(info) for info in original.infolist()}
    head = parts["word/document.xml"].split(b"<w:body>")[0] + b"<w:body>"
    words = random.Random(7)
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED, compresslevel=1) as long:
        for name, data in parts.items():
            if name != "word/document.xml":
                long.writestr(name, data)
        with long.open("word/document.xml", "w") as part:
            part.write(head)
            for _ in range(18_000):  # 18 MB of paragraphs of varied words
                text = " ".join("".join(words.choices("abcdefghijklmnopqrstuvwxyz", k=6)) for _ in range(130))
                part.write(f"<w:p><w:r><w:t>{text}</w:t></w:r></w:p>".encode())
            part.write(b"</w:body></w:document>")
    run("src/docx_long", "extract", "data/bad/long.docx", cwd=fresh).handled(2).says(
        "long.docx", "the Word reader takes", "limits.unpacked_mb")
