"""The filters every template can use, Markdown and Word alike, in one place.

Each takes what a context field holds (a number, or a figure as written such as
"26.9"; a date as YYYY-MM-DD) and returns text. None of them depends on the
machine's locale: a briefing reads the same wherever it is built.
"""

from __future__ import annotations

import datetime as dt
import re
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation
from typing import Any, Callable

from jinja2 import pass_context
from jinja2.runtime import Context

from briefing.languages.common import half_width

EN_MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
             "November", "December")
ZH_DIGITS = "〇一二三四五六七八九"


def _decimal(value: Any) -> Decimal:
    """A number from an int, a float or a figure as written ("1,234.5", "２６．９")."""
    if isinstance(value, Decimal):
        return value
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return Decimal(str(value))
    try:
        return Decimal(half_width(str(value)).replace(",", "").strip())
    except InvalidOperation:
        raise ValueError(f"{value!r} is not a number") from None


def _rounded(number: Decimal, digits: int | None) -> Decimal:
    """Halves away from zero, as the briefing's figures are rounded (never banker's rounding)."""
    return number if digits is None else number.quantize(Decimal(1).scaleb(-digits), rounding=ROUND_HALF_UP)


def thousands(value: Any, digits: int | None = None) -> str:
    """1234567.5 → "1,234,567.5"; with digits, rounded to that many decimals (halves away from zero)."""
    number = _rounded(_decimal(value), digits)
    text = f"{number:,f}" if digits is None else f"{number:,.{digits}f}"
    return text.rstrip("0").rstrip(".") if digits is None and "." in text else text


def percent(value: Any, digits: int = 1) -> str:
    """A value already in percent: 31.234 → "31.2%"."""
    return f"{_rounded(_decimal(value), digits):.{digits}f}%"


def share(value: Any, digits: int = 1) -> str:
    """A fraction as a percentage: 0.5049 → "50.5%"."""
    return percent(_decimal(value) * 100, digits)


def zh_scale(value: Any, unit: str = "", digits: int = 2) -> str:
    """A plain number in 万 or 亿 the way Chinese statistics print it: 269000000000 → "2690亿", 35000 → "3.5万".

    Below 10 000 the number is written whole with thousands separators; trailing zeros
    of the decimals are dropped (26.90万亿 → 26.9万亿).
    """
    number = _decimal(value)
    for scale, word in ((Decimal(10) ** 12, "万亿"), (Decimal(10) ** 8, "亿"), (Decimal(10) ** 4, "万")):
        if abs(number) >= scale:
            scaled = _rounded(number / scale, digits)
            text = f"{scaled:f}"
            text = text.rstrip("0").rstrip(".") if "." in text else text
            return f"{text}{word}{unit}"
    return f"{thousands(number, None if number == number.to_integral_value() else digits)}{unit}"


def zh_numeral(value: Any) -> str:
    """An integer in Chinese numerals, as headings and issue numbers use them: 3 → 三, 12 → 十二, 105 → 一百零五."""
    number = int(_decimal(value))
    if number < 0:
        return "负" + zh_numeral(-number)
    if number < 10:
        return ZH_DIGITS[number]
    if number >= 100_000_000:
        raise ValueError(f"{number} is too large for zh_numeral")
    text = _zh_below_10000(number // 10000) + "万" + _zh_after(number % 10000, 1000) if number >= 10000 \
        else _zh_below_10000(number)
    return text[1:] if text.startswith("一十") else text


def _zh_below_10000(number: int) -> str:
    out, zero = "", False
    for unit, word in ((1000, "千"), (100, "百"), (10, "十"), (1, "")):
        digit = number // unit % 10
        if digit:
            out += ("零" if zero and out else "") + ZH_DIGITS[digit] + word
            zero = False
        else:
            zero = True
    return out


def _zh_after(rest: int, top: int) -> str:
    """The part below 万: a leading 零 when its top digit is missing (10500 → 一万零五百)."""
    if not rest:
        return ""
    return ("零" if rest < top else "") + _zh_below_10000(rest)


def _date(value: Any) -> dt.date:
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    try:
        return dt.date.fromisoformat(str(value)[:10])
    except ValueError:
        raise ValueError(f"{value!r} is not a date (YYYY-MM-DD)") from None


def date_zh(value: Any) -> str:
    """2024-04-23 → 2024年4月23日 (Arabic numerals, as GB/T 9704-2012 writes dates)."""
    day = _date(value)
    return f"{day.year}年{day.month}月{day.day}日"


def date_en(value: Any) -> str:
    """2024-04-23 → 23 April 2024."""
    day = _date(value)
    return f"{day.day} {EN_MONTHS[day.month - 1]} {day.year}"


@pass_context
def date(context: Context, value: Any, language: str | None = None) -> str:
    """A date in the briefing's language (its `language` field), or the one given: zh or en."""
    return date_zh(value) if (language or context.get("language", "zh")) == "zh" else date_en(value)


def signed(value: Any, digits: int = 1, unit: str = "") -> str:
    """A change with its sign: 31.2 → "+31.2", -0.5 → "−0.5" (a real minus sign)."""
    number = _rounded(_decimal(value), digits)
    sign = "+" if number >= 0 else "−"
    return f"{sign}{abs(number):.{digits}f}{unit}"


def anchor(value: Any) -> str:
    """A heading's link target as GitHub and most Markdown viewers make it: "What's new" → "whats-new"."""
    text = re.sub(r"[^\w\- ]", "", str(value).strip().lower())
    return text.replace(" ", "-")


FILTERS: dict[str, Callable[..., str]] = {
    "thousands": thousands,
    "percent": percent,
    "share": share,
    "signed": signed,
    "zh_scale": zh_scale,
    "zh_numeral": zh_numeral,
    "date": date,
    "date_zh": date_zh,
    "date_en": date_en,
    "anchor": anchor,
}
