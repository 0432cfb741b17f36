"""Chinese text: sentences, width in characters, numerals (一百二十) and the scales 万 and 亿."""

from __future__ import annotations

import functools
import itertools
import operator
import re
from decimal import Decimal
from typing import Any

from briefing.languages.common import (CJK, HALF_MONTHS, LATIN, QUARTER_MONTHS, as_date, decimal_of, months, parse_digits,
                                       rounded, thousands)
from briefing.patterns import lazy

_WORD = lazy(r"[A-Za-z0-9]+")
_NOT_HAN = lazy(r"[^" + CJK.pattern[1:-1] + r"]+")  # what is not a Han character (common.CJK), dropped in one pass
_HAN_RUN = lazy(CJK.pattern + "+")  # Han characters in a row: counted by their lengths, not one string a character
_LATIN_RUN = lazy(LATIN.pattern + "+")  # common.LATIN's letters in a row
# A sentence ends at one of these, followed by any closing quotes or brackets.
# A half-width full stop ends a Chinese sentence when Chinese follows it ("……620万标箱.今年……"), not in "3.2".
_SENTENCE = lazy(r"[^。！？!?.]*(?:\.(?![\u4e00-\u9fff“])[^。！？!?.]*)*(?:[。！？!?]+|……|\.(?=[\u4e00-\u9fff“]))"
                       r"[”’」』）)]*|[^。！？!?.]*(?:\.(?![\u4e00-\u9fff“])[^。！？!?.]*)*$")

SCALES = {"万亿": 1e12, "亿": 1e8, "万": 1e4}
_DIGITS = {"零": 0, "〇": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9}
_UNITS = {"十": 10, "百": 100, "千": 1000}
NUMERAL = "零〇一二两三四五六七八九十百千"
_WRITTEN_DIGITS = "〇一二三四五六七八九"
NUMBER_PATTERN = r"[0-9０-９]+(?:[.,．][0-9０-９]+)*|[零〇一二两三四五六七八九十百千]+"


def claims(text: str) -> bool:
    """A text is Chinese when its Chinese characters outnumber a fifth of its Latin letters."""
    if not CJK.search(text):
        return False
    latin = sum(map(len, _LATIN_RUN.findall(text)))  # LATIN's letters, in one pass (str.count took 52)
    enough = max(1, -(-latin // 5))  # han * 5 >= latin, han > 0: counted only as far as that
    return enough == 1 or sum(1 for _ in itertools.islice(CJK.finditer(text), enough)) >= enough  # 1: the search's


def sentences(text: str) -> list[str]:
    """A paragraph's sentences, each with its closing marks and the spaces around it: every character kept."""
    return list(_sentences(text))


@functools.lru_cache(maxsize=4096)
def _sentences(text: str) -> tuple[str, ...]:
    """Split once: the directives, the figures and the summary each read a paragraph's sentences."""
    return tuple(s for s in _SENTENCE.findall(text) if s.strip())


def width(text: str) -> int:
    """Length as a Chinese reader counts it: characters, a Latin word or a number counting one."""
    return sum(map(len, _HAN_RUN.findall(text))) + len(_WORD.findall(text))  # CJK's characters, by their runs


def grams(text: str) -> frozenset[str] | None:
    """The character bigrams a summary compares Chinese sentences by (no dictionary to load); None without Chinese."""
    han = _NOT_HAN.sub("", text)
    if not han:
        return None
    return frozenset(map(operator.add, han, han[1:]))  # each character with the next


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


def in_scale(value: Any, unit: str = "", digits: int = 2) -> str:
    """A plain number in 万 or 亿 the way Chinese statistics print it: 269000000000 → "2690亿", 35000 → "3.5万".

    Below 10 000 the number is written whole with thousands separators; trailing zeros
    of the decimals are dropped (26.90万亿 → 26.9万亿).
    """
    number = decimal_of(value)
    for scale, word in ((Decimal(10) ** 12, "万亿"), (Decimal(10) ** 8, "亿"), (Decimal(10) ** 4, "万")):
        if abs(number) >= scale:
            scaled = rounded(number / scale, digits)
            text = f"{scaled:f}"
            text = text.rstrip("0").rstrip(".") if "." in text else text
            return f"{text}{word}{unit}"
    return f"{thousands(number, None if number == number.to_integral_value() else digits)}{unit}"


def numeral(value: Any) -> str:
    """An integer in Chinese numerals, as headings and issue numbers use them: 3 → 三, 12 → 十二, 105 → 一百零五."""
    number = int(decimal_of(value))
    if number < 0:
        return "负" + numeral(-number)
    if number < 10:
        return _WRITTEN_DIGITS[number]
    if number >= 100_000_000:
        raise ValueError(f"{number} is too large for zh_numeral")
    text = _below_10000(number // 10000) + "万" + _after(number % 10000, 1000) if number >= 10000 \
        else _below_10000(number)
    return text[1:] if text.startswith("一十") else text


def _below_10000(number: int) -> str:
    out, zero = "", False
    for unit, word in ((1000, "千"), (100, "百"), (10, "十"), (1, "")):
        digit = number // unit % 10
        if digit:
            out += ("零" if zero and out else "") + _WRITTEN_DIGITS[digit] + word
            zero = False
        else:
            zero = True
    return out


def _after(rest: int, top: int) -> str:
    """The part below 万: a leading 零 when its top digit is missing (10500 → 一万零五百)."""
    if not rest:
        return ""
    return ("零" if rest < top else "") + _below_10000(rest)


def heading_number(number: int) -> str:
    """A section heading's number: 一、, 二、 …"""
    return numeral(number) + "、"


def date(value: Any) -> str:
    """2024-04-23 → 2024年4月23日 (Arabic numerals, as GB/T 9704-2012 writes dates)."""
    day = as_date(value)
    return f"{day.year}年{day.month}月{day.day}日"


_MONTHS = lazy(r"(\d{4})年(\d{1,2})(?:\s*[—\-–~～至到]\s*(\d{1,2}))?月(?:份)?")  # 2025年5月, 2025年1—5月
_QUARTER = lazy(r"(\d{4})年(?:第)?([一二三四1-4])季度")
_FIRST_QUARTERS = lazy(r"(\d{4})年(?:前([二三两2-3])季度|1\s*[—\-–~～至]\s*([2-3])季度)")
_HALF = lazy(r"(\d{4})年([上下])半年")
_DIGIT = {"一": 1, "二": 2, "两": 2, "三": 3, "四": 4}


def plain_period(text: str) -> str:
    """A period as Chinese writes it, in digits and dashes, as the model keeps it: "2019至2023年" → "2019-2023";
    months, quarters and halves as their days, as the text reader reads them: 2025年1—5月, 2025年一季度 and
    2025年上半年 → 2025-01-01/2025-05-31, 2025-01-01/2025-03-31, 2025-01-01/2025-06-30."""
    text = text.strip()
    if m := _MONTHS.fullmatch(text):
        return months(int(m[1]), int(m[2]), int(m[3] or m[2])) or text
    if m := _QUARTER.fullmatch(text):
        first, last = QUARTER_MONTHS[_DIGIT.get(m[2]) or int(m[2])]
        return months(int(m[1]), first, last) or text
    if m := _FIRST_QUARTERS.fullmatch(text):
        count = _DIGIT.get(m[2] or "") or int(m[2] or m[3])
        return months(int(m[1]), 1, QUARTER_MONTHS[count][1]) or text
    if m := _HALF.fullmatch(text):
        first, last = HALF_MONTHS[1 if m[2] == "上" else 2]
        return months(int(m[1]), first, last) or text
    return re.sub(r"\s*至\s*", "-", text.replace("年", ""))
