"""A look-ahead put before a costly pattern, implied by the rest of it, changes no match: the guarded pattern
finds what the pattern without it finds, in the gold texts and on tricky inputs."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from briefing.ingest.readers.text import decode
from briefing.languages.zh import directives as zh_directives

GOLD = Path(__file__).resolve().parent.parent
TRICKY = ["习近平强调，要坚持。", "会议在北京召开期间指出：要加强。", "他在会上,强调，要做好。", "李强说要加快推进。", "“要加强”，他强调。",
          "总书记在考察时；指出，要。", "在“一带一路”中强调，要。", "要求各地要抓好落实。", "会议要求加强维护。", "习近平说", "说，", ""]


def _paragraphs() -> list[str]:
    texts = [decode(p.read_bytes(), str(p))[0] for p in sorted(GOLD.glob("gold*/*.txt"))]
    return TRICKY + [block for text in texts for block in text.split("\n\n") if block.strip()]


def _matches(pattern: re.Pattern, text: str, whole: bool) -> list[tuple]:
    found = [pattern.match(text)] if whole else list(pattern.finditer(text))
    return [(m.span(), m.groupdict()) for m in found if m]


@pytest.mark.parametrize("pattern, guard, whole", [(zh_directives._LEAD, zh_directives._VERB_AHEAD, False)],
                         ids=["zh lead"])
def test_the_guard_changes_no_match(pattern, guard: str, whole: bool) -> None:
    assert guard in pattern.pattern
    bare = re.compile(pattern.pattern.replace(guard, "", 1), pattern.source_flags)
    for text in _paragraphs():
        assert _matches(pattern, text, whole) == _matches(bare, text, whole), text
