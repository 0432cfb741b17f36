"""Small text helpers shared by the analysis stages: scripts, sentences, punctuation."""

from __future__ import annotations

import functools
import re

CJK = re.compile(r"[\u3400-\u9fff\uf900-\ufaff]")
LATIN = re.compile(r"[A-Za-z]")
_WORD = re.compile(r"[A-Za-z0-9]+")

# A sentence ends at one of these, followed by any closing quotes or brackets.
# A half-width full stop ends a Chinese sentence when Chinese follows it ("……620万标箱.今年……"), not in "3.2".
_ZH_SENTENCE = re.compile(r"[^。！？!?.]*(?:\.(?![\u4e00-\u9fff“])[^。！？!?.]*)*(?:[。！？!?]+|……|\.(?=[\u4e00-\u9fff“]))"
                          r"[”’」』）)]*|[^。！？!?.]*(?:\.(?![\u4e00-\u9fff“])[^。！？!?.]*)*$")
# Not a sentence end: the full stop of an abbreviation ("No. 1", "Sec. 3", "U.S.C. 50", "Sept. 21").
_ABBREVIATION = "".join(f"(?<!\\b{a}\\.)" for a in (
    "No", "Nos", "Sec", "Mr", "Mrs", "Ms", "Dr", "St", "vs", "Art", "para", "Co", "Inc", "Ltd", "Gov", "Gen", "Jan",
    "Feb", "Mar", "Apr", "Jun", "Jul", "Aug", "Sep", "Sept", "Oct", "Nov", "Dec", "e.g", "i.e", "U.S", "U.S.C", "Fig",
    "approx", "est", "Vol", "pp", "p"))
_EN_SENTENCE = re.compile(r".+?(?:[.!?;]" + _ABBREVIATION + r"(?:[\"'”’)]*)(?=\s+(?:[\"“'‘(]?[A-Z0-9]|\([a-z0-9]{1,4}\)\s))|$)",
                          re.S)

TERMINAL = "。！？!?；;…"
CLOSERS = "”’」』）)\"'"


@functools.lru_cache(maxsize=8192)
def language_of(text: str) -> str:
    """'zh' when Chinese characters outnumber a fifth of Latin letters, else 'en'."""
    han = len(CJK.findall(text))
    latin = len(LATIN.findall(text))
    return "zh" if han * 5 >= latin and han > 0 else "en"


def ends_sentence(text: str) -> bool:
    """True when the text ends at the end of a sentence (closing quotes allowed)."""
    stripped = text.rstrip().rstrip(CLOSERS)
    return bool(stripped) and (stripped[-1] in TERMINAL or stripped.endswith((".", ":", "：")))


def sentences(text: str, language: str | None = None) -> list[str]:
    """Split a paragraph into sentences, keeping every character of the text."""
    language = language or language_of(text)
    if language == "zh":
        return [s for s in _ZH_SENTENCE.findall(text) if s.strip()]
    return [s.strip() for s in _EN_SENTENCE.findall(text) if s.strip()]


def first_sentence(text: str, language: str | None = None) -> str:
    found = sentences(text, language)
    return found[0] if found else text


def width(text: str) -> int:
    """Length in the unit a reader counts: characters for Chinese, words for English."""
    if language_of(text) == "zh":
        return len(CJK.findall(text)) + len(_WORD.findall(text))
    return len(text.split())
