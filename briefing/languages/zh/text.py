"""Chinese text: sentences, width in characters, numerals (一百二十) and the scales 万 and 亿."""

from __future__ import annotations

import re

from briefing.languages.common import CJK, LATIN, parse_digits

_WORD = re.compile(r"[A-Za-z0-9]+")
# A sentence ends at one of these, followed by any closing quotes or brackets.
# A half-width full stop ends a Chinese sentence when Chinese follows it ("……620万标箱.今年……"), not in "3.2".
_SENTENCE = re.compile(r"[^。！？!?.]*(?:\.(?![\u4e00-\u9fff“])[^。！？!?.]*)*(?:[。！？!?]+|……|\.(?=[\u4e00-\u9fff“]))"
                       r"[”’」』）)]*|[^。！？!?.]*(?:\.(?![\u4e00-\u9fff“])[^。！？!?.]*)*$")

SCALES = {"万亿": 1e12, "亿": 1e8, "万": 1e4}
_DIGITS = {"零": 0, "〇": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9}
_UNITS = {"十": 10, "百": 100, "千": 1000}
NUMERAL = "零〇一二两三四五六七八九十百千"
NUMBER_PATTERN = r"[0-9０-９]+(?:[.,．][0-9０-９]+)*|[零〇一二两三四五六七八九十百千]+"


def claims(text: str) -> bool:
    """A text is Chinese when its Chinese characters outnumber a fifth of its Latin letters."""
    han = len(CJK.findall(text))
    latin = len(LATIN.findall(text))
    return han * 5 >= latin and han > 0


def sentences(text: str) -> list[str]:
    """A paragraph's sentences, each with its closing marks and the spaces around it: every character kept."""
    return [s for s in _SENTENCE.findall(text) if s.strip()]


def width(text: str) -> int:
    """Length as a Chinese reader counts it: characters, a Latin word or a number counting one."""
    return len(CJK.findall(text)) + len(_WORD.findall(text))


def grams(text: str) -> frozenset[str] | None:
    """The character bigrams a summary compares Chinese sentences by (no dictionary to load); None without Chinese."""
    han = "".join(CJK.findall(text))
    if not han:
        return None
    return frozenset(han[i:i + 2] for i in range(len(han) - 1))


def parse_number(text: str) -> float | None:
    """The value of '20.5', '３.７', '35,000', '一百二十' or '两千'; None when it is no number."""
    found = parse_digits(text)
    return found if found is not None else _numeral(text)


def _numeral(text: str) -> float | None:
    if not text or any(ch not in NUMERAL for ch in text):
        return None
    total, digit = 0, None
    for ch in text:
        if ch in _DIGITS:
            digit = _DIGITS[ch]
        else:
            total += (1 if digit is None else digit) * _UNITS[ch]
            digit = None
    return float(total + (digit or 0))


def scale_of(unit_as_written: str) -> tuple[float, str] | None:
    """Split '万亿元' into (1e12, '元'); None when the unit opens with no scale."""
    for prefix, factor in SCALES.items():
        if unit_as_written.startswith(prefix) and len(unit_as_written) > len(prefix):
            return factor, unit_as_written[len(prefix):]
    return None
