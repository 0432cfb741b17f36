"""The Word files' zip writer: a big member written before is written from the deflated bytes kept of it, and the
file is the same, byte for byte, as when every member is deflated anew; what is kept stays within its bound."""

from __future__ import annotations

import io
import os
import time
import zipfile
from types import SimpleNamespace

import pytest

from briefing.render import zipwriter

FIXED = time.struct_time((2024, 4, 23, 8, 0, 0, 1, 114, 0))


@pytest.fixture(autouse=True)
def fresh(monkeypatch):
    """Nothing kept from another test, and the clock still: zipfile stamps each member with the time."""
    monkeypatch.setattr(zipwriter, "_kept", type(zipwriter._kept)())
    monkeypatch.setattr(zipwriter, "_kept_bytes", 0)
    monkeypatch.setattr(time, "localtime", lambda *seconds: FIXED)


def _zip(members: dict[str, bytes]) -> bytes:
    out = io.BytesIO()
    writer = zipwriter.PackageZip(out)
    for name, blob in members.items():
        writer.write(SimpleNamespace(membername=name), blob)
    writer.close()
    return out.getvalue()


def _members(seed: int) -> dict[str, bytes]:
    styles = ("<w:style w:styleId='s%d'/>" * 4000 % tuple(range(4000))).encode()  # XML, 100 KB
    font = os.urandom(40_000) if seed else bytes(range(256)) * 160  # as incompressible as a font subset
    return {"[Content_Types].xml": b"<Types/>", "word/styles.xml": styles, "word/fonts/font1.odttf": font,
            "word/document.xml": f"<w:document>{seed}</w:document>".encode()}


def test_a_member_written_before_gives_the_same_file_byte_for_byte(monkeypatch):
    members = _members(0)
    first = _zip(members)
    assert len(zipwriter._kept) == 2  # the two members over MEMO_MIN
    again = _zip(members)  # both from what was kept
    monkeypatch.setattr(zipwriter, "MEMO_MIN", 10 ** 9)  # every member deflated by zipfile itself
    plain = _zip(members)
    assert first == again == plain
    with zipfile.ZipFile(io.BytesIO(again)) as archive:
        assert archive.testzip() is None
        assert {m.filename: archive.read(m) for m in archive.infolist()} == members
        assert {m.compress_type for m in archive.infolist()} == {zipfile.ZIP_DEFLATED}


def test_a_member_of_the_same_name_and_size_but_other_bytes_is_deflated_anew():
    members = _members(1)
    _zip(members)
    changed = dict(members, **{"word/fonts/font1.odttf": os.urandom(40_000)})
    with zipfile.ZipFile(io.BytesIO(_zip(changed))) as archive:
        assert archive.testzip() is None
        assert archive.read("word/fonts/font1.odttf") == changed["word/fonts/font1.odttf"]


def test_what_is_kept_stays_within_its_bound(monkeypatch):
    monkeypatch.setattr(zipwriter, "MEMO_BYTES", 200_000)
    for _ in range(20):
        with zipfile.ZipFile(io.BytesIO(_zip(_members(1)))) as archive:  # new random font bytes each time
            assert archive.testzip() is None
        assert zipwriter._kept_bytes <= 200_000
        assert zipwriter._kept_bytes == sum(len(a) + len(b) for a, b in zipwriter._kept.values())


def test_a_zipfile_without_the_writers_state_deflates_every_member_itself(monkeypatch):
    members = _members(0)
    expected = _zip(members)
    monkeypatch.setattr(zipwriter, "_writable_raw", lambda archive: False)
    assert _zip(members) == expected


def test_a_word_file_saved_twice_reads_back_the_same(tmp_path):
    from docx import Document

    from briefing.render.word import save_package

    document = Document()
    document.add_paragraph("西部大开发 " * 200)
    save_package(document, str(tmp_path / "one.docx"))
    save_package(document, str(tmp_path / "two.docx"))  # its styles written from what the first kept
    assert (tmp_path / "one.docx").read_bytes() == (tmp_path / "two.docx").read_bytes()
    assert Document(str(tmp_path / "two.docx")).paragraphs[0].text == "西部大开发 " * 200
