"""Enrich: series from indicators, derived figures computed (never copied), narratives.

Figures from the text and from tables for the same indicator and year are merged;
when they disagree both are kept and the point is flagged. A stated rate that
disagrees with the computed one is flagged with both figures, not dropped.
"""

from __future__ import annotations

import math
import re
from collections import Counter, defaultdict
from dataclasses import replace

from briefing import languages
from briefing.languages import citations, periods
from briefing.enrich.narratives import one_decimal
from briefing.enrich.reconcile import agree
from briefing.languages import is_annual_rate, is_percent, scale_of
from briefing.model import Indicator, Point, Series

_RATE_TOLERANCE = 0.3  # percentage points between a stated and a computed rate
_CITED = 5  # the statements a conflict flag cites; the others are counted
_FLAGGED = 10  # the disputed points of a series that are flagged one by one; the others are counted


def build_series(indicators: tuple[Indicator, ...], language: str = languages.DEFAULT) -> tuple[Series, ...]:
    """One series per indicator name, region and grain (years, halves, quarters, months, the months so far (1—N月),
    days), in the order they first appear: monthly points and annual points are not one line, and a cumulative
    1—5月 is never a point of the months."""
    levels: dict[tuple[str, str], list[Indicator]] = defaultdict(list)
    rates: dict[str, list[Indicator]] = defaultdict(list)
    # An aim is not a point of what happened; a figure too large for a float (400 digits in a text) is no point
    # either: every change computed from it would be inf or NaN.
    usable = [i for i in indicators if not i.is_target and math.isfinite(i.normalized_value)]
    regions = _regions_of(usable)
    for indicator in usable:
        if indicator.kind == "level" and periods.grains(indicator.period):
            levels[(indicator.name, indicator.region or regions.get(indicator.name, ""))].append(indicator)
        elif indicator.kind == "rate" and indicator.resolved:
            rates[indicator.name].append(indicator)
    phrases = languages.get(language).words.phrases
    built = [_series(name, grain, members, tuple(rates.get(name, ())), phrases, language)
             for (name, _), found in levels.items() for grain, members in _by_grain(found).items()]
    return tuple(_distinct_keys(built))


def _by_grain(found: list[Indicator]) -> dict[str, list[Indicator]]:
    """An indicator's figures by grain, in the order the grains first appear. A period of two grains (1—3月: the
    first quarter, or the months so far) joins those the other figures are sure of, else its likelier one: a
    table of 1—2月, 1—3月, 1—4月 is one cumulative series, of 一季度, 二季度 one of quarters."""
    sure = {grains[0] for i in found if len(grains := periods.grains(i.period)) == 1}
    by_grain: dict[str, list[Indicator]] = {}
    for indicator in found:
        options = periods.grains(indicator.period)
        for grain in [g for g in options if g in sure] or options[:1]:
            by_grain.setdefault(grain, []).append(indicator)
    return by_grain


def _distinct_keys(series: list[Series]) -> list[Series]:
    """One name stated for two regions is two series: the second and later get a numbered key."""
    seen: Counter = Counter()
    distinct = []
    for s in series:
        seen[s.key] += 1
        distinct.append(s if seen[s.key] == 1 else replace(s, key=f"{s.key}-{seen[s.key]}"))
    return distinct


def _regions_of(indicators: list[Indicator]) -> dict[str, str]:
    """The one region each indicator name is stated for, where there is one: a figure that names no region
    joins that region's series. A name stated for 全国 and for 西部地区 has two series, and a figure naming
    neither stays a series of its own: a figure of the country is not one of a region."""
    found: dict[str, set[str]] = defaultdict(set)
    for i in indicators:
        if i.region:
            found[i.name].add(i.region)
    return {name: next(iter(regions)) for name, regions in found.items() if len(regions) == 1}


def _series(name: str, grain: str, found: list[Indicator], rates: tuple[Indicator, ...], phrases: dict[str, str],
            language: str = languages.DEFAULT) -> Series:
    unit = _display_unit(found)
    factor, _ = scale_of(unit)
    by_period: dict[str, list[Indicator]] = defaultdict(list)
    for indicator in found:
        by_period[periods.point_period(indicator.period, grain)].append(indicator)
    points = tuple(_point(period, group, factor) for period, group in sorted(by_period.items()))
    key = _key(name) if grain == periods.YEAR else f"{_key(name)}-{grain}"
    series = Series(key=key, name=name, unit=unit, points=points, stated_rates=rates if grain == periods.YEAR else (),
                    grain=grain)
    return _derive(series, phrases, language)


def _display_unit(found: list[Indicator]) -> str:
    """The unit stated most often; of equals, the first stated."""
    counts = Counter(i.unit for i in found)
    return max(counts, key=counts.__getitem__)


def _point(period: str, group: list[Indicator], factor: float) -> Point:
    """One period's statements; they conflict when two of them cannot be of one value (reconcile.agree)."""
    values = [i.normalized_value / factor for i in group]
    conflict = any(not agree(a, b) for n, a in enumerate(group[:_CITED * 4]) for b in group[n + 1:_CITED * 4]
                   if a.region == b.region or not a.region or not b.region)
    return Point(period=period, value=values[0], indicators=tuple(group), conflict=conflict)


def _key(name: str) -> str:
    digest = sum(ord(ch) * (i + 1) for i, ch in enumerate(name)) % 100000
    ascii_part = re.sub(r"[^a-z0-9]+", "-", name.lower()).strip("-")
    return ascii_part[:40] or f"series-{digest:05d}"


def _derive(series: Series, phrases: dict[str, str], language: str = languages.DEFAULT) -> Series:
    """The change over the series, its % change and (over years) its CAGR. The months so far have none: 1—2月 and
    1—5月 are sums of different lengths, so the second is larger whatever happened."""
    if len(series.points) < 2 or series.grain == periods.TO_DATE:
        return replace(series, flags=tuple(_conflicts(series, phrases, language)))
    first, last = series.points[0], series.points[-1]
    years = int(last.period) - int(first.period) if series.grain == periods.YEAR else 0
    change = last.value - first.value
    if is_percent(series.unit):
        # A rate changes by percentage points; a percent of a percent would mislead.
        return replace(series, change=_finite(lambda: change), flags=tuple(_conflicts(series, phrases, language)))
    pct = _finite(lambda: change / first.value * 100) if first.value else None
    cagr = (_finite(lambda: ((last.value / first.value) ** (1 / years) - 1) * 100)
            if first.value > 0 and last.value > 0 and years else None)
    flags = _conflicts(series, phrases, language) + _rate_flags(series, pct, cagr, first.period, last.period, phrases)
    return replace(series, change=_finite(lambda: change), pct_change=pct, cagr=cagr, flags=tuple(flags))


def _finite(compute) -> float | None:
    """A derived figure, or None when the levels are so far apart that it is no number (inf, NaN, overflow):
    a change of 1e-300 to 1e300 is not a percentage anyone can read."""
    try:
        value = compute()
    except (OverflowError, ZeroDivisionError):
        return None
    return value if math.isfinite(value) else None


def _conflicts(series: Series, phrases: dict[str, str], language: str = languages.DEFAULT) -> list[str]:
    """A flag for each point the sources disagree on (the first ten, the rest counted), citing the first few
    statements and counting the rest: a flag is read by a person, and a text that states one figure a thousand
    times must not make it a page."""
    flags: list[str] = []
    labels = languages.get(language).words.labels
    disputed = [point for point in series.points if point.conflict]
    for point in disputed[:_FLAGGED]:
            cited = point.indicators[:_CITED]
            stated = labels["sep"].join(f"{i.value}{i.unit}{labels['open']}{_place(i, language)}{labels['close']}"
                                        for i in cited)
            if len(point.indicators) > len(cited):
                stated += f"{labels['sep']}…{labels['open']}+{len(point.indicators) - len(cited)}{labels['close']}"
            flags.append(phrases["flag_conflict"].format(name=series.name, period=periods.show(point.period, language),
                                                         stated=stated))
    if len(disputed) > _FLAGGED:
        flags.append(f"… (+{len(disputed) - _FLAGGED})")
    return flags


def _place(i: Indicator, language: str) -> str:
    """Where a figure is stated, in the briefing's words: xinhua-… 第24段, western-region.csv 第3行."""
    at = citations.row(i.table_row, language) if i.table_row is not None else citations.paragraph(i.paragraph or 0, language)
    return citations.place(i.source_id, at, language, short_form=True)


def _rate_flags(series: Series, pct: float | None, cagr: float | None, start: str, end: str,
                phrases: dict[str, str]) -> list[str]:
    flags = []
    for rate in series.stated_rates:
        if rate.period != f"{start}-{end}":
            continue
        annual = is_annual_rate(rate.measure)
        computed = cagr if annual else pct
        if computed is None or abs(computed - rate.number) <= _RATE_TOLERANCE:
            continue
        reason = phrases["reason_real" if annual and computed > rate.number else "reason_basis"]
        flags.append(phrases["flag_rate"].format(name=series.name, start=start, end=end,
                                                 what=phrases["annual" if annual else "growth"],
                                                 stated=f"{rate.value}{rate.unit}", computed=one_decimal(computed),
                                                 reason=reason))
    return flags
