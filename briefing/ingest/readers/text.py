"""Text and Markdown files: decoded (UTF-8 with or without BOM, or GB18030), read as Markdown when they are
(a .md always, a .txt on evidence: readers/markdown.py), repaired."""

from __future__ import annotations

from pathlib import Path

from briefing.errors import InputError
from briefing.ingest.readers.markdown import looks_like_markdown, read_markdown
from briefing.ingest.files import read_whole
from briefing.ingest.repair import CONTROL, parse_text
from briefing.model import Document

SUFFIXES = (".txt", ".md", ".markdown", ".text")


def read_text(path: Path, source_id: str | None = None, raw: bytes | None = None) -> Document:
    """Read one .txt or .md file (or its bytes `raw`, already read) into a repaired Document; bad input raises
    InputError."""
    raw = read_whole(path) if raw is None else raw
    text, encoding = decode(raw, str(path))
    markdown = path.suffix.lower() in (".md", ".markdown")
    return text_document(text, source_id or path.stem, str(path), encoding, path.name, markdown)


def text_document(text: str, source_id: str, origin: str, encoding: str, name: str, markdown: bool = False) -> Document:
    """A decoded text as a Document: read as Markdown when it is (`markdown`), or when it shows it does."""
    if markdown or looks_like_markdown(text):
        marked = read_markdown(text)
        return parse_text(marked.text, source_id, origin, encoding=encoding, name=name, title=marked.title,
                          date=marked.date, headings=marked.headings)
    return parse_text(text, source_id, origin, encoding=encoding, name=name)


def decode(raw: bytes, name: str) -> tuple[str, str]:
    """Decode UTF-8 (with or without BOM) or GB18030; anything else is an InputError."""
    if not raw.strip():
        raise InputError(name, "the file is empty", "give a document with text in it")
    if b"\x00" in raw[:4096]:
        raise InputError(name, "this is not a text file (it contains NUL bytes)",
                         "convert it to UTF-8 text first")
    for encoding in ("utf-8-sig", "gb18030"):
        try:
            text = raw.decode(encoding)
        except UnicodeDecodeError:
            continue
        if _looks_like_text(text):
            return text, "utf-8" if encoding == "utf-8-sig" else encoding
    raise InputError(name, "the text is neither UTF-8 nor GB18030", "save it as UTF-8")


def _looks_like_text(text: str) -> bool:
    controls = len(CONTROL.findall(text))
    private = sum(1 for ch in text if "\ue000" <= ch <= "\uf8ff")
    return controls + private <= max(2, len(text) // 1000)

