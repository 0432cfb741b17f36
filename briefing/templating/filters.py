"""The filters every template can use, Markdown and Word alike, in one place.

Each takes what a context field holds (a number, or a figure as written such as
"26.9"; a date as YYYY-MM-DD) and returns text. None of them depends on the
machine's locale: a briefing reads the same wherever it is built.
"""

from __future__ import annotations

import re
from typing import Any, Callable

from jinja2 import pass_context
from jinja2.runtime import Context

from briefing import languages
from briefing.languages import LANGUAGES
from briefing.languages.common import decimal_of, rounded, thousands


def percent(value: Any, digits: int = 1) -> str:
    """A value already in percent: 31.234 → "31.2%"."""
    return f"{rounded(decimal_of(value), digits):.{digits}f}%"


def share(value: Any, digits: int = 1) -> str:
    """A fraction as a percentage: 0.5049 → "50.5%"."""
    return percent(decimal_of(value) * 100, digits)


@pass_context
def date(context: Context, value: Any, language: str | None = None) -> str:
    """A date in the briefing's language (its `language` field), or the one given: zh or en."""
    return languages.get(language or context.get("language", languages.DEFAULT)).date(value)


@pass_context
def heading_number(context: Context, number: Any) -> str:
    """A numbered section heading's number in the briefing's language: 一、 in Chinese, 1. in English."""
    return languages.get(context.get("language", languages.DEFAULT)).heading_number(number)


def signed(value: Any, digits: int = 1, unit: str = "") -> str:
    """A change with its sign: 31.2 → "+31.2", -0.5 → "−0.5" (a real minus sign)."""
    number = rounded(decimal_of(value), digits)
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
    "date": date,
    "heading_number": heading_number,
    "anchor": anchor,
    **{f"date_{code}": pack.date for code, pack in LANGUAGES.items()},  # date_zh, date_en
    **{name: f for pack in LANGUAGES.values() for name, f in pack.filters.items()},  # zh_scale, zh_numeral
}
