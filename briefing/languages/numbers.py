"""Numbers as written: Arabic, full-width and Chinese numerals, and their scales."""

from __future__ import annotations

import re

ZH_SCALES = {"万亿": 1e12, "亿": 1e8, "万": 1e4}
EN_SCALES = {"trillion": 1e12, "billion": 1e9, "million": 1e6, "thousand": 1e3}
_FULL_WIDTH = str.maketrans("０１２３４５６７８９．，％", "0123456789.,%")
_ZH_DIGITS = {"零": 0, "〇": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9}
_ZH_UNITS = {"十": 10, "百": 100, "千": 1000}
ZH_NUMERAL = "零〇一二两三四五六七八九十百千"


def half_width(text: str) -> str:
    return text.translate(_FULL_WIDTH)


def parse_number(text: str) -> float | None:
    """The value of '20.5', '３.７', '35,000', '一百二十' or '两千'; None when it is no number."""
    plain = half_width(text).replace(",", "")
    try:
        return float(plain)
    except ValueError:
        return _chinese_numeral(text)


def _chinese_numeral(text: str) -> float | None:
    if not text or any(ch not in ZH_NUMERAL for ch in text):
        return None
    total, digit = 0, None
    for ch in text:
        if ch in _ZH_DIGITS:
            digit = _ZH_DIGITS[ch]
        else:
            total += (1 if digit is None else digit) * _ZH_UNITS[ch]
            digit = None
    return float(total + (digit or 0))


def scale_of(unit_as_written: str) -> tuple[float, str]:
    """Split '万亿元' into (1e12, '元'); 'billion yuan' into (1e9, 'yuan')."""
    for prefix, factor in ZH_SCALES.items():
        if unit_as_written.startswith(prefix) and len(unit_as_written) > len(prefix):
            return factor, unit_as_written[len(prefix):]
    words = unit_as_written.split(" ", 1)
    if words[0].lower() in EN_SCALES:
        return EN_SCALES[words[0].lower()], words[1] if len(words) > 1 else ""
    return 1.0, unit_as_written


NUMBER_PATTERN = r"[0-9０-９]+(?:[.,．][0-9０-９]+)*|[零〇一二两三四五六七八九十百千]+"


def is_number(text: str) -> bool:
    return re.fullmatch(NUMBER_PATTERN, text) is not None
