"""An edition's Word files carry the edition's date in every entry, patched in place, their content untouched."""

from __future__ import annotations

import zipfile
from pathlib import Path

from briefing.publish.manifest import fix_zip_times


def test_every_entry_gets_the_editions_date_and_keeps_its_bytes(tmp_path: Path, monkeypatch):
    monkeypatch.delenv("SOURCE_DATE_EPOCH", raising=False)
    path = tmp_path / "briefing.docx"
    members = {"[Content_Types].xml": b"<Types/>" * 50, "word/document.xml": "<w:t>二〇二四</w:t>".encode() * 99,
               "word/media/图1.png": bytes(range(256)) * 20}
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        for n, (name, data) in enumerate(members.items()):
            info = zipfile.ZipInfo(name, date_time=(2001 + n, 2, 3, 4, 5, 6))
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o600 << 16
            archive.writestr(info, data, compresslevel=1 + 4 * n)
    fix_zip_times(tmp_path, "2024-04-23")
    with zipfile.ZipFile(path) as archive:
        assert archive.testzip() is None
        assert {i.filename: archive.read(i) for i in archive.infolist()} == members
        assert {i.date_time for i in archive.infolist()} == {(2024, 4, 23, 0, 0, 0)}
        assert {i.external_attr >> 16 for i in archive.infolist()} == {0o644}
    before = path.read_bytes()
    fix_zip_times(tmp_path, "2024-04-23")
    assert path.read_bytes() == before and not list(tmp_path.glob("*.tmp"))
