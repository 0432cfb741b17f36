"""Periods as a reader writes them: the model keeps ISO strings, a briefing shows them in its own language.

    show("2019-2023", "zh")               → 2019—2023年           (en: 2019–2023)
    show("2024-04-23", "zh")              → 截至2024年4月23日      (en: as of 23 April 2024)
    show("2025-01-01/2025-05-31", "zh")   → 2025年1—5月           (en: January–May 2025)
    show("2024-01-01/2024-04-23", "zh")   → 2024年1月1日—4月23日   (en: 1 January – 23 April 2024)

One rule for every range of days: its two ends, the year said once when they share it; whole months and
whole years shorten to months and years. A period that is no ISO form (a phrase as written, "今年1—11月")
is shown as it is. The words are the pack's (`words.periods`); this module only reads the forms.
"""

from __future__ import annotations

import calendar
import datetime as dt
import re

from briefing import languages

_YEAR = r"(\d{4})"
_YEARS = re.compile(rf"{_YEAR}\s*[-–—~/至]\s*{_YEAR}")
_MONTH = re.compile(rf"{_YEAR}-(\d{{1,2}})")
_DAY = re.compile(rf"{_YEAR}-(\d{{1,2}})-(\d{{1,2}})")
_QUARTER = re.compile(rf"{_YEAR}-?Q([1-4])", re.I)
_HALF = re.compile(rf"{_YEAR}-?H([12])", re.I)


def show(period: str, language: str) -> str:
    """A period (ISO: 2023, 2019-2023, 2024-04, 2024-04-23, 2024Q1, 2024H1, START/END) in the language's words."""
    words = languages.get(language).words.periods
    text = str(period).strip()
    start, sep, end = text.partition("/")
    if sep:
        first, last = _bounds(start), _bounds(end)
        if first and last:
            return _range(first[0], last[1], words)
        return text
    if _DAY.fullmatch(text) and _date(text):
        return words["as_of"].format(date=_day(_date(text), words))
    return _single(text, words) or text


def span(start: str, end: str, language: str) -> str:
    """From one period to another, as a change says it: 2019, 2023 → 2019—2023年; one period alone when equal."""
    if start == end:
        return show(start, language)
    if re.fullmatch(r"\d{4}", start) and re.fullmatch(r"\d{4}", end):
        return show(f"{start}-{end}", language)
    first, last = _bounds(start), _bounds(end)
    if first and last:
        return _range(first[0], last[1], languages.get(language).words.periods)
    return f"{show(start, language)}—{show(end, language)}"


def _single(text: str, words: dict) -> str:
    """A year, years, a month, a quarter or a half; "" when the text is none of them."""
    if re.fullmatch(_YEAR, text):
        return words["year"].format(year=text)
    if m := _YEARS.fullmatch(text):
        return words["years"].format(start=m[1], end=m[2])
    if (m := _MONTH.fullmatch(text)) and 1 <= int(m[2]) <= 12:
        return words["month"].format(year=m[1], month=_names(words["month_names"])[int(m[2]) - 1])
    if m := _QUARTER.fullmatch(text):
        return words["quarter"].format(year=m[1], quarter=_names(words["quarter_names"])[int(m[2]) - 1])
    if m := _HALF.fullmatch(text):
        return words["half"].format(year=m[1], half=_names(words["half_names"])[int(m[2]) - 1])
    return ""


def _bounds(text: str) -> tuple[dt.date, dt.date] | None:
    """The first and last day a period covers (a year, a month, a day), None when it is no such form."""
    text = text.strip()
    if re.fullmatch(_YEAR, text):
        return dt.date(int(text), 1, 1), dt.date(int(text), 12, 31)
    if (m := _MONTH.fullmatch(text)) and 1 <= int(m[2]) <= 12:
        year, month = int(m[1]), int(m[2])
        return dt.date(year, month, 1), dt.date(year, month, calendar.monthrange(year, month)[1])
    day = _date(text) if _DAY.fullmatch(text) else None
    return (day, day) if day else None


def _range(first: dt.date, last: dt.date, words: dict) -> str:
    """A range of days: whole years as years, whole months as months, else its two days."""
    if first.month == 1 and first.day == 1 and last.month == 12 and last.day == 31:
        return _single(str(first.year) if first.year == last.year else f"{first.year}-{last.year}", words)
    months = _names(words["month_names"])
    if first.day == 1 and last.day == calendar.monthrange(last.year, last.month)[1]:
        if first.year != last.year:
            return words["across"].format(start=words["month"].format(year=first.year, month=months[first.month - 1]),
                                          end=words["month"].format(year=last.year, month=months[last.month - 1]))
        if first.month == last.month:
            return words["month"].format(year=first.year, month=months[first.month - 1])
        return words["months"].format(year=first.year, start=months[first.month - 1], end=months[last.month - 1])
    if first == last:
        return _day(first, words)
    if first.year != last.year:
        return words["across"].format(start=_day(first, words), end=_day(last, words))
    return words["days"].format(year=first.year, start_month=months[first.month - 1], start_day=first.day,
                                end_month=months[last.month - 1], end_day=last.day)


def _day(day: dt.date, words: dict) -> str:
    return words["day"].format(year=day.year, month=_names(words["month_names"])[day.month - 1], day=day.day)


def _date(text: str) -> dt.date | None:
    try:
        return dt.date(*(int(part) for part in text.split("-")))
    except ValueError:
        return None


def _names(words: str) -> list[str]:
    return words.split()
