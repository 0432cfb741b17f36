"""The filters every template can use, Markdown and Word alike, in one place.

Each takes what a context field holds (a number, or a figure as written such as
"26.9"; a date as YYYY-MM-DD) and returns text. None of them depends on the
machine's locale: a briefing reads the same wherever it is built.
"""

from __future__ import annotations

import re
from decimal import Decimal
from typing import Any, Callable

from jinja2 import pass_context
from jinja2.runtime import Context
from markupsafe import Markup

from briefing import languages
from briefing.languages import LANGUAGES
from briefing.languages.common import decimal_of, rounded, thousands
from briefing.patterns import lazy


MAX_DIGITS = 20  # decimals a figure is written with
MAX_MAGNITUDE = 60  # powers of ten in a figure a filter writes out (a template is no place for 1e999999999)


def figure(value: Any, digits: int | None = None) -> Decimal:
    """A number a filter writes out, rounded to `digits`; ValueError when it is no figure a briefing could hold."""
    number = decimal_of(value)
    if not number.is_finite() or (number and abs(number.adjusted()) > MAX_MAGNITUDE):
        raise ValueError(f"{value!r} is not a figure a briefing can write out")
    if digits is not None and not (isinstance(digits, int) and 0 <= digits <= MAX_DIGITS):
        raise ValueError(f"{digits!r} decimals: give a number of decimals from 0 to {MAX_DIGITS}")
    return rounded(number, digits)


def figure_thousands(value: Any, digits: int | None = None) -> str:
    """1234567.5 → "1,234,567.5"; with digits, rounded to that many decimals (halves away from zero)."""
    figure(value, digits)
    return thousands(value, digits)


def percent(value: Any, digits: int = 1) -> str:
    """A value already in percent: 31.234 → "31.2%"."""
    return f"{figure(value, digits):.{digits}f}%"


def share(value: Any, digits: int = 1) -> str:
    """A fraction as a percentage: 0.5049 → "50.5%"."""
    return percent(figure(value) * 100, digits)


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
    number = figure(value, digits)
    sign = "+" if number >= 0 else "−"
    return f"{sign}{abs(number):.{digits}f}{unit}"


def anchor(value: Any) -> str:
    """A heading's link target as GitHub and most Markdown viewers make it: "What's new" → "whats-new"."""
    text = re.sub(r"[^\w\- ]", "", str(value).strip().lower())
    return text.replace(" ", "-")


# ---------------------------------------------------------------- Markdown

# What makes a text into Markdown or HTML anywhere in a line: tags and entities, emphasis, code, table cells;
# a backslash first, so that a text's own backslash cannot undo an escape.
INLINE = lazy(r"[\\`*_|~]")
ENTITY = lazy(r"&(?=#?\w+;)")
# A bracket opens a link or an image only where a "](", "][" or "]:" follows, or where the next text may
# give it one: the value's end, its start (a link definition), after "!". "table.xlsx[sheet]" stays as it is.
BRACKET = lazy(r"\](?=[(\[:]|$)|(?:^|(?<=!))\[")
# ... and what does so only where a block starts: a heading, a quote, a list item, a rule or underline.
# A value does not know where it lands, so it is marked; render.markdown.mark_block_starts escapes the marked
# values that open a line or a list item or quote, and drops the other marks ("(¶19) 1. Decides" stays).
BLOCK_START = lazy(r"^(?:#{1,6}(?=[ \t]+\S)|>|[-+](?=[ \t]+\S)|\d{1,9}(?=[.)][ \t]+\S)|[-=](?=[-= \t]*$))")
BLOCK_MARK = "\ue000"  # a private-use character: no text has it (it is taken out of every value)


def markdown(value: Any) -> Markup:
    """A text as Markdown that shows it as it is: nothing in it becomes a tag, a link, an image, emphasis,
    a table cell or a new block. The digest writes every context text through it (see `environment`)."""
    if hasattr(value, "__html__"):  # a block, a macro or text a template marked |safe: Markdown already
        return Markup(value)
    text = re.sub(r"[\r\n]+", " ", str(value)).replace(BLOCK_MARK, "")
    text = BRACKET.sub(lambda m: "\\" + m.group(), INLINE.sub(lambda m: "\\" + m.group(), text))
    text = ENTITY.sub("&amp;", text).replace("<", "&lt;")
    return Markup(BLOCK_MARK + text if BLOCK_START.match(text) else text)


FILTERS: dict[str, Callable[..., str]] = {
    "thousands": figure_thousands,
    "md": markdown,
    "percent": percent,
    "share": share,
    "signed": signed,
    "date": date,
    "heading_number": heading_number,
    "anchor": anchor,
    **{f"date_{code}": pack.date for code, pack in LANGUAGES.items()},  # date_zh, date_en
    **{name: f for pack in LANGUAGES.values() for name, f in pack.filters.items()},  # zh_scale, zh_numeral
}
