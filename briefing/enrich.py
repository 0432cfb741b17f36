"""Enrich: series from indicators, derived figures computed (never copied), narratives.

Figures from the text and from tables for the same indicator and year are merged;
when they disagree both are kept and the point is flagged. A stated rate that
disagrees with the computed one is flagged with both figures, not dropped.
"""

from __future__ import annotations

import re
from collections import defaultdict

from briefing.model import Indicator, Point, Series
from briefing.numbers import scale_of

_YEAR = re.compile(r"(?:19|20)\d\d")
_TOLERANCE = 0.005  # relative difference under which two statements of a value agree
_RATE_TOLERANCE = 0.3  # percentage points between a stated and a computed rate


def build_series(indicators: tuple[Indicator, ...]) -> tuple[Series, ...]:
    """One series per indicator name with yearly levels, in the order they first appear."""
    levels: dict[str, list[Indicator]] = defaultdict(list)
    rates: dict[str, list[Indicator]] = defaultdict(list)
    for indicator in indicators:
        if indicator.kind == "level" and _YEAR.fullmatch(indicator.period):
            levels[indicator.name].append(indicator)
        elif indicator.kind == "rate":
            rates[indicator.name].append(indicator)
    return tuple(_series(name, found, tuple(rates.get(name, ()))) for name, found in levels.items())


def _series(name: str, found: list[Indicator], rates: tuple[Indicator, ...]) -> Series:
    unit = _display_unit(found)
    factor, _ = scale_of(unit)
    by_period: dict[str, list[Indicator]] = defaultdict(list)
    for indicator in found:
        by_period[indicator.period].append(indicator)
    points = tuple(_point(period, group, factor) for period, group in sorted(by_period.items()))
    series = Series(key=_key(name), name=name, unit=unit, points=points, stated_rates=rates)
    return _derive(series)


def _display_unit(found: list[Indicator]) -> str:
    units = [i.unit for i in found]
    return max(units, key=units.count)


def _point(period: str, group: list[Indicator], factor: float) -> Point:
    values = [i.normalized_value / factor for i in group]
    spread = max(values) - min(values)
    conflict = spread > _TOLERANCE * max(abs(v) for v in values) if any(values) else False
    return Point(period=period, value=values[0], indicators=tuple(group), conflict=conflict)


def _key(name: str) -> str:
    digest = sum(ord(ch) * (i + 1) for i, ch in enumerate(name)) % 100000
    ascii_part = re.sub(r"[^a-z0-9]+", "-", name.lower()).strip("-")
    return ascii_part[:40] or f"series-{digest:05d}"


def _derive(series: Series) -> Series:
    if len(series.points) < 2:
        return Series(**{**series.__dict__, "flags": tuple(_conflicts(series))})
    first, last = series.points[0], series.points[-1]
    years = int(last.period) - int(first.period)
    change = last.value - first.value
    pct = change / first.value * 100 if first.value else None
    cagr = ((last.value / first.value) ** (1 / years) - 1) * 100 if first.value > 0 and last.value > 0 and years else None
    flags = _conflicts(series) + _rate_flags(series, pct, cagr, first.period, last.period)
    return Series(**{**series.__dict__, "change": change, "pct_change": pct, "cagr": cagr, "flags": tuple(flags)})


def _conflicts(series: Series) -> list[str]:
    flags = []
    for point in series.points:
        if point.conflict:
            stated = "; ".join(f"{i.value}{i.unit} ({i.origin})" for i in point.indicators)
            flags.append(f"{series.name} {point.period}: sources disagree: {stated}")
    return flags


def _rate_flags(series: Series, pct: float | None, cagr: float | None, start: str, end: str) -> list[str]:
    flags = []
    for rate in series.stated_rates:
        if rate.period != f"{start}-{end}":
            continue
        annual = "年均" in rate.measure or "annual" in rate.measure.lower()
        computed = cagr if annual else pct
        if computed is None or abs(computed - rate.number) <= _RATE_TOLERANCE:
            continue
        what = "年均增长" if annual else "增长"
        reason = ("the stated rate is likely real growth at constant prices; the computed one is nominal"
                  if annual and computed > rate.number else "the stated figures are rounded or differ in basis")
        flags.append(f"{series.name} {start}-{end}: stated {what} {rate.value}{rate.unit}, "
                     f"computed {computed:.1f}% from the levels ({reason})")
    return flags


def implied_bases(indicators: tuple[Indicator, ...]) -> dict[Indicator, float]:
    """For "X, 较2019年增长37%" with no 2019 level stated: the base it implies, in X's unit."""
    levels = {(i.name, i.period): i for i in indicators if i.kind == "level"}
    implied = {}
    for rate in indicators:
        found = re.search(r"((?:19|20)\d\d)年", rate.measure)
        if rate.kind != "rate" or not found or "年均" in rate.measure:
            continue
        end = rate.period.split("-")[-1]
        level = levels.get((rate.name, end))
        if level and (rate.name, found.group(1)) not in levels:
            implied[rate] = level.number / (1 + rate.number / 100)
    return implied


def narratives(series: tuple[Series, ...], indicators: tuple[Indicator, ...], language: str) -> tuple[str, ...]:
    """Sentences from the computed figures. Values keep the source's precision; rates one decimal."""
    found = [_narrate(s, language) for s in series if s.change is not None]
    for rate, base in implied_bases(indicators).items():
        start = re.search(r"((?:19|20)\d\d)年", rate.measure).group(1)
        level = next(i for i in indicators if i.kind == "level" and i.name == rate.name and i.period == rate.period.split("-")[-1])
        if language == "zh":
            found.append(f"{level.label}{level.period}年为{level.value}{level.unit}，较{start}年增长{rate.value}{rate.unit}，"
                         f"据此推算{start}年约为{base:.1f}{level.unit}。")
        else:
            found.append(f"{rate.name} was {level.value} {level.unit} in {level.period}, {rate.value}{rate.unit} above {start}, "
                         f"which implies about {base:.1f} {level.unit} in {start}.")
    return tuple(found)


def _narrate(series: Series, language: str) -> str:
    first, last = series.points[0], series.points[-1]
    v0, v1 = _as_written(first), _as_written(last)
    label = next((i.label for p in series.points for i in p.indicators if i.region), series.name)
    if language == "zh":
        verb = "增至" if series.change >= 0 else "降至"
        text = f"{label}由{first.period}年的{v0}{series.unit}{verb}{last.period}年的{v1}{series.unit}"
        if series.pct_change is not None:
            text += f"，{'增长' if series.pct_change >= 0 else '下降'}{abs(series.pct_change):.1f}%"
        if series.cagr is not None:
            text += f"，年均名义增长{series.cagr:.1f}%"
        return text + "。"
    verb = "rose" if series.change >= 0 else "fell"
    text = f"{series.name} {verb} from {v0} {series.unit} in {first.period} to {v1} {series.unit} in {last.period}"
    if series.pct_change is not None:
        text += f", a change of {series.pct_change:+.1f}%"
    if series.cagr is not None:
        text += f" ({series.cagr:.1f}% a year, nominal)"
    return text + "."


def _as_written(point: Point) -> str:
    return f"{round(point.value, 2):g}"
