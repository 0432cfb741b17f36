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
from briefing.patterns import lazy

_YEAR = r"(\d{4})"
_YEARS = lazy(rf"{_YEAR}\s*[-–—~/至]\s*{_YEAR}")
_MONTH = lazy(rf"{_YEAR}-(\d{{1,2}})")
_DAY = lazy(rf"{_YEAR}-(\d{{1,2}})-(\d{{1,2}})")
_QUARTER = lazy(rf"{_YEAR}-?Q([1-4])", re.I)
_HALF = lazy(rf"{_YEAR}-?H([12])", re.I)


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
    first, last = _bounds(start), _bounds(end)  # months, quarters, days: from the first's first day to the last's last
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
    """The first and last day a period covers (a year, a month, a day, days START/END), None when it is no such
    form."""
    text = text.strip()
    start, sep, end = text.partition("/")
    if sep:
        first, last = _bounds(start), _bounds(end)
        return (first[0], last[1]) if first and last and first[0] <= last[1] else None
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


# --- Grains: what a point of a series is a point of -------------------------------------------

YEAR, HALF, QUARTER, MONTH, TO_DATE, DAY = "year", "half", "quarter", "month", "to-date", "day"
GRAINS = (YEAR, HALF, QUARTER, MONTH, TO_DATE, DAY)  # to-date: 1—N月 of a year, the months (or days) so far


def grains(period: str) -> tuple[str, ...]:
    """The grains a period can be a point of, the likeliest first; () for none (a span of years, a phrase).

    A month, quarter or half that starts the year is also the year so far: 1—3月 is the first quarter and the
    cumulative figure of a series 1—2月, 1—3月, 1—4月 … (series.build_series decides by the other points)."""
    text = str(period).strip()
    if re.fullmatch(_YEAR, text):
        return (YEAR,)
    if _DAY.fullmatch(text) and _date(text):
        return (DAY,)
    found = _bounds(text) if "/" in text else None
    if not found or found[0].year != found[1].year:
        return ()
    first, last = found
    if first.day != 1 or last.day != calendar.monthrange(last.year, last.month)[1]:
        return (TO_DATE,) if (first.month, first.day) == (1, 1) else ()  # 今年以来 to the day it was written
    months = (first.month, last.month)
    own = ((YEAR,) if months == (1, 12) else (HALF,) if months in ((1, 6), (7, 12))
           else (QUARTER,) if months in ((1, 3), (4, 6), (7, 9), (10, 12)) else (MONTH,) if months[0] == months[1]
           else ())
    return own + ((TO_DATE,) if first.month == 1 and months != (1, 1) else ())


def months_whole(period: str) -> bool:
    """Whether a period is whole months (a year, a quarter, 1—5月), not a day or days up to one."""
    found = _bounds(period) if not re.fullmatch(_YEAR, str(period).strip()) else None
    return re.fullmatch(_YEAR, str(period).strip()) is not None or bool(
        found and found[0].day == 1 and found[1].day == calendar.monthrange(found[1].year, found[1].month)[1]
        and "/" in str(period))


def point_period(period: str, grain: str) -> str:
    """A period as a point of a series of that grain: the whole of a year is the year (2025-01-01/2025-12-31 → 2025)."""
    if grain == YEAR and "/" in period:
        found = _bounds(period)
        return str(found[0].year) if found else period
    return period


def series_span(start: str, end: str, grain: str, language: str) -> str:
    """What a series of one grain covers, for a chart's title or a change: 2019—2023年, 2025年1月—5月 (not 1—5月,
    which is their sum), 2024年一季度—2025年一季度, 2025年1—2月至1—5月累计 (a cumulative series: its first and
    last sums)."""
    if grain in (YEAR, DAY, "") or start == end:
        return span(start, end, language)
    words = languages.get(language).words.periods
    first, last = axis_labels([start, end], language, grain)
    return words["so_far" if grain == TO_DATE else "across"].format(start=first, end=last)


def axis_label(period: str, language: str, grain: str = "", with_year: bool = True) -> str:
    """One period as an axis or a comparison names it: 2025年5月, 2025年一季度, May 2025, 2025 Q1; without its
    year 5月, 一季度, May, Q1."""
    found = _bounds(period)
    if found is None or re.fullmatch(_YEAR, str(period)):
        return str(period)
    return _axis_label(period, found, languages.get(language).words.periods, grain, with_year)


def axis_labels(points: list[str] | tuple[str, ...], language: str, grain: str = "") -> tuple[str, ...]:
    """The x-axis labels of a series' periods, in order, in the language's words: the year said on the first and
    where it changes (2025年1月, 2月 … 2026年1月; Jan 2025, Feb …; 2025年一季度, 二季度; 2025 Q1, Q2), each as a
    point of the grain given (1—3月 of a cumulative series, 一季度 of quarters), else of its likeliest."""
    words = languages.get(language).words.periods
    labels, year = [], None
    for period in points:
        found = _bounds(period)
        if found is None or re.fullmatch(_YEAR, str(period)):
            labels.append(str(period))
            continue
        labels.append(_axis_label(period, found, words, grain, with_year=found[1].year != year))
        year = found[1].year
    return tuple(labels)


def _axis_label(period: str, found: tuple[dt.date, dt.date], words: dict, grain: str, with_year: bool) -> str:
    first, last = found
    kinds = (grain,) if grain in grains(period) else grains(period)
    kind = next((k for k in (MONTH, QUARTER, HALF) if k in kinds), "months" if TO_DATE in kinds and
                months_whole(period) else DAY)
    months, abbr = _names(words["month_names"]), _names(words["month_abbr"])
    fields = dict(year=last.year, month=months[last.month - 1], abbr=abbr[last.month - 1], day=last.day,
                  start=months[first.month - 1], end=months[last.month - 1], start_abbr=abbr[first.month - 1],
                  end_abbr=abbr[last.month - 1], n=(last.month - 1) // 3 + 1 if kind == QUARTER else last.month // 7 + 1)
    fields.update(quarter=_names(words["quarter_names"])[(last.month - 1) // 3],
                  half=_names(words["half_names"])[0 if last.month <= 6 else 1])
    return words[f"axis_{kind}" if with_year else f"axis_{kind}_alone"].format(**fields)
