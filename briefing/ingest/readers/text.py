"""Text and Markdown files: decoded (UTF-8 with or without BOM, or GB18030), Markdown marks stripped, repaired."""

from __future__ import annotations

import re
from pathlib import Path

from briefing.errors import InputError
from briefing.ingest.files import read_whole
from briefing.ingest.repair import CONTROL, parse_text
from briefing.model import Document

SUFFIXES = (".txt", ".md", ".markdown", ".text")
_MD_HEADING = re.compile(r"^#{1,6}\s+")
_MD_LINK = re.compile(r"\[([^\]]*)\]\([^)]*\)")
_MD_EMPHASIS = re.compile(r"(\*\*|__|\*|_)(\S(?:.*?\S)?)\1")


def read_text(path: Path, source_id: str | None = None, raw: bytes | None = None) -> Document:
    """Read one .txt or .md file (or its bytes `raw`, already read) into a repaired Document; bad input raises
    InputError."""
    raw = read_whole(path) if raw is None else raw
    text, encoding = decode(raw, str(path))
    if path.suffix.lower() in (".md", ".markdown"):
        text = _strip_markdown(text)
    return parse_text(text, source_id or path.stem, str(path), encoding=encoding, name=path.name)


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


def _strip_markdown(text: str) -> str:
    lines = []
    for line in text.splitlines():
        line = _MD_HEADING.sub("", line)
        line = _MD_LINK.sub(r"\1", line)
        lines.append(_MD_EMPHASIS.sub(r"\2", line))
    return "\n".join(lines)
